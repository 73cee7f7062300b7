/**
 * Payroll's drill-down into a run: per participant the decision id, the
 * amounts, the review class and whether a formal decision is still awaited.
 * Pseudonymous ids and amounts only: no lines, no reasons, no calendar, no
 * resolution text (they can tell an absence category; explanations.md
 * "Payroll's export shows amounts and decision ids only").
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
import { backPaymentAmount, backPayments, loadRun, reviewOf, runDecisions, unresolvedVedtak } from '../../shared/features/payroll/run-decisions.js';

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
  const set = await runDecisions(deps, run);
  const all = set.month;
  const [resolutions, unresolved] = await Promise.all([deps.reviews.getMany(all.filter((d) => reviewOf(d) === 'VEDTAK_REQUIRED')), unresolvedVedtak(deps, set)]);
  const limit = page.limit ?? DEFAULT_PAGE;
  const rest = page.after === undefined ? all : all.filter((d) => d.participantId > page.after!);
  const shown = rest.slice(0, limit);
  const paidBack = page.after === undefined ? backPayments(set) : [];
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
    count: all.length,
    unresolvedVedtak: unresolved.length,
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
    backPayments: paidBack.map((d) => ({ participantId: d.participantId, period: d.period, decisionId: d.decisionId, amountOre: backPaymentAmount(set, d) })),
    nextAfter: rest.length > limit ? shown.at(-1)!.participantId : null,
  };
}
