/**
 * Issue 12 items 1–2 over HTTP against the local system: correction requests
 * (retting) and complaints (klage) from the participant's page to the
 * adviser's queue and back, and the attacks: racing answers, replays, other
 * advisers, other municipalities, other participants, a closed file, skipped
 * states, late complaints, and the free text kept out of the logs.
 */
import { randomUUID } from 'node:crypto';
import type { PayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import type { Captured } from '../support/capture-logs.js';
import { captureLogs } from '../support/capture-logs.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { participant, staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let logs: Captured;
const t: Record<string, string> = {};
const PID = 'p-rights-1';
const OTHER_PID = 'p-rights-2';
const M2_PID = 'p-rights-5002';
const DAY = '2026-10-06';
const RELEASED_AT = '2026-11-03T10:00:00.000Z';
const SECRET_TEXT = 'Kiosken var nede hele formiddagen, Xylofonvei 7';

type Json = Record<string, unknown>;
const caseOf = (r: HttpReply) => (r.body as { case: Json }).case;
const fileRequest = (body: Json, token = t.p1!) => sys.http('POST', '/me/correction-requests', { token, body });
const answer = (caseId: string, body: Json, token = t.adviser!, pid = PID) => sys.http('PUT', `/participants/${pid}/correction-requests/${caseId}/answer`, { token, body });
const reassess = (caseId: string, body: Json, token = t.adviser!) => sys.http('PUT', `/participants/${PID}/complaints/${caseId}/reassessment`, { token, body });
const outcome = (caseId: string, body: Json, token = t.adviser!) => sys.http('PUT', `/participants/${PID}/complaints/${caseId}/outcome`, { token, body });
const myCases = async (token = t.p1!) => ((await sys.http('GET', '/me/rights-cases', { token })).body as { cases: Json[] }).cases;

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z', log: true });
  await seedParticipant(sys.deps, PID);
  await seedParticipant(sys.deps, OTHER_PID);
  await seedParticipant(sys.deps, M2_PID, { municipality: '5002' });
  await assign(sys.deps, PID, 'adviser-r');
  await assign(sys.deps, OTHER_PID, 'adviser-other');
  await assign(sys.deps, M2_PID, 'adviser-5002', '5002');
  t.p1 = await sys.tokenFor(participant(PID));
  t.p2 = await sys.tokenFor(participant(OTHER_PID));
  t.adviser = await sys.tokenFor(staff('adviser-r', ['adviser']));
  t.otherAdviser = await sys.tokenFor(staff('adviser-other', ['adviser']));
  t.m2Adviser = await sys.tokenFor(staff('adviser-5002', ['adviser'], '5002'));
  t.admin = await sys.tokenFor(staff('admin-r', ['admin']));
  await seedDecision(sys.deps, inMonth(goldenCase('g02-unexcused-half-day', PID), '2026-10', '2026-11-01'), { runId: 'run-oct' });
  // October's run released on 3 November: the decision was made known then (complaint-deadline.ts), deadline 24 November.
  const real = sys.deps.payrollRuns;
  const released: PayrollRunsRepo = Object.assign(Object.create(real) as PayrollRunsRepo, {
    getCurrentRun: async (m: string, p: string) => ({ ...((await real.getCurrentRun(m, p)) ?? {}), status: 'RELEASED', releasedAt: RELEASED_AT }) as never,
  });
  sys.deps.swap({ payrollRuns: released });
  logs = captureLogs();
}, 120_000);

afterAll(async () => {
  logs?.stop();
  await sys?.stop();
});

describe('correction requests', () => {
  let caseId = '';
  const requestId = randomUUID();
  const body = () => ({ requestId, subject: { kind: 'DAY', date: DAY }, text: SECRET_TEXT });

  test('the participant files one; a replay files nothing new; the same id for another request is refused', async () => {
    const r = await fileRequest(body());
    expect(r.status).toBe(201);
    caseId = String(caseOf(r).caseId);
    expect(caseOf(r)).toMatchObject({ kind: 'CORRECTION_REQUEST', status: 'OPEN', period: '2026-10', subject: { kind: 'DAY', date: DAY }, text: SECRET_TEXT, answer: null, version: 1 });
    const replay = await fileRequest(body());
    expect([replay.status, (replay.body as Json).created, caseOf(replay).caseId]).toEqual([200, false, caseId]);
    const other = await fileRequest({ ...body(), text: 'Noe helt annet' });
    expect([other.status, other.body?.code]).toEqual([409, 'REQUEST_ID_CONFLICT']);
    expect((await myCases()).filter((c) => c.caseId === caseId)).toHaveLength(1);
    // The participant's own data export (GDPR art. 15) carries it, with their words.
    const exported = (await sys.http('GET', '/me/data-export', { token: t.p1! })).body as { rightsCases: Json[] };
    expect(exported.rightsCases).toEqual([expect.objectContaining({ caseId, text: SECRET_TEXT, status: 'OPEN' })]);
  });

  test('bad requests are refused with a code: a future day, a future month, an absence that is not mine, control characters', async () => {
    expect((await fileRequest({ requestId: randomUUID(), subject: { kind: 'DAY', date: '2026-11-11' }, text: 'I morgen' })).body?.code).toBe('CORRECTION_DATE_IN_FUTURE');
    expect((await fileRequest({ requestId: randomUUID(), subject: { kind: 'FACT', period: '2026-12' }, text: 'Neste måned' })).body?.code).toBe('PERIOD_IN_FUTURE');
    const theirs = await sys.http('POST', '/absences', { token: t.p2!, body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-11-09', wholeDay: true, documentation: 'DOCTOR_NOTE' } });
    expect(theirs.status).toBe(201);
    const r = await fileRequest({ requestId: randomUUID(), subject: { kind: 'DAY', date: '2026-11-09' }, text: 'Legeerklæring', absenceId: theirs.body?.absenceId });
    expect([r.status, r.body?.code]).toEqual([404, 'ABSENCE_NOT_FOUND']);
    expect((await fileRequest({ requestId: randomUUID(), subject: { kind: 'DAY', date: DAY }, text: 'a\u0007b\u0007c' })).body?.code).toBe('VALIDATION_FAILED');
  });

  test("the assigned adviser's queue shows it; another adviser's queue and another municipality's do not; the queue read is access-logged", async () => {
    const q = await sys.http('GET', '/rights-cases', { token: t.adviser! });
    expect((q.body as { items: Json[] }).items.map((i) => [i.participantId, i.caseId, i.status])).toContainEqual([PID, caseId, 'OPEN']);
    expect((await sys.deps.audit.list(PID)).at(-1)).toMatchObject({ action: 'READ', purpose: 'rights-queue', actorRole: 'adviser' });
    for (const token of [t.otherAdviser!, t.m2Adviser!]) expect((await sys.http('GET', '/rights-cases', { token })).raw).not.toContain(caseId);
  });

  test('other advisers, other municipalities and other participants cannot answer it', async () => {
    const refuse = { action: 'REFUSE', version: 1, reason: 'Ikke min sak' };
    expect((await answer(caseId, refuse, t.otherAdviser!)).body?.code).toBe('NOT_ASSIGNED');
    expect((await answer(caseId, refuse, t.m2Adviser!)).status).toBe(404);
    // The case id under another participant's path: that participant's adviser does not find it.
    expect((await answer(caseId, refuse, t.otherAdviser!, OTHER_PID)).body?.code).toBe('RIGHTS_CASE_NOT_FOUND');
    // A participant has no adviser route, and sees only their own cases.
    expect((await answer(caseId, refuse, t.p1!)).body?.code).toBe('FORBIDDEN_ROLE');
    expect(JSON.stringify(await myCases(t.p2!))).not.toContain(caseId);
    expect((await sys.deps.attendance.listCorrections(PID, DAY, DAY))).toEqual([]);
  });

  test('an accept and a refusal at the same moment: exactly one wins, and the correction exists exactly when the accept won', async () => {
    const accept = { action: 'ACCEPT', version: 1, reason: 'Kiosken var nede; bekreftet av læreren', correction: { kind: 'ATTENDANCE', present: [{ from: '08:30', to: '14:30' }], expectedVersion: 0 } };
    const refuse = { action: 'REFUSE', version: 1, reason: 'Ingen bekreftelse fra læreren' };
    const results = await Promise.all([answer(caseId, accept), answer(caseId, refuse), answer(caseId, accept), answer(caseId, refuse)]);
    const won = results.filter((r) => r.status === 200 && (r.body as Json).created === true);
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => !won.includes(x))) expect(r.status === 200 ? (r.body as Json).created : r.body?.code).toEqual(r.status === 200 ? false : expect.stringMatching(/^(RIGHTS_CASE_CHANGED|CORRECTION_REQUEST_ANSWERED|CORRECTION_CHANGED)$/));
    const stored = (await sys.deps.decisions.listVersions(PID, '2026-10')).length;
    expect(stored).toBe(1);
    const corrections = await sys.deps.attendance.listCorrections(PID, DAY, DAY);
    const status = String(caseOf(won[0]!).status);
    expect(corrections).toHaveLength(status === 'ACCEPTED' ? 1 : 0);
    // Whatever won, the answer is final: the other action now is refused with the domain's code.
    const late = await answer(caseId, status === 'ACCEPTED' ? refuse : accept);
    expect([late.status, late.body?.code]).toEqual([409, 'CORRECTION_REQUEST_ANSWERED']);
    // The same answer again (a retry after a lost reply) returns the case, writing nothing.
    const replay = await answer(caseId, status === 'ACCEPTED' ? accept : refuse);
    expect([replay.status, (replay.body as Json).created]).toEqual([200, false]);
    expect(await sys.deps.attendance.listCorrections(PID, DAY, DAY)).toHaveLength(corrections.length);
    // Every attempt that reached the write was logged before it (as PUT …/attendance/{date} does); the replay wrote no entry.
    const entries = (await sys.deps.audit.list(PID)).filter((e) => e.purpose === 'correction-request-answer');
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.length).toBeLessThanOrEqual(4);
  });

  test('an accepted request: the correction counts in the day, the participant sees status and answer, the month explanation mentions it', async () => {
    // A fresh request accepted on its own, so this test does not depend on who won the race above.
    const r = await fileRequest({ requestId: randomUUID(), subject: { kind: 'DAY', date: '2026-10-07' }, text: 'Jeg var der, kortet virket ikke' });
    const id = String(caseOf(r).caseId);
    const a = await answer(id, { action: 'ACCEPT', version: 1, reason: 'Læreren bekrefter oppmøtet', correction: { kind: 'ATTENDANCE', present: [{ from: '08:30', to: '14:30' }], expectedVersion: 0 } });
    expect(a.status).toBe(200);
    expect(caseOf(a)).toMatchObject({ status: 'ACCEPTED', answer: { reason: 'Læreren bekrefter oppmøtet', byRole: 'adviser', correction: { kind: 'ATTENDANCE', date: '2026-10-07', correctionVersion: 1 } } });
    const [correction] = await sys.deps.attendance.listCorrections(PID, '2026-10-07', '2026-10-07');
    expect(correction).toMatchObject({ version: 1, reason: 'Læreren bekrefter oppmøtet', correctedByRole: 'adviser', present: [{ from: '08:30', to: '14:30' }] });
    const mine = (await myCases()).find((c) => c.caseId === id)!;
    expect(mine).toMatchObject({ status: 'ACCEPTED', answer: { reason: 'Læreren bekrefter oppmøtet' } });
    expect((mine.history as Json[]).map((h) => h.status)).toEqual(['OPEN', 'ACCEPTED']);
    const month = await sys.http('GET', '/me/attendance', { token: t.p1!, query: { month: '2026-10' } });
    expect(month.raw).toContain('Læreren bekrefter oppmøtet');
    const ex = await sys.http('GET', '/me/decisions/2026-10/explanation', { token: t.p1!, query: { lang: 'nb' } });
    expect(ex.status).toBe(200);
    expect(String(ex.body?.text)).toContain('Du ba om retting 10. november 2026. Rådgiveren din godtok den 10. november 2026. Neste beregning tar med rettingen');
  });

  test('a fact request is accepted only with a fact change made after it was filed', async () => {
    const r = await fileRequest({ requestId: randomUUID(), subject: { kind: 'FACT', period: '2026-10' }, text: 'Jeg har to barn, ikke ett' });
    const id = String(caseOf(r).caseId);
    const withDay = await answer(id, { action: 'ACCEPT', version: 1, reason: 'Feil', correction: { kind: 'ATTENDANCE', date: DAY, present: [], expectedVersion: 0 } });
    expect(withDay.body?.code).toBe('CORRECTION_DOES_NOT_FIT');
    const before = await answer(id, { action: 'ACCEPT', version: 1, reason: 'Rettet antall barn', correction: { kind: 'FACT', factsVersion: 1 } });
    expect([before.status, before.body?.code]).toEqual([400, 'FACT_CHANGE_NOT_FOUND']);
    const patch = await sys.http('PATCH', `/participants/${PID}`, { token: t.adviser!, body: { expectedVersion: 1, children: 2 } });
    expect(patch.status).toBe(200);
    const ok = await answer(id, { action: 'ACCEPT', version: 1, reason: 'Rettet antall barn', correction: { kind: 'FACT', factsVersion: 2 } });
    expect(ok.status).toBe(200);
    expect(caseOf(ok)).toMatchObject({ status: 'ACCEPTED', answer: { correction: { kind: 'FACT', factsVersion: 2 } } });
  });

  test('a stale version is refused; a refused request shows its reason', async () => {
    const r = await fileRequest({ requestId: randomUUID(), subject: { kind: 'DAY', date: '2026-10-08' }, text: 'Feil dag' });
    const id = String(caseOf(r).caseId);
    expect((await answer(id, { action: 'REFUSE', version: 2, reason: 'x y z' })).body?.code).toBe('RIGHTS_CASE_CHANGED');
    const refused = await answer(id, { action: 'REFUSE', version: 1, reason: 'Du var ikke registrert den dagen' });
    expect(caseOf(refused)).toMatchObject({ status: 'REFUSED', answer: { reason: 'Du var ikke registrert den dagen', correction: null } });
  });
});

describe('complaints', () => {
  test('from the page, on time: deadline three weeks after the release; reassessed as not upheld it goes to Statsforvalteren; the outcome comes back', async () => {
    const r = await sys.http('POST', '/me/complaints', { token: t.p1!, body: { requestId: randomUUID(), period: '2026-10', text: 'Jeg er uenig i trekket' } });
    expect(r.status).toBe(201);
    const c = caseOf(r);
    expect(c).toMatchObject({ kind: 'COMPLAINT', channel: 'PAGE', status: 'RECEIVED', receivedOn: '2026-11-10', madeKnownOn: '2026-11-03', deadline: '2026-11-24', late: false, decisionVersion: 1 });
    const id = String(c.caseId);
    // No skipping: no outcome before it is forwarded.
    expect((await outcome(id, { version: 1, outcome: 'CONFIRMED', decidedOn: '2026-11-10', note: '' })).body?.code).toBe('COMPLAINT_NOT_FORWARDED');
    const fw = await reassess(id, { upheld: false, version: 1, reason: 'Trekket følger reglene' });
    expect(caseOf(fw)).toMatchObject({ status: 'FORWARDED', reassessment: { upheld: false, reason: 'Trekket følger reglene' } });
    expect((await reassess(id, { upheld: false, version: 2, reason: 'Igjen' })).body?.code).toBe('COMPLAINT_REASSESSED');

    const file = await sys.http('GET', `/participants/${PID}/complaints/${id}/case-file`, { token: t.adviser! });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="klage-${id}.json"`);
    const pkg = file.body as Json & { decisions: Json[]; explanation: { nb: Json; en: Json }; accessLog: Json[]; documents: Json };
    expect(pkg).toMatchObject({ format: 'introflyt-complaint-case-file-v1', participantId: PID, period: '2026-10', complaint: { caseId: id, status: 'FORWARDED' } });
    expect(pkg.decisions[0]).toMatchObject({ version: 1, inputSnapshot: { period: '2026-10' } });
    expect(String(pkg.explanation.nb.text)).toContain('Kommunen fikk klagen din 10. november 2026');
    expect(pkg.accessLog.some((e) => e.purpose === 'complaint-case-file')).toBe(true);
    expect((pkg.documents.correctionRequests as Json[]).length).toBeGreaterThan(0);
    expect((await outcome(id, { version: 2, outcome: 'CONFIRMED', decidedOn: '2026-11-11', note: '' })).body?.code).toBe('DECIDED_IN_FUTURE');
    const done = await outcome(id, { version: 2, outcome: 'CONFIRMED', decidedOn: '2026-11-10', note: 'Stadfestet' });
    expect(caseOf(done)).toMatchObject({ status: 'DECIDED', outcome: { outcome: 'CONFIRMED', decidedOn: '2026-11-10', note: 'Stadfestet' } });
    expect((await outcome(id, { version: 3, outcome: 'CHANGED', decidedOn: '2026-11-10', note: '' })).body?.code).toBe('COMPLAINT_DECIDED');
    const seen = (await myCases()).find((x) => x.caseId === id)!;
    expect((seen.history as Json[]).map((h) => h.status)).toEqual(['RECEIVED', 'FORWARDED', 'DECIDED']);
    expect(seen.outcome).toMatchObject({ outcome: 'CONFIRMED' });
  });

  test('on paper, received after the deadline: recorded as late, not refused; upheld with a correction of a day', async () => {
    sys.clock!.set('2026-11-26T09:00:00Z');
    try {
      const r = await sys.http('POST', `/participants/${PID}/complaints`, { token: t.adviser!, body: { requestId: randomUUID(), period: '2026-10', text: 'Brev: klage på oktober', receivedOn: '2026-11-25' } });
      expect(r.status).toBe(201);
      expect(caseOf(r)).toMatchObject({ channel: 'PAPER', receivedOn: '2026-11-25', deadline: '2026-11-24', late: true, status: 'RECEIVED' });
      expect((await sys.deps.audit.list(PID)).some((e) => e.purpose === 'complaint-record' && e.action === 'WRITE')).toBe(true);
      const future = await sys.http('POST', `/participants/${PID}/complaints`, { token: t.adviser!, body: { requestId: randomUUID(), period: '2026-10', text: 'Brev', receivedOn: '2026-11-27' } });
      expect(future.body?.code).toBe('RECEIVED_IN_FUTURE');
      const none = await sys.http('POST', `/participants/${PID}/complaints`, { token: t.adviser!, body: { requestId: randomUUID(), period: '2026-09', text: 'Brev', receivedOn: '2026-11-25' } });
      expect([none.status, none.body?.code]).toEqual([404, 'NO_DECISION']);
      const id = String(caseOf(r).caseId);
      const up = await reassess(id, { upheld: true, version: 1, reason: 'Dagen var feil registrert', correction: { kind: 'ATTENDANCE', date: '2026-10-09', present: [{ from: '08:30', to: '14:30' }], expectedVersion: 0 } });
      expect(caseOf(up)).toMatchObject({ status: 'UPHELD', reassessment: { upheld: true, correction: { kind: 'ATTENDANCE', date: '2026-10-09', correctionVersion: 1 } } });
      expect(await sys.deps.attendance.listCorrections(PID, '2026-10-09', '2026-10-09')).toHaveLength(1);
      const wrongMonth = await sys.http('POST', `/participants/${PID}/complaints`, { token: t.adviser!, body: { requestId: randomUUID(), period: '2026-10', text: 'Brev 2', receivedOn: '2026-11-25' } });
      const bad = await reassess(String(caseOf(wrongMonth).caseId), { upheld: true, version: 1, reason: 'Feil', correction: { kind: 'ATTENDANCE', date: '2026-11-09', present: [], expectedVersion: 0 } });
      expect(bad.body?.code).toBe('CORRECTION_DOES_NOT_FIT');
    } finally {
      sys.clock!.set('2026-11-10T09:00:00Z');
    }
  });

  test('attacks: another participant complains about a month they have no decision for; other advisers cannot reassess', async () => {
    const r = await sys.http('POST', '/me/complaints', { token: t.p2!, body: { requestId: randomUUID(), period: '2026-10', text: 'Klage' } });
    expect([r.status, r.body?.code]).toEqual([404, 'NO_DECISION']);
    const mine = await sys.http('POST', '/me/complaints', { token: t.p1!, body: { requestId: randomUUID(), period: '2026-10', text: 'Enda en klage' } });
    const id = String(caseOf(mine).caseId);
    expect((await reassess(id, { upheld: false, version: 1, reason: 'Nei' }, t.otherAdviser!)).body?.code).toBe('NOT_ASSIGNED');
    expect((await reassess(id, { upheld: false, version: 1, reason: 'Nei' }, t.m2Adviser!)).status).toBe(404);
    expect((await sys.http('GET', `/participants/${PID}/complaints/${id}/case-file`, { token: t.otherAdviser! })).body?.code).toBe('NOT_ASSIGNED');
    // Two reassessments at once: one wins.
    const both = await Promise.all([reassess(id, { upheld: false, version: 1, reason: 'Nei takk' }), reassess(id, { upheld: true, version: 1, reason: 'Ja, rettet', correction: { kind: 'ATTENDANCE', date: '2026-10-13', present: [], expectedVersion: 0 } })]);
    expect(both.filter((x) => x.status === 200)).toHaveLength(1);
    expect(both.map((x) => x.body?.code ?? 'OK').sort()).toEqual(['OK', expect.stringMatching(/^(RIGHTS_CASE_CHANGED|COMPLAINT_REASSESSED)$/)]);
    // The upheld one's correction exists exactly when it won.
    const upheld = both[1]!.status === 200;
    expect(await sys.deps.attendance.listCorrections(PID, '2026-10-13', '2026-10-13')).toHaveLength(upheld ? 1 : 0);
  });
});

describe('the closed file and the logs', () => {
  test('a participant whose access is closed cannot file anything', async () => {
    expect((await sys.http('PUT', `/participants/${OTHER_PID}/access`, { token: t.admin!, body: { status: 'CLOSED', reason: 'Flyttet' } })).status).toBe(200);
    const r = await fileRequest({ requestId: randomUUID(), subject: { kind: 'DAY', date: DAY }, text: 'Stengt' }, t.p2!);
    expect([r.status, r.body?.code]).toEqual([403, 'ACCESS_CLOSED']);
    const c = await sys.http('POST', '/me/complaints', { token: t.p2!, body: { requestId: randomUUID(), period: '2026-10', text: 'Stengt' } });
    expect(c.body?.code).toBe('ACCESS_CLOSED');
  });

  test('the participant’s words never reach a log line', () => {
    expect(logs.text()).not.toContain('Xylofonvei');
    expect(logs.text()).not.toContain('uenig i trekket');
    expect(logs.lines().some((l) => l.fn === 'rights-participant')).toBe(true);
  });
});
