/**
 * Retention schedule (issue 12 item 5; GDPR art. 5(1)(c) and (e): data
 * minimisation and storage limitation; docs/retention.md). What is kept, and
 * for how long, is policy: defaults below with their reasons. A run computes
 * its plan from dates alone (this function), then the adapters apply it.
 *
 * A month is **final** when nothing can change its decision any more:
 * - its run is released (the decision is made known to the participant);
 * - the complaint deadline has passed: three weeks from when it was made
 *   known (forvaltningsloven § 29; the release date is taken as that day),
 *   and no complaint about the month is still open;
 * - the correction window has passed: a later run may recompute a released
 *   month for `correctionLookbackMonths` after it (benefit-rules.md § 8), and
 *   that recomputation reads the raw check-ins.
 * Then the raw kiosk metadata of the month's check-ins (device id, the
 * device's own clock reading, an app's claimed time) and the text of its
 * correction requests are minimised. The instant a check-in counts at is
 * kept: it is the attendance record itself.
 *
 * Health detail (the kind of illness or pregnancy, and its documentation) is
 * kept while a quota rule can still read it: the 12-month windows of
 * self-certification, child's illness and leave caps (benefit-rules.md §§ 5, 6
 * and 4) of any month that can still be computed or recomputed, i.e. 12
 * months plus the correction window after the absence, and its month final.
 *
 * Stored decisions are never minimised: their input snapshot is the case
 * record (arkivlova) and what makes each decision reproducible.
 */
import { addDays } from '../calendar.js';
import { addMonths, lastDayOfMonth } from './nir-deadline.js';
import { compare } from './leave-periods.js';

export interface RetentionPolicy {
  complaintDeadlineDays: number;
  correctionLookbackMonths: number;
  healthWindowMonths: number;
}

/** Defaults: fvl § 29 (three weeks), the correction window's default (correction-window.ts), the quotas' 12 months. */
export const DEFAULT_RETENTION: RetentionPolicy = { complaintDeadlineDays: 21, correctionLookbackMonths: 6, healthWindowMonths: 12 };

export const HEALTH_CATEGORIES: ReadonlySet<string> = new Set(['OWN_ILLNESS', 'CHILD_ILLNESS', 'PREGNANCY']);

export interface RetentionMonth {
  period: string;
  /** Oslo date the month's latest decision was released; null while not released. */
  releasedOn: string | null;
  openComplaint: boolean;
}

export interface RetentionInput {
  /** Oslo date of the run. */
  today: string;
  policy: RetentionPolicy;
  months: readonly RetentionMonth[];
  /** Check-ins not yet minimised: id and Oslo date. */
  events: readonly { eventId: string; date: string }[];
  /** Absence records with health detail not yet minimised. */
  absences: readonly { absenceId: string; date: string; category: string }[];
  /** Correction requests whose text is not yet minimised. */
  correctionRequests: readonly { requestId: string; period: string }[];
}

export interface RetentionPlan {
  finalMonths: string[];
  events: string[];
  absences: string[];
  correctionRequests: string[];
}

export function isFinal(m: RetentionMonth, today: string, p: RetentionPolicy): boolean {
  if (m.releasedOn === null || m.openComplaint) return false;
  return today > addDays(m.releasedOn, p.complaintDeadlineDays) && today > addMonths(lastDayOfMonth(m.period), p.correctionLookbackMonths);
}

export function retentionPlan(input: RetentionInput): RetentionPlan {
  const final = new Set(input.months.filter((m) => isFinal(m, input.today, input.policy)).map((m) => m.period));
  const healthMonths = input.policy.healthWindowMonths + input.policy.correctionLookbackMonths;
  const sorted = (ids: string[]) => ids.sort(compare);
  return {
    finalMonths: sorted([...final]),
    events: sorted(input.events.filter((e) => final.has(e.date.slice(0, 7))).map((e) => e.eventId)),
    absences: sorted(
      input.absences.filter((a) => HEALTH_CATEGORIES.has(a.category) && final.has(a.date.slice(0, 7)) && input.today > addMonths(a.date, healthMonths)).map((a) => a.absenceId),
    ),
    correctionRequests: sorted(input.correctionRequests.filter((r) => final.has(r.period)).map((r) => r.requestId)),
  };
}
