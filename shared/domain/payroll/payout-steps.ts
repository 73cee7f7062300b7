/**
 * From the computed amount to the amount paid (explanations.md; issue "the
 * explanation tells the payout actually paid"). The engine computes a
 * month's payout; what the participant is paid can differ:
 *
 * - an adviser's resolution of a VEDTAK_REQUIRED decision (resolution.ts):
 *   an ADJUSTMENT replaces the month's amount; a FORMAL_DECISION lets the
 *   computed amount stand;
 * - a correction of a month already paid (correction.ts) pays only the
 *   difference to what the month has paid, as a back-payment with a later
 *   payout, or routes a negative difference to an adviser (IL § 25, no
 *   set-off);
 * - the payout of a month also carries the back-payments of earlier months
 *   paid with it.
 *
 * One function gives these steps to the explanation, the API and the export
 * (through the same `backPaymentOre` and `effectivePayoutOre`), so what the
 * text says is what is paid. Pure.
 */
import type { CorrectionReason, DayDifference } from './correction.js';
import { backPaymentOre } from './correction.js';
import type { Resolution } from './resolution.js';
import { effectivePayoutOre } from './resolution.js';

/** An adviser's resolution as the explanation states it: what, by which role, on which (Oslo) date. */
export type ResolutionStep = Resolution & {
  /** The role that made it (a role, never a name). */
  role: string;
  /** YYYY-MM-DD. */
  resolvedOn: string;
};

/** A correction of an earlier month paid with this payout (the newest version paid with it). */
export interface BackPaymentStep {
  /** The month it pays for. */
  period: string;
  /** The correcting version and the one it supersedes. */
  decisionId: string;
  supersedesDecisionId: string;
  reason: CorrectionReason;
  /** What changed in that month, per day (before → after). */
  days: DayDifference[];
  /** What it pays, øre (> 0; `backPaymentOre` of that version). */
  amountOre: number;
}

export interface PayoutStepsInput {
  /** The engine's payout of this version. */
  computedOre: number;
  resolution?: ResolutionStep;
  /** This version corrects a month already paid. */
  correction?: { paidBeforeOre?: number; totalDifferenceOre: number; paidWithPeriod?: string };
  /** Back-payments of earlier months paid with this month's payout (a version of the month's own run only). */
  backPayments?: readonly BackPaymentStep[];
}

export interface PayoutSteps {
  computedOre: number;
  /** What the month is due: the computed payout, or the adviser's adjusted one. */
  dueOre: number;
  /** A correction of a paid month: what the month had paid before it. */
  paidBeforeOre: number | null;
  /** A correction of a paid month: the part paid as a back-payment (≥ 0). */
  backPaymentOre: number;
  /** A correction of a paid month: what was paid beyond what is now due; an adviser decides it (≥ 0, never set off). */
  toAdviserOre: number;
  /** Back-payments of earlier months paid with this payout. */
  earlierMonthsOre: number;
  /**
   * What this version pays: for a version of the month's own run, the month's
   * amount plus the back-payments paid with it; for a correction of a paid
   * month, its back-payment (paid with the payout of `paidWithPeriod`).
   */
  paidOre: number;
}

export function payoutSteps(input: PayoutStepsInput): PayoutSteps {
  const dueOre = effectivePayoutOre({ payoutOre: input.computedOre }, input.resolution);
  const earlierMonthsOre = (input.backPayments ?? []).reduce((sum, b) => sum + b.amountOre, 0);
  const paidBeforeOre = input.correction?.paidBeforeOre;
  if (input.correction === undefined || paidBeforeOre === undefined)
    return { computedOre: input.computedOre, dueOre, paidBeforeOre: null, backPaymentOre: 0, toAdviserOre: 0, earlierMonthsOre, paidOre: dueOre + earlierMonthsOre };
  const back = backPaymentOre({ payoutOre: input.computedOre, resolution: input.resolution, correction: { paidBeforeOre, totalDifferenceOre: input.correction.totalDifferenceOre, route: 'NONE' } });
  return {
    computedOre: input.computedOre,
    dueOre,
    paidBeforeOre,
    backPaymentOre: back,
    toAdviserOre: Math.max(0, paidBeforeOre - dueOre),
    earlierMonthsOre,
    paidOre: back,
  };
}
