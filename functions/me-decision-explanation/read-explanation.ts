/**
 * The explanation of a month's decision (explanations.md; architecture.md
 * flow 5): every layer in the reader's language, rendered from the stored
 * decision with the stored template version's catalogue, plus the context
 * known only after the computation:
 *
 * - a correction: the version it supersedes, per day before → after, why,
 *   and the total difference (the workflow stores it with the version; for a
 *   version stored without it, it is computed from the two stored versions);
 * - the release: "approved by payroll on <date>" once the month's run is
 *   released with this version (explanations.md layer 6);
 * - the adviser's resolution, as data beside the text, with `paidOre`: the
 *   amount paid when an adviser adjusted it (the text explains the computed
 *   amount; the catalogue has no message for an adjustment yet).
 *
 * `stored` is the text stored with the decision when it was computed, byte
 * for byte; `text` is the same rendering with that context (identical while
 * there is no context to add).
 */
import type { DecisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import type { ExplanationContext, ExplanationLayer, LayerName } from '../../shared/domain/explanation/render.js';
import { LANGUAGES, LAYER_ORDER, renderExplanation, renderLayers } from '../../shared/domain/explanation/render.js';
import type { Correction } from '../../shared/domain/payroll/correction.js';
import { diffDecisions } from '../../shared/domain/payroll/correction.js';
import { effectivePayoutOre } from '../../shared/domain/payroll/resolution.js';
import { BadRequestError, NotFoundError } from '../../shared/http/errors.js';
import type { ResolutionView } from '../me-decision-get/decision-view.js';
import { engineDecision, releaseOf, resolutionView } from '../me-decision-get/decision-view.js';

export const DEFAULT_LANGUAGE = 'nb';

export interface ExplanationView {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  lang: string;
  templateVersion: string;
  layers: ({ name: LayerName } & ExplanationLayer)[];
  text: string;
  stored: string | null;
  correction: ({ supersedesDecisionId: string } & Correction) | null;
  resolution: ResolutionView | null;
  /** What is paid: the computed payout, or the adviser's adjusted one. */
  paidOre: number;
  released: boolean;
}

/** Throws 400 UNKNOWN_LANGUAGE before anything is read. */
export function requireLanguage(lang: string | undefined): string {
  const l = lang ?? DEFAULT_LANGUAGE;
  if (!LANGUAGES.includes(l)) throw new BadRequestError('UNKNOWN_LANGUAGE', `Unknown language; known: ${LANGUAGES.join(', ')}`, [{ path: 'query.lang', message: 'unknown language' }]);
  return l;
}

async function correctionOf(deps: Pick<Deps, 'decisions'>, d: StoredDecision): Promise<ExplanationView['correction']> {
  if (d.version <= 1) return null;
  const previous = await deps.decisions.getVersion(d.participantId, d.period, d.version - 1);
  const supersedesDecisionId = d.supersedes ?? previous?.decisionId;
  if (supersedesDecisionId === undefined) return null;
  if (d.correction !== undefined) return { supersedesDecisionId, ...d.correction };
  return previous === undefined ? null : { supersedesDecisionId, ...diffDecisions(engineDecision(previous), engineDecision(d)) };
}

export async function readExplanation(deps: Pick<Deps, 'decisions'>, dd: DecisionDeps, participantId: string, period: string, lang: string): Promise<ExplanationView> {
  const latest = await deps.decisions.getLatest(participantId, period);
  if (latest === undefined) throw new NotFoundError('No decision for this month');
  const [correction, resolution, release] = await Promise.all([correctionOf(deps, latest), dd.reviews.get(latest), releaseOf(dd, latest)]);
  const ctx: ExplanationContext = {
    ...(release.released && release.releasedAt !== null ? { approval: { role: 'payroll', approvedAt: osloDateOf(release.releasedAt) } } : {}),
    ...(correction === null ? {} : { correction: { supersedesDecisionId: correction.supersedesDecisionId, reason: correction.reason, days: correction.days, totalDifferenceOre: correction.totalDifferenceOre } }),
  };
  const decision = engineDecision(latest);
  const layers = renderLayers(decision, lang, ctx);
  return {
    participantId,
    period,
    version: latest.version,
    decisionId: latest.decisionId,
    lang,
    templateVersion: decision.templateVersion,
    layers: LAYER_ORDER.map((name) => ({ name, ...layers[name] })),
    text: renderExplanation(decision, lang, ctx),
    stored: decision.explanation?.[lang] ?? null,
    correction,
    resolution: resolutionView(resolution),
    paidOre: effectivePayoutOre(decision, resolution?.resolution),
    released: release.released,
  };
}
