/**
 * The facts on a participant's file that the benefit depends on
 * (benefit-rules.md §2): stored with their history by the participants
 * repository, sent and answered by the API (shared/contract/responses.ts).
 */
import type { DateRange } from './calendar.js';

export interface ParticipantFacts {
  birthDate: string;
  regime: 'integreringsloven' | 'introduksjonsloven';
  livesWithParent: boolean;
  coupleReduction: boolean;
  children: number;
  soleCarer: boolean;
  programStart: string;
  enrolments: DateRange[];
  unpaidLeave: DateRange[];
}
