/**
 * Instants to Europe/Oslo wall-clock time (benefit-rules.md §1: dates are
 * Europe/Oslo calendar dates; schedules are local times). Pure: Intl with a
 * fixed zone is deterministic, and nothing here reads the clock.
 */

const OSLO = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface OsloTime {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Seconds since local midnight (wall clock). */
  secondOfDay: number;
}

export function osloTime(instantMs: number): OsloTime {
  const p: Record<string, string> = {};
  for (const part of OSLO.formatToParts(instantMs)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    secondOfDay: Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second),
  };
}

/** The Oslo calendar date of an ISO instant (with offset or Z). */
export function osloDateOf(iso: string): string {
  return osloTime(Date.parse(iso)).date;
}
