/**
 * Summarise: add the batches' results (to the øre) and move the run to
 * AWAITING_APPROVAL through run.ts. A retried Summarise finds the same totals
 * stored and changes nothing.
 */
import type { Clock } from '../../shared/adapters/clock.js';
import type { PayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { PermanentTaskError } from '../../shared/adapters/workflow-task.js';
import type { RunStatus, RunTotals } from '../../shared/domain/payroll/run.js';
import { addTotals, emptyTotals } from '../../shared/domain/payroll/run.js';

export async function summariseRun(runId: string, runs: PayrollRunsRepo, clock: Clock): Promise<{ status: RunStatus }> {
  const run = await runs.getRun(runId);
  if (run === undefined) throw new PermanentTaskError('RUN_NOT_FOUND');
  const batches = (await runs.listBatches(runId)).filter((b) => b.index < run.progress.batches);
  if (!run.progress.prepared || batches.length !== run.progress.batches || batches.some((b) => b.result === null)) throw new PermanentTaskError('BATCHES_INCOMPLETE');
  let totals: RunTotals = emptyTotals();
  for (const b of batches) {
    const { written: _written, ...result } = b.result!;
    totals = addTotals(totals, result);
  }
  const after = await runs.apply(runId, { type: 'SummariseRun', totals, at: clock.now().toISOString() });
  return { status: after.status };
}
