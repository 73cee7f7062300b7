/**
 * The NIR report on a seeded municipality (issue 12 item 3), through the
 * handlers against DynamoDB Local: the rows (leave with decision dates,
 * absence extent by group, complaints with outcome), the CSV file, the list
 * of what is due and not yet registered, marking records as registered
 * (create-only, audit-logged), and the attacks: another municipality's
 * records, an unassigned participant's for an adviser, made-up keys, racing
 * clerks.
 */
import { FixedClock } from '../../shared/adapters/clock.js';
import type { ComplaintFact } from '../../shared/domain/reports/complaint-facts.js';
import { NIR_COLUMNS } from '../../shared/domain/reports/nir-csv.js';
import { handler as nirHandler } from '../../functions/report-nir/handler.js';
import { handler as registerHandler } from '../../functions/report-nir-register/handler.js';
import type { Caller } from '../support/api-event.js';
import { apiEvent, lambdaContext, staffCaller } from '../support/api-event.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { assign } from '../support/api-seed.js';
import { complaintReaderOf, seedReportMunicipality, type SeededMunicipality } from '../support/report-seed.js';

let db: ApiDynamo;
let seeded: SeededMunicipality;
const clock = new FixedClock('2026-12-21T10:00:00Z');
const ADMIN = staffCaller('admin-ada', ['admin']);
const PAYROLL = staffCaller('payroll-per', ['payroll']);
const ADVISER = staffCaller('adviser-anna', ['adviser']);
const ADMIN_5002 = staffCaller('admin-5002', ['admin'], '5002');

const complaints: ComplaintFact[] = [
  { complaintId: 'k-1', participantId: 'p-r5', decisionId: 'p-r5.2026-10.v0001', receivedOn: '2026-11-10', late: false, outcome: 'FORWARDED', outcomeOn: '2026-11-20' },
  { complaintId: 'k-2', participantId: 'p-r2', decisionId: 'p-r2.2026-10.v0001', receivedOn: '2026-11-03', late: true, outcome: 'UPHELD', outcomeOn: '2026-11-12' },
];

const getNir = (caller: Caller, query: Record<string, string>) => db.call(nirHandler, apiEvent({ method: 'GET', path: '/reports/nir', caller, query }));
/** A file download: the body is the file, not JSON. */
async function download(caller: Caller, query: Record<string, string>): Promise<{ status: number; headers: Record<string, string>; raw: string }> {
  const r = await nirHandler.withDeps(db.deps)(apiEvent({ method: 'GET', path: '/reports/nir', caller, query }), lambdaContext);
  return { status: r.statusCode ?? 0, headers: (r.headers ?? {}) as Record<string, string>, raw: r.body ?? '' };
}
const mark = (caller: Caller, body: unknown) => db.call(registerHandler, apiEvent({ method: 'POST', path: '/reports/nir/registrations', caller, body }));

const complaintReader = complaintReaderOf(complaints);

beforeAll(async () => {
  db = await startApiDynamo('nir', { clock, complaintReader });
  seeded = await seedReportMunicipality(db.deps);
  await assign(db.deps, 'p-r1', 'adviser-anna');
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

interface Row {
  key: string;
  type: string;
  participantId: string;
  [k: string]: unknown;
}

describe('GET /reports/nir', () => {
  test('the seeded municipality: leave with decision dates, absence extent per participant-month, complaints with outcome; nothing of 5002', async () => {
    const r = await getNir(ADMIN, { from: '2026-10', to: '2026-11' });
    expect(r.status).toBe(200);
    const rows = r.body.rows as Row[];
    expect(rows.filter((x) => x.type === 'LEAVE').map((x) => [x.participantId, x.leaveKind, x.from, x.to, x.decisionDate])).toEqual([
      ['p-r1', 'VACATION', '2026-10-08', '2026-10-12', '2026-09-20'],
      ['p-r2', 'UNPAID_LEAVE', '2026-10-20', '2026-12-31', '2026-10-19'],
    ]);
    expect(rows.filter((x) => x.type === 'ABSENCE').map((x) => x.participantId)).toEqual(['p-r1', 'p-r2', 'p-r3', 'p-r4', 'p-r5', 'p-r6', 'p-r7']);
    const full = rows.find((x) => x.key === 'ABSENCE#p-r1.2026-10.v0001')!;
    expect([full.absentHours, full.absentPercent]).toEqual(['0.00', '0.0']);
    const unexcused = rows.find((x) => x.key === 'ABSENCE#p-r2.2026-10.v0001')!;
    expect(Number(unexcused.unexcusedHours)).toBeGreaterThan(0);
    expect(Number(unexcused.absentHours)).toBeCloseTo(Number(unexcused.illnessHours) + Number(unexcused.leaveHours) + Number(unexcused.unexcusedHours) + Number(unexcused.pendingHours), 1);
    expect(rows.filter((x) => x.type.startsWith('COMPLAINT')).map((x) => [x.key, x.outcome, x.late])).toEqual([
      ['COMPLAINT#k-2#RECEIVED', 'UPHELD', true],
      ['COMPLAINT#k-2#UPHELD', 'UPHELD', true],
      ['COMPLAINT#k-1#RECEIVED', 'FORWARDED', false],
    ]);
    expect(r.raw).not.toContain('p-r-5002');
    expect(r.raw).not.toMatch(/OWN_ILLNESS|CHILD_ILLNESS|DOCTOR_NOTE|SELF_CERTIFICATION/);
    const due = r.body.due as Row[];
    expect(due.length).toBe(rows.length);
    expect(due[0]).toMatchObject({ key: 'LEAVE#p-r1#VACATION#2026-10-08#2026-10-12#2026-09-20', dueDate: '2026-11-20', overdue: true });
  });

  test('CSV: UTF-8, a header of the documented columns, one line per record, CRLF, the national id to find the person in NIR', async () => {
    const r = await download(PAYROLL, { from: '2026-10', to: '2026-10', format: 'csv' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="nir-5001-2026-10-2026-10.csv"');
    expect(r.raw.split('\r\n')[0]).toBe(NIR_COLUMNS.join(','));
    // The seeded values hold no comma or quote, so a split reads the file.
    const [header, ...lines] = r.raw.split('\r\n').filter((l) => l !== '');
    const records = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header!.split(',')[i], v])));
    expect(records).toHaveLength(Number(r.headers['x-export-lines']));
    expect(records.find((x) => x.participant_id === 'p-r1' && x.record_type === 'LEAVE')).toMatchObject({ leave_kind: 'VACATION', leave_from: '2026-10-08', leave_to: '2026-10-12', leave_decision_date: '2026-09-20', national_id: seeded.people[0]!.nationalId });
  });

  test('every participant in the report has a staff read on their access log', async () => {
    await getNir(ADMIN, { from: '2026-10', to: '2026-10' });
    for (const p of ['p-r1', 'p-r7']) expect((await db.deps.audit.list(p)).some((e) => e.purpose === 'nir-report' && e.action === 'READ')).toBe(true);
    expect((await db.deps.audit.list('p-r-5002')).some((e) => e.purpose === 'nir-report')).toBe(false);
  });

  test('an adviser sees only assigned participants; the admin of 5002 only 5002', async () => {
    const mine = await getNir(ADVISER, { from: '2026-10', to: '2026-10' });
    expect([...new Set((mine.body.rows as Row[]).map((x) => x.participantId))]).toEqual(['p-r1']);
    const other = await getNir(ADMIN_5002, { from: '2026-10', to: '2026-10' });
    expect([...new Set((other.body.rows as Row[]).map((x) => x.participantId))]).toEqual(['p-r-5002']);
  });

  test('bad periods are refused with stable codes', async () => {
    for (const q of [{ from: '2026-11', to: '2026-10' }, { from: '2025-01', to: '2026-10' }, { from: '2026-13', to: '2026-10' }, { from: '2026-10' }]) {
      const r = await getNir(ADMIN, q as Record<string, string>);
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const r = await getNir(ADMIN, { from: '2026-10', to: '2026-10', municipality: '5002' });
    expect([r.status, r.body.code]).toEqual([400, 'UNKNOWN_FIELD']);
  });
});

describe('POST /reports/nir/registrations', () => {
  const leave = 'LEAVE#p-r1#VACATION#2026-10-08#2026-10-12#2026-09-20';

  test('marks records as registered: they leave the due list, stay in the report with the time, and the act is on the access log', async () => {
    const r = await mark(ADMIN, { from: '2026-10', to: '2026-10', keys: [leave, 'ABSENCE#p-r3.2026-10.v0001'] });
    expect(r.status).toBe(200);
    expect(r.body.registered).toEqual([
      { key: leave, registeredAt: '2026-12-21T10:00:00.000Z', created: true },
      { key: 'ABSENCE#p-r3.2026-10.v0001', registeredAt: '2026-12-21T10:00:00.000Z', created: true },
    ]);
    const after = await getNir(ADMIN, { from: '2026-10', to: '2026-10' });
    expect((after.body.due as Row[]).map((d) => d.key)).not.toContain(leave);
    expect((after.body.rows as Row[]).find((x) => x.key === leave)!.registeredAt).toBe('2026-12-21T10:00:00.000Z');
    expect((await db.deps.audit.list('p-r1')).some((e) => e.purpose === 'nir-registration' && e.action === 'WRITE')).toBe(true);
  });

  test('racing clerks: the first mark stays, every answer is the same time, one item', async () => {
    const key = 'ABSENCE#p-r4.2026-10.v0001';
    const later = new FixedClock('2026-12-21T11:00:00Z');
    db.deps.swap({ clock: later });
    const answers = await Promise.all([ADMIN, PAYROLL, ADMIN, PAYROLL].map((c) => mark(c, { from: '2026-10', to: '2026-10', keys: [key] })));
    db.deps.swap({});
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => (a.body.registered as Row[])[0]!.registeredAt))).toEqual(new Set(['2026-12-21T11:00:00.000Z']));
    expect(answers.filter((a) => (a.body.registered as Row[])[0]!.created).length).toBe(1);
    const again = await mark(ADMIN, { from: '2026-10', to: '2026-10', keys: [key] });
    expect(again.body.registered).toEqual([{ key, registeredAt: '2026-12-21T11:00:00.000Z', created: false }]);
  });

  test('attacks: a made-up key, another municipality’s record, an unassigned participant’s record for an adviser — refused, nothing marked', async () => {
    const before = await db.count('participants');
    const cases: [Caller, string][] = [
      [ADMIN, 'ABSENCE#p-r1.2026-10.v0099'],
      [ADMIN, 'ABSENCE#p-r-5002.2026-10.v0001'],
      [ADMIN, 'LEAVE#p-r-5002#VACATION#2026-10-08#2026-10-08#2026-09-20'],
      [ADVISER, 'ABSENCE#p-r2.2026-10.v0001'],
      [ADMIN_5002, 'ABSENCE#p-r5.2026-10.v0001'],
    ];
    for (const [caller, key] of cases) {
      const r = await mark(caller, { from: '2026-10', to: '2026-10', keys: ['ABSENCE#p-r6.2026-10.v0001', key] });
      expect([r.status, r.body.code]).toEqual([400, 'NIR_RECORD_UNKNOWN']);
      expect(r.body.issues).toContainEqual({ path: 'body.keys[1]', message: 'not a record of your NIR report for this period' });
      expect(r.raw).not.toContain('p-r');
    }
    expect(await db.count('participants')).toBe(before);
    const report = await getNir(ADMIN, { from: '2026-10', to: '2026-10' });
    expect((report.body.rows as Row[]).find((x) => x.key === 'ABSENCE#p-r6.2026-10.v0001')!.registeredAt).toBeNull();
  });

  test('a body with a registeredAt, a role or too many keys is refused', async () => {
    expect((await mark(ADMIN, { from: '2026-10', to: '2026-10', keys: ['ABSENCE#p-r6.2026-10.v0001'], registeredAt: '2020-01-01T00:00:00Z' })).body.code).toBe('UNKNOWN_FIELD');
    expect((await mark(ADMIN, { from: '2026-10', to: '2026-10', keys: Array.from({ length: 101 }, (_, i) => `ABSENCE#x${i}`) })).body.code).toBe('VALIDATION_FAILED');
    expect((await mark(ADMIN, { from: '2026-10', to: '2026-10', keys: ['P#p-r1'] })).body.code).toBe('VALIDATION_FAILED');
  });
});
