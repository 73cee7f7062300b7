/**
 * The NIR report of a municipality and period (issue 12 item 3): the records
 * a clerk or adviser registers in IMDi's national introduction register, one
 * row each, and which of them are not yet marked as registered with their
 * due date (nir-deadline.ts). docs/nir-report.md lists every field and its
 * source.
 *
 * Each row has a stable key, so "marked as registered" is remembered per
 * record: a changed record (a leave extended, a month recomputed into a new
 * decision version, a complaint's outcome) is a new key and is due again.
 */
import type { CalendarDay } from '../decision.js';
import { absenceExtent, hoursOf, percentOf } from './absence-extent.js';
import { isFinalOutcome, type ComplaintFact, type ComplaintOutcome } from './complaint-facts.js';
import { compare, leavePeriods, overlaps, type LeaveAbsenceInput, type LeaveKind, type UnpaidLeaveInput } from './leave-periods.js';
import { lastDayOfMonth, nirDueDate } from './nir-deadline.js';

export interface NirMonthDecision {
  period: string;
  decisionId: string;
  version: number;
  calendar: readonly CalendarDay[];
}

export interface NirParticipantInput {
  participantId: string;
  /** NIR finds the person by national id (fødselsnummer / D-nummer). */
  nationalId: string;
  /** The latest decision version of each month of the period that has one. */
  months: readonly NirMonthDecision[];
  absences: readonly LeaveAbsenceInput[];
  unpaidLeave: readonly UnpaidLeaveInput[];
  complaints: readonly ComplaintFact[];
}

export interface NirReportInput {
  /** Months, inclusive: YYYY-MM. */
  from: string;
  to: string;
  /** Oslo date of the request (overdue is after the due date). */
  today: string;
  participants: readonly NirParticipantInput[];
  /** Record key → ISO instant it was marked as registered. */
  registered: ReadonlyMap<string, string>;
}

export type NirRecordType = 'LEAVE' | 'ABSENCE' | 'COMPLAINT_RECEIVED' | 'COMPLAINT_OUTCOME';

interface NirRowBase {
  key: string;
  type: NirRecordType;
  participantId: string;
  nationalId: string;
  dueDate: string;
  registeredAt: string | null;
}

export interface NirLeaveRow extends NirRowBase {
  type: 'LEAVE';
  leaveKind: LeaveKind;
  from: string;
  to: string | null;
  decisionDate: string | null;
}

export interface NirAbsenceRow extends NirRowBase {
  type: 'ABSENCE';
  period: string;
  decisionId: string;
  plannedHours: string;
  absentHours: string;
  absentPercent: string;
  illnessHours: string;
  leaveHours: string;
  unexcusedHours: string;
  pendingHours: string;
}

export interface NirComplaintRow extends NirRowBase {
  type: 'COMPLAINT_RECEIVED' | 'COMPLAINT_OUTCOME';
  complaintId: string;
  decisionId: string;
  receivedOn: string;
  late: boolean;
  outcome: ComplaintOutcome;
  outcomeOn: string | null;
}

export type NirRow = NirLeaveRow | NirAbsenceRow | NirComplaintRow;
type Unmarked<T> = T extends NirRow ? Omit<T, 'registeredAt'> : never;

export interface NirDueItem {
  key: string;
  type: NirRecordType;
  participantId: string;
  dueDate: string;
  overdue: boolean;
}

export interface NirReport {
  from: string;
  to: string;
  rows: NirRow[];
  /** Rows not marked as registered, earliest due first. */
  due: NirDueItem[];
}

const TYPE_ORDER: Record<NirRecordType, number> = { LEAVE: 0, ABSENCE: 1, COMPLAINT_RECEIVED: 2, COMPLAINT_OUTCOME: 3 };

function participantRows(p: NirParticipantInput, firstDay: string, lastDay: string, from: string, to: string): Unmarked<NirRow>[] {
  const base = { participantId: p.participantId, nationalId: p.nationalId };
  const rows: Unmarked<NirRow>[] = [];
  for (const l of leavePeriods(p.absences, p.unpaidLeave)) {
    if (!overlaps(l, firstDay, lastDay)) continue;
    rows.push({
      ...base,
      type: 'LEAVE',
      key: `LEAVE#${p.participantId}#${l.kind}#${l.from}#${l.to ?? 'open'}#${l.decisionDate ?? 'none'}`,
      leaveKind: l.kind,
      from: l.from,
      to: l.to,
      decisionDate: l.decisionDate,
      // Without a decision date on record, the clock starts with the leave itself.
      dueDate: nirDueDate(l.decisionDate ?? l.from),
    });
  }
  for (const m of p.months) {
    if (m.period < from || m.period > to) continue;
    const e = absenceExtent(m.calendar);
    rows.push({
      ...base,
      type: 'ABSENCE',
      key: `ABSENCE#${m.decisionId}`,
      period: m.period,
      decisionId: m.decisionId,
      plannedHours: hoursOf(e.plannedMinutes),
      absentHours: hoursOf(e.absentMinutes),
      absentPercent: percentOf(e.absentMinutes, e.plannedMinutes),
      illnessHours: hoursOf(e.byGroup.ILLNESS),
      leaveHours: hoursOf(e.byGroup.LEAVE),
      unexcusedHours: hoursOf(e.byGroup.UNEXCUSED),
      pendingHours: hoursOf(e.byGroup.PENDING),
      dueDate: nirDueDate(lastDayOfMonth(m.period)),
    });
  }
  for (const c of p.complaints) {
    const facts = { ...base, complaintId: c.complaintId, decisionId: c.decisionId, receivedOn: c.receivedOn, late: c.late, outcome: c.outcome, outcomeOn: c.outcomeOn };
    if (c.receivedOn >= firstDay && c.receivedOn <= lastDay)
      rows.push({ ...facts, type: 'COMPLAINT_RECEIVED', key: `COMPLAINT#${c.complaintId}#RECEIVED`, dueDate: nirDueDate(c.receivedOn) });
    if (isFinalOutcome(c.outcome) && c.outcomeOn !== null && c.outcomeOn >= firstDay && c.outcomeOn <= lastDay)
      rows.push({ ...facts, type: 'COMPLAINT_OUTCOME', key: `COMPLAINT#${c.complaintId}#${c.outcome}`, dueDate: nirDueDate(c.outcomeOn) });
  }
  return rows;
}

export function nirReport(input: NirReportInput): NirReport {
  const firstDay = `${input.from}-01`;
  const lastDay = lastDayOfMonth(input.to);
  const rows: NirRow[] = input.participants
    .flatMap((p) => participantRows(p, firstDay, lastDay, input.from, input.to))
    .map((r) => ({ ...r, registeredAt: input.registered.get(r.key) ?? null }) as NirRow)
    .sort((a, b) => compare(a.participantId, b.participantId) || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || compare(a.key, b.key));
  const due = rows
    .filter((r) => r.registeredAt === null)
    .map((r): NirDueItem => ({ key: r.key, type: r.type, participantId: r.participantId, dueDate: r.dueDate, overdue: input.today > r.dueDate }))
    .sort((a, b) => compare(a.dueDate, b.dueDate) || compare(a.key, b.key));
  return { from: input.from, to: input.to, rows, due };
}
