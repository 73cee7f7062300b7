/**
 * quality.md S3/S4 over HTTP against the local system: the matrix endpoint ×
 * role × ownership, built by iterating ROUTES (infra/routes.ts), so a route
 * added to the table is covered here without editing this file.
 *
 * - no token → 401 on every route;
 * - every role the route does not list → 403 FORBIDDEN_ROLE, before anything else;
 * - every role the route lists gets past the role check (never 401/403
 *   FORBIDDEN_ROLE, never a 5xx), with an empty or a sample body;
 * - participant A never sees B's data: B's resources are 404 for A, and A's
 *   own-data responses never contain B's ids;
 * - a kiosk is only ever its own client-credentials token: that token is
 *   401 on every route without the kiosk authorizer (the JWT authorizer does
 *   not know its client), and a user token claiming the kiosk group is 403
 *   FORBIDDEN_ROLE on the kiosk routes;
 * - adviser routes naming a participant: unassigned adviser → 403
 *   NOT_ASSIGNED; staff of another municipality → 404 (nothing revealed);
 *   adviser list routes show an unassigned adviser nothing of B;
 * - removing an assignment (PUT /participants/{id}/advisers) takes effect on
 *   the next request, for every such route; adding it back restores access;
 * - S7: the seeded names and national ids appear in no log line written
 *   during the whole matrix and in no error body.
 */
import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '../../infra/local/auth.js';
import type { Role, RouteDef } from '../../infra/routes.js';
import { ROLES, ROUTES } from '../../infra/routes.js';
import { getDeps } from '../../shared/adapters/deps.js';
import { parseCase } from '../../shared/domain/case.js';
import { simulate } from '../../shared/domain/engine.js';
import { baseCase } from '../support/case-builder.js';
import type { SeededParticipant } from '../support/api-seed.js';
import { WEEKDAY_SCHEDULE, assign, seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import type { Captured } from '../support/capture-logs.js';
import { captureLogs } from '../support/capture-logs.js';
import { device, kiosk, participant, staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const ASSIGNED = 'adviser-assigned';
const STRANGER = 'adviser-stranger';
const tokens = new Map<string, string>();
let absenceOfB = '';

const WHO: Readonly<Record<Role | 'adviserStranger' | 'participantA' | 'adviserOtherMuni' | 'adminOtherMuni' | 'kioskUser', TokenRequest>> = {
  participant: participant('p-matrix-b'),
  participantA: participant('p-matrix-a'),
  // The kiosk role: a user token of the kiosk group, except where a route lists kiosks (see tokenFor below).
  kiosk: kiosk('kiosk-matrix'),
  kioskUser: kiosk('kiosk-matrix'),
  adviser: staff(ASSIGNED, ['adviser']),
  adviserStranger: staff(STRANGER, ['adviser']),
  adviserOtherMuni: staff(STRANGER, ['adviser'], '0301'),
  payroll: staff('payroll-matrix', ['payroll']),
  admin: staff('admin-matrix', ['admin']),
  adminOtherMuni: staff('admin-oslo', ['admin'], '0301'),
};
const token = (who: keyof typeof WHO | 'kioskDevice'): string => tokens.get(who)!;
/** A route that lists kiosks is called with the kiosk's own client-credentials token (the only way to be a kiosk). */
const tokenFor = (route: RouteDef, who: keyof typeof WHO): string => token(who === 'kiosk' && route.roles.includes('kiosk') ? 'kioskDevice' : who);

/** Request bodies that pass validation, for routes whose checks come after the body's. */
const SAMPLE_BODY: Readonly<Record<string, () => unknown>> = {
  'checkin-record': () => ({ eventId: randomUUID(), type: 'IN', deviceId: 'phone-m', deviceTime: '2026-10-07T08:55:00+02:00' }),
  'absence-report': () => ({ requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-07', wholeDay: true }),
  'absence-review': () => ({ decision: 'REJECT', reason: 'Matrisetest', expectedVersion: 1 }),
  'participant-update': () => ({ expectedVersion: 1, children: 2 }),
  'participant-schedule': () => ({ expectedVersion: 1, schedule: WEEKDAY_SCHEDULE }),
  'participant-kiosk-credential': () => ({ issueCard: true, pin: '2580' }),
  'kiosk-identify': () => ({ cardNumber: 'MATRIXCARD', pin: '2580' }),
  'participant-assign': () => ({ advisers: [ASSIGNED] }),
  'decision-resolve': () => ({ kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: 'Matrisetest' }),
  'decision-seen': () => ({ version: 1 }),
};

/** POST routes that take no body: sent without one, so the call reaches the route's own checks. */
const NO_BODY = new Set(['device-deactivate']);

const QUERY: Readonly<Record<string, Record<string, string>>> = {
  'me-attendance': { month: '2026-10' },
  'participant-attendance': { month: '2026-10' },
};

/** The concrete path for a route, naming participant B where the route names a participant. */
function pathFor(route: RouteDef, pid = 'p-matrix-b'): string {
  return route.path
    .replace('/absences/{id}', `/absences/${absenceOfB}`)
    .replace('/participants/{id}', `/participants/${pid}`)
    .replace('{participantId}', pid)
    .replace('{period}', '2026-10')
    .replace('{id}', 'run-matrix-0');
}

/** True when the route acts on one participant named in its path. */
const namesParticipant = (route: RouteDef): boolean => route.path.startsWith('/participants/{id}') || route.path.includes('{participantId}') || route.path === '/absences/{id}';

/** Every error body the matrix received, for the S7 scan. */
const errorBodies: string[] = [];

async function call(route: RouteDef, who: keyof typeof WHO | null, pid?: string): Promise<HttpReply> {
  const body = route.method === 'GET' || route.method === 'DELETE' || NO_BODY.has(route.fn) ? undefined : (SAMPLE_BODY[route.fn]?.() ?? {});
  const r = await sys.http(route.method, pathFor(route, pid), {
    ...(who === null ? {} : { token: tokenFor(route, who) }),
    ...(body === undefined ? {} : { body }),
    ...(QUERY[route.fn] !== undefined ? { query: QUERY[route.fn] } : {}),
  });
  if (r.status >= 400) errorBodies.push(r.raw);
  return r;
}

const label = (route: RouteDef, who: string, r: HttpReply) => ({ route: `${route.method} ${route.path}`, who, status: r.status, code: r.body?.code });

let logs: Captured;
const seeded: SeededParticipant[] = [];

beforeAll(async () => {
  // log: the local adapter's own request lines are scanned for S7 too.
  sys = await startTestSystem({ clock: '2026-10-07T07:00:00Z', log: true });
  seeded.push(await seedParticipant('p-matrix-a'), await seedParticipant('p-matrix-b'));
  await assign('p-matrix-b', ASSIGNED);
  await seedDevice('kiosk-matrix');
  await seedCard('p-matrix-b', 'MATRIXCARD', '2580');
  for (const [who, claims] of Object.entries(WHO)) tokens.set(who, await sys.tokenFor(claims));
  tokens.set('kioskDevice', await sys.tokenFor(device('kiosk-matrix')));
  const r = await sys.http('POST', '/absences', { token: token('participant'), body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-06', wholeDay: true, documentation: 'DOCTOR_NOTE' } });
  absenceOfB = String(r.body?.absenceId);
  // A decision of B's for October, as the payroll workflow stores it: A asking for October must not find it.
  const input = baseCase({ participant: { ...baseCase().participant, id: 'p-matrix-b' } });
  const decision = simulate(input);
  await getDeps().decisions.putDecisionOnce({
    participantId: 'p-matrix-b',
    period: '2026-10',
    version: 1,
    decisionId: 'p-matrix-b.2026-10.v0001',
    runId: 'run-matrix-0',
    municipality: '5001',
    decision: decision as unknown as Record<string, unknown>,
    input: parseCase(input),
    inputHash: decision.inputHash,
    review: decision.review,
    createdAt: '2026-11-02T00:00:00.000Z',
  });
  logs = captureLogs();
}, 120_000);

afterAll(async () => {
  logs?.stop();
  await sys?.stop();
});

describe('S3: endpoint × role', () => {
  test('every route: no token → 401', async () => {
    for (const route of ROUTES) {
      const r = await call(route, null);
      expect(label(route, 'nobody', r)).toEqual(label(route, 'nobody', { ...r, status: 401 }));
    }
  });

  test('every route × every role it does not list → 403 FORBIDDEN_ROLE', async () => {
    for (const route of ROUTES) {
      for (const role of ROLES.filter((x) => !route.roles.includes(x))) {
        const r = await call(route, role);
        expect(label(route, role, r)).toEqual({ ...label(route, role, r), status: 403, code: 'FORBIDDEN_ROLE' });
      }
    }
  });

  test('every route × every role it lists gets past the role check, without a server error', async () => {
    for (const route of ROUTES) {
      for (const role of route.roles) {
        const r = await call(route, role);
        const l = label(route, role, r);
        expect({ ...l, passed: r.status !== 401 && r.body?.code !== 'FORBIDDEN_ROLE' && r.body?.code !== 'MISSING_CLAIM' && r.status < 500 }).toEqual({ ...l, passed: true });
      }
    }
  });
});

describe('S3: kiosks are devices', () => {
  test("a kiosk's own token on every route without the kiosk authorizer → 401 (its client is no audience of the JWT authorizer)", async () => {
    const routes = ROUTES.filter((r) => r.authorizer !== 'device');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const r = await sys.http(route.method, pathFor(route), { token: token('kioskDevice'), ...(QUERY[route.fn] !== undefined ? { query: QUERY[route.fn] } : {}) });
      expect(label(route, 'kiosk device', r)).toEqual({ ...label(route, 'kiosk device', r), status: 401 });
    }
  });

  test('a user token claiming the kiosk group (and a device) is no kiosk on the kiosk routes → 403 FORBIDDEN_ROLE', async () => {
    const routes = ROUTES.filter((r) => r.roles.includes('kiosk'));
    expect(routes.map((r) => r.authorizer)).toEqual(routes.map(() => 'device'));
    for (const route of routes) {
      const r = await call(route, 'kioskUser');
      expect(label(route, 'kiosk-group user', r)).toEqual({ ...label(route, 'kiosk-group user', r), status: 403, code: 'FORBIDDEN_ROLE' });
    }
  });
});

describe('S3: participant A and B', () => {
  test("B's resources are not found for A", async () => {
    // B's decision month and B's explanation: the participant routes with a period.
    for (const route of ROUTES.filter((x) => x.roles.includes('participant') && x.method === 'GET' && x.path.includes('{period}'))) {
      const r = await sys.http('GET', pathFor(route), { token: token('participantA') });
      expect(label(route, 'participant A', r)).toEqual({ ...label(route, 'participant A', r), status: 404 });
    }
  });

  test("A's own-data reads never carry B's id, events or absences", async () => {
    const ev = randomUUID();
    expect((await sys.http('POST', '/checkins', { token: token('participant'), body: { eventId: ev, type: 'IN', deviceId: 'phone-b', deviceTime: '2026-10-07T08:58:00+02:00' } })).status).toBe(201);
    for (const route of ROUTES.filter((x) => x.roles.includes('participant') && x.method === 'GET' && !x.path.includes('{'))) {
      const r = await call(route, 'participantA');
      expect(label(route, 'participant A', r).status).toBe(200);
      for (const foreign of ['p-matrix-b', ev, absenceOfB]) expect({ route: route.path, leaks: r.raw.includes(foreign) }).toEqual({ route: route.path, leaks: false });
    }
  });

  test("A replaying B's check-in event id is refused, and the refusal says nothing of B", async () => {
    const ev = randomUUID();
    const body = { eventId: ev, type: 'IN', deviceId: 'phone-b', deviceTime: '2026-10-07T08:59:00+02:00' };
    expect((await sys.http('POST', '/checkins', { token: token('participant'), body })).status).toBe(201);
    const r = await sys.http('POST', '/checkins', { token: token('participantA'), body });
    expect([r.status, r.body?.code]).toEqual([409, 'EVENT_ID_CONFLICT']);
    expect(r.raw).not.toContain('p-matrix-b');
  });
});

describe('S4: staff ownership', () => {
  const named = () => ROUTES.filter((r) => r.roles.includes('adviser') && namesParticipant(r));

  test('an unassigned adviser gets 403 NOT_ASSIGNED on every route naming a participant', async () => {
    expect(named().length).toBeGreaterThan(0);
    for (const route of named()) {
      const r = await call(route, 'adviserStranger');
      expect(label(route, 'unassigned adviser', r)).toEqual({ ...label(route, 'unassigned adviser', r), status: 403, code: 'NOT_ASSIGNED' });
    }
  });

  test('unassigned staff of another municipality learn nothing: 403 or 404, never data', async () => {
    for (const route of ROUTES.filter((r) => namesParticipant(r) && (r.roles.includes('adviser') || r.roles.includes('admin')))) {
      const who = route.roles.includes('adviser') ? 'adviserOtherMuni' : 'adminOtherMuni';
      const r = await call(route, who);
      expect({ ...label(route, who, r), refused: r.status === 403 || r.status === 404 }).toEqual({ ...label(route, who, r), refused: true });
    }
  });

  test('adviser list routes show an unassigned adviser nothing of B', async () => {
    for (const route of ROUTES.filter((r) => r.roles.includes('adviser') && r.method === 'GET' && !r.path.includes('{'))) {
      const r = await call(route, 'adviserStranger');
      expect(r.status).toBe(200);
      expect({ route: route.path, leaks: r.raw.includes('p-matrix-b') }).toEqual({ route: route.path, leaks: false });
    }
  });

  test('removing the assignment takes effect on the next request; adding it back restores access', async () => {
    const reads = ROUTES.filter((r) => r.roles.includes('adviser') && namesParticipant(r) && r.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    const statusOf = async () => Promise.all(reads.map(async (route) => [route.path, (await call(route, 'adviser')).body?.code ?? 'OK'] as const));
    const before = await statusOf();
    expect(before.filter(([, code]) => code === 'NOT_ASSIGNED')).toEqual([]);

    const removed = await sys.http('PUT', '/participants/p-matrix-b/advisers', { token: token('admin'), body: { advisers: [] } });
    expect(removed.status).toBe(200);
    expect(await statusOf()).toEqual(reads.map((r) => [r.path, 'NOT_ASSIGNED']));
    const queue = await sys.http('GET', '/absences', { token: token('adviser') });
    expect(queue.raw).not.toContain('p-matrix-b');

    const restored = await sys.http('PUT', '/participants/p-matrix-b/advisers', { token: token('admin'), body: { advisers: [ASSIGNED] } });
    expect(restored.status).toBe(200);
    expect(await statusOf()).toEqual(before);
  });
});

describe('S7: no personal data in logs or error bodies', () => {
  test('the seeded names and national ids are in no log line of the whole matrix and in no error body', () => {
    const text = logs.text();
    expect(logs.lines().length).toBeGreaterThan(ROUTES.length);
    expect(logs.lines().some((l) => l.message === 'local api request')).toBe(true);
    expect(errorBodies.length).toBeGreaterThan(ROUTES.length);
    const scanned = `${text}\n${errorBodies.join('\n')}`;
    for (const p of seeded) for (const secret of [p.givenName, p.familyName, p.nationalId]) expect({ secret, found: scanned.includes(secret) }).toEqual({ secret, found: false });
  });
});
