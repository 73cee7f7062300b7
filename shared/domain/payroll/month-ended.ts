/**
 * A month is computed when it has ended (benefit-rules.md §§ 1, 4; the
 * benefit is paid monthly in arrears, IL § 20): a run started earlier would
 * count the programme days still ahead as unexcused absence, since no check-in
 * can exist for them yet. The first day a month's run can start is the 1st of
 * the next month, in Europe/Oslo (dates in the rules are Oslo dates).
 */
import { addDays, monthInfo } from '../calendar.js';

/** The first Europe/Oslo date on which a run for `period` (YYYY-MM) may start. */
export function firstRunDay(period: string): string {
  return addDays(monthInfo(period).last, 1);
}

/** Null when a run for `period` may start on `osloToday`; otherwise the first day it may. */
export function runNotYetAllowed(period: string, osloToday: string): string | null {
  const first = firstRunDay(period);
  return osloToday < first ? first : null;
}
