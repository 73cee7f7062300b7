/**
 * Advisers' corrections of days (shared/domain/attendance/day-correction.ts):
 * which version is in force, how its intervals count, and that the month
 * view and the payroll's case both count a corrected day from the correction
 * and every other day from the check-ins.
 */
import type { DayCorrection } from '../../shared/domain/attendance/day-correction.js';
import { correctedPresentMinutes, correctionsInForce } from '../../shared/domain/attendance/day-correction.js';
import { monthAttendance } from '../../shared/domain/attendance/month-view.js';
import { buildCase, type BuildCaseInput } from '../../shared/domain/schedule/build-case.js';
import type { Schedule } from '../../shared/domain/schedule/schedule.js';

const SESSIONS = [
  { start: '08:30', end: '11:30' },
  { start: '12:00', end: '15:00' },
];
const schedule: Schedule = { plans: [{ from: '2026-01-01', weekly: { MON: SESSIONS, TUE: SESSIONS, WED: SESSIONS, THU: SESSIONS, FRI: SESSIONS } }], exceptions: [] };
const sessions = [
  { start: 510, end: 690 },
  { start: 720, end: 900 },
];

const corr = (date: string, version: number, present: DayCorrection['present']): DayCorrection => ({ date, version, present, reason: `r${version}`, correctedAt: '2026-10-20T10:00:00.000Z', correctedByRole: 'adviser' });

describe('correctionsInForce', () => {
  test('the latest version of each date decides it, in whatever order the versions come', () => {
    const inForce = correctionsInForce([corr('2026-10-14', 2, []), corr('2026-10-14', 1, [{ from: '08:30', to: '15:00' }]), corr('2026-10-13', 1, [{ from: '09:00', to: '10:00' }])]);
    expect([...inForce.keys()].sort()).toEqual(['2026-10-13', '2026-10-14']);
    expect(inForce.get('2026-10-14')).toMatchObject({ version: 2, present: [] });
  });

  test('a withdrawal (present null) as the latest version leaves the date to its check-ins', () => {
    const inForce = correctionsInForce([corr('2026-10-14', 1, [{ from: '08:30', to: '15:00' }]), corr('2026-10-14', 2, null)]);
    expect(inForce.has('2026-10-14')).toBe(false);
    // …and a later version after the withdrawal is in force again.
    expect(correctionsInForce([corr('2026-10-14', 2, null), corr('2026-10-14', 3, [])]).get('2026-10-14')?.version).toBe(3);
  });
});

describe('correctedPresentMinutes', () => {
  test('only the time inside sessions counts, an overlap once, outside and lunch not at all', () => {
    expect(correctedPresentMinutes([{ from: '08:00', to: '16:00' }], sessions)).toBe(360);
    expect(correctedPresentMinutes([{ from: '11:30', to: '12:00' }], sessions)).toBe(0);
    expect(correctedPresentMinutes([{ from: '09:00', to: '10:00' }, { from: '09:30', to: '10:30' }], sessions)).toBe(90);
    expect(correctedPresentMinutes([], sessions)).toBe(0);
  });
});

describe('the month view and the case count a corrected day from the correction', () => {
  const events = [
    { eventId: 'a', type: 'IN' as const, deviceTime: '2026-10-13T08:30:00+02:00' },
    { eventId: 'b', type: 'OUT' as const, deviceTime: '2026-10-13T15:00:00+02:00' },
    { eventId: 'c', type: 'IN' as const, deviceTime: '2026-10-14T08:30:00+02:00' },
    { eventId: 'd', type: 'OUT' as const, deviceTime: '2026-10-14T15:00:00+02:00' },
  ];
  // The 13th was corrected to "not there" although the check-ins say present; the 14th's correction was withdrawn; the 15th had none.
  const corrections = [corr('2026-10-13', 1, []), corr('2026-10-14', 1, []), corr('2026-10-14', 2, null), corr('2026-10-15', 1, [{ from: '08:30', to: '11:30' }])];

  test('month view: CORRECTED with the correction beside it; a withdrawn one counts the check-ins', () => {
    const view = monthAttendance({ period: '2026-10', schedule, isHoliday: () => false, events, policy: { missingCheckout: 'END_OF_SESSION' }, now: { date: '2026-10-20', secondOfDay: 36000 }, corrections });
    const day = (d: string) => view.find((x) => x.date === d)!;
    expect(day('2026-10-13')).toEqual({ date: '2026-10-13', plannedMinutes: 360, presentMinutes: 0, flags: ['CORRECTED'], correction: corrections[0] });
    expect(day('2026-10-14')).toEqual({ date: '2026-10-14', plannedMinutes: 360, presentMinutes: 360, flags: [] });
    expect(day('2026-10-15')).toMatchObject({ presentMinutes: 180, flags: ['CORRECTED'] });
    // Without corrections nothing changes.
    expect(monthAttendance({ period: '2026-10', schedule, isHoliday: () => false, events, policy: { missingCheckout: 'END_OF_SESSION' }, now: { date: '2026-10-20', secondOfDay: 36000 } }).find((x) => x.date === '2026-10-13')!.presentMinutes).toBe(360);
  });

  test('the payroll case: the same days, the same minutes', () => {
    const input: BuildCaseInput = {
      period: '2026-10',
      computedAt: '2026-11-02',
      municipality: { code: '5001' },
      presencePolicy: { missingCheckout: 'END_OF_SESSION' },
      participant: { id: 'p-1', birthDate: '1990-06-15', programStart: '2025-09-01', enrolments: [{ from: '2025-09-01', to: null }] },
      schedule,
      events,
      absences: [],
      isHoliday: () => false,
      corrections,
    };
    const days = buildCase(input).days;
    expect(days.filter((d) => ['2026-10-13', '2026-10-14', '2026-10-15'].includes(d.date)).map((d) => d.presentMinutes)).toEqual([0, 360, 180]);
    const { corrections: _none, ...uncorrected } = input;
    expect(buildCase(uncorrected).days.find((d) => d.date === '2026-10-13')!.presentMinutes).toBe(360);
  });
});
