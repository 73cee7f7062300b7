/**
 * Review class of a decision (legal-basis.ts row REVIEW-CLASS). Legal basis:
 * integreringsloven § 21 (reduction for unexcused absence), forvaltningsloven §§ 16, 24–25 (advance notice and
 * reasons for an enkeltvedtak), GDPR art. 22 (no solely automated decision
 * with significant effect). benefit-rules.md §9:
 * VEDTAK_REQUIRED when 2·X ≥ Y and 12·X ≥ G; REVIEW for any other unexcused or
 * withheld deduction (or a negative correction); AUTOMATIC otherwise.
 */
import type { DecisionLine, ReviewClass, ReviewFacts } from '../decision.js';
import type { RuleMeta } from './legal-basis.js';
import type { RuleParameters } from './parameters.js';

export const RULE = { id: 'REVIEW-CLASS', reasons: [] } as const satisfies RuleMeta;

export function reviewClass(
  lines: readonly DecisionLine[],
  baseOre: number,
  gOre: number,
  thresholds: RuleParameters['review'],
  negativeCorrection = false,
): { review: ReviewClass; facts: ReviewFacts } {
  let unexcusedOre = 0;
  let unpaidOre = 0;
  let judged = false;
  for (const l of lines) {
    if (l.kind === 'UNEXCUSED_ABSENCE' || l.kind === 'WITHHELD_PENDING') {
      unexcusedOre -= l.amountOre;
      judged = true;
    } else if (l.kind === 'UNPAID_LEAVE') unpaidOre -= l.amountOre;
  }
  const payableBaseOre = baseOre - unpaidOre;
  const [baseNum, baseDen] = thresholds.vedtakShareOfBase;
  const [gNum, gDen] = thresholds.vedtakShareOfG;
  const facts = { unexcusedOre, payableBaseOre, gOre };
  // X/Y ≥ 1/2 ⇔ 2·X ≥ Y; X/G ≥ 1/12 ⇔ 12·X ≥ G (integers, no division).
  if (judged && baseDen * unexcusedOre >= baseNum * payableBaseOre && gDen * unexcusedOre >= gNum * gOre)
    return { review: 'VEDTAK_REQUIRED', facts };
  if (judged || negativeCorrection) return { review: 'REVIEW', facts };
  return { review: 'AUTOMATIC', facts };
}
