/** GET /payroll-runs/{id}/export (payroll): the released run's export job (progress, then the file's facts); 409 RUN_NOT_RELEASED before the release. */
import { ConflictError } from '../../shared/http/errors.js';
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { loadRun } from '../../shared/features/payroll/run-decisions.js';
import { runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';
import { exportJobView } from '../../shared/features/payroll/export-view.js';

export const handler = httpHandler({ fn: 'payroll-run-export', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const run = await loadRun(deps, auth, path.id);
  if (run.status !== 'RELEASED') throw new ConflictError('RUN_NOT_RELEASED', 'A run is exported only after two different payroll users have approved it');
  return ok(exportJobView(run.runId, await deps.payrollRuns.getExportJob(run.runId)));
});
