/** GET /payroll-runs/{id}/export (payroll): the released run's export job (progress, then the file's facts); 409 RUN_NOT_RELEASED before the release. */
import { decisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import { ConflictError } from '../../shared/http/errors.js';
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { loadRun } from '../payroll-run-decisions/run-decisions.js';
import { runPathSchema } from '../payroll-run-decisions/schema.js';
import { exportJobView } from './export-view.js';

export const handler = httpHandler({ fn: 'payroll-run-export', path: runPathSchema }, async ({ auth, path, log }) => {
  log.append({ runId: path.id });
  const dd = decisionDeps();
  const run = await loadRun(dd, auth, path.id);
  if (run.status !== 'RELEASED') throw new ConflictError('RUN_NOT_RELEASED', 'A run is exported only after two different payroll users have approved it');
  return ok(exportJobView(run.runId, await dd.payrollRuns.getExportJob(run.runId)));
});
