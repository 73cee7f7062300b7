/**
 * Schedules (weekly plans, exceptions, public holidays) → programme days, and
 * buildCase → the engine's case format.
 */
import type { AbsenceRecord, BuildCaseInput } from '../../shared/domain/schedule/build-case.js';
import { buildCase } from '../../shared/domain/schedule/build-case.js';
import Holidays from 'date-holidays';
import { isPublicHoliday, publicHolidays } from '../../shared/domain/schedule/holidays.js';
import { FIRST_HOLIDAY_YEAR, LAST_HOLIDAY_YEAR, NORWEGIAN_PUBLIC_HOLIDAYS } from '../../shared/domain/schedule/norwegian-holidays.js';
import type { Schedule } from '../../shared/domain/schedule/schedule.js';
import { mergeSessions, minuteOf, programmeDays, scheduleOn, scheduleSchema, weekdayOf } from '../../shared/domain/schedule/schedule.js';

const DAY = [
  { start: '08:30', end: '11:30' },
  { start: '12:00', end: '15:00' },
];
const WEEKDAYS5 = { MON: DAY, TUE: DAY, WED: DAY, THU: DAY, FRI: DAY };
const SCHEDULE: Schedule = { plans: [{ from: '2025-01-01', weekly: WEEKDAYS5 }], exceptions: [] };
const noHolidays = () => false;

describe('weekdays and sessions', () => {
  test('weekdayOf, including dates before 1970', () => {
    expect(['2026-10-01', '2026-10-03', '2026-10-04', '2026-10-05', '1969-12-31', '1900-01-01'].map(weekdayOf)).toEqual(['THU', 'SAT', 'SUN', 'MON', 'WED', 'MON']);
  });

  test('mergeSessions sorts and merges overlapping or touching sessions', () => {
    expect(
      mergeSessions([
        { start: '12:00', end: '13:00' },
        { start: '08:00', end: '10:00' },
        { start: '09:00', end: '09:30' },
        { start: '10:00', end: '11:00' },
        { start: '12:30', end: '14:00' },
      ]),
    ).toEqual([
      { start: 480, end: 660 },
      { start: 720, end: 840 },
    ]);
    expect(mergeSessions([{ start: '08:00', end: '12:00' }, { start: '08:00', end: '09:00' }])).toEqual([{ start: 480, end: 720 }]);
    expect(minuteOf('23:59')).toBe(1439);
  });
});

describe('scheduleOn: precedence', () => {
  const s: Schedule = {
    plans: [
      { from: '2026-01-01', weekly: { MON: DAY, TUE: [] } },
      { from: '2025-01-01', weekly: WEEKDAYS5 },
      { from: '2026-11-01', weekly: { FRI: [{ start: '09:00', end: '12:00' }] } },
    ],
    exceptions: [
      { date: '2026-10-05', kind: 'CANCELLED' },
      { date: '2026-05-17', kind: 'CHANGED', sessions: [{ start: '10:00', end: '12:00' }] },
    ],
  };

  test.each([
    ['2026-10-05', 'CANCELLED', 0], // a Monday, cancelled
    ['2026-05-17', 'CHANGED', 120], // Constitution Day, held by exception
    ['2026-05-14', 'PUBLIC_HOLIDAY', 0], // Ascension Day
    ['2024-12-02', 'NO_PLAN', 0], // before the first plan
    ['2026-10-06', 'NO_SESSIONS', 0], // Tuesday with an empty list
    ['2026-10-07', 'NO_SESSIONS', 0], // Wednesday not in the 2026 plan
    ['2025-10-08', 'PLANNED', 360], // the 2025 plan
    ['2026-10-12', 'PLANNED', 360], // the 2026 plan
    ['2026-11-06', 'PLANNED', 180], // the November plan
  ])('%s → %s', (date, kind, planned) => {
    expect(scheduleOn(date, s, isPublicHoliday)).toMatchObject({ date, kind, plannedMinutes: planned });
  });
});

describe('programmeDays', () => {
  test('October 2026: 22 weekdays of 360 minutes', () => {
    const days = programmeDays('2026-10', SCHEDULE, isPublicHoliday);
    expect(days).toHaveLength(22);
    expect(days.every((d) => d.plannedMinutes === 360)).toBe(true);
  });

  test('May 2026 loses 1, 14 and 25 May (17 May is a Sunday)', () => {
    const dates = programmeDays('2026-05', SCHEDULE, isPublicHoliday).map((d) => d.date);
    expect(dates).toHaveLength(21 - 3);
    for (const h of ['2026-05-01', '2026-05-14', '2026-05-25']) expect(dates).not.toContain(h);
  });
});

describe('Norwegian public holidays', () => {
  test('public holidays only, cached per year', () => {
    const y2026 = publicHolidays(2026);
    expect([...y2026].sort()).toEqual([
      '2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01',
      '2026-05-14', '2026-05-17', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26',
    ]);
    expect(publicHolidays(2026)).toBe(y2026);
    expect(isPublicHoliday('2026-12-24')).toBe(false);
    expect(isPublicHoliday('2027-03-25')).toBe(true); // Maundy Thursday 2027
  });

  test('the generated table holds exactly what date-holidays gives for Norway, every year it covers', () => {
    const norway = new Holidays('NO');
    for (let year = FIRST_HOLIDAY_YEAR; year <= LAST_HOLIDAY_YEAR; year++) {
      const fromLibrary = [...new Set(norway.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)))];
      expect([...publicHolidays(year)]).toEqual(fromLibrary);
    }
    expect(NORWEGIAN_PUBLIC_HOLIDAYS).toHaveLength(LAST_HOLIDAY_YEAR - FIRST_HOLIDAY_YEAR + 1);
  });

  test('a year outside the table is an error that names it', () => {
    expect(() => publicHolidays(FIRST_HOLIDAY_YEAR - 1)).toThrow(/year 1989/);
    expect(() => isPublicHoliday('2101-01-01')).toThrow(RangeError);
  });
});

describe('scheduleSchema', () => {
  test('accepts a valid schedule and rejects bad times, duplicates and unknown fields', () => {
    expect(scheduleSchema.safeParse(SCHEDULE).success).toBe(true);
    const bad = scheduleSchema.safeParse({
      plans: [
        { from: '2026-01-01', weekly: { MON: [{ start: '10:00', end: '09:00' }] } },
        { from: '2026-01-01', weekly: { TUE: [{ start: '8:00', end: '24:00' }] } },
      ],
      exceptions: [
        { date: '2026-02-30', kind: 'CANCELLED' },
        { date: '2026-03-02', kind: 'CANCELLED' },
        { date: '2026-03-02', kind: 'CHANGED', sessions: [] },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['plans.0.weekly.MON.0.end', 'plans.1.weekly.TUE.0.start', 'plans.1.weekly.TUE.0.end', 'exceptions.0.date', 'exceptions.2.sessions']),
    );
    const dup = scheduleSchema.safeParse({ plans: [{ from: '2026-01-01', weekly: {} }, { from: '2026-01-01', weekly: {} }], exceptions: [{ date: '2026-03-02', kind: 'CANCELLED' }, { date: '2026-03-02', kind: 'CANCELLED' }] });
    expect(dup.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['plans.1.from: two plans start on the same date', 'exceptions.1.date: two exceptions for the same date']);
    expect(scheduleSchema.safeParse({ ...SCHEDULE, diagnosis: 'x' }).success).toBe(false);
  });
});

describe('buildCase', () => {
  const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+02:00`;
  const abs = (date: string, minutes: number | null, over: Partial<AbsenceRecord> = {}): AbsenceRecord => ({
    date,
    minutes,
    category: 'OWN_ILLNESS',
    documentation: 'SELF_CERTIFICATION',
    status: 'APPROVED',
    ...over,
  });
  const input = (over: Partial<BuildCaseInput> = {}): BuildCaseInput => ({
    period: '2026-10',
    computedAt: '2026-11-02',
    municipality: { code: '5001' },
    presencePolicy: { missingCheckout: 'END_OF_SESSION' },
    participant: { id: 'p-1', birthDate: '1990-06-15', programStart: '2025-09-01', enrolments: [{ from: '2025-09-01', to: null }] },
    schedule: SCHEDULE,
    events: [],
    absences: [],
    isHoliday: noHolidays,
    ...over,
  });

  test('days come from the schedule, present minutes from the events of each Oslo date', () => {
    const c = buildCase(
      input({
        events: [
          { eventId: 'a', type: 'IN', deviceTime: at('2026-10-01', '08:30') },
          { eventId: 'b', type: 'OUT', deviceTime: at('2026-10-01', '15:00') },
          { eventId: 'c', type: 'IN', deviceTime: at('2026-10-02', '09:30') },
          { eventId: 'd', type: 'IN', deviceTime: at('2026-10-03', '09:00') }, // a Saturday: no programme day
          { eventId: 'e', type: 'IN', deviceTime: '2026-10-04T22:30:00Z' }, // 00:30 on Monday 5 October in Oslo
        ],
      }),
    );
    expect(c.days).toHaveLength(22);
    expect(c.days.slice(0, 3)).toEqual([
      { date: '2026-10-01', plannedMinutes: 360, presentMinutes: 360 },
      { date: '2026-10-02', plannedMinutes: 360, presentMinutes: 120 },
      { date: '2026-10-05', plannedMinutes: 360, presentMinutes: 180 }, // open from 00:30: the first session counts
    ]);
    expect(c).toMatchObject({ caseVersion: 1, period: '2026-10', computedAt: '2026-11-02', municipality: { code: '5001', policy: { deductionUnit: 'HOURLY' } } });
  });

  test('absences: whole days take the planned minutes; whole days off the schedule are left out; history is the year before', () => {
    const c = buildCase(
      input({
        municipality: { code: '5001', policy: { deductionUnit: 'DAILY' } },
        absences: [
          abs('2026-10-14', 120, { category: 'CHILD_ILLNESS' }),
          abs('2026-10-13', null),
          abs('2026-10-13', 60, { status: 'PENDING', documentation: 'DOCTOR_NOTE' }),
          abs('2026-10-10', null), // Saturday, whole day: covers nothing
          abs('2026-10-11', 30), // Sunday with minutes: passed on (the engine warns and ignores it)
          abs('2026-03-10', null),
          abs('2025-10-01', null), // exactly one year before the period: inside the history window
          abs('2025-09-30', null), // older: outside
          abs('2026-11-02', null), // after the period
        ],
      }),
    );
    expect(c.municipality.policy.deductionUnit).toBe('DAILY');
    expect(c.absences.map((a) => `${a.date}/${a.minutes}/${a.status}`)).toEqual(['2026-10-11/30/APPROVED', '2026-10-13/360/APPROVED', '2026-10-13/60/PENDING', '2026-10-14/120/APPROVED']);
    expect(c.history.absences.map((a) => `${a.date}/${a.minutes}`)).toEqual(['2025-10-01/360', '2026-03-10/360']);
  });

  test('the case is validated like a case file', () => {
    expect(() => buildCase(input({ participant: { id: 'p-1', birthDate: '2027-01-01', programStart: '2025-09-01', enrolments: [] } }))).toThrow('participant.birthDate');
  });
});
