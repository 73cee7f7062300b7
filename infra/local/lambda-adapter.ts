/**
 * What API Gateway (HTTP API, payload format 2.0) and Lambda do around a
 * handler, for the local server: load a function's handler module, build the
 * v2 event, map the handler's result back to HTTP, and the Lambda context of
 * a local invocation (infra/local/http-server.ts, audit-runtime.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { Deps } from '../../shared/adapters/deps.js';
import { handlerEntry } from '../project.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
/** A Lambda handler as API Gateway calls it: the result may be structured, a string or any JSON value. */
export type LambdaHandler = (event: ApiEvent, context: Context) => unknown;
export type HandlerResolver = (fn: string) => Promise<LambdaHandler>;

/**
 * Imports `functions/<fn>/handler.ts` once per function and keeps its
 * `handler` export, bound to `deps` when given (`handler.withDeps(deps)`,
 * shared/adapters/deps.ts; a handler that cannot take them is refused).
 * A failed import is not kept, so a fixed file loads on the next request.
 */
export function moduleHandlerResolver(entryFor: (fn: string) => string = handlerEntry, deps?: Deps): HandlerResolver {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (fn) => {
    let loading = cache.get(fn);
    if (loading === undefined) {
      loading = import(pathToFileURL(entryFor(fn)).href).then((mod: Record<string, unknown>) => {
        const handler = mod.handler as (LambdaHandler & { withDeps?: unknown }) | undefined;
        if (typeof handler !== 'function') throw new Error(`LOCAL_NO_HANDLER: functions/${fn}/handler.ts exports no function named handler`);
        if (deps === undefined) return handler;
        if (typeof handler.withDeps !== 'function') throw new Error(`LOCAL_HANDLER_WITHOUT_DEPS: functions/${fn}/handler.ts exports a handler that takes no dependency object`);
        return (handler.withDeps as (d: Deps) => LambdaHandler)(deps);
      });
      cache.set(fn, loading);
      loading.catch(() => cache.delete(fn));
    }
    return loading;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
export function newRequestId(): string {
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

export function isRecord(v: unknown): v is Record<string, unknown> {
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
