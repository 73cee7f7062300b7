/**
 * Corrections (benefit-rules.md §8; integreringsloven § 25). When the inputs
 * of an already decided month change, the new decision supersedes the old one
 * and carries the difference per day and in total; nothing is overwritten. A
 * positive difference is a back-payment (etterbetaling) in the next payout; a
 * negative one is never set off automatically: IL § 25 requires a decision,
 * so it is routed to an adviser.
 */
import type { DecisionCore } from '../decision.js';

export type CorrectionReason = 'DOCUMENT_ARRIVED' | 'CHECKIN_CORRECTED' | 'NEW_G' | 'INPUT_CHANGED';

export interface DayDifference {
  /** A date, or 'BASE' for a change of the base amount (rates, enrolment). */
  date: string;
  beforeOre: number;
  afterOre: number;
}

export interface Correction {
  days: DayDifference[];
  /** next.payoutOre − previous.payoutOre. */
  totalDifferenceOre: number;
  reason: CorrectionReason;
  /** Positive: paid with the next payout. Negative: an adviser must decide (no automatic set-off). */
  route: 'BACK_PAYMENT' | 'ADVISER_DECISION' | 'NONE';
}

function amountsByDate(d: DecisionCore): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of d.lines) m.set(l.date, (m.get(l.date) ?? 0) + l.amountOre);
  return m;
}

/**
 * The reason a human reads first: a new G when G changed; a document when an
 * absence's status or documentation changed (seen as a withheld line that
 * went away or changed); a corrected check-in when only presence changed.
 */
export function correctionReason(prev: DecisionCore, next: DecisionCore): CorrectionReason {
  if (prev.rates.gOre !== next.rates.gOre) return 'NEW_G';
  const withheld = (d: DecisionCore) => d.lines.filter((l) => l.kind === 'WITHHELD_PENDING').map((l) => l.date).join();
  if (withheld(prev) !== withheld(next)) return 'DOCUMENT_ARRIVED';
  const presence = (d: DecisionCore) => d.calendar.map((c) => `${c.date}:${c.presentMinutes}`).join();
  if (presence(prev) !== presence(next)) return 'CHECKIN_CORRECTED';
  return 'INPUT_CHANGED';
}

export function diffDecisions(prev: DecisionCore, next: DecisionCore): Correction {
  const before = amountsByDate(prev);
  const after = amountsByDate(next);
  const dates = [...new Set([...before.keys(), ...after.keys()])].sort();
  const days: DayDifference[] = [];
  if (prev.baseOre !== next.baseOre) days.push({ date: 'BASE', beforeOre: prev.baseOre, afterOre: next.baseOre });
  for (const date of dates) {
    const b = before.get(date) ?? 0;
    const a = after.get(date) ?? 0;
    if (a !== b) days.push({ date, beforeOre: b, afterOre: a });
  }
  const totalDifferenceOre = next.payoutOre - prev.payoutOre;
  return {
    days,
    totalDifferenceOre,
    reason: correctionReason(prev, next),
    route: totalDifferenceOre > 0 ? 'BACK_PAYMENT' : totalDifferenceOre < 0 ? 'ADVISER_DECISION' : 'NONE',
  };
}
