/**
 * The local API Gateway: a `node:http` server that serves the rows of
 * shared/contract/routes.ts with the same handler modules Lambda runs. For each request
 * it does what API Gateway (HTTP API, payload format 2.0, JWT authorizer)
 * does: match the route, verify the bearer token (401 if that fails; groups
 * are the handler's business), build the v2 event, invoke the handler and map
 * its result back to HTTP.
 *
 * What it adds for running on one machine:
 * - back-pressure: at most `maxInFlight` API requests at once; beyond that it
 *   answers 503 OVERLOADED with Retry-After at once (quality.md R8: overload
 *   is answered, never silently dropped);
 * - static files from web/dist for GET paths outside the API, refusing any
 *   path that would leave that folder;
 * - `GET /local/exports/<key>?expires=&filename=&sig=`: a payroll export
 *   file through a signed, expiring link (the local twin of a presigned S3
 *   URL; checked by `exportLinks`, shared/adapters/export-store.ts);
 * - demo mode only: `POST /local/token` (a token for a seeded demo user, by
 *   username, no password) and `GET /local/demo-users`. Never on AWS. Since
 *   anyone who reaches it can act as any demo user, it refuses to listen on a
 *   non-loopback address unless `allowDemoOnNetwork` says so.
 *
 * Pages get the same security headers as on AWS (infra/page-headers.ts: no
 * framing); a directory redirect only ever names a path on this origin.
 *
 * Like the two authorizers on AWS (infra/constructs/http-api.ts): routes with
 * `authorizer: 'device'` run the same kiosk authorizer function
 * (functions/checkin-authorizer) and hand its context on as
 * `requestContext.authorizer.lambda`; routes with `authorizer: 'none'` (the
 * one public route) get no check and no claims; the others the JWT check. The
 * local issuer's token endpoint for kiosks, `POST /oauth2/token`
 * (client-credentials grant, infra/local/oauth-token.ts), stands in for the
 * user pool domain's.
 *
 * Logs: one JSON line per API request with ids only (request id, route key,
 * function, status, duration): never paths, bodies, tokens or claims.
 *
 * This file is the server; its parts by job: router.ts (route matching),
 * lambda-adapter.ts (handler modules, the v2 event, result mapping, Lambda
 * context), static-files.ts (web/dist), demo-identity.ts (demo sign-in and the demo users as the local OIDC provider knows them).
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PAGE_HEADERS } from '../page-headers.js';
import { PROJECT_ROOT } from '../project.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import { ROUTES } from '../../shared/contract/routes.js';
import type { LocalIssuer } from './auth.js';
import { clientCredentialsToken, type TokenEndpoint } from './oauth-token.js';
import { checkDemoHost, tokenBody, type DemoUser } from './demo-identity.js';
import { buildEvent, lambdaContext, mapLambdaResult, newRequestId, type ApiEvent, type HandlerResolver, type HttpReply } from './lambda-adapter.js';
import { compileRoute, lookup } from './router.js';
import { contentTypeOf, resolveStatic } from './static-files.js';

/** The kiosk authorizer's function (shared/contract/routes.ts `authorizer: 'device'`). */
export const DEVICE_AUTHORIZER_FN = 'checkin-authorizer';

// ---------------------------------------------------------------------------
// Types

export type LogLine = Record<string, string | number | boolean | undefined>;

export interface LocalHttpServerOptions {
  issuer: LocalIssuer;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: demo tokens are handed out without a password, so only this machine may ask. */
  host?: string;
  routes?: readonly RouteDef[];
  /** The handler of a function: the local system's resolves each module bound to its dependency object (system.ts). */
  resolveHandler: HandlerResolver;
  /** Folder of static pages; default `web/dist`; null: none. */
  staticDir?: string | null;
  /** API requests handled at once; more get 503 OVERLOADED. Default 256. */
  maxInFlight?: number;
  /** Default 256 KiB. */
  maxBodyBytes?: number;
  /** The functions' Lambda timeout (infra/constructs/api-function.ts: 10 s). */
  handlerTimeoutMs?: number;
  /** Enables `POST /local/token` and `GET /local/demo-users` for these users. */
  demoUsers?: readonly DemoUser[];
  /** Demo mode: kiosks whose setup codes `GET /local/demo-users` lists (never on AWS). */
  demoKiosks?: readonly { deviceId: string; label: string; setupCode: string }[];
  /** Serves `POST /oauth2/token` (client-credentials grant for kiosks). */
  tokenEndpoint?: TokenEndpoint;
  /** Serves `/oidc/…`: the local OpenID Connect provider (infra/local/oidc-provider.ts); true when it answered. */
  oidc?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Serve demo sign-in on a non-loopback `host` anyway (everyone who can reach it may act as any demo user). Default false. */
  allowDemoOnNetwork?: boolean;
  /** Where request log lines go; default one JSON line on stdout; null: nowhere. */
  log?: ((line: LogLine) => void) | null;
  /** Serves `GET /local/exports/<key>` (signed export links): the file or a refusal. Absent: 404. */
  exportLinks?: (key: string, query: URLSearchParams) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
}

export interface LocalHttpServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** API requests being handled right now. */
  inFlight(): number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
export const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;
export const DEFAULT_STATIC_DIR = join(PROJECT_ROOT, 'web', 'dist');

// ---------------------------------------------------------------------------
// Server

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        // Keep reading (and dropping) so the client gets the 413 instead of a reset connection.
        fail(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) done(Buffer.concat(chunks));
    });
    req.on('error', fail);
  });
}

export async function startHttpServer(options: LocalHttpServerOptions): Promise<LocalHttpServer> {
  const routes = (options.routes ?? ROUTES).map(compileRoute);
  const resolveHandler = options.resolveHandler;
  const staticDir = options.staticDir === undefined ? DEFAULT_STATIC_DIR : options.staticDir;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handlerTimeoutMs = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  const demoUsers = new Map((options.demoUsers ?? []).map((u) => [u.username, u]));
  const demo = options.demoUsers !== undefined;
  const host = options.host ?? '127.0.0.1';
  checkDemoHost(host, demo, options.allowDemoOnNetwork === true);
  const log = options.log === null ? undefined : (options.log ?? ((line: LogLine) => process.stdout.write(`${JSON.stringify(line)}\n`)));
  const issuer = options.issuer;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new Error('LOCAL_BAD_OPTION: maxInFlight must be a positive integer');
  let inFlight = 0;
  let localPort = 0;

  function send(res: ServerResponse, requestId: string, reply: HttpReply, head = false): void {
    const headers: Record<string, string | string[]> = { ...reply.headers, 'apigw-requestid': requestId };
    if (reply.cookies.length > 0) headers['set-cookie'] = reply.cookies;
    headers['content-length'] = String(reply.body.length);
    res.writeHead(reply.status, headers);
    res.end(head ? undefined : reply.body);
  }

  function sendError(res: ServerResponse, requestId: string, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
    send(res, requestId, {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra },
      cookies: [],
      body: Buffer.from(JSON.stringify({ code, message }), 'utf8'),
    });
  }

  function sendJson(res: ServerResponse, requestId: string, status: number, body: unknown, extra: Record<string, string> = {}): void {
    send(res, requestId, {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra },
      cookies: [],
      body: Buffer.from(JSON.stringify(body), 'utf8'),
    });
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, requestId: string, rawPath: string, rawQuery: string): boolean {
    if (staticDir === null) return false;
    const r = resolveStatic(staticDir, rawPath);
    if (r.kind === 'missing') return false;
    if (r.kind === 'bad') {
      sendError(res, requestId, 400, 'BAD_PATH', 'The path is not allowed', { ...PAGE_HEADERS });
      return true;
    }
    if (r.kind === 'redirect') {
      res.writeHead(301, { ...PAGE_HEADERS, location: rawQuery.length > 0 ? `${r.location}?${rawQuery}` : r.location, 'content-length': '0' });
      res.end();
      return true;
    }
    res.writeHead(200, {
      ...PAGE_HEADERS,
      'content-type': contentTypeOf(r.file),
      'content-length': String(r.stat.size),
      'last-modified': r.stat.mtime.toUTCString(),
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    const stream = createReadStream(r.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
    return true;
  }

  /** The body of a local endpoint (at most 4 KiB), or undefined after answering 413. */
  async function readSmallBody(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<Buffer | undefined> {
    try {
      return await readBody(req, 4096);
    } catch {
      sendError(res, requestId, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 4096 bytes', { connection: 'close' });
      return undefined;
    }
  }

  async function handleLocal(req: IncomingMessage, res: ServerResponse, requestId: string, path: string, rawQuery: string): Promise<boolean> {
    if (path.startsWith('/local/exports/') && options.exportLinks !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      const reply = await options.exportLinks(path.slice('/local/exports/'.length), new URLSearchParams(rawQuery));
      send(res, requestId, { ...reply, cookies: [] }, req.method === 'HEAD');
      // Ids only: never the link's signature or query.
      log?.({ level: 'INFO', message: 'local export download', service: 'introflyt-local', requestId, status: reply.status, code: reply.status === 200 ? undefined : 'LINK_REFUSED' });
      return true;
    }
    const known = path === '/local/health' || path === '/.well-known/jwks.json' || (path === '/oauth2/token' && options.tokenEndpoint !== undefined) || (demo && (path === '/local/demo-users' || path === '/local/token'));
    if (known && rawQuery.length > 0) {
      // As on the API routes: no route of this server takes a query parameter it does not know.
      req.resume();
      sendError(res, requestId, 400, 'UNKNOWN_FIELD', 'This route takes no query parameters');
      return true;
    }
    if (path === '/local/health' && req.method === 'GET') {
      sendJson(res, requestId, 200, { status: 'ok', inFlight, maxInFlight });
      return true;
    }
    if (path === '/.well-known/jwks.json' && req.method === 'GET') {
      sendJson(res, requestId, 200, issuer.jwks());
      return true;
    }
    if (path === '/oauth2/token' && options.tokenEndpoint !== undefined) {
      const raw = await readSmallBody(req, res, requestId);
      if (raw === undefined) return true;
      const reply = await clientCredentialsToken(
        { method: req.method ?? 'GET', contentType: req.headers['content-type'], authorization: req.headers.authorization, body: raw },
        options.tokenEndpoint,
      );
      sendJson(res, requestId, reply.status, reply.body, reply.headers);
      return true;
    }
    if (!demo) return false;
    if (path === '/local/demo-users' && req.method === 'GET') {
      sendJson(res, requestId, 200, {
        users: [...demoUsers.values()].map((u) => ({ username: u.username, groups: u.groups, municipality: u.municipality })),
        kiosks: options.demoKiosks ?? [],
      });
      return true;
    }
    if (path !== '/local/token') return false;
    if (req.method !== 'POST') {
      sendError(res, requestId, 405, 'METHOD_NOT_ALLOWED', 'Use POST /local/token', { allow: 'POST' });
      return true;
    }
    const raw = await readSmallBody(req, res, requestId);
    if (raw === undefined) return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      sendError(res, requestId, 400, 'MALFORMED_JSON', 'The body must be JSON such as {"username":"adviser1"}');
      return true;
    }
    const body = tokenBody.safeParse(parsed);
    if (!body.success) {
      sendError(res, requestId, 400, 'VALIDATION_FAILED', `Invalid request: ${body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
      return true;
    }
    const user = demoUsers.get(body.data.username);
    if (user === undefined) {
      sendError(res, requestId, 404, 'UNKNOWN_DEMO_USER', 'No demo user has that username; GET /local/demo-users lists them');
      return true;
    }
    const expiresIn = body.data.ttlSeconds ?? 3600;
    const token = await issuer.issueToken({ ...user, ttlSeconds: expiresIn });
    sendJson(res, requestId, 200, {
      token,
      tokenType: 'Bearer',
      expiresIn,
      username: user.username,
      groups: user.groups,
      municipality: user.municipality,
      ...(user.participantId !== undefined ? { participantId: user.participantId } : {}),
      ...(user.deviceId !== undefined ? { deviceId: user.deviceId } : {}),
    });
    return true;
  }

  async function invoke(fn: string, event: ApiEvent): Promise<HttpReply> {
    const handler = await resolveHandler(fn);
    const deadline = Date.now() + handlerTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HandlerTimeout()), handlerTimeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve(handler(event, lambdaContext(fn, deadline))), timeout]);
      return mapLambdaResult(result);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The kiosk authorizer, as API Gateway calls a Lambda REQUEST authorizer (payload 2.0, simple response). */
  async function runDeviceAuthorizer(
    req: IncomingMessage,
    routeKey: string,
    rawPath: string,
    rawQueryString: string,
    pathParameters: Record<string, string> | undefined,
    requestId: string,
  ): Promise<{ ok: true; context: Record<string, string> } | { ok: false; status: 401 | 403 | 500 }> {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') return { ok: false, status: 401 };
    const now = new Date();
    const event = buildEvent({ req, routeKey, rawPath, rawQueryString, pathParameters, claims: {}, body: Buffer.alloc(0), requestId, now, localPort });
    const { authorizer: _none, ...requestContext } = event.requestContext;
    const authorizerEvent = {
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${routeKey.replace(' ', '')}`,
      identitySource: [header],
      routeKey,
      rawPath,
      rawQueryString,
      cookies: event.cookies ?? [],
      headers: event.headers,
      ...(event.queryStringParameters !== undefined ? { queryStringParameters: event.queryStringParameters } : {}),
      ...(pathParameters !== undefined ? { pathParameters } : {}),
      requestContext,
    };
    try {
      const authorize = await resolveHandler(DEVICE_AUTHORIZER_FN);
      const result = (await authorize(authorizerEvent as unknown as ApiEvent, lambdaContext(DEVICE_AUTHORIZER_FN, Date.now() + handlerTimeoutMs))) as { isAuthorized?: unknown; context?: unknown } | undefined;
      if (result?.isAuthorized !== true) return { ok: false, status: 403 };
      return { ok: true, context: (result.context ?? {}) as Record<string, string> };
    } catch (err) {
      log?.({ level: 'ERROR', message: 'local authorizer failed', service: 'introflyt-local', requestId, fn: DEVICE_AUTHORIZER_FN, errorName: err instanceof Error ? err.name : typeof err });
      return { ok: false, status: 500 };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = newRequestId();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQueryString = q === -1 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();

    if (options.oidc !== undefined && (rawPath === '/oidc' || rawPath.startsWith('/oidc/')) && (await options.oidc(req, res))) return;
    if (rawPath.startsWith('/local/') || rawPath === '/.well-known/jwks.json' || rawPath === '/oauth2/token') {
      if (inFlight >= maxInFlight) {
        req.resume();
        sendError(res, requestId, 503, 'OVERLOADED', 'Too many requests in progress; retry shortly', { 'retry-after': '1' });
        return;
      }
      inFlight++;
      try {
        if (await handleLocal(req, res, requestId, rawPath, rawQueryString)) return;
      } finally {
        inFlight--;
      }
    }

    const found = lookup(routes, method, rawPath);
    if (found.kind === 'none') {
      req.resume();
      if ((method === 'GET' || method === 'HEAD') && serveStatic(req, res, requestId, rawPath, rawQueryString)) return;
      sendError(res, requestId, 404, 'ROUTE_NOT_FOUND', `No route for ${method} on this path`);
      return;
    }
    if (found.kind === 'method') {
      req.resume();
      sendError(res, requestId, 405, 'METHOD_NOT_ALLOWED', `This path takes ${found.allow.join(', ')}`, { allow: found.allow.join(', ') });
      return;
    }
    const { route, pathParameters } = found.match;
    let status = 0;
    let code: string | undefined;
    const finish = (): void => {
      log?.({ level: status >= 500 ? 'ERROR' : 'INFO', message: 'local api request', service: 'introflyt-local', requestId, routeKey: route.routeKey, fn: route.def.fn, status, code, durationMs: Math.round(performance.now() - started) });
    };

    // Back-pressure before any work: an overloaded server still answers at once.
    if (inFlight >= maxInFlight) {
      req.resume();
      status = 503;
      code = 'OVERLOADED';
      sendError(res, requestId, 503, 'OVERLOADED', 'Too many requests in progress; retry shortly', { 'retry-after': '1' });
      finish();
      return;
    }
    inFlight++;
    try {
      const declared = Number(req.headers['content-length'] ?? '0');
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        req.resume();
        status = 413;
        code = 'PAYLOAD_TOO_LARGE';
        sendError(res, requestId, 413, code, `The request body is larger than ${maxBodyBytes} bytes`, { connection: 'close' });
        return;
      }
      let claims: Record<string, string> = {};
      let lambdaContext: Record<string, string> | undefined;
      if (route.def.authorizer === 'device') {
        const decided = await runDeviceAuthorizer(req, route.routeKey, rawPath, rawQueryString, pathParameters, requestId);
        if (!decided.ok) {
          req.resume();
          status = decided.status;
          code = decided.status === 401 ? 'UNAUTHORIZED' : decided.status === 403 ? 'FORBIDDEN' : 'INTERNAL';
          // As API Gateway: 401 without a token, 403 when the authorizer says no, 500 when it fails.
          sendError(res, requestId, status, code, decided.status === 401 ? 'Unauthorized' : decided.status === 403 ? 'Forbidden' : 'Internal error');
          return;
        }
        lambdaContext = decided.context;
      } else if (route.def.authorizer === 'none') {
        // A public route (POST /device-activations), as on AWS: no authorizer, so no claims, whatever the request sends.
      } else {
        const verified = await issuer.verify(req.headers.authorization);
        if (!verified.ok) {
          req.resume();
          status = 401;
          code = 'UNAUTHORIZED';
          const challenge = verified.reason === 'MISSING' ? 'Bearer' : `Bearer error="invalid_token" error_description="${verified.message}"`;
          sendError(res, requestId, 401, 'UNAUTHORIZED', `Unauthorized: ${verified.message}`, { 'www-authenticate': challenge });
          return;
        }
        claims = verified.claims;
      }
      let body: Buffer;
      try {
        body = await readBody(req, maxBodyBytes);
      } catch (err) {
        if (!(err instanceof TooLarge)) throw err;
        status = 413;
        code = 'PAYLOAD_TOO_LARGE';
        sendError(res, requestId, 413, code, `The request body is larger than ${maxBodyBytes} bytes`, { connection: 'close' });
        return;
      }
      const event = buildEvent({
        req,
        routeKey: route.routeKey,
        rawPath,
        rawQueryString,
        pathParameters,
        claims,
        ...(lambdaContext !== undefined ? { lambdaContext } : {}),
        body,
        requestId,
        now: new Date(),
        localPort,
      });
      let reply: HttpReply;
      try {
        reply = await invoke(route.def.fn, event);
      } catch (err) {
        // Like API Gateway after a failed invocation: a generic body, details only as ids in the log.
        status = err instanceof HandlerTimeout ? 504 : 500;
        code = err instanceof HandlerTimeout ? 'HANDLER_TIMEOUT' : 'INTERNAL';
        log?.({ level: 'ERROR', message: 'local handler failed', service: 'introflyt-local', requestId, fn: route.def.fn, errorName: err instanceof Error ? err.name : typeof err, errorCode: codeOf(err) });
        sendError(res, requestId, status, code, status === 504 ? 'The handler did not answer in time' : 'Internal error');
        return;
      }
      status = reply.status;
      send(res, requestId, reply, method === 'HEAD');
    } finally {
      inFlight--;
      if (status !== 0) finish();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A failure in the adapter itself (not the handler): answer if still possible.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 'INTERNAL', message: 'Internal error' }));
      } else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen({ port: options.port ?? 0, host }, () => {
      server.removeListener('error', fail);
      done();
    });
  });
  localPort = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${localPort}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: localPort,
    server,
    inFlight: () => inFlight,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
        // Requests still running get a short grace period, then their sockets are closed.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      })),
  };
}

class HandlerTimeout extends Error {
  constructor() {
    super('handler timed out');
    this.name = 'HandlerTimeout';
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
