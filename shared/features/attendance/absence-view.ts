/**
 * An absence as participants and advisers see it: the record without its
 * storage bookkeeping, and a history that names the role, never the person.
 * In its own module so the absence functions do not bundle the month view
 * (and its public-holiday data).
 */
import type { AbsenceRecord } from '../../adapters/attendance-repo.js';

export interface AbsenceView {
  absenceId: string;
  date: string;
  /** null: the whole day. */
  minutes: number | null;
  category: AbsenceRecord['category'];
  documentation: AbsenceRecord['documentation'];
  status: AbsenceRecord['status'];
  version: number;
  createdAt: string;
  /** Status changes: when, by which role, from → to, and the reason given (never who by name). */
  history: { at: string; byRole: string; from: string | null; to: string; reason?: string }[];
}

export function absenceView(a: AbsenceRecord): AbsenceView {
  return {
    absenceId: a.absenceId,
    date: a.date,
    minutes: a.minutes,
    category: a.category,
    documentation: a.documentation,
    status: a.status,
    version: a.version,
    createdAt: a.createdAt,
    history: a.history.map((h) => ({ at: h.at, byRole: h.byRole, from: h.from, to: h.to, ...(h.reason === undefined ? {} : { reason: h.reason }) })),
  };
}
