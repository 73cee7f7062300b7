/**
 * Checks the route table before any resource is built, so a bad row fails the
 * synth with one clear message instead of a CloudFormation or construct-id error.
 */
import { type RouteDef } from '../shared/contract/routes.js';
import type { TableKey } from '../shared/contract/tables.js';
import { ROLES, STAFF_ROLES } from '../shared/contract/roles.js';
import { TABLES } from '../shared/contract/tables.js';

const FN_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PATH = /^(?:\/(?:[A-Za-z0-9._-]+|\{[A-Za-z][A-Za-z0-9]*\}))+$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The only routes allowed without an authorizer: redeeming an activation code (the phone has no
 * token yet; docs/deploy.md). A new public route is a security decision, so it is named here.
 */
export const PUBLIC_ROUTES: readonly string[] = ['POST /device-activations'];

export class RouteTableError extends Error {
  readonly code = 'INFRA_BAD_ROUTE_TABLE';
  constructor(readonly problems: readonly string[]) {
    super(`INFRA_BAD_ROUTE_TABLE: ${problems.join('; ')}`);
    this.name = 'RouteTableError';
  }
}

export function validateRoutes(routes: readonly RouteDef[]): void {
  const problems: string[] = [];
  const tableKeys = new Set<string>(TABLES.map((t) => t.key));
  const roles = new Set<string>(ROLES);
  const seen = new Set<string>();
  if (routes.length === 0) problems.push('no routes');
  for (const route of routes) {
    const where = `${route.method} ${route.path}`;
    if (!METHODS.has(route.method)) problems.push(`${where}: unknown method`);
    if (!PATH.test(route.path)) problems.push(`${where}: path must be /segment or /{param} segments`);
    if (seen.has(where)) problems.push(`${where}: defined twice`);
    seen.add(where);
    if (!FN_NAME.test(route.fn)) problems.push(`${where}: fn "${route.fn}" must be a kebab-case folder name`);
    // A public route (no authorizer) has no roles, and must be throttled on its own; every other route has roles.
    if (route.authorizer === 'none') {
      if (route.roles.length > 0) problems.push(`${where}: a public route (authorizer 'none') has no roles`);
      if (route.throttle === undefined) problems.push(`${where}: a public route (authorizer 'none') needs its own throttle`);
      if (!PUBLIC_ROUTES.includes(where)) problems.push(`${where}: not one of the public routes this API allows (${PUBLIC_ROUTES.join(', ')})`);
    } else if (route.roles.length === 0) problems.push(`${where}: no roles`);
    if (route.throttle !== undefined && !(Number.isInteger(route.throttle.rateLimit) && Number.isInteger(route.throttle.burstLimit) && route.throttle.rateLimit > 0 && route.throttle.burstLimit >= route.throttle.rateLimit))
      problems.push(`${where}: throttle must be whole numbers, rate > 0, burst ≥ rate`);
    for (const role of route.roles) if (!roles.has(role)) problems.push(`${where}: unknown role "${role}"`);
    if (route.authorizer !== undefined && route.authorizer !== 'device' && route.authorizer !== 'none') problems.push(`${where}: unknown authorizer "${String(route.authorizer)}"`);
    // Staff and participants/kiosks have different token issuers (user pools), and a route has one authorizer.
    const staff = route.roles.filter((r) => STAFF_ROLES.includes(r)).length;
    if (staff > 0 && staff < route.roles.length) problems.push(`${where}: mixes staff roles with participant or kiosk (one token issuer per route)`);
    // Every participant request reads the participant's file first (shared/http/participant-guard.ts).
    if (route.roles.includes('participant') && route.tables.participants === undefined) problems.push(`${where}: a participant route needs participants: 'r' (the active-file check)`);
    for (const [key, level] of Object.entries(route.tables) as [TableKey, string | undefined][]) {
      if (!tableKeys.has(key)) problems.push(`${where}: unknown table "${key}"`);
      if (level !== 'r' && level !== 'rw') problems.push(`${where}: table "${key}" access must be "r" or "rw"`);
    }
  }
  if (problems.length > 0) throw new RouteTableError(problems);
}
