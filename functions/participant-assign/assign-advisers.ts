/**
 * An admin sets who advises a participant (architecture.md "Actors and
 * roles"; quality.md S4). The list replaces the previous one in one
 * transaction (participants-repo.ts `setAdvisers`); assignments are read
 * strongly consistent on every adviser request, so a removed adviser is
 * refused (403 NOT_ASSIGNED) from their next request on, and an added one is
 * let in at once. Two admins changing it at the same time: one wins, the
 * other gets 409 ADVISERS_CHANGED and retries. The participant's access log
 * records the change.
 *
 * Whether each id is an adviser user is the user directory's business
 * (Cognito); an id that is not an adviser simply never matches an adviser's
 * token, so it grants nothing.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { AssignBody } from './schema.js';

export const PURPOSE = 'participant-assign';

export interface Assignment {
  participantId: string;
  advisers: string[];
  added: string[];
  removed: string[];
  updatedAt: string;
}

export async function assignAdvisers(deps: Deps, auth: AuthContext, participantId: string, body: AssignBody, route: string): Promise<Assignment> {
  await requireStaffAccess(deps, auth, participantId);
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const result = await deps.participants.setAdvisers(participantId, auth.municipality, body.advisers, at);
  if (result === 'changed') throw new ConflictError('ADVISERS_CHANGED', "The participant's advisers were changed at the same time; reload and try again");
  const advisers = [...body.advisers].sort();
  return {
    participantId,
    advisers,
    added: advisers.filter((s) => !result.previous.includes(s)),
    removed: result.previous.filter((s) => !advisers.includes(s)).sort(),
    updatedAt: at,
  };
}
