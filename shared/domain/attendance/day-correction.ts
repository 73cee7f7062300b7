/**
 * An adviser's correction of a participant's past day (issue 8 item 4;
 * quality.md S12: time comes from the server, and every other change to a
 * past day is an adviser's correction with a reason). Benefit-rules.md §4
 * takes R, the present minutes, from check-ins; when the check-ins are wrong
 * (a forgotten check-out, a kiosk that was down, a tap on the wrong card) the
 * adviser states the day's present time instead, and says why.
 *
 * Check-in events are never edited: a correction is its own record, one
 * version per change, and the latest version of a date decides the day:
 * - `present: [...]`: the day's present time is these intervals (Europe/Oslo
 *   wall clock), counted like check-ins: only their overlap with the day's
 *   sessions, so R ≤ P holds as for check-ins;
 * - `present: []`: the participant was not there;
 * - `present: null`: the correction is withdrawn, the check-ins count again.
 * Every version stays, so the participant and the payroll see the history.
 */
import type { Interval } from '../schedule/schedule.js';
import { mergeSessions } from '../schedule/schedule.js';

export interface PresentInterval {
  /** Local time HH:MM. */
  from: string;
  /** Local time HH:MM, after `from`. */
  to: string;
}

export interface DayCorrection {
  date: string;
  /** 1, 2, …: a later version replaces the earlier ones of its date. */
  version: number;
  /** The day's present time; [] not present; null withdrawn (the check-ins count again). */
  present: readonly PresentInterval[] | null;
  reason: string;
  correctedAt: string;
  /** The role that corrected it (shown to the participant; never a name). */
  correctedByRole: string;
}

export type CorrectionInForce<C extends DayCorrection = DayCorrection> = C & { present: readonly PresentInterval[] };

/** The correction in force on each date: the latest version, unless that one withdrew it. */
export function correctionsInForce<C extends DayCorrection>(corrections: readonly C[]): Map<string, CorrectionInForce<C>> {
  const latest = new Map<string, C>();
  for (const c of corrections) {
    const seen = latest.get(c.date);
    if (seen === undefined || c.version > seen.version) latest.set(c.date, c);
  }
  const inForce = new Map<string, CorrectionInForce<C>>();
  for (const [date, c] of latest) if (c.present !== null) inForce.set(date, c as CorrectionInForce<C>);
  return inForce;
}

/** Present minutes of a corrected day: the stated intervals (merged, so an overlap counts once) within the day's sessions. */
export function correctedPresentMinutes(present: readonly PresentInterval[], sessions: readonly Interval[]): number {
  const stated = mergeSessions(present.map((p) => ({ start: p.from, end: p.to })));
  let minutes = 0;
  for (const p of stated) for (const s of sessions) minutes += Math.max(0, Math.min(p.end, s.end) - Math.max(p.start, s.start));
  return minutes;
}
