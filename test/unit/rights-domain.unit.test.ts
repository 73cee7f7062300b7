/** Issue 12 items 1–2: the correction request and complaint state machines and the complaint deadline (shared/domain/rights/). */
import { advanceComplaint, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, outcomeNeedsNewDecision } from '../../shared/domain/rights/complaint.js';
import type { ComplaintAction } from '../../shared/domain/rights/complaint.js';
import { complaintDeadline, complaintTimeliness } from '../../shared/domain/rights/complaint-deadline.js';
import { simulate } from '../../shared/domain/engine.js';
import { renderLayers } from '../../shared/domain/explanation/render.js';
import { rightsNotes } from '../../shared/domain/rights/explanation-notes.js';
import { baseCase } from '../support/case-builder.js';
import { answerCorrectionRequest, correctionFits, CORRECTION_REQUEST_STATUSES, periodOfSubject } from '../../shared/domain/rights/correction-request.js';

describe('correction request: OPEN → ACCEPTED | REFUSED, once', () => {
  test('an open request is accepted or refused', () => {
    expect(answerCorrectionRequest('OPEN', 'ACCEPT')).toEqual({ ok: true, status: 'ACCEPTED' });
    expect(answerCorrectionRequest('OPEN', 'REFUSE')).toEqual({ ok: true, status: 'REFUSED' });
  });

  test('an answered request cannot be answered again, either way', () => {
    for (const from of CORRECTION_REQUEST_STATUSES.filter((s) => s !== 'OPEN'))
      for (const action of ['ACCEPT', 'REFUSE'] as const) {
        const t = answerCorrectionRequest(from, action);
        expect(t).toMatchObject({ ok: false, code: 'CORRECTION_REQUEST_ANSWERED' });
        expect(t.ok ? '' : t.message).toContain(from === 'ACCEPTED' ? 'accepted' : 'refused');
      }
  });

  test('a day is settled by a correction of that day only; a fact by a fact change only', () => {
    expect(correctionFits({ kind: 'DAY', date: '2026-10-06' }, 'ATTENDANCE', '2026-10-06')).toEqual({ ok: true });
    expect(correctionFits({ kind: 'DAY', date: '2026-10-06' }, 'ATTENDANCE', '2026-10-07')).toMatchObject({ ok: false, code: 'CORRECTION_DOES_NOT_FIT', message: expect.stringContaining('one day') });
    expect(correctionFits({ kind: 'DAY', date: '2026-10-06' }, 'FACT')).toMatchObject({ ok: false, code: 'CORRECTION_DOES_NOT_FIT' });
    expect(correctionFits({ kind: 'FACT', period: '2026-10' }, 'FACT')).toEqual({ ok: true });
    expect(correctionFits({ kind: 'FACT', period: '2026-10' }, 'ATTENDANCE', '2026-10-06')).toMatchObject({ ok: false, message: expect.stringContaining('a fact') });
  });

  test('the month a request is about', () => {
    expect(periodOfSubject({ kind: 'DAY', date: '2026-10-06' })).toBe('2026-10');
    expect(periodOfSubject({ kind: 'FACT', period: '2026-09' })).toBe('2026-09');
  });
});

describe('complaint: RECEIVED → UPHELD | FORWARDED → DECIDED, no skipping', () => {
  const table: [string, ComplaintAction][] = [];
  for (const from of COMPLAINT_STATUSES) for (const action of ['UPHOLD', 'NOT_UPHOLD', 'RECORD_OUTCOME'] as const) table.push([from, action]);

  test('every status × action: the allowed steps and the code of every other', () => {
    const got = table.map(([from, action]) => {
      const t = advanceComplaint(from as (typeof COMPLAINT_STATUSES)[number], action);
      return `${from} ${action} → ${t.ok ? t.status : t.code}`;
    });
    expect(got).toEqual([
      'RECEIVED UPHOLD → UPHELD',
      'RECEIVED NOT_UPHOLD → FORWARDED',
      'RECEIVED RECORD_OUTCOME → COMPLAINT_NOT_FORWARDED',
      'UPHELD UPHOLD → COMPLAINT_REASSESSED',
      'UPHELD NOT_UPHOLD → COMPLAINT_REASSESSED',
      'UPHELD RECORD_OUTCOME → COMPLAINT_NOT_FORWARDED',
      'FORWARDED UPHOLD → COMPLAINT_REASSESSED',
      'FORWARDED NOT_UPHOLD → COMPLAINT_REASSESSED',
      'FORWARDED RECORD_OUTCOME → DECIDED',
      'DECIDED UPHOLD → COMPLAINT_REASSESSED',
      'DECIDED NOT_UPHOLD → COMPLAINT_REASSESSED',
      'DECIDED RECORD_OUTCOME → COMPLAINT_DECIDED',
    ]);
  });

  test('a changed or quashed decision must be decided again; a confirmed or dismissed one not', () => {
    expect(COMPLAINT_OUTCOMES.filter(outcomeNeedsNewDecision)).toEqual(['CHANGED', 'QUASHED']);
  });
});

describe('complaint deadline: three weeks from when the decision was made known (fvl §§ 29–30)', () => {
  test('three weeks to the weekday, the day of notice not counted', () => {
    // Tuesday 3 November 2026 → Tuesday 24 November.
    expect(complaintDeadline('2026-11-03')).toBe('2026-11-24');
  });

  test('a deadline on a Saturday or Sunday moves to the Monday', () => {
    // Saturday 7 November → Saturday 28 November → Monday 30 November.
    expect(complaintDeadline('2026-11-07')).toBe('2026-11-30');
    expect(complaintDeadline('2026-11-08')).toBe('2026-11-30');
  });

  test('a deadline on a public holiday moves to the next working day', () => {
    // 4 December 2026 + 21 days = Friday 25 December (Christmas Day) → 26th (holiday) → 27th (Sunday) → Monday 28th.
    expect(complaintDeadline('2026-12-04')).toBe('2026-12-28');
  });

  test('received on the last day is on time; the day after is late (recorded, not refused)', () => {
    expect(complaintTimeliness('2026-11-24', '2026-11-03')).toEqual({ late: false, deadline: '2026-11-24' });
    expect(complaintTimeliness('2026-11-25', '2026-11-03')).toEqual({ late: true, deadline: '2026-11-24' });
  });

  test('a decision not made known yet has no deadline running: never late', () => {
    expect(complaintTimeliness('2030-01-01', null)).toEqual({ late: false, deadline: null });
  });
});

describe('the explanation of the month mentions its correction requests and complaints', () => {
  const decidedAt = '2026-11-10T00:00:00.000Z';
  const req = (status: string, answerAt?: string) => ({ kind: 'CORRECTION_REQUEST' as const, period: '2026-10', createdAt: '2026-11-05T09:00:00.000Z', status, ...(answerAt === undefined ? {} : { answer: { at: answerAt } }) });
  const complaint = (status: string, extra: object = {}) => ({ kind: 'COMPLAINT' as const, period: '2026-10', createdAt: '2026-11-04T09:00:00.000Z', status, receivedOn: '2026-11-04', late: false, ...extra });

  test('a request: open, refused, accepted before this version (counted) or after it (the next run counts it)', () => {
    const notes = rightsNotes([req('OPEN'), req('REFUSED', '2026-11-06T10:00:00.000Z'), req('ACCEPTED', '2026-11-06T10:00:00.000Z'), req('ACCEPTED', '2026-11-12T10:00:00.000Z')], '2026-10', decidedAt);
    expect(notes.map((n) => [n.step, n.answeredOn])).toEqual([
      ['OPEN', null],
      ['REFUSED', '2026-11-06'],
      ['ACCEPTED_INCLUDED', '2026-11-06'],
      ['ACCEPTED_PENDING', '2026-11-12'],
    ]);
  });

  test('a complaint in every step; other months are left out; oldest first', () => {
    const notes = rightsNotes(
      [
        req('OPEN'),
        complaint('RECEIVED', { late: true }),
        complaint('UPHELD', { reassessment: { at: '2026-11-06T00:00:00.000Z' } }),
        complaint('UPHELD', { reassessment: { at: '2026-11-11T00:00:00.000Z' } }),
        complaint('FORWARDED', { reassessment: { at: '2026-11-07T00:00:00.000Z' } }),
        complaint('DECIDED', { reassessment: { at: '2026-11-07T00:00:00.000Z' }, outcome: { outcome: 'CONFIRMED', decidedOn: '2026-12-01' } }),
        { ...complaint('RECEIVED'), period: '2026-09' },
      ],
      '2026-10',
      decidedAt,
    );
    expect(notes.map((n) => [n.kind, n.step, n.answeredOn, n.kind === 'COMPLAINT' ? [n.late, n.outcome] : null])).toEqual([
      ['COMPLAINT', 'RECEIVED', null, [true, null]],
      ['COMPLAINT', 'UPHELD_INCLUDED', '2026-11-06', [false, null]],
      ['COMPLAINT', 'UPHELD_PENDING', '2026-11-11', [false, null]],
      ['COMPLAINT', 'FORWARDED', '2026-11-07', [false, null]],
      ['COMPLAINT', 'DECIDED', '2026-12-01', [false, 'CONFIRMED']],
      ['CORRECTION_REQUEST', 'OPEN', null, null],
    ]);
    expect(rightsNotes([complaint('RECEIVED'), complaint('RECEIVED')], '2026-10', decidedAt)).toHaveLength(2);
    expect(rightsNotes([complaint('RECEIVED'), req('OPEN')], '2026-10', decidedAt).map((n) => n.kind)).toEqual(['COMPLAINT', 'CORRECTION_REQUEST']);
    expect(rightsNotes([req('OPEN'), complaint('RECEIVED')], '2026-10', decidedAt).map((n) => n.kind)).toEqual(['COMPLAINT', 'CORRECTION_REQUEST']);
  });

  test('layer 7 of the explanation says it, in nb and en', () => {
    const d = simulate(baseCase());
    const ctx = { rightsCases: rightsNotes([req('ACCEPTED', '2026-11-12T10:00:00.000Z'), complaint('RECEIVED', { late: true })], '2026-10', decidedAt) };
    const nb = renderLayers(d, 'nb', ctx).rights.lines.slice(-2);
    expect(nb).toEqual([
      'Kommunen fikk klagen din 4. november 2026 (etter klagefristen, men den blir behandlet). Den er ikke vurdert ennå.',
      expect.stringMatching(/^Du ba om retting 5\. november 2026\. Rådgiveren din godtok den 12\. november 2026\. Neste beregning tar med rettingen/),
    ]);
    expect(renderLayers(d, 'en', ctx).rights.lines.at(-1)).toMatch(/^You asked for a correction on 5 November 2026\. Your adviser accepted it on 12 November 2026\./);
    expect(renderLayers(d, 'nb', {}).rights.lines.some((l) => l.includes('retting'))).toBe(false);
    const decided = rightsNotes([complaint('DECIDED', { reassessment: { at: '2026-11-07T00:00:00.000Z' }, outcome: { outcome: 'QUASHED', decidedOn: '2026-12-01' } })], '2026-10', decidedAt);
    expect(renderLayers(d, 'en', { rightsCases: decided }).rights.lines.at(-1)).toBe(
      'The municipality received your complaint on 4 November 2026. Statsforvalteren has decided it: the decision is set aside, and the municipality decides again.',
    );
  });
});
