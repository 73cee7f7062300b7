/**
 * An adviser has looked at a decision of review class REVIEW
 * (benefit-rules.md §9: an unexcused or withheld deduction below the formal-
 * decision threshold, or a negative correction). Such a decision is paid as
 * computed; what the participant is told (the explanation's "who and how"
 * layer) is that it is put on their adviser's list of decisions to look at,
 * and that the payout does not wait for it. The adviser's list shows it until
 * it is marked as seen; the mark is its own create-only record beside the
 * decision (R5), never an edit, and the decision's payout is unchanged.
 *
 * Only the latest version of a month can be marked (an older one was
 * replaced by a correction, which is looked at afresh), and only a REVIEW
 * decision: a VEDTAK_REQUIRED one needs a formal decision (resolution.ts),
 * an AUTOMATIC one needs nothing. Pure.
 */
import type { ReviewClass } from '../decision.js';

export type SeenRejectionCode = 'DECISION_SUPERSEDED' | 'NOT_A_REVIEW_DECISION';

export interface SeenRejection {
  code: SeenRejectionCode;
  message: string;
}

/** Null when `version` of a month whose latest version is `latest` (with review class `review`) may be marked as seen. */
export function checkSeen(version: number, latest: { version: number; review: ReviewClass }): SeenRejection | null {
  if (version < latest.version) return { code: 'DECISION_SUPERSEDED', message: `Version ${version} is replaced by version ${latest.version}; look at that one` };
  if (latest.review !== 'REVIEW')
    return {
      code: 'NOT_A_REVIEW_DECISION',
      message: latest.review === 'VEDTAK_REQUIRED' ? 'This decision needs a formal decision (PUT …/resolution), not a mark as seen' : 'This decision was made automatically and needs no review',
    };
  return null;
}
