/**
 * An admin registers a kiosk device (issue 3 "Kiosk identification": a
 * registered device with its own credential). The device gets a random
 * 256-bit secret, returned in this response only and stored as a hash
 * (participants-repo.ts `deviceSecretHash`); whoever sets up the kiosk's
 * sign-in uses it. A device id is registered once (409 DEVICE_EXISTS): a
 * device never moves between municipalities, and a lost secret means a new
 * device id, so the old secret can never be reused.
 *
 * No participant's data is involved, so there is no access-log entry; the
 * device item records who registered it (pseudonymous ref) and when.
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../shared/adapters/deps.js';
import type { Device } from '../../shared/adapters/participants-repo.js';
import { deviceSecretHash } from '../../shared/adapters/participants-repo.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import type { DeviceBody } from './schema.js';

export interface RegisteredDevice {
  deviceId: string;
  municipality: string;
  label: string;
  active: boolean;
  registeredAt: string;
  /** Shown once: only its hash is kept. */
  credential: { secret: string };
}

export async function registerDevice(deps: Deps, auth: AuthContext, body: DeviceBody): Promise<RegisteredDevice> {
  const secret = randomBytes(32).toString('base64url');
  const device: Device = {
    deviceId: body.deviceId,
    municipality: auth.municipality,
    label: body.label,
    active: true,
    registeredAt: deps.clock.now().toISOString(),
    credentialHash: deviceSecretHash(secret),
    registeredByRef: auth.actorRef,
  };
  if ((await deps.participants.registerDevice(device)) === 'exists') throw new ConflictError('DEVICE_EXISTS', 'A device with this id is already registered');
  return { deviceId: device.deviceId, municipality: device.municipality, label: device.label, active: device.active, registeredAt: device.registeredAt, credential: { secret } };
}
