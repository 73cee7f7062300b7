/**
 * The tables of architecture.md "Data", separated by data class. Every table
 * has a string partition key `pk` and sort key `sk`; GSIs are named gsi1..n
 * with keys `gsiNpk`/`gsiNsk`. TTL attribute `expiresAt` (epoch seconds) is
 * used only for short-lived counters (PIN lockout).
 *
 * The stateful stack creates these; the local runtime creates them from the
 * synthesized template, never from this file directly.
 */
export type TableKey = 'participants' | 'attendance' | 'decisions' | 'payrollRuns' | 'auditLog';

export interface TableDef {
  key: TableKey;
  /** CloudFormation logical id prefix and env var name suffix. */
  id: string;
  envVar: string;
  gsis: readonly string[];
  ttl: boolean;
  /** The table's stream, if any (the audit log's feeds its sealing function). */
  stream?: 'NEW_IMAGE';
}

export const TABLES: readonly TableDef[] = [
  { key: 'participants', id: 'Participants', envVar: 'TABLE_PARTICIPANTS', gsis: ['gsi1'], ttl: true },
  { key: 'attendance', id: 'Attendance', envVar: 'TABLE_ATTENDANCE', gsis: ['gsi1'], ttl: false },
  { key: 'decisions', id: 'Decisions', envVar: 'TABLE_DECISIONS', gsis: ['gsi1'], ttl: false },
  { key: 'payrollRuns', id: 'PayrollRuns', envVar: 'TABLE_PAYROLL_RUNS', gsis: ['gsi1'], ttl: false },
  { key: 'auditLog', id: 'AuditLog', envVar: 'TABLE_AUDIT_LOG', gsis: [], ttl: false, stream: 'NEW_IMAGE' },
];
