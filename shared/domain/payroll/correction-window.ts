/**
 * How far back a payroll run looks for released months whose inputs changed
 * (benefit-rules.md §8; architecture.md flow 6). The spec leaves the window
 * to the municipality: it is the payroll part of the municipality policy,
 * `payroll.correctionLookbackMonths`.
 *
 * Default: 6 months, because the inputs that change after release arrive
 * within that time:
 * - a new G: G takes effect on 1 May but is set after the yearly settlement
 *   (trygdeoppgjøret), usually late in May; it has come months late (2020:
 *   in September), so the months May–August computed with the old G are up
 *   to four months before the first run that knows the new G;
 * - a document approved late: within `documentationDeadlineDays` of the
 *   absence (default 7 days), so within one or two runs;
 * - an adviser's correction of a past day: days to weeks after the day.
 * A longer window costs every candidate about 6.5 read units per month and
 * run (docs/scale.md); older changes are an adviser's case.
 *
 * Bounds: at least 1 month (a correction must reach the month before); at
 * most 36 months, since a claim to the benefit is time-barred after three
 * years (foreldelsesloven §§ 2–3).
 */
import { monthsBefore } from './participant-month.js';

export const DEFAULT_CORRECTION_LOOKBACK_MONTHS = 6;
export const MIN_CORRECTION_LOOKBACK_MONTHS = 1;
export const MAX_CORRECTION_LOOKBACK_MONTHS = 36;

export interface PayrollSettings {
  /** Months before the run's month whose released decisions are recomputed (and whose participants are candidates). */
  correctionLookbackMonths: number;
}

export const DEFAULT_PAYROLL_SETTINGS: PayrollSettings = { correctionLookbackMonths: DEFAULT_CORRECTION_LOOKBACK_MONTHS };

/**
 * The months a run of `period` looks back at, newest first. A stored window
 * that is not a whole number (an item written around the API) takes the
 * default; one outside the bounds is clamped to them.
 */
export function lookbackMonths(period: string, settings: Partial<PayrollSettings> | undefined): string[] {
  const n = settings?.correctionLookbackMonths;
  const months = Number.isInteger(n) ? Math.min(MAX_CORRECTION_LOOKBACK_MONTHS, Math.max(MIN_CORRECTION_LOOKBACK_MONTHS, n!)) : DEFAULT_CORRECTION_LOOKBACK_MONTHS;
  return monthsBefore(period, months);
}
