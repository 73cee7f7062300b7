/**
 * Ledger lines from judged days (benefit-rules.md §§ 3–4, 7b): one line per
 * date, kind and reason code, holding that reason's minutes on that date;
 * ordered by date, then kind, then reason code. Each line is rounded on its
 * own from the exact rate. The reason codes come from the rule files (the
 * verdicts, rules/unexcused-absence.ts for uncovered minutes); the rule of
 * each code from rules/registry.ts.
 */
import type { DayCoverage, Portion } from './coverage.js';
import type { DecisionLine, LineKind, ReasonCode } from './decision.js';
import type { ExactRates } from './rules/rates.js';
import { deductionOre } from './rules/deduction.js';
import { ruleOf } from './rules/registry.js';
import { UNCOVERED } from './rules/unexcused-absence.js';
import type { Verdict } from './rules/verdict.js';

export { ruleOf } from './rules/registry.js';

export function dayLines(
  d: DayCoverage,
  verdicts: Map<Portion, Verdict>,
  rates: ExactRates,
  unit: 'HOURLY' | 'DAILY',
): DecisionLine[] {
  const minutesBy = new Map<string, { kind: LineKind; reason: ReasonCode; minutes: number }>();
  const add = (kind: LineKind, reason: ReasonCode, minutes: number) => {
    const key = `${kind} ${reason}`;
    const entry = minutesBy.get(key) ?? { kind, reason, minutes: 0 };
    entry.minutes += minutes;
    minutesBy.set(key, entry);
  };
  for (const p of d.portions) {
    const v = verdicts.get(p)!;
    if (v.outcome === 'UNEXCUSED') add('UNEXCUSED_ABSENCE', v.reason, p.minutes);
    else if (v.outcome === 'WITHHELD') add('WITHHELD_PENDING', v.reason, p.minutes);
  }
  if (d.uncovered > 0) add('UNEXCUSED_ABSENCE', UNCOVERED.reason, d.uncovered);
  return [...minutesBy.values()].map(({ kind, reason, minutes }) => ({
    date: d.day.date,
    kind,
    minutes,
    amountOre: deductionOre(unit, minutes, d.day.plannedMinutes, rates),
    provisional: kind === 'WITHHELD_PENDING',
    rule: ruleOf(reason),
    reasonCode: reason,
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortLines(lines: DecisionLine[]): DecisionLine[] {
  return lines.sort((a, b) => cmp(a.date, b.date) || cmp(a.kind, b.kind) || cmp(a.reasonCode, b.reasonCode));
}
