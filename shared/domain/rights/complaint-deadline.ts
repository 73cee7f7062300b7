/**
 * The complaint deadline (forvaltningsloven § 29 first paragraph): three
 * weeks from the time notice of the decision reached the party.
 *
 * "Made known" (choice, issue 12): a monthly decision reaches the
 * participant when the month's payroll run is released with that decision
 * version. Then the amount is paid and the explanation on the participant's
 * page says it is approved (before release the explanation says it awaits
 * approval and can still change). Made known is the Oslo date of that
 * release. A decision version not yet released has not been made known, so a
 * complaint about it cannot be late. A correction version is made known by
 * the release of the run that carries it, so it gets its own three weeks.
 *
 * Counting (fvl § 30 and domstolloven § 148, which forvaltningsrett follows for
 * fristberegning): the day of notice does not count; the deadline ends at the
 * end of the same weekday three weeks later; a deadline that ends on a
 * Saturday, Sunday or public holiday ends on the next working day
 * (domstolloven § 149 second paragraph). A complaint received (page: server
 * date in Oslo; paper: the date the municipality received it) on or before
 * that day is on time.
 *
 * A late complaint is recorded as late, never refused (fvl § 31: it may be
 * considered anyway). Pure.
 */
import { addDays } from '../calendar.js';
import { isPublicHoliday } from '../schedule/holidays.js';

export const COMPLAINT_DEADLINE_DAYS = 21;

/** Day of week, 0 = Sunday … 6 = Saturday, of an ISO date (UTC calendar arithmetic, no clock). */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function isWorkingDay(date: string): boolean {
  const d = weekday(date);
  return d !== 0 && d !== 6 && !isPublicHoliday(date);
}

/** The last day a complaint about a decision made known on `madeKnownOn` is on time. */
export function complaintDeadline(madeKnownOn: string): string {
  let last = addDays(madeKnownOn, COMPLAINT_DEADLINE_DAYS);
  while (!isWorkingDay(last)) last = addDays(last, 1);
  return last;
}

export interface Timeliness {
  late: boolean;
  /** The deadline, or null when the decision has not been made known yet (no deadline runs). */
  deadline: string | null;
}

/** Whether a complaint received on `receivedOn` about a decision made known on `madeKnownOn` (null: not yet) is late. */
export function complaintTimeliness(receivedOn: string, madeKnownOn: string | null): Timeliness {
  if (madeKnownOn === null) return { late: false, deadline: null };
  const deadline = complaintDeadline(madeKnownOn);
  return { late: receivedOn > deadline, deadline };
}
