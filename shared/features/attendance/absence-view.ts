/**
 * An absence as participants and advisers see it: the record without its
 * storage bookkeeping, and a history that names the role, and the name or
 * unit the municipality shows for the staff member where the caller looked
 * it up (`names`, by staff ref: read-month.ts); never the ref itself.
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
  /** Status changes: when, by which role (and `byName`, the staff member's name or unit when known), from → to, and the reason given. */
  history: { at: string; byRole: string; byName?: string; from: string | null; to: string; reason?: string }[];
}

export function absenceView(a: AbsenceRecord, names: ReadonlyMap<string, string> = new Map()): AbsenceView {
  return {
    absenceId: a.absenceId,
    date: a.date,
    minutes: a.minutes,
    category: a.category,
    documentation: a.documentation,
    status: a.status,
    version: a.version,
    createdAt: a.createdAt,
    history: a.history.map((h) => {
      const byName = h.byRole === 'participant' ? undefined : names.get(h.byRef);
      return { at: h.at, byRole: h.byRole, ...(byName === undefined ? {} : { byName }), from: h.from, to: h.to, ...(h.reason === undefined ? {} : { reason: h.reason }) };
    }),
  };
}
