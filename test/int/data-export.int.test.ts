/**
 * GET /me/data-export over HTTP against the local system (GDPR art. 15/20):
 * everything held about the caller as JSON (identity, profile facts and
 * schedule, check-ins, absences with history, decisions, access log), and
 * nothing about anyone else; internal bookkeeping (keys, request hashes) is
 * not included.
 */
import { randomUUID } from 'node:crypto';
import type { SeededParticipant } from '../support/api-seed.js';
import { staffRef } from '../../shared/http/auth.js';
import { assign, seedCard, seedParticipant } from '../support/api-seed.js';
import { kiosk, participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let ada: SeededParticipant;
let bo: SeededParticipant;
let adaToken: string;
let boToken: string;
const ADVISER_SUB = 'adviser-sub-export';
const adaEvent = randomUUID();
const boEvent = randomUUID();

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-07T07:00:00Z' });
  ada = await seedParticipant(sys.deps, 'p-ada');
  bo = await seedParticipant(sys.deps, 'p-bo');
  await assign(sys.deps, 'p-ada', ADVISER_SUB);
  await seedCard(sys.deps, 'p-ada', 'ADAC0001', '8642');
  adaToken = await sys.tokenFor(participant('p-ada'));
  boToken = await sys.tokenFor(participant('p-bo'));
  const checkin = (token: string, eventId: string) =>
    sys.http('POST', '/checkins', { token, body: { eventId, type: 'IN', deviceId: 'phone-1', deviceTime: '2026-10-07T08:55:00+02:00' } });
  expect((await checkin(adaToken, adaEvent)).status).toBe(201);
  expect((await checkin(boToken, boEvent)).status).toBe(201);
  expect((await sys.http('POST', '/absences', { token: adaToken, body: { requestId: randomUUID(), category: 'CHILD_ILLNESS', date: '2026-10-06', minutes: 90 } })).status).toBe(201);
  expect((await sys.http('POST', '/absences', { token: boToken, body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-06', wholeDay: true } })).status).toBe(201);
  // A staff read, so the export has an access-log entry.
  expect((await sys.http('GET', '/absences', { token: await sys.tokenFor(staff(ADVISER_SUB, ['adviser'])) })).status).toBe(200);
}, 120_000);

afterAll(() => sys?.stop());

describe('GET /me/data-export', () => {
  test('everything about the caller, as JSON', async () => {
    const r = await sys.http('GET', '/me/data-export', { token: adaToken });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    const body = r.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['absences', 'accessLog', 'advisers', 'attendanceCorrections', 'checkins', 'decisions', 'explanationRevisions', 'exportedAt', 'factHistory', 'identity', 'kioskCredentials', 'participantId', 'profile', 'rightsCases']);
    expect(body.participantId).toBe('p-ada');
    expect(body.exportedAt).toBe('2026-10-07T07:00:00.000Z');
    expect(body.identity).toEqual({ givenName: ada.givenName, familyName: ada.familyName, nationalId: ada.nationalId });
    expect(body.profile).toMatchObject({ participantId: 'p-ada', birthDate: '1990-06-15', regime: 'integreringsloven', children: 1, schedule: expect.any(Object), enrolments: [{ from: '2025-09-01', to: null }] });
    // The app's event counts at the server's time; what the app said is exported beside it.
    expect(body.checkins).toEqual([{ eventId: adaEvent, type: 'IN', deviceId: 'phone-1', deviceTime: '2026-10-07T07:00:00.000Z', sentDeviceTime: '2026-10-07T08:55:00+02:00', recordedAt: '2026-10-07T07:00:00.000Z', receiptId: expect.stringMatching(/^rcpt-/), source: 'app' }]);
    expect(body.absences).toEqual([expect.objectContaining({ category: 'CHILD_ILLNESS', date: '2026-10-06', minutes: 90, status: 'APPROVED', history: [expect.objectContaining({ to: 'APPROVED' })] })]);
    expect(body.decisions).toEqual([]);
    expect(body.explanationRevisions).toEqual([]);
    expect(body.rightsCases).toEqual([]);
    // Seeded directly (no registration), so no fact history; the card and PIN exist only as hashes.
    expect(body.factHistory).toEqual([]);
    expect(body.kioskCredentials).toEqual(['CARD']);
    expect(body.advisers).toEqual([staffRef(ADVISER_SUB)]);
    expect(body.accessLog).toEqual({ entries: [expect.objectContaining({ role: 'adviser', purpose: 'absence-queue', action: 'READ' })], integrity: 'VERIFIED' });
  });

  test("nothing about anyone else, and no internal bookkeeping", async () => {
    const r = await sys.http('GET', '/me/data-export', { token: adaToken });
    for (const foreign of [bo.givenName, bo.familyName, bo.nationalId, boEvent, 'p-bo']) expect(r.raw).not.toContain(foreign);
    for (const internal of ['requestHash', '"pk"', '"sk"', 'gsi1', 'pinHash', 'secretHash', ADVISER_SUB, 'ADAC0001']) expect(r.raw).not.toContain(internal);
    const other = await sys.http('GET', '/me/data-export', { token: boToken });
    expect((other.body as { identity: unknown }).identity).toEqual({ givenName: bo.givenName, familyName: bo.familyName, nationalId: bo.nationalId });
    expect((other.body as { accessLog: { entries: unknown[] } }).accessLog.entries).toEqual([]);
    expect(other.raw).not.toContain(ada.nationalId);
  });

  test('a login without a participant file: 403 NO_PARTICIPANT_FILE; staff and kiosks: 403; query parameters: 400', async () => {
    const orphan = await sys.http('GET', '/me/data-export', { token: await sys.tokenFor(participant('p-nobody')) });
    expect([orphan.status, orphan.body?.code]).toEqual([403, 'NO_PARTICIPANT_FILE']);
    for (const who of [staff(ADVISER_SUB, ['adviser']), staff('pay', ['payroll']), staff('adm', ['admin']), kiosk('k1')]) {
      const r = await sys.http('GET', '/me/data-export', { token: await sys.tokenFor(who) });
      expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
    const q = await sys.http('GET', '/me/data-export', { token: adaToken, query: { participantId: 'p-bo' } });
    expect([q.status, q.body?.code]).toEqual([400, 'UNKNOWN_FIELD']);
  });
});
