/**
 * The adviser's formal-decision queue (architecture.md flow 4; benefit-rules.md
 * §9): the latest version of every VEDTAK_REQUIRED decision of the
 * participants assigned to the adviser (read afresh, S4), unresolved first.
 * Reading a participant's decisions is a staff read of personal data: that
 * participant's access-log entry is written first, and if it cannot be, the
 * whole request is refused (S6).
 */
import type { DecisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { Decision, DecisionLine } from '../../shared/domain/decision.js';
import { latestPerPeriod, orderReviews, versionKey } from '../../shared/domain/payroll/decision-versions.js';
import { grossOre } from '../../shared/domain/payroll/resolution.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { ResolutionView } from '../me-decision-get/decision-view.js';
import { engineDecision, resolutionView, resolutionsByKey } from '../me-decision-get/decision-view.js';

export const PURPOSE = 'decision-review-queue';
const PARALLEL = 8;

export interface ReviewEntry {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  createdAt: string;
  baseOre: number;
  grossOre: number;
  deductionOre: number;
  payoutOre: number;
  reviewFacts: Decision['reviewFacts'];
  lines: DecisionLine[];
  resolved: boolean;
  resolution: ResolutionView | null;
}

export async function listReviews(deps: Deps, dd: DecisionDeps, auth: AuthContext, status: 'UNRESOLVED' | 'RESOLVED' | 'ALL', route: string): Promise<{ reviews: ReviewEntry[] }> {
  const assigned = await deps.participants.listAssigned(auth.sub);
  const out: ReviewEntry[] = [];
  for (let i = 0; i < assigned.length; i += PARALLEL) {
    const batch = await Promise.all(
      assigned.slice(i, i + PARALLEL).map(async (participantId) => {
        await deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose: PURPOSE, route, at: deps.clock.now().toISOString() });
        const [stored, resolutions] = await Promise.all([deps.decisions.listForParticipant(participantId), dd.reviews.listForParticipant(participantId)]);
        const byKey = resolutionsByKey(resolutions);
        return latestPerPeriod(stored)
          .filter((d) => engineDecision(d).review === 'VEDTAK_REQUIRED')
          .map((d): ReviewEntry => {
            const e = engineDecision(d);
            const r = byKey.get(versionKey(d));
            return {
              participantId,
              period: d.period,
              version: d.version,
              decisionId: d.decisionId,
              createdAt: d.createdAt,
              baseOre: e.baseOre,
              grossOre: grossOre(e),
              deductionOre: e.deductionOre,
              payoutOre: e.payoutOre,
              reviewFacts: e.reviewFacts,
              lines: e.lines,
              resolved: r !== undefined,
              resolution: resolutionView(r),
            };
          });
      }),
    );
    out.push(...batch.flat());
  }
  const wanted = out.filter((r) => status === 'ALL' || r.resolved === (status === 'RESOLVED'));
  return { reviews: orderReviews(wanted) };
}
