/** Decisions: participants and advisers read decisions and explanations, advisers resolve VEDTAK_REQUIRED reviews and mark REVIEW ones as seen, what-if simulations; see routes.ts. */
import type { RouteDef } from './routes.js';

export const DECISION_ROUTES: readonly RouteDef[] = [
  // Participant: own decisions (the month's payroll run tells whether a version was released).
  { method: 'GET', path: '/me/decisions', fn: 'me-decision-list', roles: ['participant'], tables: { participants: 'r', decisions: 'r', payrollRuns: 'r' } },
  { method: 'GET', path: '/me/decisions/{period}', fn: 'me-decision-get', roles: ['participant'], tables: { participants: 'r', decisions: 'r', payrollRuns: 'r' } },
  { method: 'GET', path: '/me/decisions/{period}/explanation', fn: 'me-decision-explanation', roles: ['participant'], tables: { participants: 'r', decisions: 'r', payrollRuns: 'r' } },

  // Adviser: assigned participants' decisions (access-logged), the formal-decision queue and its resolutions, what-if.
  { method: 'GET', path: '/participants/{id}/decisions', fn: 'participant-decision-list', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', payrollRuns: 'r', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}/decisions/{period}', fn: 'participant-decision-get', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', payrollRuns: 'r', auditLog: 'rw' } },
  {
    method: 'GET',
    path: '/participants/{id}/decisions/{period}/explanation',
    fn: 'participant-decision-explanation',
    roles: ['adviser'],
    tables: { participants: 'r', decisions: 'r', payrollRuns: 'r', auditLog: 'rw' },
  },
  { method: 'GET', path: '/reviews', fn: 'review-list', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', auditLog: 'rw' } },
  { method: 'PUT', path: '/decisions/{participantId}/{period}/resolution', fn: 'decision-resolve', roles: ['adviser'], tables: { participants: 'r', decisions: 'rw', payrollRuns: 'r', auditLog: 'rw' } },
  { method: 'PUT', path: '/decisions/{participantId}/{period}/seen', fn: 'decision-seen', roles: ['adviser'], tables: { participants: 'r', decisions: 'rw', auditLog: 'rw' } },
  // What-if: the engine on a posted case; reads and stores nothing.
  { method: 'POST', path: '/simulations', fn: 'simulation-run', roles: ['adviser'], tables: {} },

  // Payroll: drill-down (ids, amounts, review class), two-person release (which starts the export job),
  // the export job's progress, (re)starting it, and short-lived download links to its file.
  { method: 'GET', path: '/payroll-runs/{id}/decisions', fn: 'payroll-run-decisions', roles: ['payroll'], tables: { payrollRuns: 'r', decisions: 'r', auditLog: 'rw' } },
  { method: 'POST', path: '/payroll-runs/{id}/approvals', fn: 'payroll-run-approve', roles: ['payroll'], tables: { payrollRuns: 'rw', decisions: 'r', auditLog: 'rw' } },
  { method: 'GET', path: '/payroll-runs/{id}/export', fn: 'payroll-run-export', roles: ['payroll'], tables: { payrollRuns: 'r' } },
  { method: 'POST', path: '/payroll-runs/{id}/export', fn: 'payroll-run-export-start', roles: ['payroll'], tables: { payrollRuns: 'rw', auditLog: 'rw' } },
  { method: 'POST', path: '/payroll-runs/{id}/export/links', fn: 'payroll-run-export-link', roles: ['payroll'], tables: { payrollRuns: 'r', auditLog: 'rw' } },
];
