/**
 * A participant's decisions: the latest version of each month, newest month
 * first, with the amounts, the review class, the adviser's resolution and
 * whether the month's payroll has been released.
 */
import type { DecisionDeps } from '../../adapters/deps.js';
import type { Deps } from '../../adapters/deps.js';
import { latestPerPeriod, versionKey } from '../../domain/payroll/decision-versions.js';
import type { DecisionSummary, ReleaseInfo } from './decision-view.js';
import { releaseOf, resolutionsByKey, summaryOf } from './decision-view.js';
import type { DecisionListResponse } from '../../contract/responses.js';

export async function listDecisions(deps: Pick<Deps, 'decisions'> & DecisionDeps, participantId: string): Promise<{ decisions: DecisionSummary[] }> {
  const [stored, resolutions] = await Promise.all([deps.decisions.listForParticipant(participantId), deps.reviews.listForParticipant(participantId)]);
  const byKey = resolutionsByKey(resolutions);
  const runs = new Map<string, Promise<ReleaseInfo>>();
  const latest = latestPerPeriod(stored);
  return { decisions: await Promise.all(latest.map(async (d) => summaryOf(d, byKey.get(versionKey(d)), await releaseOf(deps, d, runs)))) } satisfies DecisionListResponse;
}
