/**
 * Participant rights (issue 12 items 1–2): correction requests (retting) and
 * complaints (klage), in the Decisions table beside the decisions they are
 * about (shared/adapters/rights-repo.ts); see routes.ts. Two functions serve
 * them, one per side (functions/rights-participant, functions/rights-adviser),
 * each dispatching on the route key (shared/http/route-dispatch.ts): a function
 * costs seven resources of the stateless stack's 500, a route two.
 */
import type { RouteDef } from './routes.js';

export const RIGHTS_ROUTES: readonly RouteDef[] = [
  // Participant: file a correction request or a complaint, and follow them.
  { method: 'POST', path: '/me/correction-requests', fn: 'rights-participant', roles: ['participant'], tables: { participants: 'r', attendance: 'r', decisions: 'rw' } },
  { method: 'POST', path: '/me/complaints', fn: 'rights-participant', roles: ['participant'], tables: { participants: 'r', decisions: 'rw', payrollRuns: 'r' } },
  { method: 'GET', path: '/me/rights-cases', fn: 'rights-participant', roles: ['participant'], tables: { participants: 'r', decisions: 'r' } },

  // Adviser: the queue, a participant's cases, answers, paper complaints, reassessment, the case file, Statsforvalteren's outcome.
  { method: 'GET', path: '/rights-cases', fn: 'rights-adviser', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}/rights-cases', fn: 'rights-adviser', roles: ['adviser'], tables: { participants: 'r', decisions: 'r', auditLog: 'rw' } },
  {
    method: 'PUT',
    path: '/participants/{id}/correction-requests/{caseId}/answer',
    fn: 'rights-adviser',
    roles: ['adviser'],
    tables: { participants: 'r', attendance: 'rw', decisions: 'rw', auditLog: 'rw' },
  },
  { method: 'POST', path: '/participants/{id}/complaints', fn: 'rights-adviser', roles: ['adviser'], tables: { participants: 'r', decisions: 'rw', payrollRuns: 'r', auditLog: 'rw' } },
  {
    method: 'PUT',
    path: '/participants/{id}/complaints/{caseId}/reassessment',
    fn: 'rights-adviser',
    roles: ['adviser'],
    tables: { participants: 'r', attendance: 'rw', decisions: 'rw', auditLog: 'rw' },
  },
  {
    method: 'GET',
    path: '/participants/{id}/complaints/{caseId}/case-file',
    fn: 'rights-adviser',
    roles: ['adviser'],
    tables: { participants: 'r', attendance: 'r', decisions: 'r', payrollRuns: 'r', auditLog: 'rw' },
  },
  { method: 'PUT', path: '/participants/{id}/complaints/{caseId}/outcome', fn: 'rights-adviser', roles: ['adviser'], tables: { participants: 'r', decisions: 'rw', auditLog: 'rw' } },
];
