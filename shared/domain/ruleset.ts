/**
 * The rule set a decision is computed with: the version of the rules in
 * shared/domain/rules (bump it whenever a rule's behaviour changes: it is
 * stamped on every decision, and a stored decision is reproduced with the
 * version that made it) and the dated parameter values in force for the month
 * (rules/parameters.ts), named by id on the decision (`parameterValues`).
 */
import { CaseError } from './case.js';
import type { GLookup } from './rules/g-table.js';
import { lookupG } from './rules/g-table.js';
import type { DatedValue, RuleParameters } from './rules/parameters.js';
import { GROUP_PARAMETERS, parametersOn, VALUES_BY_ID } from './rules/parameters.js';

export const RULESET_VERSION = 'introflyt-rules-2026.12.1';

export interface RuleSet {
  readonly version: string;
  /** Ids of the dated values in force for the month: G first, then every other parameter. */
  readonly parameterValues: readonly string[];
  readonly params: RuleParameters;
  readonly g: GLookup;
}

/**
 * The rule set for a month, its values read as they stand on the 1st.
 * @throws CaseError PARAMETER_MISSING when a parameter has no value yet on that
 *   date, G_MISSING when no G is known (a month before the first G).
 */
export function rulesetFor(period: string, firstOfMonth: string): RuleSet {
  const known = RULESETS.get(firstOfMonth);
  if (known !== undefined) return known;
  const params = parametersOn(firstOfMonth);
  // A month before the dated values begin (before 2021) is refused for them, whether or not G is known then.
  if ('missing' in params)
    throw new CaseError('PARAMETER_MISSING', [{ path: 'period', message: `no value of ${params.missing.join(', ')} is in force for ${period}` }]);
  const g = lookupG(firstOfMonth);
  if (g === null) throw new CaseError('G_MISSING', [{ path: 'period', message: `no grunnbeløp (G) is known for ${period}` }]);
  const ruleset: RuleSet = { version: RULESET_VERSION, parameterValues: [g.id, ...params.ids], params: params.values, g };
  RULESETS.set(firstOfMonth, ruleset);
  return ruleset;
}

/**
 * Rule sets by month, made once: the engine runs a month again for every hint,
 * and the values of a month never change while the code runs. At most one
 * entry per calendar month the engine is asked about (errors are not kept).
 */
const RULESETS = new Map<string, RuleSet>();

/**
 * The ids of the dated values a decision used. A decision stored before the
 * values were dated has no `parameterValues`: it used the one value every
 * parameter but G had then (its first dated value) and the G in its rates.
 */
export function parameterValuesOf(d: { rates: { gEffectiveFrom: string }; parameterValues?: readonly string[] }): string[] {
  if (d.parameterValues !== undefined) return [...d.parameterValues];
  return [`g@${d.rates.gEffectiveFrom}`, ...GROUP_PARAMETERS.map((p) => p.values[0]!.id)];
}

/** A dated value by its id (with its source and last-verified date), or undefined for an unknown id. */
export function datedValue(id: string): DatedValue<unknown> | undefined {
  return VALUES_BY_ID.get(id);
}
