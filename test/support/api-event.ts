/**
 * API Gateway v2 (HTTP API) events with JWT-authorizer claims, shaped as API
 * Gateway delivers them: every claim a string, `cognito:groups` as
 * `"[adviser payroll]"`. A caller in the kiosk group gets its claims as the
 * kiosk authorizer's context (`authorizer.lambda`), the only way a kiosk's
 * claims arrive. For calling handlers directly in tests.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export interface Caller {
  sub: string;
  groups: string[];
  municipality?: string;
  participantId?: string;
  deviceId?: string;
}

export const participantCaller = (participantId: string, municipality = '5001'): Caller => ({ sub: `sub-${participantId}`, groups: ['participant'], municipality, participantId });
export const kioskCaller = (deviceId: string, municipality = '5001'): Caller => ({ sub: `sub-${deviceId}`, groups: ['kiosk'], municipality, deviceId });
export const staffCaller = (sub: string, groups: string[], municipality = '5001'): Caller => ({ sub, groups, municipality });

export interface EventInit {
  method: string;
  path: string;
  routeKey?: string;
  caller?: Caller | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
}

export function apiEvent(init: EventInit): APIGatewayProxyEventV2WithJWTAuthorizer {
  const claims: Record<string, string> = {};
  if (init.caller) {
    claims.sub = init.caller.sub;
    claims['cognito:groups'] = `[${init.caller.groups.join(' ')}]`;
    if (init.caller.municipality !== undefined) claims['custom:municipality'] = init.caller.municipality;
    if (init.caller.participantId !== undefined) claims['custom:participantId'] = init.caller.participantId;
    if (init.caller.deviceId !== undefined) claims['custom:deviceId'] = init.caller.deviceId;
  }
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
  return {
    version: '2.0',
    routeKey: init.routeKey ?? `${init.method} ${init.path}`,
    rawPath: init.path,
    rawQueryString: new URLSearchParams(init.query ?? {}).toString(),
    headers,
    ...(init.query !== undefined ? { queryStringParameters: init.query } : {}),
    ...(init.pathParameters !== undefined ? { pathParameters: init.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: init.method, path: init.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: init.routeKey ?? `${init.method} ${init.path}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: init.caller?.groups.includes('kiosk') ? { lambda: claims } : { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export const lambdaContext = { awsRequestId: 'test', functionName: 'test' } as unknown as Context;

export type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  raw: string;
}

export async function call(handler: Handler, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Reply> {
  const r = await handler(event, lambdaContext);
  const raw = r.body ?? '';
  return {
    status: r.statusCode ?? 0,
    headers: (r.headers ?? {}) as Record<string, string>,
    body: raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>),
    raw,
  };
}
