/**
 * NIR's registration deadline: the municipality registers leave, absence and
 * complaints in the national introduction register within two months
 * (forskrift om nasjonalt introduksjonsregister; IMDi's guidance on NIR).
 * The clock starts at the event the record is about: the leave's decision,
 * the end of the month whose absence is reported, the complaint's receipt
 * and its outcome.
 */
import { daysInMonth } from '../calendar.js';

export const NIR_DEADLINE_MONTHS = 2;

/** date + n calendar months; a day that the target month lacks becomes its last day (31 Dec + 2 months = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function lastDayOfMonth(period: string): string {
  return `${period}-${String(daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)))).padStart(2, '0')}`;
}

export function nirDueDate(eventDate: string): string {
  return addMonths(eventDate, NIR_DEADLINE_MONTHS);
}
