/**
 * fast-check generator of valid engine cases: any month the G table covers,
 * random programme days, presence, absences (also on non-programme days),
 * history, participant facts and policies.
 */
import fc from 'fast-check';
import type { CaseInput } from '../../shared/domain/case.js';
import { ABSENCE_STATUSES, CATEGORIES, DOCUMENTATION } from '../../shared/domain/decision.js';
import { addDays, daysInMonth } from '../../shared/domain/calendar.js';

const pad = (n: number) => String(n).padStart(2, '0');

export const caseArbitrary: fc.Arbitrary<CaseInput> = fc
  .record({
    year: fc.integer({ min: 2022, max: 2027 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayMask: fc.array(fc.boolean(), { minLength: 31, maxLength: 31 }),
    planned: fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 31, maxLength: 31 }),
    present: fc.array(fc.integer({ min: 0, max: 660 }), { minLength: 31, maxLength: 31 }),
    absences: fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 31 }),
        minutes: fc.integer({ min: 1, max: 600 }),
        category: fc.constantFrom(...CATEGORIES),
        documentation: fc.constantFrom(...DOCUMENTATION),
        status: fc.constantFrom(...ABSENCE_STATUSES),
      }),
      { maxLength: 12 },
    ),
    history: fc.array(
      fc.record({
        back: fc.integer({ min: 1, max: 400 }),
        category: fc.constantFrom(...CATEGORIES),
        documentation: fc.constantFrom(...DOCUMENTATION),
        status: fc.constantFrom(...ABSENCE_STATUSES),
      }),
      { maxLength: 25 },
    ),
    birthYear: fc.integer({ min: 1960, max: 2008 }),
    regime: fc.constantFrom('integreringsloven' as const, 'introduksjonsloven' as const),
    livesWithParent: fc.boolean(),
    coupleReduction: fc.boolean(),
    children: fc.integer({ min: 0, max: 5 }),
    soleCarer: fc.boolean(),
    startBack: fc.integer({ min: -20, max: 500 }),
    endInMonth: fc.option(fc.integer({ min: 1, max: 31 })),
    // A few days of leave, or a long period that often covers the whole month (or the whole enrolment):
    // `from` ≤ 0 starts before the month; the capped and whole-month rules of benefit-rules.md §3 need both.
    unpaid: fc.option(
      fc.oneof(
        fc.record({ from: fc.integer({ min: 1, max: 31 }), len: fc.integer({ min: 0, max: 5 }) }),
        fc.record({ from: fc.integer({ min: -40, max: 20 }), len: fc.integer({ min: 10, max: 80 }) }),
      ),
    ),
    computedAfter: fc.integer({ min: 1, max: 20 }),
    policy: fc.record({
      deductionUnit: fc.constantFrom('HOURLY' as const, 'DAILY' as const),
      proration: fc.constantFrom('P1' as const, 'P3' as const),
      pending: fc.constantFrom('WITHHOLD' as const, 'PAY' as const),
      documentationDeadlineDays: fc.integer({ min: 0, max: 14 }),
      welfareLeaveDaysPer12Months: fc.option(fc.integer({ min: 0, max: 10 })),
    }),
  })
  .filter((r) => `${r.year}-${pad(r.month)}` >= '2022-05')
  .map((r): CaseInput => {
    const period = `${r.year}-${pad(r.month)}`;
    const dim = daysInMonth(r.year, r.month);
    const date = (d: number) => `${period}-${pad(Math.min(d, dim))}`;
    const first = `${period}-01`;
    const programStart = addDays(first, -r.startBack);
    const last = `${period}-${pad(dim)}`;
    const leaveFrom = (d: number) => (d >= 1 ? date(d) : addDays(first, d - 1));
    const days = [];
    for (let d = 1; d <= dim; d++)
      if (r.dayMask[d - 1]) days.push({ date: date(d), plannedMinutes: r.planned[d - 1]!, presentMinutes: r.present[d - 1]! });
    return {
      caseVersion: 1,
      period,
      computedAt: addDays(last, r.computedAfter),
      municipality: { code: '5001', policy: r.policy },
      participant: {
        id: 'p-prop',
        birthDate: `${r.birthYear}-${pad(r.month)}-01`,
        regime: r.regime,
        livesWithParent: r.livesWithParent,
        coupleReduction: r.coupleReduction,
        children: r.children,
        soleCarer: r.soleCarer,
        programStart,
        enrolments: [{ from: programStart, to: r.endInMonth === null ? null : date(r.endInMonth) > programStart ? date(r.endInMonth) : programStart }],
        unpaidLeave: r.unpaid === null ? [] : [{ from: leaveFrom(r.unpaid.from), to: addDays(leaveFrom(r.unpaid.from), r.unpaid.len) }],
      },
      days,
      absences: r.absences.map((a) => ({ date: date(a.day), minutes: a.minutes, category: a.category, documentation: a.documentation, status: a.status })),
      history: { absences: r.history.map((h) => ({ date: addDays(first, -h.back), minutes: 450, category: h.category, documentation: h.documentation, status: h.status })) },
    };
  });
