/**
 * The admin routes against DynamoDB Local, calling the handlers with API
 * Gateway v2 events: adviser assignment (replaces the list; takes effect on
 * the next request, S4), kiosk device registration (a one-time secret stored
 * only hashed) and the versioned municipality policy (validated by the
 * engine's own schema, old versions kept). Each: happy path, validation with
 * stable codes, roles, the admin's municipality, and concurrency.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { FixedClock } from '../../shared/adapters/clock.js';
import { deviceSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { staffDirectoryOf } from '../../shared/adapters/staff-directory.js';
import { DEFAULT_POLICY, policyVersion } from '../../shared/domain/policy.js';
import { staffRef } from '../../shared/http/auth.js';
import { handler as assignHandler } from '../../functions/participant-assign/handler.js';
import { handler as deviceHandler } from '../../functions/device-register/handler.js';
import { handler as policyHandler } from '../../functions/policy-update/handler.js';
import { handler as getHandler } from '../../functions/participant-get/handler.js';
import { handler as listHandler } from '../../functions/participant-list/handler.js';
import type { Caller, Reply } from '../support/api-event.js';
import { apiEvent, participantCaller, staffCaller } from '../support/api-event.js';
import type { ApiDynamo } from '../support/api-dynamo.js';
import { startApiDynamo } from '../support/api-dynamo.js';
import { assign, seedParticipant } from '../support/api-seed.js';

let db: ApiDynamo;
const clock = new FixedClock('2026-10-15T10:00:00Z');
const ADMIN = staffCaller('admin-ada', ['admin']);
const OSLO_ADMIN = staffCaller('admin-oslo', ['admin'], '0301');
const ADVISER = staffCaller('adviser-anna', ['adviser']);

const putAdvisers = (caller: Caller, id: string, body: unknown) =>
  db.call(assignHandler, apiEvent({ method: 'PUT', path: `/participants/${id}/advisers`, routeKey: 'PUT /participants/{id}/advisers', caller, pathParameters: { id }, body }));
const postDevice = (caller: Caller, body: unknown) => db.call(deviceHandler, apiEvent({ method: 'POST', path: '/devices', caller, body }));
const putPolicy = (caller: Caller, body: unknown) => db.call(policyHandler, apiEvent({ method: 'PUT', path: '/municipality/policy', caller, body }));
const getPolicy = (caller: Caller) => db.call(policyHandler, apiEvent({ method: 'GET', path: '/municipality/policy', caller }));
const getOne = (caller: Caller, id: string) => db.call(getHandler, apiEvent({ method: 'GET', path: `/participants/${id}`, routeKey: 'GET /participants/{id}', caller, pathParameters: { id } }));

async function counts(): Promise<Record<string, number>> {
  return { participants: await db.count('participants'), auditLog: await db.count('auditLog') };
}

function expectRejected(r: Reply, status: number, code: string): void {
  expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
  expect(r.raw).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules/);
}

/** The user directory these tests run against: advisers of 5001 and one of 0301. */
const staff = staffDirectoryOf([
  ...['adviser-anna', 'adviser-nils', 'adviser-ola', 'adviser-x', 'adviser-y'].map((sub) => ({ sub, municipality: '5001', groups: ['adviser' as const], enabled: true })),
  { sub: 'adviser-oslo', municipality: '0301', groups: ['adviser'], enabled: true },
]);

beforeAll(async () => {
  db = await startApiDynamo('admin', { clock, staff });
  await seedParticipant(db.deps, 'p-one');
  await seedParticipant(db.deps, 'p-two');
  await seedParticipant(db.deps, 'p-oslo', { municipality: '0301' });
  await assign(db.deps, 'p-one', 'adviser-anna');
});

afterAll(async () => {
  await db?.stop();
});

describe('PUT /participants/{id}/advisers', () => {
  test('S4: replacing the list takes effect on the next request: the removed adviser gets 403, the added one gets in', async () => {
    expect((await getOne(ADVISER, 'p-one')).status).toBe(200);
    const newcomer = staffCaller('adviser-nils', ['adviser']);
    expectRejected(await getOne(newcomer, 'p-one'), 403, 'NOT_ASSIGNED');

    const r = await putAdvisers(ADMIN, 'p-one', { advisers: ['adviser-nils', 'adviser-ola'] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ participantId: 'p-one', advisers: ['adviser-nils', 'adviser-ola'], added: ['adviser-nils', 'adviser-ola'], removed: ['adviser-anna'], updatedAt: '2026-10-15T10:00:00.000Z' });

    expectRejected(await getOne(ADVISER, 'p-one'), 403, 'NOT_ASSIGNED');
    expect((await db.call(listHandler, apiEvent({ method: 'GET', path: '/participants', caller: ADVISER }))).body).toEqual({ participants: [] });
    expect((await getOne(newcomer, 'p-one')).status).toBe(200);
    const audit = await db.deps.audit.list('p-one');
    expect(audit.find((e) => e.purpose === 'participant-assign')).toMatchObject({ action: 'WRITE', actorRole: 'admin', actorRef: staffRef('admin-ada'), route: 'PUT /participants/{id}/advisers' });

    // Back again, and an empty list removes everyone.
    expect((await putAdvisers(ADMIN, 'p-one', { advisers: ['adviser-anna'] })).body).toMatchObject({ added: ['adviser-anna'], removed: ['adviser-nils', 'adviser-ola'] });
    expect((await getOne(ADVISER, 'p-one')).status).toBe(200);
    expect((await putAdvisers(ADMIN, 'p-two', { advisers: [] })).body).toMatchObject({ advisers: [], added: [], removed: [] });
  });

  test('ten admins at once: each either wins or gets 409 ADVISERS_CHANGED (never a server error); the list is one of the two', async () => {
    const both = await Promise.all(Array.from({ length: 10 }, (_, i) => putAdvisers(ADMIN, 'p-two', { advisers: [i % 2 === 0 ? 'adviser-x' : 'adviser-y'] })));
    for (const r of both) expect([200, 409]).toContain(r.status);
    for (const r of both.filter((x) => x.status === 409)) expect(r.body.code).toBe('ADVISERS_CHANGED');
    const subs = await db.deps.assignments.listAssigned('adviser-x');
    const subsY = await db.deps.assignments.listAssigned('adviser-y');
    expect(subs.includes('p-two') !== subsY.includes('p-two')).toBe(true);
  });

  test('validation, roles, unknown and foreign participants; nothing stored on rejection', async () => {
    const before = await counts();
    expectRejected(await putAdvisers(ADMIN, 'p-one', { advisers: ['a', 'a'] }), 400, 'VALIDATION_FAILED');
    expectRejected(await putAdvisers(ADMIN, 'p-one', { advisers: ['bad sub'] }), 400, 'VALIDATION_FAILED');
    expectRejected(await putAdvisers(ADMIN, 'p-one', { advisers: Array.from({ length: 21 }, (_, i) => `a${i}`) }), 400, 'VALIDATION_FAILED');
    expectRejected(await putAdvisers(ADMIN, 'p-one', { advisers: ['a'], role: 'admin' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putAdvisers(ADMIN, 'p-one', {}), 400, 'VALIDATION_FAILED');
    expectRejected(await putAdvisers(ADVISER, 'p-one', { advisers: ['adviser-anna', 'adviser-me'] }), 403, 'FORBIDDEN_ROLE');
    expectRejected(await putAdvisers(participantCaller('p-one'), 'p-one', { advisers: [] }), 403, 'FORBIDDEN_ROLE');
    expectRejected(await putAdvisers(ADMIN, 'p-nobody', { advisers: [] }), 404, 'NOT_FOUND');
    expectRejected(await putAdvisers(ADMIN, 'p-oslo', { advisers: [] }), 404, 'NOT_FOUND');
    // Not advisers of 5001 by the user directory: another municipality's, an admin, nobody.
    const refused = await putAdvisers(ADMIN, 'p-one', { advisers: ['adviser-anna', 'adviser-oslo', 'admin-ada', 'nobody-at-all'] });
    expectRejected(refused, 400, 'ADVISER_UNKNOWN');
    expect((refused.body.issues as { path: string }[]).map((i) => i.path)).toEqual(['body.advisers[1]', 'body.advisers[2]', 'body.advisers[3]']);
    expect(await counts()).toEqual(before);
    expect((await putAdvisers(OSLO_ADMIN, 'p-oslo', { advisers: ['adviser-oslo'] })).status).toBe(200);
  });
});

describe('POST /devices', () => {
  test('registers a kiosk of the admin municipality; the secret is returned once and only its hash is stored', async () => {
    const r = await postDevice(ADMIN, { deviceId: 'kiosk-hall', label: 'Læringssenteret, inngang' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      deviceId: 'kiosk-hall',
      municipality: '5001',
      label: 'Læringssenteret, inngang',
      active: true,
      registeredAt: '2026-10-15T10:00:00.000Z',
      credential: { clientId: expect.stringMatching(/^[a-z0-9]{26}$/), clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), scope: 'introflyt/checkin', tokenPath: '/oauth2/token', setupCode: expect.stringMatching(/^kiosk-hall:/) },
    });
    const { clientId, clientSecret: secret } = r.body.credential as { clientId: string; clientSecret: string };
    const device = await db.deps.kioskDevices.getDevice('kiosk-hall');
    expect(device).toMatchObject({ municipality: '5001', active: true, clientId, credentialHash: deviceSecretHash(secret), registeredByRef: staffRef('admin-ada') });
    expect(await db.deps.kioskDevices.getDeviceByClientId(clientId)).toEqual(device);
    const scan = JSON.stringify((await db.client.send(new ScanCommand({ TableName: db.tableName('participants') }))).Items);
    expect(scan).not.toContain(secret);
  });

  test('a device id is registered once (409 DEVICE_EXISTS, even from another municipality); validation; roles', async () => {
    await postDevice(ADMIN, { deviceId: 'kiosk-once', label: 'A' });
    const before = await counts();
    expectRejected(await postDevice(ADMIN, { deviceId: 'kiosk-once', label: 'B' }), 409, 'DEVICE_EXISTS');
    expectRejected(await postDevice(OSLO_ADMIN, { deviceId: 'kiosk-once', label: 'B' }), 409, 'DEVICE_EXISTS');
    expectRejected(await postDevice(ADMIN, { deviceId: 'k', label: 'A' }), 400, 'VALIDATION_FAILED');
    expectRejected(await postDevice(ADMIN, { deviceId: 'kiosk-ctl', label: 'bad\u0007label' }), 400, 'VALIDATION_FAILED');
    expectRejected(await postDevice(ADMIN, { deviceId: 'kiosk-m', label: 'A', municipality: '0301' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await postDevice(ADMIN, { deviceId: 'kiosk-m', label: 'A', credentialHash: 'x' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await postDevice(ADVISER, { deviceId: 'kiosk-m', label: 'A' }), 403, 'FORBIDDEN_ROLE');
    expect(await counts()).toEqual(before);
    expect((await db.deps.kioskDevices.getDevice('kiosk-once'))?.label).toBe('A');
  });
});

describe('PUT /municipality/policy', () => {
  test('versions 1, 2, … with every version kept; defaults applied; policyVersion as the engine computes it', async () => {
    const first = await putPolicy(ADMIN, { expectedVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ municipality: '5001', version: 1, benefit: DEFAULT_POLICY, attendance: { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' }, policyVersion: policyVersion(DEFAULT_POLICY), updatedByRef: staffRef('admin-ada') });
    const benefit = { deductionUnit: 'DAILY', proration: 'P3', pending: 'PAY', documentationDeadlineDays: 14, welfareLeaveDaysPer12Months: 10 } as const;
    const second = await putPolicy(ADMIN, { expectedVersion: 1, benefit, attendance: { replayWindowHours: 24, missingCheckout: 'COUNT_NOTHING' } });
    expect(second.body).toMatchObject({ version: 2, benefit, policyVersion: policyVersion(benefit) });
    const repo = db.deps.policies;
    expect((await repo.getPolicy('5001'))?.version).toBe(2);
    expect((await repo.getPolicyVersion('5001', 1))?.benefit).toEqual(DEFAULT_POLICY);
    expect((await repo.getPolicyVersion('5001', 2))?.attendance).toEqual({ replayWindowHours: 24, missingCheckout: 'COUNT_NOTHING' });
  });

  test('a stale version → 409 POLICY_CHANGED; concurrent saves: one wins; each municipality has its own', async () => {
    const before = await counts();
    const stale = await putPolicy(ADMIN, { expectedVersion: 1 });
    expectRejected(stale, 409, 'POLICY_CHANGED');
    expect(stale.body.message).toContain('version 2');
    expect(await counts()).toEqual(before);
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => putPolicy(ADMIN, { expectedVersion: 2, benefit: { documentationDeadlineDays: i } })));
    expect(all.map((r) => r.status).sort()).toEqual([200, ...Array.from({ length: 9 }, () => 409)]);
    expect((await putPolicy(OSLO_ADMIN, { expectedVersion: 0 })).body).toMatchObject({ municipality: '0301', version: 1 });
  });

  test('validation by the engine schema: bad values → 400 VALIDATION_FAILED, unknown fields → 400 UNKNOWN_FIELD; roles', async () => {
    const before = await counts();
    const bad = await putPolicy(ADMIN, { expectedVersion: 3, benefit: { deductionUnit: 'WEEKLY', documentationDeadlineDays: -1 } });
    expectRejected(bad, 400, 'VALIDATION_FAILED');
    expect((bad.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['body.benefit.deductionUnit', 'body.benefit.documentationDeadlineDays']);
    const unknown = await putPolicy(ADMIN, { expectedVersion: 3, benefit: { rate: 3 } });
    expectRejected(unknown, 400, 'UNKNOWN_FIELD');
    expect(unknown.body.issues).toEqual([{ path: 'body.benefit.rate', message: 'unknown field' }]);
    expectRejected(await putPolicy(ADMIN, { expectedVersion: 3, attendance: { replayWindowHours: 0, missingCheckout: 'END_OF_SESSION' } }), 400, 'VALIDATION_FAILED');
    expectRejected(await putPolicy(ADMIN, { expectedVersion: 3, municipality: '0301' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putPolicy(ADMIN, { expectedVersion: 3, version: 9 }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putPolicy(ADVISER, { expectedVersion: 3 }), 403, 'FORBIDDEN_ROLE');
    expectRejected(await putPolicy(staffCaller('pay', ['payroll']), { expectedVersion: 3 }), 403, 'FORBIDDEN_ROLE');
    expect(await counts()).toEqual(before);
  });
});

describe('GET /municipality/policy and the complaint address (issue 11)', () => {
  test('reads the current version with every field; the address is saved, trimmed, and each municipality reads only its own', async () => {
    const read = await getPolicy(ADMIN);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ municipality: '5001', version: 3, complaintAddress: null, attendance: { replayWindowHours: 72 }, payroll: { correctionLookbackMonths: expect.any(Number) } });
    expect(read.body.policyVersion).toBe(policyVersion({ ...DEFAULT_POLICY, ...(read.body.benefit as object) }));
    const saved = await putPolicy(ADMIN, { expectedVersion: 3, benefit: read.body.benefit, complaintAddress: '  Introsenteret, Postboks 1, 7001 Demoby ' });
    expect(saved.body).toMatchObject({ version: 4, complaintAddress: 'Introsenteret, Postboks 1, 7001 Demoby' });
    expect((await getPolicy(ADMIN)).body).toMatchObject({ version: 4, complaintAddress: 'Introsenteret, Postboks 1, 7001 Demoby' });
    // Oslo saved version 1 above without an address, and never sees 5001's.
    expect((await getPolicy(OSLO_ADMIN)).body).toMatchObject({ municipality: '0301', version: 1, complaintAddress: null });
    // A municipality that saved nothing: the defaults, as version 0 (the version to send).
    expect((await getPolicy(staffCaller('admin-bergen', ['admin'], '4601'))).body).toMatchObject({ municipality: '4601', version: 0, benefit: DEFAULT_POLICY, complaintAddress: null, updatedAt: null });
  });

  test('an address that would forge a line or reverse the text around it, or is empty or too long → 400, nothing written; only admins', async () => {
    const before = await counts();
    for (const complaintAddress of ['Postboks 1\n\n## Detaljer', 'Postboks 1\r7001', 'Postboks \u202e1', '   ', 'x'.repeat(301), 42]) {
      const r = await putPolicy(ADMIN, { expectedVersion: 4, complaintAddress });
      expectRejected(r, 400, 'VALIDATION_FAILED');
      expect(new Set((r.body.issues as { path: string }[]).map((i) => i.path))).toEqual(new Set(['body.complaintAddress']));
    }
    expectRejected(await getPolicy(ADVISER), 403, 'FORBIDDEN_ROLE');
    expectRejected(await getPolicy(staffCaller('pay', ['payroll'])), 403, 'FORBIDDEN_ROLE');
    expectRejected(await getPolicy(participantCaller('p-one')), 403, 'FORBIDDEN_ROLE');
    expect(await counts()).toEqual(before);
    expect((await getPolicy(ADMIN)).body).toMatchObject({ version: 4, complaintAddress: 'Introsenteret, Postboks 1, 7001 Demoby' });
  });
});
