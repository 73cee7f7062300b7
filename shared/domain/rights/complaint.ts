/**
 * A complaint (klage) about a month's decision (forvaltningsloven §§ 28–34;
 * integreringsloven § 48 makes Statsforvalteren the appeal body). The
 * municipality that made the decision reassesses it first (fvl § 33 second
 * paragraph): it may change the decision itself (upheld: a correction of the
 * inputs, which the next payroll run turns into a new decision version), or
 * keep it and send the case to Statsforvalteren, whose outcome is recorded
 * when it comes back:
 *
 *   RECEIVED ──UPHOLD──────▶ UPHELD     (final here: the correction is made)
 *   RECEIVED ──NOT_UPHOLD──▶ FORWARDED  (sent with the case file)
 *   FORWARDED ─RECORD_OUTCOME─▶ DECIDED (Statsforvalteren's outcome)
 *
 * No state is skipped (an outcome needs a forwarded case) and none is
 * revisited. A late complaint is recorded and handled as any other
 * (complaint-deadline.ts): fvl § 31 lets the body consider it anyway, and
 * the decision to dismiss it is Statsforvalteren's or the municipality's,
 * made with the case in front of them, not the system's. Pure.
 */

export const COMPLAINT_STATUSES = ['RECEIVED', 'UPHELD', 'FORWARDED', 'DECIDED'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type ComplaintAction = 'UPHOLD' | 'NOT_UPHOLD' | 'RECORD_OUTCOME';

/**
 * What Statsforvalteren decided (fvl § 34 fourth paragraph): the decision
 * stands (CONFIRMED), is changed (CHANGED), is set aside and sent back to
 * the municipality to decide again (QUASHED), or the complaint is dismissed
 * without being considered (DISMISSED, e.g. late without reason, § 31).
 */
export const COMPLAINT_OUTCOMES = ['CONFIRMED', 'CHANGED', 'QUASHED', 'DISMISSED'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** How the complaint reached the municipality: from the participant's page, or on paper recorded by an adviser. */
export type ComplaintChannel = 'PAGE' | 'PAPER';

export type ComplaintTransition = { ok: true; status: ComplaintStatus } | { ok: false; code: string; message: string };

const NEXT: Readonly<Record<ComplaintAction, { from: ComplaintStatus; to: ComplaintStatus }>> = {
  UPHOLD: { from: 'RECEIVED', to: 'UPHELD' },
  NOT_UPHOLD: { from: 'RECEIVED', to: 'FORWARDED' },
  RECORD_OUTCOME: { from: 'FORWARDED', to: 'DECIDED' },
};

/** The status after `action`, or why it is not possible from `from`. */
export function advanceComplaint(from: ComplaintStatus, action: ComplaintAction): ComplaintTransition {
  const step = NEXT[action];
  if (from === step.from) return { ok: true, status: step.to };
  if (action === 'RECORD_OUTCOME')
    return from === 'DECIDED'
      ? { ok: false, code: 'COMPLAINT_DECIDED', message: "Statsforvalteren's outcome is already recorded" }
      : { ok: false, code: 'COMPLAINT_NOT_FORWARDED', message: 'Only a complaint sent to Statsforvalteren can get its outcome' };
  return { ok: false, code: 'COMPLAINT_REASSESSED', message: 'The complaint is already reassessed; the reassessment is final' };
}

/** Outcomes after which the municipality must decide the month again (a new decision version, by a correction). */
export function outcomeNeedsNewDecision(outcome: ComplaintOutcome): boolean {
  return outcome === 'CHANGED' || outcome === 'QUASHED';
}
