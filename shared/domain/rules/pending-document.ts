/**
 * Pending documentation (municipal policy `pending`, benefit-rules.md §7).
 * Legal basis: integreringsloven § 21 (only documented, approved absence is
 * paid) and the municipality's choice of how to treat a document not yet
 * approved: WITHHOLD (default) deducts provisionally, PAY pays provisionally.
 * Past `documentationDeadlineDays` after the absence, a still-pending absence
 * is unexcused under either policy.
 */
import { addDays } from '../calendar.js';

export type PendingOutcome =
  | { kind: 'DEADLINE_PASSED'; deadline: string }
  | { kind: 'WITHHELD'; deadline: string }
  | { kind: 'PAID_PROVISIONALLY'; deadline: string };

export function judgePending(
  absenceDate: string,
  computedAt: string,
  policy: { pending: 'WITHHOLD' | 'PAY'; documentationDeadlineDays: number },
): PendingOutcome {
  const deadline = addDays(absenceDate, policy.documentationDeadlineDays);
  if (computedAt > deadline) return { kind: 'DEADLINE_PASSED', deadline };
  return policy.pending === 'WITHHOLD' ? { kind: 'WITHHELD', deadline } : { kind: 'PAID_PROVISIONALLY', deadline };
}
