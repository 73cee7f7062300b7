/**
 * The NIR report's content (shared/domain/reports): absence extent by group
 * without health detail, leave periods and their decision dates, complaint
 * records, the two-month due dates and what is left to register, and the CSV
 * columns of docs/nir-report.md.
 */
import type { CalendarDay } from '../../shared/domain/decision.js';
import { absenceExtent, groupOf, hoursOf, percentOf } from '../../shared/domain/reports/absence-extent.js';
import { isFinalOutcome } from '../../shared/domain/reports/complaint-facts.js';
import { approvalDate, follows, leavePeriods, overlaps, type LeaveAbsenceInput } from '../../shared/domain/reports/leave-periods.js';
import { NIR_COLUMNS, nirRecord } from '../../shared/domain/reports/nir-csv.js';
import { addMonths, lastDayOfMonth, nirDueDate } from '../../shared/domain/reports/nir-deadline.js';
import { nirReport, type NirParticipantInput } from '../../shared/domain/reports/nir-report.js';

const day = (date: string, over: Partial<CalendarDay> = {}): CalendarDay => ({ date, plannedMinutes: 360, presentMinutes: 360, status: 'PRESENT', segments: [], ...over });

const calendar: CalendarDay[] = [
  day('2026-10-01'),
  day('2026-10-02', { presentMinutes: 0, status: 'EXCUSED', segments: [{ minutes: 360, outcome: 'EXCUSED', category: 'OWN_ILLNESS', documentation: 'DOCTOR_NOTE' }] }),
  day('2026-10-05', { presentMinutes: 0, status: 'EXCUSED', segments: [{ minutes: 360, outcome: 'EXCUSED', category: 'VACATION', documentation: 'NONE' }] }),
  day('2026-10-06', { presentMinutes: 270, status: 'UNEXCUSED', segments: [{ minutes: 90, outcome: 'UNEXCUSED', reasonCode: 'NO_REASON_GIVEN' }] }),
  day('2026-10-07', { presentMinutes: 180, status: 'WITHHELD', segments: [{ minutes: 100, outcome: 'WITHHELD', category: 'CHILD_ILLNESS', reasonCode: 'DOCUMENT_PENDING' }, { minutes: 80, outcome: 'PAID_PROVISIONALLY', category: 'OWN_ILLNESS' }] }),
  day('2026-10-08', { presentMinutes: 400 }),
  day('2026-10-09', { status: 'NOT_ENROLLED', presentMinutes: 0 }),
  day('2026-10-12', { status: 'UNPAID_LEAVE', presentMinutes: 0 }),
];

describe('absence extent', () => {
  test('groups by outcome, then leave or illness; no documentation or illness kind in the result', () => {
    expect(absenceExtent(calendar)).toEqual({
      plannedMinutes: 6 * 360,
      presentMinutes: 360 + 0 + 0 + 270 + 180 + 360,
      absentMinutes: 360 + 360 + 90 + 180,
      byGroup: { ILLNESS: 360, LEAVE: 360, UNEXCUSED: 90, PENDING: 180 },
    });
    expect(Object.keys(absenceExtent(calendar).byGroup).join()).not.toMatch(/OWN|CHILD|DOCTOR|SELF/);
  });

  test('an excused portion without a category (never made by the engine) counts as illness, the group without detail', () => {
    expect(groupOf({ outcome: 'EXCUSED' })).toBe('ILLNESS');
    expect(groupOf({ outcome: 'EXCUSED', category: 'BIRTH_FATHER' })).toBe('LEAVE');
    expect(() => groupOf({ outcome: 'NOPE' as never })).not.toThrow();
  });

  test('hours with two decimals and shares with one, rounded half up', () => {
    expect(hoursOf(0)).toBe('0.00');
    expect(hoursOf(90)).toBe('1.50');
    expect(hoursOf(1)).toBe('0.02');
    expect(hoursOf(6 * 360)).toBe('36.00');
    expect(percentOf(90, 360)).toBe('25.0');
    expect(percentOf(1, 3)).toBe('33.3');
    expect(percentOf(5, 0)).toBe('0.0');
  });
});

describe('the two-month deadline', () => {
  test('calendar months, a missing day becomes the month’s last', () => {
    expect(addMonths('2026-10-15', 2)).toBe('2026-12-15');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(nirDueDate('2026-11-30')).toBe('2027-01-30');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2026-10')).toBe('2026-10-31');
  });
});

const approved = (date: string, category: LeaveAbsenceInput['category'], at: string): LeaveAbsenceInput => ({ date, category, status: 'APPROVED', history: [{ at: '2026-09-01T08:00:00Z', to: 'PENDING' }, { at, to: 'APPROVED' }] });

describe('leave periods', () => {
  test('days of one kind approved the same day are one leave across a weekend; another approval date, kind or a gap starts a new one', () => {
    const periods = leavePeriods(
      [
        approved('2026-10-08', 'VACATION', '2026-09-20T10:00:00Z'), // Thu
        approved('2026-10-09', 'VACATION', '2026-09-20T10:00:00Z'), // Fri
        approved('2026-10-09', 'VACATION', '2026-09-20T11:00:00Z'), // the same day twice (two part-day records)
        approved('2026-10-12', 'VACATION', '2026-09-20T10:00:00Z'), // Mon after the weekend
        approved('2026-10-14', 'VACATION', '2026-09-20T10:00:00Z'), // Wed: Tue between is a working day
        approved('2026-10-15', 'VACATION', '2026-10-01T10:00:00Z'), // approved another day
        approved('2026-10-15', 'WELFARE_LEAVE', '2026-10-01T10:00:00Z'),
        { ...approved('2026-10-16', 'OWN_ILLNESS', '2026-10-01T10:00:00Z') }, // illness is not leave
        { ...approved('2026-10-19', 'VACATION', '2026-10-01T10:00:00Z'), status: 'REJECTED' },
        { date: '2026-10-20', category: 'PREGNANCY', status: 'APPROVED', history: [] },
      ],
      [
        { from: '2026-11-01', to: null, decidedAt: '2026-10-30T23:30:00Z' },
        { from: '2026-06-01', to: '2026-06-30', decidedAt: null },
      ],
    );
    expect(periods).toEqual([
      { kind: 'UNPAID_LEAVE', from: '2026-06-01', to: '2026-06-30', decisionDate: null },
      { kind: 'VACATION', from: '2026-10-08', to: '2026-10-12', decisionDate: '2026-09-20' },
      { kind: 'VACATION', from: '2026-10-14', to: '2026-10-14', decisionDate: '2026-09-20' },
      { kind: 'VACATION', from: '2026-10-15', to: '2026-10-15', decisionDate: '2026-10-01' },
      { kind: 'WELFARE_LEAVE', from: '2026-10-15', to: '2026-10-15', decisionDate: '2026-10-01' },
      { kind: 'PREGNANCY', from: '2026-10-20', to: '2026-10-20', decisionDate: null },
      // 23:30 UTC on 30 October is 31 October in Oslo.
      { kind: 'UNPAID_LEAVE', from: '2026-11-01', to: null, decisionDate: '2026-10-31' },
    ]);
  });

  test('approval date is the last move to APPROVED; follows only over weekends; overlap with open ends', () => {
    expect(approvalDate([{ at: '2026-10-01T10:00:00Z', to: 'APPROVED' }, { at: '2026-10-02T10:00:00Z', to: 'REJECTED' }, { at: '2026-10-05T10:00:00Z', to: 'APPROVED' }])).toBe('2026-10-05');
    expect(approvalDate([])).toBeNull();
    expect(follows('2026-10-09', '2026-10-09')).toBe(false);
    expect(follows('2026-10-10', '2026-10-08')).toBe(false);
    expect(follows('2026-10-09', '2026-10-12')).toBe(true);
    expect(follows('2026-10-08', '2026-10-12')).toBe(false);
    expect(overlaps({ from: '2026-09-01', to: null }, '2026-10-01', '2026-10-31')).toBe(true);
    expect(overlaps({ from: '2026-09-01', to: '2026-09-30' }, '2026-10-01', '2026-10-31')).toBe(false);
    expect(overlaps({ from: '2026-11-01', to: null }, '2026-10-01', '2026-10-31')).toBe(false);
  });
});

const participant = (over: Partial<NirParticipantInput> = {}): NirParticipantInput => ({
  participantId: 'p-a',
  nationalId: '01019012345',
  months: [
    { period: '2026-10', decisionId: 'p-a.2026-10.v0002', version: 2, calendar },
    { period: '2026-08', decisionId: 'p-a.2026-08.v0001', version: 1, calendar },
  ],
  absences: [approved('2026-10-05', 'VACATION', '2026-09-20T10:00:00Z'), approved('2026-07-01', 'VACATION', '2026-06-20T10:00:00Z')],
  unpaidLeave: [],
  complaints: [
    { complaintId: 'c1', participantId: 'p-a', decisionId: 'p-a.2026-09.v0001', receivedOn: '2026-10-20', late: true, outcome: 'NOT_UPHELD_BY_STATSFORVALTEREN', outcomeOn: '2026-11-20' },
    { complaintId: 'c2', participantId: 'p-a', decisionId: 'p-a.2026-08.v0001', receivedOn: '2026-09-01', late: false, outcome: 'UPHELD', outcomeOn: '2026-10-10' },
    { complaintId: 'c3', participantId: 'p-a', decisionId: 'p-a.2026-10.v0002', receivedOn: '2026-10-25', late: false, outcome: 'FORWARDED', outcomeOn: '2026-10-28' },
    { complaintId: 'c4', participantId: 'p-a', decisionId: 'p-a.2026-10.v0002', receivedOn: '2026-10-25', late: false, outcome: 'UPHELD', outcomeOn: null },
  ],
  ...over,
});

describe('the report', () => {
  const report = nirReport({
    from: '2026-10',
    to: '2026-10',
    today: '2026-12-21',
    participants: [participant(), participant({ participantId: 'p-0', nationalId: '02029012345', months: [], absences: [], complaints: [], unpaidLeave: [{ from: '2026-10-20', to: null, decidedAt: '2026-10-19T09:00:00Z' }] })],
    registered: new Map([['COMPLAINT#c2#UPHELD', '2026-10-11T08:00:00Z']]),
  });

  test('rows of the period only, per participant, leave then absence then complaints', () => {
    expect(report.rows.map((r) => [r.participantId, r.type, r.key, r.dueDate, r.registeredAt])).toEqual([
      ['p-0', 'LEAVE', 'LEAVE#p-0#UNPAID_LEAVE#2026-10-20#open#2026-10-19', '2026-12-19', null],
      ['p-a', 'LEAVE', 'LEAVE#p-a#VACATION#2026-10-05#2026-10-05#2026-09-20', '2026-11-20', null],
      ['p-a', 'ABSENCE', 'ABSENCE#p-a.2026-10.v0002', '2026-12-31', null],
      ['p-a', 'COMPLAINT_RECEIVED', 'COMPLAINT#c1#RECEIVED', '2026-12-20', null],
      ['p-a', 'COMPLAINT_RECEIVED', 'COMPLAINT#c3#RECEIVED', '2026-12-25', null],
      ['p-a', 'COMPLAINT_RECEIVED', 'COMPLAINT#c4#RECEIVED', '2026-12-25', null],
      ['p-a', 'COMPLAINT_OUTCOME', 'COMPLAINT#c2#UPHELD', '2026-12-10', '2026-10-11T08:00:00Z'],
    ]);
    const absence = report.rows.find((r) => r.type === 'ABSENCE');
    expect(absence).toMatchObject({ plannedHours: '36.00', absentHours: '16.50', absentPercent: '45.8', illnessHours: '6.00', leaveHours: '6.00', unexcusedHours: '1.50', pendingHours: '3.00' });
  });

  test('due: what is not marked registered, earliest first, overdue after the due date', () => {
    expect(report.due.map((d) => [d.key, d.dueDate, d.overdue])).toEqual([
      ['LEAVE#p-a#VACATION#2026-10-05#2026-10-05#2026-09-20', '2026-11-20', true],
      ['LEAVE#p-0#UNPAID_LEAVE#2026-10-20#open#2026-10-19', '2026-12-19', true],
      ['COMPLAINT#c1#RECEIVED', '2026-12-20', true],
      ['COMPLAINT#c3#RECEIVED', '2026-12-25', false],
      ['COMPLAINT#c4#RECEIVED', '2026-12-25', false],
      ['ABSENCE#p-a.2026-10.v0002', '2026-12-31', false],
    ]);
  });

  test('a leave without a decision date is due two months after it starts', () => {
    const r = nirReport({ from: '2026-06', to: '2026-06', today: '2026-06-01', participants: [participant({ months: [], complaints: [], absences: [], unpaidLeave: [{ from: '2026-06-03', to: '2026-06-30', decidedAt: null }] })], registered: new Map() });
    expect(r.rows.map((x) => [x.key, x.dueDate])).toEqual([['LEAVE#p-a#UNPAID_LEAVE#2026-06-03#2026-06-30#none', '2026-08-03']]);
  });

  test('CSV: every column on every line, in the documented order', () => {
    const lines = report.rows.map(nirRecord);
    for (const l of lines) expect(l).toHaveLength(NIR_COLUMNS.length);
    const col = (name: (typeof NIR_COLUMNS)[number]) => NIR_COLUMNS.indexOf(name);
    expect(lines[0]![col('leave_to')]).toBe('');
    expect(lines[1]![col('leave_decision_date')]).toBe('2026-09-20');
    expect(lines[2]![col('absent_percent')]).toBe('45.8');
    expect(lines[3]![col('complaint_late')]).toBe('yes');
    expect(lines[4]![col('complaint_late')]).toBe('no');
    expect(lines[5]![col('complaint_outcome_date')]).toBe('');
    expect(lines[6]![col('registered_at')]).toBe('2026-10-11T08:00:00Z');
    expect(lines[0]![col('registered_at')]).toBe('');
    const noDecision = nirRecord({ ...(report.rows[0] as Extract<(typeof report.rows)[number], { type: 'LEAVE' }>), decisionDate: null });
    expect(noDecision[col('leave_decision_date')]).toBe('');
    expect(() => nirRecord({ type: 'NOPE' } as never)).not.toThrow();
  });

  test('final outcomes', () => {
    expect(['OPEN', 'UPHELD', 'FORWARDED', 'UPHELD_BY_STATSFORVALTEREN', 'NOT_UPHELD_BY_STATSFORVALTEREN'].filter((o) => isFinalOutcome(o as never))).toEqual(['UPHELD', 'UPHELD_BY_STATSFORVALTEREN', 'NOT_UPHELD_BY_STATSFORVALTEREN']);
  });
});
