/**
 * Absence without a valid reason (fravær uten gyldig grunn).
 * Legal basis: integreringsloven § 21 (legal-basis.ts row IL-21): the benefit
 * is reduced by the length of absence that is neither illness nor another
 * compelling reason and has not been approved (benefit-rules.md §4):
 * - minutes of a programme day that no absence record covers: NO_REASON_GIVEN;
 * - a record the adviser rejected: REJECTED (judged before anything else);
 * - own or child illness with documentation NONE: NO_DOCUMENTATION (judged
 *   after the status, before the illness rules of §§ 5–6).
 */
import type { Absence } from '../case.js';
import type { LineRuleMeta } from './legal-basis.js';
import type { Verdict } from './verdict.js';

export const RULE = { id: 'IL-21', reasons: ['NO_REASON_GIVEN', 'REJECTED', 'NO_DOCUMENTATION'] } as const satisfies LineRuleMeta;

/** Missing minutes no record covers. */
export const UNCOVERED: Verdict & { outcome: 'UNEXCUSED' } = { outcome: 'UNEXCUSED', reason: 'NO_REASON_GIVEN' };

/** Status first: a rejected record is unexcused whatever its category; null when the record is not rejected. */
export function judgeRejected(a: Pick<Absence, 'status'>): Verdict | null {
  return a.status === 'REJECTED' ? { outcome: 'UNEXCUSED', reason: 'REJECTED' } : null;
}

/** Illness needs a self-certification or a doctor's note; null when it has one. */
export function judgeIllnessDocumentation(a: Pick<Absence, 'documentation'>): Verdict | null {
  return a.documentation === 'NONE' ? { outcome: 'UNEXCUSED', reason: 'NO_DOCUMENTATION' } : null;
}
