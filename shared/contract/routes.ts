/**
 * The HTTP API as data: one row per route. The stateless stack builds one
 * NodejsFunction per `fn` and one API Gateway route per row; the local runtime
 * (infra/local) serves the same rows with the same handler modules; the
 * middleware (shared/http) finds a function's roles and tables here. There is
 * one definition of each route: this table, part of the API's contract
 * (shared/contract), which infra/, functions/, shared/ and web/ import.
 *
 * `fn` names the folder under functions/ whose handler.ts serves the route.
 * `roles` are the Cognito groups allowed in; ownership (own data, assigned
 * participants) is checked by the handler.
 */
import { DECISION_ROUTES } from './routes-decisions.js';
import { PAYROLL_ROUTES } from './routes-payroll.js';
import type { Role } from './roles.js';
import type { TableKey } from './tables.js';
import { RIGHTS_ROUTES } from './routes-rights.js';
import { REPORT_ROUTES } from './routes-reports.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: /absences/{id} */
  path: string;
  fn: string;
  roles: readonly Role[];
  /** Tables the function may read (r) or write (rw). */
  tables: Readonly<Partial<Record<TableKey, 'r' | 'rw'>>>;
  /**
   * Absent: API Gateway's JWT authorizer (the web client's tokens). 'device':
   * the kiosk authorizer (functions/checkin-authorizer), for routes a kiosk
   * calls: it accepts the web client's tokens as the JWT authorizer does and
   * kiosks' client-credentials tokens (scope checkin, an active device), which
   * the JWT authorizer cannot check (infra/constructs/http-api.ts says why).
   * 'none': no authorizer and no roles (`roles: []`): a public route. Only the
   * redemption of an activation code is one (the phone has no token yet); it
   * has its own API Gateway throttle (`throttle`) besides the limits its
   * handler counts in DynamoDB (infra/route-validation.ts allows no other).
   */
  authorizer?: 'device' | 'none';
  /** Route-level API Gateway throttling (public routes must set it). */
  throttle?: { rateLimit: number; burstLimit: number };
}

export const ROUTES: readonly RouteDef[] = [
  // Participant and kiosk
  { method: 'POST', path: '/checkins', fn: 'checkin-record', roles: ['kiosk', 'participant'], tables: { participants: 'rw', attendance: 'rw', auditLog: 'rw' }, authorizer: 'device' },
  // The kiosk's PIN step, before the person chooses check-in or check-out.
  { method: 'POST', path: '/kiosk-identifications', fn: 'kiosk-identify', roles: ['kiosk'], tables: { participants: 'rw', auditLog: 'rw' }, authorizer: 'device' },
  { method: 'GET', path: '/me/attendance', fn: 'me-attendance', roles: ['participant'], tables: { participants: 'r', attendance: 'r' } },
  { method: 'POST', path: '/absences', fn: 'absence-report', roles: ['participant'], tables: { participants: 'r', attendance: 'rw' } },
  { method: 'GET', path: '/me/access-log', fn: 'me-access-log', roles: ['participant'], tables: { participants: 'r', auditLog: 'r' } },
  { method: 'GET', path: '/me/data-export', fn: 'me-data-export', roles: ['participant'], tables: { participants: 'r', attendance: 'r', decisions: 'r', auditLog: 'r' } },
  { method: 'GET', path: '/me/language', fn: 'me-language', roles: ['participant'], tables: { participants: 'r' } },
  { method: 'PUT', path: '/me/language', fn: 'me-language', roles: ['participant'], tables: { participants: 'rw' } },

  // Adviser
  { method: 'GET', path: '/absences', fn: 'absence-queue', roles: ['adviser'], tables: { participants: 'r', attendance: 'r', auditLog: 'rw' } },
  { method: 'PATCH', path: '/absences/{id}', fn: 'absence-review', roles: ['adviser'], tables: { participants: 'r', attendance: 'rw', auditLog: 'rw' } },
  { method: 'POST', path: '/participants', fn: 'participant-register', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'GET', path: '/participants', fn: 'participant-list', roles: ['adviser'], tables: { participants: 'r', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}', fn: 'participant-get', roles: ['adviser'], tables: { participants: 'r', auditLog: 'rw' } },
  { method: 'PATCH', path: '/participants/{id}', fn: 'participant-update', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/schedule', fn: 'participant-schedule', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/language', fn: 'participant-update', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/kiosk-credential', fn: 'participant-kiosk-credential', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}/kiosk-credential', fn: 'participant-kiosk-status', roles: ['adviser'], tables: { participants: 'r', attendance: 'r', auditLog: 'rw' } },
  { method: 'DELETE', path: '/participants/{id}/kiosk-credential/lock', fn: 'participant-kiosk-unlock', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  // The activation path for participants without ID-porten yet (shared/identity/device-activation.ts): one function for the three.
  { method: 'POST', path: '/participants/{id}/activation-codes', fn: 'participant-device-access', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'GET', path: '/participants/{id}/device-bindings', fn: 'participant-device-access', roles: ['adviser'], tables: { participants: 'r', auditLog: 'rw' } },
  { method: 'DELETE', path: '/participants/{id}/device-bindings', fn: 'participant-device-access', roles: ['adviser'], tables: { participants: 'rw', auditLog: 'rw' } },
  // The phone redeems the code (it has no token yet): the one public route, throttled at API Gateway
  // (a few a second for the whole deployment) and per code and per source in DynamoDB (docs/deploy.md).
  { method: 'POST', path: '/device-activations', fn: 'participant-device-access', roles: [], tables: { participants: 'rw', auditLog: 'rw' }, authorizer: 'none', throttle: { rateLimit: 5, burstLimit: 10 } },
  { method: 'GET', path: '/participants/{id}/attendance', fn: 'participant-attendance', roles: ['adviser'], tables: { participants: 'r', attendance: 'r', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/attendance/{date}', fn: 'attendance-correct', roles: ['adviser'], tables: { participants: 'r', attendance: 'rw', auditLog: 'rw' } },

  // Admin
  { method: 'PUT', path: '/participants/{id}/advisers', fn: 'participant-assign', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/participants/{id}/access', fn: 'participant-access', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'POST', path: '/devices', fn: 'device-register', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'POST', path: '/devices/{id}/deactivation', fn: 'device-deactivate', roles: ['admin'], tables: { participants: 'rw' } },
  { method: 'GET', path: '/municipality/policy', fn: 'policy-update', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  { method: 'PUT', path: '/municipality/policy', fn: 'policy-update', roles: ['admin'], tables: { participants: 'rw', auditLog: 'rw' } },
  // The audit chains of the admin's own municipality against the audit key and the outside anchor (infra/constructs/audit-trail.ts).
  { method: 'GET', path: '/audit/verification', fn: 'audit-verification', roles: ['admin'], tables: { participants: 'r', payrollRuns: 'r', auditLog: 'r' } },

  // Payroll runs and decisions: their rows sit beside their code.
  ...PAYROLL_ROUTES,
  ...DECISION_ROUTES,
  // Correction requests and complaints (issue 12).
  ...RIGHTS_ROUTES,
  ...REPORT_ROUTES,
];
