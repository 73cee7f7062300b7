/**
 * An adviser issues a participant's kiosk card and/or QR token and sets the
 * PIN (issue 8 item 2). Card numbers and QR tokens are made here at random
 * (80 bits, readable for printing: shared/domain/attendance/kiosk-card.ts;
 * QR: 256 bits), never chosen by a person and never in sequence, and returned
 * in this answer only: the store keeps their sha256 (they are looked up by it)
 * and the PIN as a salted scrypt hash (shared/adapters/pin.ts). One PIN covers
 * all of the participant's credentials; a new card or QR replaces the old one
 * of its kind (kiosk-credentials-repo.ts `setKioskCredentials`).
 *
 * Without issueCard/issueQr the call changes the PIN of the credentials the
 * participant has; if there are none that is 400 NO_KIOSK_CREDENTIAL. Setting
 * a PIN ends any lock of the participant's cards (the adviser's act, in the
 * access log).
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../shared/adapters/deps.js';
import { cardKeyOf } from '../../shared/adapters/kiosk-repo.js';
import type { CredentialKind, NewKioskCredential } from '../../shared/domain/attendance/kiosk-credentials.js';
import { credentialSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { hashPin } from '../../shared/adapters/pin.js';
import { CARD_RANDOM_BYTES, cardNumberFromBytes, formatCardNumber } from '../../shared/domain/attendance/kiosk-card.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { KioskCredentialBody } from './schema.js';

export const PURPOSE = 'participant-kiosk-credential';

export interface IssuedCredentials {
  participantId: string;
  kioskCredentials: CredentialKind[];
  /** Shown once, for printing the card or the QR code: only hashes are kept. */
  issued: { cardNumber?: string; qrToken?: string };
  updatedAt: string;
}

interface NewSecret extends NewKioskCredential {
  secret: string;
}

function newSecrets(body: KioskCredentialBody): NewSecret[] {
  const out: NewSecret[] = [];
  if (body.issueCard === true) {
    const card = cardNumberFromBytes(randomBytes(CARD_RANDOM_BYTES));
    out.push({ kind: 'CARD', secretHash: credentialSecretHash('CARD', card), secret: formatCardNumber(card) });
  }
  if (body.issueQr === true) {
    const qr = randomBytes(32).toString('base64url');
    out.push({ kind: 'QR', secretHash: credentialSecretHash('QR', qr), secret: qr });
  }
  return out;
}

export async function setKioskCredential(deps: Deps, auth: AuthContext, participantId: string, body: KioskCredentialBody, route: string): Promise<IssuedCredentials> {
  await requireStaffAccess(deps, auth, participantId);
  const repo = deps.kioskCredentials;
  const wantsNew = body.issueCard === true || body.issueQr === true;
  if (!wantsNew && (await repo.listKioskCredentialKinds(participantId)).length === 0)
    throw new BadRequestError('NO_KIOSK_CREDENTIAL', 'The participant has no card or QR token yet: ask for issueCard or issueQr with the PIN');
  const pinHash = await hashPin(body.pin);
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  let given = newSecrets(body);
  // 80 random bits: a number already in use is all but impossible; if it happens, draw again.
  for (let draw = 0; ; draw++) {
    const result = await repo.setKioskCredentials(participantId, auth.municipality, given, pinHash, at);
    if (result === 'saved') break;
    if (result === 'changed') throw new ConflictError('KIOSK_CREDENTIAL_CHANGED', "The participant's kiosk credentials were changed at the same time; try again");
    if (draw >= 2) throw new ConflictError('KIOSK_CREDENTIAL_CHANGED', 'No free card number was drawn; try again');
    given = newSecrets(body);
  }
  const credentials = await repo.listKioskCredentials(participantId);
  // The new PIN ends any lock of the participant's cards (the old counters counted guesses at the old PIN).
  await Promise.all(credentials.map((c) => deps.kiosk.clearCardAttempts(cardKeyOf(auth.municipality, c.kind, c.secretHash))));
  const issued: IssuedCredentials['issued'] = {};
  for (const g of given) issued[g.kind === 'CARD' ? 'cardNumber' : 'qrToken'] = g.secret;
  return { participantId, kioskCredentials: credentials.map((c) => c.kind), issued, updatedAt: at };
}
