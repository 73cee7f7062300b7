/**
 * The adviser routes against DynamoDB Local, calling the handlers with API
 * Gateway v2 events: register (idempotent request id, national id once per
 * municipality, pseudonymous payrollRef), list, get, update facts
 * (effective-dated history, optimistic concurrency), schedule (public
 * holidays), kiosk credential (hashes only; the new card works at the kiosk)
 * and the month view. Each route: happy path, validation with stable codes,
 * ownership (unassigned 403, unknown 404, other municipality 404), the
 * access-log entry written first (S6), and no personal data in logs or error
 * bodies (S7).
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { FixedClock } from '../../shared/adapters/clock.js';
import type { AuditLog } from '../../shared/adapters/audit-log.js';
import { credentialSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { verifyPin } from '../../shared/adapters/pin.js';
import { staffRef } from '../../shared/http/auth.js';
import { handler as register } from '../../functions/participant-register/handler.js';
import { handler as list } from '../../functions/participant-list/handler.js';
import { handler as get } from '../../functions/participant-get/handler.js';
import { handler as update } from '../../functions/participant-update/handler.js';
import { handler as schedule } from '../../functions/participant-schedule/handler.js';
import { handler as credential } from '../../functions/participant-kiosk-credential/handler.js';
import { handler as attendance } from '../../functions/participant-attendance/handler.js';
import { handler as checkin } from '../../functions/checkin-record/handler.js';
import { validNationalId } from '../../shared/features/participants/register-schema.js';
import { defaultEffectiveFrom, firstOfNextMonth } from '../../functions/participant-update/update-facts.js';
import { guessablePin } from '../../functions/participant-kiosk-credential/schema.js';
import type { Caller, Reply } from '../support/api-event.js';
import { apiEvent, kioskCaller, participantCaller, staffCaller } from '../support/api-event.js';
import type { ApiDynamo } from '../support/api-dynamo.js';
import { startApiDynamo } from '../support/api-dynamo.js';
import { assign, seedDevice, seedParticipant } from '../support/api-seed.js';
import type { Captured } from '../support/capture-logs.js';
import { captureLogs, scanLogsAfterEach } from '../support/capture-logs.js';
import { syntheticNationalId } from '../support/fuzz-values.js';

let db: ApiDynamo;
let logs: Captured;
const clock = new FixedClock('2026-10-15T10:00:00Z');
const ADVISER = staffCaller('adviser-anna', ['adviser']);
const OTHER_ADVISER = staffCaller('adviser-bert', ['adviser']);
const OSLO_ADVISER = staffCaller('adviser-oslo', ['adviser'], '0301');
const GIVEN = 'Thorvaldine';
const FAMILY = 'Vikingstadbråten';
/** Every synthetic name and national id used here: none may reach a log line or an error body (S7). */
const SECRETS = new Set<string>([GIVEN, FAMILY, 'CARD7777', 'CARD8888', '"4826"']);
let nid = 0;
const nextNationalId = () => {
  const id = syntheticNationalId(1000 + nid++);
  SECRETS.add(id);
  return id;
};

const registerBody = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  givenName: GIVEN,
  familyName: FAMILY,
  nationalId: nextNationalId(),
  birthDate: '1994-03-02',
  programStart: '2026-09-01',
  children: 2,
  ...over,
});

const post = (caller: Caller | null, body: unknown) => db.call(register, apiEvent({ method: 'POST', path: '/participants', caller, body }));
const getOne = (caller: Caller, id: string) => db.call(get, apiEvent({ method: 'GET', path: `/participants/${id}`, routeKey: 'GET /participants/{id}', caller, pathParameters: { id } }));
const patch = (caller: Caller, id: string, body: unknown) =>
  db.call(update, apiEvent({ method: 'PATCH', path: `/participants/${id}`, routeKey: 'PATCH /participants/{id}', caller, pathParameters: { id }, body }));
const putSchedule = (caller: Caller, id: string, body: unknown) =>
  db.call(schedule, apiEvent({ method: 'PUT', path: `/participants/${id}/schedule`, routeKey: 'PUT /participants/{id}/schedule', caller, pathParameters: { id }, body }));
const putCredential = (caller: Caller, id: string, body: unknown) =>
  db.call(credential, apiEvent({ method: 'PUT', path: `/participants/${id}/kiosk-credential`, routeKey: 'PUT /participants/{id}/kiosk-credential', caller, pathParameters: { id }, body }));
const getMonth = (caller: Caller, id: string, query: Record<string, string>) =>
  db.call(attendance, apiEvent({ method: 'GET', path: `/participants/${id}/attendance`, routeKey: 'GET /participants/{id}/attendance', caller, pathParameters: { id }, query }));

async function counts(): Promise<Record<string, number>> {
  return { participants: await db.count('participants'), auditLog: await db.count('auditLog'), attendance: await db.count('attendance') };
}

async function auditOf(pid: string) {
  return db.deps.audit.list(pid);
}

/** Registers a participant as ADVISER and returns its id. */
async function registered(over: Record<string, unknown> = {}): Promise<string> {
  const r = await post(ADVISER, registerBody(over));
  expect(r.status).toBe(201);
  return String(r.body.participantId);
}

function expectRejected(r: Reply, status: number, code: string): void {
  expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
  expect(r.raw).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules/);
}

const failingAudit: AuditLog = {
  append: () => Promise.reject(new Error('audit table down')),
  list: () => Promise.resolve([]),
  recordStaffRead: async (read) => {
    const { recordStaffReadWith } = await import('../../shared/adapters/audit-log.js');
    return recordStaffReadWith({ append: () => Promise.reject(new Error('audit table down')) }, read);
  },
};

beforeAll(async () => {
  db = await startApiDynamo('adviser', { clock });
  await seedParticipant(db.deps, 'p-seeded');
  await assign(db.deps, 'p-seeded', 'adviser-anna');
  await seedParticipant(db.deps, 'p-oslo', { municipality: '0301' });
  await assign(db.deps, 'p-oslo', 'adviser-anna', '0301');
  await seedDevice(db.deps, 'kiosk-1');
  logs = captureLogs();
});

afterAll(async () => {
  logs?.stop();
  await db?.stop();
});

beforeEach(() => {
  clock.set('2026-10-15T10:00:00Z');
  db.deps.swap({});
});

describe('POST /participants', () => {
  test('registers: 201 with a new participant id and pseudonymous payrollRef; profile, identity, baseline facts and assignment stored', async () => {
    const body = registerBody({ livesWithParent: true });
    const r = await post(ADVISER, body);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ participantId: expect.stringMatching(/^p-[0-9a-f-]{36}$/), payrollRef: expect.stringMatching(/^pr-[0-9a-f-]{36}$/), registeredAt: '2026-10-15T10:00:00.000Z' });
    const pid = String(r.body.participantId);
    const repo = db.deps.participants;
    const profile = await repo.getProfile(pid);
    expect(profile).toMatchObject({ municipality: '5001', birthDate: '1994-03-02', regime: 'integreringsloven', livesWithParent: true, children: 2, enrolments: [{ from: '2026-09-01', to: null }], unpaidLeave: [], version: 1 });
    expect(JSON.stringify(profile)).not.toContain(body.nationalId);
    expect(await repo.getIdentity(pid)).toEqual({ participantId: pid, givenName: GIVEN, familyName: FAMILY, nationalId: body.nationalId });
    expect(await repo.listFactChanges(pid)).toEqual([expect.objectContaining({ version: 1, effectiveFrom: null, changedByRef: staffRef('adviser-anna'), changedByRole: 'adviser' })]);
    expect(await db.deps.assignments.isAssigned('adviser-anna', pid)).toBe(true);
    expect(await repo.getFactsOn(pid, '2026-10-01')).toMatchObject({ livesWithParent: true, children: 2 });
    const audit = await auditOf(pid);
    expect(audit.map((e) => [e.action, e.purpose, e.actorRef])).toEqual([['WRITE', 'participant-register', staffRef('adviser-anna')]]);
  });

  test('ten concurrent sends of one registration: one participant, the same answer to all, no server error', async () => {
    const body = registerBody();
    const before = await counts();
    const all = await Promise.all(Array.from({ length: 10 }, () => post(ADVISER, body)));
    expect(all.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    expect(new Set(all.map((r) => r.raw)).size).toBe(1);
    const after = await counts();
    // profile, identity, baseline facts, assignment, adviser list, national-id item, request item.
    expect(after.participants! - before.participants!).toBe(7);
  });

  test('a registration stands when its access-log entry cannot be written; the gap is logged by ids only', async () => {
    db.deps.swap({ audit: failingAudit });
    const r = await post(ADVISER, registerBody());
    expect(r.status).toBe(201);
    const pid = String(r.body.participantId);
    const line = logs.lines().find((l) => l.message === 'access-log entry for a registration not written' && l.participantRef === pid);
    expect(line).toMatchObject({ level: 'ERROR', fn: 'participant-register' });
    db.deps.swap({});
    expect(await db.deps.participants.getProfile(pid)).toBeDefined();
  });

  test('a replay of the same request id and body returns the first result and writes nothing', async () => {
    const body = registerBody();
    const first = await post(ADVISER, body);
    const before = await counts();
    const replays = await Promise.all(Array.from({ length: 5 }, () => post(ADVISER, body)));
    for (const r of replays) expect(r.body).toEqual(first.body);
    expect(replays.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await counts()).toEqual(before);
  });

  test('the same request id with another body is 409 REQUEST_ID_CONFLICT; nothing written', async () => {
    const body = registerBody();
    await post(ADVISER, body);
    const before = await counts();
    expectRejected(await post(ADVISER, { ...body, children: 3 }), 409, 'REQUEST_ID_CONFLICT');
    expect(await counts()).toEqual(before);
  });

  test('a national id is registered once per municipality (409 NATIONAL_ID_EXISTS, no file written, the check on the access log), but may exist in another', async () => {
    const body = registerBody();
    await post(ADVISER, body);
    const before = await counts();
    const again = await post(OTHER_ADVISER, registerBody({ nationalId: body.nationalId }));
    expectRejected(again, 409, 'NATIONAL_ID_EXISTS');
    expect(again.raw).not.toContain(body.nationalId);
    // Only the access-log entry of the check (test/int/national-id-probe.int.test.ts).
    expect(await counts()).toEqual({ ...before, auditLog: before.auditLog! + 1 });
    expect((await post(OSLO_ADVISER, registerBody({ nationalId: body.nationalId }))).status).toBe(201);
  });

  test('validation: bad national id, bad dates, missing names → 400 VALIDATION_FAILED naming the fields', async () => {
    const before = await counts();
    const r = await post(ADVISER, registerBody({ nationalId: '12345678901', birthDate: '1994-02-30', givenName: '  ' }));
    expectRejected(r, 400, 'VALIDATION_FAILED');
    expect([...new Set((r.body.issues as { path: string }[]).map((i) => i.path))].sort()).toEqual(['body.birthDate', 'body.givenName', 'body.nationalId']);
    expect(r.raw).not.toContain('12345678901');
    expectRejected(await post(ADVISER, registerBody({ birthDate: '2027-01-01' })), 400, 'VALIDATION_FAILED');
    expectRejected(await post(ADVISER, { requestId: 'short' }), 400, 'VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  test('S2: privileged or unknown fields → 400 UNKNOWN_FIELD, nothing stored', async () => {
    const before = await counts();
    for (const extra of [{ participantId: 'p-mine' }, { municipality: '0301' }, { payrollRef: 'x' }, { role: 'admin' }, { version: 9 }, { diagnosis: 'flu' }]) {
      const r = await post(ADVISER, registerBody(extra));
      expectRejected(r, 400, 'UNKNOWN_FIELD');
      expect(r.body.issues).toEqual([{ path: `body.${Object.keys(extra)[0]}`, message: 'unknown field' }]);
    }
    const proto = await db.call(register, apiEvent({ method: 'POST', path: '/participants', caller: ADVISER, rawBody: `{"__proto__":{"role":"admin"},${JSON.stringify(registerBody()).slice(1)}` }));
    expectRejected(proto, 400, 'UNKNOWN_FIELD');
    expect(await counts()).toEqual(before);
  });

  test('only advisers register: participant, payroll and admin tokens → 403 FORBIDDEN_ROLE; no token → 401', async () => {
    expectRejected(await post(participantCaller('p-seeded'), registerBody()), 403, 'FORBIDDEN_ROLE');
    expectRejected(await post(staffCaller('pay-1', ['payroll']), registerBody()), 403, 'FORBIDDEN_ROLE');
    expectRejected(await post(staffCaller('admin-1', ['admin']), registerBody()), 403, 'FORBIDDEN_ROLE');
    expectRejected(await post(null, registerBody()), 401, 'UNAUTHENTICATED');
  });

  test('names in any script are kept as written (NFC); zero-width non-joiners allowed, other invisible characters refused', async () => {
    const given = 'Zahra\u200Cjan';
    const family = 'A\u030Angstr\u00F6m'; // Å as A + combining ring
    const r = await post(ADVISER, registerBody({ givenName: given, familyName: family }));
    expect(r.status).toBe(201);
    const identity = await db.deps.participants.getIdentity(String(r.body.participantId));
    expect(identity).toMatchObject({ givenName: given, familyName: '\u00C5ngstr\u00F6m' });
    expectRejected(await post(ADVISER, registerBody({ givenName: 'Ali\u200Bce' })), 400, 'VALIDATION_FAILED');
    expectRejected(await post(ADVISER, registerBody({ familyName: 'Bob\u0007' })), 400, 'VALIDATION_FAILED');
  });

  test('national ids: the mod-11 control digits are checked', () => {
    expect(validNationalId(syntheticNationalId(1))).toBe(true);
    const id = syntheticNationalId(2);
    expect(validNationalId(`${id.slice(0, 10)}${(Number(id[10]) + 1) % 10}`)).toBe(false);
    expect(validNationalId('1234567890')).toBe(false);
  });
});

describe('GET /participants', () => {
  test("an adviser sees exactly their assigned participants of their municipality, sorted by name (Norwegian collation); each listed participant's access log gets an entry", async () => {
    const mine = staffCaller(`adviser-${randomUUID().slice(0, 8)}`, ['adviser']);
    const a = String((await post(mine, registerBody({ givenName: 'Åse', familyName: 'Zahl' }))).body.participantId);
    const b = String((await post(mine, registerBody({ givenName: 'Bo', familyName: 'Berg' }))).body.participantId);
    await registered(); // someone else's
    await assign(db.deps, 'p-oslo', mine.sub, '0301'); // another municipality: not listed
    const r = await db.call(list, apiEvent({ method: 'GET', path: '/participants', caller: mine }));
    expect(r.status).toBe(200);
    expect(r.body.participants).toEqual([
      { participantId: b, givenName: 'Bo', familyName: 'Berg', payrollRef: expect.stringMatching(/^pr-/), programStart: '2026-09-01', version: 1 },
      { participantId: a, givenName: 'Åse', familyName: 'Zahl', payrollRef: expect.stringMatching(/^pr-/), programStart: '2026-09-01', version: 1 },
    ]);
    for (const pid of [a, b]) expect((await auditOf(pid)).at(-1)).toMatchObject({ action: 'READ', purpose: 'participant-list', actorRef: staffRef(mine.sub), route: 'GET /participants' });
    expect((await auditOf('p-oslo')).filter((e) => e.purpose === 'participant-list')).toEqual([]);
  });

  test('an adviser with nobody assigned gets an empty list; query parameters are unknown fields', async () => {
    const r = await db.call(list, apiEvent({ method: 'GET', path: '/participants', caller: staffCaller('adviser-new', ['adviser']) }));
    expect(r.body).toEqual({ participants: [] });
    expectRejected(await db.call(list, apiEvent({ method: 'GET', path: '/participants', caller: ADVISER, query: { municipality: '0301' } })), 400, 'UNKNOWN_FIELD');
  });

  test('S6: if the access log cannot be written the list is refused (503 AUDIT_UNAVAILABLE), no names shown', async () => {
    db.deps.swap({ audit: failingAudit });
    const r = await db.call(list, apiEvent({ method: 'GET', path: '/participants', caller: ADVISER }));
    expectRejected(r, 503, 'AUDIT_UNAVAILABLE');
    expect(r.raw).not.toContain(GIVEN);
  });
});

describe('GET /participants/{id}', () => {
  test('the assigned adviser reads the file; the READ entry is written first (to the audit inbox)', async () => {
    const pid = await registered();
    const r = await getOne(ADVISER, pid);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ participantId: pid, givenName: GIVEN, familyName: FAMILY, municipality: '5001', version: 1, kioskCredentials: [], advisers: ['adviser-anna'] });
    expect(r.body.nationalId).toMatch(/^\d{11}$/);
    expect(r.body.facts).toMatchObject({ birthDate: '1994-03-02', children: 2 });
    expect(r.body.factHistory).toEqual([expect.objectContaining({ version: 1, effectiveFrom: null })]);
    const audit = await auditOf(pid);
    expect(audit.at(-1)).toMatchObject({ action: 'READ', purpose: 'participant-get', actorRole: 'adviser', actorRef: staffRef('adviser-anna'), route: 'GET /participants/{id}' });
    // No sealer runs beside these handler-level tests: the entry waits in the inbox (sealing: test/int/audit-attacks.int.test.ts).
    expect(audit.at(-1)?.state).toBe('PENDING');
  });

  test('unassigned adviser → 403 NOT_ASSIGNED; unknown id → 404; another municipality → 404; nothing logged', async () => {
    const pid = await registered();
    const before = await counts();
    expectRejected(await getOne(OTHER_ADVISER, pid), 403, 'NOT_ASSIGNED');
    expectRejected(await getOne(ADVISER, 'p-nobody'), 404, 'NOT_FOUND');
    expectRejected(await getOne(OSLO_ADVISER, pid), 404, 'NOT_FOUND');
    expectRejected(await getOne(ADVISER, 'p-oslo'), 404, 'NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  test('a hostile path id → 400; participants cannot use the route', async () => {
    expectRejected(await getOne(ADVISER, '../P#x'), 400, 'VALIDATION_FAILED');
    expectRejected(await getOne(participantCaller('p-seeded'), 'p-seeded'), 403, 'FORBIDDEN_ROLE');
  });

  test('S6: if the access-log entry cannot be written the read is refused and shows nothing', async () => {
    const pid = await registered();
    db.deps.swap({ audit: failingAudit });
    const r = await getOne(ADVISER, pid);
    expectRejected(r, 503, 'AUDIT_UNAVAILABLE');
    expect(r.raw).not.toContain(GIVEN);
  });
});

describe('PATCH /participants/{id}', () => {
  test('a household fact applies from the 1st of next month (benefit-rules.md §2): history kept, facts on each 1st as they stood', async () => {
    const pid = await registered();
    const r = await patch(ADVISER, pid, { expectedVersion: 1, children: 3, soleCarer: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 2, facts: { children: 3, soleCarer: true }, change: { version: 2, effectiveFrom: '2026-11-01', changes: { children: 3, soleCarer: true }, changedByRef: staffRef('adviser-anna') } });
    const repo = db.deps.participants;
    expect(await repo.getFactsOn(pid, '2026-10-01')).toMatchObject({ children: 2, soleCarer: false });
    expect(await repo.getFactsOn(pid, '2026-11-01')).toMatchObject({ children: 3, soleCarer: true });
    expect((await auditOf(pid)).at(-1)).toMatchObject({ action: 'WRITE', purpose: 'participant-update' });
  });

  test('dated facts (unpaid leave, enrolments) and corrections apply to every month; an explicit effectiveFrom is kept', async () => {
    const pid = await registered();
    const leave = [{ from: '2026-10-05', to: '2026-10-09' }];
    const r = await patch(ADVISER, pid, { expectedVersion: 1, unpaidLeave: leave });
    expect(r.body).toMatchObject({ version: 2, change: { effectiveFrom: null, changes: { unpaidLeave: leave } } });
    expect(await db.deps.participants.getFactsOn(pid, '2026-10-01')).toMatchObject({ unpaidLeave: leave });
    const later = await patch(ADVISER, pid, { expectedVersion: 2, effectiveFrom: '2027-01-01', regime: 'introduksjonsloven', enrolments: [{ from: '2026-09-01', to: '2027-06-30' }] });
    expect(later.body).toMatchObject({ version: 3, change: { effectiveFrom: '2027-01-01' } });
    expect(await db.deps.participants.getFactsOn(pid, '2026-12-01')).toMatchObject({ regime: 'integreringsloven' });
    expect(await db.deps.participants.getFactsOn(pid, '2027-01-01')).toMatchObject({ regime: 'introduksjonsloven' });
  });

  test('dated and household facts together without effectiveFrom → 400 EFFECTIVE_FROM_REQUIRED; nothing stored', async () => {
    const pid = await registered();
    const before = await counts();
    const r = await patch(ADVISER, pid, { expectedVersion: 1, children: 0, unpaidLeave: [{ from: '2026-10-05', to: '2026-10-06' }] });
    expectRejected(r, 400, 'EFFECTIVE_FROM_REQUIRED');
    expect(r.body.issues).toEqual([{ path: 'body.effectiveFrom', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
  });

  test('optimistic concurrency: a stale version → 409 PARTICIPANT_CHANGED; of ten concurrent saves one wins, the others get 409', async () => {
    const pid = await registered();
    const before = await counts();
    expectRejected(await patch(ADVISER, pid, { expectedVersion: 2, children: 4 }), 409, 'PARTICIPANT_CHANGED');
    expect(await counts()).toEqual(before);
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => patch(ADVISER, pid, { expectedVersion: 1, children: 4 + i })));
    expect(all.map((r) => r.status).sort()).toEqual([200, ...Array.from({ length: 9 }, () => 409)]);
    for (const r of all.filter((x) => x.status === 409)) expect(r.body.code).toBe('PARTICIPANT_CHANGED');
    expect((await db.deps.participants.getProfile(pid))?.version).toBe(2);
    expect(await db.deps.participants.listFactChanges(pid)).toHaveLength(2);
  });

  test('a file without history (seeded) gets its baseline with the first change', async () => {
    await seedParticipant(db.deps, 'p-legacy');
    await assign(db.deps, 'p-legacy', 'adviser-anna');
    const r = await patch(ADVISER, 'p-legacy', { expectedVersion: 1, children: 0 });
    expect(r.status).toBe(200);
    const repo = db.deps.participants;
    expect((await repo.listFactChanges('p-legacy')).map((c) => [c.version, c.effectiveFrom])).toEqual([
      [1, null],
      [2, '2026-11-01'],
    ]);
    expect(await repo.getFactsOn('p-legacy', '2026-10-01')).toMatchObject({ children: 1 });
    expect(await repo.getFactsOn('p-legacy', '2026-11-01')).toMatchObject({ children: 0 });
  });

  test('if the access-log entry cannot be written the change is refused (503 AUDIT_UNAVAILABLE) and nothing is changed', async () => {
    const pid = await registered();
    db.deps.swap({ audit: failingAudit });
    const r = await patch(ADVISER, pid, { expectedVersion: 1, children: 4 });
    expectRejected(r, 503, 'AUDIT_UNAVAILABLE');
    expect(r.raw).not.toContain(GIVEN);
    db.deps.swap({});
    expect((await db.deps.participants.getProfile(pid))?.version).toBe(1);
  });

  test('unchanged values write nothing (change null); the read is logged', async () => {
    const pid = await registered();
    const r = await patch(ADVISER, pid, { expectedVersion: 1, children: 2 });
    expect(r.body).toMatchObject({ version: 1, change: null });
    expect((await auditOf(pid)).at(-1)).toMatchObject({ action: 'READ', purpose: 'participant-update' });
  });

  test('validation and S2: no fact, names, national id, municipality, schedule → 400 with stable codes; nothing stored', async () => {
    const pid = await registered();
    const before = await counts();
    expectRejected(await patch(ADVISER, pid, { expectedVersion: 1 }), 400, 'VALIDATION_FAILED');
    expectRejected(await patch(ADVISER, pid, { children: 1 }), 400, 'VALIDATION_FAILED');
    expectRejected(await patch(ADVISER, pid, { expectedVersion: 1, children: -1 }), 400, 'VALIDATION_FAILED');
    expectRejected(await patch(ADVISER, pid, { expectedVersion: 1, effectiveFrom: '2026-11-15', children: 1 }), 400, 'VALIDATION_FAILED');
    expectRejected(await patch(ADVISER, pid, { expectedVersion: 1, programStart: '1990-01-01' }), 400, 'VALIDATION_FAILED');
    for (const k of ['nationalId', 'givenName', 'municipality', 'payrollRef', 'schedule', 'version', 'participantId'])
      expectRejected(await patch(ADVISER, pid, { expectedVersion: 1, children: 1, [k]: 'x' }), 400, 'UNKNOWN_FIELD');
    expect(await counts()).toEqual(before);
  });

  test('ownership: unassigned 403, unknown 404, nothing stored', async () => {
    const pid = await registered();
    const before = await counts();
    expectRejected(await patch(OTHER_ADVISER, pid, { expectedVersion: 1, children: 1 }), 403, 'NOT_ASSIGNED');
    expectRejected(await patch(ADVISER, 'p-nobody', { expectedVersion: 1, children: 1 }), 404, 'NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  test('defaults of effectiveFrom', () => {
    expect(firstOfNextMonth('2026-12-31')).toBe('2027-01-01');
    expect(firstOfNextMonth('2026-01-31')).toBe('2026-02-01');
    expect(defaultEffectiveFrom(['children'], '2026-10-15')).toBe('2026-11-01');
    expect(defaultEffectiveFrom(['birthDate', 'enrolments'], '2026-10-15')).toBeNull();
    expect(() => defaultEffectiveFrom(['birthDate', 'children'], '2026-10-15')).toThrow(expect.objectContaining({ code: 'EFFECTIVE_FROM_REQUIRED' }));
  });
});

describe('PUT /participants/{id}/schedule', () => {
  const DAY = [{ start: '09:00', end: '15:00' }];
  const weekly = { MON: DAY, TUE: DAY, WED: DAY, THU: DAY, FRI: DAY };

  test('saves plans and exceptions; the next 14 days show Norwegian public holidays and the exceptions', async () => {
    clock.set('2026-12-21T09:00:00Z');
    const pid = await registered();
    const body = { expectedVersion: 1, schedule: { plans: [{ from: '2026-12-01', weekly }], exceptions: [{ date: '2026-12-23', kind: 'CANCELLED' }, { date: '2026-12-28', kind: 'CHANGED', sessions: [{ start: '10:00', end: '12:00' }] }] } };
    const r = await putSchedule(ADVISER, pid, body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 2, schedule: body.schedule });
    const days = Object.fromEntries((r.body.next14Days as { date: string; kind: string; plannedMinutes: number }[]).map((d) => [d.date, [d.kind, d.plannedMinutes]]));
    expect(days).toMatchObject({
      '2026-12-21': ['PLANNED', 360],
      '2026-12-23': ['CANCELLED', 0],
      '2026-12-24': ['PLANNED', 360], // Christmas Eve is no public holiday
      '2026-12-25': ['PUBLIC_HOLIDAY', 0],
      '2026-12-26': ['PUBLIC_HOLIDAY', 0],
      '2026-12-27': ['NO_SESSIONS', 0],
      '2026-12-28': ['CHANGED', 120],
      '2027-01-01': ['PUBLIC_HOLIDAY', 0],
    });
    expect((await db.deps.participants.getProfile(pid))?.schedule).toEqual(body.schedule);
    expect((await auditOf(pid)).at(-1)).toMatchObject({ action: 'WRITE', purpose: 'participant-schedule' });
  });

  test('invalid schedules → 400 VALIDATION_FAILED naming the field; stale version → 409; unassigned → 403; nothing stored', async () => {
    const pid = await registered();
    const before = await counts();
    const bad = await putSchedule(ADVISER, pid, { expectedVersion: 1, schedule: { plans: [{ from: '2026-12-01', weekly: { MON: [{ start: '15:00', end: '09:00' }] } }], exceptions: [] } });
    expectRejected(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'body.schedule.plans[0].weekly.MON[0].end' })]);
    expectRejected(await putSchedule(ADVISER, pid, { expectedVersion: 1, schedule: { plans: [{ from: '2026-12-01', weekly: { MONDAY: DAY } }], exceptions: [] } }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putSchedule(ADVISER, pid, { expectedVersion: 7, schedule: { plans: [], exceptions: [] } }), 409, 'PARTICIPANT_CHANGED');
    expectRejected(await putSchedule(OTHER_ADVISER, pid, { expectedVersion: 1, schedule: { plans: [], exceptions: [] } }), 403, 'NOT_ASSIGNED');
    expect(await counts()).toEqual(before);
  });
});

describe('PUT /participants/{id}/kiosk-credential', () => {
  type Issued = { cardNumber?: string; qrToken?: string };
  const issuedOf = (r: Reply) => r.body.issued as Issued;
  const attemptWith = (cardNumber: string, pin: string) =>
    db.call(checkin, apiEvent({ method: 'POST', path: '/checkins', caller: kioskCaller('kiosk-1'), body: { eventId: randomUUID(), type: 'IN', deviceId: 'kiosk-1', deviceTime: '2026-10-15T11:59:00+02:00', kiosk: { cardNumber, pin } } }));

  test('the server makes the card number (shown once), stores only hashes (card sha256, PIN salted scrypt), and the card works at the kiosk', async () => {
    const pid = await registered();
    const r = await putCredential(ADVISER, pid, { issueCard: true, pin: '4826' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ participantId: pid, kioskCredentials: ['CARD'], issued: { cardNumber: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/) }, updatedAt: '2026-10-15T10:00:00.000Z' });
    const card = issuedOf(r).cardNumber!;
    const stored = await db.deps.kioskCredentials.findKioskCredential('5001', 'CARD', credentialSecretHash('CARD', card.replace(/-/g, '')));
    expect(stored?.pinHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPin('4826', stored?.pinHash)).toBe(true);
    const scan = JSON.stringify((await db.client.send(new ScanCommand({ TableName: db.tableName('participants') }))).Items);
    expect(scan).not.toContain(card);
    expect(scan).not.toContain(card.replace(/-/g, ''));
    expect(scan).not.toContain('"4826"');
    expect((await auditOf(pid)).at(-1)).toMatchObject({ action: 'WRITE', purpose: 'participant-kiosk-credential' });
    expect((await attemptWith(card, '4826')).status).toBe(201);
  });

  test('a card locked by wrong PINs works again once the adviser sets a new PIN', async () => {
    const pid = await registered();
    const card = issuedOf(await putCredential(ADVISER, pid, { issueCard: true, pin: '4826' })).cardNumber!;
    for (let i = 0; i < 5; i++) expectRejected(await attemptWith(card, '9513'), 401, 'IDENTIFICATION_FAILED');
    expectRejected(await attemptWith(card, '4826'), 429, 'TOO_MANY_ATTEMPTS');
    const r = await putCredential(ADVISER, pid, { pin: '6174' });
    expect([r.status, r.body.issued]).toEqual([200, {}]);
    expect((await attemptWith(card, '6174')).status).toBe(201);
  });

  test('a new card replaces the old one (which stops working); a PIN change alone keeps card and QR', async () => {
    const pid = await registered();
    const first = issuedOf(await putCredential(ADVISER, pid, { issueCard: true, pin: '4826' })).cardNumber!;
    const repo = db.deps.kioskCredentials;
    const second = issuedOf(await putCredential(ADVISER, pid, { issueCard: true, issueQr: true, pin: '5938' }));
    expect(second.cardNumber).not.toBe(first);
    expect(await repo.findKioskCredential('5001', 'CARD', credentialSecretHash('CARD', first.replace(/-/g, '')))).toBeUndefined();
    const r = await putCredential(ADVISER, pid, { pin: '7315' });
    expect(r.body.kioskCredentials).toEqual(['CARD', 'QR']);
    expect(await verifyPin('7315', (await repo.findKioskCredential('5001', 'CARD', credentialSecretHash('CARD', second.cardNumber!.replace(/-/g, ''))))?.pinHash)).toBe(true);
    expect(await verifyPin('7315', (await repo.findKioskCredential('5001', 'QR', credentialSecretHash('QR', second.qrToken!)))?.pinHash)).toBe(true);
  });

  test('no chosen numbers; PIN without any card → 400 NO_KIOSK_CREDENTIAL; guessable PIN → 400; unassigned → 403; nothing stored', async () => {
    const b = await registered();
    const before = await counts();
    expectRejected(await putCredential(ADVISER, b, { cardNumber: 'CARD4444', pin: '5938' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putCredential(ADVISER, b, { qrToken: 'qr-token-0123456789abcdef', pin: '5938' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putCredential(ADVISER, b, { pin: '5938' }), 400, 'NO_KIOSK_CREDENTIAL');
    expectRejected(await putCredential(ADVISER, b, { issueCard: false, pin: '5938' }), 400, 'NO_KIOSK_CREDENTIAL');
    for (const pin of ['1234', '0000', '9876', '12a4', '123']) expectRejected(await putCredential(ADVISER, b, { issueCard: true, pin }), 400, 'VALIDATION_FAILED');
    expectRejected(await putCredential(ADVISER, b, { issueCard: true, pin: '5938', pinHash: 'x' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await putCredential(OTHER_ADVISER, b, { issueCard: true, pin: '5938' }), 403, 'NOT_ASSIGNED');
    expect(await counts()).toEqual(before);
    expect([guessablePin('1212'), guessablePin('2468'), guessablePin('3333'), guessablePin('5678')]).toEqual([false, false, true, true]);
  });
});

describe('GET /participants/{id}/attendance', () => {
  test("the assigned adviser sees the participant's month; the READ entry comes first", async () => {
    const r = await getMonth(ADVISER, 'p-seeded', { month: '2026-10' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ participantId: 'p-seeded', month: '2026-10' });
    expect((r.body.days as unknown[]).length).toBe(22);
    expect((await auditOf('p-seeded')).at(-1)).toMatchObject({ action: 'READ', purpose: 'participant-attendance', route: 'GET /participants/{id}/attendance' });
  });

  test('validation, ownership and a failing access log', async () => {
    const before = await counts();
    expectRejected(await getMonth(ADVISER, 'p-seeded', {}), 400, 'VALIDATION_FAILED');
    expectRejected(await getMonth(ADVISER, 'p-seeded', { month: '2026-13' }), 400, 'VALIDATION_FAILED');
    expectRejected(await getMonth(ADVISER, 'p-seeded', { month: '2026-10', participantId: 'p-oslo' }), 400, 'UNKNOWN_FIELD');
    expectRejected(await getMonth(OTHER_ADVISER, 'p-seeded', { month: '2026-10' }), 403, 'NOT_ASSIGNED');
    expectRejected(await getMonth(ADVISER, 'p-nobody', { month: '2026-10' }), 404, 'NOT_FOUND');
    expect(await counts()).toEqual(before);
    db.deps.swap({ audit: failingAudit });
    expectRejected(await getMonth(ADVISER, 'p-seeded', { month: '2026-10' }), 503, 'AUDIT_UNAVAILABLE');
  });
});

// S7: after each test, no synthetic name, national id, card number or PIN in the log lines it caused.
scanLogsAfterEach(
  () => logs,
  () => SECRETS,
);
