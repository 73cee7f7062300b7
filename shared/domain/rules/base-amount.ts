/**
 * Base amount for the month. Legal basis: integreringsloven § 20 (monthly
 * payment; legal-basis.ts row POLICY-PRORATION); proration when enrolment starts or ends inside the month is
 * municipal policy `proration` (benefit-rules.md §3): P1 (default)
 * min(M, nEnrolled · D), P3 M · nEnrolled / daysInMonth.
 */
import type { Fraction } from '../fraction.js';
import { div, frac, min, mul, roundHalfUp } from '../fraction.js';
import type { BaseFacts } from '../decision.js';
import type { RuleMeta } from './legal-basis.js';

export const RULE = { id: 'POLICY-PRORATION', reasons: [] } as const satisfies RuleMeta;

export interface BaseAmount {
  baseOre: number;
  facts: BaseFacts;
}

export function baseAmount(
  monthly: Fraction,
  daily: Fraction,
  enrolledDays: number,
  daysInMonth: number,
  proration: 'P1' | 'P3',
): BaseAmount {
  const fullMonth = enrolledDays === daysInMonth;
  let exact: Fraction;
  if (fullMonth) exact = monthly;
  else if (proration === 'P1') exact = min(monthly, mul(daily, frac(enrolledDays)));
  else exact = div(mul(monthly, frac(enrolledDays)), frac(daysInMonth));
  return { baseOre: roundHalfUp(exact), facts: { daysInMonth, enrolledDays, fullMonth, proration } };
}
