/**
 * A kiosk's own credential (issue 8 item 3): an OAuth 2.0 client that
 * exchanges its secret for a short-lived access token with the
 * client-credentials grant, the same way on AWS and locally.
 *
 * - On AWS (`USER_POOL_ID` set): one Cognito app client per device, with a
 *   generated secret, the client-credentials grant and only the check-in
 *   scope. Cognito keeps the secret and runs the token endpoint; deleting the
 *   client stops new tokens at once.
 * - Locally: the local issuer's token endpoint (infra/local/oauth-token.ts)
 *   checks the secret against the hash kept on the device item; the client id
 *   is random like Cognito's. Deactivating the device stops new tokens.
 *
 * In both cases a token already issued keeps working only until the API
 * sees it: the kiosk authorizer and the handlers read the device on every
 * request, so a deactivated device's next request is refused.
 */
import { randomBytes } from 'node:crypto';
import { deviceSecretHash } from '../domain/attendance/kiosk-credentials.js';

export interface DeviceClient {
  clientId: string;
  /** Shown once to the admin; never stored in the clear. */
  clientSecret: string;
  /** Local issuer only: what the device item keeps to check the secret. Absent on AWS (Cognito keeps it). */
  secretHash?: string;
}

export interface DeviceClients {
  create(deviceId: string): Promise<DeviceClient>;
  /** No new token for this client (already gone is fine). */
  remove(clientId: string): Promise<void>;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 26 lower-case letters and digits (≈ 134 bits), the shape of a Cognito client id. */
export function newClientId(): string {
  let out = '';
  while (out.length < 26) {
    // 252 = 7 × 36: bytes at or above it are skipped, so every character is equally likely.
    for (const b of randomBytes(32)) if (b < 252 && out.length < 26) out += ALPHANUMERIC[b % 36];
  }
  return out;
}

export const localDeviceClients: DeviceClients = {
  async create() {
    const clientSecret = randomBytes(32).toString('base64url');
    return { clientId: newClientId(), clientSecret, secretHash: deviceSecretHash(clientSecret) };
  },
  async remove() {
    // The local token endpoint reads the device on every exchange: an inactive device gets no token.
  },
};

/** The Cognito clients, loaded on first use: only the device functions ever call them, so no other function pays for the SDK at start. */
export function lazyCognitoDeviceClients(userPoolId: string, region: string, scope: string, tokenMinutes: number): DeviceClients {
  let loaded: Promise<DeviceClients> | undefined;
  const impl = () => (loaded ??= import('./cognito-device-clients.js').then((m) => m.cognitoDeviceClients(userPoolId, region, scope, tokenMinutes)));
  return {
    create: async (deviceId) => (await impl()).create(deviceId),
    remove: async (clientId) => (await impl()).remove(clientId),
  };
}
