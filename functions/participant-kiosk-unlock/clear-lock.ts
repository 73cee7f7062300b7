/**
 * DELETE /participants/{id}/kiosk-credential/lock (adviser, assigned only):
 * the adviser ends a lock of the participant's card or QR token (issue 8
 * item 2), e.g. after the person was locked out by someone else's guesses.
 * Written to the participant's access log first (purpose kiosk-lock-cleared),
 * then every counter of the participant's credentials is removed; the answer
 * says which were locked.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import { cardKeyOf } from '../../shared/adapters/kiosk-repo.js';
import type { CredentialKind } from '../../shared/domain/attendance/kiosk-credentials.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import { credentialStatuses } from '../../shared/features/participants/kiosk-status.js';

export const PURPOSE = 'kiosk-lock-cleared';

export async function clearKioskLock(deps: Deps, auth: AuthContext, participantId: string, route: string): Promise<{ participantId: string; cleared: CredentialKind[]; clearedAt: string }> {
  await requireStaffAccess(deps, auth, participantId);
  const credentials = await deps.kioskCredentials.listKioskCredentials(participantId);
  if (credentials.length === 0) throw new BadRequestError('NO_KIOSK_CREDENTIAL', 'The participant has no card or QR token');
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const before = await credentialStatuses(deps, auth.municipality, participantId, Math.floor(Date.parse(at) / 1000));
  await Promise.all(credentials.map((c) => deps.kiosk.clearCardAttempts(cardKeyOf(auth.municipality, c.kind, c.secretHash))));
  return { participantId, cleared: before.filter((s) => s.locked).map((s) => s.kind), clearedAt: at };
}
