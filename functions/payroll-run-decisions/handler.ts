/** GET /payroll-runs/{id}/decisions (payroll): the run's decisions, ids, amounts and review class. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { listRunDecisions } from './list-run-decisions.js';
import { runDecisionsQuerySchema, runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';

const ROUTE = routeOf('payroll-run-decisions');

export const handler = httpHandler({ fn: 'payroll-run-decisions', path: runPathSchema, query: runDecisionsQuerySchema }, async ({ auth, path, query, deps, log }) => {
  log.append({ runId: path.id });
  return ok(await listRunDecisions(deps, auth, path.id, query, `${ROUTE.method} ${ROUTE.path}`));
});
