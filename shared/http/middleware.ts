/**
 * The one middy chain every API handler runs in (quality.md style 1):
 *
 *   context → errors(onError) → auth (401/403) → strict zod validation of the query, then the
 *   JSON body (415/413/400) → the participant's file is there and open (participant role, 403;
 *   participant-guard.ts) → handler → JSON response with security headers
 *
 * and, on any error, the one mapping of errors to HTTP (errors.ts). Each
 * request writes one structured log line with ids only: request id, route,
 * role, pseudonymous actor and participant refs, status, error code.
 *
 * A handler is `httpHandler(spec, async ({ auth, body, query, path, deps, log }) => result)`.
 * Its roles come from shared/contract/routes.ts (the route table is the one definition),
 * and the tables its route uses are checked in the dependency object's configuration
 * before any read. `deps` is the process's dependency object (shared/adapters/deps.ts),
 * or the one given with `handler.withDeps(deps)` (tests, the local runtime).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { RouteDef } from '../contract/routes.js';
import type { TableKey } from '../contract/tables.js';
import type { Role } from '../contract/roles.js';
import { ROUTES } from '../contract/routes.js';
import type { Deps, DepsHandler } from '../adapters/deps.js';
import { handlerWithDeps } from '../adapters/deps.js';
import { ConfigError, requireTables } from '../config.js';
import type { AuthContext } from './auth.js';
import { authenticate, claimsOf } from './auth.js';
import type { Issue } from './errors.js';
import {
  BadRequestError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnknownFieldError,
  UnsupportedMediaTypeError,
  ValidationError,
  toErrorResponse,
} from './errors.js';
import type { LogKeys, RequestLog } from './logger.js';
import { requestLog } from './logger.js';
import { requireActiveParticipant } from './participant-guard.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

export interface HttpResult {
  status: number;
  /** Serialised as JSON; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): HttpResult => ({ status: 200, body });
export const created = (body: unknown): HttpResult => ({ status: 201, body });

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

/** Default body limit: every request body of this API is a small JSON object. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface HandlerSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  /** The folder under functions/: its row in shared/contract/routes.ts gives roles and tables. */
  fn: string;
  /** `METHOD /path` of the row, for a function that serves several routes (shared/http/route-dispatch.ts). */
  route?: string;
  /** Overrides the route's roles (tests only; production handlers use the route table). */
  roles?: readonly Role[];
  body?: B;
  query?: Q;
  path?: P;
  maxBodyBytes?: number;
  /**
   * The handler checks a participant's file itself, before any refusal, with
   * the same decision (checkin-record: from deps.fileChecks, a bounded-age
   * cache, so a check-in is one write: quality.md P3); the middleware then
   * does not read it first.
   */
  participantFileInHandler?: true;
  /** Middleware after the chain's own (a file response instead of JSON: the reports); kept when the handler is bound with `withDeps`. */
  use?: readonly middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context>[];
}

export interface HandlerRequest<B, Q, P> {
  /** The caller. Not set on a public route (`authorizer: 'none'`, no roles): its handler must not read it. */
  auth: AuthContext;
  /** The caller's address as API Gateway saw it (`requestContext.http.sourceIp`), for rate limits only; never logged. */
  sourceIp: string;
  body: B;
  query: Q;
  path: P;
  deps: Deps;
  log: RequestLog;
  requestId: string;
}

interface RequestState {
  startedAt: number;
  requestId: string;
  log: RequestLog;
  auth?: AuthContext;
  body?: unknown;
  query?: unknown;
  path?: unknown;
}

type Internal = { state?: RequestState };
type Req = middy.Request<HttpEvent, HttpResponse, Error, Context, Internal>;

function state(request: Req): RequestState {
  // Set by the first middleware of the chain, which never throws.
  return request.internal.state!;
}

/** The route table's row of `fn`; `key` (`METHOD /path`) picks one row of a function that serves several. */
export function routeOf(fn: string, key?: string): RouteDef {
  const route = ROUTES.find((r) => r.fn === fn && (key === undefined || `${r.method} ${r.path}` === key));
  if (route === undefined) throw new Error(`No route in shared/contract/routes.ts for function ${fn}${key === undefined ? '' : ` and ${key}`}`);
  return route;
}

function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function pathString(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), prefix);
}

/**
 * Strict validation: unknown fields → 400 UNKNOWN_FIELD naming each one (they
 * are never stored, quality.md S2); anything else → 400 VALIDATION_FAILED with
 * one issue per problem. Messages are zod's or the schema's, never the input.
 */
export function validate<S extends Schema>(schema: S, value: unknown, prefix: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const unknown: string[] = [];
  const issues: Issue[] = [];
  for (const i of r.error.issues) {
    if (i.code === 'unrecognized_keys') unknown.push(...i.keys.map((k) => pathString(prefix, [...i.path, k])));
    else issues.push({ path: pathString(prefix, i.path), message: i.message });
  }
  if (unknown.length > 0) throw new UnknownFieldError(unknown);
  throw new ValidationError(issues);
}

function parseJsonBody(event: HttpEvent, maxBytes: number): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const type = header(event, 'content-type');
  const [mediaType, ...params] = (type ?? '').split(';').map((s) => s.trim().toLowerCase());
  if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError();
  const charset = params.find((p) => p.startsWith('charset='));
  if (charset !== undefined && charset.replace(/"/g, '') !== 'charset=utf-8') throw new UnsupportedMediaTypeError();
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new MalformedJsonError();
  }
}

/**
 * What a 5xx log line says about its cause. The message is logged only for
 * errors whose messages we know carry no request values (configuration, AWS
 * service errors); for anything else the name and the throwing code location
 * are enough to find the bug without risking personal data in logs (S7).
 */
function describeFailure(err: unknown): LogKeys {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const safeMessage = err instanceof ConfigError || '$metadata' in err;
  const at = err.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim().slice(3, 200);
  return { errorName: err.name, errorMessage: safeMessage ? err.message.slice(0, 300) : undefined, errorAt: at };
}

function respond(status: number, body: unknown, headers: Readonly<Record<string, string>>, requestId: string): HttpResponse {
  return {
    statusCode: status,
    headers: { ...headers, ...SECURITY_HEADERS, 'x-request-id': requestId },
    ...(status === 204 || body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

export type HttpHandler = DepsHandler<middy.MiddyfiedHandler<HttpEvent, HttpResponse, Error, Context, Internal>>;

export function httpHandler<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  spec: HandlerSpec<B, Q, P>,
  fn: (req: HandlerRequest<Out<B>, Out<Q>, Out<P>>) => Promise<HttpResult>,
): HttpHandler {
  return handlerWithDeps((deps) => chain(spec, fn, deps));
}

function chain<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined>(
  spec: HandlerSpec<B, Q, P>,
  fn: (req: HandlerRequest<Out<B>, Out<Q>, Out<P>>) => Promise<HttpResult>,
  deps: () => Deps,
): middy.MiddyfiedHandler<HttpEvent, HttpResponse, Error, Context, Internal> {
  const route = routeOf(spec.fn, spec.route);
  const roles = spec.roles ?? route.roles;
  const tables = Object.keys(route.tables) as TableKey[];
  const maxBodyBytes = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // The handler sees only the event, so the state travels keyed by a copy of
  // the event made per invocation (never shared, even if a caller reuses one).
  const states = new WeakMap<object, RequestState>();

  const context: middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context, Internal> = {
    name: 'http-context',
    before: (request) => {
      const event = request.event;
      const requestId = event?.requestContext?.requestId ?? request.context?.awsRequestId ?? 'unknown';
      const s: RequestState = {
        startedAt: performance.now(),
        requestId,
        log: requestLog({ requestId, fn: spec.fn, route: `${route.method} ${route.path}` }),
      };
      request.event = { ...event };
      request.internal.state = s;
      states.set(request.event, s);
    },
  };

  // A public route (shared/contract/routes.ts `authorizer: 'none'`) has no caller to check: whatever
  // claims an event carries are ignored, and the handler gets no auth context.
  const isPublic = route.authorizer === 'none';
  const auth: middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context, Internal> = {
    name: 'http-auth',
    before: (request) => {
      if (isPublic) return;
      const s = state(request);
      const { claims, source } = claimsOf(request.event.requestContext?.authorizer);
      s.auth = authenticate(claims, roles, source);
      s.log.append({ role: s.auth.role, actorRef: s.auth.actorRef, municipality: s.auth.municipality });
    },
  };

  const input: middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context, Internal> = {
    name: 'http-input',
    before: (request) => {
      const s = state(request);
      const event = request.event;
      // The query first: a parameter the route does not take (`?__proto__=x` included, an own key
      // as Lambda's JSON.parse makes it) is refused whatever the body, on every route.
      const query = event.queryStringParameters ?? {};
      if (spec.query !== undefined) s.query = validate(spec.query, query, 'query');
      else if (Object.keys(query).length > 0) throw new UnknownFieldError(Object.keys(query).map((k) => `query.${k}`));
      const raw = parseJsonBody(event, maxBodyBytes);
      if (spec.body !== undefined) {
        if (raw === undefined) throw new ValidationError([{ path: 'body', message: 'a JSON body is required' }]);
        s.body = validate(spec.body, raw, 'body');
      } else if (raw !== undefined) throw new BadRequestError('BODY_NOT_ALLOWED', 'This route takes no request body');
      if (spec.path !== undefined) s.path = validate(spec.path, event.pathParameters ?? {}, 'path');
    },
  };

  // Every participant route, once, here rather than in each handler (issue 8 item 7).
  const participantFile: middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context, Internal> = {
    name: 'http-participant-file',
    before: async (request) => {
      // Fail fast on a missing table variable, naming every one (shared/config.ts), before any read.
      const d = deps();
      requireTables(d.config, tables);
      const s = state(request);
      if (s.auth?.role === 'participant' && spec.participantFileInHandler !== true) await requireActiveParticipant(d, s.auth);
    },
  };

  const errors: middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context, Internal> = {
    name: 'http-errors',
    onError: (request) => {
      const s = request.internal.state;
      const requestId = s?.requestId ?? 'unknown';
      const log = s?.log ?? requestLog({ requestId, fn: spec.fn });
      const mapped = toErrorResponse(request.error);
      const keys: LogKeys = { status: mapped.status, code: mapped.body.code, durationMs: s === undefined ? undefined : Math.round(performance.now() - s.startedAt) };
      if (mapped.status >= 500) {
        log.error('request failed', { ...keys, ...describeFailure(request.error) });
      } else log.info('request rejected', keys);
      request.response = respond(mapped.status, mapped.body, mapped.headers, requestId);
    },
  };

  return middy<HttpEvent, HttpResponse, Error, Context, Internal>()
    .use([context, errors, auth, input, participantFile])
    .use([...((spec.use ?? []) as middy.MiddlewareObj<HttpEvent, HttpResponse, Error, Context, Internal>[])])
    .handler(async (event: HttpEvent): Promise<HttpResponse> => {
      const s = states.get(event)!;
      const result = await fn({
        auth: s.auth!,
        body: s.body as Out<B>,
        query: s.query as Out<Q>,
        path: s.path as Out<P>,
        sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
        deps: deps(),
        log: s.log,
        requestId: s.requestId,
      });
      s.log.info('request done', { status: result.status, durationMs: Math.round(performance.now() - s.startedAt) });
      return respond(result.status, result.body, result.headers ?? {}, s.requestId);
    });
}
