/** GET /payroll-runs/{id}/export (payroll): the released run's CSV for the payroll system. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';
import { csvResponse } from './csv-response.js';
import { exportRun } from './export-run.js';

const ROUTE = routeOf('payroll-run-export');

export const handler = httpHandler({ fn: 'payroll-run-export', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const file = await exportRun(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ exportLines: file.lines });
  return ok(file);
}).use(csvResponse());
