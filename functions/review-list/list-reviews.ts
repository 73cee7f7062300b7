/**
 * The adviser's formal-decision queue (architecture.md flow 4; benefit-rules.md
 * §9): the latest version of every VEDTAK_REQUIRED decision of the
 * participants assigned to the adviser (read afresh, S4), unresolved first.
 * Every participant whose decision the queue shows gets a staff-read entry in
 * their access log before the queue is returned, and if one cannot be written
 * nothing is returned (S6). Participants with nothing in the queue get no
 * entry: nothing of theirs is shown (as for payroll's drill-down), which keeps
 * their access log to what staff actually saw.
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
  const shown = [...new Set(wanted.map((r) => r.participantId))];
  const at = deps.clock.now().toISOString();
  for (let i = 0; i < shown.length; i += PARALLEL)
    await Promise.all(shown.slice(i, i + PARALLEL).map((participantId) => deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose: PURPOSE, route, at })));
  return { reviews: orderReviews(wanted) };
}
