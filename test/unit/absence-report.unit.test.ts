/**
 * What a participant may report (shared/domain/attendance/absence-report.ts):
 * only what the benefit rules can use; everything else is refused with a code
 * and a message that does not echo the request.
 */
import type { AbsenceReportInput, ReportContext } from '../../shared/domain/attendance/absence-report.js';
import { checkAbsenceReport } from '../../shared/domain/attendance/absence-report.js';
import { scheduleOn } from '../../shared/domain/schedule/schedule.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import { WEEKDAY_SCHEDULE } from '../support/api-seed.js';

// Wed 7 Oct 2026: a programme day of 360 planned minutes in the weekday schedule.
const WEDNESDAY = '2026-10-07';
const on = (date: string, over: Partial<ReportContext> = {}): ReportContext => ({
  day: scheduleOn(date, { ...WEEKDAY_SCHEDULE, exceptions: [{ date: '2026-10-09', kind: 'CANCELLED' }, { date: '2026-10-10', kind: 'CHANGED', sessions: [{ start: '10:00', end: '12:00' }] }] }, isPublicHoliday),
  facts: { children: 1, enrolments: [{ from: '2025-09-01', to: '2026-10-20' }], unpaidLeave: [{ from: '2026-10-12', to: '2026-10-13' }] },
  childrenNow: 1,
  sameDate: [],
  ...over,
});
const report = (over: Partial<AbsenceReportInput> = {}): AbsenceReportInput => ({ category: 'OWN_ILLNESS', date: WEDNESDAY, minutes: null, ...over });
const code = (r: AbsenceReportInput, ctx: ReportContext = on(r.date)) => checkAbsenceReport(r, ctx)?.code ?? null;

test('own or child illness and leave on a programme day inside enrolment are accepted', () => {
  for (const category of ['OWN_ILLNESS', 'CHILD_ILLNESS', 'WELFARE_LEAVE', 'VACATION'] as const) expect(code(report({ category }))).toBeNull();
  expect(code(report({ minutes: 360 }))).toBeNull();
  // A day the adviser changed is a programme day, even on a Saturday.
  expect(code(report({ date: '2026-10-10', minutes: 120 }))).toBeNull();
});

test('unpaid leave is never an absence report', () => {
  expect(checkAbsenceReport(report({ category: 'UNPAID_LEAVE' }), on(WEDNESDAY))).toMatchObject({ code: 'UNPAID_LEAVE_NOT_REPORTABLE', field: 'category' });
});

test('child illness needs a child on the file, on the 1st of the month or now', () => {
  const child = report({ category: 'CHILD_ILLNESS' });
  const facts = { ...on(WEDNESDAY).facts, children: 0 };
  expect(checkAbsenceReport(child, on(WEDNESDAY, { facts, childrenNow: 0 }))).toMatchObject({ code: 'NO_CHILD_ON_FILE', field: 'category' });
  expect(code(child, on(WEDNESDAY, { facts, childrenNow: 1 }))).toBeNull(); // a child registered this month
  expect(code(child, on(WEDNESDAY, { childrenNow: 0 }))).toBeNull(); // the month's facts still list one
  expect(code(report(), on(WEDNESDAY, { facts, childrenNow: 0 }))).toBeNull(); // own illness needs no child
});

test.each([
  ['2026-10-03', 'a Saturday', /no programme sessions on this weekday/],
  ['2026-12-25', 'Christmas Day', /public holiday/],
  ['2026-10-09', 'a cancelled day', /cancelled/],
  ['2024-12-31', 'before the first plan', /does not cover this date/],
])('%s (%s) is no programme day', (date, _what, message) => {
  const r = checkAbsenceReport(report({ date }), on(date));
  expect(r).toMatchObject({ code: 'NOT_A_PROGRAMME_DAY', field: 'date' });
  expect(r!.message).toMatch(message);
  expect(r!.message).not.toContain(date);
});

test('outside enrolment and on unpaid leave nothing can be reported', () => {
  expect(code(report({ date: '2026-10-21' }))).toBe('NOT_ENROLLED_ON_DATE');
  expect(code(report({ date: '2026-10-12' }))).toBe('ON_UNPAID_LEAVE_ON_DATE');
});

test('more minutes than planned are refused; the message names the planned minutes', () => {
  const r = checkAbsenceReport(report({ minutes: 361 }), on(WEDNESDAY));
  expect(r).toMatchObject({ code: 'MINUTES_EXCEED_PLANNED', field: 'minutes' });
  expect(r!.message).toContain('360');
});

test('a day already reported in full is refused; rejected reports do not count, parts add up', () => {
  const whole = { minutes: null, status: 'PENDING' as const };
  expect(code(report(), on(WEDNESDAY, { sameDate: [whole] }))).toBe('ALREADY_REPORTED');
  expect(code(report(), on(WEDNESDAY, { sameDate: [{ ...whole, status: 'REJECTED' }] }))).toBeNull();
  expect(code(report({ minutes: 60 }), on(WEDNESDAY, { sameDate: [{ minutes: 200, status: 'APPROVED' }] }))).toBeNull();
  expect(code(report({ minutes: 60 }), on(WEDNESDAY, { sameDate: [{ minutes: 200, status: 'APPROVED' }, { minutes: 160, status: 'PENDING' }] }))).toBe('ALREADY_REPORTED');
});
