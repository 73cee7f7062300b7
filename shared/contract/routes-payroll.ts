/** Payroll runs: start, progress, approvals, export (payroll role); see routes.ts. */
import type { RouteDef } from './routes.js';

export const PAYROLL_ROUTES: readonly RouteDef[] = [
  // The run itself (the workflow's task functions are not routes: infra/constructs/payroll-workflow.ts).
  { method: 'POST', path: '/payroll-runs', fn: 'payroll-run-start', roles: ['payroll'], tables: { payrollRuns: 'rw' } },
  { method: 'GET', path: '/payroll-runs', fn: 'payroll-run-list', roles: ['payroll'], tables: { payrollRuns: 'r' } },
  { method: 'GET', path: '/payroll-runs/{id}', fn: 'payroll-run-get', roles: ['payroll'], tables: { payrollRuns: 'r' } },
];
