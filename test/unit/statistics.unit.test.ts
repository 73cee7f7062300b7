/**
 * The anonymised statistics (shared/domain/reports/statistics.ts) and their
 * small-cell suppression. The property: whatever the month, no published cell
 * has 1–4 people behind it, every published value is the true one, and no
 * suppressed value can be recovered from the published ones. The attacker
 * here is written independently of the suppression code: for each relation
 * (total = Σ parts) it computes the range every suppressed cell can still
 * take, given the published values and that a suppressed cell is at least 1
 * (zeros are published) and at most the largest value the table could hold;
 * a range of one value is a recovered cell.
 */
import fc from 'fast-check';
import type { CalendarDay, ReviewClass } from '../../shared/domain/decision.js';
import { COMPLAINT_OUTCOMES, type ComplaintOutcome } from '../../shared/domain/reports/complaint-facts.js';
import { relationLeak, suppressCells, type CellInput, type Relation } from '../../shared/domain/reports/small-cell-suppression.js';
import { monthStatistics, STATISTICS_COLUMNS, STATISTICS_RELATIONS, statisticsRecords, type MonthInput } from '../../shared/domain/reports/statistics.js';

/** The feasible range of each suppressed member of one relation, by interval arithmetic on total = Σ parts. */
function attack(published: Readonly<Record<string, number | null>>, r: Relation, bound: number): Map<string, [number, number]> {
  const members = [r.total, ...r.parts];
  const hidden = members.filter((m) => published[m] === null);
  const out = new Map<string, [number, number]>();
  const knownParts = r.parts.filter((p) => published[p] !== null).reduce((s, p) => s + published[p]!, 0);
  for (const x of hidden) {
    const others = hidden.filter((h) => h !== x);
    // Write the relation as x = a + Σ(±others): each other hidden member lies in [1, bound].
    let lo: number;
    let hi: number;
    if (x === r.total) {
      lo = knownParts + others.length;
      hi = knownParts + others.length * bound;
    } else if (published[r.total] === null) {
      // total − other hidden parts − known parts: total ∈ [1, bound].
      const partOthers = others.filter((o) => o !== r.total);
      lo = 1 - knownParts - partOthers.length * bound;
      hi = bound - knownParts - partOthers.length;
    } else {
      const rest = published[r.total]! - knownParts;
      lo = rest - others.length * bound;
      hi = rest - others.length;
    }
    out.set(x, [Math.max(1, lo), Math.min(bound, hi)]);
  }
  return out;
}

const cellArb = fc.integer({ min: 0, max: 14 });

describe('small-cell suppression', () => {
  test('property: nothing under 5 people published, published values true, no suppressed value recoverable', () => {
    fc.assert(
      fc.property(fc.array(cellArb, { minLength: 2, maxLength: 6 }), fc.array(cellArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 9 }), (partsA, partsB, magnitude, magnitudeContributors) => {
        const cells: Record<string, CellInput> = {};
        partsA.forEach((v, i) => (cells[`a${i}`] = { value: v, contributors: v }));
        partsB.forEach((v, i) => (cells[`b${i}`] = { value: v, contributors: v }));
        const totalA = partsA.reduce((s, v) => s + v, 0);
        const totalB = partsB.reduce((s, v) => s + v, 0);
        cells.A = { value: totalA, contributors: totalA };
        cells.B = { value: totalB, contributors: totalB };
        cells.hours = { value: magnitude, contributors: magnitudeContributors };
        const relations: Relation[] = [
          { total: 'A', parts: partsA.map((_, i) => `a${i}`) },
          { total: 'B', parts: partsB.map((_, i) => `b${i}`) },
        ];
        const hidden = suppressCells(cells, relations, false);
        const published = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, hidden.has(k) ? null : c.value]));
        for (const [k, c] of Object.entries(cells)) if (c.contributors > 0 && c.contributors < 5) expect(hidden.has(k)).toBe(true);
        const bound = Math.max(totalA, totalB) + 10;
        for (const r of relations) {
          for (const [name, [lo, hi]] of attack(published, r, bound)) {
            expect({ name, inRange: cells[name]!.value >= lo && cells[name]!.value <= hi }).toEqual({ name, inRange: true });
            expect({ name, recovered: lo === hi }).toEqual({ name, recovered: false });
          }
        }
      }),
      { numRuns: 3000, seed: 20261205 },
    );
  });

  test('the secondary steps: the only suppressed part takes the smallest other part; all ones takes another; the total when no part is left', () => {
    const c = (v: number): CellInput => ({ value: v, contributors: v });
    const r: Relation = { total: 'T', parts: ['x', 'y', 'z'] };
    expect([...suppressCells({ T: c(20), x: c(2), y: c(12), z: c(6) }, [r], false)].sort()).toEqual(['x', 'z']);
    // 1 + 1 + 9: the two ones leave exactly 2 to share: another part goes.
    expect([...suppressCells({ T: c(11), x: c(1), y: c(1), z: c(9) }, [r], false)].sort()).toEqual(['x', 'y', 'z']);
    // 3 + 0 + 0: no other non-zero part: the total goes.
    expect([...suppressCells({ T: c(3), x: c(3), y: c(0), z: c(0) }, [r], false)].sort()).toEqual(['T', 'x']);
    expect([...suppressCells({ T: c(20), x: c(5), y: c(15), z: c(0) }, [r], true)].sort()).toEqual(['T', 'x', 'y', 'z']);
    expect(relationLeak({ T: 20, x: 5, y: 15, z: 0 }, new Set(), r)).toBeUndefined();
    expect(relationLeak({ T: 20, x: 2, y: 2, z: 16 }, new Set(['T', 'x', 'y']), r)).toBeUndefined();
    // Equal values are taken in name order.
    expect([...suppressCells({ T: c(17), x: c(2), y: c(6), z: c(6) }, [r], false)].sort()).toEqual(['x', 'y']);
  });
});

const day = (over: Partial<CalendarDay>): CalendarDay => ({ date: '2026-10-01', plannedMinutes: 360, presentMinutes: 360, status: 'PRESENT', segments: [], ...over });
const person = (review: ReviewClass, unexcused: number, illness: number, deductionOre: number) => ({
  review,
  deductionOre,
  calendar: [
    day({
      presentMinutes: 360 - unexcused - illness,
      segments: [
        ...(unexcused > 0 ? [{ minutes: unexcused, outcome: 'UNEXCUSED' as const, reasonCode: 'NO_REASON_GIVEN' as const }] : []),
        ...(illness > 0 ? [{ minutes: illness, outcome: 'EXCUSED' as const, category: 'OWN_ILLNESS' as const, documentation: 'DOCTOR_NOTE' as const }] : []),
      ],
    }),
  ],
});

describe('month statistics', () => {
  test('a month of 8: review classes 5 + 2 + 1 → the 2 and the 1 hidden; unexcused hours of 3 people hidden; illness of 6 shown; no ids', () => {
    const m: MonthInput = {
      period: '2026-10',
      decisions: [
        ...Array.from({ length: 5 }, () => person('AUTOMATIC', 0, 60, 0)),
        person('REVIEW', 30, 60, 10_050),
        person('REVIEW', 30, 0, 10_050),
        person('VEDTAK_REQUIRED', 300, 0, 90_000),
      ],
      complaints: ['OPEN', 'OPEN', 'OPEN', 'OPEN', 'OPEN', 'UPHELD'],
    };
    const s = monthStatistics(m);
    expect(s.cells).toEqual({
      participants: '8',
      attendance_rate_percent: percent(8 * 360 - 6 * 60 - 360, 8 * 360),
      absence_hours_illness: '6.00',
      absence_hours_leave: '0.00',
      absence_hours_unexcused: null,
      absence_hours_pending: '0.00',
      deductions_nok: null,
      decisions_automatic: '5',
      decisions_review: null,
      decisions_vedtak_required: null,
      // 5 open + 1 upheld: the upheld one is hidden, and the open ones with it; 6 then splits many ways.
      complaints: '6',
      complaints_open: null,
      complaints_upheld: null,
      complaints_forwarded: '0',
      complaints_upheld_by_statsforvalteren: '0',
      complaints_not_upheld_by_statsforvalteren: '0',
    });
    expect(JSON.stringify(s)).not.toMatch(/p-|participantId/);
    expect(statisticsRecords([s])[1]).toContain(':');
    expect(statisticsRecords([s])[0]).toEqual(['month', ...STATISTICS_COLUMNS]);
  });

  test('under 5 participants: nothing but the month; no participants: zeros and no rate; a negative deduction total keeps its sign', () => {
    const few = monthStatistics({ period: '2026-09', decisions: [person('AUTOMATIC', 0, 0, 0), person('AUTOMATIC', 0, 0, 0)], complaints: [] });
    expect(Object.values(few.cells).every((v) => v === null)).toBe(true);
    const none = monthStatistics({ period: '2026-08', decisions: [], complaints: [] });
    expect([none.cells.participants, none.cells.attendance_rate_percent, none.cells.deductions_nok]).toEqual(['0', '', '0.00']);
    const back = monthStatistics({ period: '2026-07', decisions: Array.from({ length: 6 }, () => person('AUTOMATIC', 0, 0, -1_234)), complaints: [] });
    expect(back.cells.deductions_nok).toBe('-74.04');
  });

  test('property: on any month, the published statistics recover no hidden count', () => {
    const review = fc.constantFrom<ReviewClass>('AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED');
    fc.assert(
      fc.property(fc.array(review, { maxLength: 40 }), fc.array(fc.constantFrom<ComplaintOutcome>(...COMPLAINT_OUTCOMES), { maxLength: 20 }), (classes, outcomes) => {
        const s = monthStatistics({ period: '2026-10', decisions: classes.map((c) => person(c, 0, 0, 0)), complaints: outcomes });
        const published = Object.fromEntries(Object.entries(s.cells).map(([k, v]) => [k, v === null ? null : Number(v)]));
        for (const r of STATISTICS_RELATIONS) for (const [name, [lo, hi]] of attack(published, r, 100)) expect({ name, recovered: lo === hi }).toEqual({ name, recovered: false });
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

function percent(part: number, whole: number): string {
  const tenths = Math.round((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
