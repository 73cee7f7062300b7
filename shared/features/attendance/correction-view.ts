/**
 * An adviser's correction of a day as participants and advisers see it: what
 * the day's present time was set to, when, by which role and why; never who
 * by name. In its own module (as absence-view.ts) so the data export does not
 * bundle the month view.
 */
import type { CorrectionRecord } from '../../adapters/attendance-repo.js';
import type { DayCorrection } from '../../domain/attendance/day-correction.js';

/** The domain's correction, nothing more: no staff ref, no request hash. */
export type CorrectionView = DayCorrection;

export const correctionView = (c: CorrectionRecord): CorrectionView => ({
  date: c.date,
  version: c.version,
  present: c.present,
  reason: c.reason,
  correctedAt: c.correctedAt,
  correctedByRole: c.correctedByRole,
});
