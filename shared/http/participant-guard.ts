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
 *
 * An app check-in makes the same decision from a cache of bounded age
 * (`requireActiveParticipantForCheckin` below; shared/adapters/file-checks.ts
 * says what the bound allows), so that it is one write and no read.
 */
import type { Deps } from '../adapters/deps.js';
import type { CheckedFile } from '../adapters/file-checks.js';
import type { ParticipantAccess } from '../adapters/participant-files-repo.js';
import { bindingActive, type DeviceBinding } from '../identity/device-activation.js';
import type { AuthContext } from './auth.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

type Login = Pick<AuthContext, 'participantId' | 'municipality' | 'deviceBindingId'>;

export async function requireActiveParticipant(deps: Pick<Deps, 'participants' | 'deviceBindings' | 'clock'>, auth: Login): Promise<void> {
  const participantId = auth.participantId;
  requireOpenFile(participantId === undefined ? undefined : await deps.participants.participantAccess(participantId), auth);
  if (auth.deviceBindingId !== undefined) requireLiveBinding(await deps.deviceBindings.getBinding(participantId!, auth.deviceBindingId), deps.clock.now());
}

/**
 * The same decision, in the same order with the same codes, for a check-in
 * (functions/checkin-record): from `deps.fileChecks`, whose answer may be up
 * to CHECKIN_FILE_CHECK_MAX_AGE_SECONDS old for a change made past this
 * process (shared/adapters/file-checks.ts says what that allows); `fresh`
 * reads the file now (a kiosk after card + PIN). The file's municipality is
 * compared with this login's on every call. Returns the file (with the
 * receipt's initial).
 */
export async function requireActiveParticipantForCheckin(deps: Pick<Deps, 'fileChecks' | 'clock'>, auth: Login, fresh = false): Promise<CheckedFile> {
  const participantId = auth.participantId;
  if (participantId === undefined) return requireOpenFile<CheckedFile>(undefined, auth);
  if (fresh) return requireOpenFile(await deps.fileChecks.fresh(participantId), auth);
  const { file, binding } = await deps.fileChecks.check(participantId, auth.deviceBindingId);
  const open = requireOpenFile(file, auth);
  if (auth.deviceBindingId !== undefined) requireLiveBinding(binding, deps.clock.now());
  return open;
}

/** The file exists, in the login's municipality, and its access is open. */
function requireOpenFile<F extends ParticipantAccess>(access: F | undefined, auth: Login): F {
  if (access === undefined || access.municipality !== auth.municipality) throw new ForbiddenError('NO_PARTICIPANT_FILE', 'There is no participant file for this login; ask your adviser');
  if (access.status !== 'OPEN') throw new ForbiddenError('ACCESS_CLOSED', 'The municipality has closed access to this participant file; ask your adviser');
  return access;
}

function requireLiveBinding(binding: DeviceBinding | undefined, now: Date): void {
  if (!bindingActive(binding, now)) throw new UnauthenticatedError('DEVICE_BINDING_ENDED', 'This device is no longer signed in; ask your adviser for a new activation code');
}
