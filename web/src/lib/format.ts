/** Norwegian (or English) formatting of money in øre, dates and times, in Europe/Oslo. */
import type { Lang } from './i18n.js';

/** Dates and times in the reader's language; Arabic with Western digits, as the amounts (Norwegian notation) have. */
const LOCALE: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB', uk: 'uk-UA', ar: 'ar-u-nu-latn' };
const locale = (lang: Lang): string => LOCALE[lang] ?? 'nb-NO';

/**
 * Kroner in Norwegian notation in every language (explanations.md: Norwegian
 * number and currency formatting; the explanation texts write amounts so, and
 * the page agrees with them). Øre are integers; /100 is exact to two decimals.
 */
export function nok(ore: number, _lang?: Lang): string {
  return new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK', minimumFractionDigits: 2 }).format(ore / 100);
}

export function time(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo' }).format(new Date(iso));
}

export function dateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(iso));
}

/** A calendar date YYYY-MM-DD, read as that day (no time zone shift). */
export function day(date: string, lang: Lang, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = date.split('-').map(Number);
  const opts: Intl.DateTimeFormatOptions = style === 'long' ? { weekday: 'long', day: 'numeric', month: 'long' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(locale(lang), { ...opts, timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

export function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/** Today's date and this month in Europe/Oslo. */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The device's local time as ISO 8601 with its offset (the API wants the device's wall clock). */
export function deviceTimeNow(now: Date = new Date()): string {
  const off = -now.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}T${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}
