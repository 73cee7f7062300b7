/**
 * Explanation versions (explanations.md "Reproducibility"; issue "the
 * explanation tells the payout actually paid"). A decision version is stored
 * with its explanation, rendered with the correction it makes (revision 0).
 * What happens to it afterwards changes what the participant is paid, so it
 * changes the text: an adviser's adjustment or recorded formal decision, the
 * back-payments of earlier months paid with the month's payout. Each such
 * change is a new revision of that decision version's explanation, stored
 * create-only beside it with the context it was rendered with, so that
 * rendering the stored decision with the stored context gives the stored
 * text byte for byte. Nothing is overwritten; the history is every revision.
 *
 * The release by payroll is not a revision: it is one fact of the run, and
 * the text served adds "approved on" to the current revision at read time
 * (rendered from the same stored inputs plus the run's release date).
 * Pure: the facts are arguments.
 */
import { canonicalJson } from '../canonical-json.js';
import type { DecisionCore } from '../decision.js';
import type { ExplanationContact, ExplanationContext } from '../explanation/render.js';
import { LANGUAGES, renderExplanation } from '../explanation/render.js';
import type { Correction } from './correction.js';
import { backPaymentOre } from './correction.js';
import { compareText } from './decision-versions.js';
import { contactOf, correctionContext } from './participant-month.js';
import type { BackPaymentStep, ResolutionStep } from './payout-steps.js';
import type { Resolution } from './resolution.js';

/** The context a revision is rendered with and stored with (the approval is added at read time). */
export type StoredContext = Pick<ExplanationContext, 'correction' | 'resolution' | 'backPayments' | 'adviserName' | 'complaintAddress'>;

/** Why a revision exists: the version computed or corrected (revision 0), or what changed after. */
export type RevisionCause = 'COMPUTED' | 'CORRECTED' | 'ADJUSTED' | 'FORMAL_DECISION' | 'BACK_PAYMENTS';

/** A stored decision version as far as its explanation is concerned. */
export interface VersionFacts {
  decisionId: string;
  period: string;
  version: number;
  supersedes?: string;
  correction?: Correction;
  /** A correction of a paid month: the month whose payout pays its difference. */
  paidWithPeriod?: string;
  /** The adviser's name and the complaint address the version's text was rendered with (absent: neither). */
  contact?: ExplanationContact;
}

/**
 * The context revision 0 was rendered with when the version was stored
 * (participant-month.ts). Later revisions start from it, so they keep the
 * contact of the version they revise: a new adviser or address is a fact of
 * the reading (read-explanation.ts), not a change of what was decided.
 */
export function baseContext(v: VersionFacts): StoredContext {
  const contact = contactOf(v.contact);
  if (v.correction === undefined) return contact;
  // Versions stored before `supersedes` was recorded supersede the version before them.
  const supersedes = v.supersedes ?? `${v.decisionId.slice(0, v.decisionId.lastIndexOf('.v'))}.v${String(v.version - 1).padStart(4, '0')}`;
  return { ...contact, correction: correctionContext(supersedes, v.correction, v.paidWithPeriod) };
}

/** An adviser's resolution of a version as the explanation states it. */
export interface ResolutionFacts {
  resolution: Resolution;
  /** The role that made it. */
  role: string;
  /** YYYY-MM-DD (Oslo) of the resolution. */
  resolvedOn: string;
}

export const resolutionStep = (r: ResolutionFacts): ResolutionStep => ({ ...r.resolution, role: r.role, resolvedOn: r.resolvedOn });

/** A correction of an earlier month paid with a month's payout, with its version's resolution. */
export interface PaidCorrection extends VersionFacts {
  /** The engine's payout of the correcting version. */
  payoutOre: number;
  resolution?: Resolution;
}

/**
 * The back-payments paid with a month's payout: per corrected month the
 * newest version paid with it (it replaces the others of that payout), with
 * a positive back-payment; oldest month first.
 */
export function backPaymentSteps(paidWith: string, corrections: readonly PaidCorrection[]): BackPaymentStep[] {
  const newest = new Map<string, PaidCorrection>();
  for (const c of corrections) {
    if (c.paidWithPeriod !== paidWith || c.correction === undefined) continue;
    const seen = newest.get(c.period);
    if (seen === undefined || c.version > seen.version) newest.set(c.period, c);
  }
  const steps: BackPaymentStep[] = [];
  for (const c of [...newest.values()].sort((a, b) => compareText(a.period, b.period))) {
    const amountOre = backPaymentOre(c);
    if (amountOre <= 0) continue;
    const correction = baseContext(c).correction!;
    steps.push({ period: c.period, decisionId: c.decisionId, supersedesDecisionId: correction.supersedesDecisionId, reason: c.correction!.reason, days: c.correction!.days, amountOre });
  }
  return steps;
}

/**
 * The context a version's explanation should have now: what it was stored
 * with, its resolution, and, for a version of the month's own run (not a
 * correction paid with a later month), the back-payments paid with its payout.
 */
export function currentContext(v: VersionFacts, resolution: ResolutionFacts | undefined, backPayments: readonly BackPaymentStep[]): StoredContext {
  const ctx: StoredContext = { ...baseContext(v) };
  if (resolution !== undefined) ctx.resolution = resolutionStep(resolution);
  if (v.paidWithPeriod === undefined && backPayments.length > 0) ctx.backPayments = [...backPayments];
  return ctx;
}

/** Two contexts give the same text (compared as canonical JSON: key order and absent fields do not count). */
export const sameContext = (a: StoredContext, b: StoredContext): boolean => canonicalJson(a) === canonicalJson(b);

/** Why `next` differs from `previous` (the first that applies, in the order a participant reads them). */
export function causeOf(previous: StoredContext, next: StoredContext): RevisionCause {
  if (canonicalJson(previous.resolution) !== canonicalJson(next.resolution) && next.resolution !== undefined)
    return next.resolution.kind === 'ADJUSTMENT' ? 'ADJUSTED' : 'FORMAL_DECISION';
  return 'BACK_PAYMENTS';
}

/** The cause of revision 0. */
export const baseCause = (v: Pick<VersionFacts, 'correction'>): RevisionCause => (v.correction === undefined ? 'COMPUTED' : 'CORRECTED');

/** The text of a revision in every language. */
export function renderRevision(decision: DecisionCore, ctx: StoredContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of LANGUAGES) out[lang] = renderExplanation(decision, lang, ctx);
  return out;
}

