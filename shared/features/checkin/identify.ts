/**
 * Identifies the participant at a kiosk by card number or QR token + PIN
 * (issue 8 items 1–2; quality.md S10). The limits are in
 * shared/domain/attendance/kiosk-limits.ts; the order here is what makes
 * them hold under parallel requests:
 *
 *   1. the kiosk's attempt is counted (refused while its back-off runs:
 *      429 KIOSK_SLOWED_DOWN, a wait of at most 30 s, never a lock);
 *   2. the card's attempt is counted BEFORE the PIN is checked (refused once
 *      the window holds the limit: 429 TOO_MANY_ATTEMPTS until it ends, and
 *      the kiosk's attempt is given back), so N parallel guesses run scrypt
 *      at most CARD_ATTEMPT_LIMIT times;
 *   3. the PIN is checked (scrypt runs for unknown cards too);
 *   4. a match ends the card's window and gives the kiosk its attempt back;
 *      the failure that fills the card's window locks the card, which is
 *      written to the participant's audit log.
 *
 * The answer never tells whether a card exists: an unknown card and a wrong
 * PIN both give 401 IDENTIFICATION_FAILED, and unknown cards are counted and
 * locked the same way (their counter is keyed by the hash of the number).
 */
import type { Deps } from '../../adapters/deps.js';
import { cardKeyOf } from '../../adapters/kiosk-repo.js';
import type { CredentialKind } from '../../domain/attendance/kiosk-credentials.js';
import type { Device } from '../../adapters/kiosk-devices-repo.js';
import { credentialSecretHash } from '../../domain/attendance/kiosk-credentials.js';
import { verifyPin } from '../../adapters/pin.js';
import { CARD_ATTEMPT_LIMIT } from '../../domain/attendance/kiosk-limits.js';
import type { AuthContext } from '../../http/auth.js';
import type { AppError } from '../../http/errors.js';
import { ForbiddenError, TooManyAttemptsError, UnauthenticatedError } from '../../http/errors.js';
import type { RequestLog } from '../../http/logger.js';

/** The audit-log purpose of a card lock (the adviser's view of the participant shows it). */
export const LOCK_PURPOSE = 'kiosk-card-locked';

export interface PresentedCredential {
  kind: CredentialKind;
  secretHash: string;
  pin: string;
}

export function presented(k: { cardNumber?: string | undefined; qrToken?: string | undefined; pin: string }): PresentedCredential {
  const kind: CredentialKind = k.cardNumber !== undefined ? 'CARD' : 'QR';
  return { kind, secretHash: credentialSecretHash(kind, (k.cardNumber ?? k.qrToken)!), pin: k.pin };
}

export type Identified =
  | { ok: true; participantId: string }
  /** `participantId`: whose card it was, when the card exists (for the record of a refused replay). */
  | { ok: false; error: AppError; participantId?: string };

const identificationFailed = () => new UnauthenticatedError('IDENTIFICATION_FAILED', 'Card or PIN not recognised');

/** The caller's device must be registered, active and of the token's municipality (read on every request). */
export async function requireActiveKiosk(deps: Pick<Deps, 'kioskDevices'>, auth: AuthContext, deviceId: string): Promise<Device> {
  if (deviceId !== auth.deviceId) throw new ForbiddenError('DEVICE_MISMATCH', 'deviceId does not match the device token');
  const device = await deps.kioskDevices.getDevice(deviceId);
  if (device === undefined || !device.active || device.municipality !== auth.municipality) throw new ForbiddenError('DEVICE_NOT_REGISTERED', 'This device is not registered as an active kiosk');
  return device;
}

export async function identifyAtKiosk(
  deps: Pick<Deps, 'kioskCredentials' | 'kiosk' | 'audit' | 'clock'>,
  auth: AuthContext,
  c: PresentedCredential,
  log: RequestLog,
  /** `METHOD /path` of the route identifying, for the audit log. */
  route: string,
): Promise<Identified> {
  const now = deps.clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const deviceId = auth.deviceId!;

  const slot = await deps.kiosk.reserveDeviceAttempt(deviceId, nowSeconds);
  if (!slot.ok) {
    log.append({ identification: 'KIOSK_SLOWED_DOWN' });
    return { ok: false, error: new TooManyAttemptsError(slot.retryAfterSeconds, 'Many failed attempts at this kiosk: wait a few seconds and try again', 'KIOSK_SLOWED_DOWN') };
  }

  const cardKey = cardKeyOf(auth.municipality, c.kind, c.secretHash);
  const reserved = await deps.kiosk.reserveCardAttempt(cardKey, nowSeconds);
  if (!reserved.ok) {
    // No PIN was checked and nothing was learnt (a locked unknown card answers the same): the kiosk gets
    // its attempt back, so a queued tap of a locked card tried again later never slows the kiosk down.
    await deps.kiosk.refundDeviceAttempt(deviceId, slot.windowEndsAt);
    log.append({ identification: 'CARD_LOCKED' });
    return { ok: false, error: new TooManyAttemptsError(reserved.lockedUntil - nowSeconds, 'Too many wrong PINs for this card; try again later, ask your adviser, or check in from the app') };
  }

  const credential = await deps.kioskCredentials.findKioskCredential(auth.municipality, c.kind, c.secretHash);
  const pinOk = await verifyPin(c.pin, credential?.pinHash);
  // One line per PIN check (ids only): how many checks ran is visible in the logs (S10).
  log.append({ pinCheck: pinOk && credential !== undefined ? 'MATCH' : 'NO_MATCH' });
  if (pinOk && credential !== undefined) {
    await Promise.all([deps.kiosk.clearCardAttempts(cardKey), deps.kiosk.refundDeviceAttempt(deviceId, slot.windowEndsAt)]);
    return { ok: true, participantId: credential.participantId };
  }
  if (credential !== undefined && reserved.counter.attempts >= CARD_ATTEMPT_LIMIT) await auditLock(deps, auth, credential.participantId, now.toISOString(), route, log);
  return { ok: false, error: identificationFailed(), ...(credential !== undefined ? { participantId: credential.participantId } : {}) };
}

/**
 * Every lock goes to the participant's audit log. The identification has
 * failed either way; if the log cannot be written the lock still holds (it
 * is also shown in the adviser's view), and the failure is logged by id.
 */
async function auditLock(deps: Pick<Deps, 'audit'>, auth: AuthContext, participantId: string, at: string, route: string, log: RequestLog): Promise<void> {
  try {
    await deps.audit.append({ participantId, at, actorRef: auth.actorRef, actorRole: 'kiosk', action: 'WRITE', purpose: LOCK_PURPOSE, route });
  } catch (err) {
    log.error('card lock not audit-logged', { participantRef: participantId, errorName: err instanceof Error ? err.name : typeof err });
  }
}
