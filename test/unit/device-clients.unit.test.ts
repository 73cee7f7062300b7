/**
 * Kiosk credentials (issue 8 item 3), without AWS: the Cognito app client
 * each device gets (a client-credentials grant with the one check-in scope,
 * a secret, short-lived access tokens, no user sign-in flow), checked on the
 * commands the adapter sends; the local clients' ids and secrets; the setup
 * code the kiosk page takes.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CreateUserPoolClientCommand, DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoDeviceClients } from '../../shared/adapters/cognito-device-clients.js';
import { localDeviceClients, newClientId } from '../../shared/adapters/device-clients.js';
import { deviceSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { setupCodeOf } from '../../functions/device-register/register-device.js';

function fakeCognito(answer: (command: unknown) => unknown): { client: CognitoIdentityProviderClient; sent: unknown[] } {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return answer(command);
    },
  } as unknown as CognitoIdentityProviderClient;
  return { client, sent };
}

test('a device becomes a Cognito app client: client-credentials only, the check-in scope, a secret, 15-minute tokens', async () => {
  const { client, sent } = fakeCognito(() => ({ UserPoolClient: { ClientId: 'abc123', ClientSecret: 's3cr3t' } }));
  const clients = new CognitoDeviceClients(client, 'eu-north-1_Pool', 'introflyt/checkin', 15);
  expect(await clients.create('kiosk-hall')).toEqual({ clientId: 'abc123', clientSecret: 's3cr3t' });
  expect(sent).toHaveLength(1);
  expect(sent[0]).toBeInstanceOf(CreateUserPoolClientCommand);
  expect((sent[0] as CreateUserPoolClientCommand).input).toEqual({
    UserPoolId: 'eu-north-1_Pool',
    ClientName: 'kiosk-kiosk-hall',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['introflyt/checkin'],
    ExplicitAuthFlows: [],
    AccessTokenValidity: 15,
    TokenValidityUnits: { AccessToken: 'minutes' },
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  });
});

test('a client Cognito made without a secret is an error, not a device without a credential', async () => {
  const { client } = fakeCognito(() => ({ UserPoolClient: { ClientId: 'abc123' } }));
  await expect(new CognitoDeviceClients(client, 'eu-north-1_Pool', 'introflyt/checkin', 15).create('k')).rejects.toThrow(/without id or secret/);
});

test('removing a client deletes the app client; one already gone is fine; other errors are not swallowed', async () => {
  const gone = Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' });
  const { client, sent } = fakeCognito((c) => {
    if ((c as DeleteUserPoolClientCommand).input.ClientId === 'gone') throw gone;
    if ((c as DeleteUserPoolClientCommand).input.ClientId === 'boom') throw new Error('throttled');
    return {};
  });
  const clients = new CognitoDeviceClients(client, 'eu-north-1_Pool', 'introflyt/checkin', 15);
  await clients.remove('abc123');
  await clients.remove('gone');
  await expect(clients.remove('boom')).rejects.toThrow('throttled');
  expect(sent[0]).toBeInstanceOf(DeleteUserPoolClientCommand);
  expect((sent[0] as DeleteUserPoolClientCommand).input).toEqual({ UserPoolId: 'eu-north-1_Pool', ClientId: 'abc123' });
});

test('local clients: a random 26-character id and a 256-bit secret kept only as its hash', async () => {
  const a = await localDeviceClients.create('k1');
  const b = await localDeviceClients.create('k1');
  expect(a.clientId).toMatch(/^[a-z0-9]{26}$/);
  expect(a.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(a.secretHash).toBe(deviceSecretHash(a.clientSecret));
  expect([a.clientId, a.clientSecret]).not.toEqual([b.clientId, b.clientSecret]);
  await expect(localDeviceClients.remove(a.clientId)).resolves.toBeUndefined();
  const ids = new Set(Array.from({ length: 200 }, () => newClientId()));
  expect(ids.size).toBe(200);
  // Every character of the alphabet turns up: the draw is not biased away from any.
  expect(new Set([...ids].join('')).size).toBe(36);
});

test('the setup code holds device id, client id and secret, which never contain its separator', () => {
  expect(setupCodeOf('kiosk-hall', 'abc', 'x_y-z')).toBe('kiosk-hall:abc:x_y-z');
});
