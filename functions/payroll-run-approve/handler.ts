/** POST /payroll-runs/{id}/approvals (payroll): approve; the second different approver releases the run. */
import { created, httpHandler, routeOf } from '../../shared/http/middleware.js';
import { runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';
import { approveRun } from './approve-run.js';

const ROUTE = routeOf('payroll-run-approve');

export const handler = httpHandler({ fn: 'payroll-run-approve', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const view = await approveRun(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ runStatus: view.status, approvals: view.approvals });
  return created(view);
});
