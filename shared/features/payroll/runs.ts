/** Payroll-run facts several functions share: which months were released, and a run's own audit chain. */
import type { PayrollRunsRepo } from '../../adapters/payroll-runs-repo.js';

/** Of the months in the look-back window, those whose run the municipality has released (only released months are corrected). */
export async function releasedMonths(runs: Pick<PayrollRunsRepo, 'getCurrentRun'>, municipality: string, months: readonly string[]): Promise<string[]> {
  const current = await Promise.all(months.map((p) => runs.getCurrentRun(municipality, p)));
  return months.filter((_, i) => current[i]?.status === 'RELEASED');
}

/** The audit chain of a payroll run (approvals, exports). */
export const runAuditChain = (runId: string): string => `RUN#${runId}`;
