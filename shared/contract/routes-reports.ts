/**
 * The municipality's reports (issue 12 items 3–5): NIR, anonymised
 * statistics, archive packages. Staff of the municipality only (admin,
 * payroll, adviser); an adviser's NIR report holds only assigned
 * participants. See routes.ts.
 */
import type { RouteDef } from './routes.js';

export const REPORT_ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/reports/nir', fn: 'report-nir', roles: ['admin', 'payroll', 'adviser'], tables: { participants: 'r', attendance: 'r', decisions: 'r', auditLog: 'rw' } },
  { method: 'POST', path: '/reports/nir/registrations', fn: 'report-nir-register', roles: ['admin', 'payroll', 'adviser'], tables: { participants: 'rw', attendance: 'r', decisions: 'r', auditLog: 'rw' } },
  // Anonymised: numbers only, so an adviser sees the municipality's too.
  { method: 'GET', path: '/reports/statistics', fn: 'report-statistics', roles: ['admin', 'payroll', 'adviser'], tables: { decisions: 'r', auditLog: 'rw' } },
  // The month's released decisions as an archive package (ZIP), made by a job (shared/domain/reports/archive-job.ts):
  // start it, follow it, get a short-lived link. Admin only, the archive is the municipality's own; one function
  // serves the three (shared/http/route-dispatch.ts).
  { method: 'POST', path: '/reports/archive-jobs', fn: 'report-archive', roles: ['admin'], tables: { payrollRuns: 'rw', auditLog: 'rw' } },
  { method: 'GET', path: '/reports/archive-jobs/{id}', fn: 'report-archive', roles: ['admin'], tables: { payrollRuns: 'r' } },
  { method: 'POST', path: '/reports/archive-jobs/{id}/links', fn: 'report-archive', roles: ['admin'], tables: { payrollRuns: 'r', auditLog: 'rw' } },
];
