/**
 * Keeps a participant's month's stored explanation in step with what is paid
 * (shared/domain/payroll/explanation-versions.ts): reads the facts (the
 * newest decision version, its resolution, the corrections of earlier months
 * paid with this month's payout), and when the context they give differs
 * from the newest stored revision, writes the next revision create-only.
 *
 * Called after each fact is written: by the payroll batch after it stored a
 * participant's corrections, and by the adviser's resolution (for the month
 * resolved, and for the month whose payout pays a resolved correction). It
 * is idempotent: called again with the same facts it writes nothing (a
 * retried batch, a repeated PUT); two callers racing for the same revision
 * number cannot both write it, and the loser reads the facts again.
 */
import type { DecisionReviewsRepo, ResolutionRecord } from '../../adapters/decision-reviews-repo.js';
import type { DecisionsRepo, StoredDecision } from '../../adapters/decisions-repo.js';
import type { ExplanationsRepo, StoredExplanation } from '../../adapters/explanations-repo.js';
import type { PayrollRunsRepo } from '../../adapters/payroll-runs-repo.js';
import { osloDateOf } from '../../domain/attendance/oslo-time.js';
import type { DecisionCore } from '../../domain/decision.js';
import { TEMPLATE_VERSION } from '../../domain/explanation/render.js';
import { lookbackMonths } from '../../domain/payroll/correction-window.js';
import { versionKey } from '../../domain/payroll/decision-versions.js';
import type { PaidCorrection, ResolutionFacts } from '../../domain/payroll/explanation-versions.js';
import { backPaymentSteps, baseContext, causeOf, currentContext, renderRevision, sameContext } from '../../domain/payroll/explanation-versions.js';

export interface ExplanationIo {
  decisions: Pick<DecisionsRepo, 'getLatest' | 'listVersions'>;
  reviews: Pick<DecisionReviewsRepo, 'get' | 'getMany'>;
  runs: Pick<PayrollRunsRepo, 'getCurrentRun'>;
  explanations: ExplanationsRepo;
  /** ISO instant, for the revision's createdAt. */
  now: () => string;
}

/** Only advisers resolve (shared/contract/routes-decisions.ts); records written before the role was stored were theirs. */
export const resolutionFacts = (r: ResolutionRecord): ResolutionFacts => ({ resolution: r.resolution, role: r.resolvedByRole ?? 'adviser', resolvedOn: osloDateOf(r.resolvedAt) });

const decisionOf = (d: StoredDecision): DecisionCore => d.decision;

/**
 * The corrections of earlier months paid with `period`'s payout: the months
 * its run looked back at (frozen on the run; the policy's default window
 * when the run has none), each version that names `period` as its payer.
 */
async function paidCorrections(io: ExplanationIo, d: StoredDecision, municipality: string): Promise<PaidCorrection[]> {
  const run = await io.runs.getCurrentRun(municipality, d.period);
  const months = run?.progress.correctionMonths ?? lookbackMonths(d.period, undefined);
  const versions = (await Promise.all(months.map((m) => io.decisions.listVersions(d.participantId, m)))).flat().filter((v) => v.paidWithPeriod === d.period);
  const resolutions = await io.reviews.getMany(versions);
  return versions.map((v) => {
    const resolution = resolutions.get(versionKey(v))?.resolution;
    return { ...v, payoutOre: decisionOf(v).payoutOre, ...(resolution === undefined ? {} : { resolution }) };
  });
}

const MAX_ATTEMPTS = 5;

/** Brings the explanation of the participant's month up to date; returns the revision written, if any. */
export async function ensureExplanation(io: ExplanationIo, participantId: string, period: string): Promise<StoredExplanation | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const d = await io.decisions.getLatest(participantId, period);
    if (d === undefined) return undefined;
    const municipality = d.municipality ?? decisionOf(d).municipalityCode;
    const [resolution, latest, corrections] = await Promise.all([
      io.reviews.get(d),
      io.explanations.latestFor(participantId, period, d.version),
      d.paidWithPeriod === undefined ? paidCorrections(io, d, municipality) : Promise.resolve([]),
    ]);
    const previous = latest?.context ?? baseContext(d);
    const next = currentContext(d, resolution === undefined ? undefined : resolutionFacts(resolution), backPaymentSteps(period, corrections));
    if (sameContext(previous, next)) return undefined;
    const revision: StoredExplanation = {
      participantId,
      period,
      version: d.version,
      revision: (latest?.revision ?? 0) + 1,
      decisionId: d.decisionId,
      context: next,
      cause: causeOf(previous, next),
      templateVersion: TEMPLATE_VERSION,
      explanation: renderRevision(decisionOf(d), next),
      createdAt: io.now(),
    };
    if ((await io.explanations.putOnce(revision)) === 'created') return revision;
    // Another writer took this revision number: read the facts and the newest revision again.
  }
  throw new Error('ensureExplanation: concurrent revisions did not settle');
}
