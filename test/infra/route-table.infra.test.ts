/**
 * A bad route table or a missing handler fails the synth up front with one
 * message naming every problem, before any resource exists.
 */
import { ROUTES, type RouteDef } from '../../shared/contract/routes.js';
import { RouteTableError, validateRoutes } from '../../infra/route-validation.js';
import { planFunctions } from '../../infra/stateless-stack.js';
import { buildTestApp } from './infra-app.js';

const row = (over: Partial<RouteDef>): RouteDef => ({ method: 'GET', path: '/things', fn: 'thing-list', roles: ['adviser'], tables: { participants: 'r' }, ...over });

function problemsOf(routes: readonly RouteDef[]): readonly string[] {
  try {
    validateRoutes(routes);
  } catch (e) {
    expect(e).toBeInstanceOf(RouteTableError);
    expect((e as RouteTableError).code).toBe('INFRA_BAD_ROUTE_TABLE');
    return (e as RouteTableError).problems;
  }
  return [];
}

test('the real route table is valid', () => {
  expect(problemsOf(ROUTES)).toEqual([]);
});

test.each([
  ['an empty table', [], 'no routes'],
  ['a duplicate route', [row({}), row({ fn: 'other-fn' })], 'GET /things: defined twice'],
  ['a path without a leading slash', [row({ path: 'things' })], 'GET things: path must be /segment or /{param} segments'],
  ['a bad path parameter', [row({ path: '/things/{}' })], 'GET /things/{}: path must be /segment or /{param} segments'],
  ['a function name that is no folder', [row({ fn: '../escape' })], 'GET /things: fn "../escape" must be a kebab-case folder name'],
  ['a route without roles', [row({ roles: [] })], 'GET /things: no roles'],
  ['an unknown role', [row({ roles: ['root' as never] })], 'GET /things: unknown role "root"'],
  ['an unknown table', [row({ tables: { payments: 'r' } as never })], 'GET /things: unknown table "payments"'],
  ['a bad access level', [row({ tables: { participants: 'w' } as never })], 'GET /things: table "participants" access must be "r" or "rw"'],
  ['an unknown method', [row({ method: 'HEAD' as never })], 'HEAD /things: unknown method'],
  ['a route for staff and participants at once', [row({ roles: ['adviser', 'participant'] })], 'GET /things: mixes staff roles with participant or kiosk (one token issuer per route)'],
  ["a participant route that cannot read the participant's file", [row({ roles: ['participant'], tables: { attendance: 'r' } })], "GET /things: a participant route needs participants: 'r' (the active-file check)"],
  // Public routes (no authorizer): a security decision, named in infra/route-validation.ts, with no roles and a throttle of their own.
  ['a public route the validation does not name', [row({ roles: [], authorizer: 'none', throttle: { rateLimit: 5, burstLimit: 10 } })], 'GET /things: not one of the public routes this API allows (POST /device-activations)'],
  ['a public route without its own throttle', [row({ method: 'POST', path: '/device-activations', roles: [], authorizer: 'none' })], "POST /device-activations: a public route (authorizer 'none') needs its own throttle"],
  ['a public route with roles', [row({ method: 'POST', path: '/device-activations', authorizer: 'none', throttle: { rateLimit: 5, burstLimit: 10 } })], "POST /device-activations: a public route (authorizer 'none') has no roles"],
  ['a throttle with a burst below its rate', [row({ throttle: { rateLimit: 10, burstLimit: 5 } })], 'GET /things: throttle must be whole numbers, rate > 0, burst ≥ rate'],
  ['an unknown authorizer', [row({ authorizer: 'anyone' as never })], 'GET /things: unknown authorizer "anyone"'],
])('%s is rejected with a message naming it', (_name, routes, problem) => {
  expect(problemsOf(routes as RouteDef[])).toContain(problem);
});

test('all problems are reported at once', () => {
  expect(problemsOf([row({ roles: [] }), row({ path: '/x', fn: 'Bad_Name' })])).toHaveLength(2);
});

test('a bad route table stops the app before any stack is built', () => {
  expect(() => buildTestApp({ routes: [row({}), row({})] })).toThrow(/^INFRA_BAD_ROUTE_TABLE: GET \/things: defined twice$/);
});

test('missing handler modules are all named in one error', () => {
  expect(() => buildTestApp({ routes: [row({ fn: 'no-such-fn' }), row({ path: '/other', fn: 'nor-this' })] })).toThrow(
    'INFRA_MISSING_HANDLER: no handler module at functions/no-such-fn/handler.ts, functions/nor-this/handler.ts',
  );
});

test('a function serving several routes gets the union of their tables, with the wider access', () => {
  const plans = planFunctions([
    row({ fn: 'shared-fn', tables: { participants: 'r', attendance: 'r' } }),
    row({ path: '/other', fn: 'shared-fn', tables: { participants: 'rw', auditLog: 'r' } }),
  ]);
  expect(plans).toHaveLength(1);
  expect(plans[0]!.tables).toEqual({ participants: 'rw', attendance: 'r', auditLog: 'r' });
  expect(plans[0]!.routes).toHaveLength(2);
});
