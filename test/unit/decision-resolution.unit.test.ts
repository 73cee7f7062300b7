/**
 * Resolutions of VEDTAK_REQUIRED decisions, the adviser's review order, the
 * latest version per month and the payroll export rows (pure domain).
 */
import { compareText, latestPerPeriod, orderReviews, versionKey, versionsOf } from '../../shared/domain/payroll/decision-versions.js';
import { EXPORT_COLUMNS, exportRecord, exportRows, kroner } from '../../shared/domain/payroll/export-rows.js';
import type { ExportEntry } from '../../shared/domain/payroll/export-rows.js';
import type { ResolvableDecision, Resolution } from '../../shared/domain/payroll/resolution.js';
import { ResolutionRejected, checkResolution, effectivePayoutOre, grossOre, sameResolution } from '../../shared/domain/payroll/resolution.js';

const vedtak = (over: Partial<ResolvableDecision> = {}): ResolvableDecision => ({
  version: 1,
  review: 'VEDTAK_REQUIRED',
  baseOre: 2_000_000,
  payoutOre: 1_500_000,
  lines: [{ amountOre: -500_000 }],
  ...over,
});
const formal: Resolution = { kind: 'FORMAL_DECISION', vedtakReference: '2026/123-4', advanceNoticeDate: '2026-11-01' };
const adjust = (payoutOre: number, reason = 'no advance notice in time'): Resolution => ({ kind: 'ADJUSTMENT', payoutOre, reason });

function rejection(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ResolutionRejected);
    return (e as ResolutionRejected).code;
  }
  throw new Error('not rejected');
}

describe('checkResolution', () => {
  test('a formal decision with an advance notice up to today is accepted', () => {
    expect(() => checkResolution(vedtak(), 1, formal, '2026-11-01')).not.toThrow();
    expect(() => checkResolution(vedtak(), 1, formal, '2026-11-20')).not.toThrow();
  });
  test('an advance notice dated after today is refused', () => {
    expect(rejection(() => checkResolution(vedtak(), 1, formal, '2026-10-31'))).toBe('ADVANCE_NOTICE_IN_FUTURE');
  });
  test('only the latest version is resolved', () => {
    expect(rejection(() => checkResolution(vedtak(), 2, formal, '2026-11-20'))).toBe('DECISION_SUPERSEDED');
  });
  test('decisions that need no formal decision are not resolved', () => {
    expect(rejection(() => checkResolution(vedtak({ review: 'REVIEW' }), 1, formal, '2026-11-20'))).toBe('RESOLUTION_NOT_NEEDED');
    expect(rejection(() => checkResolution(vedtak({ review: 'AUTOMATIC' }), 1, adjust(0), '2026-11-20'))).toBe('RESOLUTION_NOT_NEEDED');
  });
  test('an adjusted payout lies between 0 and the gross amount (base plus back-payments)', () => {
    expect(() => checkResolution(vedtak(), 1, adjust(0), '2026-11-20')).not.toThrow();
    expect(() => checkResolution(vedtak(), 1, adjust(2_000_000), '2026-11-20')).not.toThrow();
    expect(rejection(() => checkResolution(vedtak(), 1, adjust(2_000_001), '2026-11-20'))).toBe('ADJUSTMENT_OUT_OF_RANGE');
    const withBackPayment = vedtak({ lines: [{ amountOre: -500_000 }, { amountOre: 10_000 }] });
    expect(() => checkResolution(withBackPayment, 1, adjust(2_010_000), '2026-11-20')).not.toThrow();
  });
});

test('gross is the base plus positive lines', () => {
  expect(grossOre({ baseOre: 100, lines: [] })).toBe(100);
  expect(grossOre({ baseOre: 100, lines: [{ amountOre: -30 }, { amountOre: 7 }, { amountOre: 0 }] })).toBe(107);
});

test('the effective payout is the adjusted one, else the engine’s', () => {
  expect(effectivePayoutOre({ payoutOre: 5 }, undefined)).toBe(5);
  expect(effectivePayoutOre({ payoutOre: 5 }, formal)).toBe(5);
  expect(effectivePayoutOre({ payoutOre: 5 }, adjust(9))).toBe(9);
});

test('sameResolution compares kind and every field', () => {
  expect(sameResolution(formal, { ...formal })).toBe(true);
  expect(sameResolution(formal, { ...formal, vedtakReference: 'other' })).toBe(false);
  expect(sameResolution(formal, { ...formal, advanceNoticeDate: '2026-10-01' })).toBe(false);
  expect(sameResolution(adjust(1), adjust(1))).toBe(true);
  expect(sameResolution(adjust(1), adjust(2))).toBe(false);
  expect(sameResolution(adjust(1), adjust(1, 'other'))).toBe(false);
  expect(sameResolution(formal, adjust(1))).toBe(false);
  expect(sameResolution(adjust(1), formal)).toBe(false);
});

describe('versions', () => {
  const d = (participantId: string, period: string, version: number) => ({ participantId, period, version });
  test('latestPerPeriod keeps the highest version per participant and month, by participant then newest month', () => {
    const items = [d('p-2', '2026-09', 1), d('p-1', '2026-09', 1), d('p-1', '2026-10', 1), d('p-1', '2026-09', 3), d('p-1', '2026-09', 2)];
    expect(latestPerPeriod(items)).toEqual([d('p-1', '2026-10', 1), d('p-1', '2026-09', 3), d('p-2', '2026-09', 1)]);
    expect(latestPerPeriod([])).toEqual([]);
  });
  test('versionsOf lists one month oldest first', () => {
    expect(versionsOf([d('p', '2026-10', 2), d('p', '2026-09', 1), d('p', '2026-10', 1)], '2026-10')).toEqual([d('p', '2026-10', 1), d('p', '2026-10', 2)]);
  });
  test('versionKey names a version', () => {
    expect(versionKey(d('p-1', '2026-10', 2))).toBe('p-1#2026-10#2');
  });
  test('orderReviews: unresolved first, oldest month, participant, version', () => {
    const r = (participantId: string, period: string, version: number, resolved: boolean) => ({ participantId, period, version, resolved });
    const items = [r('a', '2026-10', 1, true), r('b', '2026-10', 1, false), r('a', '2026-09', 1, false), r('a', '2026-10', 2, false), r('a', '2026-10', 1, false)];
    expect(orderReviews(items)).toEqual([r('a', '2026-09', 1, false), r('a', '2026-10', 1, false), r('a', '2026-10', 2, false), r('b', '2026-10', 1, false), r('a', '2026-10', 1, true)]);
  });
  test('compareText is code-unit order', () => {
    expect([compareText('a', 'b'), compareText('b', 'a'), compareText('a', 'a')]).toEqual([-1, 1, 0]);
  });
});

describe('export rows', () => {
  const run = { municipalityCode: '5001', period: '2026-10' };
  const entry = (over: Partial<ExportEntry>): ExportEntry => ({
    participantId: 'p-1',
    period: '2026-10',
    version: 1,
    decisionId: 'd-1',
    payrollRef: 'PR-1',
    decision: { baseOre: 2_275_817, payoutOre: 2_220_459, lines: [{ amountOre: -55_358 }] },
    ...over,
  });

  test('one row per participant: latest version of the run month, other months left out, ordered by payroll ref', () => {
    const rows = exportRows(run, [
      entry({ participantId: 'p-2', payrollRef: 'PR-0', decisionId: 'd-2' }),
      entry({}),
      entry({ version: 2, decisionId: 'd-1b', decision: { baseOre: 2_275_817, payoutOre: 2_275_817, lines: [] } }),
      entry({ period: '2026-09', version: 2, decisionId: 'd-old' }),
    ]);
    expect(rows).toEqual([
      { municipality: '5001', period: '2026-10', payrollRef: 'PR-0', grossOre: 2_275_817, deductionOre: 55_358, payoutOre: 2_220_459, decisionId: 'd-2', backPaymentOre: 0, correctionIds: [] },
      { municipality: '5001', period: '2026-10', payrollRef: 'PR-1', grossOre: 2_275_817, deductionOre: 0, payoutOre: 2_275_817, decisionId: 'd-1b', backPaymentOre: 0, correctionIds: [] },
    ]);
  });

  test('equal payroll refs are ordered by decision id', () => {
    const rows = exportRows(run, [entry({ participantId: 'p-2', decisionId: 'd-9' }), entry({ participantId: 'p-3', decisionId: 'd-3' })]);
    expect(rows.map((r) => r.decisionId)).toEqual(['d-3', 'd-9']);
  });

  test('a floored payout: the deduction is what was kept back, so each line adds up', () => {
    const [row] = exportRows(run, [entry({ decision: { baseOre: 1000, payoutOre: 0, lines: [{ amountOre: -1500 }] } })]);
    expect(row).toMatchObject({ grossOre: 1000, deductionOre: 1000, payoutOre: 0 });
  });

  test('a back-payment raises the gross; an adjustment replaces the payout', () => {
    const [row] = exportRows(run, [
      entry({ decision: { baseOre: 1000, payoutOre: 800, lines: [{ amountOre: -300 }, { amountOre: 100 }] }, resolution: { kind: 'ADJUSTMENT', payoutOre: 1100, reason: 'r' } }),
    ]);
    expect(row).toMatchObject({ grossOre: 1100, deductionOre: 0, payoutOre: 1100 });
  });

  test('records are the columns in order, amounts in kroner', () => {
    const [row] = exportRows(run, [entry({})]);
    expect(EXPORT_COLUMNS).toEqual(['municipality', 'period', 'payroll_ref', 'gross_nok', 'deduction_nok', 'payout_nok', 'decision_id', 'back_payment_nok', 'corrected_decision_ids']);
    expect(exportRecord(row!)).toEqual(['5001', '2026-10', 'PR-1', '22758.17', '553.58', '22204.59', 'd-1', '0.00', '']);
  });

  test('back-payments of corrected months are added to the participant’s line; one without a month decision gets its own line', () => {
    const rows = exportRows(
      run,
      [entry({ decision: { baseOre: 1000, payoutOre: 700, lines: [{ amountOre: -300 }] } })],
      [
        { participantId: 'p-1', payrollRef: 'PR-1', decisionId: 'p-1.2026-09.v0002', amountOre: 250 },
        { participantId: 'p-1', payrollRef: 'PR-1', decisionId: 'p-1.2026-08.v0002', amountOre: 50 },
        { participantId: 'p-9', payrollRef: 'PR-9', decisionId: 'p-9.2026-09.v0002', amountOre: 400 },
      ],
    );
    expect(rows).toEqual([
      { municipality: '5001', period: '2026-10', payrollRef: 'PR-1', grossOre: 1300, deductionOre: 300, payoutOre: 1000, decisionId: 'd-1', backPaymentOre: 300, correctionIds: ['p-1.2026-09.v0002', 'p-1.2026-08.v0002'] },
      { municipality: '5001', period: '2026-10', payrollRef: 'PR-9', grossOre: 400, deductionOre: 0, payoutOre: 400, decisionId: 'p-9.2026-09.v0002', backPaymentOre: 400, correctionIds: ['p-9.2026-09.v0002'] },
    ]);
    expect(exportRecord(rows[0]!)).toEqual(['5001', '2026-10', 'PR-1', '13.00', '3.00', '10.00', 'd-1', '3.00', 'p-1.2026-09.v0002 p-1.2026-08.v0002']);
  });

  test('kroner formats whole øre exactly', () => {
    expect([kroner(0), kroner(5), kroner(100), kroner(2_275_817), kroner(-120)]).toEqual(['0.00', '0.05', '1.00', '22758.17', '-1.20']);
    expect(() => kroner(1.5)).toThrow(RangeError);
  });
});
