/** POST /payroll-runs/{id}/approvals (payroll): approve; the second different approver releases the run and starts its export job. */
import { created, httpHandler, routeOf } from '../../shared/http/middleware.js';
import { runPathSchema } from '../../shared/features/payroll/run-decisions-schema.js';
import { launchExport } from '../../shared/features/payroll/start-export.js';
import { approveRun } from './approve-run.js';

const ROUTE = routeOf('payroll-run-approve');

export const handler = httpHandler({ fn: 'payroll-run-approve', path: runPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ runId: path.id });
  const { view, releasedNow } = await approveRun(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ runStatus: view.status, approvals: view.approvals });
  if (releasedNow) {
    // The release is recorded; a failed start only delays the file: the page's POST …/export starts it again.
    const job = await deps.payrollRuns.getExportJob(path.id);
    if (job !== undefined) await launchExport(deps.workflow, job).catch((err: unknown) => log.warn('export start failed', { errorName: err instanceof Error ? err.name : 'unknown' }));
  }
  return created(view);
});
