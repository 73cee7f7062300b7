/** Workflow task FailRun: the Catch of every step; marks the run FAILED with the error name as reason. */
import { getDeps } from '../../shared/adapters/deps.js';
import { getPayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { failRunInputSchema } from './schema.js';

export const handler = workflowTask('payroll-fail-run', failRunInputSchema, async ({ runId, error }) => {
  // run.ts refuses to fail a released run (its export has happened); a FAILED run may be marked again.
  const run = await getPayrollRunsRepo().apply(runId, { type: 'FailRun', reason: error.replace(/[^A-Za-z0-9_.-]/g, '_'), at: getDeps().clock.now().toISOString() });
  return { status: run.status };
});
