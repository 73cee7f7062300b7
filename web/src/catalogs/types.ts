/** What one language's catalog holds: every text of the participant page and the kiosk, and of the parts they share. */
import type { RevisionCause } from '../../../shared/domain/payroll/explanation-versions.js';
import type { Key as KioskKey } from '../kiosk/messages.js';
import type { CalStatus } from '../lib/calendar.js';
import type { PageLang } from '../lib/i18n.js';
import type { Key as ParticipantKey } from '../participant/messages.js';
import type { RightsFormKey } from '../participant/rights.js';
import type { RightsKey } from '../lib/rights-cases.js';

export type Category = 'OWN_ILLNESS' | 'CHILD_ILLNESS' | 'WELFARE_LEAVE' | 'VACATION' | 'PREGNANCY' | 'BIRTH_MOTHER' | 'BIRTH_FATHER' | 'UNPAID_LEAVE';
export type ErrorKey = 'GENERAL' | 'NETWORK' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'VALIDATION_FAILED' | 'AUDIT_UNAVAILABLE' | 'OVERLOADED' | 'TOO_MANY_ATTEMPTS' | 'UNKNOWN_LANGUAGE';

export interface Catalog {
  lang: PageLang;
  /** Checked by a qualified translator? Until then the pages say, in this language, that the Norwegian text is binding (nb is the original). */
  checkedByTranslator: boolean;
  /** The notice shown while unchecked, and the link to the Norwegian text (empty for nb). */
  notice: { unchecked: string; readNorwegian: string };
  participant: Record<ParticipantKey, string>;
  kiosk: Record<KioskKey, string>;
  calendar: { status: Record<CalStatus, string>; short: Record<CalStatus, string>; dow: string[]; legend: string; category: Record<Category, string> };
  corrections: Record<'title' | 'none' | 'notThere' | 'withdrawn' | 'present' | 'reason' | 'by' | 'adviser', string>;
  history: { title: string; intro: string; current: string; version: string; paid: string; causes: Record<RevisionCause, string> };
  errors: Record<ErrorKey, string>;
  /** The participant page's "Corrections and complaints" tab (web/src/participant/rights.ts). */
  rights: Record<RightsFormKey, string>;
  /** A correction request's or complaint's card, on the participant's tab (and the adviser's, in nb or en). */
  rightsCase: Record<RightsKey, string>;
}
