/** Issue 12 items 1–2: the correction request and complaint state machines and the complaint deadline (shared/domain/rights/). */
import { advanceComplaint, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, outcomeNeedsNewDecision } from '../../shared/domain/rights/complaint.js';
import type { ComplaintAction } from '../../shared/domain/rights/complaint.js';
import { complaintDeadline, complaintTimeliness } from '../../shared/domain/rights/complaint-deadline.js';
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
