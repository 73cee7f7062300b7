import { checkSeen } from '../../shared/domain/payroll/review-seen.js';
import { firstRunDay, runNotYetAllowed } from '../../shared/domain/payroll/month-ended.js';
import { parseCase } from '../../shared/domain/case.js';
import { decideCore } from '../../shared/domain/engine.js';
import { diffDecisions } from '../../shared/domain/payroll/correction.js';
import type { RunEvent, RunState, RunTotals } from '../../shared/domain/payroll/run.js';
import { addTotals, decide, decisionTotals, evolve, replay, RunRejected, startRun } from '../../shared/domain/payroll/run.js';
import { absence, absentOn, baseCase } from '../support/case-builder.js';

describe('corrections (benefit-rules.md §8)', () => {
  const pendingCase = { ...absentOn(baseCase(), ['2026-10-29', '2026-10-30']), absences: ['2026-10-29', '2026-10-30'].map((d) => absence(d, 'OWN_ILLNESS', 'SELF_CERTIFICATION', 'PENDING')) };
  const before = decideCore(parseCase(pendingCase));

  test('a document approved late: per-day difference, positive total, back-payment', () => {
    const after = decideCore(parseCase({ ...pendingCase, absences: pendingCase.absences.map((a) => ({ ...a, status: 'APPROVED' as const })) }));
    expect(diffDecisions(before, after)).toEqual({
      days: [
        { date: '2026-10-29', beforeOre: -110715, afterOre: 0 },
        { date: '2026-10-30', beforeOre: -110715, afterOre: 0 },
      ],
      totalDifferenceOre: 221430,
      reason: 'DOCUMENT_ARRIVED',
      route: 'BACK_PAYMENT',
      previousPayoutOre: before.payoutOre,
    });
  });
  test('a corrected check-in that lowers the payout is routed to an adviser', () => {
    const prev = decideCore(parseCase(absentOn(baseCase(), ['2026-10-12'])));
    const next = decideCore(parseCase(absentOn(baseCase(), ['2026-10-12', '2026-10-13'])));
    expect(diffDecisions(prev, next)).toEqual({
      days: [{ date: '2026-10-13', beforeOre: 0, afterOre: -110715 }],
      reason: 'CHECKIN_CORRECTED',
      route: 'ADVISER_DECISION',
      totalDifferenceOre: -110715,
      previousPayoutOre: prev.payoutOre,
    });
  });
  test('a new G changes the base', () => {
    const prev = decideCore(parseCase(baseCase({ period: '2027-05', computedAt: '2027-06-01', days: [] })));
    const next = { ...prev, baseOre: prev.baseOre + 100, payoutOre: prev.payoutOre + 100, rates: { ...prev.rates, gOre: prev.rates.gOre + 1200 } };
    expect(diffDecisions(prev, next)).toEqual({ days: [{ date: 'BASE', beforeOre: prev.baseOre, afterOre: prev.baseOre + 100 }], totalDifferenceOre: 100, reason: 'NEW_G', route: 'BACK_PAYMENT', previousPayoutOre: prev.payoutOre });
  });
  test('an input change with no effect on the amount routes nowhere', () => {
    const prev = decideCore(parseCase(baseCase()));
    const next = decideCore(parseCase(baseCase({ computedAt: '2026-11-03' })));
    expect(diffDecisions(prev, next)).toEqual({ days: [], totalDifferenceOre: 0, reason: 'INPUT_CHANGED', route: 'NONE', previousPayoutOre: prev.payoutOre });
  });
});

describe('payroll run: two different approvers, no unresolved formal decision', () => {
  const totals: RunTotals = { ...addTotals(decisionTotals({ baseOre: 1, deductionOre: 0, payoutOre: 1, review: 'AUTOMATIC' }), decisionTotals({ baseOre: 0, deductionOre: 0, payoutOre: 0, review: 'AUTOMATIC' })) };
  const started = replay(startRun('run-1', '5001', '2026-10', 'pay-1', '2026-11-02'))!;
  const apply = (s: RunState, events: RunEvent[]) => events.reduce<RunState>((acc, e) => evolve(acc, e), s);
  const awaiting = apply(started, decide(started, { type: 'SummariseRun', totals, at: '2026-11-02' }));

  test('a run is computing, then awaits approval with its totals', () => {
    expect(started.status).toBe('COMPUTING');
    expect(awaiting).toMatchObject({ status: 'AWAITING_APPROVAL', totals });
    // A retried summarise with the stored totals is a no-op; other totals are refused.
    expect(decide(awaiting, { type: 'SummariseRun', totals, at: 'x' })).toEqual([]);
    expect(() => decide(awaiting, { type: 'SummariseRun', totals: { ...totals, payoutOre: 2 }, at: 'x' })).toThrow(RunRejected);
  });
  test('one user approving twice does not release; a second user does', () => {
    const once = apply(awaiting, decide(awaiting, { type: 'ApproveRun', by: 'pay-1', at: '2026-11-03', unresolvedVedtak: 0 }));
    expect(once.status).toBe('AWAITING_APPROVAL');
    expect(() => decide(once, { type: 'ApproveRun', by: 'pay-1', at: '2026-11-03', unresolvedVedtak: 0 })).toThrow(
      expect.objectContaining({ code: 'ALREADY_APPROVED_BY_YOU' }),
    );
    const twice = apply(once, decide(once, { type: 'ApproveRun', by: 'pay-2', at: '2026-11-04', unresolvedVedtak: 0 }));
    expect(twice).toMatchObject({ status: 'RELEASED', releasedAt: '2026-11-04' });
    expect(twice.approvals.map((a) => a.userId)).toEqual(['pay-1', 'pay-2']);
    // After the release everyone, an approver too, is told it is released (whatever else holds).
    for (const by of ['pay-3', 'pay-2']) expect(() => decide(twice, { type: 'ApproveRun', by, at: 'x', unresolvedVedtak: 1 })).toThrow(expect.objectContaining({ code: 'RUN_RELEASED' }));
    expect(() => decide(started, { type: 'ApproveRun', by: 'pay-1', at: 'x', unresolvedVedtak: 0 })).toThrow(expect.objectContaining({ code: 'RUN_NOT_AWAITING_APPROVAL' }));
    expect(() => decide(twice, { type: 'FailRun', reason: 'x', at: 'x' })).toThrow(RunRejected);
  });
  test('an unresolved VEDTAK_REQUIRED decision blocks approval', () => {
    expect(() => decide(awaiting, { type: 'ApproveRun', by: 'pay-1', at: 'x', unresolvedVedtak: 1 })).toThrow(expect.objectContaining({ code: 'VEDTAK_UNRESOLVED' }));
  });
  test('a failed run records why', () => {
    expect(apply(started, decide(started, { type: 'FailRun', reason: 'COMPUTE_FAILED', at: 'x' }))).toMatchObject({ status: 'FAILED', failure: 'COMPUTE_FAILED' });
    expect(() => evolve(null, { type: 'RunReleased', at: 'x' })).toThrow(RangeError);
  });
});

describe('a month is computed when it has ended (month-ended.ts)', () => {
  test('the first day a run may start is the 1st of the next month, February and December included', () => {
    expect([firstRunDay('2026-10'), firstRunDay('2027-02'), firstRunDay('2028-02'), firstRunDay('2026-12')]).toEqual(['2026-11-01', '2027-03-01', '2028-03-01', '2027-01-01']);
  });
  test('before it the run is not allowed and the first day is named; from it on it is', () => {
    expect(runNotYetAllowed('2026-10', '2026-10-31')).toBe('2026-11-01');
    expect(runNotYetAllowed('2026-11', '2026-10-15')).toBe('2026-12-01');
    expect(runNotYetAllowed('2026-10', '2026-11-01')).toBeNull();
    expect(runNotYetAllowed('2025-01', '2026-11-01')).toBeNull();
  });
});

describe('marking a REVIEW decision as seen (review-seen.ts)', () => {
  test('only the latest version of a REVIEW decision; a superseded version or another class is refused with its code', () => {
    expect(checkSeen(2, { version: 2, review: 'REVIEW' })).toBeNull();
    expect(checkSeen(1, { version: 2, review: 'REVIEW' })?.code).toBe('DECISION_SUPERSEDED');
    expect(checkSeen(1, { version: 1, review: 'VEDTAK_REQUIRED' })).toMatchObject({ code: 'NOT_A_REVIEW_DECISION', message: expect.stringContaining('formal decision') });
    expect(checkSeen(1, { version: 1, review: 'AUTOMATIC' })).toMatchObject({ code: 'NOT_A_REVIEW_DECISION', message: expect.stringContaining('automatically') });
  });
});
