/**
 * Hostile API Gateway v2 requests for any row of shared/contract/routes.ts (quality.md
 * S1/S2). Generic on purpose: path parameters come from the route's path
 * template, roles from its row, so routes added later are fuzzed without
 * changes here. Where a route's valid body or query is known (VALID_BODIES,
 * VALID_QUERIES) the generator also mutates it, so hostile values reach the
 * deeper checks behind the schema; for other routes it sends generic hostility.
 *
 * Only what a client can make API Gateway deliver is generated: bodies and
 * header/claim values are strings (API Gateway passes every JWT claim as a
 * string), but anything may be in them; a token may lack any claim or carry
 * unexpected ones (a misconfigured user pool), and the authorizer context may
 * be missing entirely (a route deployed without one).
 */
import fc from 'fast-check';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteDef } from '../../shared/contract/routes.js';
import type { Role } from '../../shared/contract/roles.js';
import { syntheticNationalId } from './fuzz-values.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The ids the fuzz suite seeds, so valid-looking requests reach real data. */
export interface FuzzWorld {
  municipality: string;
  participantId: string;
  otherParticipantId: string;
  foreignParticipantId: string;
  deviceId: string;
  adviserSub: string;
  /** Known values for path parameters (ids, periods, …), tried beside hostile ones. */
  knownIds: readonly string[];
}

/**
 * One valid body per known function (mutated by the generator); others get {}.
 * A function serving several routes has one entry per route, keyed `METHOD /path`.
 */
export const VALID_BODIES: Readonly<Record<string, (w: FuzzWorld) => Record<string, unknown>>> = {
  'checkin-record': (w) => ({ eventId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', type: 'IN', deviceId: w.deviceId, deviceTime: '2026-10-15T11:55:00+02:00', kiosk: { cardNumber: 'FUZZCARD1', pin: '4826' } }),
  'absence-report': () => ({ requestId: '0b7d8c9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', category: 'OWN_ILLNESS', date: '2026-10-14', wholeDay: true }),
  'absence-review': () => ({ decision: 'REJECT', reason: 'No note received', expectedVersion: 1 }),
  'participant-register': () => ({ requestId: 'fuzz-request-1', givenName: 'Fuzzhilde', familyName: 'Fuzzersen', nationalId: syntheticNationalId(42), birthDate: '1990-01-01', programStart: '2026-09-01' }),
  'participant-update': () => ({ expectedVersion: 1, children: 2, effectiveFrom: '2026-11-01' }),
  'participant-schedule': () => ({ expectedVersion: 1, schedule: { plans: [{ from: '2026-10-01', weekly: { MON: [{ start: '09:00', end: '15:00' }] } }], exceptions: [{ date: '2026-10-20', kind: 'CANCELLED' }] } }),
  'participant-kiosk-credential': () => ({ issueCard: true, pin: '5938' }),
  'PUT /participants/{id}/language': () => ({ expectedVersion: 1, language: 'uk' }),
  'PUT /me/language': () => ({ language: 'ar' }),
  'kiosk-identify': () => ({ cardNumber: 'FUZZCARD1', pin: '4826' }),
  // The public route: a code of the right form (never made) and a real P-256 public key (RFC 7517's example).
  'POST /device-activations': () => ({ code: 'ABCD-EFGH-JKLM', publicKey: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' } }),
  'participant-assign': (w) => ({ advisers: [w.adviserSub] }),
  // OPEN on an open file: valid, and leaves p-fuzz's own routes open for the rest of the suite.
  'participant-access': () => ({ status: 'OPEN', reason: 'Fuzz check' }),
  'attendance-correct': () => ({ present: [{ from: '08:30', to: '11:30' }], reason: 'Glemte å sjekke inn', expectedVersion: 0 }),
  'device-register': () => ({ deviceId: 'kiosk-fuzz-new', label: 'Fuzz hall' }),
  'decision-seen': () => ({ version: 1 }),
  'policy-update': () => ({ expectedVersion: 1, benefit: { deductionUnit: 'DAILY' }, attendance: { replayWindowHours: 48, missingCheckout: 'END_OF_SESSION' } }),
  // Correction requests and complaints (issue 12): two functions, one entry per route.
  'POST /me/correction-requests': () => ({ requestId: '5d1f6a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', subject: { kind: 'DAY', date: '2026-10-14' }, text: 'Kiosken var nede' }),
  'POST /me/complaints': () => ({ requestId: '6e2a7b3c-4d5e-4f6a-9b7c-8d9e0f1a2b3c', period: '2026-10', text: 'Jeg klager på trekket' }),
  'POST /participants/{id}/complaints': () => ({ requestId: '7f3b8c4d-5e6f-4a7b-8c8d-9e0f1a2b3c4d', period: '2026-10', text: 'Klage mottatt på papir', receivedOn: '2026-10-15' }),
  'PUT /participants/{id}/correction-requests/{caseId}/answer': () => ({
    action: 'ACCEPT',
    version: 1,
    reason: 'Bekreftet av læreren',
    correction: { kind: 'ATTENDANCE', present: [{ from: '08:30', to: '11:30' }], expectedVersion: 0 },
  }),
  'PUT /participants/{id}/complaints/{caseId}/reassessment': () => ({ upheld: false, version: 1, reason: 'Trekket følger reglene' }),
  'PUT /participants/{id}/complaints/{caseId}/outcome': () => ({ version: 2, outcome: 'CONFIRMED', decidedOn: '2026-10-15', note: '' }),
  'report-nir-register': () => ({ from: '2026-10', to: '2026-10', keys: ['ABSENCE#p-fuzz.2026-10.v0001'] }),
};

export const VALID_QUERIES: Readonly<Record<string, Record<string, string>>> = {
  'me-attendance': { month: '2026-10' },
  'participant-attendance': { month: '2026-10' },
  'absence-queue': { status: 'PENDING' },
  'GET /rights-cases': { status: 'OPEN' },
  'report-nir': { from: '2026-09', to: '2026-10', format: 'csv' },
  'report-statistics': { from: '2026-01', to: '2026-12' },
  'report-archive': { period: '2026-10' },
};

const routeKeyOf = (route: RouteDef) => `${route.method} ${route.path}`;
const validQuery = (route: RouteDef) => VALID_QUERIES[routeKeyOf(route)] ?? VALID_QUERIES[route.fn];

// ---------------------------------------------------------------------------
// Building blocks

const PRIVILEGED_KEYS = [
  '__proto__', 'constructor', 'prototype', 'role', 'roles', 'groups', 'cognito:groups', 'sub', 'participantId', 'municipality', 'deviceId',
  'isAdmin', 'admin', 'version', 'payrollRef', 'status', 'pk', 'sk', 'createdAt', 'approvedBy', 'nationalId', 'pinHash', 'credentialHash', 'diagnosis',
] as const;

const NASTY = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '../../etc/passwd', '..%2F..%2F', '%00', '\u0000', '\u0000\u0001\u001f', 'P#p-fuzz', 'ADVISER#x',
  '<script>alert(1)</script>', "' OR 1=1 --", '${jndi:ldap://x/a}', '{{7*7}}', '\ud800', '\udfff\ud800', 'NaN', 'null', 'undefined', 'true', '-1', '1e309', '0x10', '🙂🙃',
  'Ω≈ç√∫', '\u202eevil', 'ǅ̸̢̛̙̱̥̹͉̥̜̤̺', 'Zelmira', '2026-02-30', '2026-13', '9999-99-99', 'T00:00', '\r\nX-Injected: 1', 'a'.repeat(5000),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 3000 }) },
);

const hostileKey: fc.Arbitrary<string> = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...PRIVILEGED_KEYS) }, { weight: 1, arbitrary: hostileString });

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, -0, 1.5, 2 ** 53, -(2 ** 53), 1e308, 4294967296) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
);

/** Sets an own, enumerable property, so `__proto__` becomes a key as JSON.parse would make it, never a prototype. */
function own(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 8 }).map((pairs) => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of pairs) own(o, k, v);
  return o;
});

interface Mutation {
  kind: 'set' | 'delete' | 'add' | 'wrap';
  at: number;
  key: string;
  value: unknown;
}

/** Values a real client could send that sit on the edges: other people's ids, boundary numbers and dates, enum values of other fields. */
const plausibleValue: fc.Arbitrary<unknown> = fc.constantFrom(
  'p-other', 'p-foreign', 'p-fuzz', 'kiosk-fuzz', 'adviser-fuzz', '2026-10-01', '2026-10-31', '2026-02-28', '2024-02-29', '2099-12-31', '1900-01-01', '2026-10',
  '2026-10-15T08:00:00Z', '2026-10-15T09:59:59.999+02:00', '2020-01-01T00:00:00Z', 0, 1, 2, 30, 31, 59, 1440, 1441, 999_999_999, true, false, null, [], {},
  'APPROVE', 'REJECT', 'CARD', 'QR', 'IN', 'OUT', 'DAILY', 'HOURLY', 'CANCELLED', 'CHANGED', 'OWN_ILLNESS', 'nb', 'en', 'PENDING',
  // Not 'CLOSED': closing p-fuzz's access would turn every later participant route into a plain 403.
  'OPEN', '08:30', '15:00', '23:59', '24:00',
  '6f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', '00000000-0000-0000-0000-000000000000',
).map((v) => structuredClone(v)); // a fresh [] or {} each time: a later mutation must never grow a shared one

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'set', 'set', 'delete', 'add', 'wrap'),
  at: fc.nat(),
  key: hostileKey,
  value: fc.oneof({ weight: 1, arbitrary: plausibleValue }, { weight: 1, arbitrary: hostileValue }),
}) as fc.Arbitrary<Mutation>;

/** Every object inside `value` (itself included), for mutations to land anywhere in a nested body. */
function objectsIn(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objectsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objectsIn(v, out);
  }
  return out;
}

export function mutate(example: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const copy = structuredClone(example);
  for (const m of mutations) {
    const targets = objectsIn(copy);
    const target = targets[m.at % targets.length]!;
    const keys = Object.keys(target);
    const existing = keys.length > 0 ? keys[m.at % keys.length]! : m.key;
    if (m.kind === 'set') own(target, existing, m.value);
    else if (m.kind === 'delete') delete target[existing];
    else if (m.kind === 'add') own(target, m.key, m.value);
    // Right value, wrong shape. Only an own value: on an empty object `existing` is the
    // hostile key, and target['__proto__'] would be Object.prototype itself, which a later
    // mutation would then edit (polluting every later test file in this worker).
    else own(target, existing, [Object.hasOwn(target, existing) ? target[existing] : null]);
  }
  return copy;
}

// ---------------------------------------------------------------------------
// Bodies

export interface BodyPart {
  raw: string | undefined;
  base64: boolean;
  kind: string;
}

const text = (kind: string) => (raw: string): BodyPart => ({ raw, base64: false, kind });

function bodyArb(route: RouteDef, world: FuzzWorld): fc.Arbitrary<BodyPart> {
  const example = (VALID_BODIES[routeKeyOf(route)] ?? VALID_BODIES[route.fn])?.(world) ?? {};
  // A GET takes no body: mostly none, so the rest of the request is what gets tested.
  const none = route.method === 'GET' ? 24 : 1;
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((ms) => text('mutated')(JSON.stringify(mutate(example, ms)))) },
    { weight: 2, arbitrary: hostileObject.map((o) => text('hostile-object')(JSON.stringify(o))) },
    { weight: 1, arbitrary: hostileObject.map((o) => text('example-plus-privileged')(JSON.stringify(Object.assign(structuredClone(example), o)))) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => text('json-value')(JSON.stringify(v) ?? 'null')) },
    { weight: none, arbitrary: fc.constant<BodyPart>({ raw: undefined, base64: false, kind: 'none' }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '{', '{"a":', '}', 'null', '[]', '""', '0', 'true', '{"a":1,"a":2}', '\ufeff{}', "{'a':1}", '{"a":1,}', 'undefined', 'NaN',
          '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '"\\ud800"', '{"a":"\\u0000"}',
          `${JSON.stringify(example).slice(0, -1)},"__proto__":{"role":"admin","polluted":"yes"}}`,
          `${JSON.stringify(example).slice(0, -1)},"constructor":{"prototype":{"polluted":"yes"}}}`,
        )
        .map(text('raw-json')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map(text('garbage')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 50, max: 7000 }), fc.constantFrom('[', '{"a":'))
        .map(([n, open]) => text('deep')(open === '[' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
    },
    { weight: 1, arbitrary: fc.integer({ min: 16 * 1024, max: 300 * 1024 }).map((n) => text('huge')(JSON.stringify({ ...example, x: 'a'.repeat(n) }))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b): BodyPart => ({ raw: Buffer.from(b).toString('base64'), base64: true, kind: 'base64-bytes' })) },
    { weight: 1, arbitrary: fc.constant<BodyPart>({ raw: Buffer.from(JSON.stringify(example)).toString('base64'), base64: true, kind: 'base64-json' }) },
  );
}

const contentTypeArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 24, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'application/json; charset=iso-8859-1', 'application/xml', 'APPLICATION/JSON', '', 'application/json; charset="utf-8"', 'application/jsonp',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: hostileString },
);

// ---------------------------------------------------------------------------
// Auth

export type Claims = Record<string, string>;

export function claimsFor(role: Role, w: FuzzWorld): Claims {
  const base: Claims = { sub: role === 'adviser' ? w.adviserSub : `${role}-fuzz`, 'cognito:groups': `[${role}]`, 'custom:municipality': w.municipality };
  if (role === 'participant') base['custom:participantId'] = w.participantId;
  if (role === 'kiosk') base['custom:deviceId'] = w.deviceId;
  return base;
}

/** 'lambda': the claims as the kiosk authorizer hands them on (`authorizer.lambda`), the only way a kiosk's arrive. */
type AuthPart = { kind: 'claims' | 'lambda'; claims: Claims } | { kind: 'no-claims' | 'no-authorizer' | 'no-request-context' | 'no-jwt' };

function authArb(route: RouteDef, w: FuzzWorld): fc.Arbitrary<AuthPart> {
  // A public route (no authorizer) is called as API Gateway calls it: no authorizer context; every token below is ignored.
  const valid =
    route.authorizer === 'none' ? [{ kind: 'no-authorizer' } as AuthPart] : route.roles.map((r): AuthPart => ({ kind: r === 'kiosk' ? 'lambda' : 'claims', claims: claimsFor(r, w) }));
  const others = (['participant', 'kiosk', 'adviser', 'payroll', 'admin'] as const).filter((r) => !route.roles.includes(r)).map((r): AuthPart => ({ kind: 'claims', claims: claimsFor(r, w) }));
  const opt = (a: fc.Arbitrary<string>) => fc.option(a, { nil: undefined, freq: 3 });
  const forged = fc
    .record({
      sub: opt(fc.oneof(fc.constantFrom(w.adviserSub, 'admin-fuzz'), hostileString)),
      groups: opt(
        fc.oneof(
          fc.constantFrom('[admin]', '[adviser]', '[participant]', '[kiosk]', '[payroll]', '[participant kiosk adviser payroll admin]', '[]', 'admin,adviser', '["admin"]', 'ADMIN', '[ admin ]'),
          hostileString,
        ),
      ),
      municipality: opt(fc.oneof(fc.constantFrom(w.municipality, '0301', '500', '50011', 'abcd', ' 5001', '5001\n'), hostileString)),
      participantId: opt(fc.oneof(fc.constantFrom(w.participantId, w.otherParticipantId, w.foreignParticipantId, 'p-nobody'), hostileString)),
      deviceId: opt(fc.oneof(fc.constantFrom(w.deviceId, 'kiosk-unknown'), hostileString)),
      extra: fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 3 }),
    })
    .map((f): AuthPart => {
      const claims: Claims = {};
      if (f.sub !== undefined) claims.sub = f.sub;
      if (f.groups !== undefined) claims['cognito:groups'] = f.groups;
      if (f.municipality !== undefined) claims['custom:municipality'] = f.municipality;
      if (f.participantId !== undefined) claims['custom:participantId'] = f.participantId;
      if (f.deviceId !== undefined) claims['custom:deviceId'] = f.deviceId;
      for (const [k, v] of f.extra) own(claims, k, v);
      return { kind: 'claims', claims };
    });
  // A GET without path or query parameters has little to vary once authorised: fewer plain valid calls.
  const plain = route.method === 'GET' && pathParamNames(route.path).length === 0 && validQuery(route) === undefined;
  return fc.oneof(
    { weight: plain ? 4 : 16, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: others.length > 0 ? fc.constantFrom(...others) : fc.constantFrom(...valid) },
    { weight: 3, arbitrary: forged },
    { weight: 1, arbitrary: forged.map((f): AuthPart => ({ kind: 'lambda', claims: (f as { claims: Claims }).claims })) },
    { weight: 1, arbitrary: fc.constantFrom<AuthPart>({ kind: 'no-claims' }, { kind: 'no-authorizer' }, { kind: 'no-request-context' }, { kind: 'no-jwt' }) },
  );
}

// ---------------------------------------------------------------------------
// Path and query

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]!);
}

function pathArb(route: RouteDef, w: FuzzWorld): fc.Arbitrary<Record<string, string> | undefined> {
  const names = pathParamNames(route.path);
  const value = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...w.knownIds) }, { weight: 2, arbitrary: hostileString });
  const params = fc.tuple(...names.map(() => value), fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 1 })).map((vs) => {
    const out: Record<string, string> = {};
    names.forEach((n, i) => own(out, n, vs[i] as string));
    for (const [k, v] of vs[names.length] as [string, string][]) if (!names.includes(k)) own(out, k, v);
    return Object.keys(out).length > 0 ? out : undefined;
  });
  return fc.oneof({ weight: 12, arbitrary: params }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function queryArb(route: RouteDef): fc.Arbitrary<Record<string, string> | undefined> {
  const valid = validQuery(route);
  const key = fc.oneof(fc.constantFrom('month', 'lang', 'status', 'period', 'limit', 'cursor', 'participantId', '__proto__', 'constructor'), hostileString);
  const dict = fc.array(fc.tuple(key, hostileString), { minLength: 1, maxLength: 4 }).map((pairs) => {
    const q: Record<string, string> = {};
    for (const [k, v] of pairs) own(q, k, v);
    return q;
  });
  const arbs: fc.WeightedArbitrary<Record<string, string> | undefined>[] = [
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: dict },
  ];
  if (valid !== undefined) {
    arbs.push({ weight: 8, arbitrary: fc.constant(valid) });
    arbs.push({ weight: 3, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(valid)), hostileString).map(([k, v]) => ({ ...valid, [k]: v })) });
    arbs.push({ weight: 1, arbitrary: dict.map((d) => ({ ...valid, ...d })) });
  }
  return fc.oneof(...arbs);
}

// ---------------------------------------------------------------------------
// The event

export interface HostileRequest {
  /** What kind of request this is, for the report (never the values). */
  kind: string;
  event: ApiEvent;
}

/** Lone surrogates cannot be percent-encoded; API Gateway would pass the bytes on, so the raw text stands in. */
function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
}

const REQUEST_CONTEXT = {
  accountId: '000000000000',
  apiId: 'local',
  domainName: 'localhost',
  domainPrefix: 'localhost',
  stage: '$default',
  time: '15/Oct/2026:10:00:00 +0000',
  timeEpoch: 1791972000000,
};

export function hostileRequestArb(route: RouteDef, world: FuzzWorld): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      auth: authArb(route, world),
      path: pathArb(route, world),
      query: queryArb(route),
      body: bodyArb(route, world),
      contentType: contentTypeArb,
      headers: fc.option(fc.array(fc.tuple(fc.oneof(hostileString, fc.constantFrom('content-length', 'x-forwarded-for', 'authorization', 'cookie', 'content-encoding')), hostileString), { maxLength: 3 }), { nil: undefined, freq: 4 }),
      requestId: fc.uuid(),
    })
    .map(({ auth, path, query, body, contentType, headers, requestId }) => {
      const rawPath = route.path.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_, n: string) => safeEncode(path?.[n] ?? 'x'));
      const routeKey = `${route.method} ${route.path}`;
      const h: Record<string, string> = { host: 'localhost', 'user-agent': 'fuzz' };
      for (const [k, v] of headers ?? []) own(h, k.toLowerCase(), v);
      if (contentType !== undefined && body.raw !== undefined) h['content-type'] = contentType;
      const claims = auth.kind === 'claims' || auth.kind === 'lambda' ? auth.claims : undefined;
      const requestContext =
        auth.kind === 'no-request-context'
          ? undefined
          : {
              ...REQUEST_CONTEXT,
              http: { method: route.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fuzz' },
              requestId,
              routeKey,
              ...(auth.kind === 'no-authorizer'
                ? {}
                : { authorizer: auth.kind === 'no-jwt' ? {} : auth.kind === 'lambda' ? { lambda: claims } : { jwt: { claims: auth.kind === 'no-claims' ? undefined : claims, scopes: null } } }),
            };
      const event = {
        version: '2.0',
        routeKey,
        rawPath,
        rawQueryString: query === undefined ? '' : new URLSearchParams(Object.entries(query)).toString(),
        headers: h,
        ...(query !== undefined ? { queryStringParameters: query } : {}),
        ...(path !== undefined ? { pathParameters: path } : {}),
        ...(requestContext !== undefined ? { requestContext } : {}),
        ...(body.raw !== undefined ? { body: body.raw } : {}),
        isBase64Encoded: body.base64,
      } as unknown as ApiEvent;
      return { kind: `${auth.kind}/${body.kind}`, event };
    });
}
