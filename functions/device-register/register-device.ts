/**
 * An admin registers a kiosk device (issue 8 item 3: a kiosk is a device
 * with its own credential). The device gets an OAuth 2.0 client
 * (shared/adapters/device-clients.ts: a Cognito app client on AWS, the local
 * issuer's client otherwise) whose secret is returned in this response only;
 * the kiosk exchanges it for short-lived tokens with the client-credentials
 * grant (`POST /oauth2/token`, scope checkin). The setup code bundles device
 * id, client id and secret for the kiosk page's setup step.
 *
 * A device id is registered once (409 DEVICE_EXISTS): a device never moves
 * between municipalities, and a lost secret means deactivating the device
 * and registering a new one, so an old secret can never be reused. If the
 * device cannot be stored, its new client is removed again.
 *
 * No participant's data is involved, so there is no access-log entry; the
 * device item records who registered it (pseudonymous ref) and when.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { Device } from '../../shared/adapters/kiosk-devices-repo.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import type { DeviceBody } from './schema.js';

export interface RegisteredDevice {
  deviceId: string;
  municipality: string;
  label: string;
  active: boolean;
  registeredAt: string;
  /** Shown once: the secret is kept only as a hash (locally) or by Cognito. */
  credential: { clientId: string; clientSecret: string; scope: string; tokenPath: '/oauth2/token'; setupCode: string };
}

/** What the kiosk page's setup step takes: `<deviceId>:<clientId>:<clientSecret>` (none of the three can contain ':'). */
export function setupCodeOf(deviceId: string, clientId: string, clientSecret: string): string {
  return `${deviceId}:${clientId}:${clientSecret}`;
}

export async function registerDevice(deps: Deps, auth: AuthContext, body: DeviceBody): Promise<RegisteredDevice> {
  if ((await deps.kioskDevices.getDevice(body.deviceId)) !== undefined) throw deviceExists();
  const client = await deps.deviceClients.create(body.deviceId);
  const device: Device = {
    deviceId: body.deviceId,
    municipality: auth.municipality,
    label: body.label,
    active: true,
    registeredAt: deps.clock.now().toISOString(),
    clientId: client.clientId,
    ...(client.secretHash !== undefined ? { credentialHash: client.secretHash } : {}),
    registeredByRef: auth.actorRef,
  };
  if ((await deps.kioskDevices.registerDevice(device)) === 'exists') {
    // Registered by a concurrent request meanwhile: this client must not outlive the refusal.
    await deps.deviceClients.remove(client.clientId);
    throw deviceExists();
  }
  return {
    deviceId: device.deviceId,
    municipality: device.municipality,
    label: device.label,
    active: device.active,
    registeredAt: device.registeredAt,
    credential: { clientId: client.clientId, clientSecret: client.clientSecret, scope: deps.config.deviceScope, tokenPath: '/oauth2/token', setupCode: setupCodeOf(device.deviceId, client.clientId, client.clientSecret) },
  };
}

const deviceExists = () => new ConflictError('DEVICE_EXISTS', 'A device with this id is already registered');
