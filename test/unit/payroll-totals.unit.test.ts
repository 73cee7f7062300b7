import type { RunTotals } from '../../shared/domain/payroll/run.js';
import { addTotals, decisionTotals, emptyTotals, sameTotals } from '../../shared/domain/payroll/run.js';

describe('run totals: batch results add up to the run, to the øre', () => {
  const a = decisionTotals({ baseOre: 1_000_00, deductionOre: 200_00, payoutOre: 800_00, review: 'REVIEW' });
  const b = decisionTotals({ baseOre: 500_00, deductionOre: 0, payoutOre: 500_00, review: 'AUTOMATIC' });

  test('one decision counts once in its review class', () => {
    expect(a).toMatchObject({ participants: 1, decided: 1, baseOre: 100000, deductionOre: 20000, payoutOre: 80000, byReview: { AUTOMATIC: 0, REVIEW: 1, VEDTAK_REQUIRED: 0 } });
    expect(a.amountsByReview.REVIEW).toEqual({ baseOre: 100000, deductionOre: 20000, payoutOre: 80000 });
    expect(a.amountsByReview.AUTOMATIC).toEqual({ baseOre: 0, deductionOre: 0, payoutOre: 0 });
  });

  test('addition is field by field and emptyTotals is its zero', () => {
    const sum = addTotals(addTotals(emptyTotals(), a), { ...b, backPaymentOre: 7, adviserCorrections: 1 });
    expect(sum).toMatchObject({ participants: 2, decided: 2, baseOre: 150000, deductionOre: 20000, payoutOre: 130000, backPaymentOre: 7, adviserCorrections: 1 });
    expect(sum.byReview).toEqual({ AUTOMATIC: 1, REVIEW: 1, VEDTAK_REQUIRED: 0 });
    expect(sum.amountsByReview.AUTOMATIC.payoutOre).toBe(50000);
    expect(sameTotals(addTotals(a, emptyTotals()), a)).toBe(true);
  });

  test('sameTotals compares every field, and null never matches', () => {
    expect(sameTotals(null, a)).toBe(false);
    expect(sameTotals(a, b)).toBe(false);
    expect(sameTotals(a, { ...a, byReview: { ...a.byReview, VEDTAK_REQUIRED: 1 } })).toBe(false);
    const amounts: RunTotals = { ...a, amountsByReview: { ...a.amountsByReview, REVIEW: { ...a.amountsByReview.REVIEW, payoutOre: 1 } } };
    expect(sameTotals(a, amounts)).toBe(false);
    expect(sameTotals(a, structuredClone(a))).toBe(true);
  });
});
