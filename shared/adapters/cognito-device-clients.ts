/** Kiosk credentials as Cognito app clients (device-clients.ts explains the design). */
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { DeviceClient, DeviceClients } from './device-clients.js';

export class CognitoDeviceClients implements DeviceClients {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly scope: string,
    private readonly tokenMinutes: number,
  ) {}

  async create(deviceId: string): Promise<DeviceClient> {
    const r = await this.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: this.userPoolId,
        ClientName: `kiosk-${deviceId}`,
        GenerateSecret: true,
        // Machine-to-machine only: the client-credentials grant with the one check-in scope, no user sign-in flow.
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: [this.scope],
        ExplicitAuthFlows: [],
        AccessTokenValidity: this.tokenMinutes,
        TokenValidityUnits: { AccessToken: 'minutes' },
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
      }),
    );
    const clientId = r.UserPoolClient?.ClientId;
    const clientSecret = r.UserPoolClient?.ClientSecret;
    if (clientId === undefined || clientSecret === undefined) throw new Error('Cognito created an app client without id or secret');
    return { clientId, clientSecret };
  }

  async remove(clientId: string): Promise<void> {
    try {
      await this.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: this.userPoolId, ClientId: clientId }));
    } catch (err) {
      if (!(err instanceof Error && err.name === 'ResourceNotFoundException')) throw err;
    }
  }
}

export function cognitoDeviceClients(userPoolId: string, region: string, scope: string, tokenMinutes: number): DeviceClients {
  return new CognitoDeviceClients(new CognitoIdentityProviderClient({ region, maxAttempts: 3 }), userPoolId, scope, tokenMinutes);
}
