/**
 * quality.md S3/S4 over HTTP against the local system: the matrix endpoint ×
 * role × ownership, built by iterating ROUTES (shared/contract/routes.ts), so a route
 * added to the table is covered here without editing this file.
 *
 * - no token → 401 on every route but the public ones (`authorizer: 'none'`:
 *   redeeming an activation code), which answer every caller alike, token or
 *   not, any role: a wrong code is 400 ACTIVATION_CODE_INVALID and binds nothing;
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
 * - S13 (issue 8 item 6): a second municipality, 5002, seeded with every
 *   role, a participant with an absence, a check-in, a card, a decision and
 *   a payroll run. The attack as found: an admin of 5002 assigns a 5001
 *   adviser to a 5002 participant → refused (the user directory says whose
 *   adviser it is). Even with that assignment written straight into the
 *   table, every 5001 role on every route aimed at 5002's ids is refused or
 *   answers without any of them, and nothing of 5002 changes, not even its
 *   access log.
 */
import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '../../infra/local/auth.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import type { Role } from '../../shared/contract/roles.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { ROLES } from '../../shared/contract/roles.js';
import { parseCase } from '../../shared/domain/case.js';
import { simulate } from '../../shared/domain/engine.js';
import { baseCase } from '../support/case-builder.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import type { SeededParticipant } from '../support/api-seed.js';
import { WEEKDAY_SCHEDULE, assign, seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import type { Captured } from '../support/capture-logs.js';
import { captureLogs, scanLogsAfterEach } from '../support/capture-logs.js';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { TABLES } from '../../shared/contract/tables.js';
import { device, kiosk, participant, staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const ASSIGNED = 'adviser-assigned';
const STRANGER = 'adviser-stranger';
const tokens = new Map<string, string>();
let absenceOfB = '';

/** The second municipality of S13, seeded with every role. */
const M2 = '5002';
const ADVISER_M2 = 'adviser-5002';

type Who = Role | 'adviserStranger' | 'participantA' | 'participantM2' | 'kioskM2' | 'adviserM2' | 'payrollM2' | 'adminM2' | 'kioskUser';
const WHO: Readonly<Record<Who, TokenRequest>> = {
  participant: participant('p-matrix-b'),
  participantA: participant('p-matrix-a'),
  // The kiosk role: a user token of the kiosk group, except where a route lists kiosks (see tokenFor below).
  kiosk: kiosk('kiosk-matrix'),
  kioskUser: kiosk('kiosk-matrix'),
  adviser: staff(ASSIGNED, ['adviser']),
  adviserStranger: staff(STRANGER, ['adviser']),
  payroll: staff('payroll-matrix', ['payroll']),
  admin: staff('admin-matrix', ['admin']),
  participantM2: participant('p-5002', M2),
  kioskM2: kiosk('kiosk-5002', M2),
  adviserM2: staff(ADVISER_M2, ['adviser'], M2),
  payrollM2: staff('payroll-5002', ['payroll'], M2),
  adminM2: staff('admin-5002', ['admin'], M2),
};
const token = (who: keyof typeof WHO | 'kioskDevice'): string => tokens.get(who)!;
/** A route that lists kiosks is called with the kiosk's own client-credentials token (the only way to be a kiosk). */
const tokenFor = (route: RouteDef, who: keyof typeof WHO): string => token(who === 'kiosk' && route.roles.includes('kiosk') ? 'kioskDevice' : who);
/** 5002's ids: none may appear in an answer to a 5001 caller. */
const M2_IDS = { participant: 'p-5002', absence: '', run: 'run-5002-0', device: 'kiosk-5002', decision: 'p-5002.2026-10.v0001', rightsCase: '' };

/** Request bodies that pass validation, for routes whose checks come after the body's. */
const SAMPLE_BODY: Readonly<Record<string, () => unknown>> = {
  'checkin-record': () => ({ eventId: randomUUID(), type: 'IN', deviceId: 'phone-m', deviceTime: '2026-10-07T08:55:00+02:00' }),
  'absence-report': () => ({ requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-07', wholeDay: true }),
  'absence-review': () => ({ decision: 'REJECT', reason: 'Matrisetest', expectedVersion: 1 }),
  'participant-update': () => ({ expectedVersion: 1, children: 2 }),
  'participant-schedule': () => ({ expectedVersion: 1, schedule: WEEKDAY_SCHEDULE }),
  'participant-kiosk-credential': () => ({ issueCard: true, pin: '2580' }),
  'PUT /participants/{id}/language': () => ({ expectedVersion: 1, language: 'uk' }),
  'PUT /me/language': () => ({ language: 'en' }),
  'kiosk-identify': () => ({ cardNumber: 'MATRIXCARD', pin: '2580' }),
  'participant-assign': () => ({ advisers: [ASSIGNED] }),
  // OPEN on an open file changes nothing, so the matrix never closes B's login.
  'participant-access': () => ({ status: 'OPEN', reason: 'Matrisetest' }),
  'decision-resolve': () => ({ kind: 'ADJUSTMENT', version: 1, payoutOre: 0, reason: 'Matrisetest' }),
  'decision-seen': () => ({ version: 1 }),
  // Takes no body (null: none is sent).
  'payroll-run-approve': () => null,
  // A day before the clock's today; every later call with version 0 is a 409 for the assigned adviser, a 403/404 for others.
  'attendance-correct': () => ({ present: [], reason: 'Matrisetest', expectedVersion: 0 }),
  // Correction requests and complaints (issue 12), keyed by route (two functions serve them): a fresh request id each call.
  'POST /me/correction-requests': () => ({ requestId: randomUUID(), subject: { kind: 'DAY', date: '2026-10-06' }, text: 'Matrisetest' }),
  'POST /me/complaints': () => ({ requestId: randomUUID(), period: '2026-10', text: 'Matrisetest' }),
  'POST /participants/{id}/complaints': () => ({ requestId: randomUUID(), period: '2026-10', text: 'Matrisetest', receivedOn: '2026-10-06' }),
  'PUT /participants/{id}/correction-requests/{caseId}/answer': () => ({ action: 'REFUSE', version: 1, reason: 'Matrisetest' }),
  'PUT /participants/{id}/complaints/{caseId}/reassessment': () => ({ upheld: false, version: 1, reason: 'Matrisetest' }),
  'PUT /participants/{id}/complaints/{caseId}/outcome': () => ({ version: 2, outcome: 'CONFIRMED', decidedOn: '2026-10-06', note: '' }),
  // A code that was never made (right form): the public route's one refusal, for every caller alike.
  'POST /device-activations': () => ({ code: 'ABCD-EFGH-JKLM', publicKey: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' } }),
  'POST /reports/archive-jobs': () => ({ period: '2026-10' }),
  // Another municipality's record: refused (NIR_RECORD_UNKNOWN) for every 5001 caller.
  'report-nir-register': () => ({ from: '2026-10', to: '2026-10', keys: ['ABSENCE#p-5002.2026-10.v0001'] }),
};

const sampleFor = (route: RouteDef) => SAMPLE_BODY[`${route.method} ${route.path}`] ?? SAMPLE_BODY[route.fn];

/** Archive package job ids of the right form (issue 12; shared/domain/reports/archive-job.ts): 5001's and 5002's. */
const ARCHIVE_JOB = 'archive-5001-2026-10-1';
const ARCHIVE_JOB_M2 = 'archive-5002-2026-10-1';

/** A case id of the right form in the rights routes' paths (issue 12). */
const MATRIX_CASE = 'kl-00000000-0000-4000-8000-000000000001';

/** POST routes that take no body: sent without one, so the call reaches the route's own checks. */
const NO_BODY = new Set(['device-deactivate', 'payroll-run-export-start', 'payroll-run-export-link', 'POST /participants/{id}/activation-codes', 'POST /reports/archive-jobs/{id}/links']);

const QUERY: Readonly<Record<string, Record<string, string>>> = {
  'me-attendance': { month: '2026-10' },
  'participant-attendance': { month: '2026-10' },
  'report-nir': { from: '2026-10', to: '2026-10' },
  'report-statistics': { from: '2026-10', to: '2026-10' },
};

/** The concrete path for a route, naming participant B where the route names a participant. */
function pathFor(route: RouteDef, pid = 'p-matrix-b'): string {
  return route.path
    .replace('/absences/{id}', `/absences/${absenceOfB}`)
    .replace('/participants/{id}', `/participants/${pid}`)
    .replace('{participantId}', pid)
    .replace('{period}', '2026-10')
    .replace('{date}', '2026-10-06')
    .replace('{caseId}', MATRIX_CASE)
    .replace('/reports/archive-jobs/{id}', `/reports/archive-jobs/${ARCHIVE_JOB}`)
    .replace('{id}', 'run-matrix-0');
}

/** True when the route acts on one participant named in its path. */
const namesParticipant = (route: RouteDef): boolean => route.path.startsWith('/participants/{id}') || route.path.includes('{participantId}') || route.path === '/absences/{id}';

/** Every error body the matrix received, for the S7 scan. */
const errorBodies: string[] = [];

async function call(route: RouteDef, who: keyof typeof WHO | null, pid?: string, path = pathFor(route, pid), sample = sampleFor(route)): Promise<HttpReply> {
  const body = route.method === 'GET' || route.method === 'DELETE' || NO_BODY.has(route.fn) || NO_BODY.has(`${route.method} ${route.path}`) ? undefined : sample === undefined ? {} : (sample() ?? undefined);
  const r = await sys.http(route.method, path, {
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
  seeded.push(await seedParticipant(sys.deps, 'p-matrix-a'), await seedParticipant(sys.deps, 'p-matrix-b'));
  await assign(sys.deps, 'p-matrix-b', ASSIGNED);
  await seedDevice(sys.deps, 'kiosk-matrix');
  await seedCard(sys.deps, 'p-matrix-b', 'MATRIXCARD', '2580');
  for (const [who, claims] of Object.entries(WHO)) tokens.set(who, await sys.tokenFor(claims));
  tokens.set('kioskDevice', await sys.tokenFor(device('kiosk-matrix')));
  const r = await sys.http('POST', '/absences', { token: token('participant'), body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-06', wholeDay: true, documentation: 'DOCTOR_NOTE' } });
  absenceOfB = String(r.body?.absenceId);
  // A decision of B's for October, as the payroll workflow stores it: A asking for October must not find it.
  const input = baseCase({ participant: { ...baseCase().participant, id: 'p-matrix-b' } });
  const decision = simulate(input);
  await sys.deps.decisions.putDecisionOnce({
    participantId: 'p-matrix-b',
    period: '2026-10',
    version: 1,
    decisionId: 'p-matrix-b.2026-10.v0001',
    runId: 'run-matrix-0',
    municipality: '5001',
    decision,
    input: parseCase(input),
    inputHash: decision.inputHash,
    review: decision.review,
    createdAt: '2026-11-02T00:00:00.000Z',
  });

  // S13: municipality 5002 with every role and data of each kind.
  seeded.push(await seedParticipant(sys.deps, 'p-5002', { municipality: M2 }));
  await assign(sys.deps, 'p-5002', ADVISER_M2, M2);
  await sys.deps.kioskDevices.registerDevice({ deviceId: 'kiosk-5002', municipality: M2, label: 'Matrix 5002', active: true, registeredAt: '2026-09-01T00:00:00.000Z' });
  await seedCard(sys.deps, 'p-5002', 'CARD5002', '2580', M2);
  for (const who of ['participantM2', 'kioskM2', 'adviserM2', 'payrollM2', 'adminM2'] as const) tokens.set(who, await sys.tokenFor(WHO[who]));
  const m2Absence = await sys.http('POST', '/absences', { token: token('participantM2'), body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-05', wholeDay: true, documentation: 'DOCTOR_NOTE' } });
  M2_IDS.absence = String(m2Absence.body?.absenceId);
  // An app check-in counts at the server time: its device time must be within 5 minutes of the clock (09:00 in Oslo).
  expect((await sys.http('POST', '/checkins', { token: token('participantM2'), body: { eventId: randomUUID(), type: 'IN', deviceId: 'phone-5002', deviceTime: '2026-10-07T08:58:00+02:00' } })).status).toBe(201);
  await sys.deps.payrollRuns.createRun({ runId: M2_IDS.run, municipalityCode: M2, period: '2026-10', by: 'payroll-5002', at: '2026-11-01T08:00:00.000Z', executionName: 'matrix-5002' });
  // A decision that needs a formal decision (VEDTAK_REQUIRED), as /reviews lists them.
  const g10 = inMonth(goldenCase('g10-deductions-exceed-base', 'p-5002'), '2026-10', '2026-11-01');
  await seedDecision(sys.deps, { ...g10, municipality: { ...g10.municipality, code: M2 } }, { runId: M2_IDS.run });
  // A complaint of 5002's about that decision (issue 12): the rights routes aimed at 5002 name it.
  const m2Complaint = await sys.http('POST', '/me/complaints', { token: token('participantM2'), body: { requestId: randomUUID(), period: '2026-10', text: 'Matrisetest 5002' } });
  expect(m2Complaint.status).toBe(201);
  M2_IDS.rightsCase = String((m2Complaint.body as { case: { caseId: string } }).case.caseId);
  logs = captureLogs();
}, 120_000);

afterAll(async () => {
  logs?.stop();
  await sys?.stop();
});

/** Routes behind an authorizer: all but the public ones (shared/contract/routes.ts `authorizer: 'none'`). */
const GUARDED = ROUTES.filter((r) => r.authorizer !== 'none');
const PUBLIC = ROUTES.filter((r) => r.authorizer === 'none');

describe('S3: endpoint × role', () => {
  test('every route behind an authorizer: no token → 401', async () => {
    for (const route of GUARDED) {
      const r = await call(route, null);
      expect(label(route, 'nobody', r)).toEqual(label(route, 'nobody', { ...r, status: 401 }));
    }
  });

  test('every route behind an authorizer × every role it does not list → 403 FORBIDDEN_ROLE', async () => {
    for (const route of GUARDED) {
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

describe('S3: the public route (redeeming an activation code)', () => {
  test('is the only one, has no roles, and answers nobody and every role alike: a code never made is 400 ACTIVATION_CODE_INVALID, nothing bound, never 401/403/5xx', async () => {
    expect(PUBLIC.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /device-activations']);
    for (const route of PUBLIC) {
      expect(route.roles).toEqual([]);
      for (const who of [null, ...ROLES, 'participantM2', 'adminM2'] as const) {
        const r = await call(route, who);
        expect(label(route, String(who), r)).toEqual({ ...label(route, String(who), r), status: 400, code: 'ACTIVATION_CODE_INVALID' });
      }
    }
    expect(await sys.deps.deviceBindings.listBindings('p-matrix-b')).toEqual([]);
  });
});

describe('S3: kiosks are devices', () => {
  test("a kiosk's own token on every route without the kiosk authorizer → 401 (its client is no audience of the JWT authorizer)", async () => {
    const routes = GUARDED.filter((r) => r.authorizer !== 'device');
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
      const who = route.roles.includes('adviser') ? 'adviserM2' : 'adminM2';
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

describe('S13: two municipalities, whatever the assignments say', () => {
  const markers = () => Object.values(M2_IDS).filter((v) => v !== '');

  /** Every item of every table that is 5002's, as sorted JSON: "changes nothing" is this staying equal. */
  async function m2Items(): Promise<string[]> {
    const db = new DynamoDBClient({ endpoint: sys.system.dynamoEndpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const out: string[] = [];
    try {
      for (const t of TABLES) {
        let start: Record<string, never> | undefined;
        do {
          const page = await db.send(new ScanCommand({ TableName: sys.system.env[t.envVar], ConsistentRead: true, ExclusiveStartKey: start }));
          for (const item of page.Items ?? []) {
            const json = JSON.stringify(item, Object.keys(item).sort());
            if (json.includes('"5002"') || markers().some((m) => json.includes(m))) out.push(`${t.key} ${JSON.stringify(item)}`);
          }
          start = page.LastEvaluatedKey as Record<string, never> | undefined;
        } while (start !== undefined);
      }
    } finally {
      db.destroy();
    }
    return out.sort();
  }

  /** The route aimed at 5002's objects. */
  const pathM2 = (route: RouteDef): string =>
    route.path
      .replace('/absences/{id}', `/absences/${M2_IDS.absence}`)
      .replace('/participants/{id}', `/participants/${M2_IDS.participant}`)
      .replace('{participantId}', M2_IDS.participant)
      .replace('{period}', '2026-10')
      .replace('{date}', '2026-10-06')
      .replace('{caseId}', M2_IDS.rightsCase)
      // An archive package job of 5002's (issue 12): its id names the municipality, so a 5001 admin gets 404.
      .replace('/reports/archive-jobs/{id}', `/reports/archive-jobs/${ARCHIVE_JOB_M2}`)
      .replace('{id}', M2_IDS.run);

  /** A 5001 kiosk presenting 5002's card and PIN. */
  const kioskWithM2Card = () => ({ eventId: randomUUID(), type: 'IN', deviceId: 'kiosk-matrix', deviceTime: '2026-10-07T08:55:00+02:00', kiosk: { cardNumber: 'CARD5002', pin: '2580' } });

  test('the attack: an admin of 5002 assigns a 5001 adviser to a 5002 participant → 400 ADVISER_UNKNOWN, nothing written', async () => {
    const before = await m2Items();
    const r = await sys.http('PUT', `/participants/${M2_IDS.participant}/advisers`, { token: token('adminM2'), body: { advisers: [ADVISER_M2, ASSIGNED] } });
    expect([r.status, r.body?.code]).toEqual([400, 'ADVISER_UNKNOWN']);
    expect(r.body?.issues).toEqual([{ path: 'body.advisers[1]', message: 'not an adviser of this municipality' }]);
    // The same answer as for a sub nobody has: the 5002 admin learns nothing of 5001's staff.
    const nobody = await sys.http('PUT', `/participants/${M2_IDS.participant}/advisers`, { token: token('adminM2'), body: { advisers: ['no-such-user'] } });
    expect([nobody.body?.code, nobody.body?.message]).toEqual([r.body?.code, r.body?.message]);
    expect(await sys.deps.assignments.listAssigned(ASSIGNED)).not.toContain(M2_IDS.participant);
    expect(await m2Items()).toEqual(before);
    // Its own adviser it may assign.
    expect((await sys.http('PUT', `/participants/${M2_IDS.participant}/advisers`, { token: token('adminM2'), body: { advisers: [ADVISER_M2] } })).status).toBe(200);
  });

  describe('with the 5001 adviser assigned to the 5002 participant straight in the table', () => {
    beforeAll(async () => {
      await assign(sys.deps, M2_IDS.participant, ASSIGNED, M2);
      expect(await sys.deps.assignments.isAssigned(ASSIGNED, M2_IDS.participant)).toBe(true);
    });

    test('every route × every 5001 role, aimed at 5002: refused or without any 5002 id; nothing of 5002 changed, nothing written on its access log', async () => {
      const before = await m2Items();
      const answered: string[] = [];
      for (const route of ROUTES) {
        for (const role of route.roles) {
          const who = role === 'participant' ? 'participantA' : role;
          const sample = route.fn === 'checkin-record' && role === 'kiosk' ? kioskWithM2Card : undefined;
          const r = await call(route, who, undefined, pathM2(route), sample ?? sampleFor(route));
          const l = label(route, who, r);
          expect({ ...l, server: r.status >= 500 }).toEqual({ ...l, server: false });
          const leaked = markers().filter((m) => r.raw.includes(m));
          expect({ ...l, leaked }).toEqual({ ...l, leaked: [] });
          if (r.status < 400) answered.push(`${l.route} ${who}`);
        }
      }
      // The answers that were not refusals are the caller's own lists and own data.
      expect(answered.length).toBeGreaterThan(0);
      expect(await m2Items()).toEqual(before);
    });

    test('every route naming the 5002 participant, its absence or its run: 404 for the 5001 adviser, payroll and admin', async () => {
      for (const route of ROUTES.filter((r) => /\{(id|participantId)\}/.test(r.path))) {
        for (const role of route.roles.filter((x) => x === 'adviser' || x === 'payroll' || x === 'admin')) {
          const r = await call(route, role, undefined, pathM2(route));
          expect(label(route, role, r)).toEqual({ ...label(route, role, r), status: 404 });
        }
      }
    });

    test("the 5001 adviser's lists show nothing of 5002", async () => {
      const lists = ROUTES.filter((r) => r.roles.includes('adviser') && r.method === 'GET' && !r.path.includes('{'));
      expect(lists.map((r) => r.path)).toEqual(expect.arrayContaining(['/participants', '/absences']));
      for (const route of lists) {
        const r = await call(route, 'adviser');
        expect({ route: route.path, status: r.status, leaked: markers().filter((m) => r.raw.includes(m)) }).toEqual({ route: route.path, status: 200, leaked: [] });
      }
    });

    test('GET /reviews shows the 5001 adviser nothing of 5002, in every review class', async () => {
      const r = await sys.http('GET', '/reviews', { token: token('adviser'), query: { status: 'ALL', review: 'ALL' } });
      expect(r.status).toBe(200);
      expect(markers().filter((m) => r.raw.includes(m))).toEqual([]);
    });
  });
});

// S7: after each test, no seeded name or national id in the log lines it caused or in an error body it got.
scanLogsAfterEach(
  () => logs,
  () => seeded.flatMap((p) => [p.givenName, p.familyName, p.nationalId]),
  () => errorBodies.splice(0).join('\n'),
);

test('the local API logs one structured line per request (what the S7 scan after each test reads)', async () => {
  const before = logs.lines().length;
  expect((await sys.http('GET', '/me/attendance', { token: token('participant'), query: { month: '2026-10' } })).status).toBe(200);
  expect(logs.lines().slice(before).some((l) => l.message === 'local api request')).toBe(true);
});
