/**
 * The sign-in account of a bound device (the activation path, shared/identity/device-activation.ts):
 *
 * - On AWS (`USER_POOL_ID` set): a user of the participant pool, named by the
 *   binding id (random, opaque: it names no person), made with AdminCreateUser
 *   with the message suppressed, so no password reaches anyone; no app client
 *   allows a password flow, the device client only Cognito's custom
 *   authentication (infra/constructs/user-directory.ts). Its attributes
 *   `custom:participantId`, `custom:municipality` and `custom:deviceBinding`
 *   are set here, immutable, and no app client may write them.
 * - Locally: nothing to make. The local provider's device endpoints read the
 *   binding itself (infra/local/device-sign-in.ts).
 */
import type { DeviceUsers } from '../identity/device-sign-in.js';

export const localDeviceUsers: DeviceUsers = {
  async create() {
    // The local provider signs a bound device in from its binding alone.
  },
  async remove() {
    // Nothing was made.
  },
};

/** The Cognito users, loaded on first use: only the redemption route calls them, so no other function pays for the SDK at start. */
export function lazyCognitoDeviceUsers(userPoolId: string, region: string): DeviceUsers {
  let loaded: Promise<DeviceUsers> | undefined;
  const impl = () => (loaded ??= import('./cognito-device-users.js').then((m) => m.cognitoDeviceUsers(userPoolId, region)));
  return {
    create: async (binding) => (await impl()).create(binding),
    remove: async (bindingId) => (await impl()).remove(bindingId),
  };
}
