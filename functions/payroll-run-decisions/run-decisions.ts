/**
 * A payroll run's decisions (architecture.md flows 3–4): the latest version
 * of each participant's decision for the run's month among the versions
 * written by the month's runs (a run restarted after a failure reuses the
 * decisions of the failed one). Once the run is released, versions made
 * after the release (corrections, paid with a later run) are not part of it,
 * so the drill-down and the export of a released run never change.
 *
 * A run of another municipality is "not found" (404), like a missing one.
 */
import type { DecisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { PayrollRun } from '../../shared/adapters/payroll-runs-repo.js';
import type { Decision } from '../../shared/domain/decision.js';
import { latestPerPeriod, versionKey } from '../../shared/domain/payroll/decision-versions.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { NotFoundError } from '../../shared/http/errors.js';
import { engineDecision } from '../me-decision-get/decision-view.js';

export async function loadRun(dd: DecisionDeps, auth: AuthContext, runId: string): Promise<PayrollRun> {
  const run = await dd.payrollRuns.getRun(runId);
  if (run === undefined || run.municipalityCode !== auth.municipality) throw new NotFoundError('No such payroll run');
  return run;
}

export async function runDecisions(deps: Pick<Deps, 'decisions'>, dd: DecisionDeps, run: PayrollRun): Promise<StoredDecision[]> {
  const [all, runs] = await Promise.all([deps.decisions.listForMonth(run.municipalityCode, run.period), dd.payrollRuns.listRuns(run.municipalityCode, { period: run.period })]);
  const monthRuns = new Set([run.runId, ...runs.map((r) => r.runId)]);
  const releasedAt = run.status === 'RELEASED' ? run.releasedAt : null;
  return latestPerPeriod(all.filter((d) => monthRuns.has(d.runId) && (releasedAt === null || d.createdAt <= releasedAt)));
}

/** VEDTAK_REQUIRED decisions of the run whose version has no resolution (they block the release). */
export async function unresolvedVedtak(dd: DecisionDeps, decisions: readonly StoredDecision[]): Promise<StoredDecision[]> {
  const vedtak = decisions.filter((d) => reviewOf(d) === 'VEDTAK_REQUIRED');
  const resolved = await dd.reviews.getMany(vedtak);
  return vedtak.filter((d) => !resolved.has(versionKey(d)));
}

export const reviewOf = (d: StoredDecision): Decision['review'] => d.review ?? engineDecision(d).review;
