/**
 * Issue 8 item 7 over HTTP against the local system: every participant route
 * checks that the participant's file exists, in the token's municipality, and
 * that an admin has not closed its access (shared/http/participant-guard.ts,
 * run by the middleware chain for every participant request).
 *
 * - The attack: a participant's file deleted straight from the table; their
 *   token, still valid, on POST /absences and on every other participant
 *   route → 403 NO_PARTICIPANT_FILE, nothing written.
 * - A token whose municipality claim is not the file's → 403 NO_PARTICIPANT_FILE.
 * - An admin closes the access (PUT /participants/{id}/access, reason
 *   required, access-logged) → every participant route 403 ACCESS_CLOSED on
 *   the next request; reopening restores it. Racing admins: one change wins.
 * - Leaving the programme is not closing: a participant whose enrolment has
 *   ended still reads their month and decisions.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { ROUTES, type RouteDef } from '../../shared/contract/routes.js';
import { TABLES } from '../../shared/contract/tables.js';
import { staffRef } from '../../shared/http/auth.js';
import { seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import { device, participant, staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const PARTICIPANT_ROUTES = ROUTES.filter((r) => r.roles.includes('participant'));

const SAMPLE: Readonly<Record<string, () => unknown>> = {
  'checkin-record': () => ({ eventId: randomUUID(), type: 'IN', deviceId: 'phone-x', deviceTime: '2026-10-07T08:55:00+02:00' }),
  'absence-report': () => ({ requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-07', wholeDay: true }),
  'PUT /me/language': () => ({ language: 'nb' }),
  // Correction requests and complaints (issue 12): valid bodies, so the file check is what answers.
  'POST /me/correction-requests': () => ({ requestId: randomUUID(), subject: { kind: 'DAY', date: '2026-10-06' }, text: 'Filtest' }),
  'POST /me/complaints': () => ({ requestId: randomUUID(), period: '2026-10', text: 'Filtest' }),
};
const QUERY: Readonly<Record<string, string>> = { 'me-attendance': '?month=2026-10', 'me-decision-explanation': '?lang=nb' };

async function callAs(token: string, route: RouteDef): Promise<HttpReply> {
  const path = route.path.replace('{period}', '2026-10') + (QUERY[route.fn] ?? '');
  // Keyed by route where one function serves several (GET and PUT /me/language), else by function.
  const body = (SAMPLE[`${route.method} ${route.path}`] ?? SAMPLE[route.fn])?.();
  return sys.http(route.method, path, { token, ...(body === undefined ? {} : { body }) });
}

const outcome = (route: RouteDef, r: HttpReply) => ({ route: `${route.method} ${route.path}`, status: r.status, code: r.body?.code });

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-07T07:00:00Z' });
  for (const pid of ['p-gone', 'p-closed', 'p-race', 'p-elsewhere', 'p-left', 'p-card-closed', 'p-card-gone']) await seedParticipant(sys.deps, pid);
  await seedDevice(sys.deps, 'kiosk-file');
  await seedCard(sys.deps, 'p-card-closed', 'FILECLOSED01', '7913');
  await seedCard(sys.deps, 'p-card-gone', 'FILEGONE0001', '7913');
  // p-left left the programme at the end of September.
  const left = (await sys.deps.participants.getProfile('p-left'))!;
  await sys.deps.participants.saveProfile({ ...left, enrolments: [{ from: '2025-09-01', to: '2026-09-30' }], version: 2 }, 1);
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

test('the route table: every participant route reads the participants table, for this check', () => {
  expect(PARTICIPANT_ROUTES.length).toBeGreaterThanOrEqual(8);
  for (const r of PARTICIPANT_ROUTES) expect({ fn: r.fn, participants: r.tables.participants !== undefined }).toEqual({ fn: r.fn, participants: true });
});

describe('a deleted file', () => {
  test("the file deleted from the table directly: the still-valid token gets 403 NO_PARTICIPANT_FILE on POST /absences and every participant route, and nothing is written", async () => {
    const token = await sys.tokenFor(participant('p-gone'));
    // Works while the file is there.
    expect((await sys.http('GET', '/me/attendance', { token, query: { month: '2026-10' } })).status).toBe(200);

    const db = createDocumentClient({ region: 'eu-north-1', dynamoEndpoint: sys.system.dynamoEndpoint });
    await db.send(new DeleteCommand({ TableName: sys.system.env[TABLES.find((t) => t.key === 'participants')!.envVar], Key: { pk: 'P#p-gone', sk: 'PROFILE' } }));
    db.destroy();

    const attendanceBefore = await sys.count('attendance');
    const absence = await sys.http('POST', '/absences', { token, body: SAMPLE['absence-report']!() });
    expect([absence.status, absence.body?.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    for (const route of PARTICIPANT_ROUTES) expect(outcome(route, await callAs(token, route))).toEqual({ route: `${route.method} ${route.path}`, status: 403, code: 'NO_PARTICIPANT_FILE' });
    expect(await sys.count('attendance')).toBe(attendanceBefore);
  });

  test("a token naming a file of another municipality than its own claim: 403 NO_PARTICIPANT_FILE", async () => {
    const token = await sys.tokenFor(participant('p-elsewhere', '5002'));
    for (const route of PARTICIPANT_ROUTES) expect(outcome(route, await callAs(token, route))).toMatchObject({ status: 403, code: 'NO_PARTICIPANT_FILE' });
  });

  test('a token naming no file at all: 403 NO_PARTICIPANT_FILE', async () => {
    const token = await sys.tokenFor(participant('p-never-registered'));
    expect(outcome(PARTICIPANT_ROUTES[0]!, await callAs(token, PARTICIPANT_ROUTES[0]!))).toMatchObject({ status: 403, code: 'NO_PARTICIPANT_FILE' });
  });
});

describe('an admin closes the access', () => {
  test('closed: 403 ACCESS_CLOSED on every participant route at once; reopened: works again; both in the access log', async () => {
    const token = await sys.tokenFor(participant('p-closed'));
    const admin = await sys.tokenFor(staff('admin-access', ['admin']));
    expect((await sys.http('GET', '/me/decisions', { token })).status).toBe(200);

    const closed = await sys.http('PUT', '/participants/p-closed/access', { token: admin, body: { status: 'CLOSED', reason: 'Kontoen ble opprettet ved en feil' } });
    expect([closed.status, closed.body]).toEqual([200, { participantId: 'p-closed', status: 'CLOSED', version: 1, changed: true, changedAt: '2026-10-07T07:00:00.000Z' }]);
    const before = await sys.count('attendance');
    for (const route of PARTICIPANT_ROUTES) expect(outcome(route, await callAs(token, route))).toEqual({ route: `${route.method} ${route.path}`, status: 403, code: 'ACCESS_CLOSED' });
    expect(await sys.count('attendance')).toBe(before);

    // Closing again changes nothing.
    expect((await sys.http('PUT', '/participants/p-closed/access', { token: admin, body: { status: 'CLOSED', reason: 'igjen' } })).body).toMatchObject({ status: 'CLOSED', version: 1, changed: false });

    const opened = await sys.http('PUT', '/participants/p-closed/access', { token: admin, body: { status: 'OPEN', reason: 'Gjenåpnet etter avklaring' } });
    expect(opened.body).toMatchObject({ status: 'OPEN', version: 2, changed: true });
    expect((await sys.http('GET', '/me/attendance', { token, query: { month: '2026-10' } })).status).toBe(200);
    const log = await sys.http('GET', '/me/access-log', { token });
    const entries = (log.body?.entries as { purpose: string; role: string; staffRef: string; action: string }[]).filter((e) => e.purpose === 'participant-access');
    expect(entries).toEqual([
      expect.objectContaining({ role: 'admin', staffRef: staffRef('admin-access'), action: 'WRITE' }),
      expect.objectContaining({ role: 'admin', staffRef: staffRef('admin-access'), action: 'WRITE' }),
    ]);
  });

  test('ten admins closing at once: one change is written, the others are told or find it done', async () => {
    const admin = await sys.tokenFor(staff('admin-race', ['admin']));
    const replies = await Promise.all(Array.from({ length: 10 }, () => sys.http('PUT', '/participants/p-race/access', { token: admin, body: { status: 'CLOSED', reason: 'Samtidig' } })));
    expect(replies.filter((r) => r.status === 200 && r.body?.changed === true)).toHaveLength(1);
    for (const r of replies) expect(r.status === 200 ? r.body?.version : r.body?.code).toEqual(r.status === 200 ? 1 : 'ACCESS_CHANGED');
    expect((await sys.deps.participants.getAccessState('p-race'))?.version).toBe(1);
  });

  test('refusals: no reason, unknown status, an adviser, another municipality, no such participant', async () => {
    const admin = await sys.tokenFor(staff('admin-access', ['admin']));
    const put = (token: string, id: string, body: unknown) => sys.http('PUT', `/participants/${id}/access`, { token, body });
    expect((await put(admin, 'p-left', { status: 'CLOSED' })).body?.code).toBe('VALIDATION_FAILED');
    expect((await put(admin, 'p-left', { status: 'CLOSED', reason: '  ' })).body?.code).toBe('VALIDATION_FAILED');
    expect((await put(admin, 'p-left', { status: 'DELETED', reason: 'x y z' })).body?.code).toBe('VALIDATION_FAILED');
    expect((await put(admin, 'p-left', { status: 'CLOSED', reason: 'x y z', version: 3 })).body?.code).toBe('UNKNOWN_FIELD');
    expect((await put(await sys.tokenFor(staff('adviser-access', ['adviser'])), 'p-left', { status: 'CLOSED', reason: 'x y z' })).body?.code).toBe('FORBIDDEN_ROLE');
    expect((await put(await sys.tokenFor(staff('admin-5002', ['admin'], '5002')), 'p-left', { status: 'CLOSED', reason: 'x y z' })).status).toBe(404);
    expect((await put(admin, 'p-nobody', { status: 'CLOSED', reason: 'x y z' })).status).toBe(404);
    expect(await sys.deps.participants.getAccessState('p-left')).toBeUndefined();
  });
});

test('leaving the programme is not closing: a participant whose enrolment ended still reads their month and decisions', async () => {
  const token = await sys.tokenFor(participant('p-left'));
  for (const route of PARTICIPANT_ROUTES.filter((r) => r.method === 'GET' && !r.path.includes('{'))) expect(outcome(route, await callAs(token, route))).toMatchObject({ status: 200 });
});

describe('at a kiosk, where the card names the participant', () => {
  const tap = (cardNumber: string) => ({ eventId: randomUUID(), type: 'IN', deviceId: 'kiosk-file', deviceTime: '2026-10-07T09:00:00+02:00', kiosk: { cardNumber, pin: '7913' } });

  test('a closed file: the right card and PIN are refused with ACCESS_CLOSED at identification and at check-in, and nothing is recorded', async () => {
    const admin = await sys.tokenFor(staff('admin-kiosk-file', ['admin']));
    expect((await sys.http('PUT', '/participants/p-card-closed/access', { token: admin, body: { status: 'CLOSED', reason: 'Flyttet' } })).status).toBe(200);
    const kiosk = await sys.tokenFor(device('kiosk-file'));
    const before = await sys.count('attendance');
    const identified = await sys.http('POST', '/kiosk-identifications', { token: kiosk, body: { cardNumber: 'FILECLOSED01', pin: '7913' } });
    expect([identified.status, identified.body?.code]).toEqual([403, 'ACCESS_CLOSED']);
    const checked = await sys.http('POST', '/checkins', { token: kiosk, body: tap('FILECLOSED01') });
    expect([checked.status, checked.body?.code]).toEqual([403, 'ACCESS_CLOSED']);
    expect(await sys.deps.attendance.listEvents('p-card-closed', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).toEqual([]);
    // A live tap's refusal is answered to the kiosk, not kept: only a queued tap's refusal is kept for the adviser.
    expect(await sys.count('attendance')).toBe(before);
  });

  test('a file deleted from the table directly: its card checks in nowhere (403 NO_PARTICIPANT_FILE) and no event is recorded', async () => {
    const db = createDocumentClient({ region: 'eu-north-1', dynamoEndpoint: sys.system.dynamoEndpoint });
    await db.send(new DeleteCommand({ TableName: sys.system.env[TABLES.find((t) => t.key === 'participants')!.envVar], Key: { pk: 'P#p-card-gone', sk: 'PROFILE' } }));
    db.destroy();
    const kiosk = await sys.tokenFor(device('kiosk-file'));
    const identified = await sys.http('POST', '/kiosk-identifications', { token: kiosk, body: { cardNumber: 'FILEGONE0001', pin: '7913' } });
    expect([identified.status, identified.body?.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    const checked = await sys.http('POST', '/checkins', { token: kiosk, body: tap('FILEGONE0001') });
    expect([checked.status, checked.body?.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    expect(await sys.deps.attendance.listEvents('p-card-gone', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).toEqual([]);
  });
});
