/**
 * Child's illness (barns sykdom).
 * Legal basis: integreringsforskriften § 7 and IMDi's guidance (legal-basis.ts
 * row IF-CHILD-ILLNESS; benefit-rules.md §6): 10 days per 12 months, 15 with
 * more than two children, doubled for a sole carer; self-certification from
 * the first programme day; from the 4th day of a run (days at most 3 calendar
 * days apart) a doctor's note is needed.
 *
 * Every approved, documented child-illness day counts in the run, whether or
 * not the quota accepted it, history included.
 */
import { daysBetween, oneYearBefore } from '../calendar.js';
import type { Documentation } from '../decision.js';
import type { LineRuleMeta } from './legal-basis.js';
import type { RuleParameters } from './parameters.js';

type Quotas = RuleParameters['childIllness'];

/** From the 4th day of a run a doctor's note pays the day; a note does not lift the quota. */
export const RULE = {
  id: 'IF-CHILD-ILLNESS',
  reasons: ['CHILD_ILLNESS_NEEDS_DOCTOR_NOTE', 'CHILD_ILLNESS_QUOTA_EXHAUSTED'],
  curedByDoctorNote: ['CHILD_ILLNESS_NEEDS_DOCTOR_NOTE'],
} as const satisfies LineRuleMeta;

export type ChildIllnessRefusal = (typeof RULE.reasons)[number];
export type ChildIllnessOutcome = { accepted: true } | { accepted: false; reason: ChildIllnessRefusal };

export interface ChildIllnessRecord {
  date: string;
  /** SELF_CERTIFICATION or DOCTOR_NOTE (NONE never reaches this rule). */
  documentation: Exclude<Documentation, 'NONE'>;
}

export function childIllnessQuota(children: number, soleCarer: boolean, quotas: Quotas): number {
  const base = children > 2 ? quotas.daysPer12MonthsManyChildren : quotas.daysPer12Months;
  return soleCarer ? base * quotas.soleCarerMultiplier : base;
}

export interface ChildIllnessReplay {
  /** Outcome per record, in the order given. */
  outcomes: ChildIllnessOutcome[];
  /** Accepted days, ascending. */
  acceptedDays: string[];
}

/**
 * @param records approved child-illness records (history and period), in date
 *   order; records of one date in the order given.
 */
export function replayChildIllness(records: readonly ChildIllnessRecord[], quota: number, quotas: Quotas): ChildIllnessReplay {
  const runPosition = runPositions(records.map((r) => r.date), quotas.runGapDays);
  const accepted: string[] = [];
  const outcomes = records.map((r): ChildIllnessOutcome => {
    if (runPosition.get(r.date)! >= quotas.doctorNoteFromDay && r.documentation !== 'DOCTOR_NOTE')
      return { accepted: false, reason: 'CHILD_ILLNESS_NEEDS_DOCTOR_NOTE' };
    // The day already counts when an earlier record of the same date was accepted.
    if (accepted.at(-1) === r.date) return { accepted: true };
    const from = oneYearBefore(r.date);
    const used = accepted.filter((d) => d > from && d < r.date).length;
    if (used >= quota) return { accepted: false, reason: 'CHILD_ILLNESS_QUOTA_EXHAUSTED' };
    accepted.push(r.date);
    return { accepted: true };
  });
  return { outcomes, acceptedDays: accepted };
}

/** 1-based position of each date in its run. */
function runPositions(dates: readonly string[], runGapDays: number): Map<string, number> {
  const positions = new Map<string, number>();
  let prev: string | null = null;
  let pos = 0;
  for (const d of [...new Set(dates)].sort()) {
    pos = prev !== null && daysBetween(prev, d) <= runGapDays ? pos + 1 : 1;
    positions.set(d, pos);
    prev = d;
  }
  return positions;
}

/** Accepted days in (end − 1 year, end]. */
export function daysInYearTo(days: readonly string[], end: string): number {
  const from = oneYearBefore(end);
  return days.filter((d) => d > from && d <= end).length;
}
