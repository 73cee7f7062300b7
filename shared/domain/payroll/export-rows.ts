/**
 * The payroll export (architecture.md flow 4): one line per participant for
 * the municipality's payroll system, with the gross amount, the deduction,
 * the payout and the decision id. Amounts and pseudonymous references only:
 * no name, no national id, no absence category or any other health detail
 * (explanations.md "Reproducibility and privacy").
 *
 * Columns and amounts (the spec names the columns, not their format):
 * - `gross` is the month's base plus the back-payments paid with this run
 *   (benefit-rules.md §8: the positive difference of a corrected earlier
 *   month, stored as that month's new version), `deduction` is
 *   gross − payout, so every line adds up (gross − deduction = payout) even
 *   where the deductions exceeded the base and the payout was floored at 0;
 *   unpaid-leave days count in the deduction, as in the decision's own
 *   `deductionOre`. A negative difference is never set off here: an adviser
 *   decides it (IL § 25).
 * - an adviser's ADJUSTMENT replaces the month's payout (resolution.ts).
 * - `decision_id` is the month's decision; two columns after the seven the
 *   spec names carry the back-payment and the ids of the corrected decisions
 *   it comes from (space-separated), so payroll can post and trace it. A
 *   participant with only a back-payment (no programme day this month) gets
 *   a line whose decision id is the first correction's.
 * - kroner with two decimals and a point ("22758.17"), computed exactly from
 *   whole øre: what payroll systems import, independent of locale.
 * Pure: the rows depend only on the stored decisions and resolutions, so a
 * repeated export gives the same bytes.
 */
import { compareText, latestPerPeriod } from './decision-versions.js';
import type { ResolvableDecision, Resolution } from './resolution.js';
import { effectivePayoutOre, grossOre } from './resolution.js';

export interface ExportEntry {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  /** Pseudonymous reference the payroll system knows the participant by. */
  payrollRef: string;
  decision: Pick<ResolvableDecision, 'baseOre' | 'payoutOre' | 'lines'>;
  resolution?: Resolution;
}

/** A correction of an earlier month paid with this run: its positive difference. */
export interface BackPayment {
  participantId: string;
  payrollRef: string;
  /** The correcting decision version. */
  decisionId: string;
  amountOre: number;
}

export interface ExportRow {
  municipality: string;
  period: string;
  payrollRef: string;
  grossOre: number;
  deductionOre: number;
  payoutOre: number;
  decisionId: string;
  backPaymentOre: number;
  correctionIds: string[];
}

export const EXPORT_COLUMNS = ['municipality', 'period', 'payroll_ref', 'gross_nok', 'deduction_nok', 'payout_nok', 'decision_id', 'back_payment_nok', 'corrected_decision_ids'] as const;

/**
 * One row per participant: the latest version of each participant's decision
 * for the run's month, plus the back-payments paid with it. Decisions of
 * other months among `entries` are ignored (a correction is paid only as a
 * back-payment). Ordered by payroll reference, then decision id.
 */
export function exportRows(run: { municipalityCode: string; period: string }, entries: readonly ExportEntry[], backPayments: readonly BackPayment[] = []): ExportRow[] {
  const rows = new Map<string, ExportRow>();
  for (const e of latestPerPeriod(entries.filter((x) => x.period === run.period))) {
    const gross = grossOre(e.decision);
    const payout = effectivePayoutOre(e.decision, e.resolution);
    rows.set(e.participantId, { municipality: run.municipalityCode, period: run.period, payrollRef: e.payrollRef, grossOre: gross, deductionOre: gross - payout, payoutOre: payout, decisionId: e.decisionId, backPaymentOre: 0, correctionIds: [] });
  }
  for (const b of backPayments) {
    const row = rows.get(b.participantId) ?? { municipality: run.municipalityCode, period: run.period, payrollRef: b.payrollRef, grossOre: 0, deductionOre: 0, payoutOre: 0, decisionId: b.decisionId, backPaymentOre: 0, correctionIds: [] };
    rows.set(b.participantId, { ...row, grossOre: row.grossOre + b.amountOre, payoutOre: row.payoutOre + b.amountOre, backPaymentOre: row.backPaymentOre + b.amountOre, correctionIds: [...row.correctionIds, b.decisionId] });
  }
  return [...rows.values()].sort((a, b) => compareText(a.payrollRef, b.payrollRef) || compareText(a.decisionId, b.decisionId));
}

/** Whole øre as kroner with two decimals: 2275817 → "22758.17", 5 → "0.05", -120 → "-1.20". */
export function kroner(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`not a whole number of øre: ${ore}`);
  const abs = Math.abs(ore);
  return `${ore < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A row as the CSV record, in EXPORT_COLUMNS order. */
export function exportRecord(r: ExportRow): string[] {
  return [r.municipality, r.period, r.payrollRef, kroner(r.grossOre), kroner(r.deductionOre), kroner(r.payoutOre), r.decisionId, kroner(r.backPaymentOre), r.correctionIds.join(' ')];
}
