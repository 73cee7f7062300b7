/**
 * The public route that binds a phone, POST /device-activations (functions/participant-device-access),
 * against DynamoDB Local with a fake Cognito admin client in place of the participant pool
 * (shared/adapters/cognito-device-users.ts builds the real AdminCreateUser/AdminDeleteUser commands; the
 * fake keeps the users they would make). What AWS adds on top (the route throttle at API Gateway) is
 * asserted in test/infra/user-directory.infra.test.ts.
 *
 * - a right code makes exactly one pool user, named by the binding id, with the ownership attributes, no
 *   password and no message; the phone gets that user name;
 * - two phones racing one code: one binding and one pool user, the winner's;
 * - a wrong, used or tried-out code makes no user; one source address is stopped after its hourly limit;
 * - the pool refusing leaves no binding and the code still usable (nothing half-written);
 * - no token is needed, and one given changes nothing;
 * - then the pool's one trigger function, driven with Cognito's event shapes and the user the route
 *   made, signs the bound key in with the participant's claims, and nobody else, and not after revocation.
 */
import { webcrypto } from 'node:crypto';
import type { CreateAuthChallengeTriggerEvent, DefineAuthChallengeTriggerEvent, PreTokenGenerationV2TriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { AdminCreateUserCommand, type AdminDeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { FixedClock } from '../../shared/adapters/clock.js';
import { CognitoDeviceUsers, type CognitoAdmin } from '../../shared/adapters/cognito-device-users.js';
import { CODE_MAX_TRIES, REDEEM_PER_SOURCE_PER_HOUR, signedText } from '../../shared/identity/device-activation.js';
import { issueActivationCode } from '../../shared/identity/device-sign-in.js';
import { handler } from '../../functions/participant-device-access/handler.js';
import { apiEvent, staffCaller, type Reply } from '../support/api-event.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { seedParticipant } from '../support/api-seed.js';

const POOL = 'eu-north-1_DevicePool1';
const clock = new FixedClock('2026-10-15T10:00:00Z');
let db: ApiDynamo;

/** The participant pool as the adapter sees it: users by name, and a switch to make it refuse. */
class FakePool implements CognitoAdmin {
  readonly users = new Map<string, Record<string, string>>();
  readonly calls: string[] = [];
  failing = false;
  async send(command: AdminCreateUserCommand | AdminDeleteUserCommand): Promise<unknown> {
    if (command.input.UserPoolId !== POOL) throw new Error('wrong pool');
    if (this.failing) throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: {} });
    if (command instanceof AdminCreateUserCommand) {
      const input = command.input;
      this.calls.push(`create ${input.Username}`);
      if (this.users.has(input.Username!)) throw Object.assign(new Error('exists'), { name: 'UsernameExistsException' });
      // The shape the adapter sends: suppressed message, no password of ours, exactly the three attributes.
      expect({ MessageAction: input.MessageAction, TemporaryPassword: input.TemporaryPassword, DesiredDeliveryMediums: input.DesiredDeliveryMediums }).toEqual({ MessageAction: 'SUPPRESS', TemporaryPassword: undefined, DesiredDeliveryMediums: undefined });
      this.users.set(input.Username!, Object.fromEntries((input.UserAttributes ?? []).map((a) => [a.Name!, a.Value!])));
      return {};
    }
    this.calls.push(`delete ${command.input.Username}`);
    if (!this.users.delete(command.input.Username!)) throw Object.assign(new Error('gone'), { name: 'UserNotFoundException' });
    return {};
  }
}
const pool = new FakePool();

beforeAll(async () => {
  db = await startApiDynamo('redeem', { clock, deviceUsers: new CognitoDeviceUsers(pool, POOL) });
  for (const id of ['p-red-1', 'p-red-2', 'p-red-3']) await seedParticipant(db.deps, id);
});
afterAll(async () => {
  await db?.stop();
});

async function publicKey(): Promise<JsonWebKey> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

const newCode = async (participantId: string) => (await issueActivationCode({ bindings: db.deps.deviceBindings }, participantId, '5001', clock.now())).code;

let source = 0;
/** One redemption from `ip` (a fresh address per call unless given), with no token unless `caller` is given. */
async function redeem(code: string, opts: { ip?: string; caller?: ReturnType<typeof staffCaller> } = {}): Promise<Reply> {
  const event = apiEvent({ method: 'POST', path: '/device-activations', caller: opts.caller ?? null, body: { code, publicKey: await publicKey() } });
  if (opts.caller === undefined) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  event.requestContext.http.sourceIp = opts.ip ?? `198.51.100.${++source % 250}`;
  return db.call(handler, event);
}

test('a right code: 201 with the user name (the binding id); exactly one pool user with the ownership attributes and no password', async () => {
  const before = pool.users.size;
  const r = await redeem(await newCode('p-red-1'));
  expect(r.status).toBe(201);
  expect(r.body).toEqual({ participantId: 'p-red-1', bindingId: expect.any(String), username: r.body.bindingId, expiresAt: expect.any(String) });
  expect(r.body.bindingId).toMatch(/^[0-9a-f-]{36}$/);
  expect(pool.users.size).toBe(before + 1);
  expect(pool.users.get(r.body.bindingId as string)).toEqual({ 'custom:participantId': 'p-red-1', 'custom:municipality': '5001', 'custom:deviceBinding': r.body.bindingId });
  expect(await db.deps.deviceBindings.getBinding('p-red-1', r.body.bindingId as string)).toMatchObject({ participantId: 'p-red-1', municipality: '5001' });
  // The phone's sign-in name names no person.
  expect(JSON.stringify(pool.users.get(r.body.bindingId as string))).not.toMatch(/Ada|Nordmann|\d{11}/);
});

test('two phones racing one code: one binding and one pool user, the winner’s; the loser’s user is gone', async () => {
  const code = await newCode('p-red-2');
  const before = new Set(pool.users.keys());
  const [a, b] = await Promise.all([redeem(code), redeem(code)]);
  expect([a.status, b.status].sort()).toEqual([201, 400]);
  const winner = (a.status === 201 ? a : b).body.bindingId as string;
  const added = [...pool.users.keys()].filter((u) => !before.has(u));
  expect(added).toEqual([winner]);
  expect((await db.deps.deviceBindings.listBindings('p-red-2')).map((x) => x.bindingId)).toEqual([winner]);
  expect((a.status === 400 ? a : b).body.code).toBe('ACTIVATION_CODE_INVALID');
});

test('a wrong, a used and a tried-out code make no pool user, each the same answer', async () => {
  const calls = pool.calls.length;
  const code = (await newCode('p-red-3')).replace(/-/g, '');
  const wrong = code.slice(0, 11) + (code[11] === 'A' ? 'B' : 'A');
  for (let i = 0; i < CODE_MAX_TRIES; i++) expect(await redeem(wrong)).toMatchObject({ status: 400, body: { code: 'ACTIVATION_CODE_INVALID' } });
  // Tried out: now even the right code is refused.
  expect(await redeem(code)).toMatchObject({ status: 400, body: { code: 'ACTIVATION_CODE_INVALID' } });
  expect(await redeem('ZZZZ-ZZZZ-ZZZZ')).toMatchObject({ status: 400, body: { code: 'ACTIVATION_CODE_INVALID' } });
  expect(pool.calls.length).toBe(calls);
});

test(`one source address: after ${REDEEM_PER_SOURCE_PER_HOUR} attempts in the hour, 429 with Retry-After, even for a right code; another address is not held up`, async () => {
  const ip = '203.0.113.7';
  for (let i = 0; i < REDEEM_PER_SOURCE_PER_HOUR; i++) expect((await redeem('AAAA-AAAA-AAAA', { ip })).status).toBe(400);
  const code = await newCode('p-red-3');
  const limited = await redeem(code, { ip });
  expect(limited).toMatchObject({ status: 429, body: { code: 'TOO_MANY_ATTEMPTS' } });
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  expect((await redeem(code, { ip: '203.0.113.8' })).status).toBe(201);
});

test('the pool refusing: 5xx, no binding saved, the code still usable', async () => {
  const code = await newCode('p-red-1');
  const bindings = (await db.deps.deviceBindings.listBindings('p-red-1')).length;
  pool.failing = true;
  try {
    expect((await redeem(code)).status).toBeGreaterThanOrEqual(500);
  } finally {
    pool.failing = false;
  }
  expect(await db.deps.deviceBindings.listBindings('p-red-1')).toHaveLength(bindings);
  expect((await redeem(code)).status).toBe(201);
});

test('no token is needed, and a token changes nothing: an adviser’s claims do not make the route act for them', async () => {
  const r = await redeem(await newCode('p-red-2'), { caller: staffCaller('adviser-x', ['adviser']) });
  expect(r.status).toBe(201);
  expect(r.body.participantId).toBe('p-red-2');
});

test('bad input: a body that is not {code, publicKey}, or a key with a private part, is 400 and makes nothing', async () => {
  const calls = pool.calls.length;
  const post = (body: unknown) => db.call(handler, apiEvent({ method: 'POST', path: '/device-activations', caller: null, body }));
  expect((await post({ code: 'ABCD-EFGH-JKLM' })).status).toBe(400);
  expect((await post({ code: 'ABCD-EFGH-JKLM', publicKey: {}, role: 'admin' })).body.code).toBe('UNKNOWN_FIELD');
  const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  expect((await post({ code: await newCode('p-red-3'), publicKey: await webcrypto.subtle.exportKey('jwk', pair.privateKey) })).body.code).toBe('PUBLIC_KEY_INVALID');
  expect(pool.calls.length).toBe(calls);
});

describe('then the phone signs in as Cognito drives the pool’s trigger function (functions/pre-token/handler.ts), with the user the route made', () => {
  const base = (triggerSource: string, userName: string) => ({ version: '1', region: 'eu-north-1', userPoolId: POOL, userName, triggerSource, callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'device-client' } });
  type Session = { challengeName: 'CUSTOM_CHALLENGE'; challengeResult: boolean; challengeMetadata?: string }[];

  /** InitiateAuth + RespondToAuthChallenge as Cognito runs them: define → create → (phone signs) → verify → define → pre-token. */
  async function cognitoSignIn(userName: string, key: CryptoKey): Promise<Record<string, unknown> | 'failed'> {
    // The participant pool's trigger as the stack configures it (POOL_KIND, MUNICIPALITIES), bound to this test's tables.
    const { preTokenHandler } = await import('../../functions/pre-token/handler.js');
    const trigger = preTokenHandler({ POOL_KIND: 'participant', MUNICIPALITIES: '["5001"]' }).withDeps(db.deps);
    const userAttributes = { sub: 'uuid-sub', ...pool.users.get(userName)! };
    const session: Session = [];
    for (;;) {
      const define = await trigger({ ...base('DefineAuthChallenge_Authentication', userName), request: { userAttributes, session }, response: { failAuthentication: false, issueTokens: false } } as DefineAuthChallengeTriggerEvent);
      if (define.response.failAuthentication) return 'failed';
      if (define.response.issueTokens) break;
      const created = await trigger({ ...base('CreateAuthChallenge_Authentication', userName), request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session }, response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' } } as CreateAuthChallengeTriggerEvent);
      const challenge = created.response.publicChallengeParameters.challenge!;
      const sig = Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(signedText(userName, challenge)))).toString('base64url');
      const verified = await trigger({ ...base('VerifyAuthChallengeResponse_Authentication', userName), request: { userAttributes, privateChallengeParameters: created.response.privateChallengeParameters, challengeAnswer: sig }, response: { answerCorrect: false } } as VerifyAuthChallengeResponseTriggerEvent);
      session.push({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: verified.response.answerCorrect, challengeMetadata: created.response.challengeMetadata });
    }
    const token = await trigger({ ...base('TokenGeneration_Authentication', userName), version: '2', request: { userAttributes, groupConfiguration: { groupsToOverride: [] }, scopes: [] }, response: { claimsAndScopeOverrideDetails: {} } } as unknown as PreTokenGenerationV2TriggerEvent);
    return { ...token.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride, groups: token.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride };
  }

  test('the bound key gets the participant’s claims and the binding; another key gets nothing; after the adviser ends it, nothing', async () => {
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
    const event = apiEvent({ method: 'POST', path: '/device-activations', caller: null, body: { code: await newCode('p-red-1'), publicKey: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } } });
    event.requestContext.http.sourceIp = '192.0.2.44';
    const r = await db.call(handler, event);
    expect(r.status).toBe(201);
    const userName = r.body.username as string;
    expect(await cognitoSignIn(userName, keys.privateKey)).toEqual({ 'custom:municipality': '5001', 'custom:participantId': 'p-red-1', 'custom:deviceBinding': userName, groups: ['participant'] });
    const thief = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    expect(await cognitoSignIn(userName, thief.privateKey)).toBe('failed');
    await db.deps.deviceBindings.revokeAll('p-red-1', clock.now().toISOString(), 'ADVISER');
    expect(await cognitoSignIn(userName, keys.privateKey)).toBe('failed');
  });
});
