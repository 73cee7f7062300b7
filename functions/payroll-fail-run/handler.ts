/** Workflow task FailRun: the Catch of every step; marks the run FAILED with the error name as reason. */
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { failRunInputSchema } from './schema.js';

export const handler = workflowTask('payroll-fail-run', failRunInputSchema, async ({ runId, error }, _log, deps) => {
  // run.ts refuses to fail a released run (its export has happened); a FAILED run may be marked again.
  const run = await deps.payrollRuns.apply(runId, { type: 'FailRun', reason: error.replace(/[^A-Za-z0-9_.-]/g, '_'), at: deps.clock.now().toISOString() });
  return { status: run.status };
});
