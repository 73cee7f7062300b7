/**
 * The facts on a participant's file that the benefit depends on
 * (benefit-rules.md §2): stored with their history by the participant-file
 * store (shared/adapters/participant-files-repo.ts), sent and answered by the
 * API (shared/contract/responses.ts).
 */
import type { Role } from '../contract/roles.js';
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

export const FACT_KEYS = ['birthDate', 'regime', 'livesWithParent', 'coupleReduction', 'children', 'soleCarer', 'programStart', 'enrolments', 'unpaidLeave'] as const satisfies readonly (keyof ParticipantFacts)[];

/**
 * One change of the facts, kept for ever (benefit-rules.md §2: facts are read
 * as they stand on the 1st of the month, so the payroll needs their history).
 * The profile holds the latest values; these changes say from when each applies.
 */
export interface FactChange {
  participantId: string;
  /** The profile version this change produced; changes apply in this order. */
  version: number;
  /** First date the change applies (a 1st of a month); null: every month (the facts at registration). */
  effectiveFrom: string | null;
  /** Only the facts that changed, with their new values (all of them for the registration). */
  changes: Partial<ParticipantFacts>;
  changedAt: string;
  /** Pseudonymous staff ref (never a name). */
  changedByRef: string;
  changedByRole: Role;
}

/**
 * The facts on `date` from a participant's changes: every change in force
 * then (effectiveFrom null or on/before the date), applied in version order,
 * so a later correction overrides what it names from its effectiveFrom on.
 * Undefined when the changes do not yet name every fact (no baseline).
 */
export function factsOn(changes: readonly FactChange[], date: string): ParticipantFacts | undefined {
  const facts: Partial<ParticipantFacts> = {};
  for (const c of [...changes].sort((a, b) => a.version - b.version)) if (c.effectiveFrom === null || c.effectiveFrom <= date) Object.assign(facts, c.changes);
  return FACT_KEYS.every((k) => facts[k] !== undefined) ? (facts as ParticipantFacts) : undefined;
}

/** Only the facts of a record that holds them among other fields (a profile). */
export function factsOf(profile: ParticipantFacts): ParticipantFacts {
  return {
    birthDate: profile.birthDate,
    regime: profile.regime,
    livesWithParent: profile.livesWithParent,
    coupleReduction: profile.coupleReduction,
    children: profile.children,
    soleCarer: profile.soleCarer,
    programStart: profile.programStart,
    enrolments: profile.enrolments,
    unpaidLeave: profile.unpaidLeave,
  };
}
