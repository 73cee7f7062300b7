/**
 * Every rule file, by its `RULE` export: which legal-basis row it applies and
 * which reason codes it produces. The engine asks this registry for the rule
 * of a reason code; it holds no code of its own, so a code is named only in
 * decision.ts (the list) and in the one rule file that produces it.
 */
import type { ReasonCode, RuleId } from '../decision.js';
import type { LineRuleMeta, RuleMeta } from './legal-basis.js';
import { RULE as BASE_AMOUNT } from './base-amount.js';
import { RULE as CHILD_ILLNESS } from './child-illness.js';
import { RULE as DEDUCTION } from './deduction.js';
import { RULE as G_TABLE } from './g-table.js';
import { RULE as LEAVE_CAP } from './leave-cap.js';
import { RULE as PENDING_DOCUMENT } from './pending-document.js';
import { RULE as RATES } from './rates.js';
import { RULE as REVIEW_CLASS } from './review-class.js';
import { RULE as SELF_CERTIFICATION } from './self-certification.js';
import { RULE as UNEXCUSED_ABSENCE } from './unexcused-absence.js';
import { RULE as UNPAID_LEAVE } from './unpaid-leave.js';

/** The rules whose reason codes appear on decision lines. */
export const LINE_RULES: readonly LineRuleMeta[] = [UNEXCUSED_ABSENCE, SELF_CERTIFICATION, CHILD_ILLNESS, LEAVE_CAP, PENDING_DOCUMENT, UNPAID_LEAVE];

/** Every rule file's `RULE`. */
export const RULES: readonly RuleMeta[] = [RATES, G_TABLE, BASE_AMOUNT, DEDUCTION, REVIEW_CLASS, ...LINE_RULES];

const RULE_OF = new Map<ReasonCode, RuleId>(LINE_RULES.flatMap((r) => r.reasons.map((code) => [code, r.id] as const)));
const CURED_BY_DOCTOR_NOTE = new Set<ReasonCode>(LINE_RULES.flatMap((r) => r.curedByDoctorNote ?? []));

/** The rule (legal-basis row) a reason code belongs to: a line's `rule`. Every code has one (legal-basis unit test). */
export function ruleOf(reason: ReasonCode): RuleId {
  return RULE_OF.get(reason)!;
}

/** True for a refusal a doctor's note would overturn (hint DOCTOR_NOTE_WOULD_PAY). */
export function curedByDoctorNote(reason: ReasonCode): boolean {
  return CURED_BY_DOCTOR_NOTE.has(reason);
}
