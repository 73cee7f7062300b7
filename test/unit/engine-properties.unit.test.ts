/**
 * Property tests of quality.md "Correctness", 10 000 generated cases each.
 */
import fc from 'fast-check';
import type { CaseInput } from '../../shared/domain/case.js';
import { parseCase } from '../../shared/domain/case.js';
import { canonicalCaseJson } from '../../shared/domain/case-hash.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { decideCore, simulate } from '../../shared/domain/engine.js';
import { caseArbitrary } from '../support/case-arbitrary.js';
import { referenceBaseAndLeave } from '../support/reference-unpaid-leave.js';

const RUNS = { numRuns: 10_000 };
const core = (c: CaseInput) => decideCore(parseCase(c));

test('amounts are integers and lines add up exactly to the payout', () => {
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      const d = core(c);
      const amounts = [d.baseOre, d.deductionOre, d.payoutOre, ...d.lines.map((l) => l.amountOre), ...d.hints.map((h) => ('amountOre' in h ? h.amountOre : 0))];
      expect(amounts.every(Number.isSafeInteger)).toBe(true);
      expect(d.deductionOre).toBe(0 - d.lines.reduce((s, l) => s + l.amountOre, 0));
      expect(d.payoutOre).toBe(Math.max(0, d.baseOre + d.lines.reduce((s, l) => s + l.amountOre, 0)));
      expect(d.lines.every((l) => l.amountOre <= 0)).toBe(true);
    }),
    RUNS,
  );
});

test('the payout is never negative and never above the base', () => {
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      const d = core(c);
      expect(d.payoutOre).toBeGreaterThanOrEqual(0);
      expect(d.payoutOre).toBeLessThanOrEqual(d.baseOre);
    }),
    RUNS,
  );
});

test("a day's classified minutes never exceed its missing minutes", () => {
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      const d = core(c);
      for (const day of d.calendar) {
        const classified = day.segments.reduce((s, x) => s + x.minutes, 0);
        expect(classified).toBeLessThanOrEqual(day.plannedMinutes - day.presentMinutes);
        const lineMinutes = d.lines.filter((l) => l.date === day.date).reduce((s, l) => s + (l.minutes ?? 0), 0);
        expect(lineMinutes).toBeLessThanOrEqual(day.plannedMinutes - day.presentMinutes);
      }
    }),
    RUNS,
  );
});

test('adding presence never lowers the payout', () => {
  fc.assert(
    fc.property(caseArbitrary, fc.nat(), fc.integer({ min: 1, max: 600 }), (c, which, extra) => {
      if (c.days.length === 0) return;
      const i = which % c.days.length;
      const more = { ...c, days: c.days.map((d, j) => (j === i ? { ...d, presentMinutes: Math.min(1440, d.presentMinutes + extra) } : d)) };
      expect(core(more).payoutOre).toBeGreaterThanOrEqual(core(c).payoutOre);
    }),
    RUNS,
  );
});

test('the same input gives byte-identical output, explanations included', () => {
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      const a = JSON.stringify(simulate(structuredClone(c)));
      const b = JSON.stringify(simulate(JSON.parse(JSON.stringify(c))));
      expect(a).toBe(b);
    }),
    RUNS,
  );
});

test('the input hash is over the canonical form: the fast serialiser equals the generic one', () => {
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      const parsed = parseCase(c);
      expect(canonicalCaseJson(parsed)).toBe(canonicalJson(parsed));
    }),
    RUNS,
  );
});

test('base and unpaid-leave lines equal an independent reference (benefit-rules.md §3)', () => {
  let wholeEnrolmentOnLeave = 0;
  fc.assert(
    fc.property(caseArbitrary, (c) => {
      const d = core(c);
      const ref = referenceBaseAndLeave(parseCase(c), d.rates.gOre, d.rates.factor);
      const leave = d.lines.filter((l) => l.kind === 'UNPAID_LEAVE');
      expect(d.baseOre).toBe(ref.baseOre);
      expect(leave.map((l) => [l.date, l.amountOre])).toEqual(ref.leave);
      const leaveOre = 0 - leave.reduce((s, l) => s + l.amountOre, 0);
      // Together the leave lines never exceed the base; the review's Y is the base less them (§9).
      expect(leaveOre).toBeLessThanOrEqual(d.baseOre);
      expect(d.reviewFacts.payableBaseOre).toBe(d.baseOre - leaveOre);
      if (ref.everyEnrolledDayOnLeave) {
        wholeEnrolmentOnLeave++;
        expect([leaveOre, d.payoutOre]).toEqual([d.baseOre, 0]);
      }
    }),
    RUNS,
  );
  // The generator must reach the whole-month rule often enough to test it.
  expect(wholeEnrolmentOnLeave).toBeGreaterThan(RUNS.numRuns / 50);
});
