/**
 * A participant's request to have wrong data corrected (retting; GDPR
 * art. 16, personopplysningsloven; the privacy notice promises it). The
 * participant disputes a day ("I was there, the kiosk was down") or a fact
 * of their file ("I sent a doctor's note", "I have two children") with a
 * short text; the adviser answers once:
 *
 *   OPEN ──ACCEPT──▶ ACCEPTED  (an attendance correction or a fact change,
 *                               with the reason; the next payroll run turns
 *                               the changed input into a new decision version)
 *   OPEN ──REFUSE──▶ REFUSED   (with the reason)
 *
 * An answered request is final: a second answer is refused, so two advisers
 * answering at once cannot both act (the store holds the condition, this
 * file the rule). A participant who disagrees with a refusal files a new
 * request or complains about the month's decision (complaint.ts). Pure.
 */

export const CORRECTION_REQUEST_STATUSES = ['OPEN', 'ACCEPTED', 'REFUSED'] as const;
export type CorrectionRequestStatus = (typeof CORRECTION_REQUEST_STATUSES)[number];

/** What the participant disputes: one programme day, or a fact of the file (from the month named). */
export type CorrectionSubject = { kind: 'DAY'; date: string } | { kind: 'FACT'; period: string };

export type CorrectionRequestAction = 'ACCEPT' | 'REFUSE';

/** How an accepted request was carried out (the record the payroll reads). */
export type CorrectionMade = { kind: 'ATTENDANCE'; date: string; correctionVersion: number } | { kind: 'FACT'; factsVersion: number };

export type Transition<S extends string> = { ok: true; status: S } | { ok: false; code: string; message: string };

/** The status after `action`, or why the action is not possible from `from`. */
export function answerCorrectionRequest(from: CorrectionRequestStatus, action: CorrectionRequestAction): Transition<CorrectionRequestStatus> {
  if (from !== 'OPEN')
    return { ok: false, code: 'CORRECTION_REQUEST_ANSWERED', message: `The request is already answered (${from === 'ACCEPTED' ? 'accepted' : 'refused'}); an answer is final` };
  return { ok: true, status: action === 'ACCEPT' ? 'ACCEPTED' : 'REFUSED' };
}

/**
 * An attendance correction may settle a request only for the day it
 * disputes; a fact change settles a request about a fact. (A request about a
 * day that turns out to be about a fact is refused with a reason and filed
 * anew, so the participant's record says what was decided about what.)
 */
export function correctionFits(subject: CorrectionSubject, made: CorrectionMade['kind'], date?: string): { ok: true } | { ok: false; code: string; message: string } {
  if (subject.kind === 'DAY' && made === 'ATTENDANCE' && date === subject.date) return { ok: true };
  if (subject.kind === 'FACT' && made === 'FACT') return { ok: true };
  return {
    ok: false,
    code: 'CORRECTION_DOES_NOT_FIT',
    message: subject.kind === 'DAY' ? 'This request disputes one day: accept it with an attendance correction of that day' : 'This request disputes a fact: accept it with a fact change',
  };
}

/** The month a request is about (the explanation of that month mentions it). */
export function periodOfSubject(subject: CorrectionSubject): string {
  return subject.kind === 'DAY' ? subject.date.slice(0, 7) : subject.period;
}
