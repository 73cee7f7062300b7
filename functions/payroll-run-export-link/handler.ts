/** POST /payroll-runs/{id}/export/links (payroll): a short-lived, audit-logged download link to the released run's export file. */
import { decisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import { getExportStore } from '../../shared/adapters/export-store.js';
import { created, httpHandler, routeOf } from '../../shared/http/middleware.js';
import { runPathSchema } from '../payroll-run-decisions/schema.js';
import { createLink } from './create-link.js';

const ROUTE = routeOf('payroll-run-export-link');

export const handler = httpHandler({ fn: 'payroll-run-export-link', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const link = await createLink(deps, decisionDeps(), getExportStore, auth, path.id, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ exportLines: link.lines });
  return created(link);
});
