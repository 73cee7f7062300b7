/**
 * The one check every participant request passes (issue 8 item 7), run by the
 * middleware chain (middleware.ts) after the token and the input, before any
 * handler: the participant's file must exist, in the token's municipality,
 * and its access must not have been closed by an admin.
 *
 * A token outlives the file it names (a deleted file, an account an admin
 * closed, a claim pointing at a file of another municipality): without this
 * check such a token could still report absences or check in. "Active" is
 * about the login, not the programme: a participant who has left the
 * programme (enrolment ended) keeps reading their decisions and explanations,
 * which they need to complain.
 *
 * A token of a bound device (the activation path, shared/identity/device-activation.ts)
 * also needs its binding to be live: revoked by the adviser, ended by the
 * participant's first ID-porten sign-in or older than its maximum age, its
 * tokens stop here at once (API Gateway's JWT authorizer cannot know).
 */
import type { Deps } from '../adapters/deps.js';
import { bindingActive } from '../identity/device-activation.js';
import type { AuthContext } from './auth.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

export async function requireActiveParticipant(
  deps: Pick<Deps, 'participants' | 'deviceBindings' | 'clock'>,
  auth: Pick<AuthContext, 'participantId' | 'municipality' | 'deviceBindingId'>,
): Promise<void> {
  const participantId = auth.participantId;
  const access = participantId === undefined ? undefined : await deps.participants.participantAccess(participantId);
  if (access === undefined || access.municipality !== auth.municipality) throw new ForbiddenError('NO_PARTICIPANT_FILE', 'There is no participant file for this login; ask your adviser');
  if (access.status !== 'OPEN') throw new ForbiddenError('ACCESS_CLOSED', 'The municipality has closed access to this participant file; ask your adviser');
  if (auth.deviceBindingId !== undefined && !bindingActive(await deps.deviceBindings.getBinding(participantId!, auth.deviceBindingId), deps.clock.now()))
    throw new UnauthenticatedError('DEVICE_BINDING_ENDED', 'This device is no longer signed in; ask your adviser for a new activation code');
}
