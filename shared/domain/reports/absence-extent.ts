/**
 * The extent of absence in a month, as NIR asks for it (integreringsloven
 * § 45 and forskrift om nasjonalt introduksjonsregister: the municipality
 * registers absence from the programme): hours absent and their share of the
 * planned hours, by category group. Groups carry no health detail: own and
 * child illness are one group, and the documentation (self-certification,
 * doctor's note) is never reported.
 *
 * Read from the month's stored decision (its calendar), so the figures are
 * exactly the ones the payout was computed from. Days outside enrolment and
 * days of unpaid leave are not planned programme time (the leave is reported
 * as leave).
 */
import type { CalendarDay, Category, DaySegment } from '../decision.js';

export const ABSENCE_GROUPS = ['ILLNESS', 'LEAVE', 'UNEXCUSED', 'PENDING'] as const;
export type AbsenceGroup = (typeof ABSENCE_GROUPS)[number];

export interface AbsenceExtent {
  plannedMinutes: number;
  presentMinutes: number;
  absentMinutes: number;
  byGroup: Record<AbsenceGroup, number>;
}

const LEAVE_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['WELFARE_LEAVE', 'VACATION', 'PREGNANCY', 'BIRTH_MOTHER', 'BIRTH_FATHER', 'UNPAID_LEAVE']);

/** The group of one judged portion of a day: by outcome first, then (excused only) leave or illness. */
export function groupOf(segment: Pick<DaySegment, 'outcome' | 'category'>): AbsenceGroup {
  switch (segment.outcome) {
    case 'UNEXCUSED':
      return 'UNEXCUSED';
    case 'WITHHELD':
    case 'PAID_PROVISIONALLY':
      return 'PENDING';
    case 'EXCUSED':
      // An excused portion always has a category (benefit-rules.md § 4: only a record excuses).
      return segment.category !== undefined && LEAVE_CATEGORIES.has(segment.category) ? 'LEAVE' : 'ILLNESS';
    default: {
      const never: never = segment.outcome;
      return never;
    }
  }
}

export function emptyGroups(): Record<AbsenceGroup, number> {
  return { ILLNESS: 0, LEAVE: 0, UNEXCUSED: 0, PENDING: 0 };
}

export function absenceExtent(calendar: readonly CalendarDay[]): AbsenceExtent {
  const byGroup = emptyGroups();
  let planned = 0;
  let present = 0;
  for (const day of calendar) {
    if (day.status === 'NOT_ENROLLED' || day.status === 'UNPAID_LEAVE') continue;
    planned += day.plannedMinutes;
    present += Math.min(day.presentMinutes, day.plannedMinutes);
    for (const s of day.segments) byGroup[groupOf(s)] += s.minutes;
  }
  const absent = ABSENCE_GROUPS.reduce((sum, g) => sum + byGroup[g], 0);
  return { plannedMinutes: planned, presentMinutes: present, absentMinutes: absent, byGroup };
}

/** Minutes as hours with two decimals ("7.50"): exact for whole minutes to the hundredth, rounded half up. */
export function hoursOf(minutes: number): string {
  const hundredths = Math.round((minutes * 100) / 60);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** A part of a whole as a percentage with one decimal ("12.5"); "0.0" when the whole is 0. */
export function percentOf(part: number, whole: number): string {
  if (whole <= 0) return '0.0';
  const tenths = Math.round((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
