/**
 * What-if on a decided month (issue 11 §3): the adviser's changes, applied to
 * the case the engine judged (the decision's `input`), make the case POST
 * /simulations computes. The stored case is never changed: each run starts
 * from a copy.
 */
export type WhatIfChange =
  | { kind: 'day'; date: string; presentMinutes: number }
  | { kind: 'absence'; date: string; minutes: number | null; category: string; documentation: string }
  | { kind: 'approve'; index: number };

interface CaseDay {
  date: string;
  plannedMinutes: number;
  presentMinutes: number;
}
interface CaseAbsence {
  date: string;
  minutes: number;
  category: string;
  documentation: string;
  status: string;
}
export interface CaseShape {
  period: string;
  days: CaseDay[];
  absences?: CaseAbsence[];
  [k: string]: unknown;
}

export const caseOf = (input: unknown): CaseShape | undefined => {
  const c = input as Partial<CaseShape> | null;
  return c !== null && typeof c === 'object' && typeof c.period === 'string' && Array.isArray(c.days) ? (c as CaseShape) : undefined;
};

/** The programme days of the case, for the day pickers. */
export const programmeDays = (c: CaseShape): CaseDay[] => c.days.filter((d) => d.plannedMinutes > 0);

/** The case's absences waiting for a document, with their index (what an `approve` change names). */
export const pendingAbsences = (c: CaseShape): { index: number; absence: CaseAbsence }[] =>
  (c.absences ?? []).flatMap((absence, index) => (absence.status === 'PENDING' ? [{ index, absence }] : []));

export function applyChanges(input: CaseShape, changes: readonly WhatIfChange[]): CaseShape {
  const c = structuredClone(input);
  c.absences = c.absences ?? [];
  for (const ch of changes) {
    if (ch.kind === 'day') {
      const d = c.days.find((x) => x.date === ch.date);
      if (d !== undefined) d.presentMinutes = ch.presentMinutes;
    } else if (ch.kind === 'absence') {
      const planned = c.days.find((x) => x.date === ch.date)?.plannedMinutes ?? 0;
      c.absences.push({ date: ch.date, minutes: ch.minutes ?? planned, category: ch.category, documentation: ch.documentation, status: 'APPROVED' });
    } else {
      const a = c.absences[ch.index];
      if (a !== undefined) a.status = 'APPROVED';
    }
  }
  return c;
}
