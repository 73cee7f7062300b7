/** GET /payroll-runs/{id} (payroll): a run of the caller's municipality, with status and progress. */
import { NotFoundError } from '../../shared/http/errors.js';
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { runView } from '../../shared/features/payroll/run-view.js';
import { configuredStaffDirectory, staffNamesByRef } from '../../shared/adapters/staff-directory.js';
import { runPathSchema } from './schema.js';

export const handler = httpHandler({ fn: 'payroll-run-get', path: runPathSchema }, async ({ auth, path, deps }) => {
  const run = await deps.payrollRuns.getRun(path.id);
  // Another municipality's run is as unknown as a missing one.
  if (run === undefined || run.municipalityCode !== auth.municipality) throw new NotFoundError('No such payroll run');
  // The approvers by the name or unit the municipality shows (the run's municipality is the caller's, checked above).
  const names = await staffNamesByRef(configuredStaffDirectory(deps), auth.municipality, run.approvals.map((a) => a.userId));
  return ok(runView(run, auth.actorRef, names));
});
