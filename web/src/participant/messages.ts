/**
 * The participant page's texts: the keys, and the texts from each language's catalog
 * (web/src/catalogs/<lang>.ts; adding a language is one catalog file).
 */
import { CATALOGS } from '../catalogs/index.js';
import type { Messages, PageLang } from '../lib/i18n.js';

/**
 * The languages the explanation is written in (shared/domain/explanation/messages;
 * test/unit/web-catalogs.unit.test.ts checks the two lists agree): the page asks
 * for the file's language where it is one of them, else the binding Norwegian.
 */
export const EXPLANATION_LANGUAGES = ['nb', 'en', 'uk', 'ar'] as const;

/** Codes POST /absences refuses a report with, shown in the reader's language. */
export const REFUSALS = ['NO_CHILD_ON_FILE', 'NOT_A_PROGRAMME_DAY', 'NOT_ENROLLED_ON_DATE', 'ON_UNPAID_LEAVE_ON_DATE', 'MINUTES_EXCEED_PLANNED', 'ALREADY_REPORTED', 'DATE_OUT_OF_RANGE'] as const;
export type RefusalCode = (typeof REFUSALS)[number];

export type Key =
  | 'title'
  | 'nav'
  | 'month'
  | 'payout'
  | 'report'
  | 'access'
  | 'data'
  | 'signOut'
  | 'prev'
  | 'next'
  | 'provisional'
  | 'fromDecision'
  | 'loading'
  | 'absences'
  | 'noAbsences'
  | 'noDecision'
  | 'payoutFor'
  | 'explanation'
  | 'hints'
  | 'reportTitle'
  | 'ownIllness'
  | 'childIllness'
  | 'date'
  | 'wholeDay'
  | 'partDay'
  | 'minutes'
  | 'documentation'
  | 'selfCert'
  | 'doctorNote'
  | 'send'
  | 'reported'
  | 'reportHelp'
  | 'accessIntro'
  | 'noAccess'
  | 'when'
  | 'who'
  | 'why'
  | 'integrity'
  | 'verified'
  | 'broken'
  | 'unverified'
  | 'pending'
  | 'dataIntro'
  | 'download'
  | 'downloaded'
  | 'choosePeriod'
  | 'statusAPPROVED'
  | 'statusPENDING'
  | 'statusREJECTED'
  | 'kind'
  | 'refusedNO_CHILD_ON_FILE'
  | 'refusedNOT_A_PROGRAMME_DAY'
  | 'refusedNOT_ENROLLED_ON_DATE'
  | 'refusedON_UNPAID_LEAVE_ON_DATE'
  | 'refusedMINUTES_EXCEED_PLANNED'
  | 'refusedALREADY_REPORTED'
  | 'refusedDATE_OUT_OF_RANGE'
  | 'hoursAway'
  | 'hoursHelp'
  | 'doctorNoteWhere'
  | 'roleadviser'
  | 'rolepayroll'
  | 'roleadmin'
  | 'purposeOther'
  | 'rejectedBy'
  | 'purpose:participant-get'
  | 'purpose:participant-list'
  | 'purpose:participant-attendance'
  | 'purpose:participant-update'
  | 'purpose:participant-schedule'
  | 'purpose:participant-register'
  | 'purpose:participant-assign'
  | 'purpose:participant-access'
  | 'purpose:participant-kiosk-credential'
  | 'purpose:participant-kiosk-status'
  | 'purpose:kiosk-card-locked'
  | 'purpose:kiosk-lock-cleared'
  | 'purpose:absence-queue'
  | 'purpose:absence-review'
  | 'purpose:attendance-correction'
  | 'purpose:decision-list'
  | 'purpose:decision-read'
  | 'purpose:decision-explanation'
  | 'purpose:decision-resolution'
  | 'purpose:decision-review-queue'
  | 'purpose:decision-review-seen'
  | 'purpose:payroll-approval'
  | 'purpose:payroll-drill-down'
  | 'purpose:payroll-export';

export const MESSAGES = Object.fromEntries(CATALOGS.map((c) => [c.lang, c.participant])) as Messages<Key, PageLang>;
