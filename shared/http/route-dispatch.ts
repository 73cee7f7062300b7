/**
 * One function serving several routes of shared/contract/routes.ts (rows with the same
 * `fn`): each route keeps its own handler (its own schemas, roles and tables
 * through `httpHandler({ fn, route })`), chosen by API Gateway's route key
 * (`METHOD /path` as written in the table; the local runtime sets the same).
 * Every route of `fn` must have a handler and no other key may: checked when
 * the module loads, so a route added to the table without its handler fails
 * at once. A key the function does not serve (API Gateway never sends one)
 * is a 404 with a code.
 */
import type { Context } from 'aws-lambda';
import type { Deps, DepsHandler } from '../adapters/deps.js';
import { ROUTES } from '../contract/routes.js';
import type { HttpEvent, HttpResponse } from './middleware.js';
import { SECURITY_HEADERS } from './middleware.js';

type Handler = DepsHandler<(event: HttpEvent, context: Context) => Promise<HttpResponse>>;

/** `withDeps(deps)` of the result binds every route's handler to `deps`. */
export function dispatchByRoute(fn: string, handlers: Readonly<Record<string, Handler>>): Handler {
  const served = ROUTES.filter((r) => r.fn === fn).map((r) => `${r.method} ${r.path}`);
  const missing = served.filter((k) => handlers[k] === undefined);
  const extra = Object.keys(handlers).filter((k) => !served.includes(k));
  if (missing.length > 0 || extra.length > 0) throw new Error(`${fn}: routes without a handler [${missing.join(', ')}], handlers without a route [${extra.join(', ')}]`);
  return dispatch(handlers);
}

function dispatch(handlers: Readonly<Record<string, Handler>>): Handler {
  const h = async (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const key = event?.routeKey;
    const h = typeof key === 'string' && Object.hasOwn(handlers, key) ? handlers[key] : undefined;
    if (h !== undefined) return h(event, context);
    return { statusCode: 404, headers: { ...SECURITY_HEADERS }, body: JSON.stringify({ code: 'NO_SUCH_ROUTE', message: 'This function does not serve that route' }) };
  };
  return Object.assign(h, { withDeps: (deps: Deps) => dispatch(Object.fromEntries(Object.entries(handlers).map(([k, v]) => [k, v.withDeps(deps)]))) });
}
