/**
 * Leave as NIR registers it (forskrift om nasjonalt introduksjonsregister:
 * permisjon with kind, from, to and the date it was granted). Two sources:
 *
 * - approved absence records of a leave category (velferdspermisjon, ferie,
 *   svangerskap, fødsel; benefit-rules.md § 4), one record a day: the days of
 *   one kind approved on the same date are one leave while they follow each
 *   other (a weekend between them does not split it);
 * - unpaid leave (omsorgspermisjon, long illness by decision) on the
 *   participant's file, a date range decided by an adviser: the decision date
 *   is the day the range was first saved on the file.
 *
 * Illness is absence, not leave: it is reported as absence extent only
 * (absence-extent.ts), without its kind.
 */
import { dayNumber, type DateRange } from '../calendar.js';
import type { AbsenceStatus, Category } from '../decision.js';
import { osloDateOf } from '../attendance/oslo-time.js';

export const LEAVE_KINDS = ['WELFARE_LEAVE', 'VACATION', 'PREGNANCY', 'BIRTH_MOTHER', 'BIRTH_FATHER', 'UNPAID_LEAVE'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export interface LeaveAbsenceInput {
  date: string;
  category: Category;
  status: AbsenceStatus;
  /** The record's status history: `at` an ISO instant, `to` the status it moved to. */
  history: readonly { at: string; to: AbsenceStatus }[];
}

export interface UnpaidLeaveInput extends DateRange {
  /** ISO instant the range was first saved on the participant's file; null when the file's history does not show it. */
  decidedAt: string | null;
}

export interface LeavePeriod {
  kind: LeaveKind;
  from: string;
  /** Inclusive; null = open-ended (unpaid leave without an end yet). */
  to: string | null;
  /** Oslo date of the decision; null when no decision date is on record. */
  decisionDate: string | null;
}

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isLeaveKind = (c: Category): c is LeaveKind => (LEAVE_KINDS as readonly string[]).includes(c);

/** Oslo date of the last move to APPROVED (a record approved, rejected and approved again counts from its last approval). */
export function approvalDate(history: LeaveAbsenceInput['history']): string | null {
  const last = history.filter((h) => h.to === 'APPROVED').at(-1);
  return last === undefined ? null : osloDateOf(last.at);
}

/** True when `b` follows `a` with only Saturdays and Sundays between them. */
export function follows(a: string, b: string): boolean {
  const start = dayNumber(a);
  const end = dayNumber(b);
  if (end <= start) return false;
  for (let n = start + 1; n < end; n++) {
    // 1970-01-01 (day 0) was a Thursday: (n + 4) % 7 is 0 on Sundays, 6 on Saturdays.
    const weekday = (n + 4) % 7;
    if (weekday !== 0 && weekday !== 6) return false;
  }
  return true;
}

export function leavePeriods(absences: readonly LeaveAbsenceInput[], unpaid: readonly UnpaidLeaveInput[]): LeavePeriod[] {
  const days = absences
    .filter((a) => a.status === 'APPROVED' && isLeaveKind(a.category))
    .map((a) => ({ kind: a.category as LeaveKind, date: a.date, decisionDate: approvalDate(a.history) }))
    .sort((x, y) => compare(x.kind, y.kind) || compare(x.date, y.date));
  const out: LeavePeriod[] = [];
  for (const d of days) {
    const open = out.at(-1);
    if (open !== undefined && open.kind === d.kind && open.decisionDate === d.decisionDate) {
      // A second record of the same day (part of the day each) adds no day.
      if (open.to === d.date) continue;
      if (follows(open.to!, d.date)) {
        open.to = d.date;
        continue;
      }
    }
    out.push({ kind: d.kind, from: d.date, to: d.date, decisionDate: d.decisionDate });
  }
  for (const u of unpaid) out.push({ kind: 'UNPAID_LEAVE', from: u.from, to: u.to, decisionDate: u.decidedAt === null ? null : osloDateOf(u.decidedAt) });
  return out.sort((x, y) => compare(x.from, y.from) || compare(x.kind, y.kind));
}

/** Whether a leave touches the dates [from, to]. */
export function overlaps(leave: Pick<LeavePeriod, 'from' | 'to'>, from: string, to: string): boolean {
  return leave.from <= to && (leave.to === null || leave.to >= from);
}
