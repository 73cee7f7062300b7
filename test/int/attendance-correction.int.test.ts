/**
 * Issue 8 item 4, the adviser's side (quality.md S12): any change to a past
 * day other than a kiosk's queued check-ins is an adviser's correction with a
 * reason (PUT /participants/{id}/attendance/{date}), over HTTP against the
 * local system.
 *
 * - The corrected day counts the stated time; the check-in events are not
 *   touched; the participant sees the correction and its reason in their
 *   month (GET /me/attendance), the adviser in theirs; the participant's
 *   access log has the WRITE entry, written first (no entry, no change).
 * - Versions: a stale version is 409, a retry returns its own version, a
 *   withdrawal lets the check-ins count again, ten advisers at once make one.
 * - Refused with a code each, nothing written: a future day, a time after now
 *   today, no reason, overlapping intervals, a day outside the enrolment, a
 *   day without sessions, an unassigned adviser, another municipality.
 * - The payroll: October decided and released with the day unexcused; the
 *   day is corrected; November's run writes October version 2, whose case
 *   counts the corrected day and whose correction pays the difference back.
 */
import { recordStaffReadWith, type AuditLog } from '../../shared/adapters/audit-log.js';
import { absenceIdOf } from '../../shared/adapters/attendance-repo.js';
import { addDays } from '../../shared/domain/calendar.js';
import { osloIso } from '../../infra/local/seed.js';
import { staffRef } from '../../shared/http/auth.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { participant, staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const M = '6101';
const PID = 'p-corr';
const ADVISER = 'adviser-corr';
const DAY = '2026-10-14'; // a Wednesday: sessions 08:30–11:30 and 12:00–15:00 (360 minutes)
const FULL_DAY = [
  { from: '08:25', to: '11:35' },
  { from: '11:55', to: '15:10' },
];
const tokens: Record<string, string> = {};

const put = (who: string, date: string, body: unknown, pid = PID): Promise<HttpReply> => sys.http('PUT', `/participants/${pid}/attendance/${date}`, { token: tokens[who]!, body });
const month = async (who: 'participant' | 'adviser', period = '2026-10') =>
  who === 'participant' ? sys.http('GET', '/me/attendance', { token: tokens.participant!, query: { month: period } }) : sys.http('GET', `/participants/${PID}/attendance`, { token: tokens.adviser!, query: { month: period } });
type Day = { date: string; plannedMinutes: number; presentMinutes: number | null; flags: string[]; correction?: Record<string, unknown> };
const dayOf = (r: HttpReply, date: string) => (r.body?.days as Day[]).find((d) => d.date === date)!;

/** Check-ins 08:30–15:00 on every weekday of October before the 20th except DAY: DAY is unexcused. */
async function seedOctober(pid: string, municipality: string): Promise<number> {
  let n = 0;
  for (let d = '2026-10-01'; d < '2026-10-20'; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6 || d === DAY) continue;
    for (const [type, at] of [
      ['IN', '08:30'],
      ['OUT', '15:00'],
    ] as const) {
      const deviceTime = osloIso(d, at);
      const eventId = `${pid}-${d}-${type}`;
      await sys.deps.attendance.putEventOnce({ eventId, participantId: pid, municipality, type, deviceId: 'kiosk-corr', deviceTime, deviceTimeUtc: new Date(deviceTime).toISOString(), recordedAt: new Date(deviceTime).toISOString(), receiptId: `rcpt-${eventId}`, requestHash: 'seed', source: 'kiosk' });
      n++;
    }
  }
  return n;
}

let events = 0;

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-20T10:00:00Z' }); // Oslo: Tuesday 12:00
  await seedParticipant(sys.deps, PID, { municipality: M });
  await seedParticipant(sys.deps, 'p-corr-other', { municipality: M });
  await assign(sys.deps, PID, ADVISER, M);
  await assign(sys.deps, 'p-corr-other', ADVISER, M);
  events = await seedOctober(PID, M);
  tokens.participant = await sys.tokenFor(participant(PID, M));
  tokens.adviser = await sys.tokenFor(staff(ADVISER, ['adviser'], M));
  tokens.stranger = await sys.tokenFor(staff('adviser-corr-stranger', ['adviser'], M));
  tokens.foreign = await sys.tokenFor(staff('adviser-corr-5001', ['adviser'], '5001'));
  tokens.payroll = await sys.tokenFor(staff('payroll-corr', ['payroll'], M));
}, 120_000);

afterAll(async () => {
  sys.workflow.options = {};
  await sys?.stop();
});

describe('correcting a day', () => {
  test('the unexcused day becomes present: the month counts it, both see the correction and its reason, the events are untouched, the access log has it', async () => {
    expect(dayOf(await month('participant'), DAY)).toMatchObject({ plannedMinutes: 360, presentMinutes: 0, flags: [] });
    const attendanceBefore = await sys.count('attendance');

    const r = await put('adviser', DAY, { present: FULL_DAY, reason: 'Kiosken var nede; bekreftet av læreren', expectedVersion: 0 });
    expect([r.status, r.body]).toEqual([
      200,
      {
        participantId: PID,
        date: DAY,
        version: 1,
        present: FULL_DAY,
        reason: 'Kiosken var nede; bekreftet av læreren',
        correctedAt: '2026-10-20T10:00:00.000Z',
        correctedByRole: 'adviser',
        day: { plannedMinutes: 360, presentMinutes: 360 },
        created: true,
      },
    ]);
    // One correction item; no event written, changed or removed.
    expect(await sys.count('attendance')).toBe(attendanceBefore + 1);
    const evs = await sys.deps.attendance.listEvents(PID, '2026-09-30T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    expect(evs).toHaveLength(events);
    expect(evs.every((e) => e.requestHash === 'seed')).toBe(true);

    for (const who of ['participant', 'adviser'] as const) {
      const m = await month(who);
      expect(dayOf(m, DAY)).toMatchObject({ presentMinutes: 360, flags: ['CORRECTED'], correction: { version: 1, reason: 'Kiosken var nede; bekreftet av læreren', correctedByRole: 'adviser', present: FULL_DAY } });
      expect(m.body?.corrections).toEqual([{ date: DAY, version: 1, present: FULL_DAY, reason: 'Kiosken var nede; bekreftet av læreren', correctedAt: '2026-10-20T10:00:00.000Z', correctedByRole: 'adviser' }]);
      // Never who by name or ref.
      expect(JSON.stringify(m.body?.corrections)).not.toContain(staffRef(ADVISER));
    }
    const log = await sys.deps.audit.list(PID);
    expect(log.filter((e) => e.purpose === 'attendance-correction')).toEqual([
      expect.objectContaining({ action: 'WRITE', actorRole: 'adviser', actorRef: staffRef(ADVISER), route: 'PUT /participants/{id}/attendance/{date}', at: '2026-10-20T10:00:00.000Z' }),
    ]);
  });

  test('versions: stale → 409 CORRECTION_CHANGED; a retry gets its own version back; a half day; withdrawn → the check-ins count again', async () => {
    const stale = await put('adviser', DAY, { present: [], reason: 'Var ikke der likevel', expectedVersion: 0 });
    expect([stale.status, stale.body?.code]).toEqual([409, 'CORRECTION_CHANGED']);

    const half = { present: [{ from: '08:30', to: '11:30' }], reason: 'Gikk etter lunsj, avtalt med rådgiver', expectedVersion: 1 };
    const second = await put('adviser', DAY, half);
    expect(second.body).toMatchObject({ version: 2, day: { presentMinutes: 180 }, created: true });
    const retry = await put('adviser', DAY, half);
    expect([retry.status, retry.body?.version, retry.body?.created]).toEqual([200, 2, false]);
    expect(dayOf(await month('participant'), DAY)).toMatchObject({ presentMinutes: 180, flags: ['CORRECTED'] });

    const withdrawn = await put('adviser', DAY, { present: null, reason: 'Feil dag, trekkes tilbake', expectedVersion: 2 });
    expect(withdrawn.body).toMatchObject({ version: 3, present: null, day: { presentMinutes: null } });
    const m = await month('participant');
    expect(dayOf(m, DAY)).toMatchObject({ presentMinutes: 0, flags: [] });
    expect(dayOf(m, DAY).correction).toBeUndefined();
    // The history stays, every version with its reason.
    expect((m.body?.corrections as { version: number }[]).map((c) => c.version)).toEqual([1, 2, 3]);
    const again = await put('adviser', DAY, { present: null, reason: 'Trekkes igjen', expectedVersion: 3 });
    expect([again.status, again.body?.code]).toEqual([400, 'NO_CORRECTION_TO_WITHDRAW']);

    // Back to present for the payroll test below.
    expect((await put('adviser', DAY, { present: FULL_DAY, reason: 'Kiosken var nede; bekreftet av læreren', expectedVersion: 3 })).body?.version).toBe(4);
  });

  test('ten advisers at once on the same version: one version is written, the others get 409', async () => {
    const date = '2026-10-13';
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => put('adviser', date, { present: [{ from: '08:30', to: `1${i % 5}:00` }], reason: `Samtidig retting ${i}`, expectedVersion: 0 })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body?.code === 'CORRECTION_CHANGED')).toBe(true);
    expect((await sys.deps.attendance.listCorrections(PID, date, date)).map((c) => c.version)).toEqual([1]);
    // Withdrawn again, so October's payroll below sees only DAY corrected.
    expect((await put('adviser', date, { present: null, reason: 'Kun en test', expectedVersion: 1 })).status).toBe(200);
  });
});

describe('refused, each with its code, nothing written', () => {
  /**
   * Items in the attendance and access-log tables once every appended entry is sealed: the
   * stream-fed sealer turns earlier tests' PENDING entries into sealed ones in the background,
   * so the counts are compared only after it has caught up (a refused request's own entry
   * would still show, pending or sealed).
   */
  const written = async () => {
    await sys.system.audit.drain();
    return [await sys.count('attendance'), await sys.count('auditLog')];
  };
  const valid = { present: [{ from: '08:30', to: '11:30' }], reason: 'Glemte å sjekke inn', expectedVersion: 0 };

  test.each([
    ['a day that has not come', '2026-10-21', valid, 400, 'CORRECTION_DATE_IN_FUTURE'],
    ['today, after the current time (server time: 12:00 in Oslo)', '2026-10-20', { ...valid, present: [{ from: '08:30', to: '13:00' }] }, 400, 'CORRECTION_TIME_IN_FUTURE'],
    ['no reason', '2026-10-12', { present: valid.present, expectedVersion: 0 }, 400, 'VALIDATION_FAILED'],
    ['a blank reason', '2026-10-12', { ...valid, reason: '   ' }, 400, 'VALIDATION_FAILED'],
    ['overlapping intervals', '2026-10-12', { ...valid, present: [{ from: '08:30', to: '11:30' }, { from: '11:00', to: '12:00' }] }, 400, 'VALIDATION_FAILED'],
    ['an interval ending before it starts', '2026-10-12', { ...valid, present: [{ from: '11:30', to: '08:30' }] }, 400, 'VALIDATION_FAILED'],
    ['no version', '2026-10-12', { present: valid.present, reason: valid.reason }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', '2026-10-12', { ...valid, presentMinutes: 360 }, 400, 'UNKNOWN_FIELD'],
    ['no such date', '2026-02-30', valid, 400, 'VALIDATION_FAILED'],
    ['a day before the enrolment', '2025-08-29', valid, 400, 'DATE_NOT_IN_ENROLMENT'],
    ['a Saturday (no sessions)', '2026-10-17', valid, 400, 'NOT_A_PROGRAMME_DAY'],
  ])('%s', async (_name, date, body, status, code) => {
    const before = await written();
    const r = await put('adviser', date, body);
    expect([r.status, r.body?.code]).toEqual([status, code]);
    expect(await written()).toEqual(before);
  });

  test('no reason names the field; today before now is allowed', async () => {
    const r = await put('adviser', '2026-10-12', { present: valid.present, expectedVersion: 0 });
    expect(r.body?.issues).toEqual([{ path: 'body.reason', message: 'a reason is required' }]);
    const today = await put('adviser', '2026-10-20', { present: [{ from: '08:30', to: '11:30' }], reason: 'Kom uten å sjekke inn', expectedVersion: 0 });
    expect(today.status).toBe(200);
    expect((await put('adviser', '2026-10-20', { present: null, reason: 'Kun en test', expectedVersion: 1 })).status).toBe(200);
  });

  test('who: an unassigned adviser 403 NOT_ASSIGNED, another municipality 404, the participant and payroll 403 FORBIDDEN_ROLE', async () => {
    const before = await written();
    for (const [who, status, code] of [
      ['stranger', 403, 'NOT_ASSIGNED'],
      ['foreign', 404, 'NOT_FOUND'],
      ['participant', 403, 'FORBIDDEN_ROLE'],
      ['payroll', 403, 'FORBIDDEN_ROLE'],
    ] as const) {
      const r = await put(who, '2026-10-12', valid);
      expect({ who, status: r.status, code: r.body?.code }).toEqual({ who, status, code });
    }
    expect(await written()).toEqual(before);
  });

  test('no access-log entry, no correction: 503 AUDIT_UNAVAILABLE', async () => {
    const real = sys.deps.audit;
    const down = { append: () => Promise.reject(new Error('down')) };
    const failing: AuditLog = { list: (p) => real.list(p), append: down.append, recordStaffRead: (r) => recordStaffReadWith(down, r) };
    sys.deps.swap({ audit: failing });
    let r: HttpReply;
    try {
      r = await put('adviser', '2026-10-12', valid);
    } finally {
      sys.deps.swap({});
    }
    expect([r.status, r.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
    expect(await sys.deps.attendance.listCorrections(PID, '2026-10-12', '2026-10-12')).toEqual([]);
  });
});

describe('the payroll uses it', () => {
  test("October decided with the day unexcused and released; the day corrected; November's run writes October version 2 counting it, paid back", async () => {
    sys.workflow.options = { retryIntervalMs: 1 };
    const runs = sys.deps.payrollRuns;
    // Start from the day unexcused: withdraw the correction made above first.
    const current = (await sys.deps.attendance.listCorrections(PID, DAY, DAY)).at(-1)!.version;
    expect((await put('adviser', DAY, { present: null, reason: 'Før lønnskjøringen', expectedVersion: current })).status).toBe(200);

    sys.clock!.set('2026-11-02T08:00:00Z');
    const october = await sys.http('POST', '/payroll-runs', { token: tokens.payroll!, body: { period: '2026-10' } });
    expect([200, 202]).toContain(october.status);
    const octRun = (await runs.getRun(october.body!.runId as string))!;
    expect((await sys.workflow.wait(octRun.executionName!)).status).toBe('SUCCEEDED');
    const v1 = (await sys.deps.decisions.getLatest(PID, '2026-10'))!;
    expect(v1.version).toBe(1);
    const dayV1 = (v1.input as { days: { date: string; presentMinutes: number }[] }).days.find((d) => d.date === DAY)!;
    expect(dayV1.presentMinutes).toBe(0);
    await runs.apply(octRun.runId, { type: 'ApproveRun', by: 'staff-a', at: '2026-11-03T09:00:00.000Z', unresolvedVedtak: 0 });
    expect((await runs.apply(octRun.runId, { type: 'ApproveRun', by: 'staff-b', at: '2026-11-03T10:00:00.000Z', unresolvedVedtak: 0 })).status).toBe('RELEASED');

    // The adviser corrects the day, after the month was paid.
    sys.clock!.set('2026-11-20T10:00:00Z');
    const latest = (await sys.deps.attendance.listCorrections(PID, DAY, DAY)).at(-1)!.version;
    expect((await put('adviser', DAY, { present: FULL_DAY, reason: 'Kiosken var nede; bekreftet av læreren', expectedVersion: latest })).status).toBe(200);

    sys.clock!.set('2026-12-02T08:00:00Z');
    try {
      const november = await sys.http('POST', '/payroll-runs', { token: tokens.payroll!, body: { period: '2026-11' } });
      const novRun = (await runs.getRun(november.body!.runId as string))!;
      expect((await sys.workflow.wait(novRun.executionName!)).status).toBe('SUCCEEDED');

      const v2 = (await sys.deps.decisions.getLatest(PID, '2026-10'))!;
      expect(v2).toMatchObject({ version: 2, supersedes: v1.decisionId, paidWithPeriod: '2026-11' });
      expect((v2.input as { days: { date: string; presentMinutes: number }[] }).days.find((d) => d.date === DAY)!.presentMinutes).toBe(360);
      expect(v2.inputHash).not.toBe(v1.inputHash);
      expect(v2.correction).toMatchObject({ reason: 'CHECKIN_CORRECTED', route: 'BACK_PAYMENT' });
      expect(v2.correction!.days.map((d) => d.date)).toContain(DAY);
      expect(v2.correction!.totalDifferenceOre).toBeGreaterThan(0);
      // Version 1 is as it was.
      expect((await sys.deps.decisions.getVersion(PID, '2026-10', 1))!.inputHash).toBe(v1.inputHash);
    } finally {
      sys.clock!.set('2026-10-20T10:00:00Z');
    }
  });
});

describe("the payroll's one read of a participant-month (issue 14, P2)", () => {
  test('one query of the attendance index gives the window’s events, every absence (also a year back) and every correction, as the separate reads do', async () => {
    const a = sys.deps.attendance;
    // An absence dated long before the month still comes back: the case's quota history reaches a year back.
    const key = 'a1b2c3d4e5f6a7b8c9d0e1f2';
    const absence = { absenceId: absenceIdOf(PID, key), participantId: PID, municipality: M, date: '2025-11-03', minutes: null, category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED', version: 1, history: [], requestHash: 'seed', createdAt: '2025-11-03T08:00:00.000Z' } as const;
    await a.createAbsenceOnce({ ...absence, history: [] });
    const [from, to] = ['2026-09-30T00:00:00.000Z', '2026-11-02T00:00:00.000Z'];
    const one = await a.listMonthAttendance(PID, from, to);
    const split = await a.listAbsencesAndCorrections(PID);
    expect(one.events).toEqual(await a.listEvents(PID, from, to));
    expect(one.corrections).toEqual(split.corrections);
    expect(one.absences).toEqual(split.absences);
    expect([one.events.length > 0, one.corrections.length > 0, one.absences.map((x) => x.absenceId)]).toEqual([true, true, [absence.absenceId]]);
    // The window bounds the events only: a one-day window keeps that day's events and still every absence and correction.
    const [dayFrom, dayTo] = ['2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z'];
    const day = await a.listMonthAttendance(PID, dayFrom, dayTo);
    expect(day.events).toEqual(await a.listEvents(PID, dayFrom, dayTo));
    expect(day.events.length).toBeGreaterThan(0);
    expect(day.events.length).toBeLessThan(one.events.length);
    expect([day.absences, day.corrections]).toEqual([one.absences, one.corrections]);
  });
});
