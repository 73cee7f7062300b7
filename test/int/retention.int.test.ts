/**
 * A retention run on seeded data (issue 12 item 5; docs/retention.md):
 * exactly what the schedule says is minimised (kiosk metadata of final months,
 * health detail past the quota window plus the correction window), nothing
 * else (a month still correctable, a month with an open complaint, leave
 * that is no health detail, another municipality), every decision stays
 * reproducible (its stored snapshot decides the same amounts, and so does a
 * case rebuilt from the minimised tables), every run is in the audit log, and
 * a second run changes nothing.
 */
import type { AbsenceRecord, CheckinRecord } from '../../shared/adapters/attendance-repo.js';
import { FixedClock } from '../../shared/adapters/clock.js';
import { decisionIdOf, type StoredDecision } from '../../shared/adapters/decisions-repo.js';
import { factsOf } from '../../shared/domain/participant-facts.js';
import { MINIMISED_DEVICE, type CorrectionTextStore } from '../../shared/adapters/retention-repo.js';
import { DEFAULT_PRESENCE_POLICY } from '../../shared/domain/attendance/presence.js';
import { parseCase } from '../../shared/domain/case.js';
import { decide, decideCore } from '../../shared/domain/engine.js';
import type { ComplaintFact } from '../../shared/domain/reports/complaint-facts.js';
import { buildCase } from '../../shared/domain/schedule/build-case.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import { retentionChain, runRetention } from '../../functions/retention-run/run-retention.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { seedParticipant } from '../support/api-seed.js';
import { approvedLeave, complaintReaderOf, releaseRun } from '../support/report-seed.js';

let db: ApiDynamo;
const NOW = '2026-12-01T10:00:00.000Z';

const event = (pid: string, id: string, oslo: string, utc: string, municipality = '5001', type: 'IN' | 'OUT' = 'IN'): CheckinRecord => ({
  eventId: id,
  participantId: pid,
  municipality,
  type,
  deviceId: 'kiosk-hall-2',
  deviceTime: oslo,
  deviceTimeUtc: utc,
  sentDeviceTime: oslo,
  recordedAt: utc,
  receiptId: `r-${id}`,
  requestHash: `h-${id}`,
  source: 'kiosk',
});
const eventId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A day of check-in and check-out (08:30–15:00 Oslo) on `date` (summer time until the last Sunday of October). */
function day(pid: string, date: string, n: number, municipality = '5001'): CheckinRecord[] {
  const offset = date < '2025-10-26' || (date >= '2026-03-29' && date < '2026-10-25') ? '+02:00' : '+01:00';
  const utc = (t: string) => new Date(`${date}T${t}:00${offset}`).toISOString();
  return [event(pid, eventId(n), `${date}T08:30:00${offset}`, utc('08:30'), municipality, 'IN'), event(pid, eventId(n + 1), `${date}T15:00:00${offset}`, utc('15:00'), municipality, 'OUT')];
}

const illness = (pid: string, date: string, category: AbsenceRecord['category'], documentation: AbsenceRecord['documentation']): AbsenceRecord => ({
  ...approvedLeave(pid, date, category, '2025-01-01T09:00:00.000Z'),
  documentation,
  history: [
    { at: `${date}T07:00:00.000Z`, byRole: 'participant', byRef: pid, from: null, to: 'PENDING', documentation },
    { at: `${date}T12:00:00.000Z`, byRole: 'adviser', byRef: 'staff-x', from: 'PENDING', to: 'APPROVED', documentation, reason: 'Legeerklæring mottatt' },
  ],
});

/** The month's case from the tables, as the payroll builds it (functions/payroll-compute-batch). */
async function caseFromTables(pid: string, period: string) {
  const deps = db.deps;
  const profile = (await deps.participants.getProfile(pid))!;
  const events = await deps.attendance.listEvents(pid, '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z');
  const absences = await deps.attendance.listAbsences(pid);
  return buildCase({
    period,
    computedAt: `${period}-28`,
    municipality: { code: profile.municipality },
    presencePolicy: DEFAULT_PRESENCE_POLICY,
    participant: { id: pid, ...factsOf(profile) },
    schedule: profile.schedule,
    events: events.map((e) => ({ eventId: e.eventId, type: e.type, deviceTime: e.deviceTime })),
    absences: absences.map((a) => ({ date: a.date, minutes: a.minutes, category: a.category, documentation: a.documentation, status: a.status })),
    isHoliday: isPublicHoliday,
  });
}

const stored: StoredDecision[] = [];
async function decideAndStore(pid: string, period: string, runId: string): Promise<void> {
  const c = await caseFromTables(pid, period);
  const d = decide(c);
  const s: StoredDecision = { participantId: pid, period, version: 1, decisionId: decisionIdOf(pid, period, 1), runId, municipality: c.municipality.code, decision: d, input: c, inputHash: d.inputHash, review: d.review, createdAt: `${period}-28T06:00:00.000Z` };
  expect(await db.deps.decisions.putDecisionOnce(s)).toBe('created');
  stored.push(s);
}

const complaints: ComplaintFact[] = [{ complaintId: 'k-open', participantId: 'p-ret2', decisionId: 'p-ret2.2025-10.v0001', receivedOn: '2025-11-20', late: false, outcome: 'OPEN', outcomeOn: null }];
const minimisedRequests: string[] = [];
const corrections: CorrectionTextStore = {
  listUnminimised: (pid) => Promise.resolve(pid === 'p-ret1' ? [{ requestId: 'cr-old', period: '2025-10' }, { requestId: 'cr-new', period: '2026-10' }].filter((r) => !minimisedRequests.includes(r.requestId)) : []),
  minimiseText: (_pid, id) => {
    minimisedRequests.push(id);
    return Promise.resolve('minimised');
  },
};
// The complaint store and the correction texts replaced in the dependency object: the run reads and minimises through them.
const complaintReader = complaintReaderOf(complaints, (p) => (p.endsWith('5002') ? '5002' : '5001'));

beforeAll(async () => {
  db = await startApiDynamo('retention', { clock: new FixedClock(NOW), complaintReader, correctionTexts: corrections });
  const deps = db.deps;
  for (const pid of ['p-ret1', 'p-ret2']) await seedParticipant(db.deps, pid);
  await seedParticipant(db.deps, 'p-ret-5002', { municipality: '5002' });
  const put = async (records: CheckinRecord[]) => {
    for (const r of records) expect((await deps.attendance.putEventOnce(r)).created).toBe(true);
  };
  await put([...day('p-ret1', '2025-05-06', 10), ...day('p-ret1', '2025-10-06', 20), ...day('p-ret1', '2026-10-06', 30), ...day('p-ret2', '2025-10-06', 40), ...day('p-ret-5002', '2025-05-06', 50, '5002')]);
  for (const a of [
    illness('p-ret1', '2025-05-05', 'OWN_ILLNESS', 'DOCTOR_NOTE'), // final month, past 12 + 6 months: minimised
    illness('p-ret1', '2025-10-07', 'CHILD_ILLNESS', 'SELF_CERTIFICATION'), // final month, inside the window: kept
    illness('p-ret1', '2026-10-07', 'OWN_ILLNESS', 'SELF_CERTIFICATION'), // still correctable: kept
    approvedLeave('p-ret1', '2025-05-07', 'VACATION', '2025-04-01T09:00:00.000Z'), // leave is no health detail: kept
    illness('p-ret-5002', '2025-05-05', 'OWN_ILLNESS', 'DOCTOR_NOTE'), // another municipality: kept
  ])
    expect((await deps.attendance.createAbsenceOnce(a)).created).toBe(true);
  for (const [period, runId] of [['2025-05', 'run-ret-2025-05'], ['2025-10', 'run-ret-2025-10'], ['2026-10', 'run-ret-2026-10']] as const) {
    await decideAndStore('p-ret1', period, runId);
    if (period === '2025-10') await decideAndStore('p-ret2', period, runId);
    await releaseRun(db.deps, runId, period, period === '2025-10' ? ['p-ret1', 'p-ret2'] : ['p-ret1']);
  }
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

test('the run minimises exactly what the schedule says, keeps every decision reproducible, and is logged', async () => {
  const deps = db.deps;
  // The months a run can still compute or recompute (the correction window, 6 months back, and on): their cases from the tables.
  const open = ['2026-06', '2026-10', '2026-11', '2026-12'];
  const before = await Promise.all(open.map((m) => caseFromTables('p-ret1', m)));
  const result = await runRetention(deps, '5001');
  expect(result).toMatchObject({ municipality: '5001', today: '2026-12-01', participants: 2, events: 4, absences: 1, correctionRequests: 1 });

  // Kiosk metadata: p-ret1's May and October 2025 (final) minimised; October 2026 (correctable) and p-ret2's month (open complaint) kept.
  const all = [
    ...(await deps.attendance.listEvents('p-ret1', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z')),
    ...(await deps.attendance.listEvents('p-ret2', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z')),
    ...(await deps.attendance.listEvents('p-ret-5002', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z')),
  ];
  const minimised = all.filter((e) => e.deviceId === MINIMISED_DEVICE).map((e) => e.eventId).sort();
  expect(minimised).toEqual([eventId(10), eventId(11), eventId(20), eventId(21)]);
  for (const e of all.filter((x) => x.deviceId === MINIMISED_DEVICE)) {
    expect(e.deviceTime).toBe(e.deviceTimeUtc);
    expect(e).not.toHaveProperty('sentDeviceTime');
  }
  for (const e of all.filter((x) => x.deviceId !== MINIMISED_DEVICE)) expect([e.deviceId, e.sentDeviceTime]).toEqual(['kiosk-hall-2', e.deviceTime]);

  // Health detail: only the 2025-05-05 illness of p-ret1.
  const absences = [...(await deps.attendance.listAbsences('p-ret1')), ...(await deps.attendance.listAbsences('p-ret-5002'))];
  const changed = absences.filter((a) => 'minimisedAt' in a);
  expect(changed.map((a) => [a.participantId, a.date, a.category, a.documentation])).toEqual([['p-ret1', '2025-05-05', 'ILLNESS_MINIMISED', 'NONE']]);
  expect(JSON.stringify(changed)).not.toMatch(/DOCTOR_NOTE|Legeerklæring|OWN_ILLNESS/);
  expect(absences.filter((a) => !('minimisedAt' in a)).map((a) => `${a.participantId} ${a.date} ${a.category}`).sort()).toEqual([
    'p-ret-5002 2025-05-05 OWN_ILLNESS',
    'p-ret1 2025-05-07 VACATION',
    'p-ret1 2025-10-07 CHILD_ILLNESS',
    'p-ret1 2026-10-07 OWN_ILLNESS',
  ]);
  // Correction requests: the final month's text only.
  expect(minimisedRequests).toEqual(['cr-old']);

  // Reproducible: each stored snapshot decides the same amounts (a final month is never recomputed from the tables again) …
  for (const s of stored) {
    const again = decideCore(parseCase(s.input!));
    const was = s.decision;
    expect([again.payoutOre, again.deductionOre, again.lines]).toEqual([was.payoutOre, was.deductionOre, was.lines]);
  }
  // … and every month a run can still compute is built from the minimised tables exactly as before (its quota history included).
  for (const [i, m] of open.entries()) expect(await caseFromTables('p-ret1', m)).toEqual(before[i]);
  const october = stored.find((s) => s.period === '2026-10' && s.participantId === 'p-ret1')!;
  expect(decideCore(await caseFromTables('p-ret1', '2026-10')).payoutOre).toBe((october.decision as { payoutOre: number }).payoutOre);

  // Logged: the participant's access log before the change, the run on the municipality's retention chain.
  expect((await deps.audit.list('p-ret1')).filter((e) => e.purpose === 'retention').map((e) => [e.action, e.actorRole])).toEqual([['WRITE', 'system']]);
  expect((await deps.audit.list('p-ret2')).some((e) => e.purpose === 'retention')).toBe(false);
  expect((await deps.audit.list(retentionChain('5001'))).map((e) => e.purpose)).toEqual(['retention-run events=4 absences=1 correctionRequests=1']);
});

test('a second run finds nothing left; it is logged too', async () => {
  const result = await runRetention(db.deps, '5001');
  expect([result.events, result.absences, result.correctionRequests]).toEqual([0, 0, 0]);
  expect((await db.deps.audit.list(retentionChain('5001'))).length).toBe(2);
});

test('a write racing a run (the same event minimised twice) changes nothing the second time', async () => {
  const repo = db.deps.retention;
  expect(await repo.minimiseEvent(eventId(10), NOW)).toBe('already');
  // An event that does not exist is not created.
  expect(await repo.minimiseEvent('00000000-0000-4000-8000-999999999999', NOW)).toBe('already');
  expect(await db.deps.attendance.getEvent('00000000-0000-4000-8000-999999999999')).toBeUndefined();
});
