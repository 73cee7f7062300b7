/**
 * Ledger lines from judged days (benefit-rules.md §§ 3–4, 7b): one line per
 * date, kind and reason code, holding that reason's minutes on that date;
 * ordered by date, then kind, then reason code. Each line is rounded on its
 * own from the exact rate.
 */
import type { DayCoverage, Portion } from './coverage.js';
import type { DecisionLine, LineKind, ReasonCode, RuleId } from './decision.js';
import type { Verdict } from './judge-absences.js';
import type { ExactRates } from './rules/rates.js';
import { deductionOre } from './rules/deduction.js';
import { unpaidLeaveAmounts } from './rules/unpaid-leave.js';

export function ruleOf(reason: ReasonCode): RuleId {
  switch (reason) {
    case 'NO_REASON_GIVEN':
    case 'REJECTED':
    case 'NO_DOCUMENTATION':
      return 'IL-21';
    case 'SELF_CERT_BEFORE_8_WEEKS':
    case 'SELF_CERT_EPISODE_OVER_3_DAYS':
    case 'SELF_CERT_QUOTA_EXHAUSTED':
      return 'IF-SELF-CERT';
    case 'CHILD_ILLNESS_NEEDS_DOCTOR_NOTE':
    case 'CHILD_ILLNESS_QUOTA_EXHAUSTED':
      return 'IF-CHILD-ILLNESS';
    case 'LEAVE_CAP_EXCEEDED':
      return 'IF-LEAVE';
    case 'DOCUMENT_DEADLINE_PASSED':
    case 'DOCUMENT_PENDING':
      return 'POLICY-PENDING';
    case 'UNPAID_LEAVE':
      return 'IL-UNPAID-LEAVE';
  }
}

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
    else if (v.outcome === 'WITHHELD') add('WITHHELD_PENDING', 'DOCUMENT_PENDING', p.minutes);
  }
  if (d.uncovered > 0) add('UNEXCUSED_ABSENCE', 'NO_REASON_GIVEN', d.uncovered);
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

/** One UNPAID_LEAVE line per enrolled day of leave, capped by the base (rules/unpaid-leave.ts). */
export function unpaidLeaveLines(leaveDates: readonly string[], enrolledDays: number, rates: ExactRates, baseOre: number): DecisionLine[] {
  const amounts = unpaidLeaveAmounts(leaveDates.length, enrolledDays, rates.daily, baseOre);
  return leaveDates.map((date, i) => ({
    date,
    kind: 'UNPAID_LEAVE',
    amountOre: amounts[i]!,
    provisional: false,
    rule: 'IL-UNPAID-LEAVE',
    reasonCode: 'UNPAID_LEAVE',
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortLines(lines: DecisionLine[]): DecisionLine[] {
  return lines.sort((a, b) => cmp(a.date, b.date) || cmp(a.kind, b.kind) || cmp(a.reasonCode, b.reasonCode));
}
