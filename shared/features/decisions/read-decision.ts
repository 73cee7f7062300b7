/**
 * One month's decision as its owner (or an assigned adviser) reads it: the
 * latest version with its rates, lines, calendar, counters and hints; every
 * version of the month with what each correction changed (benefit-rules.md
 * §8; explanations.md "Correction explanations"); the adviser's resolution.
 * The explanation text is its own route (read-explanation.ts).
 */
import type { DecisionDeps } from '../../adapters/deps.js';
import type { StoredDecision } from '../../adapters/decisions-repo.js';
import type { Deps } from '../../adapters/deps.js';
import type { Decision } from '../../domain/decision.js';
import type { Correction } from '../../domain/payroll/correction.js';
import { versionKey, versionsOf } from '../../domain/payroll/decision-versions.js';
import { NotFoundError } from '../../http/errors.js';
import type { DecisionSummary, ReleaseInfo } from './decision-view.js';
import { releaseOf, resolutionsByKey, summaryOf } from './decision-view.js';
import type { DecisionDetailResponse } from '../../contract/responses.js';

export interface VersionView extends DecisionSummary {
  correction: Correction | null;
}

export interface DecisionDetail extends VersionView {
  participantId: string;
  /** The engine's output without the explanation text (see the explanation route). */
  decision: Omit<Decision, 'explanation'>;
  /** Every version of the month, oldest first; the last is this one. */
  versions: VersionView[];
  /** The adviser's read only: the case the engine judged. */
  input?: unknown;
}

/**
 * `withInput` (the assigned adviser's read): the case the engine judged, so the
 * adviser's what-if starts from the month as decided. The participant's own read
 * leaves it out: it repeats what the decision and their file already show.
 */
export async function readDecision(deps: Pick<Deps, 'decisions'> & DecisionDeps, participantId: string, period: string, withInput = false): Promise<DecisionDetail> {
  const [stored, resolutions] = await Promise.all([deps.decisions.listForParticipant(participantId), deps.reviews.listForParticipant(participantId)]);
  const versions = versionsOf(stored, period);
  const latest = versions.at(-1);
  if (latest === undefined) throw new NotFoundError('No decision for this month');
  const byKey = resolutionsByKey(resolutions);
  const runs = new Map<string, Promise<ReleaseInfo>>();
  const view = async (d: StoredDecision): Promise<VersionView> => ({ ...summaryOf(d, byKey.get(versionKey(d)), await releaseOf(deps, d, runs)), correction: d.correction ?? null });
  const views = await Promise.all(versions.map(view));
  const { explanation: _text, ...decision } = latest.decision;
  return { participantId, ...views.at(-1)!, decision, versions: views, ...(withInput && latest.input !== undefined ? { input: latest.input } : {}) } satisfies DecisionDetailResponse;
}
