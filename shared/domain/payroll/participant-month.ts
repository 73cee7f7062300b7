/**
 * One participant's month in a payroll run: is there anything to decide, and
 * which version to write (architecture.md flows 3 and 6; benefit-rules.md §8).
 * Pure: the case is built by the caller for a given computedAt, the previous
 * version is an argument.
 *
 * - Unchanged: the inputs built again, stamped with the previous version's
 *   computedAt, hash to the previous input hash: nothing is written (R5).
 *   (computedAt is part of the case and its hash, so comparing with a fresh
 *   stamp would call every month changed.)
 * - First decision: version 1.
 * - Changed: version n+1, superseding n, with the per-day difference and its
 *   route; the explanation carries the correction layer.
 */
import type { Case } from '../case.js';
import { inputHash } from '../case-hash.js';
import type { DateRange } from '../calendar.js';
import { monthInfo } from '../calendar.js';
import type { Decision, DecisionCore, ReviewClass } from '../decision.js';
import { decideCore } from '../engine.js';
import type { CorrectionContext, ExplanationContact, ExplanationContext } from '../explanation/render.js';
import { LANGUAGES, renderExplanation } from '../explanation/render.js';
import type { Correction } from './correction.js';
import { diffDecisions } from './correction.js';

export interface PreviousVersion {
  decisionId: string;
  version: number;
  inputHash: string;
  computedAt: string;
  decision: DecisionCore;
}

export type MonthOutcome =
  | { kind: 'UNCHANGED' }
  | { kind: 'FIRST'; version: 1; input: Case; decision: Decision; contact?: ExplanationContact }
  | { kind: 'CORRECTION'; version: number; input: Case; decision: Decision; supersedes: string; correction: Correction; contact?: ExplanationContact };

/**
 * A correction of a month already paid: what the month has paid
 * (correction.ts `paidForMonth`) and the month whose payout pays the
 * difference. Absent for a month not paid yet (its own run computing it again).
 */
export interface Payment {
  paidBeforeOre: number;
  paidWithPeriod: string;
}

/** The inputs built again, stamped with the previous version's computedAt, hash to its input hash (see above). */
export function isUnchanged(previous: PreviousVersion, caseAt: (computedAt: string) => Case): boolean {
  return inputHash(caseAt(previous.computedAt)) === previous.inputHash;
}

/**
 * `contact`: the adviser's name and the complaint address to write into the
 * text; the caller stores it with the version (explanation-versions.ts
 * `baseContext` reads it back), as it is no input of the decision: a new
 * adviser alone makes no new version.
 */
export function decideMonth(
  previous: PreviousVersion | undefined,
  caseAt: (computedAt: string) => Case,
  computedAt: string,
  payment?: Payment,
  contact: ExplanationContact = {},
): MonthOutcome {
  if (previous !== undefined && isUnchanged(previous, caseAt)) return { kind: 'UNCHANGED' };
  const input = caseAt(computedAt);
  const core = decideCore(input);
  // What the text was rendered with, to store beside it (only the fields that are set; none: nothing stored).
  const used = contactOf(contact);
  const stored = Object.keys(used).length === 0 ? {} : { contact: used };
  if (previous === undefined) return { kind: 'FIRST', version: 1, input, decision: { ...core, explanation: explain(core, used) }, ...stored };
  const correction = diffDecisions(previous.decision, core, payment?.paidBeforeOre);
  const ctx = { ...used, correction: correctionContext(previous.decisionId, correction, payment?.paidWithPeriod) };
  return { kind: 'CORRECTION', version: previous.version + 1, input, decision: { ...core, explanation: explain(core, ctx) }, supersedes: previous.decisionId, correction, ...stored };
}

/**
 * The correction as the explanation states it (render.ts): stored with the
 * version (its `supersedes`, `correction`, `paidWithPeriod`), so the
 * explanation is rendered again from what is stored.
 */
export function correctionContext(supersedesDecisionId: string, c: Correction, paidWithPeriod: string | undefined): CorrectionContext {
  return {
    supersedesDecisionId,
    reason: c.reason,
    days: c.days,
    totalDifferenceOre: c.totalDifferenceOre,
    ...(c.previousPayoutOre === undefined ? {} : { previousPayoutOre: c.previousPayoutOre }),
    ...(c.paidBeforeOre === undefined ? {} : { paidBeforeOre: c.paidBeforeOre }),
    ...(paidWithPeriod === undefined ? {} : { paidWithPeriod }),
  };
}

/** Only the fields that are set (a stored item never holds an explicit undefined, and the context is compared as JSON). */
export function contactOf(c: ExplanationContact | undefined): ExplanationContact {
  return {
    ...(c?.adviserName === undefined ? {} : { adviserName: c.adviserName }),
    ...(c?.complaintAddress === undefined ? {} : { complaintAddress: c.complaintAddress }),
  };
}

function explain(core: DecisionCore, ctx?: ExplanationContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of LANGUAGES) out[lang] = renderExplanation(core, lang, ctx);
  return out;
}

/**
 * The review class a stored version is handled under: the engine's, raised to
 * REVIEW for a negative correction (benefit-rules.md §9: "any negative
 * correction"; IL § 25 allows no automatic set-off).
 */
export function effectiveReview(review: ReviewClass, correction: Correction | undefined): ReviewClass {
  return review === 'AUTOMATIC' && correction?.route === 'ADVISER_DECISION' ? 'REVIEW' : review;
}

/** True when any enrolment overlaps the month: such a participant is in the month's run. */
export function enrolledInMonth(enrolments: readonly DateRange[], period: string): boolean {
  const m = monthInfo(period);
  return enrolments.some((r) => r.from <= m.last && (r.to === null || r.to >= m.first));
}

/** The `n` months before `period`, newest first ("2026-01", 2 → ["2025-12", "2025-11"]). */
export function monthsBefore(period: string, n: number): string[] {
  const m = monthInfo(period);
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const index = m.year * 12 + (m.month - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
