/**
 * The NIR report as CSV rows (docs/nir-report.md): one header, one line per
 * record, every column present on every line (empty where the record type has
 * no such field), so a spreadsheet filter on `record_type` gives each list.
 */
import type { NirRow } from './nir-report.js';

export const NIR_COLUMNS = [
  'record_type',
  'record_key',
  'participant_id',
  'national_id',
  'leave_kind',
  'leave_from',
  'leave_to',
  'leave_decision_date',
  'month',
  'decision_id',
  'planned_hours',
  'absent_hours',
  'absent_percent',
  'illness_hours',
  'leave_hours',
  'unexcused_hours',
  'pending_hours',
  'complaint_id',
  'complaint_received',
  'complaint_late',
  'complaint_outcome',
  'complaint_outcome_date',
  'due_date',
  'registered_at',
] as const;

type Column = (typeof NIR_COLUMNS)[number];

function fields(row: NirRow): Partial<Record<Column, string>> {
  switch (row.type) {
    case 'LEAVE':
      return { leave_kind: row.leaveKind, leave_from: row.from, leave_to: row.to ?? '', leave_decision_date: row.decisionDate ?? '' };
    case 'ABSENCE':
      return {
        month: row.period,
        decision_id: row.decisionId,
        planned_hours: row.plannedHours,
        absent_hours: row.absentHours,
        absent_percent: row.absentPercent,
        illness_hours: row.illnessHours,
        leave_hours: row.leaveHours,
        unexcused_hours: row.unexcusedHours,
        pending_hours: row.pendingHours,
      };
    case 'COMPLAINT_RECEIVED':
    case 'COMPLAINT_OUTCOME':
      return {
        decision_id: row.decisionId,
        complaint_id: row.complaintId,
        complaint_received: row.receivedOn,
        complaint_late: row.late ? 'yes' : 'no',
        complaint_outcome: row.outcome,
        complaint_outcome_date: row.outcomeOn ?? '',
      };
    default: {
      const never: never = row;
      return never;
    }
  }
}

export function nirRecord(row: NirRow): string[] {
  const f: Partial<Record<Column, string>> = {
    record_type: row.type,
    record_key: row.key,
    participant_id: row.participantId,
    national_id: row.nationalId,
    due_date: row.dueDate,
    registered_at: row.registeredAt ?? '',
    ...fields(row),
  };
  return NIR_COLUMNS.map((c) => f[c] ?? '');
}
