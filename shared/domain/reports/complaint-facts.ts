/**
 * What the reports need to know of a complaint (klage, forvaltningsloven
 * §§ 28–34; issue 12 item 2): the record shape the complaint store hands the
 * NIR report, the statistics and the archive. The complaint flow itself
 * (deadline, reassessment, forwarding to Statsforvalteren) lives with the
 * complaints; this is only its read model, with no text of the complaint.
 *
 * Outcomes: OPEN (received, not yet reassessed), UPHELD (the municipality
 * found for the participant on reassessment, fvl § 33), FORWARDED (not upheld,
 * sent to Statsforvalteren, no answer yet), and Statsforvalteren's answer:
 * UPHELD_BY_STATSFORVALTEREN or NOT_UPHELD_BY_STATSFORVALTEREN.
 */
export const COMPLAINT_OUTCOMES = ['OPEN', 'UPHELD', 'FORWARDED', 'UPHELD_BY_STATSFORVALTEREN', 'NOT_UPHELD_BY_STATSFORVALTEREN'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export interface ComplaintFact {
  complaintId: string;
  participantId: string;
  /** The decision complained about (`<pid>.<period>.v<4 digits>`). */
  decisionId: string;
  /** Oslo date the complaint was received. */
  receivedOn: string;
  /** Received after the three-week deadline (recorded as late, not refused). */
  late: boolean;
  outcome: ComplaintOutcome;
  /** Oslo date of the latest outcome step; null while OPEN. */
  outcomeOn: string | null;
}

/** An outcome that ends the case: NIR registers it; FORWARDED still waits for Statsforvalteren. */
export function isFinalOutcome(outcome: ComplaintOutcome): boolean {
  return outcome === 'UPHELD' || outcome === 'UPHELD_BY_STATSFORVALTEREN' || outcome === 'NOT_UPHELD_BY_STATSFORVALTEREN';
}
