/**
 * Corrections (benefit-rules.md §8; integreringsloven § 25). When the inputs
 * of an already decided month change, the new decision supersedes the old one
 * and carries the difference per day and in total; nothing is overwritten. A
 * positive difference is a back-payment (etterbetaling) in the next payout; a
 * negative one is never set off automatically: IL § 25 requires a decision,
 * so it is routed to an adviser.
 *
 * The difference in money is measured against what the month has paid, not
 * against the superseded version's computed amount: an adviser may have
 * adjusted what was paid, and a negative correction before this one took
 * nothing back (no set-off). Measured against the computed amount, a
 * correction after a negative one would pay the same money twice.
 */
import type { DecisionCore } from '../decision.js';
import type { Resolution } from './resolution.js';
import { effectivePayoutOre } from './resolution.js';

export type CorrectionReason = 'DOCUMENT_ARRIVED' | 'CHECKIN_CORRECTED' | 'NEW_G' | 'INPUT_CHANGED';

export interface DayDifference {
  /** A date, or 'BASE' for a change of the base amount (rates, enrolment). */
  date: string;
  beforeOre: number;
  afterOre: number;
}

export type CorrectionRoute = 'BACK_PAYMENT' | 'ADVISER_DECISION' | 'NONE';

export interface Correction {
  days: DayDifference[];
  /**
   * The difference in money. For a month already paid (`paidBeforeOre`
   * given): next.payoutOre − paidBeforeOre. For a month not paid yet (a
   * run of the month itself computing it again): next.payoutOre −
   * previous.payoutOre.
   */
  totalDifferenceOre: number;
  reason: CorrectionReason;
  /** Positive: paid with the next payout. Negative: an adviser must decide (no automatic set-off). */
  route: CorrectionRoute;
  /** The superseded version's computed payout (absent on versions stored before it was recorded). */
  previousPayoutOre?: number;
  /** What the month had paid (or an earlier run had committed) when this version was made; absent: not paid yet. */
  paidBeforeOre?: number;
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

export const routeOf = (differenceOre: number): CorrectionRoute => (differenceOre > 0 ? 'BACK_PAYMENT' : differenceOre < 0 ? 'ADVISER_DECISION' : 'NONE');

/**
 * `next` supersedes `prev`: the per-day difference of the computed lines,
 * and the difference in money against `paidBeforeOre` (what the month has
 * paid, see `paidForMonth`) when the month was paid.
 */
export function diffDecisions(prev: DecisionCore, next: DecisionCore, paidBeforeOre?: number): Correction {
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
  const totalDifferenceOre = next.payoutOre - (paidBeforeOre ?? prev.payoutOre);
  return {
    days,
    totalDifferenceOre,
    reason: correctionReason(prev, next),
    route: routeOf(totalDifferenceOre),
    previousPayoutOre: prev.payoutOre,
    ...(paidBeforeOre === undefined ? {} : { paidBeforeOre }),
  };
}

/** A stored version as far as payment is concerned. */
export interface PaidVersion {
  version: number;
  /** The engine's payout of the version. */
  payoutOre: number;
  /** A correction of a paid month: the month whose payout pays (or routes) its difference. */
  paidWithPeriod?: string;
  correction?: Pick<Correction, 'totalDifferenceOre' | 'route' | 'paidBeforeOre'>;
  /** An adviser's resolution of this version (an adjustment changes what it pays). */
  resolution?: Resolution;
}

/**
 * The back-payment a correction makes: what the month is now due (the
 * computed payout, or an adviser's adjusted one) less what it had paid,
 * never below 0 (a negative difference is not set off; an adviser decides
 * it). Versions stored before `paidBeforeOre` was recorded pay their
 * positive difference as stored.
 */
export function backPaymentOre(v: Pick<PaidVersion, 'payoutOre' | 'correction' | 'resolution'>): number {
  const c = v.correction;
  if (c === undefined) return 0;
  if (c.paidBeforeOre === undefined) return c.route === 'BACK_PAYMENT' ? Math.max(0, c.totalDifferenceOre) : 0;
  return Math.max(0, effectivePayoutOre(v, v.resolution) - c.paidBeforeOre);
}

/**
 * What a month has paid, from its stored versions: the newest version the
 * month's own runs wrote (no `paidWithPeriod`), as an adviser resolved it,
 * plus the back-payment of the newest correction paid with each later month
 * (within one paying month the newest correction replaces the others: it was
 * measured against what was paid without them). `replacing`: the paying
 * month computing now, whose corrections the new version replaces, left out.
 * Undefined when the month has no version of its own (it was never paid).
 */
export function paidForMonth(versions: readonly PaidVersion[], replacing?: string): number | undefined {
  let own: PaidVersion | undefined;
  const newestPerPayingMonth = new Map<string, PaidVersion>();
  for (const v of versions) {
    if (v.paidWithPeriod === undefined) {
      if (own === undefined || v.version > own.version) own = v;
    } else if (v.paidWithPeriod !== replacing) {
      const seen = newestPerPayingMonth.get(v.paidWithPeriod);
      if (seen === undefined || v.version > seen.version) newestPerPayingMonth.set(v.paidWithPeriod, v);
    }
  }
  if (own === undefined) return undefined;
  let paid = effectivePayoutOre(own, own.resolution);
  for (const v of newestPerPayingMonth.values()) paid += backPaymentOre(v);
  return paid;
}
