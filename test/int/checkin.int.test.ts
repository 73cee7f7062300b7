/**
 * POST /checkins over HTTP against the local system (infra/local): the
 * same handler behind the local API Gateway adapter, the JWT check for the
 * app and the kiosk authorizer for kiosks' own client-credentials tokens.
 * Idempotency on the event id (quality.md R1–R3), time from the server
 * (S12: the app's event counts at the server's time, a kiosk's device time
 * within the policy window), kiosk identification, and no personal data in
 * logs or error bodies (S7). The attacks on the kiosk's limits are in
 * kiosk-security.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { TABLES } from '../../shared/contract/tables.js';
import type { SeededParticipant } from '../support/api-seed.js';
import { assign, seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import { captureLogs } from '../support/capture-logs.js';
import { FILE_CHECK_CACHE_LIMIT, FileChecks } from '../../shared/adapters/file-checks.js';
import { device, participant, staff, startTestSystem, type HttpReply, type TestSystem, type Who } from '../support/local-system.js';

let sys: TestSystem;
const seeded: SeededParticipant[] = [];
const NOW_LOCAL = '2026-10-01T09:55:00+02:00';
const tokens = new Map<string, Promise<string>>();

const participantCaller = (pid: string) => participant(pid);
/** A registered kiosk's own client-credentials token (seedDevice). */
const kioskCaller = (deviceId: string) => device(deviceId);
function tokenOf(caller: Who): Promise<string> {
  const key = JSON.stringify(caller);
  let t = tokens.get(key);
  if (t === undefined) tokens.set(key, (t = sys.tokenFor(caller)));
  return t;
}
interface Reply extends HttpReply {
  body: Record<string, unknown>;
}
const checkin = async (caller: Who, body: Record<string, unknown>): Promise<Reply> => {
  const r = await sys.http('POST', '/checkins', { token: await tokenOf(caller), body });
  return { ...r, body: r.body ?? {} };
};
const appBody = (over: Record<string, unknown> = {}) => ({ eventId: randomUUID(), type: 'IN', deviceId: 'phone-1', deviceTime: NOW_LOCAL, ...over });
const kioskBody = (cardNumber: string, pin: string, over: Record<string, unknown> = {}) => ({ ...appBody({ deviceId: 'kiosk-1' }), kiosk: { cardNumber, pin }, ...over });
const eventsOf = (pid: string) => sys.deps.attendance.listEvents(pid, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
const db = { count: (key: 'attendance') => sys.count(key) };
const clock = {
  set: (to: string) => sys.clock!.set(to),
  advance: (ms: number) => sys.clock!.advance(ms),
};

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-01T08:00:00Z' });
  seeded.push(await seedParticipant(sys.deps, 'p-ada', { givenName: 'émilie' }), await seedParticipant(sys.deps, 'p-bo'), await seedParticipant(sys.deps, 'p-cy'), await seedParticipant(sys.deps, 'p-di'), await seedParticipant(sys.deps, 'p-eve'), await seedParticipant(sys.deps, 'p-fay'));
  for (const pid of ['p-gus', 'p-hal', 'p-ida', 'p-jon']) seeded.push(await seedParticipant(sys.deps, pid));
  await seedCard(sys.deps, 'p-ada', 'CARD0001', '2468');
  await seedCard(sys.deps, 'p-bo', 'CARD0002', '1357');
  await seedCard(sys.deps, 'p-cy', 'CARD0003', '9999');
  await seedDevice(sys.deps, 'kiosk-1');
  await seedDevice(sys.deps, 'kiosk-2');
  await seedDevice(sys.deps, 'kiosk-3');
  await seedDevice(sys.deps, 'kiosk-off', '5001', false);
  await seedDevice(sys.deps, 'kiosk-oslo', '0301');
}, 120_000);

afterAll(() => sys?.stop());

beforeEach(() => clock.set('2026-10-01T08:00:00Z'));

describe('participant check-in', () => {
  test('records the event and returns a receipt with the initial', async () => {
    const body = appBody();
    const r = await checkin(participantCaller('p-ada'), body);
    expect(r.status).toBe(201);
    // S12: the app's event counts at the server's time; what the app said is kept beside it.
    expect(r.body).toEqual({ receiptId: expect.stringMatching(/^rcpt-/), eventId: body.eventId, type: 'IN', participantInitial: 'É', recordedAt: '2026-10-01T08:00:00.000Z', deviceTime: '2026-10-01T08:00:00.000Z' });
    expect((await eventsOf('p-ada')).find((e) => e.eventId === body.eventId)).toMatchObject({ source: 'app', deviceTime: '2026-10-01T08:00:00.000Z', sentDeviceTime: NOW_LOCAL });
  }, 60_000);

  test('R1: 1 000 sequential + 100 concurrent replays → 1 record, same receipt, 0 server errors', async () => {
    const body = appBody({ type: 'OUT' });
    const first = await checkin(participantCaller('p-bo'), body);
    const before = await db.count('attendance');
    const statuses = new Map<number, number>();
    const receipts = new Set<string>();
    const raws = new Set<string>();
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      const r = await checkin(participantCaller('p-bo'), body);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      receipts.add(String(r.body.receiptId));
      raws.add(r.raw);
    }
    const sequentialMs = performance.now() - t0;
    const concurrent = await Promise.all(Array.from({ length: 100 }, () => checkin(participantCaller('p-bo'), body)));
    for (const r of concurrent) {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      receipts.add(String(r.body.receiptId));
      raws.add(r.raw);
    }
    expect([...statuses]).toEqual([[201, 1100]]);
    expect([...receipts]).toEqual([first.body.receiptId]);
    expect([...raws]).toEqual([first.raw]);
    expect(await db.count('attendance')).toBe(before);
    expect((await eventsOf('p-bo')).filter((e) => e.eventId === body.eventId)).toHaveLength(1);
    console.info(`R1: 1 000 sequential replays in ${Math.round(sequentialMs)} ms (${(sequentialMs / 1000).toFixed(2)} ms each)`);
  }, 60_000);

  test('R1: 100 concurrent first requests for one new event → exactly 1 record', async () => {
    const body = appBody();
    const before = await db.count('attendance');
    const rs = await Promise.all(Array.from({ length: 100 }, () => checkin(participantCaller('p-cy'), body)));
    expect(new Set(rs.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(rs.map((r) => r.raw)).size).toBe(1);
    expect(await db.count('attendance')).toBe(before + 1);
  }, 60_000);

  test('R2: same event id, different body → 409 EVENT_ID_CONFLICT, 0 writes', async () => {
    const body = appBody();
    await checkin(participantCaller('p-ada'), body);
    const before = await db.count('attendance');
    for (const changed of [{ ...body, type: 'OUT' }, { ...body, deviceTime: '2026-10-01T09:56:00+02:00' }, { ...body, deviceId: 'phone-2' }]) {
      const r = await checkin(participantCaller('p-ada'), changed);
      expect([r.status, r.body.code]).toEqual([409, 'EVENT_ID_CONFLICT']);
    }
    const other = await checkin(participantCaller('p-bo'), body);
    expect([other.status, other.body.code]).toEqual([409, 'EVENT_ID_CONFLICT']);
    expect(await db.count('attendance')).toBe(before);
  }, 60_000);

  test('R3: a replay days later still returns the receipt and writes nothing', async () => {
    const body = appBody();
    const first = await checkin(participantCaller('p-ada'), body);
    const before = await db.count('attendance');
    clock.set('2026-10-11T08:00:00Z');
    const again = await checkin(participantCaller('p-ada'), body);
    expect([again.status, again.raw]).toEqual([201, first.raw]);
    expect(await db.count('attendance')).toBe(before);
    // A NEW event with that device time is now too old.
    const late = await checkin(participantCaller('p-ada'), appBody());
    expect([late.status, late.body.code]).toEqual([400, 'DEVICE_TIME_TOO_OLD']);
  }, 60_000);

  test('S12: the app may be at most 5 minutes off the server clock, either way; the event counts at the server time', async () => {
    const ahead = await checkin(participantCaller('p-ada'), appBody({ deviceTime: '2026-10-01T08:05:01Z' }));
    expect([ahead.status, ahead.body.code]).toEqual([400, 'DEVICE_TIME_IN_FUTURE']);
    const behind = await checkin(participantCaller('p-ada'), appBody({ deviceTime: '2026-10-01T07:54:59Z' }));
    expect([behind.status, behind.body.code]).toEqual([400, 'DEVICE_TIME_TOO_OLD']);
    for (const deviceTime of ['2026-10-01T08:05:00Z', '2026-10-01T07:55:00Z']) {
      const r = await checkin(participantCaller('p-ada'), appBody({ deviceTime }));
      expect([r.status, r.body.deviceTime]).toEqual([201, '2026-10-01T08:00:00.000Z']);
    }
  }, 60_000);

  test("S12: a kiosk's device time may be up to the replay window (72 h) old, never more, never more than 5 minutes ahead", async () => {
    const at = (deviceTime: string) => checkin(kioskCaller('kiosk-1'), kioskBody('CARD0002', '1357', { deviceTime }));
    expect((await at('2026-10-01T08:05:01Z')).body.code).toBe('DEVICE_TIME_IN_FUTURE');
    const old = await at('2026-09-28T08:00:00Z');
    expect([old.status, old.body.deviceTime]).toEqual([201, '2026-09-28T08:00:00Z']);
    expect((await at('2026-09-28T07:59:59Z')).body.code).toBe('DEVICE_TIME_TOO_OLD');
  }, 60_000);

  test("the kiosk's replay window is the municipality policy; the app's is not", async () => {
    await sys.deps.policies.savePolicy({ municipality: '5001', benefit: {}, attendance: { replayWindowHours: 240, missingCheckout: 'END_OF_SESSION' }, version: 1, updatedAt: '2026-09-01T00:00:00Z' }, 0);
    try {
      expect((await checkin(kioskCaller('kiosk-1'), kioskBody('CARD0002', '1357', { deviceTime: '2026-09-25T08:00:00Z' }))).status).toBe(201);
      expect((await checkin(participantCaller('p-ada'), appBody({ deviceTime: '2026-09-25T08:00:00Z' }))).body.code).toBe('DEVICE_TIME_TOO_OLD');
    } finally {
      await sys.deps.policies.savePolicy({ municipality: '5001', benefit: {}, attendance: { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' }, version: 2, updatedAt: '2026-09-01T00:00:00Z' }, 1);
    }
  }, 60_000);

  test('bad input: unknown fields, local time without offset, kiosk block from a participant, unknown participant', async () => {
    const before = await db.count('attendance');
    expect((await checkin(participantCaller('p-ada'), appBody({ participantId: 'p-bo' }))).body).toMatchObject({ code: 'UNKNOWN_FIELD', issues: [{ path: 'body.participantId' }] });
    expect((await checkin(participantCaller('p-ada'), appBody({ deviceTime: '2026-10-01T09:55:00' }))).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.deviceTime' }] });
    expect((await checkin(participantCaller('p-ada'), appBody({ eventId: 'not-a-uuid' }))).body.code).toBe('VALIDATION_FAILED');
    expect((await checkin(participantCaller('p-ada'), kioskBody('CARD0001', '2468'))).body.code).toBe('KIOSK_FIELDS_NOT_ALLOWED');
    expect((await checkin(participantCaller('p-ada'), appBody({ identification: 'idn-1' }))).body).toMatchObject({ code: 'KIOSK_FIELDS_NOT_ALLOWED', issues: [{ path: 'body.identification' }] });
    expect((await checkin(participantCaller('p-ada'), appBody({ queued: true }))).body).toMatchObject({ code: 'KIOSK_FIELDS_NOT_ALLOWED', issues: [{ path: 'body.queued' }] });
    // A login whose file does not exist is refused before the handler (shared/http/participant-guard.ts).
    expect((await checkin(participantCaller('p-nobody'), appBody())).body.code).toBe('NO_PARTICIPANT_FILE');
    expect(await db.count('attendance')).toBe(before);
  }, 60_000);
});

describe('P3: an app check-in is one conditional write; its file check is remembered for a bounded age', () => {
  const participantsTable = () => sys.system.env[TABLES.find((t) => t.key === 'participants')!.envVar]!;
  /** Someone with write access to the table, past the API (and past every process's cache). */
  const direct = async (write: { put: Record<string, unknown> } | { delete: { pk: string; sk: string } }) => {
    const dynamo = createDocumentClient({ region: 'eu-north-1', dynamoEndpoint: sys.system.dynamoEndpoint });
    if ('put' in write) await dynamo.send(new PutCommand({ TableName: participantsTable(), Item: write.put }));
    else await dynamo.send(new DeleteCommand({ TableName: participantsTable(), Key: write.delete }));
    dynamo.destroy();
  };
  /** The configured bound (CHECKIN_FILE_CHECK_MAX_AGE_SECONDS; the local system's default). */
  const maxAgeMs = () => sys.deps.config.checkinFileCheckMaxAgeSeconds * 1000;
  /** An app body whose device time is the server clock's now (the clock moves in these tests). */
  const nowBody = (over: Record<string, unknown> = {}) => appBody({ deviceTime: sys.clock!.now().toISOString(), ...over });
  /**
   * Every DynamoDB request the handlers send while `fn` runs, as `Operation table`: counted in the middleware of
   * the one document client of the system's dependency object (every repository and handler sends through it).
   */
  async function requestsDuring(fn: () => Promise<void>): Promise<string[]> {
    const sent: string[] = [];
    const stack = sys.deps.table('attendance').db.middlewareStack;
    const tableName = (key: 'attendance' | 'participants') => sys.system.env[TABLES.find((t) => t.key === key)!.envVar]!;
    const names = new Map([tableName('attendance'), tableName('participants')].map((n, i) => [n, i === 0 ? 'attendance' : 'participants']));
    stack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
        const table = input.TableName ?? Object.keys(input.RequestItems ?? {}).join('+');
        sent.push(`${context.commandName} ${names.get(table) ?? table}`);
        return next(args);
      },
      { step: 'initialize', name: 'p3-count-requests' },
    );
    try {
      await fn();
    } finally {
      stack.remove('p3-count-requests');
    }
    return sent;
  }

  test('the bound is the configuration: 5 s unless CHECKIN_FILE_CHECK_MAX_AGE_SECONDS says otherwise; the cache is bounded in size', () => {
    expect(maxAgeMs()).toBe(5_000);
    expect([sys.deps.fileChecks.maxAgeMs, sys.deps.fileChecks.limit]).toEqual([5_000, FILE_CHECK_CACHE_LIMIT]);
  });

  test('a participant who has checked in: the next check-in sends exactly one PutItem and nothing else (no file, identity or event read)', async () => {
    expect((await checkin(participantCaller('p-eve'), appBody())).status).toBe(201);
    const repo = sys.deps.participants;
    const reads = [jest.spyOn(repo, 'participantAccess'), jest.spyOn(repo, 'checkinFile'), jest.spyOn(repo, 'getIdentity'), jest.spyOn(sys.deps.attendance, 'getEvent')];
    try {
      let r: Reply | undefined;
      const sent = await requestsDuring(async () => {
        r = await checkin(participantCaller('p-eve'), appBody({ type: 'OUT' }));
      });
      expect([r!.status, r!.body.participantInitial]).toEqual([201, 'Z']);
      expect(sent).toEqual(['PutItemCommand attendance']);
      expect(reads.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
    } finally {
      for (const spy of reads) spy.mockRestore();
    }
  }, 60_000);

  test('a first check-in (nothing remembered): one read of the file (its access and the initial together), then the one PutItem', async () => {
    sys.deps.fileChecks.forget('p-eve');
    const sent = await requestsDuring(async () => {
      expect((await checkin(participantCaller('p-eve'), appBody())).body.participantInitial).toBe('Z');
    });
    expect(sent).toEqual(['BatchGetItemCommand participants', 'PutItemCommand attendance']);
  }, 60_000);

  test('the attack: a file closed, then deleted, straight in the table right after a check-in still checks in within the bound (the documented cost), and is refused once the bound has passed, with the same codes; nothing more is recorded', async () => {
    expect((await checkin(participantCaller('p-fay'), nowBody())).status).toBe(201);
    await direct({ put: { pk: 'P#p-fay', sk: 'ACCESS', status: 'CLOSED', version: 1 } });
    // Within the bound, the remembered answer stands: this is what the bound allows.
    sys.clock!.advance(maxAgeMs() - 1);
    expect((await checkin(participantCaller('p-fay'), nowBody())).status).toBe(201);
    const before = (await eventsOf('p-fay')).length;
    // Past the bound (counted from the read), the file is read again.
    sys.clock!.advance(1);
    const closed = await checkin(participantCaller('p-fay'), nowBody());
    expect([closed.status, closed.body.code]).toEqual([403, 'ACCESS_CLOSED']);
    // A damaged access item fails shut, as the middleware's read does.
    await direct({ put: { pk: 'P#p-fay', sk: 'ACCESS', status: 'open' } });
    sys.clock!.advance(maxAgeMs());
    expect((await checkin(participantCaller('p-fay'), nowBody())).body.code).toBe('ACCESS_CLOSED');
    await direct({ delete: { pk: 'P#p-fay', sk: 'ACCESS' } });
    await direct({ delete: { pk: 'P#p-fay', sk: 'PROFILE' } });
    sys.clock!.advance(maxAgeMs());
    const gone = await checkin(participantCaller('p-fay'), nowBody());
    expect([gone.status, gone.body.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    // Before the time check and the body's fields, as on every participant route: a refused file is told so first.
    expect((await checkin(participantCaller('p-fay'), appBody({ deviceTime: '2026-09-01T08:00:00Z' }))).body.code).toBe('NO_PARTICIPANT_FILE');
    expect((await checkin(participantCaller('p-fay'), appBody({ kiosk: { cardNumber: 'CARD0001', pin: '2468' } }))).body.code).toBe('NO_PARTICIPANT_FILE');
    expect(await eventsOf('p-fay')).toHaveLength(before);
  }, 60_000);

  test('with CHECKIN_FILE_CHECK_MAX_AGE_SECONDS=0 the same attack is refused at once: every check-in reads the file (one read, one write)', async () => {
    sys.deps.swap({ fileChecks: new FileChecks(sys.deps, 0) });
    try {
      expect((await checkin(participantCaller('p-gus'), nowBody())).status).toBe(201);
      const sent = await requestsDuring(async () => {
        expect((await checkin(participantCaller('p-gus'), nowBody())).status).toBe(201);
      });
      expect(sent).toEqual(['BatchGetItemCommand participants', 'PutItemCommand attendance']);
      expect(sys.deps.fileChecks.size).toBe(0);
      const before = (await eventsOf('p-gus')).length;
      await direct({ put: { pk: 'P#p-gus', sk: 'ACCESS', status: 'CLOSED', version: 1 } });
      expect((await checkin(participantCaller('p-gus'), nowBody())).body.code).toBe('ACCESS_CLOSED');
      await direct({ delete: { pk: 'P#p-gus', sk: 'PROFILE' } });
      expect((await checkin(participantCaller('p-gus'), nowBody())).body.code).toBe('NO_PARTICIPANT_FILE');
      expect(await eventsOf('p-gus')).toHaveLength(before);
    } finally {
      sys.deps.swap({});
    }
  }, 60_000);

  test('closed and reopened THROUGH the API (the same process): refused by the very next check-in, accepted again at once, with no clock movement', async () => {
    const admin = await tokenOf(staff('admin-p3', ['admin']));
    expect((await checkin(participantCaller('p-hal'), nowBody())).status).toBe(201);
    const before = (await eventsOf('p-hal')).length;
    const close = await sys.http('PUT', '/participants/p-hal/access', { token: admin, body: { status: 'CLOSED', reason: 'Stengt i test' } });
    expect(close.body).toMatchObject({ status: 'CLOSED', changed: true });
    const refused = await checkin(participantCaller('p-hal'), nowBody());
    expect([refused.status, refused.body.code]).toEqual([403, 'ACCESS_CLOSED']);
    expect(await eventsOf('p-hal')).toHaveLength(before);
    expect((await sys.http('PUT', '/participants/p-hal/access', { token: admin, body: { status: 'OPEN', reason: 'Gjenåpnet i test' } })).body).toMatchObject({ status: 'OPEN', changed: true });
    expect((await checkin(participantCaller('p-hal'), nowBody())).status).toBe(201);
  }, 60_000);

  test('a device binding: ended through the API → DEVICE_BINDING_ENDED at once; ended straight in the table → within the bound; expired → at once (its end is compared with the clock each time)', async () => {
    const binding = (bindingId: string, expiresAt: string, over: Record<string, unknown> = {}) => ({
      pk: 'DEVICEBINDINGS#p-ida',
      sk: `BINDING#${bindingId}`,
      bindingId,
      participantId: 'p-ida',
      municipality: '5001',
      publicKey: { kty: 'EC' },
      createdAt: sys.clock!.now().toISOString(),
      expiresAt,
      ...over,
    });
    const bound = (bindingId: string) => ({ ...participant('p-ida'), deviceBinding: bindingId });
    const inADay = new Date(sys.clock!.now().getTime() + 86_400_000).toISOString();
    await direct({ put: binding('b-api', inADay) });
    await direct({ put: binding('b-table', inADay) });
    await direct({ put: binding('b-short', new Date(sys.clock!.now().getTime() + 1_000).toISOString()) });
    for (const b of ['b-api', 'b-table', 'b-short']) expect((await checkin(bound(b), nowBody())).status).toBe(201);
    const before = (await eventsOf('p-ida')).length;

    // Its end time passes within the bound: refused at once.
    sys.clock!.advance(1_000);
    expect((await checkin(bound('b-short'), nowBody())).body.code).toBe('DEVICE_BINDING_ENDED');

    // Ended straight in the table: the remembered binding stands until the bound has passed.
    await direct({ put: binding('b-table', inADay, { revokedAt: sys.clock!.now().toISOString(), revokedBy: 'ADVISER' }) });
    expect((await checkin(bound('b-table'), nowBody())).status).toBe(201);
    sys.clock!.advance(maxAgeMs());
    expect((await checkin(bound('b-table'), nowBody())).body.code).toBe('DEVICE_BINDING_ENDED');

    // Ended through the API (the adviser ends every binding): refused by the very next check-in.
    expect((await checkin(bound('b-api'), nowBody())).status).toBe(201);
    await assign(sys.deps, 'p-ida', 'adviser-p3');
    const ended = await sys.http('DELETE', '/participants/p-ida/device-bindings', { token: await tokenOf(staff('adviser-p3', ['adviser'])) });
    expect(ended.status).toBe(200);
    const refused = await checkin(bound('b-api'), nowBody());
    expect([refused.status, refused.body.code]).toEqual([401, 'DEVICE_BINDING_ENDED']);
    // A token without a binding (ID-porten) is not affected.
    expect((await checkin(participant('p-ida'), nowBody())).status).toBe(201);
    // Accepted after `before`: b-table within the bound, b-api before its end, the ID-porten token.
    expect(await eventsOf('p-ida')).toHaveLength(before + 3);
  }, 60_000);

  test('a token of another municipality than the file: refused (NO_PARTICIPANT_FILE) whether or not the file is remembered, never taken as allowed; nothing recorded', async () => {
    const before = await db.count('attendance');
    // Nothing remembered: the refusal reads the file.
    const cold = await checkin(participant('p-jon', '0301'), nowBody());
    expect([cold.status, cold.body.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    // Remembered now: the file's own municipality checks in, the other is still refused, in either order.
    expect((await checkin(participantCaller('p-jon'), nowBody())).status).toBe(201);
    const warm = await checkin(participant('p-jon', '0301'), nowBody());
    expect([warm.status, warm.body.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    expect((await checkin(participant('p-eve', '0301'), nowBody())).body.code).toBe('NO_PARTICIPANT_FILE');
    expect(await db.count('attendance')).toBe(before + 1);
  }, 60_000);

  test('the size bound: checking many participants never keeps more than the limit; the oldest answer goes first', async () => {
    const checks = new FileChecks(sys.deps, 60_000, 50);
    const ids = Array.from({ length: 200 }, (_, i) => `p-many-${i}`);
    let largest = 0;
    for (const pid of ids) {
      await checks.check(pid);
      largest = Math.max(largest, checks.size);
    }
    expect([largest, checks.size]).toEqual([50, 50]);
    // The last 50 are remembered (no read), the first are not.
    const reads = jest.spyOn(sys.deps.participants, 'checkinFile');
    try {
      await checks.check(ids.at(-1)!);
      expect(reads).toHaveBeenCalledTimes(0);
      await checks.check(ids[0]!);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  }, 60_000);
});

describe('R8: a burst of check-ins', () => {
  // Whether a burst passes the adapter's in-flight bound depends on the machine; the 503 itself is
  // tested deterministically in local-runtime.int.test.ts. Here: nothing is lost, nothing doubled.
  test('600 at once: every request answered (201, or 503 with Retry-After); retrying the 503s records every event exactly once', async () => {
    // Device times within the app's 5 minutes of the server clock (S12).
    const bodies = Array.from({ length: 600 }, (_, i) => appBody({ deviceTime: `2026-10-01T09:${String(56 + (i % 4)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+02:00` }));
    const before = await db.count('attendance');
    let pending = bodies;
    const seen = new Map<number, number>();
    let failures = 0;
    for (let round = 0; pending.length > 0 && round < 20; round++) {
      const replies = await Promise.all(pending.map((b) => checkin(participantCaller('p-cy'), b).catch(() => undefined)));
      failures += replies.filter((r) => r === undefined).length;
      for (const r of replies) if (r !== undefined) seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
      for (const r of replies) if (r?.status === 503) expect([r.body.code, r.headers['retry-after']]).toEqual(['OVERLOADED', '1']);
      pending = pending.filter((_, i) => replies[i]?.status !== 201);
    }
    expect(failures).toBe(0);
    expect([...seen.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(pending).toEqual([]);
    expect(await db.count('attendance')).toBe(before + bodies.length);
    console.info(`R8: 600 concurrent check-ins: ${JSON.stringify(Object.fromEntries(seen))}`);
  }, 120_000);
});

describe('kiosk check-in', () => {
  test('card + PIN identifies the participant; a replay does not need scrypt again', async () => {
    const body = kioskBody('CARD0002', '1357');
    const r = await checkin(kioskCaller('kiosk-1'), body);
    expect([r.status, r.body.participantInitial]).toEqual([201, 'Z']);
    expect((await eventsOf('p-bo')).find((e) => e.eventId === body.eventId)).toMatchObject({ source: 'kiosk', deviceId: 'kiosk-1' });
    expect((await checkin(kioskCaller('kiosk-1'), body)).raw).toBe(r.raw);
  }, 60_000);

  test('a kiosk is an active registered device with its own token; a user token claiming the kiosk group is not a kiosk', async () => {
    // A token of a client no device has, and of a deactivated device: the kiosk authorizer says no (403).
    const stranger = await sys.system.issuer.issueAccessToken({ clientId: 'client-kiosk-9', scope: 'introflyt/checkin', ttlSeconds: 900 });
    expect((await sys.http('POST', '/checkins', { token: stranger, body: kioskBody('CARD0002', '1357', { deviceId: 'kiosk-9' }) })).status).toBe(403);
    expect((await checkin(kioskCaller('kiosk-off'), kioskBody('CARD0002', '1357', { deviceId: 'kiosk-off' }))).status).toBe(403);
    // The right client without the check-in scope is not a kiosk either (and not a web client).
    const unscoped = await sys.system.issuer.issueAccessToken({ clientId: 'client-kiosk-1', scope: 'aws.cognito.signin.user.admin', ttlSeconds: 900 });
    expect((await sys.http('POST', '/checkins', { token: unscoped, body: kioskBody('CARD0002', '1357') })).status).toBe(403);
    // A user-pool token in the kiosk group naming a device: the group counts for nothing.
    const pretender = await sys.tokenFor({ sub: 'sub-pretender', groups: ['kiosk'], municipality: '5001', deviceId: 'kiosk-1' });
    const r = await sys.http('POST', '/checkins', { token: pretender, body: kioskBody('CARD0002', '1357') });
    expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    expect((await checkin(kioskCaller('kiosk-2'), kioskBody('CARD0002', '1357'))).body.code).toBe('DEVICE_MISMATCH');
    expect((await checkin(kioskCaller('kiosk-1'), appBody({ deviceId: 'kiosk-1' }))).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.kiosk' }] });
    // Oslo's kiosk is an Oslo kiosk (the municipality comes from the device, not the token): 5001's cards are unknown there.
    expect((await checkin(kioskCaller('kiosk-oslo'), kioskBody('CARD0002', '1357', { deviceId: 'kiosk-oslo' }))).body.code).toBe('IDENTIFICATION_FAILED');
  }, 60_000);

  test('unknown card and wrong PIN give the same answer', async () => {
    const wrong = await checkin(kioskCaller('kiosk-2'), kioskBody('CARD0003', '0000', { deviceId: 'kiosk-2' }));
    const unknown = await checkin(kioskCaller('kiosk-2'), kioskBody('NOSUCHCARD', '0000', { deviceId: 'kiosk-2' }));
    expect(wrong.status).toBe(401);
    expect([unknown.status, unknown.raw]).toEqual([wrong.status, wrong.raw]);
    expect(wrong.body).toEqual({ code: 'IDENTIFICATION_FAILED', message: 'Card or PIN not recognised' });
  }, 60_000);

  test('card numbers are compared without hyphens, spaces or case', async () => {
    const r = await checkin(kioskCaller('kiosk-2'), kioskBody('card-0002', '1357', { deviceId: 'kiosk-2' }));
    expect([r.status, r.body.participantInitial]).toEqual([201, 'Z']);
  }, 60_000);
});

describe('S7: no personal data in logs or error bodies', () => {
  test('names and national ids never appear in captured logs or responses', async () => {
    const logs = captureLogs();
    const bodies: string[] = [];
    try {
      const ev = appBody();
      bodies.push((await checkin(participantCaller('p-di'), ev)).raw);
      bodies.push((await checkin(participantCaller('p-di'), ev)).raw);
      bodies.push((await checkin(participantCaller('p-di'), { ...ev, type: 'OUT' })).raw);
      bodies.push((await checkin(kioskCaller('kiosk-2'), kioskBody('CARD0003', '9999', { deviceId: 'kiosk-2' }))).raw);
      bodies.push((await checkin(kioskCaller('kiosk-2'), kioskBody('CARD0003', '1234', { deviceId: 'kiosk-2' }))).raw);
      bodies.push((await checkin(participantCaller('p-di'), { ...appBody(), note: seeded[3]!.familyName })).raw);
    } finally {
      logs.stop();
    }
    const text = logs.text() + bodies.join('\n');
    expect(logs.lines().length).toBeGreaterThanOrEqual(6);
    for (const p of seeded) for (const secret of [p.givenName, p.familyName, p.nationalId]) expect(text).not.toContain(secret);
    for (const secret of ['CARD0003', '9999', '1234']) expect(logs.text()).not.toContain(secret);
  }, 60_000);
});
