/** POST /payroll-runs/{id}/export (payroll): start (or resume) the released run's export job; 202 with its progress, 200 when it already runs or is ready. */
import { httpHandler, routeOf } from '../../shared/http/middleware.js';
import { exportJobView } from '../../shared/features/payroll/export-view.js';
import { runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';
import { ensureExport } from '../../shared/features/payroll/start-export.js';

const ROUTE = routeOf('payroll-run-export-start');

export const handler = httpHandler({ fn: 'payroll-run-export-start', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const { started, job } = await ensureExport(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ exportStatus: job.status, exportAttempt: job.attempts });
  return { status: started ? 202 : 200, body: exportJobView(path.id, job) };
});
