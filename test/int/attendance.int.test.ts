/**
 * GET /me/attendance over HTTP against the local system: the participant's
 * month built from check-ins that came in through POST /checkins (app and
 * kiosk), with planned and present minutes, presence flags and the month's
 * absences; validation; only the caller's own data. The system is started
 * with the demo seed of `npm start`, whose month is checked to be usable as
 * it is shown to people trying the pages.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_KIOSK_DEVICE, DEMO_KIOSK_SETUP_CODE, DEMO_PARTICIPANTS, DEMO_PIN } from '../../infra/local/seed.js';
import { guessablePin } from '../../functions/participant-kiosk-credential/schema.js';
import { seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import { device, kiosk, participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let ada: string;
let bo: string;
let kioskToken: string;

/** Checks in at a local (Oslo, CEST) time on a date, with the server clock at that time (an app's event counts at the server's time). */
async function check(token: string, type: 'IN' | 'OUT', date: string, hhmm: string, extra: Record<string, unknown> = {}): Promise<void> {
  const deviceTime = `${date}T${hhmm}:00+02:00`;
  sys.clock!.set(deviceTime);
  const r = await sys.http('POST', '/checkins', { token, body: { eventId: randomUUID(), type, deviceId: 'phone-1', deviceTime, ...extra } });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  // The demo seed's history is the 30 days before the clock's date: September 2026.
  sys = await startTestSystem({ clock: '2026-10-01T06:00:00Z', seed: true });
  await seedParticipant(sys.deps, 'p-ada');
  await seedParticipant(sys.deps, 'p-bo');
  await seedDevice(sys.deps, 'kiosk-a');
  await seedCard(sys.deps, 'p-ada', 'ADA0001', '2468');
  ada = await sys.tokenFor(participant('p-ada'));
  bo = await sys.tokenFor(participant('p-bo'));
  kioskToken = await sys.tokenFor(device('kiosk-a'));
  // Thu 1 Oct: a full day in the app.
  await check(ada, 'IN', '2026-10-01', '08:25');
  await check(ada, 'OUT', '2026-10-01', '15:05');
  // Fri 2 Oct: at the kiosk, morning only.
  await check(kioskToken, 'IN', '2026-10-02', '08:30', { deviceId: 'kiosk-a', kiosk: { cardNumber: 'ADA0001', pin: '2468' } });
  await check(kioskToken, 'OUT', '2026-10-02', '11:30', { deviceId: 'kiosk-a', kiosk: { cardNumber: 'ADA0001', pin: '2468' } });
  // Mon 5 Oct: in, never out.
  await check(ada, 'IN', '2026-10-05', '09:00');
  // Bo: a day of his own, which Ada must never see.
  await check(bo, 'IN', '2026-10-05', '08:30');
  // Own illness on Tue 6 Oct, self-certified, reported that morning.
  sys.clock!.set('2026-10-06T05:30:00Z');
  const r = await sys.http('POST', '/absences', { token: ada, body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-06', wholeDay: true } });
  expect(r.status).toBe(201);
}, 120_000);

afterAll(() => sys?.stop());

describe('GET /me/attendance', () => {
  test('the month: planned and present minutes per programme day, flags, absences', async () => {
    sys.clock!.set('2026-10-07T10:00:00Z');
    const r = await sys.http('GET', '/me/attendance', { token: ada, query: { month: '2026-10' } });
    expect(r.status).toBe(200);
    const body = r.body as { month: string; days: { date: string; plannedMinutes: number; presentMinutes: number | null; flags: string[] }[]; absences: Record<string, unknown>[] };
    expect(body.month).toBe('2026-10');
    // October 2026 has 22 weekdays and no public holiday.
    expect(body.days).toHaveLength(22);
    const day = (d: string) => body.days.find((x) => x.date === d);
    expect(day('2026-10-01')).toEqual({ date: '2026-10-01', plannedMinutes: 360, presentMinutes: 360, flags: [] });
    expect(day('2026-10-02')).toEqual({ date: '2026-10-02', plannedMinutes: 360, presentMinutes: 180, flags: [] });
    // Missing check-out: the default policy counts to the end of the session in progress.
    expect(day('2026-10-05')).toEqual({ date: '2026-10-05', plannedMinutes: 360, presentMinutes: 150, flags: ['MISSING_CHECKOUT'] });
    expect(day('2026-10-06')).toMatchObject({ presentMinutes: 0 });
    // Today (Wed 7 Oct, 12:00 Oslo): nothing yet; tomorrow: not come yet.
    expect(day('2026-10-07')).toMatchObject({ presentMinutes: 0 });
    expect(day('2026-10-08')).toMatchObject({ presentMinutes: null });
    expect(body.absences).toEqual([
      expect.objectContaining({ date: '2026-10-06', category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED', minutes: null, version: 1 }),
    ]);
  });

  test("another participant's events never show in mine", async () => {
    const r = await sys.http('GET', '/me/attendance', { token: bo, query: { month: '2026-10' } });
    const days = (r.body as { days: { date: string; presentMinutes: number | null }[] }).days;
    expect(days.find((d) => d.date === '2026-10-01')?.presentMinutes).toBe(0);
    expect(days.find((d) => d.date === '2026-10-05')?.presentMinutes).toBe(180);
    expect((r.body as { absences: unknown[] }).absences).toEqual([]);
  });

  test('another month has its own days and nothing from October', async () => {
    const r = await sys.http('GET', '/me/attendance', { token: ada, query: { month: '2026-09' } });
    const body = r.body as { days: { presentMinutes: number | null }[]; absences: unknown[] };
    expect(body.days).toHaveLength(22);
    expect(body.days.every((d) => d.presentMinutes === 0)).toBe(true);
    expect(body.absences).toEqual([]);
  });

  test('bad or missing month, unknown parameters: 400 with a code; nothing about the input echoed', async () => {
    for (const query of [{} as Record<string, string>, { month: '2026-13' }, { month: '2026-1' }, { month: 'oktober' }]) {
      const r = await sys.http('GET', '/me/attendance', { token: ada, query });
      expect([r.status, r.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.raw).not.toContain('oktober');
    }
    const extra = await sys.http('GET', '/me/attendance', { token: ada, query: { month: '2026-10', participantId: 'p-bo' } });
    expect([extra.status, extra.body?.code]).toEqual([400, 'UNKNOWN_FIELD']);
  });

  test('a participant token without a participant file: 403 NO_PARTICIPANT_FILE; staff and kiosks: 403; no token: 401', async () => {
    const ghost = await sys.tokenFor(participant('p-ghost'));
    const r = await sys.http('GET', '/me/attendance', { token: ghost, query: { month: '2026-10' } });
    expect([r.status, r.body?.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    for (const who of [staff('adv-1', ['adviser']), staff('pay-1', ['payroll']), staff('adm-1', ['admin']), kiosk('kiosk-a')]) {
      const r = await sys.http('GET', '/me/attendance', { token: await sys.tokenFor(who), query: { month: '2026-10' } });
      expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
    expect((await sys.http('GET', '/me/attendance', { query: { month: '2026-10' } })).status).toBe(401);
  });
});

describe('the demo seed (npm start)', () => {
  type Month = { days: { date: string; presentMinutes: number | null; flags: string[] }[]; absences: { status: string; category: string; documentation: string }[] };
  const month = async (username: string, m: string): Promise<Month> => {
    const r = await sys.http('GET', '/me/attendance', { token: await sys.tokenFor(username), query: { month: m } });
    expect(r.status).toBe(200);
    return r.body as Month;
  };

  test('what the seed wrote', () => {
    expect(sys.system.seed).toMatchObject({ seeded: true, participants: DEMO_PARTICIPANTS.length, from: '2026-09-01', to: '2026-09-30' });
    expect(sys.system.seed!.events).toBeGreaterThan(200);
  });

  test("each demo participant's September tells its story", async () => {
    const onTime = await month('p1', '2026-09');
    expect(onTime.days).toHaveLength(22);
    expect(onTime.days.every((d) => d.presentMinutes === 360 && d.flags.length === 0)).toBe(true);
    const unexcused = await month('p2', '2026-09');
    expect(unexcused.days.filter((d) => d.presentMinutes === 0)).toHaveLength(1);
    expect(unexcused.absences).toEqual([]);
    const selfCert = await month('p3', '2026-09');
    expect(selfCert.absences.map((a) => [a.category, a.documentation, a.status])).toEqual([
      ['OWN_ILLNESS', 'SELF_CERTIFICATION', 'APPROVED'],
      ['OWN_ILLNESS', 'SELF_CERTIFICATION', 'APPROVED'],
    ]);
    const missing = await month('p6', '2026-09');
    expect(missing.days.filter((d) => d.flags.includes('MISSING_CHECKOUT'))).toHaveLength(1);
  });

  test("the advisers' queues: adviser2 has p4's doctor's note and p5's leave application, adviser1 nothing pending", async () => {
    const queue = async (username: string) => (await sys.http('GET', '/absences', { token: await sys.tokenFor(username) })).body as { items: { participantId: string; category: string }[] };
    expect((await queue('adviser1')).items).toEqual([]);
    expect((await queue('adviser2')).items.map((i) => [i.participantId, i.category])).toEqual([
      ['p-demo-0004', 'OWN_ILLNESS'],
      ['p-demo-0005', 'WELFARE_LEAVE'],
    ]);
  });

  test('the demo kiosk exchanges its setup code for a token and checks a demo card in with the demo PIN', async () => {
    sys.clock!.set('2026-10-01T06:30:00Z');
    const [deviceId, clientId, secret] = DEMO_KIOSK_SETUP_CODE.split(':');
    expect(deviceId).toBe(DEMO_KIOSK_DEVICE);
    const grant = await sys.http('POST', '/oauth2/token', {
      rawBody: 'grant_type=client_credentials&scope=introflyt%2Fcheckin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    });
    expect(grant.status).toBe(200);
    const card = DEMO_PARTICIPANTS[0]!.cardNumber;
    // Printed in four groups of four, from random-looking characters (not DEMO0001).
    expect(card).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const body = { eventId: randomUUID(), type: 'IN', deviceId: DEMO_KIOSK_DEVICE, deviceTime: '2026-10-01T08:29:00+02:00', kiosk: { cardNumber: card, pin: DEMO_PIN } };
    const r = await sys.http('POST', '/checkins', { token: String(grant.body?.access_token), body });
    expect([r.status, r.body?.participantInitial]).toEqual([201, 'D']);
    // The demo PIN is one an adviser could set through the API.
    expect(guessablePin(DEMO_PIN)).toBe(false);
  });
});
