/**
 * An admin deactivates a kiosk (issue 8 item 3): its OAuth client is
 * removed (no new token: Cognito deletes the app client; the local token
 * endpoint refuses an inactive device), and its next request is refused even
 * with a token that is still valid, because the kiosk authorizer and the
 * check-in handlers read the device on every request. This is also how a
 * kiosk is signed out: only an admin can do it.
 *
 * Another municipality's device is not found (404). Deactivating twice
 * answers the first deactivation again; a device is never activated again
 * (register a new one: a new id and a new secret).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { NotFoundError } from '../../shared/http/errors.js';

export interface DeactivatedDevice {
  deviceId: string;
  municipality: string;
  label: string;
  active: false;
  /** null for a device made inactive before deactivations were recorded. */
  deactivatedAt: string | null;
}

export async function deactivateDevice(deps: Deps, auth: AuthContext, deviceId: string): Promise<DeactivatedDevice> {
  const device = await deps.kioskDevices.deactivateDevice(deviceId, auth.municipality, deps.clock.now().toISOString(), auth.actorRef);
  if (device === undefined) throw new NotFoundError('No such device');
  // After the device item: from this moment on the API refuses the device whatever happens to its client.
  if (device.clientId !== undefined) await deps.deviceClients.remove(device.clientId);
  return { deviceId: device.deviceId, municipality: device.municipality, label: device.label, active: false, deactivatedAt: device.deactivatedAt ?? null };
}
