/**
 * Participant rights (issue 12 items 1–2): correction requests (retting) and
 * complaints (klage), in the Decisions table beside the decisions they are
 * about (shared/adapters/rights-repo.ts); see routes.ts.
 */
import type { RouteDef } from './routes.js';

export const RIGHTS_ROUTES: readonly RouteDef[] = [
  // Participant: file a correction request or a complaint, and follow them.
  { method: 'POST', path: '/me/correction-requests', fn: 'me-correction-request-file', roles: ['participant'], tables: { participants: 'r', attendance: 'r', decisions: 'rw' } },
  { method: 'POST', path: '/me/complaints', fn: 'me-complaint-file', roles: ['participant'], tables: { participants: 'r', decisions: 'rw', payrollRuns: 'r' } },
  { method: 'GET', path: '/me/rights-cases', fn: 'me-rights-list', roles: ['participant'], tables: { participants: 'r', decisions: 'r' } },

  // Adviser: the queue, a participant's cases, answers, paper complaints, reassessment, the case file, Statsforvalteren's outcome.
  { method: 'GET', path: '/rights-cases', fn: 'rights-queue', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}/rights-cases', fn: 'participant-rights-list', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', auditLog: 'rw' } },
  {
    method: 'PUT',
    path: '/participants/{id}/correction-requests/{caseId}/answer',
    fn: 'correction-request-answer',
    roles: ['adviser'],
    tables: { participants: 'r', attendance: 'rw', decisions: 'rw', auditLog: 'rw' },
  },
  { method: 'POST', path: '/participants/{id}/complaints', fn: 'complaint-record', roles: ['adviser'], tables: { participants: 'r', decisions: 'rw', payrollRuns: 'r', auditLog: 'rw' } },
  {
    method: 'PUT',
    path: '/participants/{id}/complaints/{caseId}/reassessment',
    fn: 'complaint-reassess',
    roles: ['adviser'],
    tables: { participants: 'r', attendance: 'rw', decisions: 'rw', auditLog: 'rw' },
  },
  {
    method: 'GET',
    path: '/participants/{id}/complaints/{caseId}/case-file',
    fn: 'complaint-case-file',
    roles: ['adviser'],
    tables: { participants: 'r', attendance: 'r', decisions: 'r', payrollRuns: 'r', auditLog: 'rw' },
  },
  { method: 'PUT', path: '/participants/{id}/complaints/{caseId}/outcome', fn: 'complaint-outcome', roles: ['adviser'], tables: { participants: 'r', decisions: 'rw', auditLog: 'rw' } },
];
