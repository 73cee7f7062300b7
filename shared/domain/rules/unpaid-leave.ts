/**
 * Unpaid leave (permisjon uten stønad: omsorgspermisjon, long illness by
 * decision). Legal basis: integreringsforskriften § 15 (legal-basis.ts row
 * IL-UNPAID-LEAVE); integreringsloven § 20 pays the benefit for taking part in
 * the programme; leave without benefit is the adviser's decision on the
 * participant's file, not an absence report (benefit-rules.md §3). Each day of
 * leave is a line with reason code UNPAID_LEAVE.
 *
 * Each enrolled calendar day of leave is its own line, in date order, of
 * −min(D rounded, what is left of the base after the earlier leave lines), so
 * the leave lines together never exceed the base. When every enrolled day of
 * the month is leave, the last line takes all that is left, so the payout is
 * exactly 0: a whole February is the whole base (not 28 · D), a whole 31-day
 * month is the base (not 31 · D), and under P1 or P3 proration the enrolled
 * days on leave take the prorated base, whatever its rounding.
 *
 * Only the leave lines are capped: other deductions fall on other days and the
 * payout is floored at 0 (§1). A line can therefore be 0 (nothing left); it is
 * still written, so the calendar and the ledger list every day of leave.
 */
import type { DecisionLine } from '../decision.js';
import type { Fraction } from '../fraction.js';
import { roundHalfUp } from '../fraction.js';
import type { LineRuleMeta } from './legal-basis.js';

export const RULE = { id: 'IL-UNPAID-LEAVE', reasons: ['UNPAID_LEAVE'] } as const satisfies LineRuleMeta;

/**
 * The (negative or zero) amount of each leave day's line, in the order of
 * `leaveDays`.
 * @param leaveDays enrolled days of the month on unpaid leave
 * @param enrolledDays enrolled days of the month (leaveDays ≤ enrolledDays)
 */
export function unpaidLeaveAmounts(leaveDays: number, enrolledDays: number, daily: Fraction, baseOre: number): number[] {
  const dayOre = roundHalfUp(daily);
  const wholeMonthOnLeave = leaveDays === enrolledDays;
  const out: number[] = [];
  let left = baseOre;
  for (let i = 0; i < leaveDays; i++) {
    const size = wholeMonthOnLeave && i === leaveDays - 1 ? left : Math.min(dayOre, left);
    left -= size;
    out.push(0 - size); // 0 − x: a zero-size line is +0, never −0
  }
  return out;
}

/** One UNPAID_LEAVE line per enrolled day of leave, in date order, capped by the base. */
export function unpaidLeaveLines(leaveDates: readonly string[], enrolledDays: number, daily: Fraction, baseOre: number): DecisionLine[] {
  const amounts = unpaidLeaveAmounts(leaveDates.length, enrolledDays, daily, baseOre);
  return leaveDates.map((date, i) => ({
    date,
    kind: 'UNPAID_LEAVE',
    amountOre: amounts[i]!,
    provisional: false,
    rule: RULE.id,
    reasonCode: 'UNPAID_LEAVE',
  }));
}
