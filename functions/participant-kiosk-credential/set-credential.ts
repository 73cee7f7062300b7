/**
 * An adviser issues a participant's kiosk card and/or QR token and sets the
 * PIN (issue 3 "Kiosk identification"). Only hashes are stored: the card
 * number and QR token as sha256 (they are looked up by it), the PIN as a
 * salted scrypt hash (shared/adapters/pin.ts). One PIN covers all of the
 * participant's credentials; a new card or QR replaces the old one of its
 * kind (participants-repo.ts `setKioskCredentials`). Nothing secret is echoed.
 *
 * With neither card nor QR the call changes the PIN of the credentials the
 * participant has; if there are none that is 400 NO_KIOSK_CREDENTIAL. A card
 * or QR that belongs to another participant of the municipality is 409
 * CREDENTIAL_IN_USE (without saying whose). A new credential's wrong-PIN
 * counter is cleared, so a card locked by guessing works with its new PIN.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { CredentialKind, NewKioskCredential } from '../../shared/adapters/participants-repo.js';
import { credentialSecretHash } from '../../shared/adapters/participants-repo.js';
import { hashPin } from '../../shared/adapters/pin.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { KioskCredentialBody } from './schema.js';

export const PURPOSE = 'participant-kiosk-credential';

export async function setKioskCredential(deps: Deps, auth: AuthContext, participantId: string, body: KioskCredentialBody, route: string): Promise<{ participantId: string; kioskCredentials: CredentialKind[]; updatedAt: string }> {
  await requireStaffAccess(deps, auth, participantId);
  const repo = deps.participants;
  const given: NewKioskCredential[] = [];
  if (body.cardNumber !== undefined) given.push({ kind: 'CARD', secretHash: credentialSecretHash('CARD', body.cardNumber) });
  if (body.qrToken !== undefined) given.push({ kind: 'QR', secretHash: credentialSecretHash('QR', body.qrToken) });
  if (given.length === 0 && (await repo.listKioskCredentialKinds(participantId)).length === 0)
    throw new BadRequestError('NO_KIOSK_CREDENTIAL', 'The participant has no card or QR token yet: give cardNumber or qrToken with the PIN');
  // Another participant's card is refused before anything is written (no log entry, no counters touched).
  for (const c of given) {
    const holder = await repo.findKioskCredential(auth.municipality, c.kind, c.secretHash);
    if (holder !== undefined && holder.participantId !== participantId) throw credentialInUse();
  }
  const pinHash = await hashPin(body.pin);
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const result = await repo.setKioskCredentials(participantId, auth.municipality, given, pinHash, at);
  if (result === 'in-use') throw credentialInUse();
  if (result === 'changed') throw new ConflictError('KIOSK_CREDENTIAL_CHANGED', "The participant's kiosk credentials were changed at the same time; try again");
  await Promise.all(given.map((c) => repo.clearAttempts('CARD', `${auth.municipality}#${c.kind}#${c.secretHash}`)));
  return { participantId, kioskCredentials: await repo.listKioskCredentialKinds(participantId), updatedAt: at };
}

const credentialInUse = () => new ConflictError('CREDENTIAL_IN_USE', 'This card or QR token is already issued to another participant');
