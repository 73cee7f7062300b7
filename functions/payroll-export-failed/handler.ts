/**
 * Workflow task ExportFailed: the Catch of ExportFile; marks the export
 * job's current attempt FAILED with the error name as reason (the run stays
 * RELEASED: its payout decision stands, only the file is missing). The
 * payroll page then offers to start a new attempt.
 */
import { PermanentTaskError, workflowTask } from '../../shared/adapters/workflow-task.js';
import { exportFailedInputSchema } from './schema.js';

export const handler = workflowTask('payroll-export-failed', exportFailedInputSchema, async ({ runId, error }, _log, deps) => {
  const runs = deps.payrollRuns;
  const job = await runs.getExportJob(runId);
  if (job === undefined) throw new PermanentTaskError('EXPORT_JOB_NOT_FOUND');
  await runs.markExportFailed(runId, job.attempts, error.replace(/[^A-Za-z0-9_.-]/g, '_'), deps.clock.now().toISOString());
  return { status: 'FAILED' };
});
