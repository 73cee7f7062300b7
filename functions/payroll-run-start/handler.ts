/** POST /payroll-runs (payroll): starts (or returns, or resumes) the month's run; 202 while it computes. */
import { getPayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { getWorkflow } from '../../shared/adapters/workflow.js';
import { httpHandler } from '../../shared/http/middleware.js';
import { startRunBodySchema } from '../../shared/features/payroll/run-view.js';
import { startPayrollRun } from './start-run.js';

export const handler = httpHandler({ fn: 'payroll-run-start', body: startRunBodySchema }, ({ auth, body, deps, log }) =>
  startPayrollRun(deps, getPayrollRunsRepo(), getWorkflow(), auth, body.period, log),
);
