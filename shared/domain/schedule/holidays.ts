/**
 * Norwegian public holidays (helligdager and 1 and 17 May, lov om 1. og 17.
 * mai som høgtidsdager; helligdagsfredloven § 2), from the `date-holidays`
 * data for Norway. Only type `public` counts: bank days (Christmas Eve, New
 * Year's Eve) and observances are ordinary programme days unless the
 * schedule cancels them.
 */
import Holidays from 'date-holidays';

let norway: Holidays | undefined;
const byYear = new Map<number, ReadonlySet<string>>();

/** The public holidays of a year as ISO dates. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = byYear.get(year);
  if (set === undefined) {
    norway ??= new Holidays('NO');
    set = new Set(
      norway
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(year, set);
  }
  return set;
}

export function isPublicHoliday(date: string): boolean {
  return publicHolidays(Number(date.slice(0, 4))).has(date);
}
