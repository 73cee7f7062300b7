/** POST /payroll-runs/{id}/export/links (payroll): a short-lived, audit-logged download link to the released run's export file. */
import { created, httpHandler, routeOf } from '../../shared/http/middleware.js';
import { runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';
import { createLink } from './create-link.js';

const ROUTE = routeOf('payroll-run-export-link');

export const handler = httpHandler({ fn: 'payroll-run-export-link', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const link = await createLink(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ exportLines: link.lines });
  return created(link);
});
