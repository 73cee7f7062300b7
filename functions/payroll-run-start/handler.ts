/** POST /payroll-runs (payroll): starts (or returns, or resumes) the month's run; 202 while it computes. */
import { httpHandler } from '../../shared/http/middleware.js';
import { startRunBodySchema } from '../../shared/features/payroll/run-view.js';
import { startPayrollRun } from './start-run.js';

export const handler = httpHandler({ fn: 'payroll-run-start', body: startRunBodySchema }, ({ auth, body, deps, log }) =>
  startPayrollRun(deps, deps.payrollRuns, deps.workflow, auth, body.period, log),
);
