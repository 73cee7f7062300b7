/**
 * A participant's programme schedule: effective-dated weekly plans (weekday →
 * sessions in Europe/Oslo local time) with dated exceptions (a cancelled day,
 * changed hours), minus Norwegian public holidays. From it come the
 * programme days of a month and their planned minutes: the `days` of a case
 * (case-format.md: days not listed are not programme days).
 *
 * Precedence for one date: a dated exception wins (a CHANGED day is held even
 * on a public holiday, because an adviser set it explicitly); otherwise a
 * public holiday is no programme day; otherwise the weekly plan in force.
 */
import * as z from 'zod';
import { dayNumber, datesOfMonth, isValidIsoDate, monthInfo } from '../calendar.js';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const sessionSchema = z
  .strictObject({
    start: z.string().regex(HH_MM, { message: 'must be a local time HH:MM' }),
    end: z.string().regex(HH_MM, { message: 'must be a local time HH:MM' }),
  })
  .refine((s) => s.start < s.end, { message: '`end` must be after `start`', path: ['end'] });

const sessions = z.array(sessionSchema).max(6);
const isoDate = z.string().refine(isValidIsoDate, { message: 'must be a calendar date YYYY-MM-DD' });

export const weeklyPlanSchema = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, sessions.optional()])) as Record<Weekday, z.ZodOptional<typeof sessions>>);

export const scheduleExceptionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ date: isoDate, kind: z.literal('CANCELLED') }),
  z.strictObject({ date: isoDate, kind: z.literal('CHANGED'), sessions: sessions.min(1) }),
]);

export const scheduleSchema = z
  .strictObject({
    plans: z.array(z.strictObject({ from: isoDate, weekly: weeklyPlanSchema })).max(100),
    exceptions: z.array(scheduleExceptionSchema).max(2000),
  })
  .superRefine((s, ctx) => {
    const froms = new Set<string>();
    s.plans.forEach((p, i) => {
      if (froms.has(p.from)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'from'], message: 'two plans start on the same date' });
      froms.add(p.from);
    });
    const dates = new Set<string>();
    s.exceptions.forEach((e, i) => {
      if (dates.has(e.date)) ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'date'], message: 'two exceptions for the same date' });
      dates.add(e.date);
    });
  });

export type Session = z.output<typeof sessionSchema>;
export type WeeklyPlan = z.output<typeof weeklyPlanSchema>;
export type ScheduleException = z.output<typeof scheduleExceptionSchema>;
export type Schedule = z.output<typeof scheduleSchema>;

export const EMPTY_SCHEDULE: Schedule = { plans: [], exceptions: [] };

/** Minutes since local midnight, [start, end). */
export interface Interval {
  start: number;
  end: number;
}

export function minuteOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** 1970-01-01 was a Thursday. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(((dayNumber(date) + 3) % 7) + 7) % 7]!;
}

/** Sessions as sorted, merged intervals: overlapping or touching sessions count once. */
export function mergeSessions(list: readonly Session[]): Interval[] {
  const sorted = list.map((s) => ({ start: minuteOf(s.start), end: minuteOf(s.end) })).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export const plannedMinutesOf = (intervals: readonly Interval[]): number => intervals.reduce((n, i) => n + i.end - i.start, 0);

export type DayKind = 'PLANNED' | 'CHANGED' | 'CANCELLED' | 'PUBLIC_HOLIDAY' | 'NO_SESSIONS' | 'NO_PLAN';

export interface ScheduledDate {
  date: string;
  kind: DayKind;
  /** Empty unless kind is PLANNED or CHANGED. */
  sessions: Interval[];
  plannedMinutes: number;
}

/** The weekly plan in force on a date: the one with the latest `from` on or before it. */
function planOn(date: string, schedule: Schedule): WeeklyPlan | undefined {
  let best: { from: string; weekly: WeeklyPlan } | undefined;
  for (const p of schedule.plans) if (p.from <= date && (best === undefined || p.from > best.from)) best = p;
  return best?.weekly;
}

/** What the schedule says about one date. `isHoliday` is injected so tests can fix it. */
export function scheduleOn(date: string, schedule: Schedule, isHoliday: (date: string) => boolean): ScheduledDate {
  const exception = schedule.exceptions.find((e) => e.date === date);
  if (exception?.kind === 'CANCELLED') return { date, kind: 'CANCELLED', sessions: [], plannedMinutes: 0 };
  if (exception?.kind === 'CHANGED') {
    const merged = mergeSessions(exception.sessions);
    return { date, kind: 'CHANGED', sessions: merged, plannedMinutes: plannedMinutesOf(merged) };
  }
  if (isHoliday(date)) return { date, kind: 'PUBLIC_HOLIDAY', sessions: [], plannedMinutes: 0 };
  const weekly = planOn(date, schedule);
  if (weekly === undefined) return { date, kind: 'NO_PLAN', sessions: [], plannedMinutes: 0 };
  const merged = mergeSessions(weekly[weekdayOf(date)] ?? []);
  if (merged.length === 0) return { date, kind: 'NO_SESSIONS', sessions: [], plannedMinutes: 0 };
  return { date, kind: 'PLANNED', sessions: merged, plannedMinutes: plannedMinutesOf(merged) };
}

/** The programme days of a month (YYYY-MM), in date order, each with planned minutes > 0. */
export function programmeDays(period: string, schedule: Schedule, isHoliday: (date: string) => boolean): ScheduledDate[] {
  return datesOfMonth(monthInfo(period))
    .map((d) => scheduleOn(d, schedule, isHoliday))
    .filter((d) => d.plannedMinutes > 0);
}
