/**
 * Rates of the introduction benefit (legal-basis.ts row IL-20).
 * Legal basis: integreringsloven § 20 (2 G a year; two thirds or one third
 * under 25; five sixths for couples, Prop. 101 L (2023–2024)); introduksjonsloven
 * § 8 for participants settled before 2021; the ministry's 2004 letters for the
 * month (A/12), day (M/30) and hour (A/1850) bases. benefit-rules.md §2.
 */
import type { Fraction } from '../fraction.js';
import { div, frac, mul, ONE, roundHalfUp, toFractionString } from '../fraction.js';
import { ageOn } from '../calendar.js';
import type { FactorFacts, Rates } from '../decision.js';
import type { GLookup } from './g-table.js';
import type { RuleMeta } from './legal-basis.js';
import type { RuleParameters } from './parameters.js';

export const RULE = { id: 'IL-20', reasons: [] } as const satisfies RuleMeta;

export interface ParticipantFacts {
  birthDate: string;
  regime: 'integreringsloven' | 'introduksjonsloven';
  livesWithParent: boolean;
  coupleReduction: boolean;
}

export interface ExactRates {
  factor: Fraction;
  annual: Fraction;
  monthly: Fraction;
  daily: Fraction;
  hourly: Fraction;
  facts: FactorFacts;
  display: Rates;
}

const ratio = (r: readonly [number, number]): Fraction => frac(r[0], r[1]);

/**
 * Factor f: facts as they stand on the 1st of the month; age in completed
 * years on the 1st (someone turning 25 on the 1st is not under 25 that month).
 */
export function factorFor(p: ParticipantFacts, firstOfMonth: string, factors: RuleParameters['factors']): { factor: Fraction; facts: FactorFacts } {
  const age = ageOn(p.birthDate, firstOfMonth);
  const under25 = age < factors.under25Age;
  let factor = ONE;
  if (under25) {
    if (p.regime === 'introduksjonsloven') factor = ratio(factors.under25OldRegime);
    else factor = ratio(p.livesWithParent ? factors.under25WithParent : factors.under25);
  }
  if (p.coupleReduction) factor = mul(factor, ratio(factors.couple));
  return {
    factor,
    facts: {
      ageOnFirstOfMonth: age,
      under25,
      regime: p.regime,
      livesWithParent: p.livesWithParent,
      coupleReduction: p.coupleReduction,
    },
  };
}

export function ratesFor(p: ParticipantFacts, firstOfMonth: string, g: GLookup, params: Pick<RuleParameters, 'rates' | 'factors'>): ExactRates {
  const { factor, facts } = factorFor(p, firstOfMonth, params.factors);
  const rates = params.rates;
  const annual = mul(frac(g.entry.gOre * rates.annualGMultiple), factor);
  const monthly = div(annual, frac(rates.monthsPerYear));
  const daily = div(monthly, frac(rates.daysPerMonth));
  const hourly = div(annual, frac(rates.hoursPerYear));
  return {
    factor,
    annual,
    monthly,
    daily,
    hourly,
    facts,
    display: {
      gOre: g.entry.gOre,
      gEffectiveFrom: g.entry.effectiveFrom,
      gProvisional: g.provisional,
      factor: toFractionString(factor),
      annualOre: roundHalfUp(annual),
      monthlyOre: roundHalfUp(monthly),
      dailyOre: roundHalfUp(daily),
      hourlyOre: roundHalfUp(hourly),
    },
  };
}
