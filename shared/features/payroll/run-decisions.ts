/**
 * A payroll run's decisions (architecture.md flows 3–4; benefit-rules.md §8):
 *
 * - `month`: the latest version of each participant's decision for the run's
 *   month among the versions written by the month's runs (a run restarted
 *   after a failure reuses the decisions of the failed one);
 * - `corrections`: new versions of earlier, released months that the
 *   workflow made while computing this run (`paidWithPeriod` = this month):
 *   a positive difference is a back-payment paid with this run, a negative
 *   one goes to an adviser (no set-off).
 *
 * Once the run is released, versions made after the release (corrected
 * later, paid with a later run) are not part of it, so the drill-down and the
 * export of a released run never change. A run of another municipality is
 * "not found" (404), like a missing one.
 */
import type { ResolutionRecord } from '../../adapters/decision-reviews-repo.js';
import type { DecisionDeps } from '../../adapters/deps.js';
import type { StoredDecision } from '../../adapters/decisions-repo.js';
import type { Deps } from '../../adapters/deps.js';
import type { PayrollRun } from '../../adapters/payroll-runs-repo.js';
import { monthInfo } from '../../domain/calendar.js';
import type { Decision } from '../../domain/decision.js';
import { backPaymentOre } from '../../domain/payroll/correction.js';
import { latestPerPeriod, versionKey } from '../../domain/payroll/decision-versions.js';
import type { AuthContext } from '../../http/auth.js';
import { NotFoundError } from '../../http/errors.js';
import { paidWithPeriod } from '../decisions/decision-view.js';

/**
 * How far back corrections paid with a run are looked for: at least the
 * workflow's own look-back (functions/payroll-compute-batch), with room to spare.
 */
export const BACK_PAYMENT_LOOKBACK_MONTHS = 12;

export async function loadRun(deps: DecisionDeps, auth: AuthContext, runId: string): Promise<PayrollRun> {
  const run = await deps.payrollRuns.getRun(runId);
  if (run === undefined || run.municipalityCode !== auth.municipality) throw new NotFoundError('No such payroll run');
  return run;
}

export interface RunDecisionSet {
  month: StoredDecision[];
  corrections: StoredDecision[];
  /** The resolutions of the corrections (an adviser's adjustment changes what a correction pays back), by `versionKey`. */
  correctionResolutions: Map<string, ResolutionRecord>;
}

function monthsBefore(period: string, n: number): string[] {
  const m = monthInfo(period);
  const index = m.year * 12 + (m.month - 1);
  return Array.from({ length: n }, (_, i) => {
    const k = index - i - 1;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

export async function runDecisions(deps: Pick<Deps, 'decisions'> & DecisionDeps, run: PayrollRun): Promise<RunDecisionSet> {
  const [month, runs, ...earlier] = await Promise.all([
    deps.decisions.listForMonth(run.municipalityCode, run.period),
    deps.payrollRuns.listRuns(run.municipalityCode, { period: run.period }),
    ...monthsBefore(run.period, BACK_PAYMENT_LOOKBACK_MONTHS).map((p) => deps.decisions.listForMonth(run.municipalityCode, p)),
  ]);
  const monthRuns = new Set([run.runId, ...runs.map((r) => r.runId)]);
  const releasedAt = run.status === 'RELEASED' ? run.releasedAt : null;
  const ofRun = (d: StoredDecision) => monthRuns.has(d.runId) && (releasedAt === null || d.createdAt <= releasedAt);
  const corrections = latestPerPeriod(earlier.flat().filter((d) => ofRun(d) && d.correction !== undefined && paidWithPeriod(d) === run.period));
  return { month: latestPerPeriod(month.filter(ofRun)), corrections, correctionResolutions: corrections.length === 0 ? new Map() : await deps.reviews.getMany(corrections) };
}

export const reviewOf = (d: StoredDecision): Decision['review'] => d.review ?? d.decision.review;

/** VEDTAK_REQUIRED decisions of the run (its month and its corrections) whose version has no resolution: they block the release. */
export async function unresolvedVedtak(deps: DecisionDeps, set: RunDecisionSet): Promise<StoredDecision[]> {
  const vedtak = [...set.month, ...set.corrections].filter((d) => reviewOf(d) === 'VEDTAK_REQUIRED');
  const resolved = await deps.reviews.getMany(vedtak);
  return vedtak.filter((d) => !resolved.has(versionKey(d)));
}

/**
 * What a correction of the run pays back: what its month is now due (as an
 * adviser resolved it) less what the month had paid (correction.ts
 * `backPaymentOre`, the amount its explanation states).
 */
export function backPaymentAmount(set: RunDecisionSet, d: StoredDecision): number {
  const resolution = set.correctionResolutions.get(versionKey(d))?.resolution;
  return backPaymentOre({ payoutOre: d.decision.payoutOre, ...(d.correction === undefined ? {} : { correction: d.correction }), ...(resolution === undefined ? {} : { resolution }) });
}

/** The back-payments of the run: its corrections that pay something back. */
export const backPayments = (set: RunDecisionSet): StoredDecision[] => set.corrections.filter((d) => backPaymentAmount(set, d) > 0);
