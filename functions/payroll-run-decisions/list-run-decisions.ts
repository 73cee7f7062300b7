/**
 * Payroll's drill-down into a run: per participant the decision id, the
 * amounts, the review class and whether a formal decision is still awaited.
 * Pseudonymous ids and amounts only: no lines, no reasons, no calendar, no
 * resolution text (they can tell an absence category; explanations.md
 * "Payroll's export shows amounts and decision ids only").
 *
 * One page costs the same whatever the run's size (issue 15): the page's
 * decisions by participant from the month's index (summaries only), their
 * resolutions by key, the count from the run's totals and the unresolved
 * formal decisions from the pay month's counter. The corrections paid with
 * the run come on the first page from their own small marker items.
 *
 * Amounts of a person's benefit are personal data, so each participant on the
 * page gets a staff-read entry in their access log before the page is
 * returned (S6); paging keeps that proportional to what is shown.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { RunStatus, RunTotals } from '../../shared/domain/payroll/run.js';
import { versionKey } from '../../shared/domain/payroll/decision-versions.js';
import { effectivePayoutOre, grossOre } from '../../shared/domain/payroll/resolution.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { backPayments, loadRun, reviewOf, runCorrections, runMonth, unresolvedVedtakOf } from '../../shared/features/payroll/run-decisions.js';

export const PURPOSE = 'payroll-drill-down';
const PARALLEL = 8;
export const DEFAULT_PAGE = 100;

export interface RunDecisionRow {
  participantId: string;
  decisionId: string;
  version: number;
  review: 'AUTOMATIC' | 'REVIEW' | 'VEDTAK_REQUIRED';
  grossOre: number;
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  /** What will be paid: the payout, or an adviser's adjusted payout. */
  paidOre: number;
  /** For VEDTAK_REQUIRED: the adviser's resolution kind, or null while it is awaited. */
  resolution: 'FORMAL_DECISION' | 'ADJUSTMENT' | null;
}

export interface RunDecisionsPage {
  runId: string;
  municipality: string;
  period: string;
  status: RunStatus;
  totals: RunTotals | null;
  /** Participants with a decision in the run (its totals). */
  count: number;
  unresolvedVedtak: number;
  decisions: RunDecisionRow[];
  /** Corrections of earlier months paid with this run (on the first page only). */
  backPayments: { participantId: string; period: string; decisionId: string; amountOre: number }[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

export async function listRunDecisions(
  deps: Deps,
  auth: AuthContext,
  runId: string,
  page: { limit?: number; after?: string },
  route: string,
): Promise<RunDecisionsPage> {
  const run = await loadRun(deps, auth, runId);
  const limit = page.limit ?? DEFAULT_PAGE;
  const first = page.after === undefined;
  const [month, corrections, counts] = await Promise.all([
    runMonth(deps, run, { ...(first ? {} : { after: page.after }), participants: limit }),
    first ? runCorrections(deps, run) : Promise.resolve([]),
    deps.decisions.getPayMonthCounts(run.municipalityCode, run.period),
  ]);
  const shown = month.decisions;
  const [resolutions, paidBack] = await Promise.all([deps.reviews.getMany(shown.filter((d) => reviewOf(d) === 'VEDTAK_REQUIRED')), backPayments(deps, corrections)]);
  const readers = [...new Set([...shown, ...paidBack].map((d) => d.participantId))];
  const at = deps.clock.now().toISOString();
  for (let i = 0; i < readers.length; i += PARALLEL)
    await Promise.all(readers.slice(i, i + PARALLEL).map((participantId) => deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose: PURPOSE, route, at })));
  return {
    runId: run.runId,
    municipality: run.municipalityCode,
    period: run.period,
    status: run.status,
    totals: run.totals,
    count: run.totals?.decided ?? 0,
    unresolvedVedtak: unresolvedVedtakOf(counts, run),
    decisions: shown.map((d): RunDecisionRow => {
      const e = d.decision;
      const r = resolutions.get(versionKey(d))?.resolution;
      return {
        participantId: d.participantId,
        decisionId: d.decisionId,
        version: d.version,
        review: reviewOf(d),
        grossOre: grossOre(e),
        baseOre: e.baseOre,
        deductionOre: e.deductionOre,
        payoutOre: e.payoutOre,
        paidOre: effectivePayoutOre(e, r),
        resolution: r?.kind ?? null,
      };
    }),
    backPayments: paidBack.map((c) => ({ participantId: c.participantId, period: c.period, decisionId: c.decisionId, amountOre: c.amountOre })),
    nextAfter: month.more ? (month.last ?? null) : null,
  };
}
