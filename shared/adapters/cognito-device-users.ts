/** Bound devices' accounts as Cognito users of the participant pool (device-users.ts explains the design). */
import { AdminCreateUserCommand, AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DeviceBinding } from '../identity/device-activation.js';
import type { DeviceUsers } from '../identity/device-sign-in.js';

/** What this adapter sends: the two admin calls (tests pass a fake with the same `send`). */
export interface CognitoAdmin {
  send(command: AdminCreateUserCommand | AdminDeleteUserCommand): Promise<unknown>;
}

export class CognitoDeviceUsers implements DeviceUsers {
  constructor(
    private readonly cognito: CognitoAdmin,
    private readonly userPoolId: string,
  ) {}

  async create(b: DeviceBinding): Promise<void> {
    await this.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        // The binding id: random and opaque, one user per binding, never reused.
        Username: b.bindingId,
        // No message (the user has no e-mail or phone) and no temporary password given: Cognito's own
        // is never sent to anyone, and no app client allows a password flow to use it.
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'custom:participantId', Value: b.participantId },
          { Name: 'custom:municipality', Value: b.municipality },
          { Name: 'custom:deviceBinding', Value: b.bindingId },
        ],
      }),
    );
  }

  async remove(bindingId: string): Promise<void> {
    try {
      await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: bindingId }));
    } catch (err) {
      if (!(err instanceof Error && err.name === 'UserNotFoundException')) throw err;
    }
  }
}

export function cognitoDeviceUsers(userPoolId: string, region: string): DeviceUsers {
  return new CognitoDeviceUsers(new CognitoIdentityProviderClient({ region, maxAttempts: 3 }), userPoolId);
}
