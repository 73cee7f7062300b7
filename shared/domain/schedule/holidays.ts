/**
 * Norwegian public holidays (helligdager and 1 and 17 May, lov om 1. og 17.
 * mai som høgtidsdager; helligdagsfredloven § 2), from the `date-holidays`
 * data for Norway. Only type `public` counts: bank days (Christmas Eve, New
 * Year's Eve) and observances are ordinary programme days unless the
 * schedule cancels them.
 *
 * The dates come from a table generated from the library
 * (norwegian-holidays.ts; a unit test compares it with `date-holidays` for
 * every year), so the functions do not bundle every country's rules.
 */
import { FIRST_HOLIDAY_YEAR, LAST_HOLIDAY_YEAR, NORWEGIAN_PUBLIC_HOLIDAYS } from './norwegian-holidays.js';

const byYear = new Map<number, ReadonlySet<string>>();

/** The public holidays of a year as ISO dates; a year outside the table is an error naming it. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = byYear.get(year);
  if (set === undefined) {
    const codes = NORWEGIAN_PUBLIC_HOLIDAYS[year - FIRST_HOLIDAY_YEAR];
    if (codes === undefined)
      throw new RangeError(`no Norwegian public holidays for year ${year} (the table covers ${FIRST_HOLIDAY_YEAR}–${LAST_HOLIDAY_YEAR}; run npm run gen:holidays)`);
    set = new Set(codes.split(' ').map((mmdd) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`));
    byYear.set(year, set);
  }
  return set;
}

export function isPublicHoliday(date: string): boolean {
  return publicHolidays(Number(date.slice(0, 4))).has(date);
}
