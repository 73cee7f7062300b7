/**
 * Leave within caps: welfare leave (velferdspermisjon; cap is municipal policy
 * `welfareLeaveDaysPer12Months`, default none), vacation (≤ 25 days a calendar
 * year), pregnancy check-ups (≤ 10), birth: mother (≤ 20), father (≤ 7).
 * Legal basis: integreringsforskriften §§ 11–12 and its chapter 4 on leave
 * (legal-basis.ts row IF-LEAVE; benefit-rules.md §4). Caps other than vacation count accepted days in
 * (x − 1 year, x). Only approved leave reaches this rule.
 */
import { oneYearBefore } from '../calendar.js';
import type { LineRuleMeta } from './legal-basis.js';
import type { RuleParameters } from './parameters.js';
import type { Verdict } from './verdict.js';
import { EXCUSED } from './verdict.js';

export const RULE = { id: 'IF-LEAVE', reasons: ['LEAVE_CAP_EXCEEDED'] } as const satisfies LineRuleMeta;

export type LeaveCategory = 'WELFARE_LEAVE' | 'VACATION' | 'PREGNANCY' | 'BIRTH_MOTHER' | 'BIRTH_FATHER';
export const LEAVE_CATEGORIES: readonly LeaveCategory[] = ['WELFARE_LEAVE', 'VACATION', 'PREGNANCY', 'BIRTH_MOTHER', 'BIRTH_FATHER'];

export function leaveCap(category: LeaveCategory, welfareCap: number | null, caps: RuleParameters['leaveCaps']): number | null {
  return category === 'WELFARE_LEAVE' ? welfareCap : caps[category];
}

/**
 * Judges approved leave days of one category in date order.
 * @returns the set of accepted dates; a date not in it is over the cap.
 */
export function replayLeaveCap(category: LeaveCategory, dates: readonly string[], cap: number | null): Set<string> {
  const accepted: string[] = [];
  for (const x of [...new Set(dates)].sort()) {
    const used =
      category === 'VACATION'
        ? accepted.filter((d) => d.slice(0, 4) === x.slice(0, 4)).length
        : accepted.filter((d) => d > oneYearBefore(x)).length;
    if (cap === null || used < cap) accepted.push(x);
  }
  return new Set(accepted);
}

/** An approved leave day is paid when the cap accepted it, and unexcused (LEAVE_CAP_EXCEEDED) over the cap. */
export function leaveVerdict(accepted: ReadonlySet<string>, date: string): Verdict {
  return accepted.has(date) ? EXCUSED : { outcome: 'UNEXCUSED', reason: 'LEAVE_CAP_EXCEEDED' };
}
