/**
 * The reports and the retention run read the complaints and correction
 * requests of rights-repo.ts (issue 12): complaints as facts with the outcome
 * seen from the participant and no text, correction-request texts minimised
 * once, keeping status and answer.
 */
import { type ComplaintRecord, type CorrectionRequestRecord } from '../../shared/adapters/rights-repo.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';

let db: ApiDynamo;
beforeAll(async () => {
  db = await startApiDynamo('rr');
});
afterAll(async () => {
  await db?.stop();
});

const step = (status: string, at: string) => ({ status, at, byRole: 'adviser' });

function complaint(caseId: string, pid: string, municipality: string, receivedOn: string, extra: Partial<ComplaintRecord> = {}): ComplaintRecord {
  return {
    kind: 'COMPLAINT', caseId, participantId: pid, municipality, period: '2026-10', version: 1, createdAt: `${receivedOn}T09:00:00.000Z`,
    requestHash: `h-${caseId}`, text: 'Jeg klager på trekket', history: [step('RECEIVED', `${receivedOn}T09:00:00.000Z`)], status: 'RECEIVED', channel: 'PAGE',
    decisionId: `${pid}.2026-10.v0001`, decisionVersion: 1, receivedOn, madeKnownOn: '2026-11-03', deadline: '2026-11-24', late: receivedOn > '2026-11-24', ...extra,
  } as ComplaintRecord;
}

test('complaints become facts: outcome as the participant sees it, dated, filtered by municipality and received date, no text', async () => {
  const rights = db.deps.rights;
  await rights.createOnce(complaint('kl-1', 'p-a', '5001', '2026-11-05'));
  await rights.createOnce(complaint('kl-2', 'p-a', '5001', '2026-11-10', { status: 'FORWARDED', forwardedAt: '2026-11-20T10:00:00.000Z' }));
  await rights.createOnce(complaint('kl-3', 'p-b', '5001', '2026-11-28', { status: 'DECIDED', forwardedAt: '2026-12-01T10:00:00.000Z', outcome: { outcome: 'QUASHED', decidedOn: '2027-01-15', note: '', recordedAt: '2027-01-16T08:00:00.000Z', byRef: 'staff-x' } }));
  await rights.createOnce(complaint('kl-4', 'p-c', '5001', '2026-11-12', { status: 'UPHELD', reassessment: { reason: 'Medhold', at: '2026-11-13T23:30:00.000Z', byRole: 'adviser', byRef: 'staff-x', upheld: true } }));
  await rights.createOnce(complaint('kl-5', 'p-z', '5002', '2026-11-06'));

  const reader = db.deps.complaintReader;
  const forA = await reader.listForParticipant('p-a');
  expect(forA.map((c) => [c.complaintId, c.outcome, c.outcomeOn]).sort()).toEqual([
    ['kl-1', 'OPEN', null],
    ['kl-2', 'FORWARDED', '2026-11-20'],
  ]);
  expect(JSON.stringify(forA)).not.toContain('klager');

  const november = await reader.listForMunicipality('5001', '2026-11-01', '2026-11-27');
  expect(november.map((c) => c.complaintId).sort()).toEqual(['kl-1', 'kl-2', 'kl-4']);
  // 23:30 UTC on the 13th is the 14th in Oslo.
  expect(november.find((c) => c.complaintId === 'kl-4')).toMatchObject({ outcome: 'UPHELD', outcomeOn: '2026-11-14' });
  const decided = await reader.listForMunicipality('5001', '2026-11-28', '2026-11-30');
  expect(decided).toEqual([expect.objectContaining({ complaintId: 'kl-3', outcome: 'UPHELD_BY_STATSFORVALTEREN', outcomeOn: '2027-01-15', late: true })]);
});

test('a correction request’s text is minimised once: status, answer and history stay; a complaint’s text is not touched', async () => {
  const rights = db.deps.rights;
  const request: CorrectionRequestRecord = {
    kind: 'CORRECTION_REQUEST', caseId: 'rt-1', participantId: 'p-m', municipality: '5001', period: '2026-10', version: 2, createdAt: '2026-11-02T09:00:00.000Z',
    requestHash: 'h-rt-1', text: 'Kiosken var nede', absenceId: 'p-m.2026-10-06.v0001', history: [step('OPEN', '2026-11-02T09:00:00.000Z'), step('REFUSED', '2026-11-03T09:00:00.000Z')],
    status: 'REFUSED', subject: { kind: 'DAY', date: '2026-10-06' }, answer: { reason: 'Ingen feil funnet', at: '2026-11-03T09:00:00.000Z', byRole: 'adviser', byRef: 'staff-x' },
  };
  await rights.createOnce(request);
  await rights.createOnce(complaint('kl-m', 'p-m', '5001', '2026-11-05'));

  const store = db.deps.correctionTexts;
  expect(await store.listUnminimised('p-m')).toEqual([{ requestId: 'rt-1', period: '2026-10' }]);
  expect(await store.minimiseText('p-m', 'rt-1', '2026-12-01T02:15:00.000Z')).toBe('minimised');
  expect(await store.minimiseText('p-m', 'rt-1', '2026-12-02T02:15:00.000Z')).toBe('already');
  // A complaint is no correction request: the condition refuses it, its text stays.
  expect(await store.minimiseText('p-m', 'kl-m', '2026-12-01T02:15:00.000Z')).toBe('already');
  // Never creates an item.
  expect(await store.minimiseText('p-m', 'rt-none', '2026-12-01T02:15:00.000Z')).toBe('already');

  const after = (await rights.get('p-m', 'rt-1')) as CorrectionRequestRecord & { minimisedAt?: string };
  expect(after).toMatchObject({ status: 'REFUSED', answer: request.answer, history: request.history, minimisedAt: '2026-12-01T02:15:00.000Z' });
  expect(after.text).toBeUndefined();
  expect(after.absenceId).toBeUndefined();
  expect((await rights.get('p-m', 'kl-m'))?.text).toBe('Jeg klager på trekket');
  expect(await store.listUnminimised('p-m')).toEqual([]);
  expect(await rights.get('p-m', 'rt-none')).toBeUndefined();
});
