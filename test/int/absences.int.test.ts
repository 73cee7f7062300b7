/**
 * Absences over HTTP against the local system: the participant reports own
 * or child illness (self-certification) or applies for leave (POST
 * /absences); the adviser sees the queue of assigned participants (GET
 * /absences) and approves or rejects (PATCH /absences/{id}) with the status
 * history kept and optimistic concurrency. Staff reads write the access log
 * first; if that write fails the read is refused (S6).
 */
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/adapters/audit-log.js';
import { recordStaffReadWith } from '../../shared/adapters/audit-log.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { kiosk, participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let ada: string;
let bo: string;
let cy: string;
let dag: string;
let adviser: string;
let otherAdviser: string;
const ADVISER_SUB = 'adviser-sub-1';
const OTHER_SUB = 'adviser-sub-2';
// Wed 7 Oct 2026, 09:00 in Oslo.
const NOW = '2026-10-07T07:00:00Z';

type Absence = { absenceId: string; date: string; status: string; documentation: string; version: number; minutes: number | null; category: string; history: Record<string, unknown>[] };

const report = (token: string, body: Record<string, unknown>) => sys.http('POST', '/absences', { token, body });
const illness = (over: Record<string, unknown> = {}) => ({ requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-07', wholeDay: true, ...over });

beforeAll(async () => {
  sys = await startTestSystem({ clock: NOW });
  await seedParticipant(sys.deps, 'p-ada');
  await seedParticipant(sys.deps, 'p-bo');
  await seedParticipant(sys.deps, 'p-cy');
  await seedParticipant(sys.deps, 'p-dag', { children: 0 });
  await assign(sys.deps, 'p-ada', ADVISER_SUB);
  await assign(sys.deps, 'p-bo', ADVISER_SUB);
  await assign(sys.deps, 'p-cy', OTHER_SUB);
  await assign(sys.deps, 'p-dag', OTHER_SUB);
  ada = await sys.tokenFor(participant('p-ada'));
  bo = await sys.tokenFor(participant('p-bo'));
  cy = await sys.tokenFor(participant('p-cy'));
  dag = await sys.tokenFor(participant('p-dag'));
  adviser = await sys.tokenFor(staff(ADVISER_SUB, ['adviser']));
  otherAdviser = await sys.tokenFor(staff(OTHER_SUB, ['adviser']));
}, 120_000);

afterEach(() => {
  sys.clock!.set(NOW);
  sys.deps.swap({});
});

afterAll(() => sys?.stop());

describe('POST /absences (participant)', () => {
  test('own and child illness with self-certification are approved at once; a doctor note and leave wait for the adviser', async () => {
    const own = await report(ada, illness());
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ date: '2026-10-07', category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED', minutes: null, version: 1 });
    expect((own.body as Absence).history).toEqual([{ at: '2026-10-07T07:00:00.000Z', byRole: 'participant', from: null, to: 'APPROVED' }]);

    const child = await report(ada, illness({ category: 'CHILD_ILLNESS', date: '2026-10-06', wholeDay: undefined, minutes: 120 }));
    expect(child.body).toMatchObject({ category: 'CHILD_ILLNESS', status: 'APPROVED', minutes: 120 });

    const note = await report(bo, illness({ documentation: 'DOCTOR_NOTE', date: '2026-10-05' }));
    expect(note.body).toMatchObject({ documentation: 'DOCTOR_NOTE', status: 'PENDING' });

    const leave = await report(bo, { requestId: randomUUID(), category: 'WELFARE_LEAVE', date: '2026-11-02', wholeDay: true });
    expect(leave.body).toMatchObject({ category: 'WELFARE_LEAVE', documentation: 'NONE', status: 'PENDING' });
  });

  test('what was chosen is stored: child illness with a doctor note to come waits for the document (PENDING), not an approved self-certification', async () => {
    const r = await report(ada, illness({ category: 'CHILD_ILLNESS', documentation: 'DOCTOR_NOTE', date: '2026-09-30' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ category: 'CHILD_ILLNESS', documentation: 'DOCTOR_NOTE', status: 'PENDING', minutes: null });
    const stored = await sys.deps.attendance.getAbsence((r.body as Absence).absenceId);
    expect(stored).toMatchObject({ category: 'CHILD_ILLNESS', documentation: 'DOCTOR_NOTE', status: 'PENDING' });
  });

  test('what the rules cannot use is refused with a code and stores nothing', async () => {
    const before = await sys.count('attendance');
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      [ada, illness({ category: 'UNPAID_LEAVE', documentation: undefined }), 400, 'UNPAID_LEAVE_NOT_REPORTABLE', 'body.category'],
      [ada, { requestId: randomUUID(), category: 'UNPAID_LEAVE', date: '2026-11-02', wholeDay: true }, 400, 'UNPAID_LEAVE_NOT_REPORTABLE', 'body.category'],
      // Saturday 3 October: no programme day in the plan.
      [ada, illness({ date: '2026-10-03' }), 400, 'NOT_A_PROGRAMME_DAY', 'body.date'],
      [ada, illness({ category: 'CHILD_ILLNESS', date: '2026-10-04', documentation: 'DOCTOR_NOTE' }), 400, 'NOT_A_PROGRAMME_DAY', 'body.date'],
      // Christmas Day: a public holiday.
      [ada, { requestId: randomUUID(), category: 'VACATION', date: '2026-12-25', wholeDay: true }, 400, 'NOT_A_PROGRAMME_DAY', 'body.date'],
      // The plan has 360 minutes a day.
      [ada, illness({ wholeDay: undefined, minutes: 400, date: '2026-09-29' }), 400, 'MINUTES_EXCEED_PLANNED', 'body.minutes'],
    ];
    for (const [token, body, status, code, path] of cases) {
      const r = await report(token, body);
      expect([r.status, r.body?.code]).toEqual([status, code]);
      expect(r.body?.issues).toEqual([expect.objectContaining({ path })]);
    }
    expect(await sys.count('attendance')).toBe(before);
  });

  test('child illness is refused for a participant whose file lists no children; own illness is not', async () => {
    const before = await sys.count('attendance');
    const child = await report(dag, illness({ category: 'CHILD_ILLNESS' }));
    expect([child.status, child.body?.code]).toEqual([400, 'NO_CHILD_ON_FILE']);
    expect(child.body?.message).toMatch(/no children/);
    const withNote = await report(dag, illness({ category: 'CHILD_ILLNESS', documentation: 'DOCTOR_NOTE' }));
    expect([withNote.status, withNote.body?.code]).toEqual([400, 'NO_CHILD_ON_FILE']);
    expect(await sys.count('attendance')).toBe(before);
    expect((await report(dag, illness())).status).toBe(201);
  });

  test('a day already reported in full is 409 ALREADY_REPORTED; after a rejection it can be reported again', async () => {
    const first = await report(dag, illness({ date: '2026-10-01', documentation: 'DOCTOR_NOTE' }));
    expect(first.status).toBe(201);
    const again = await report(dag, illness({ date: '2026-10-01' }));
    expect([again.status, again.body?.code]).toEqual([409, 'ALREADY_REPORTED']);
    const patch = await sys.http('PATCH', `/absences/${(first.body as Absence).absenceId}`, { token: otherAdviser, body: { decision: 'REJECT', reason: 'Ingen legeerklæring', expectedVersion: 1 } });
    expect(patch.status).toBe(200);
    expect((await report(dag, illness({ date: '2026-10-01' }))).status).toBe(201);
  });

  test('idempotent on the request id: a retry gets the same answer and writes nothing; another report with that id is 409', async () => {
    const body = illness({ date: '2026-10-02' });
    const first = await report(ada, body);
    const before = await sys.count('attendance');
    const again = await Promise.all([report(ada, body), report(ada, body), report(ada, body)]);
    expect(again.map((r) => [r.status, r.raw])).toEqual(Array(3).fill([201, first.raw]));
    const changed = await report(ada, { ...body, date: '2026-10-01' });
    expect([changed.status, changed.body?.code]).toEqual([409, 'REQUEST_ID_CONFLICT']);
    // Another participant with the same request id is another report.
    expect((await report(bo, body)).status).toBe(201);
    expect(await sys.count('attendance')).toBe(before + 1);
  });

  test('dates: illness today and up to 14 days back; leave up to a year ahead', async () => {
    const before = await sys.count('attendance');
    for (const [body, code] of [
      [illness({ date: '2026-10-08' }), 'DATE_OUT_OF_RANGE'],
      [illness({ date: '2026-09-22' }), 'DATE_OUT_OF_RANGE'],
      [{ requestId: randomUUID(), category: 'VACATION', date: '2027-10-08', wholeDay: true }, 'DATE_OUT_OF_RANGE'],
    ] as const) {
      const r = await report(ada, body);
      expect([r.status, r.body?.code]).toEqual([400, code]);
    }
    expect(await sys.count('attendance')).toBe(before);
    expect((await report(ada, illness({ date: '2026-09-23' }))).status).toBe(201);
    expect((await report(ada, { requestId: randomUUID(), category: 'VACATION', date: '2027-10-07', wholeDay: true })).status).toBe(201);
  });

  test('bad input is 400 with a code, names the field, and stores nothing (no diagnosis field exists)', async () => {
    const before = await sys.count('attendance');
    const cases: [Record<string, unknown>, string, string][] = [
      [illness({ diagnosis: 'influensa' }), 'UNKNOWN_FIELD', 'body.diagnosis'],
      [illness({ participantId: 'p-bo' }), 'UNKNOWN_FIELD', 'body.participantId'],
      [illness({ status: 'APPROVED' }), 'UNKNOWN_FIELD', 'body.status'],
      [illness({ minutes: 30 }), 'VALIDATION_FAILED', 'body.minutes'],
      [illness({ wholeDay: undefined }), 'VALIDATION_FAILED', 'body.minutes'],
      [illness({ date: '2026-02-30' }), 'VALIDATION_FAILED', 'body.date'],
      [illness({ requestId: 'abc' }), 'VALIDATION_FAILED', 'body.requestId'],
      [illness({ category: 'HANGOVER' }), 'VALIDATION_FAILED', 'body.category'],
      [{ requestId: randomUUID(), category: 'WELFARE_LEAVE', date: '2026-10-09', wholeDay: true, documentation: 'DOCTOR_NOTE' }, 'VALIDATION_FAILED', 'body.documentation'],
    ];
    for (const [body, code, path] of cases) {
      const r = await report(ada, body);
      expect([r.status, r.body?.code]).toEqual([400, code]);
      expect(r.body?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect(r.raw).not.toContain('influensa');
    }
    const notJson = await sys.http('POST', '/absences', { token: ada, rawBody: '{"requestId":', headers: { 'content-type': 'application/json' } });
    expect([notJson.status, notJson.body?.code]).toEqual([400, 'MALFORMED_JSON']);
    const text = await sys.http('POST', '/absences', { token: ada, rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
    expect([text.status, text.body?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await sys.count('attendance')).toBe(before);
  });

  test('only participants report: staff and kiosks get 403', async () => {
    for (const who of [staff(ADVISER_SUB, ['adviser']), staff('pay', ['payroll']), staff('adm', ['admin']), kiosk('kiosk-x')]) {
      const r = await report(await sys.tokenFor(who), illness());
      expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
  });
});

describe('GET /absences and PATCH /absences/{id} (adviser)', () => {
  let pending: Absence;
  let cyPending: Absence;

  beforeAll(async () => {
    pending = (await report(ada, illness({ documentation: 'DOCTOR_NOTE', date: '2026-10-06' }))).body as Absence;
    cyPending = (await report(cy, illness({ documentation: 'DOCTOR_NOTE' }))).body as Absence;
  });

  test('the queue lists PENDING absences of assigned participants only, with the participant id', async () => {
    const r = await sys.http('GET', '/absences', { token: adviser });
    expect(r.status).toBe(200);
    const items = (r.body as { status: string; items: (Absence & { participantId: string })[] }).items;
    expect((r.body as { status: string }).status).toBe('PENDING');
    expect(items.every((i) => i.status === 'PENDING')).toBe(true);
    expect(new Set(items.map((i) => i.participantId))).toEqual(new Set(['p-ada', 'p-bo']));
    expect(items.map((i) => i.absenceId)).toContain(pending.absenceId);
    expect(items.map((i) => i.absenceId)).not.toContain(cyPending.absenceId);
    const approved = await sys.http('GET', '/absences', { token: adviser, query: { status: 'APPROVED' } });
    expect((approved.body as { items: Absence[] }).items.every((i) => i.status === 'APPROVED')).toBe(true);
    expect((approved.body as { items: Absence[] }).items.length).toBeGreaterThan(0);
    const bad = await sys.http('GET', '/absences', { token: adviser, query: { status: 'MAYBE' } });
    expect([bad.status, bad.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  test('approve: new status, version, history entry by role; the participant sees it', async () => {
    const r = await sys.http('PATCH', `/absences/${pending.absenceId}`, { token: adviser, body: { decision: 'APPROVE', documentation: 'DOCTOR_NOTE', expectedVersion: 1 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ absenceId: pending.absenceId, status: 'APPROVED', version: 2, documentation: 'DOCTOR_NOTE' });
    expect((r.body as Absence).history).toEqual([
      expect.objectContaining({ byRole: 'participant', from: null, to: 'PENDING' }),
      { at: '2026-10-07T07:00:00.000Z', byRole: 'adviser', from: 'PENDING', to: 'APPROVED' },
    ]);
    // No staff identifier in what the participant sees of the history.
    expect(r.raw).not.toContain(ADVISER_SUB);
    const month = await sys.http('GET', '/me/attendance', { token: ada, query: { month: '2026-10' } });
    const mine = (month.body as { absences: Absence[] }).absences.find((a) => a.absenceId === pending.absenceId);
    expect(mine).toMatchObject({ status: 'APPROVED', version: 2 });
  });

  test('a stale version is 409 ABSENCE_CHANGED and changes nothing; rejecting needs a reason, which is kept', async () => {
    const stale = await sys.http('PATCH', `/absences/${pending.absenceId}`, { token: adviser, body: { decision: 'REJECT', reason: 'Ingen legeerklæring mottatt', expectedVersion: 1 } });
    expect([stale.status, stale.body?.code]).toEqual([409, 'ABSENCE_CHANGED']);
    const noReason = await sys.http('PATCH', `/absences/${pending.absenceId}`, { token: adviser, body: { decision: 'REJECT', expectedVersion: 2 } });
    expect([noReason.status, noReason.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const rejected = await sys.http('PATCH', `/absences/${pending.absenceId}`, { token: adviser, body: { decision: 'REJECT', reason: 'Legeerklæringen gjelder en annen dag', expectedVersion: 2 } });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', version: 3 });
    expect((rejected.body as Absence).history).toHaveLength(3);
    expect((rejected.body as Absence).history[2]).toMatchObject({ byRole: 'adviser', from: 'APPROVED', to: 'REJECTED', reason: 'Legeerklæringen gjelder en annen dag' });
  });

  test('two advisers racing on one version: exactly one wins', async () => {
    const a = (await report(bo, illness({ documentation: 'DOCTOR_NOTE', date: '2026-10-01' }))).body as Absence;
    const rs = await Promise.all(Array.from({ length: 6 }, (_, i) => sys.http('PATCH', `/absences/${a.absenceId}`, { token: adviser, body: { decision: i % 2 === 0 ? 'APPROVE' : 'REJECT', reason: 'r', expectedVersion: 1 } })));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(5);
  });

  test('ownership: unassigned adviser 403 NOT_ASSIGNED; unknown or malformed id 404; participants may not review', async () => {
    const notMine = await sys.http('PATCH', `/absences/${cyPending.absenceId}`, { token: adviser, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect([notMine.status, notMine.body?.code]).toEqual([403, 'NOT_ASSIGNED']);
    const missing = await sys.http('PATCH', `/absences/p-ada.${'0'.repeat(24)}`, { token: adviser, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect([missing.status, missing.body?.code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await sys.http('PATCH', '/absences/whatever', { token: adviser, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect([malformed.status, malformed.body?.code]).toEqual([404, 'NOT_FOUND']);
    const self = await sys.http('PATCH', `/absences/${cyPending.absenceId}`, { token: cy, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect([self.status, self.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    // The other adviser is assigned to Cy and may.
    const ok = await sys.http('PATCH', `/absences/${cyPending.absenceId}`, { token: otherAdviser, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect(ok.status).toBe(200);
  });

  test('S6: when the access log cannot be written, the queue and the review are refused (503) and nothing changes', async () => {
    const a = (await report(bo, illness({ documentation: 'DOCTOR_NOTE', date: '2026-09-30' }))).body as Absence;
    const real = sys.deps.audit;
    const broken: AuditLog = {
      append: () => Promise.reject(new Error('audit table unavailable')),
      list: (pid) => real.list(pid),
      recordStaffRead: (read) => recordStaffReadWith(broken, read),
    };
    sys.deps.swap({ audit: broken });
    const queue = await sys.http('GET', '/absences', { token: adviser });
    expect([queue.status, queue.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
    expect(queue.raw).not.toContain('p-ada');
    const review = await sys.http('PATCH', `/absences/${a.absenceId}`, { token: adviser, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect([review.status, review.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
    sys.deps.swap({});
    const stored = await sys.deps.attendance.getAbsence(a.absenceId);
    expect(stored).toMatchObject({ status: 'PENDING', version: 1 });
  });
});
