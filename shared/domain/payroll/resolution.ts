/**
 * An adviser's resolution of a decision that needs a formal decision
 * (benefit-rules.md §9; architecture.md flow 4). A deduction of that size may
 * only be made by an individual decision (enkeltvedtak, forvaltningsloven
 * § 2 b) with advance notice (forhåndsvarsel, fvl § 16) and reasons
 * (fvl §§ 24–25); the engine cannot make one, so the payroll run waits until
 * an adviser has either
 *
 * - recorded the formal decision: its reference in the case file and the date
 *   the advance notice was sent, so the computed amount stands; or
 * - adjusted the payout (e.g. no formal decision can be made in time, so the
 *   contested deduction is not made this month), with the reason.
 *
 * A resolution is its own create-only record: the decision itself is never
 * edited (R5). Pure: dates are arguments.
 */
import type { DecisionLine, ReviewClass } from '../decision.js';

export type Resolution =
  | {
      kind: 'FORMAL_DECISION';
      /** The enkeltvedtak's reference in the municipality's case system. */
      vedtakReference: string;
      /** When the advance notice (forhåndsvarsel) was sent, YYYY-MM-DD. */
      advanceNoticeDate: string;
    }
  | {
      kind: 'ADJUSTMENT';
      /** The payout the adviser decided, øre, between 0 and the gross amount. */
      payoutOre: number;
      /** Why; shown to the participant. Never a health detail. */
      reason: string;
    };

/** The decision facts a resolution is checked against. */
export interface ResolvableDecision {
  version: number;
  review: ReviewClass;
  baseOre: number;
  payoutOre: number;
  lines: readonly Pick<DecisionLine, 'amountOre'>[];
}

export type ResolutionRejectionCode = 'RESOLUTION_NOT_NEEDED' | 'DECISION_SUPERSEDED' | 'ADVANCE_NOTICE_IN_FUTURE' | 'ADJUSTMENT_OUT_OF_RANGE';

export class ResolutionRejected extends Error {
  constructor(
    readonly code: ResolutionRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResolutionRejected';
  }
}

/**
 * The amount before deductions that payroll pays from: the base plus any
 * back-payment (positive lines: corrections of earlier months).
 */
export function grossOre(d: Pick<ResolvableDecision, 'baseOre' | 'lines'>): number {
  return d.lines.reduce((sum, l) => (l.amountOre > 0 ? sum + l.amountOre : sum), d.baseOre);
}

/**
 * Checks a resolution against the latest version of the decision:
 * only VEDTAK_REQUIRED decisions are resolved; only the version the adviser
 * saw (a newer version supersedes it and needs its own look); the advance
 * notice cannot be dated after today; an adjusted payout lies between 0 and
 * the gross amount.
 */
export function checkResolution(decision: ResolvableDecision, latestVersion: number, r: Resolution, today: string): void {
  if (decision.version !== latestVersion)
    throw new ResolutionRejected('DECISION_SUPERSEDED', `version ${decision.version} is superseded by version ${latestVersion}; resolve the latest version`);
  if (decision.review !== 'VEDTAK_REQUIRED')
    throw new ResolutionRejected('RESOLUTION_NOT_NEEDED', `the decision's review class is ${decision.review}; only VEDTAK_REQUIRED decisions are resolved`);
  switch (r.kind) {
    case 'FORMAL_DECISION':
      if (r.advanceNoticeDate > today) throw new ResolutionRejected('ADVANCE_NOTICE_IN_FUTURE', 'the advance notice cannot be dated after today');
      return;
    case 'ADJUSTMENT': {
      const gross = grossOre(decision);
      if (r.payoutOre > gross) throw new ResolutionRejected('ADJUSTMENT_OUT_OF_RANGE', `the adjusted payout cannot exceed the gross amount of ${gross} øre`);
      return;
    }
  }
}

/** What is paid: the engine's payout, or the adviser's adjusted one. */
export function effectivePayoutOre(d: Pick<ResolvableDecision, 'payoutOre'>, r: Resolution | undefined): number {
  return r?.kind === 'ADJUSTMENT' ? r.payoutOre : d.payoutOre;
}

/** Two resolutions say the same (a repeated PUT is idempotent; a different one conflicts). */
export function sameResolution(a: Resolution, b: Resolution): boolean {
  if (a.kind === 'FORMAL_DECISION' && b.kind === 'FORMAL_DECISION') return a.vedtakReference === b.vedtakReference && a.advanceNoticeDate === b.advanceNoticeDate;
  if (a.kind === 'ADJUSTMENT' && b.kind === 'ADJUSTMENT') return a.payoutOre === b.payoutOre && a.reason === b.reason;
  return false;
}
