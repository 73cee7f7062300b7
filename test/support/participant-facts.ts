/** A participant's facts and fact changes for the tests of the fact history (unit and DynamoDB Local). */
import type { FactChange, ParticipantFacts } from '../../shared/domain/participant-facts.js';

export const FACTS: ParticipantFacts = {
  birthDate: '1990-01-01',
  regime: 'integreringsloven',
  livesWithParent: false,
  coupleReduction: false,
  children: 0,
  soleCarer: false,
  programStart: '2026-01-01',
  enrolments: [{ from: '2026-01-01', to: null }],
  unpaidLeave: [],
};

/** A change of participant p-x's facts by an adviser. */
export const factChange = (version: number, effectiveFrom: string | null, changes: Partial<ParticipantFacts>): FactChange => ({
  participantId: 'p-x',
  version,
  effectiveFrom,
  changes,
  changedAt: '2026-01-01T00:00:00.000Z',
  changedByRef: 'staff-1',
  changedByRole: 'adviser',
});
