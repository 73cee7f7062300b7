/**
 * The HTTP API as data: one row per route. The stateless stack builds one
 * NodejsFunction per `fn` and one API Gateway route per row; the local runtime
 * (infra/local) serves the same rows with the same handler modules. There is
 * one definition of each route: this table.
 *
 * `fn` names the folder under functions/ whose handler.ts serves the route.
 * `roles` are the Cognito groups allowed in; ownership (own data, assigned
 * participants) is checked by the handler.
 */
import { DECISION_ROUTES } from './routes-decisions.js';
import { PAYROLL_ROUTES } from './routes-payroll.js';
export type Role = 'participant' | 'kiosk' | 'adviser' | 'payroll' | 'admin';
export const ROLES: readonly Role[] = ['participant', 'kiosk', 'adviser', 'payroll', 'admin'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: /absences/{id} */
  path: string;
  fn: string;
  roles: readonly Role[];
  /** Tables the function may read (r) or write (rw). */
  tables: Readonly<Partial<Record<TableKey, 'r' | 'rw'>>>;
}

export type TableKey = 'participants' | 'attendance' | 'decisions' | 'payrollRuns' | 'auditLog';

export const ROUTES: readonly RouteDef[] = [
  // Participant and kiosk
  { method: 'POST', path: '/checkins', fn: 'checkin-record', roles: ['kiosk', 'participant'], tables: { participants: 'rw', attendance: 'rw' } },
  { method: 'GET', path: '/me/attendance', fn: 'me-attendance', roles: ['participant'], tables: { participants: 'r', attendance: 'r' } },
  { method: 'POST', path: '/absences', fn: 'absence-report', roles: ['participant'], tables: { participants: 'r', attendance: 'rw' } },
  { method: 'GET', path: '/me/access-log', fn: 'me-access-log', roles: ['participant'], tables: { auditLog: 'r' } },
  { method: 'GET', path: '/me/data-export', fn: 'me-data-export', roles: ['participant'], tables: { participants: 'r', attendance: 'r', decisions: 'r', auditLog: 'r' } },

  // Adviser
  { method: 'GET', path: '/absences', fn: 'absence-queue', roles: ['adviser'], tables: { participants: 'r', attendance: 'r', auditLog: 'rw' } },
  { method: 'PATCH', path: '/absences/{id}', fn: 'absence-review', roles: ['adviser'], tables: { participants: 'r', attendance: 'rw', auditLog: 'rw' } },
  { method: 'POST', path: '/participants', fn: 'participant-register', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'GET', path: '/participants', fn: 'participant-list', roles: ['adviser'], tables: { participants: 'r', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}', fn: 'participant-get', roles: ['adviser'], tables: { participants: 'r', auditLog: 'rw' } },
  { method: 'PATCH', path: '/participants/{id}', fn: 'participant-update', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/schedule', fn: 'participant-schedule', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/kiosk-credential', fn: 'participant-kiosk-credential', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}/attendance', fn: 'participant-attendance', roles: ['adviser'], tables: { participants: 'r', attendance: 'r', auditLog: 'rw' } },

  // Admin
  { method: 'PUT', path: '/participants/{id}/advisers', fn: 'participant-assign', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'POST', path: '/devices', fn: 'device-register', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/municipality/policy', fn: 'policy-update', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  // The audit chains of the admin's own municipality against the audit key and the outside anchor (infra/constructs/audit-trail.ts).
  { method: 'GET', path: '/audit/verification', fn: 'audit-verification', roles: ['admin'], tables: { participants: 'r', payrollRuns: 'r', auditLog: 'r' } },

  // Payroll runs and decisions: their rows sit beside their code.
  ...PAYROLL_ROUTES,
  ...DECISION_ROUTES,
];
