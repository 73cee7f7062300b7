/**
 * Size of a deduction for unexcused (or withheld) minutes on one day.
 * Legal basis: integreringsloven § 21 (legal-basis.ts row IL-21: only approved
 * absence is paid); the
 * unit is municipal policy `deductionUnit` (benefit-rules.md §4): HOURLY
 * u · H / 60, DAILY D · u / P. The size is rounded half up, then made negative.
 */
import type { Fraction } from '../fraction.js';
import { div, frac, mul, roundHalfUp } from '../fraction.js';
import type { RuleMeta } from './legal-basis.js';

/** The size of a line; its reason code comes from the rule that refused the minutes. */
export const RULE = { id: 'IL-21', reasons: [] } as const satisfies RuleMeta;

export function deductionOre(
  unit: 'HOURLY' | 'DAILY',
  minutes: number,
  plannedMinutes: number,
  rates: { hourly: Fraction; daily: Fraction },
): number {
  const size =
    unit === 'HOURLY'
      ? div(mul(rates.hourly, frac(minutes)), frac(60))
      : div(mul(rates.daily, frac(minutes)), frac(plannedMinutes));
  return 0 - roundHalfUp(size); // 0 − x, not −x: a zero-size line is +0, never −0
}

