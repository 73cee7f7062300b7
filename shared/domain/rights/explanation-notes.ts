/**
 * What the explanation of a month says about the participant's correction
 * requests and complaints about that month (issue 12: "the explanation of the
 * affected month mentions the correction"). The explanation is read with the
 * month's current decision version: a correction accepted (or a complaint
 * upheld) before that version was made is counted in it (INCLUDED); one
 * accepted after it is counted by the next payroll run (PENDING), which
 * writes a new version. Oldest first. Pure.
 */
import { osloDateOf as osloDate } from '../attendance/oslo-time.js';
import type { RightsCaseNote } from '../explanation/render.js';

/** The fields of a stored case the note needs (shared/adapters/rights-repo.ts). */
export type NoteSource =
  | { kind: 'CORRECTION_REQUEST'; period: string; createdAt: string; status: string; answer?: { at: string } }
  | { kind: 'COMPLAINT'; period: string; createdAt: string; status: string; receivedOn: string; late: boolean; reassessment?: { at: string }; outcome?: { outcome: string; decidedOn: string } };

export function rightsNotes(cases: readonly NoteSource[], period: string, decisionCreatedAt: string): RightsCaseNote[] {
  const counted = (at: string) => at < decisionCreatedAt;
  return cases
    .filter((c) => c.period === period)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .map((c): RightsCaseNote => {
      if (c.kind === 'CORRECTION_REQUEST') {
        const at = c.answer?.at;
        const step = at === undefined ? 'OPEN' : c.status === 'REFUSED' ? 'REFUSED' : counted(at) ? 'ACCEPTED_INCLUDED' : 'ACCEPTED_PENDING';
        return { kind: c.kind, filedOn: osloDate(c.createdAt), step, answeredOn: at === undefined ? null : osloDate(at) };
      }
      const at = c.reassessment?.at;
      const step =
        c.status === 'DECIDED' ? 'DECIDED' : c.status === 'FORWARDED' ? 'FORWARDED' : at === undefined ? 'RECEIVED' : counted(at) ? 'UPHELD_INCLUDED' : 'UPHELD_PENDING';
      return {
        kind: c.kind,
        filedOn: c.receivedOn,
        step,
        answeredOn: c.outcome !== undefined ? c.outcome.decidedOn : at === undefined ? null : osloDate(at),
        late: c.late,
        outcome: c.outcome?.outcome ?? null,
      };
    });
}
