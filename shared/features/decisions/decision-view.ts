/**
 * What the participant (and an assigned adviser) sees of stored decisions:
 * the latest version of each month, its lines and calendar, every version
 * with its correction, and the adviser's resolution. Shared by the
 * `me-decision-*` and `participant-decision-*` functions.
 */
import type { DecisionSummary, ResolutionView } from '../../contract/responses.js';
import type { ResolutionRecord } from '../../adapters/decision-reviews-repo.js';
import type { DecisionDeps } from '../../adapters/deps.js';
import type { StoredDecision } from '../../adapters/decisions-repo.js';
import { versionKey } from '../../domain/payroll/decision-versions.js';
import { effectivePayoutOre } from '../../domain/payroll/resolution.js';

// The response shapes are the API's contract (shared/contract/responses.ts); this file builds them.
export type { DecisionSummary, ResolutionView } from '../../contract/responses.js';

export const resolutionView = (r: ResolutionRecord | undefined): ResolutionView | null =>
  r === undefined ? null : { kind: r.resolution.kind, resolution: r.resolution, resolvedAt: r.resolvedAt };

/** The month whose run pays this version: a correction of a released month is paid with a later month's run (set by the workflow). */
export const paidWithPeriod = (d: StoredDecision): string | undefined => d.paidWithPeriod;

/**
 * The release of a version: the payroll run of the month that pays it (its
 * own month, or for a correction of a released month the month it is paid
 * with) is RELEASED, and the version existed at release.
 */
export interface ReleaseInfo {
  released: boolean;
  releasedAt: string | null;
}

export async function releaseOf(deps: DecisionDeps, d: StoredDecision, cache = new Map<string, Promise<ReleaseInfo>>()): Promise<ReleaseInfo> {
  const municipality = d.municipality ?? d.decision.municipalityCode;
  const period = paidWithPeriod(d) ?? d.period;
  const k = `${municipality}#${period}`;
  let run = cache.get(k);
  if (run === undefined) {
    run = deps.payrollRuns.getCurrentRun(municipality, period).then((r) => ({ released: r?.status === 'RELEASED', releasedAt: r?.releasedAt ?? null }));
    cache.set(k, run);
  }
  const r = await run;
  return r.released && r.releasedAt !== null && d.createdAt <= r.releasedAt ? r : { released: false, releasedAt: null };
}

export function summaryOf(d: StoredDecision, resolution: ResolutionRecord | undefined, release: ReleaseInfo): DecisionSummary {
  const e = d.decision;
  return {
    period: d.period,
    version: d.version,
    decisionId: d.decisionId,
    createdAt: d.createdAt,
    supersedes: d.supersedes ?? null,
    baseOre: e.baseOre,
    deductionOre: e.deductionOre,
    payoutOre: e.payoutOre,
    paidOre: effectivePayoutOre(e, resolution?.resolution),
    review: e.review,
    resolution: resolutionView(resolution),
    released: release.released,
  };
}

export const resolutionsByKey = (records: readonly ResolutionRecord[]): Map<string, ResolutionRecord> => new Map(records.map((r) => [versionKey(r), r]));
