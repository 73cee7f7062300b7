/**
 * The attacks of issue 8 items 1, 2, 4 (check-in side) and 10 (server side),
 * over HTTP against the local system (the kiosk authorizer, the handlers and
 * DynamoDB Local), each performed as described and seen to fail safely:
 *
 * - S10: 100 and 250 parallel PIN guesses on one card with one kiosk token,
 *   and spread over many kiosks: at most CARD_ATTEMPT_LIMIT PIN checks run
 *   (counted in the request logs), every other answer is a 429 with a code,
 *   the right PIN during the lock is refused;
 * - the lockout is no weapon: a flood of unknown cards slows that kiosk by
 *   at most 30 s and never locks it for cards that work; a lock does not tell
 *   whether a card exists; card numbers are random; a lock is audit-logged,
 *   shown to the adviser, cleared by the adviser (audit-logged); the app
 *   works while the card is locked;
 * - S12: the app sends check-in and check-out at 02:40 on a Saturday for
 *   Wednesday 08:30–15:00: refused, Wednesday stays without presence; only a
 *   registered kiosk's queued taps may carry an earlier time;
 * - the PIN step before the choice (POST /kiosk-identifications) and queued
 *   taps whose replay is refused: kept for the adviser, once per event.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamo.js';
import { CARD_ATTEMPT_LIMIT, DEVICE_BACKOFF_CAP_SECONDS, DEVICE_FREE_ATTEMPTS } from '../../shared/domain/attendance/kiosk-limits.js';
import { staffRef } from '../../shared/http/auth.js';
import { assign, seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import { captureLogs } from '../support/capture-logs.js';
import { device, participant, staff, startTestSystem, type HttpReply, type TestSystem, type Who } from '../support/local-system.js';

let sys: TestSystem;
const ADVISER = 'adviser-kiosk';
const tokens = new Map<string, Promise<string>>();
const tokenOf = (who: Who): Promise<string> => {
  const key = JSON.stringify(who);
  let t = tokens.get(key);
  if (t === undefined) tokens.set(key, (t = sys.tokenFor(who)));
  return t;
};
interface Reply extends HttpReply {
  body: Record<string, unknown>;
}
const call = async (who: Who, method: string, path: string, body?: unknown, query?: Record<string, string>): Promise<Reply> => {
  const r = await sys.http(method, path, { token: await tokenOf(who), ...(body !== undefined ? { body } : {}), ...(query !== undefined ? { query } : {}) });
  return { ...r, body: r.body ?? {} };
};
const now = () => sys.clock!.now();
/** A kiosk tap happening now on the kiosk's clock. */
const tap = (deviceId: string, cardNumber: string, pin: string, over: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type: 'IN',
  deviceId,
  deviceTime: now().toISOString(),
  kiosk: { cardNumber, pin },
  ...over,
});
const checkin = (deviceId: string, body: Record<string, unknown>) => call(device(deviceId), 'POST', '/checkins', body);
const identify = (deviceId: string, cardNumber: string, pin: string) => call(device(deviceId), 'POST', '/kiosk-identifications', { cardNumber, pin });
const adviser = staff(ADVISER, ['adviser']);
const status = async (pid: string) => (await call(adviser, 'GET', `/participants/${pid}/kiosk-credential`)).body as { credentials: { kind: string; locked: boolean; lockedUntil: string | null; attempts: number }[]; refusedReplays: Record<string, unknown>[] };
const eventsOf = (pid: string) => sys.deps.attendance.listEvents(pid, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
/** A wrong PIN for guess i (the right PINs used here are never of this form). */
const wrongPin = (i: number) => String(100000 + i);

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-07T06:30:00Z' });
  for (const pid of ['p-race', 'p-race2', 'p-spread', 'p-lock', 'p-flood', 'p-twin', 'p-app', 'p-kiosk', 'p-ident', 'p-queue', 'p-issue']) {
    await seedParticipant(sys.deps, pid);
    await assign(sys.deps, pid, ADVISER);
  }
  await seedCard(sys.deps, 'p-race', 'RACE0100', '7913');
  await seedCard(sys.deps, 'p-race2', 'RACE0250', '7913');
  await seedCard(sys.deps, 'p-spread', 'SPREAD01', '7913');
  await seedCard(sys.deps, 'p-lock', 'LOCK0001', '2468');
  await seedCard(sys.deps, 'p-flood', 'FLOOD001', '1357');
  await seedCard(sys.deps, 'p-twin', 'TWIN0001', '1357');
  await seedCard(sys.deps, 'p-app', 'APP00001', '1357');
  await seedCard(sys.deps, 'p-kiosk', 'KIOSK001', '1357');
  await seedCard(sys.deps, 'p-ident', 'IDENT001', '5824');
  await seedCard(sys.deps, 'p-queue', 'QUEUE001', '5824');
  for (const d of ['kiosk-100', 'kiosk-250', 'kiosk-lock', 'kiosk-flood', 'kiosk-calm', 'kiosk-twin', 'kiosk-app', 'kiosk-id', 'kiosk-id2', 'kiosk-q', 'kiosk-issue']) await seedDevice(sys.deps, d);
  for (let i = 0; i < 25; i++) await seedDevice(sys.deps, `kiosk-spread-${i}`);
}, 120_000);

afterAll(() => sys?.stop());

describe('S10: N parallel guesses on one card check at most the limit', () => {
  test.each([
    [100, 'kiosk-100', 'RACE0100', 'p-race'],
    [250, 'kiosk-250', 'RACE0250', 'p-race2'],
  ])('%i parallel wrong guesses with one kiosk token: at most 5 PIN checks, every other answer a 429 with a code; the right PIN then 429', async (n, deviceId, card, pid) => {
    const before = await sys.count('attendance');
    const logs = captureLogs();
    let replies: Reply[];
    try {
      replies = await Promise.all(Array.from({ length: n }, (_, i) => checkin(deviceId, tap(deviceId, card, wrongPin(i)))));
    } finally {
      logs.stop();
    }
    // This test's requests only (by their kiosk): a request of another test still running would be counted otherwise.
    const checks = logs.lines().filter((l) => l.fn === 'checkin-record' && l.actorRef === `device:${deviceId}` && l.pinCheck !== undefined);
    const byStatus = new Map<number, number>();
    for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    console.info(`S10: ${n} parallel guesses on one card, one kiosk: ${checks.length} PIN checks; answers ${JSON.stringify(Object.fromEntries(byStatus))}`);
    expect(checks.length).toBeLessThanOrEqual(CARD_ATTEMPT_LIMIT);
    expect(checks.length).toBe(CARD_ATTEMPT_LIMIT);
    expect(replies.filter((r) => r.status === 401).map((r) => r.body.code)).toEqual(Array(checks.length).fill('IDENTIFICATION_FAILED'));
    for (const r of replies.filter((x) => x.status !== 401)) {
      expect([r.status, ['TOO_MANY_ATTEMPTS', 'KIOSK_SLOWED_DOWN'].includes(String(r.body.code))]).toEqual([429, true]);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The right PIN during the lock: refused, never a check-in.
    const right = await checkin('kiosk-calm', tap('kiosk-calm', card, '7913'));
    expect([right.status, right.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(await sys.count('attendance')).toBe(before);
    expect((await status(pid)).credentials).toEqual([{ kind: 'CARD', locked: true, lockedUntil: expect.any(String), attempts: CARD_ATTEMPT_LIMIT }]);
  });

  test('100 parallel guesses spread over 25 kiosks (no kiosk slowed down): still at most 5 PIN checks for the card', async () => {
    const logs = captureLogs();
    let replies: Reply[];
    try {
      replies = await Promise.all(Array.from({ length: 100 }, (_, i) => checkin(`kiosk-spread-${i % 25}`, tap(`kiosk-spread-${i % 25}`, 'SPREAD01', wrongPin(i)))));
    } finally {
      logs.stop();
    }
    const checks = logs.lines().filter((l) => l.fn === 'checkin-record' && String(l.actorRef).startsWith('device:kiosk-spread-') && l.pinCheck !== undefined);
    expect(checks.length).toBe(CARD_ATTEMPT_LIMIT);
    expect(replies.filter((r) => r.status === 401)).toHaveLength(CARD_ATTEMPT_LIMIT);
    expect(new Set(replies.filter((r) => r.status !== 401).map((r) => `${r.status} ${String(r.body.code)}`))).toEqual(new Set(['429 TOO_MANY_ATTEMPTS']));
  });

  test('50 parallel requests with the RIGHT PIN on a locked card: every one refused with 429, none recorded, no PIN checked', async () => {
    const before = await sys.count('attendance');
    const logs = captureLogs();
    let replies: Reply[];
    try {
      replies = await Promise.all(Array.from({ length: 50 }, (_, i) => checkin(`kiosk-spread-${i % 25}`, tap(`kiosk-spread-${i % 25}`, 'SPREAD01', '7913'))));
    } finally {
      logs.stop();
    }
    expect(logs.lines().filter((l) => l.fn === 'checkin-record' && String(l.actorRef).startsWith('device:kiosk-spread-') && l.pinCheck !== undefined)).toEqual([]);
    expect(new Set(replies.map((r) => `${r.status} ${String(r.body.code)}`))).toEqual(new Set(['429 TOO_MANY_ATTEMPTS']));
    expect(await sys.count('attendance')).toBe(before);
  });
});

describe('the lockout is not a weapon', () => {
  test('a flood of unknown cards slows only that kiosk, by at most 30 s, and never locks it for a card that works; other kiosks are not slowed', async () => {
    const waits: number[] = [];
    let failures = 0;
    for (let i = 0; i < 40; i++) {
      const r = await checkin('kiosk-flood', tap('kiosk-flood', `GHOST${String(i).padStart(4, '0')}`, '1111'));
      if (r.status === 401) failures++;
      else {
        expect([r.status, r.body.code]).toEqual([429, 'KIOSK_SLOWED_DOWN']);
        const wait = Number(r.headers['retry-after']);
        waits.push(wait);
        sys.clock!.advance(wait * 1000);
      }
    }
    // The flood's last attempt: counted (after its wait), so the kiosk is in its back-off now.
    let last = await checkin('kiosk-flood', tap('kiosk-flood', 'GHOST9999', '1111'));
    if (last.status === 429) {
      sys.clock!.advance(Number(last.headers['retry-after']) * 1000);
      last = await checkin('kiosk-flood', tap('kiosk-flood', 'GHOST9998', '1111'));
    }
    expect(last.body.code).toBe('IDENTIFICATION_FAILED');
    console.info(`kiosk flood: ${failures + 1} failed identifications, waits ${waits.join(', ')} s`);
    expect(failures).toBeGreaterThan(DEVICE_FREE_ATTEMPTS);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBe(DEVICE_BACKOFF_CAP_SECONDS);
    expect(waits.every((w, i) => i === 0 || w >= waits[i - 1]!)).toBe(true);

    // In the back-off, a working card waits at most the cap, then gets through at this kiosk.
    const slowed = await checkin('kiosk-flood', tap('kiosk-flood', 'FLOOD001', '1357'));
    expect([slowed.status, slowed.body.code]).toEqual([429, 'KIOSK_SLOWED_DOWN']);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(DEVICE_BACKOFF_CAP_SECONDS);
    sys.clock!.advance(Number(slowed.headers['retry-after']) * 1000);
    const through = await checkin('kiosk-flood', tap('kiosk-flood', 'FLOOD001', '1357'));
    expect(through.status).toBe(201);
    // Another kiosk was never slowed.
    expect((await checkin('kiosk-calm', tap('kiosk-calm', 'FLOOD001', '1357', { type: 'OUT' }))).status).toBe(201);
  });

  test('a locked card and a locked unknown card get the same answer: nothing tells whether a card exists', async () => {
    for (let i = 0; i < CARD_ATTEMPT_LIMIT; i++) {
      await checkin('kiosk-twin', tap('kiosk-twin', 'TWIN0001', wrongPin(i)));
      await checkin('kiosk-twin', tap('kiosk-twin', 'NOTWIN01', wrongPin(i)));
    }
    const known = await checkin('kiosk-calm', tap('kiosk-calm', 'TWIN0001', '1357'));
    const unknown = await checkin('kiosk-calm', tap('kiosk-calm', 'NOTWIN01', '1357'));
    expect(known.status).toBe(429);
    expect([unknown.status, unknown.raw, unknown.headers['retry-after']]).toEqual([known.status, known.raw, known.headers['retry-after']]);
  });

  test('a locked card tried again and again (a queued tap retried) never slows its kiosk down for others', async () => {
    for (let i = 0; i < DEVICE_FREE_ATTEMPTS * 3; i++) expect((await checkin('kiosk-calm', tap('kiosk-calm', 'TWIN0001', '1357'))).body.code).toBe('TOO_MANY_ATTEMPTS');
    expect((await checkin('kiosk-calm', tap('kiosk-calm', 'FLOOD001', '1357'))).status).toBe(201);
  });

  test('card numbers and QR tokens come from the server at random, readable for printing, shown once; the old card stops working', async () => {
    const issue = (body: Record<string, unknown>) => call(adviser, 'PUT', '/participants/p-issue/kiosk-credential', body);
    const first = await issue({ issueCard: true, issueQr: true, pin: '5824' });
    expect(first.status).toBe(200);
    const issued = first.body.issued as { cardNumber: string; qrToken: string };
    expect(first.body.kioskCredentials).toEqual(['CARD', 'QR']);
    expect(issued.cardNumber).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(issued.qrToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const numbers = [issued.cardNumber];
    for (let i = 0; i < 5; i++) numbers.push(((await issue({ issueCard: true, pin: '5824' })).body.issued as { cardNumber: string }).cardNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Never in sequence: consecutive numbers differ in many places, not in the last one.
    for (let i = 1; i < numbers.length; i++) expect([...numbers[i]!].filter((c, j) => c !== numbers[i - 1]![j]).length).toBeGreaterThan(4);
    // A person may not choose the number.
    expect((await issue({ cardNumber: 'MYOWNCARD1', pin: '5824' })).body.code).toBe('UNKNOWN_FIELD');
    // Only the newest card works, typed as printed, without hyphens or in lower case; the first QR token still works.
    const newest = numbers.at(-1)!;
    expect((await checkin('kiosk-issue', tap('kiosk-issue', newest, '5824'))).status).toBe(201);
    expect((await checkin('kiosk-issue', tap('kiosk-issue', newest.replace(/-/g, '').toLowerCase(), '5824', { type: 'OUT' }))).status).toBe(201);
    expect((await checkin('kiosk-issue', { ...tap('kiosk-issue', 'x', '5824'), kiosk: { qrToken: issued.qrToken, pin: '5824' } })).status).toBe(201);
    expect((await checkin('kiosk-issue', tap('kiosk-issue', issued.cardNumber, '5824'))).body.code).toBe('IDENTIFICATION_FAILED');
    // Shown once: no table holds the number or the token.
    const db = new DynamoDBClient({ endpoint: sys.system.dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
    const items = JSON.stringify((await db.send(new ScanCommand({ TableName: sys.system.env.TABLE_PARTICIPANTS }))).Items);
    db.destroy();
    for (const secret of [...numbers, ...numbers.map((n) => n.replace(/-/g, '')), issued.qrToken]) expect(items).not.toContain(secret);
  });

  test('a lock is audit-logged and shown to the adviser, who clears it (audit-logged); meanwhile the participant checks in from the app', async () => {
    for (let i = 0; i < CARD_ATTEMPT_LIMIT; i++) expect((await checkin('kiosk-lock', tap('kiosk-lock', 'LOCK0001', wrongPin(i)))).body.code).toBe('IDENTIFICATION_FAILED');
    const locked = await status('p-lock');
    const lockedUntil = new Date(now().getTime() + 15 * 60 * 1000).toISOString();
    expect(locked.credentials).toEqual([{ kind: 'CARD', locked: true, lockedUntil, attempts: CARD_ATTEMPT_LIMIT }]);
    const audit = await sys.deps.audit.list('p-lock');
    expect(audit.filter((e) => e.purpose === 'kiosk-card-locked')).toEqual([expect.objectContaining({ action: 'WRITE', actorRole: 'kiosk', actorRef: 'device:kiosk-lock', route: 'POST /checkins' })]);
    // The participant sees it in their own access log.
    const own = await call(participant('p-lock'), 'GET', '/me/access-log');
    expect((own.body.entries as { purpose: string }[]).map((e) => e.purpose)).toContain('kiosk-card-locked');

    // The app is not touched by the lock.
    const app = await call(participant('p-lock'), 'POST', '/checkins', { eventId: randomUUID(), type: 'IN', deviceId: 'phone-lock', deviceTime: now().toISOString() });
    expect(app.status).toBe(201);

    // Only the assigned adviser of this municipality sees or clears it.
    for (const [who, code] of [
      [staff('adviser-stranger', ['adviser']), 'NOT_ASSIGNED'],
      [staff(ADVISER, ['adviser'], '0301'), 'NOT_FOUND'],
    ] as const) {
      expect((await call(who, 'GET', '/participants/p-lock/kiosk-credential')).body.code).toBe(code);
      expect((await call(who, 'DELETE', '/participants/p-lock/kiosk-credential/lock')).body.code).toBe(code);
    }
    expect((await checkin('kiosk-calm', tap('kiosk-calm', 'LOCK0001', '2468'))).body.code).toBe('TOO_MANY_ATTEMPTS');

    const cleared = await call(adviser, 'DELETE', '/participants/p-lock/kiosk-credential/lock');
    expect([cleared.status, cleared.body.cleared]).toEqual([200, ['CARD']]);
    const after = await sys.deps.audit.list('p-lock');
    expect(after.filter((e) => e.purpose === 'kiosk-lock-cleared')).toEqual([expect.objectContaining({ action: 'WRITE', actorRole: 'adviser', actorRef: staffRef(ADVISER) })]);
    expect((await status('p-lock')).credentials).toEqual([{ kind: 'CARD', locked: false, lockedUntil: null, attempts: 0 }]);
    expect((await checkin('kiosk-calm', tap('kiosk-calm', 'LOCK0001', '2468', { type: 'OUT' }))).status).toBe(201);

    // A new PIN from the adviser also ends a lock.
    for (let i = 0; i < CARD_ATTEMPT_LIMIT; i++) await checkin('kiosk-lock', tap('kiosk-lock', 'LOCK0001', wrongPin(i)));
    expect((await call(adviser, 'PUT', '/participants/p-lock/kiosk-credential', { pin: '3691' })).status).toBe(200);
    expect((await checkin('kiosk-calm', tap('kiosk-calm', 'LOCK0001', '3691'))).status).toBe(201);
  });
});

describe('S12: time comes from the server', () => {
  test("the issue's attack: at 02:40 on Saturday the app sends check-in and check-out for Wednesday 08:30–15:00; neither is recorded, Wednesday has no presence", async () => {
    // Saturday 10 October 2026, 02:40 in Oslo (CEST).
    sys.clock!.set('2026-10-10T00:40:00Z');
    const before = await sys.count('attendance');
    for (const [type, deviceTime] of [
      ['IN', '2026-10-07T08:30:00+02:00'],
      ['OUT', '2026-10-07T15:00:00+02:00'],
    ] as const) {
      const r = await call(participant('p-app'), 'POST', '/checkins', { eventId: randomUUID(), type, deviceId: 'phone-app', deviceTime });
      expect([r.status, r.body.code]).toEqual([400, 'DEVICE_TIME_TOO_OLD']);
    }
    expect(await sys.count('attendance')).toBe(before);
    expect(await eventsOf('p-app')).toEqual([]);
    const month = await call(participant('p-app'), 'GET', '/me/attendance', undefined, { month: '2026-10' });
    expect((month.body.days as { date: string; presentMinutes: number }[]).find((d) => d.date === '2026-10-07')).toMatchObject({ plannedMinutes: 360, presentMinutes: 0 });

    // The same times from a registered kiosk's queue (66 h old, within the 72 h window) are taken as sent.
    for (const [type, deviceTime] of [
      ['IN', '2026-10-07T08:30:00+02:00'],
      ['OUT', '2026-10-07T15:00:00+02:00'],
    ] as const) {
      const r = await checkin('kiosk-app', { ...tap('kiosk-app', 'KIOSK001', '1357'), type, deviceTime, queued: true });
      expect([r.status, r.body.deviceTime]).toEqual([201, deviceTime]);
    }
    const kioskMonth = await call(participant('p-kiosk'), 'GET', '/me/attendance', undefined, { month: '2026-10' });
    expect((kioskMonth.body.days as { date: string; presentMinutes: number }[]).find((d) => d.date === '2026-10-07')).toMatchObject({ presentMinutes: 360 });
  });

  test('an app event a few minutes off counts at the server time, not at the time the app said', async () => {
    sys.clock!.set('2026-10-08T06:30:00Z');
    const r = await call(participant('p-app'), 'POST', '/checkins', { eventId: randomUUID(), type: 'IN', deviceId: 'phone-app', deviceTime: '2026-10-08T08:26:00+02:00' });
    expect([r.status, r.body.deviceTime]).toEqual([201, '2026-10-08T06:30:00.000Z']);
    expect((await eventsOf('p-app')).map((e) => [e.deviceTime, e.sentDeviceTime])).toEqual([['2026-10-08T06:30:00.000Z', '2026-10-08T08:26:00+02:00']]);
  });
});

describe('the PIN before the choice: POST /kiosk-identifications', () => {
  beforeAll(() => sys.clock!.set('2026-10-08T07:00:00Z'));

  test('identify, then check in with the identification: one event per identification, on its kiosk, before it expires', async () => {
    const id = await identify('kiosk-id', 'IDENT001', '5824');
    expect(id.status).toBe(201);
    expect(id.body).toEqual({ identificationId: expect.stringMatching(/^idn-/), participantInitial: 'Z', expiresAt: new Date(now().getTime() + 120_000).toISOString(), language: 'nb' });
    const identification = String(id.body.identificationId);
    const body = { eventId: randomUUID(), type: 'IN', deviceId: 'kiosk-id', deviceTime: now().toISOString(), identification };
    const first = await checkin('kiosk-id', body);
    expect([first.status, first.body.participantInitial]).toEqual([201, 'Z']);
    // The same event again (a lost answer) is the same receipt; another event is refused.
    expect((await checkin('kiosk-id', body)).raw).toBe(first.raw);
    expect((await checkin('kiosk-id', { ...body, eventId: randomUUID() })).body.code).toBe('IDENTIFICATION_USED');
    // The replay of that tap with card and PIN (the kiosk's queue) is the same event, without a second PIN check.
    expect((await checkin('kiosk-id', { ...body, identification: undefined, kiosk: { cardNumber: 'IDENT001', pin: '5824' }, queued: true })).raw).toBe(first.raw);

    const other = await identify('kiosk-id', 'IDENT001', '5824');
    // Not on another kiosk, and not after it expired.
    expect((await checkin('kiosk-id2', { ...body, eventId: randomUUID(), deviceId: 'kiosk-id2', identification: other.body.identificationId })).body.code).toBe('IDENTIFICATION_EXPIRED');
    sys.clock!.advance(121_000);
    expect((await checkin('kiosk-id', { ...body, eventId: randomUUID(), deviceTime: now().toISOString(), identification: other.body.identificationId })).body.code).toBe('IDENTIFICATION_EXPIRED');
    expect((await checkin('kiosk-id', { ...body, eventId: randomUUID(), identification: 'idn-made-up' })).body.code).toBe('IDENTIFICATION_EXPIRED');
    expect((await checkin('kiosk-id', { ...body, kiosk: { cardNumber: 'IDENT001', pin: '5824' } })).body.code).toBe('VALIDATION_FAILED');
  });

  test('a wrong PIN, a lock and an unknown card are refused at the PIN step, counted like any attempt, and nothing is recorded', async () => {
    const before = await sys.count('attendance');
    expect((await identify('kiosk-id2', 'IDENT001', '0000')).body.code).toBe('IDENTIFICATION_FAILED');
    expect((await identify('kiosk-id2', 'NOSUCH01', '5824')).body.code).toBe('IDENTIFICATION_FAILED');
    for (let i = 1; i < CARD_ATTEMPT_LIMIT; i++) await identify('kiosk-id2', 'IDENT001', wrongPin(i));
    const lockedOut = await identify('kiosk-id2', 'IDENT001', '5824');
    expect([lockedOut.status, lockedOut.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect((await sys.deps.audit.list('p-ident')).filter((e) => e.purpose === 'kiosk-card-locked')).toEqual([expect.objectContaining({ route: 'POST /kiosk-identifications' })]);
    expect(await sys.count('attendance')).toBe(before);
  });
});

describe('queued taps whose replay is refused', () => {
  test('kept for the adviser once per event (wrong PIN, too old); not a live refusal, not an unknown card, not a lock', async () => {
    sys.clock!.set('2026-10-08T09:00:00Z');
    const wrong = { ...tap('kiosk-q', 'QUEUE001', '0000'), deviceTime: '2026-10-08T08:31:00+02:00', queued: true };
    for (let i = 0; i < 2; i++) expect((await checkin('kiosk-q', wrong)).body.code).toBe('IDENTIFICATION_FAILED');
    const old = { ...tap('kiosk-q', 'QUEUE001', '5824'), type: 'OUT', deviceTime: '2026-10-01T15:00:00+02:00', queued: true };
    expect((await checkin('kiosk-q', old)).body.code).toBe('DEVICE_TIME_TOO_OLD');
    // Not kept: a live wrong PIN (the person sees it), an unknown card (no one to tell).
    expect((await checkin('kiosk-q', tap('kiosk-q', 'QUEUE001', '0001'))).body.code).toBe('IDENTIFICATION_FAILED');
    expect((await checkin('kiosk-q', { ...tap('kiosk-q', 'NOSUCH02', '0000'), queued: true })).body.code).toBe('IDENTIFICATION_FAILED');
    const seen = await status('p-queue');
    expect(seen.refusedReplays).toEqual([
      { eventId: wrong.eventId, deviceId: 'kiosk-q', type: 'IN', deviceTime: wrong.deviceTime, code: 'IDENTIFICATION_FAILED', refusedAt: '2026-10-08T09:00:00.000Z' },
      { eventId: old.eventId, deviceId: 'kiosk-q', type: 'OUT', deviceTime: old.deviceTime, code: 'DEVICE_TIME_TOO_OLD', refusedAt: '2026-10-08T09:00:00.000Z' },
    ]);
    // A queued tap refused by a lock is not final (the kiosk tries it again later): not kept.
    // (The right PIN of the too-old tap ended the card's window: four more wrong ones fill it.)
    for (let i = 2; i <= CARD_ATTEMPT_LIMIT; i++) expect((await checkin('kiosk-q', tap('kiosk-q', 'QUEUE001', `000${i}`))).body.code).toBe('IDENTIFICATION_FAILED');
    const locked = await checkin('kiosk-q', { ...tap('kiosk-q', 'QUEUE001', '5824'), queued: true });
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect((await status('p-queue')).refusedReplays).toHaveLength(2);
  });
});
