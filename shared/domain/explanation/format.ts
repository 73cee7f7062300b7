/**
 * Formatting for one language: compiled ICU messages, amounts, dates,
 * durations and lists.
 *
 * Speed (quality.md P1: ≥ 10 000 decisions/s on one core with nb and en
 * rendered): each message is compiled once, each Intl formatter is built
 * once, and whatever repeats across the decisions of a run (a day's line, a
 * rule's text, the rates of a G and factor) is remembered under the values it
 * depends on. Every remembered text is a pure function of its key, so
 * remembering never changes the output; the caches are bounded.
 */
import type { Formatters } from 'intl-messageformat';
import { IntlMessageFormat } from 'intl-messageformat';
import { isValidIsoDate } from '../calendar.js';
import { ExplanationError } from './errors.js';
import type { LanguagePack, MessageId } from './messages/index.js';

export type MessageArgs = Readonly<Record<string, string | number>>;

/** A memo key part: values taken from the decision as they are, no key string is built. */
export type MemoKey = string | number | boolean | undefined;

/**
 * Nodes in the memo trie before it is emptied. The trie holds texts with few
 * distinct keys (rates, rules, reasons, counters), which a run repeats.
 */
export const MEMO_LIMIT = 16_384;
/** Entries per date, duration or amount cache before it is emptied. */
export const CACHE_LIMIT = 2048;

/** Minutes in a day + 1: planned and present minutes are 0–1440. */
const MINUTES_KEY = 1441;

type Trie = Map<unknown, unknown>;
const VALUE = Symbol('value');

function remember<K>(cache: Map<K, string>, key: K, compute: (key: K) => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}

/**
 * intl-messageformat joins the parts of a message with `+=`, which V8 keeps
 * as a tree of pieces (a rope); every later `join` of such a line walks the
 * tree again, and remembered lines are joined into thousands of texts.
 * Reading one character makes V8 copy the rope into one flat string, once.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Milliseconds since the epoch of an ISO date at 00:00 UTC; a bad date is an error naming it. */
function utc(iso: string): number {
  if (!isValidIsoDate(iso)) throw new ExplanationError('INVALID_DATE', `"${iso}" is not a calendar date (YYYY-MM-DD)`);
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** An element of a message as intl-messageformat's parser returns it. */
type AstElement = ReturnType<IntlMessageFormat['getAst']>[number];

/**
 * A message reduced to what it is made of when it has only text, plain
 * arguments and selects: then placing the arguments is all formatting does.
 */
type Piece = string | { readonly arg: string } | { readonly select: string; readonly options: ReadonlyMap<string, readonly Piece[]>; readonly other: readonly Piece[] };

// Element types of @formatjs/icu-messageformat-parser (its `TYPE` enum).
const LITERAL = 0;
const ARGUMENT = 1;
const SELECT = 5;

/** The pieces of a message, or null when it uses anything else (plural, `#`, number, date, tags). */
function piecesOf(ast: readonly AstElement[]): Piece[] | null {
  const pieces: Piece[] = [];
  for (const el of ast) {
    if (el.type === LITERAL) pieces.push(el.value);
    else if (el.type === ARGUMENT) pieces.push({ arg: el.value });
    else if (el.type === SELECT && 'options' in el) {
      const options = new Map<string, readonly Piece[]>();
      for (const [key, option] of Object.entries(el.options)) {
        const inner = piecesOf(option.value);
        if (inner === null) return null;
        options.set(key, inner);
      }
      // The parser requires an `other` clause in every select.
      pieces.push({ select: el.value, options, other: options.get('other')! });
    } else return null;
  }
  return pieces;
}

function argument(args: MessageArgs | undefined, name: string, id: string): string | number {
  const value = args?.[name];
  if (value === undefined) throw new ExplanationError('MISSING_ARGUMENT', `message "${id}" needs the argument "${name}"`);
  return value;
}

/**
 * Places the arguments, as intl-messageformat does for these elements (a
 * unit test compares the two on every message of every catalogue), without
 * its intermediate parts arrays: the renderer formats some 40 messages per
 * decision, and those arrays were a third of its time.
 */
function place(pieces: readonly Piece[], args: MessageArgs | undefined, id: string): string {
  let out = '';
  for (const p of pieces) {
    if (typeof p === 'string') out += p;
    else if ('arg' in p) out += argument(args, p.arg, id);
    else out += place(p.options.get(String(argument(args, p.select, id))) ?? p.other, args, id);
  }
  return out;
}

/** Amounts (øre) on which the integer formatting is checked against Intl for a language's number locale. */
const AMOUNT_PROBES = [0, 7, -7, 99, -100, 12_345, 99_999, 100_000, -221_430, 123_456_789, 900_719_925_474_099];

export class LanguageFormatter {
  readonly pack: LanguagePack;
  /** True when the integer formatting of amounts gives exactly what Intl gives for this locale. */
  readonly fastAmounts: boolean;
  private readonly compiled = new Map<MessageId, (args: MessageArgs | undefined) => string>();
  private readonly messageFormatters: Formatters;
  private readonly amountFormat: Intl.NumberFormat;
  private readonly group: string = '';
  private readonly decimal: string = '';
  private readonly minus: string = '';
  private readonly listFormat: Intl.ListFormat;
  private readonly longDateFormat: Intl.DateTimeFormat;
  private readonly shortDateFormat: Intl.DateTimeFormat;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly monthYearFormat: Intl.DateTimeFormat;
  private readonly longDates = new Map<string, string>();
  private readonly shortDates = new Map<string, string>();
  private readonly days = new Map<string, string>();
  private readonly months = new Map<string, string>();
  private readonly monthYears = new Map<string, string>();
  private readonly durations = new Map<number, string>();
  private readonly amounts = new Map<number, string>();
  private readonly statics = new Map<MessageId, string>();
  private readonly dayLines = new Map<string, Map<number, string>>();
  private readonly trie: Trie = new Map();
  private trieNodes = 0;

  constructor(pack: LanguagePack) {
    this.pack = pack;
    const { locale } = pack;
    // Messages use plain arguments, select and cardinal plural only (a unit
    // test checks every catalogue), so one number format and one set of
    // plural rules serve every message; intl-messageformat's own memoising
    // formatters would build a JSON key on every plural.
    const numbers = new Intl.NumberFormat(locale);
    const plurals = new Intl.PluralRules(locale);
    const utcDates = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' });
    this.messageFormatters = { getNumberFormat: () => numbers, getPluralRules: () => plurals, getDateTimeFormat: () => utcDates };
    this.amountFormat = new Intl.NumberFormat(pack.numberLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    for (const part of this.amountFormat.formatToParts(-1_234_567.5)) {
      if (part.type === 'group') this.group = part.value;
      else if (part.type === 'decimal') this.decimal = part.value;
      else if (part.type === 'minusSign') this.minus = part.value;
    }
    this.fastAmounts = AMOUNT_PROBES.every((ore) => this.integerAmount(ore) === this.intlAmount(ore));
    this.listFormat = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    const date = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    this.longDateFormat = date({ day: 'numeric', month: 'long', year: 'numeric' });
    this.shortDateFormat = date({ day: 'numeric', month: 'long' });
    this.dayFormat = date({ day: 'numeric' });
    this.monthYearFormat = date({ month: 'long', year: 'numeric' });
  }

  /** The message `id` with its arguments. */
  t(id: MessageId, args?: MessageArgs): string {
    let message = this.compiled.get(id);
    if (message === undefined) {
      message = this.compile(id);
      this.compiled.set(id, message);
    }
    return flat(message(args));
  }

  /** Parses the message with intl-messageformat once; see `place` for the messages it need not format itself. */
  private compile(id: MessageId): (args: MessageArgs | undefined) => string {
    const messages = this.pack.messages;
    // Ids are built from decision values (`calendar.${status}`); a value the
    // catalogue does not know is bad input, not a silent blank.
    if (!Object.hasOwn(messages, id))
      throw new ExplanationError('UNKNOWN_MESSAGE', `no message "${id}" in the ${this.pack.lang} catalogue: unknown status, reason, category or code`);
    const message = new IntlMessageFormat(messages[id], this.pack.locale, undefined, { formatters: this.messageFormatters });
    const pieces = piecesOf(message.getAst());
    if (pieces !== null) return (args) => place(pieces, args, id);
    // With string and number arguments only, intl-messageformat returns one string.
    return (args) => message.format(args) as string;
  }

  /** The same message through IntlMessageFormat.format alone: the reference `t` is tested against. */
  reference(id: MessageId, args?: MessageArgs): string {
    return new IntlMessageFormat(this.pack.messages[id], this.pack.locale, undefined, { formatters: this.messageFormatters }).format(args) as string;
  }

  /** A message without arguments. */
  s(id: MessageId): string {
    let text = this.statics.get(id);
    if (text === undefined) {
      text = this.t(id);
      this.statics.set(id, text);
    }
    return text;
  }

  /**
   * A line, or a block of lines, remembered under `keys`: the message it
   * comes from and every value its text depends on. The keys walk a trie of
   * Maps, so a lookup builds no key string.
   */
  memo<T extends string | readonly string[]>(keys: readonly MemoKey[], compute: () => T): T {
    if (this.trieNodes >= MEMO_LIMIT) {
      this.trie.clear();
      this.trieNodes = 0;
    }
    let node = this.trie;
    for (const key of keys) {
      let next = node.get(key) as Trie | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(key, next);
        this.trieNodes++;
      }
      node = next;
    }
    let value = node.get(VALUE) as T | undefined;
    if (value === undefined) {
      value = compute();
      node.set(VALUE, value);
    }
    return value;
  }

  /**
   * A calendar day's line, which depends on the date, the status (as
   * `statusIndex`) and the planned and present minutes (whole, 0–1440:
   * checked with the decision). Keyed by the date string the decision holds
   * and one number, so a lookup builds nothing, and a miss costs one Map
   * entry (unlike the trie, which would grow a branch per minute count).
   */
  dayLine<D extends { date: string; plannedMinutes: number; presentMinutes: number }>(
    day: D,
    statusIndex: number,
    compute: (f: LanguageFormatter, day: D) => string,
  ): string {
    const date = day.date;
    let byDate = this.dayLines.get(date);
    if (byDate === undefined) {
      if (this.dayLines.size >= CACHE_LIMIT) this.dayLines.clear();
      byDate = new Map();
      this.dayLines.set(date, byDate);
    }
    const key = (statusIndex * MINUTES_KEY + day.plannedMinutes) * MINUTES_KEY + day.presentMinutes;
    let line = byDate.get(key);
    if (line === undefined) {
      if (byDate.size >= CACHE_LIMIT) byDate.clear();
      line = compute(this, day);
      byDate.set(key, line);
    }
    return line;
  }

  /**
   * Integer øre as `NOK 2 214,30`, never through a binary float. In a right-to-left
   * language the amount is a left-to-right isolate (U+2066 … U+2069), so it reads
   * `NOK 2 214,30` inside Arabic text and does not turn the line's direction.
   */
  amount(ore: number): string {
    return remember(this.amounts, ore, this.isolated);
  }

  private readonly isolated = (ore: number): string => {
    const text = this.fastAmounts ? this.integerAmount(ore) : this.intlAmount(ore);
    return this.pack.direction === 'rtl' ? `\u2066${text}\u2069` : text;
  };

  /** Kroner grouped by thousands with the locale's separators, øre appended: integers only. */
  private readonly integerAmount = (ore: number): string => {
    const negative = ore < 0;
    const abs = negative ? -ore : ore;
    const o = abs % 100;
    const digits = String((abs - o) / 100);
    let end = digits.length;
    let grouped = '';
    while (end > 3) {
      grouped = this.group + digits.slice(end - 3, end) + grouped;
      end -= 3;
    }
    return flat(`${this.pack.currencyPrefix}${negative ? this.minus : ''}${digits.slice(0, end)}${grouped}${this.decimal}${o < 10 ? '0' : ''}${o}`);
  };

  /** The same through Intl, from a decimal string (exact), for locales the integer path does not match. */
  private readonly intlAmount = (ore: number): string => {
    const negative = ore < 0;
    const abs = negative ? -ore : ore;
    const o = abs % 100;
    // A decimal string such as "-2214.30"; TypeScript cannot see that it is numeric.
    const decimal = `${negative ? '-' : ''}${(abs - o) / 100}.${o < 10 ? '0' : ''}${o}` as `${number}`;
    return this.pack.currencyPrefix + this.amountFormat.format(decimal);
  };

  /** `29 October 2026` / `29. oktober 2026`. */
  date(iso: string): string {
    return remember(this.longDates, iso, this.formatLongDate);
  }

  private readonly formatLongDate = (iso: string): string => this.longDateFormat.format(utc(iso));

  /** `29 October` when `iso` is in `year` (the decision's), the full date otherwise. */
  dateIn(iso: string, year: string): string {
    return iso.startsWith(year) ? remember(this.shortDates, iso, (d) => this.shortDateFormat.format(utc(d))) : this.date(iso);
  }

  /** `October 2026` for a period `2026-10`. */
  monthYear(period: string): string {
    return remember(this.monthYears, period, (p) => this.monthYearFormat.format(utc(`${p}-01`)));
  }

  /**
   * Dates as compactly as they read: `29 and 30 October` when they share a
   * month, `30 September and 1 October` otherwise; the year only when it is
   * not the decision's. `dates` is not empty (checked with the decision).
   */
  dates(dates: readonly string[], year: string): string {
    const first = dates[0]!;
    const month = first.slice(0, 7);
    let sameMonth = true;
    for (const d of dates) if (!d.startsWith(month)) sameMonth = false;
    if (!sameMonth) return this.list(dates.map((d) => this.dateIn(d, year)));
    const days = this.list(dates.map((d) => remember(this.days, d, (x) => this.dayFormat.format(utc(x)))));
    const monthName = first.startsWith(year) ? remember(this.months, month, this.monthOfDate) : this.monthYear(month);
    return this.t('format.daysOfMonth', { days, month: monthName });
  }

  /**
   * The month's name as it stands after a day number ("29 жовтня": Ukrainian
   * uses the genitive there, not the standalone "жовтень").
   */
  private readonly monthOfDate = (month: string): string =>
    // A day-and-month format always has a month part.
    this.shortDateFormat.formatToParts(utc(`${month}-01`)).find((p) => p.type === 'month')!.value;

  /** Whole minutes (checked with the decision) as `7 h 30 min` / `7 t 30 min`. */
  duration(minutes: number): string {
    return remember(this.durations, minutes, this.formatDuration);
  }

  private readonly formatDuration = (m: number): string => this.t('format.duration', { hours: (m - (m % 60)) / 60, minutes: m % 60 });

  /** `a, b and c` in the language; one item is itself. */
  list(items: readonly string[]): string {
    return items.length === 1 ? items[0]! : flat(this.listFormat.format(items));
  }
}
