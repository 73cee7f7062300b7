/**
 * A payroll run's decisions (architecture.md flows 3–4; benefit-rules.md §8):
 *
 * - the month: the latest version of each participant's decision for the
 *   run's month among the versions written by the month's runs (a run
 *   restarted after a failure reuses the decisions of the failed one);
 * - the corrections paid with the run: new versions of earlier, released
 *   months that the workflow made while computing this run (`paidWithPeriod`
 *   = this month), found by their marker items in the pay month's partition
 *   (shared/adapters/decisions-repo.ts) instead of by reading earlier months:
 *   what a month is now due beyond what it has paid is a back-payment paid
 *   with this run; less goes to an adviser (no set-off).
 *
 * Once the run is released, versions made after the release (corrected
 * later, paid with a later run) are not part of it, so the drill-down and the
 * export of a released run never change. Only the fields payroll lists show
 * are read (no input snapshots, no explanations). A run of another
 * municipality is "not found" (404), like a missing one.
 */
import type { PaidCorrection, PayMonthCounts, StoredDecision } from '../../adapters/decisions-repo.js';
import type { DecisionDeps, Deps } from '../../adapters/deps.js';
import type { PayrollRun } from '../../adapters/payroll-runs-repo.js';
import type { Decision } from '../../domain/decision.js';
import { backPaymentOre } from '../../domain/payroll/correction.js';
import { latestPerPeriod, versionKey } from '../../domain/payroll/decision-versions.js';
import type { Resolution } from '../../domain/payroll/resolution.js';
import type { AuthContext } from '../../http/auth.js';
import { NotFoundError } from '../../http/errors.js';

export async function loadRun(deps: DecisionDeps, auth: AuthContext, runId: string): Promise<PayrollRun> {
  const run = await deps.payrollRuns.getRun(runId);
  if (run === undefined || run.municipalityCode !== auth.municipality) throw new NotFoundError('No such payroll run');
  return run;
}

/** Which stored versions belong to a run: written by one of its month's runs, and (once released) before the release. */
export async function runFilter(deps: DecisionDeps, run: PayrollRun): Promise<(d: { runId: string; createdAt: string }) => boolean> {
  const runs = await deps.payrollRuns.listRuns(run.municipalityCode, { period: run.period });
  const monthRuns = new Set([run.runId, ...runs.map((r) => r.runId)]);
  const releasedAt = run.status === 'RELEASED' ? run.releasedAt : null;
  return (d) => monthRuns.has(d.runId) && (releasedAt === null || d.createdAt <= releasedAt);
}

export interface RunMonthPage {
  /** The latest version per participant, by participant id. */
  decisions: StoredDecision[];
  /** More participants follow the page's last one. */
  more: boolean;
  /** The last participant the page listed (the next page starts after it), or undefined for an empty page. */
  last: string | undefined;
}

/** One page of `participants` of the run's month decisions after participant `after` (the drill-down), read as summaries from the month's index. */
export async function runMonth(deps: Pick<Deps, 'decisions'> & DecisionDeps, run: PayrollRun, page: { after?: string; participants: number }): Promise<RunMonthPage> {
  const [ofRun, listed] = await Promise.all([runFilter(deps, run), deps.decisions.listMonthSummaries(run.municipalityCode, run.period, page)]);
  return { decisions: latestPerPeriod(listed.items.filter(ofRun)), more: listed.more, last: listed.items.at(-1)?.participantId };
}

/** Participants' month decisions read at once (each one Query by key). */
const PARALLEL = 16;

/**
 * All the run's month decisions (the export job): the participants of its
 * frozen batches (whom its totals count), each one's versions read by key
 * and the latest of the run's kept. By key rather than by paging through the
 * month's index: the same reads on AWS, and DynamoDB Local pages a large
 * index in time that grows with the square of its size.
 */
export async function allRunMonth(deps: Pick<Deps, 'decisions'> & DecisionDeps, run: PayrollRun): Promise<StoredDecision[]> {
  const [ofRun, batches] = await Promise.all([runFilter(deps, run), deps.payrollRuns.listBatches(run.runId)]);
  const ids = batches.filter((b) => b.index < run.progress.batches).flatMap((b) => b.participantIds);
  const found: StoredDecision[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const versions = (await deps.decisions.listVersionSummaries(ids[next++]!, run.period)).filter(ofRun);
      found.push(...versions);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return latestPerPeriod(found);
}

/** The corrections of earlier months paid with the run (the latest version per participant and month). */
export async function runCorrections(deps: Pick<Deps, 'decisions'> & DecisionDeps, run: PayrollRun): Promise<PaidCorrection[]> {
  const [ofRun, markers] = await Promise.all([runFilter(deps, run), deps.decisions.listPaidWith(run.municipalityCode, run.period)]);
  return latestPerPeriod(markers.filter(ofRun));
}

/**
 * The unresolved formal decisions that block the release, from the pay
 * month's counter. No counter means none was ever written for the month; a
 * run whose totals still show VEDTAK_REQUIRED decisions then has decisions
 * written before counters existed, and stays blocked (fail closed) rather
 * than being released unchecked.
 */
export function unresolvedVedtakOf(counts: PayMonthCounts | undefined, run: Pick<PayrollRun, 'totals'>): number {
  if (counts === undefined) return run.totals?.byReview.VEDTAK_REQUIRED ?? 0;
  return Math.max(0, counts.unresolvedVedtak);
}

export const reviewOf = (d: StoredDecision): Decision['review'] => d.review ?? d.decision.review;

/**
 * What a correction of the run pays back: what its month is now due (as an
 * adviser resolved it) less what the month had paid (correction.ts
 * `backPaymentOre`, the amount the participant's explanation states).
 */
export function backPaymentAmount(c: PaidCorrection, resolution: Resolution | undefined): number {
  return backPaymentOre({ payoutOre: c.payoutOre ?? 0, correction: c, ...(resolution === undefined ? {} : { resolution }) });
}

/** A correction of the run that pays something back, with what it pays. */
export type RunBackPayment = PaidCorrection & { amountOre: number };

/** The back-payments of the run: its corrections that pay something back (their resolutions read by key, one BatchGetItem per 100). */
export async function backPayments(deps: DecisionDeps, corrections: readonly PaidCorrection[]): Promise<RunBackPayment[]> {
  if (corrections.length === 0) return [];
  const resolutions = await deps.reviews.getMany(corrections);
  return corrections.flatMap((c) => {
    const amountOre = backPaymentAmount(c, resolutions.get(versionKey(c))?.resolution);
    return amountOre > 0 ? [{ ...c, amountOre }] : [];
  });
}
