/**
 * The payroll export (architecture.md flow 4): one line per participant for
 * the municipality's payroll system, with the gross amount, the deduction,
 * the payout and the decision id. Amounts and pseudonymous references only:
 * no name, no national id, no absence category or any other health detail
 * (explanations.md "Reproducibility and privacy").
 *
 * Columns and amounts (the spec names the columns, not their format):
 * - `gross` is the base plus any back-payment paid with this month
 *   (benefit-rules.md §8), `deduction` is gross − payout, so every line adds
 *   up (gross − deduction = payout) even where the deductions exceeded the
 *   base and the payout was floored at 0; unpaid-leave days count in the
 *   deduction, as in the decision's own `deductionOre`.
 * - an adviser's ADJUSTMENT replaces the payout (resolution.ts).
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

export interface ExportRow {
  municipality: string;
  period: string;
  payrollRef: string;
  grossOre: number;
  deductionOre: number;
  payoutOre: number;
  decisionId: string;
}

export const EXPORT_COLUMNS = ['municipality', 'period', 'payroll_ref', 'gross_nok', 'deduction_nok', 'payout_nok', 'decision_id'] as const;

/**
 * One row per participant: the latest version of each participant's decision
 * for the run's month. Decisions of other months in the run (corrections of
 * earlier months) are not paid as lines of their own: their positive
 * difference is a back-payment line inside this month's decision.
 * Ordered by payroll reference, then decision id.
 */
export function exportRows(run: { municipalityCode: string; period: string }, entries: readonly ExportEntry[]): ExportRow[] {
  return latestPerPeriod(entries.filter((e) => e.period === run.period))
    .map((e): ExportRow => {
      const gross = grossOre(e.decision);
      const payout = effectivePayoutOre(e.decision, e.resolution);
      return { municipality: run.municipalityCode, period: run.period, payrollRef: e.payrollRef, grossOre: gross, deductionOre: gross - payout, payoutOre: payout, decisionId: e.decisionId };
    })
    .sort((a, b) => compareText(a.payrollRef, b.payrollRef) || compareText(a.decisionId, b.decisionId));
}

/** Whole øre as kroner with two decimals: 2275817 → "22758.17", 5 → "0.05", -120 → "-1.20". */
export function kroner(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`not a whole number of øre: ${ore}`);
  const abs = Math.abs(ore);
  return `${ore < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A row as the CSV record, in EXPORT_COLUMNS order. */
export function exportRecord(r: ExportRow): string[] {
  return [r.municipality, r.period, r.payrollRef, kroner(r.grossOre), kroner(r.deductionOre), kroner(r.payoutOre), r.decisionId];
}
