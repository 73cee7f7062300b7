/**
 * Pending documentation (municipal policy `pending`, benefit-rules.md §7).
 * Legal basis: integreringsloven § 21 (legal-basis.ts row POLICY-PENDING:
 * only documented, approved absence is paid) and the municipality's choice of
 * how to treat a document not yet approved: WITHHOLD (default) deducts
 * provisionally (DOCUMENT_PENDING), PAY pays provisionally. Past
 * `documentationDeadlineDays` after the absence, a still-pending absence is
 * unexcused under either policy (DOCUMENT_DEADLINE_PASSED).
 */
import { addDays } from '../calendar.js';
import type { LineRuleMeta } from './legal-basis.js';
import type { Verdict } from './verdict.js';

export const RULE = { id: 'POLICY-PENDING', reasons: ['DOCUMENT_DEADLINE_PASSED', 'DOCUMENT_PENDING'] } as const satisfies LineRuleMeta;

export function judgePending(
  absenceDate: string,
  computedAt: string,
  policy: { pending: 'WITHHOLD' | 'PAY'; documentationDeadlineDays: number },
): Verdict {
  const deadline = addDays(absenceDate, policy.documentationDeadlineDays);
  if (computedAt > deadline) return { outcome: 'UNEXCUSED', reason: 'DOCUMENT_DEADLINE_PASSED' };
  return policy.pending === 'WITHHOLD'
    ? { outcome: 'WITHHELD', reason: 'DOCUMENT_PENDING', deadline }
    : { outcome: 'PAID_PROVISIONALLY', deadline };
}
