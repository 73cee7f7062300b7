/**
 * A participant's decisions: the latest version of each month, newest month
 * first, with the amounts, the review class, the adviser's resolution and
 * whether the month's payroll has been released.
 */
import type { DecisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { latestPerPeriod, versionKey } from '../../shared/domain/payroll/decision-versions.js';
import type { DecisionSummary, ReleaseInfo } from '../me-decision-get/decision-view.js';
import { releaseOf, resolutionsByKey, summaryOf } from '../me-decision-get/decision-view.js';
import type { DecisionListResponse } from '../../shared/contract/responses.js';

export async function listDecisions(deps: Pick<Deps, 'decisions'>, dd: DecisionDeps, participantId: string): Promise<{ decisions: DecisionSummary[] }> {
  const [stored, resolutions] = await Promise.all([deps.decisions.listForParticipant(participantId), dd.reviews.listForParticipant(participantId)]);
  const byKey = resolutionsByKey(resolutions);
  const runs = new Map<string, Promise<ReleaseInfo>>();
  const latest = latestPerPeriod(stored);
  return { decisions: await Promise.all(latest.map(async (d) => summaryOf(d, byKey.get(versionKey(d)), await releaseOf(dd, d, runs)))) } satisfies DecisionListResponse;
}
