/**
 * How one covered portion of a programme day was judged. The rule files
 * produce these (each with its own reason codes); judge-absences.ts picks the
 * rule that applies, ledger.ts and the calendar turn them into lines and
 * segments.
 */
import type { ReasonCode, UnexcusedReason } from '../decision.js';

export type WithheldReason = Extract<ReasonCode, 'DOCUMENT_PENDING'>;

export type Verdict =
  | { outcome: 'EXCUSED' }
  | { outcome: 'UNEXCUSED'; reason: UnexcusedReason }
  | { outcome: 'WITHHELD'; reason: WithheldReason; deadline: string }
  | { outcome: 'PAID_PROVISIONALLY'; deadline: string };

export const EXCUSED: Verdict = { outcome: 'EXCUSED' };
