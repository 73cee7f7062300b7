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
 * `requestContext.authorizer.lambda`; the others get the JWT check. The
 * local issuer's token endpoint for kiosks, `POST /oauth2/token`
 * (client-credentials grant, infra/local/oauth-token.ts), stands in for the
 * user pool domain's.
 *
 * Logs: one JSON line per API request with ids only (request id, route key,
 * function, status, duration): never paths, bodies, tokens or claims.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6, type AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import { PAGE_HEADERS } from '../page-headers.js';
import { PROJECT_ROOT, handlerEntry } from '../project.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import type { Role } from '../../shared/contract/roles.js';
import { ROUTES } from '../../shared/contract/routes.js';
import type { LocalIssuer } from './auth.js';
import { clientCredentialsToken, type TokenEndpoint } from './oauth-token.js';

/** The kiosk authorizer's function (shared/contract/routes.ts `authorizer: 'device'`). */
export const DEVICE_AUTHORIZER_FN = 'checkin-authorizer';

// ---------------------------------------------------------------------------
// Types

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
/** A Lambda handler as API Gateway calls it: the result may be structured, a string or any JSON value. */
export type LambdaHandler = (event: ApiEvent, context: Context) => unknown;
export type HandlerResolver = (fn: string) => Promise<LambdaHandler>;

/** A seeded demo user that `POST /local/token` may sign in by username. */
export interface DemoUser {
  username: string;
  sub: string;
  groups: readonly Role[];
  municipality: string;
  participantId?: string;
  deviceId?: string;
}

export type LogLine = Record<string, string | number | boolean | undefined>;

export interface LocalHttpServerOptions {
  issuer: LocalIssuer;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: demo tokens are handed out without a password, so only this machine may ask. */
  host?: string;
  routes?: readonly RouteDef[];
  resolveHandler?: HandlerResolver;
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
  /** Serve demo sign-in on a non-loopback `host` anyway (everyone who can reach it may act as any demo user). Default false. */
  allowDemoOnNetwork?: boolean;
  /** Where request log lines go; default one JSON line on stdout; null: nowhere. */
  log?: ((line: LogLine) => void) | null;
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
// Where demo sign-in may listen

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) or `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) {
    // The URL parser writes an IPv6 address in one canonical form: ::1, and ::ffff:7f00:1 for ::ffff:127.0.0.1.
    const canonical = new URL(`http://[${h}]/`).hostname;
    return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
  }
  return false;
}

export class DemoOnNetworkError extends Error {
  readonly code = 'LOCAL_DEMO_ON_NETWORK';
  constructor(host: string) {
    super(
      `LOCAL_DEMO_ON_NETWORK: HOST=${host} is not a loopback address, and demo sign-in is on (POST /local/token gives anyone who can reach it ` +
        'a token for any demo user, without a password). Use HOST=127.0.0.1, or set INTROFLYT_ALLOW_DEMO_ON_NETWORK=1 if every machine that can reach this one may act as any demo user.',
    );
    this.name = 'DemoOnNetworkError';
  }
}

/** Throws DemoOnNetworkError when demo sign-in would be served beyond this machine without the explicit flag. */
export function checkDemoHost(host: string, demo: boolean, allowDemoOnNetwork: boolean): void {
  if (demo && !allowDemoOnNetwork && !isLoopbackHost(host)) throw new DemoOnNetworkError(host);
}

// ---------------------------------------------------------------------------
// Handlers

/**
 * Imports `functions/<fn>/handler.ts` once per function and keeps its
 * `handler` export. A failed import is not kept, so a fixed file loads on the next request.
 */
export function moduleHandlerResolver(entryFor: (fn: string) => string = handlerEntry): HandlerResolver {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (fn) => {
    let loading = cache.get(fn);
    if (loading === undefined) {
      loading = import(pathToFileURL(entryFor(fn)).href).then((mod: Record<string, unknown>) => {
        const handler = mod.handler;
        if (typeof handler !== 'function') throw new Error(`LOCAL_NO_HANDLER: functions/${fn}/handler.ts exports no function named handler`);
        return handler as LambdaHandler;
      });
      cache.set(fn, loading);
      loading.catch(() => cache.delete(fn));
    }
    return loading;
  };
}

// ---------------------------------------------------------------------------
// Routes

interface CompiledRoute {
  def: RouteDef;
  routeKey: string;
  regex: RegExp;
  params: string[];
  /** More literal segments win, as in API Gateway's route selection. */
  specificity: number;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRoute(def: RouteDef): CompiledRoute {
  const params: string[] = [];
  let literal = 0;
  const parts = def.path.split('/').map((seg) => {
    const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(seg);
    if (greedy) {
      params.push(greedy[1]!);
      return '(.+)';
    }
    const param = /^\{([A-Za-z0-9_]+)\}$/.exec(seg);
    if (param) {
      params.push(param[1]!);
      return '([^/]+)';
    }
    if (seg.length > 0) literal++;
    return escapeRegex(seg);
  });
  return { def, routeKey: `${def.method} ${def.path}`, regex: new RegExp(`^${parts.join('/')}$`), params, specificity: literal * 2 + (params.length > 0 ? 0 : 1) };
}

interface Match {
  route: CompiledRoute;
  pathParameters: Record<string, string> | undefined;
}

type RouteLookup = { kind: 'match'; match: Match } | { kind: 'method'; allow: string[] } | { kind: 'none' };

function lookup(routes: readonly CompiledRoute[], method: string, path: string): RouteLookup {
  const hits: { route: CompiledRoute; m: RegExpExecArray }[] = [];
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (m) hits.push({ route, m });
  }
  if (hits.length === 0) return { kind: 'none' };
  const same = hits.filter((h) => h.route.def.method === method).sort((a, b) => b.route.specificity - a.route.specificity);
  const best = same[0];
  if (best === undefined) return { kind: 'method', allow: [...new Set(hits.map((h) => h.route.def.method))].sort() };
  let pathParameters: Record<string, string> | undefined;
  if (best.route.params.length > 0) {
    pathParameters = {};
    for (const [i, name] of best.route.params.entries()) {
      const raw = best.m[i + 1]!;
      try {
        pathParameters[name] = decodeURIComponent(raw);
      } catch {
        pathParameters[name] = raw;
      }
    }
  }
  return { kind: 'match', match: { route: best.route, pathParameters } };
}

// ---------------------------------------------------------------------------
// Event and result mapping (payload format 2.0)

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
function newRequestId(): string {
  return randomBytes(10).toString('base64');
}

const TEXT_TYPE = /^(text\/|application\/(json|[a-z0-9.+-]*\+json|xml|[a-z0-9.+-]*\+xml|javascript|x-www-form-urlencoded)|multipart\/form-data)/i;

export interface EventParts {
  req: IncomingMessage;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  pathParameters: Record<string, string> | undefined;
  claims: Record<string, string>;
  /** The kiosk authorizer's context (routes with `authorizer: 'device'`); replaces the JWT claims. */
  lambdaContext?: Record<string, string>;
  body: Buffer;
  requestId: string;
  now: Date;
  localPort: number;
}

export function buildEvent(p: EventParts): ApiEvent {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(p.req.headersDistinct)) {
    if (values === undefined) continue;
    if (name === 'cookie') {
      // Payload 2.0 moves cookies out of the headers into `cookies`, one entry per cookie.
      cookies = values.flatMap((v) => v.split(';')).map((c) => c.trim()).filter((c) => c.length > 0);
      continue;
    }
    // Duplicate headers are combined with commas (payload 2.0).
    headers[name] = values.join(',');
  }
  const sourceIp = (p.req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(p.localPort);

  let queryStringParameters: Record<string, string> | undefined;
  if (p.rawQueryString.length > 0) {
    const params = new Map<string, string>();
    for (const [k, v] of new URLSearchParams(p.rawQueryString)) {
      // Duplicate query parameters are combined with commas (payload 2.0).
      const earlier = params.get(k);
      params.set(k, earlier === undefined ? v : `${earlier},${v}`);
    }
    // Own properties, as Lambda's JSON.parse of API Gateway's event makes them: `?__proto__=x` is a
    // parameter named __proto__ that the handler refuses, never a prototype that silently drops it.
    queryStringParameters = Object.fromEntries(params);
  }

  const contentType = headers['content-type'] ?? '';
  const binary = p.body.length > 0 && contentType.length > 0 && !TEXT_TYPE.test(contentType);
  const host = headers.host ?? `localhost:${p.localPort}`;
  const domainName = host.replace(/:\d+$/, '');

  const event: ApiEvent = {
    version: '2.0',
    routeKey: p.routeKey,
    rawPath: p.rawPath,
    rawQueryString: p.rawQueryString,
    ...(cookies !== undefined && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters !== undefined ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: p.lambdaContext !== undefined ? ({ lambda: p.lambdaContext } as never) : { jwt: { claims: p.claims, scopes: null } },
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: p.req.method ?? 'GET',
        path: p.rawPath,
        protocol: `HTTP/${p.req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: p.requestId,
      routeKey: p.routeKey,
      stage: '$default',
      time: clfTime(p.now),
      timeEpoch: p.now.getTime(),
    },
    ...(p.pathParameters !== undefined ? { pathParameters: p.pathParameters } : {}),
    ...(p.body.length > 0 ? { body: binary ? p.body.toString('base64') : p.body.toString('utf8') } : {}),
    isBase64Encoded: binary,
  };
  return event;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class BadLambdaResponse extends Error {
  constructor(message: string) {
    super(`LOCAL_BAD_LAMBDA_RESPONSE: ${message}`);
    this.name = 'BadLambdaResponse';
  }
}

/**
 * Payload 2.0 response mapping: an object with `statusCode` is a structured
 * response; anything else (a string, an object without `statusCode`, a number)
 * becomes a 200 with content-type application/json and that value as the body
 * (a string as is, anything else as JSON).
 */
export function mapLambdaResult(result: unknown): HttpReply {
  if (isRecord(result) && 'statusCode' in result) {
    const status = result.statusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) throw new BadLambdaResponse('statusCode must be an integer from 100 to 599');
    const headers: Record<string, string> = {};
    if (result.headers !== undefined) {
      if (!isRecord(result.headers)) throw new BadLambdaResponse('headers must be an object');
      for (const [k, v] of Object.entries(result.headers)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new BadLambdaResponse(`header ${k} must be a string, number or boolean`);
        headers[k.toLowerCase()] = String(v);
      }
    }
    let cookies: string[] = [];
    if (result.cookies !== undefined) {
      if (!Array.isArray(result.cookies) || result.cookies.some((c) => typeof c !== 'string')) throw new BadLambdaResponse('cookies must be a list of strings');
      cookies = result.cookies as string[];
    }
    const rawBody = result.body;
    if (rawBody !== undefined && rawBody !== null && typeof rawBody !== 'string') throw new BadLambdaResponse('body must be a string');
    const body = typeof rawBody === 'string' ? Buffer.from(rawBody, result.isBase64Encoded === true ? 'base64' : 'utf8') : Buffer.alloc(0);
    return { status, headers, cookies, body };
  }
  const text = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { status: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(text, 'utf8') };
}

/** The Lambda context a local invocation of `fn` gets (promise-style handlers only). */
export function lambdaContext(fn: string, deadline: number): Context {
  const name = `introflyt-local-${fn}`;
  const unsupported = (): never => {
    throw new Error('LOCAL_UNSUPPORTED: callback-style context methods are not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

// ---------------------------------------------------------------------------
// Static files

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

type StaticResult = { kind: 'file'; file: string; stat: Stats } | { kind: 'redirect'; location: string } | { kind: 'bad' } | { kind: 'missing' };

/**
 * Resolves a URL path inside `root`. Refused (bad): undecodable escapes, NUL,
 * backslashes, any `.`/`..` segment (raw or percent-encoded), and anything
 * whose real path (after symlinks) lies outside `root`.
 */
export function resolveStatic(root: string, rawPath: string): StaticResult {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'bad' };
  // An empty segment: `//kiosk` would otherwise redirect to `//kiosk/`, which a browser reads as another host.
  if (decoded.includes('//')) return { kind: 'bad' };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { kind: 'missing' };
  }
  const target = resolve(realRoot, `.${decoded}`);
  if (target !== realRoot && !target.startsWith(realRoot + sep)) return { kind: 'bad' };
  let real: string;
  let stat: Stats;
  try {
    real = realpathSync(target);
    stat = statSync(real);
  } catch {
    return { kind: 'missing' };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return { kind: 'bad' };
  if (stat.isDirectory()) {
    // Built from the checked segments: one leading slash, so always a path on this origin.
    if (!decoded.endsWith('/')) return { kind: 'redirect', location: `/${segments.filter((x) => x !== '').map(encodeURIComponent).join('/')}/` };
    const index = join(real, 'index.html');
    try {
      const s = statSync(index);
      return s.isFile() ? { kind: 'file', file: index, stat: s } : { kind: 'missing' };
    } catch {
      return { kind: 'missing' };
    }
  }
  return stat.isFile() ? { kind: 'file', file: real, stat } : { kind: 'missing' };
}

// ---------------------------------------------------------------------------
// Server

const tokenBody = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be a demo username such as adviser1' }),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(12 * 3600)
    .optional(),
});

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
  const resolveHandler = options.resolveHandler ?? moduleHandlerResolver();
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
