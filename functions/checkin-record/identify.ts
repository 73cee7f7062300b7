/**
 * Identifies the participant at a kiosk by card number or QR token + PIN.
 *
 * - The response never tells whether a card exists: an unknown card and a
 *   wrong PIN both give 401 IDENTIFICATION_FAILED, and scrypt runs in both
 *   cases (pin.ts), so timing does not tell either.
 * - Wrong PINs are counted per card (keyed by the card's hash, so unknown
 *   cards are counted alike) and per device, in a 15-minute window kept in a
 *   TTL item. At 5 failures for a card or 20 for a device, attempts are
 *   refused with 429 TOO_MANY_ATTEMPTS until the window ends. A success
 *   clears the card's counter (not the device's).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { CredentialKind } from '../../shared/adapters/participants-repo.js';
import { credentialSecretHash } from '../../shared/adapters/participants-repo.js';
import { verifyPin } from '../../shared/adapters/pin.js';
import { TooManyAttemptsError, UnauthenticatedError } from '../../shared/http/errors.js';

export const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_CARD = 5;
export const MAX_FAILURES_PER_DEVICE = 20;

export interface PresentedCredential {
  kind: CredentialKind;
  secretHash: string;
  pin: string;
}

export function presented(k: { cardNumber?: string | undefined; qrToken?: string | undefined; pin: string }): PresentedCredential {
  const kind: CredentialKind = k.cardNumber !== undefined ? 'CARD' : 'QR';
  return { kind, secretHash: credentialSecretHash(kind, (k.cardNumber ?? k.qrToken)!), pin: k.pin };
}

const identificationFailed = () => new UnauthenticatedError('IDENTIFICATION_FAILED', 'Card or PIN not recognised');

/** The participant id behind the credential, or 401/429. */
export async function identifyAtKiosk(deps: Pick<Deps, 'participants' | 'clock'>, municipality: string, deviceId: string, c: PresentedCredential): Promise<string> {
  const repo = deps.participants;
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const cardKey = `${municipality}#${c.kind}#${c.secretHash}`;
  const [card, device] = await Promise.all([repo.getAttempts('CARD', cardKey, now), repo.getAttempts('DEVICE', deviceId, now)]);
  const locks = [card !== undefined && card.failures >= MAX_FAILURES_PER_CARD ? card.expiresAt : 0, device !== undefined && device.failures >= MAX_FAILURES_PER_DEVICE ? device.expiresAt : 0];
  const lockedUntil = Math.max(...locks);
  if (lockedUntil > 0) throw new TooManyAttemptsError(lockedUntil - now);

  const credential = await repo.findKioskCredential(municipality, c.kind, c.secretHash);
  const pinOk = await verifyPin(c.pin, credential?.pinHash);
  if (!pinOk || credential === undefined) {
    await Promise.all([repo.recordFailedAttempt('CARD', cardKey, now, WINDOW_SECONDS), repo.recordFailedAttempt('DEVICE', deviceId, now, WINDOW_SECONDS)]);
    throw identificationFailed();
  }
  if (card !== undefined) await repo.clearAttempts('CARD', cardKey);
  return credential.participantId;
}
