/**
 * Ownership checks (architecture.md "Actors and roles"; quality.md S3, S4).
 * A participant only ever addresses their own data, so a foreign id is "not
 * found" (404, nothing revealed); staff must be assigned (403 NOT_ASSIGNED),
 * read afresh on every request so a removed assignment stops access at once.
 */
import type { Deps } from '../adapters/deps.js';
import type { AuthContext } from './auth.js';
import { ForbiddenError, NotFoundError } from './errors.js';

export async function requireAssigned(deps: Pick<Deps, 'assignments'>, auth: AuthContext, participantId: string): Promise<void> {
  if (!(await deps.assignments.isAssigned(auth.sub, participantId)))
    throw new ForbiddenError('NOT_ASSIGNED', 'You are not assigned to this participant');
}

/** For participant routes that name a resource: someone else's is simply not found. */
export function requireOwn(auth: AuthContext, ownerParticipantId: string): void {
  if (auth.participantId !== ownerParticipantId) throw new NotFoundError();
}
