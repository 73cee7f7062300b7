/**
 * The API platform: the middy chain (auth, body, strict validation, errors,
 * headers, logs), the error mapping, config and auth parsing.
 */
import * as z from 'zod';
import type { Deps } from '../../shared/adapters/deps.js';
import { createDeps } from '../../shared/adapters/deps.js';
import { FixedClock } from '../../shared/adapters/clock.js';
import { SequentialIds, randomIds } from '../../shared/adapters/ids.js';
import { ConfigError, parseConfig, requireTables, tableNameOf } from '../../shared/config.js';
import { TABLES } from '../../shared/contract/tables.js';
import { authenticate, parseGroups, staffRef } from '../../shared/http/auth.js';
import type {
  AppError} from '../../shared/http/errors.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyAttemptsError,
  UnauthenticatedError,
  UnknownFieldError,
  UnsupportedMediaTypeError,
  ValidationError,
  toErrorResponse,
} from '../../shared/http/errors.js';
import { created, httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { requireAssigned, requireOwn } from '../../shared/http/ownership.js';
import { apiEvent, call as callHandler, kioskCaller, participantCaller, staffCaller, type Handler } from '../support/api-event.js';
import { captureLogs } from '../support/capture-logs.js';

const fakeDeps = (over: Partial<Deps> = {}): Deps =>
  ({
    clock: new FixedClock('2026-10-01T08:00:00Z'),
    ids: new SequentialIds(),
    assignments: { isAssigned: async (sub: string, pid: string) => sub === 'adv-1' && pid === 'p-1' },
    participants: {
      // p-1: an open file of 5001; p-closed: closed by an admin; anyone else: no file.
      participantAccess: async (pid: string) => (pid === 'p-1' ? { municipality: '5001', status: 'OPEN' } : pid === 'p-closed' ? { municipality: '5001', status: 'CLOSED' } : undefined),
    },
    attendance: {},
    decisions: {},
    audit: {},
    config: parseConfig(Object.fromEntries(TABLES.map((t) => [t.envVar, `unit-${t.id}`]))),
    ...over,
  }) as unknown as Deps;

const body = z.strictObject({ name: z.string().max(5), kiosk: z.strictObject({ pin: z.string().regex(/^\d{4}$/) }).optional() });
const echo = httpHandler({ fn: 'checkin-record', body }, async ({ auth, body: b }) => created({ role: auth.role, got: b.name }));
const noBody = httpHandler({ fn: 'me-attendance', query: z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/) }) }, async () => ok({ ok: true }));
const plain = httpHandler({ fn: 'me-access-log' }, async () => ({ status: 204 }));
const boom = (err: unknown) => httpHandler({ fn: 'me-access-log' }, async () => Promise.reject(err));

const post = (b: unknown, extra: Partial<Parameters<typeof apiEvent>[0]> = {}) =>
  apiEvent({ method: 'POST', path: '/checkins', caller: participantCaller('p-1'), body: b, ...extra });

/** Each test's dependency object, bound to the handler it calls. */
let deps: Deps;
beforeEach(() => {
  deps = fakeDeps();
});
const call = (handler: Handler & { withDeps(d: Deps): Handler }, event: Parameters<Handler>[0]) => callHandler(handler.withDeps(deps), event);

describe('httpHandler: success path', () => {
  test('returns the handler result as JSON with the security headers', async () => {
    const r = await call(echo, post({ name: 'abc' }));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ role: 'participant', got: 'abc' });
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-request-id']).toMatch(/.+/);
  });

  test('204 has no body; query is validated', async () => {
    expect((await call(plain, apiEvent({ method: 'GET', path: '/me/access-log', caller: participantCaller('p-1') }))).raw).toBe('');
    const good = await call(noBody, apiEvent({ method: 'GET', path: '/me/attendance', caller: participantCaller('p-1'), query: { month: '2026-10' } }));
    expect(good.status).toBe(200);
  });

  test('base64 bodies and charset=utf-8 are accepted', async () => {
    const e = post(undefined, { rawBody: Buffer.from('{"name":"ab"}').toString('base64'), headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
    e.isBase64Encoded = true;
    expect((await call(echo, e)).status).toBe(201);
  });

  test('a caller reusing one event object concurrently gets independent requests', async () => {
    const e = post({ name: 'x' });
    const rs = await Promise.all(Array.from({ length: 20 }, () => call(echo, e)));
    expect(new Set(rs.map((r) => r.status))).toEqual(new Set([201]));
  });
});

describe('httpHandler: the dependency object it is given', () => {
  test('withDeps gives each bound handler its own object; binding anew changes no earlier binding', async () => {
    const at = httpHandler({ fn: 'me-access-log' }, async ({ deps: d }) => ok({ now: d.clock.now().toISOString() }));
    const event = () => apiEvent({ method: 'GET', path: '/me/access-log', caller: participantCaller('p-1') });
    const first = at.withDeps(fakeDeps({ clock: new FixedClock('2026-01-01T00:00:00Z') }));
    const second = first.withDeps(fakeDeps({ clock: new FixedClock('2027-01-01T00:00:00Z') }));
    expect((await callHandler(first, event())).body).toEqual({ now: '2026-01-01T00:00:00.000Z' });
    expect((await callHandler(second, event())).body).toEqual({ now: '2027-01-01T00:00:00.000Z' });
    expect((await callHandler(first, event())).body).toEqual({ now: '2026-01-01T00:00:00.000Z' });
  });
});

describe('httpHandler: input errors', () => {
  test.each([
    ['unknown top-level field', { name: 'a', isAdmin: true }, 400, 'UNKNOWN_FIELD', ['body.isAdmin']],
    ['unknown nested field', { name: 'a', kiosk: { pin: '1234', diagnosis: 'x' } }, 400, 'UNKNOWN_FIELD', ['body.kiosk.diagnosis']],
    ['wrong type', { name: 5 }, 400, 'VALIDATION_FAILED', ['body.name']],
    ['bad nested value', { name: 'a', kiosk: { pin: '12' } }, 400, 'VALIDATION_FAILED', ['body.kiosk.pin']],
    ['not an object', [1, 2], 400, 'VALIDATION_FAILED', ['body']],
  ])('%s', async (_name, b, status, code, paths) => {
    const r = await call(echo, post(b));
    expect([r.status, r.body.code]).toEqual([status, code]);
    expect((r.body.issues as { path: string }[]).map((i) => i.path)).toEqual(paths);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  test('a rejected value is never echoed back', async () => {
    const r = await call(echo, post({ name: 'Kari Nordmann 01019012345' }));
    expect(r.status).toBe(400);
    expect(r.raw).not.toContain('Nordmann');
    expect(r.raw).not.toContain('01019012345');
  });

  test('malformed JSON, missing body, media type, size, body where none is taken', async () => {
    expect((await call(echo, post(undefined, { rawBody: '{"name":' }))).body.code).toBe('MALFORMED_JSON');
    const missing = await call(echo, post(undefined));
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const text = await call(echo, post(undefined, { rawBody: '{"name":"a"}', headers: { 'content-type': 'text/plain' } }));
    expect([text.status, text.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const latin = await call(echo, post(undefined, { rawBody: '{"name":"a"}', headers: { 'content-type': 'application/json; charset=latin1' } }));
    expect(latin.status).toBe(415);
    const big = await call(echo, post({ name: 'a', pad: 'x'.repeat(20_000) }));
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const extra = await call(plain, apiEvent({ method: 'GET', path: '/me/access-log', caller: participantCaller('p-1'), body: { a: 1 } }));
    expect([extra.status, extra.body.code]).toEqual([400, 'BODY_NOT_ALLOWED']);
  });

  test('unknown or invalid query parameters', async () => {
    const e = (q: Record<string, string>, h = noBody) => call(h, apiEvent({ method: 'GET', path: '/me/attendance', caller: participantCaller('p-1'), query: q }));
    expect((await e({ month: '2026-10', admin: '1' })).body).toMatchObject({ code: 'UNKNOWN_FIELD', issues: [{ path: 'query.admin' }] });
    expect((await e({ month: 'oct' })).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'query.month' }] });
    expect((await e({ x: '1' }, plain)).body).toMatchObject({ code: 'UNKNOWN_FIELD', issues: [{ path: 'query.x' }] });
  });
});

describe('httpHandler: authentication and roles', () => {
  test('no claims → 401, before any body check', async () => {
    const r = await call(echo, post('not even an object', { caller: null }));
    expect([r.status, r.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  test('a role the route does not allow → 403 FORBIDDEN_ROLE', async () => {
    const r = await call(echo, post({ name: 'a' }, { caller: staffCaller('adv-1', ['adviser', 'payroll']) }));
    expect([r.status, r.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });

  test('the first route role the caller holds is used', async () => {
    const r = await call(echo, post({ name: 'a' }, { caller: { ...kioskCaller('dev-1'), groups: ['payroll', 'kiosk'] } }));
    expect(r.body.role).toBe('kiosk');
  });

  test('missing claims a role needs → 403 MISSING_CLAIM', async () => {
    for (const caller of [
      { sub: 's', groups: ['participant'], municipality: '5001' },
      { sub: 's', groups: ['kiosk'], municipality: '5001' },
      { sub: 's', groups: ['participant'], municipality: 'Oslo', participantId: 'p-1' },
    ]) {
      const r = await call(echo, post({ name: 'a' }, { caller }));
      expect([r.status, r.body.code]).toEqual([403, 'MISSING_CLAIM']);
    }
  });

  test('authenticate and parseGroups', () => {
    expect(parseGroups('[adviser payroll]')).toEqual(['adviser', 'payroll']);
    expect(parseGroups('admin,adviser')).toEqual(['adviser', 'admin']);
    expect(parseGroups(['kiosk', 7, 'root'])).toEqual(['kiosk']);
    expect(parseGroups(undefined)).toEqual([]);
    expect(() => authenticate({ 'cognito:groups': '[adviser]' }, ['adviser'])).toThrow(UnauthenticatedError);
    const a = authenticate({ sub: 'abc', 'cognito:groups': '[adviser]', 'custom:municipality': '0301' }, ['adviser']);
    expect(a).toMatchObject({ role: 'adviser', municipality: '0301', actorRef: staffRef('abc') });
    expect(a.actorRef).toMatch(/^staff-[0-9a-f]{12}$/);
    expect(a.actorRef).not.toContain('abc');
  });
});

describe('error mapping (one place)', () => {
  test.each<[AppError, number, string]>([
    [new ValidationError([{ path: 'body.x', message: 'bad' }]), 400, 'VALIDATION_FAILED'],
    [new UnknownFieldError(['body.a', 'body.b']), 400, 'UNKNOWN_FIELD'],
    [new MalformedJsonError(), 400, 'MALFORMED_JSON'],
    [new BadRequestError('DEVICE_TIME_IN_FUTURE', 'too early'), 400, 'DEVICE_TIME_IN_FUTURE'],
    [new UnauthenticatedError('IDENTIFICATION_FAILED', 'no'), 401, 'IDENTIFICATION_FAILED'],
    [new ForbiddenError('NOT_ASSIGNED', 'no'), 403, 'NOT_ASSIGNED'],
    [new NotFoundError(), 404, 'NOT_FOUND'],
    [new ConflictError('EVENT_ID_CONFLICT', 'no'), 409, 'EVENT_ID_CONFLICT'],
    [new PayloadTooLargeError(10), 413, 'PAYLOAD_TOO_LARGE'],
    [new UnsupportedMediaTypeError(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new TooManyAttemptsError(90.2), 429, 'TOO_MANY_ATTEMPTS'],
    [new ServiceUnavailableError('AUDIT_UNAVAILABLE', 'later'), 503, 'AUDIT_UNAVAILABLE'],
  ])('%p', (err, status, code) => {
    const r = toErrorResponse(err);
    expect([r.status, r.body.code]).toEqual([status, code]);
    expect(Object.keys(r.body).sort()).toEqual(err.issues === undefined ? ['code', 'message'] : ['code', 'issues', 'message']);
  });

  test('retry-after on 429 and 503', () => {
    expect(toErrorResponse(new TooManyAttemptsError(90.2)).headers['retry-after']).toBe('91');
    expect(toErrorResponse(new TooManyAttemptsError(0)).headers['retry-after']).toBe('1');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(toErrorResponse(throttled)).toMatchObject({ status: 503, body: { code: 'OVERLOADED' }, headers: { 'retry-after': '1' } });
  });

  test('a validation message lists at most five issues', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `body.f${i}`, message: 'bad' }));
    expect(new ValidationError(issues).message).toContain('(+2 more)');
  });

  test('500: generic body, no stack, no detail; the log has the error name but no body value', async () => {
    const logs = captureLogs();
    let r;
    try {
      const err = new TypeError('cannot read nationalId 01019012345 of Kari');
      r = await call(boom(err), apiEvent({ method: 'GET', path: '/me/access-log', caller: participantCaller('p-1') }));
      r = { ...r, again: await call(boom('a string'), apiEvent({ method: 'GET', path: '/me/access-log', caller: participantCaller('p-1') })) };
    } finally {
      logs.stop();
    }
    expect(r.status).toBe(500);
    expect(r.raw).toBe('{"code":"INTERNAL","message":"Internal error"}');
    expect(r.again.raw).toBe('{"code":"INTERNAL","message":"Internal error"}');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const line = logs.lines().find((l) => l.message === 'request failed')!;
    expect(line).toMatchObject({ level: 'ERROR', status: 500, code: 'INTERNAL', errorName: 'TypeError', fn: 'me-access-log', role: 'participant' });
    expect(String(line.errorAt)).toContain('http-platform.unit.test.ts');
    expect(logs.lines().find((l) => l.errorName === 'string')).toBeDefined();
    expect(logs.text()).not.toMatch(/Kari|01019012345/);
    const sdk = Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException', $metadata: {} });
    const logs2 = captureLogs();
    try {
      expect((await call(boom(sdk), apiEvent({ method: 'GET', path: '/me/access-log', caller: participantCaller('p-1') }))).status).toBe(500);
    } finally {
      logs2.stop();
    }
    expect(logs2.lines()[0]).toMatchObject({ errorName: 'ResourceNotFoundException', errorMessage: 'Requested resource not found' });
  });

  test('one log line per request with ids, never the body', async () => {
    const logs = captureLogs();
    try {
      await call(echo, post({ name: 'Kari', kiosk: { pin: '4321' } }));
      await call(echo, post({ name: 'Kari', kiosk: { pin: '12' } }));
    } finally {
      logs.stop();
    }
    const lines = logs.lines();
    expect(lines.map((l) => l.message)).toEqual(['request done', 'request rejected']);
    expect(lines[0]).toMatchObject({ status: 201, role: 'participant', actorRef: 'p-1', route: 'POST /checkins', municipality: '5001' });
    expect(lines[1]).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(logs.text()).not.toContain('Kari');
    expect(logs.text()).not.toContain('4321');
  });
});

describe('config and environment', () => {
  test('parses table names from the env vars of shared/contract/tables.ts', () => {
    const c = parseConfig({ AWS_REGION: 'eu-west-1', TABLE_ATTENDANCE: 'Att-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' });
    expect(c).toMatchObject({ region: 'eu-west-1', dynamoEndpoint: 'http://127.0.0.1:8000', tables: { attendance: 'Att-1' } });
    expect(tableNameOf(c, 'attendance')).toBe('Att-1');
    expect(parseConfig({}).region).toBe('eu-north-1');
  });

  test('fails fast naming the bad or missing variables', () => {
    expect(() => parseConfig({ AWS_REGION: 'mars', TABLE_ATTENDANCE: 'x' })).toThrow(/AWS_REGION.*TABLE_ATTENDANCE|TABLE_ATTENDANCE.*AWS_REGION/);
    expect(() => parseConfig({ AWS_ENDPOINT_URL_DYNAMODB: 'not a url' })).toThrow(ConfigError);
    const c = parseConfig({ TABLE_PARTICIPANTS: 'Parts' });
    expect(() => requireTables(c, ['participants', 'attendance', 'auditLog'])).toThrow('Missing environment variables: TABLE_ATTENDANCE, TABLE_AUDIT_LOG');
    expect(() => tableNameOf(c, 'decisions')).toThrow('Missing environment variable: TABLE_DECISIONS');
  });

  test('a handler whose tables are not configured answers 500 and logs the variable', async () => {
    deps = createDeps(parseConfig({}), { clock: new FixedClock('2026-10-01T08:00:00Z') });
    const logs = captureLogs();
    let r;
    try {
      r = await call(echo, post({ name: 'a' }));
    } finally {
      logs.stop();
    }
    expect(r.status).toBe(500);
    expect(logs.lines()[0]).toMatchObject({ errorName: 'ConfigError', errorMessage: 'Missing environment variables: TABLE_PARTICIPANTS, TABLE_ATTENDANCE, TABLE_AUDIT_LOG' });
  });

  test('routeOf knows every function and refuses unknown ones', () => {
    expect(routeOf('absence-review')).toMatchObject({ method: 'PATCH', path: '/absences/{id}' });
    expect(() => routeOf('nope')).toThrow('No route');
  });
});

describe('the participant file check (every participant route)', () => {
  test('an open file of the token municipality passes; no file, another municipality or a closed file: 403 with a code, before the handler', async () => {
    let ran = 0;
    const handler = httpHandler({ fn: 'me-access-log' }, async () => ((ran += 1), ok({ ok: true })));
    const get = (caller: ReturnType<typeof participantCaller>) => call(handler, apiEvent({ method: 'GET', path: '/me/access-log', caller }));
    expect((await get(participantCaller('p-1'))).status).toBe(200);
    expect((await get(participantCaller('p-gone'))).body).toMatchObject({ code: 'NO_PARTICIPANT_FILE' });
    expect((await get(participantCaller('p-1', '0301'))).body).toMatchObject({ code: 'NO_PARTICIPANT_FILE' });
    const closed = await get(participantCaller('p-closed'));
    expect([closed.status, closed.body.code]).toEqual([403, 'ACCESS_CLOSED']);
    expect(ran).toBe(1);
  });
});

describe('ownership, clock and ids', () => {
  const auth = (sub: string, participantId?: string) => ({ role: 'adviser' as const, groups: [], sub, municipality: '5001', actorRef: 'x', ...(participantId ? { participantId } : {}) });

  test('requireAssigned: 403 NOT_ASSIGNED unless assigned', async () => {
    const deps = fakeDeps();
    await expect(requireAssigned(deps, auth('adv-1'), 'p-1')).resolves.toBeUndefined();
    await expect(requireAssigned(deps, auth('adv-2'), 'p-1')).rejects.toMatchObject({ status: 403, code: 'NOT_ASSIGNED' });
  });

  test("requireOwn: someone else's resource is 404", () => {
    expect(() => requireOwn(auth('s', 'p-1'), 'p-1')).not.toThrow();
    expect(() => requireOwn(auth('s', 'p-1'), 'p-2')).toThrow(NotFoundError);
  });

  test('FixedClock and id generators', () => {
    const c = new FixedClock('2026-10-01T08:00:00Z');
    c.advance(60_000);
    expect(c.now().toISOString()).toBe('2026-10-01T08:01:00.000Z');
    c.set('2026-12-24T00:00:00+01:00');
    expect(c.now().toISOString()).toBe('2026-12-23T23:00:00.000Z');
    expect(() => new FixedClock('never')).toThrow();
    expect(() => c.set('never')).toThrow();
    const ids = new SequentialIds();
    expect([ids.newId('a'), ids.newId('a'), ids.newId('b')]).toEqual(['a-1', 'a-2', 'b-1']);
    expect(randomIds.newId('rcpt')).toMatch(/^rcpt-[0-9a-f-]{36}$/);
  });
});
