/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD). Dates in the rules are
 * Europe/Oslo calendar dates (benefit-rules.md §1); they carry no time of day,
 * so they are handled as day numbers and never touch a clock or a time zone.
 */

// test(), not exec(): no match array per date (every date of every case passes here).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

export function isValidIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const [y, mo, d] = parts(s);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in calendar days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** The same date a year earlier; 29 February becomes 28 February (benefit-rules.md §5). */
export function oneYearBefore(date: string): string {
  const [y, m, d] = parts(date);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 1).padStart(4, '0')}-${date.slice(5, 7)}-${String(day).padStart(2, '0')}`;
}

export interface MonthInfo {
  period: string;
  year: number;
  month: number;
  first: string;
  last: string;
  days: number;
}

export function monthInfo(period: string): MonthInfo {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const days = daysInMonth(year, month);
  return { period, year, month, first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}`, days };
}

/** Every calendar date of the month, in order. */
export function datesOfMonth(m: MonthInfo): string[] {
  const out: string[] = [];
  for (let d = 1; d <= m.days; d++) out.push(`${m.period}-${String(d).padStart(2, '0')}`);
  return out;
}

/** Completed years on `date` for someone born on `birthDate`. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(date);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export interface DateRange {
  from: string;
  /** Inclusive; null = open-ended. */
  to: string | null;
}

export function inRange(date: string, r: DateRange): boolean {
  return date >= r.from && (r.to === null || date <= r.to);
}

export function inAnyRange(date: string, ranges: readonly DateRange[]): boolean {
  return ranges.some((r) => inRange(date, r));
}
