/**
 * The participant page's Cognito side of a bound phone's sign-in (web/src/lib/activation.ts `signIn`,
 * the pages' build with INTROFLYT_AUTH=cognito), against a stand-in for Cognito's user pool API that
 * runs the real trigger steps (functions/pre-token: define, create, verify, then the token step) the
 * way Cognito does for InitiateAuth (CUSTOM_AUTH) and RespondToAuthChallenge. It checks what the page
 * sends (the device client, the flow, the binding id as user name, the signature as answer) and that it
 * signs in, and that a revoked binding surfaces as DEVICE_BINDING_INVALID (the page then forgets its key).
 * Real Cognito was not available here: this is the closest stand-in (docs/deploy.md says how to check on AWS).
 */
import { randomUUID, webcrypto } from 'node:crypto';
import type { CreateAuthChallengeTriggerEvent, DefineAuthChallengeTriggerEvent, PreTokenGenerationV2TriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { createChallenge, defineChallenge, verifyChallenge, type DeviceAuthDeps } from '../../functions/pre-token/device-auth.js';
import { preToken } from '../../functions/pre-token/pre-token.js';
import type { DeviceBindingsRepo } from '../../shared/adapters/device-bindings-repo.js';
import { bindingExpiry, type DeviceBinding } from '../../shared/identity/device-activation.js';

const API = 'https://cognito-idp.eu-north-1.amazonaws.com/';
const DEVICE_CLIENT = 'devicec1ient0123456789abcd';
const g = globalThis as Record<string, unknown>;

let binding: DeviceBinding;
let keys: CryptoKeyPair;
const sent: { target: string; body: Record<string, unknown> }[] = [];
const deps: DeviceAuthDeps = {
  bindings: { getBinding: async (p: string, b: string) => (p === binding.participantId && b === binding.bindingId ? { ...binding } : undefined) } as unknown as DeviceBindingsRepo,
  participants: { participantAccess: async () => ({ municipality: '5001', status: 'OPEN' }) as never },
};

/** Cognito's side: sessions by token, each the list of challenge results so far and the current private challenge. */
const sessions = new Map<string, { userName: string; results: { challengeName: 'CUSTOM_CHALLENGE'; challengeResult: boolean }[]; privateChallenge: Record<string, string> }>();
const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/x-amz-json-1.1' } });
const refuse = () => reply(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });

async function cognito(target: string, body: Record<string, unknown>): Promise<Response> {
  if (body.ClientId !== DEVICE_CLIENT) return reply(400, { __type: 'ResourceNotFoundException', message: 'client' });
  const now = new Date();
  let userName: string;
  let results: { challengeName: 'CUSTOM_CHALLENGE'; challengeResult: boolean }[];
  if (target.endsWith('.InitiateAuth')) {
    if (body.AuthFlow !== 'CUSTOM_AUTH') return reply(400, { __type: 'InvalidParameterException', message: 'flow' });
    userName = (body.AuthParameters as Record<string, string>).USERNAME!;
    results = [];
  } else {
    const s = sessions.get(String(body.Session));
    sessions.delete(String(body.Session));
    if (s === undefined || body.ChallengeName !== 'CUSTOM_CHALLENGE') return refuse();
    userName = s.userName;
    const answer = (body.ChallengeResponses as Record<string, string>).ANSWER!;
    const verified = await verifyChallenge({ ...base('VerifyAuthChallengeResponse_Authentication', userName), request: { userAttributes: attrs(), privateChallengeParameters: s.privateChallenge, challengeAnswer: answer }, response: { answerCorrect: false } } as VerifyAuthChallengeResponseTriggerEvent, deps, now);
    results = [...s.results, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: verified.response.answerCorrect }];
  }
  const define = await defineChallenge({ ...base('DefineAuthChallenge_Authentication', userName), request: { userAttributes: attrs(), session: results }, response: { failAuthentication: false, issueTokens: false } } as DefineAuthChallengeTriggerEvent, deps, now);
  if (define.response.failAuthentication) return refuse();
  if (define.response.issueTokens) {
    const t = await preToken({ ...base('TokenGeneration_Authentication', userName), version: '2', request: { userAttributes: attrs(), groupConfiguration: {}, scopes: [] }, response: { claimsAndScopeOverrideDetails: {} } } as unknown as PreTokenGenerationV2TriggerEvent, { pool: 'participant', mfaValues: [] }, { municipalities: ['5001'], staffGroups: [], nationalIdHolder: async () => undefined }, { deps, now });
    const claims = { sub: 'uuid', aud: DEVICE_CLIENT, 'cognito:username': userName, ...t.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride, 'cognito:groups': t.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride };
    const idToken = ['{"alg":"RS256"}', JSON.stringify(claims), 'sig'].map((p) => Buffer.from(p).toString('base64url')).join('.');
    return reply(200, { ChallengeParameters: {}, AuthenticationResult: { IdToken: idToken, AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 900, TokenType: 'Bearer' } });
  }
  const created = createChallenge({ ...base('CreateAuthChallenge_Authentication', userName), request: { userAttributes: attrs(), challengeName: 'CUSTOM_CHALLENGE', session: results }, response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' } } as CreateAuthChallengeTriggerEvent);
  const session = randomUUID();
  sessions.set(session, { userName, results, privateChallenge: created.response.privateChallengeParameters });
  return reply(200, { ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeParameters: { ...created.response.publicChallengeParameters, USERNAME: userName } });
}

const base = (triggerSource: string, userName: string) => ({ version: '1', region: 'eu-north-1', userPoolId: 'eu-north-1_P', userName, triggerSource, callerContext: { awsSdkVersion: 'x', clientId: DEVICE_CLIENT } });
const attrs = () => ({ sub: 'uuid', 'custom:participantId': binding.participantId, 'custom:municipality': '5001', 'custom:deviceBinding': binding.bindingId });

beforeAll(async () => {
  keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  const created = new Date(Date.now() - 60_000);
  binding = { bindingId: randomUUID(), participantId: 'p-ada', municipality: '5001', publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! }, createdAt: created.toISOString(), expiresAt: bindingExpiry(created) };
  // What web/build.ts defines for the pages in the Cognito build (INTROFLYT_COGNITO_DEVICE_CLIENT_ID set).
  g.__API_BASE__ = 'https://api.example.no';
  g.__AUTH__ = {
    participant: { kind: 'cognito', authorize: 'x', token: 'x', revoke: 'x', logout: 'x', clientId: 'webclient', userPoolApi: API, deviceClientId: DEVICE_CLIENT },
    staff: { kind: 'cognito', authorize: 'x', token: 'x', revoke: 'x', logout: 'x', clientId: 'staffclient', userPoolApi: API },
  };
  g.fetch = async (url: string, init: RequestInit) => {
    expect(url).toBe(API);
    const headers = init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/x-amz-json-1.1');
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push({ target: headers['x-amz-target']!, body });
    return cognito(headers['x-amz-target']!, body);
  };
});
afterAll(() => {
  delete g.__API_BASE__;
  delete g.__AUTH__;
  delete g.fetch;
});

test('InitiateAuth (CUSTOM_AUTH, device client, the binding id as user name), then the signed challenge: an ID token with the participant’s claims', async () => {
  const { signIn } = await import('../../web/src/lib/activation.js');
  sent.length = 0;
  const r = await signIn({ participantId: binding.participantId, bindingId: binding.bindingId, privateKey: keys.privateKey });
  expect(sent.map((s) => s.target)).toEqual(['AWSCognitoIdentityProviderService.InitiateAuth', 'AWSCognitoIdentityProviderService.RespondToAuthChallenge']);
  expect(sent[0]!.body).toEqual({ AuthFlow: 'CUSTOM_AUTH', ClientId: DEVICE_CLIENT, AuthParameters: { USERNAME: binding.bindingId } });
  expect(sent[1]!.body).toMatchObject({ ClientId: DEVICE_CLIENT, ChallengeName: 'CUSTOM_CHALLENGE', ChallengeResponses: { USERNAME: binding.bindingId, ANSWER: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) } });
  expect(r.expiresIn).toBe(900);
  const claims = JSON.parse(Buffer.from(r.idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ 'custom:participantId': 'p-ada', 'custom:municipality': '5001', 'custom:deviceBinding': binding.bindingId, 'cognito:groups': ['participant'] });
});

test('another key is refused after Cognito’s three rounds; a revoked binding at once: both DEVICE_BINDING_INVALID', async () => {
  const { signIn } = await import('../../web/src/lib/activation.js');
  const other = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  sent.length = 0;
  await expect(signIn({ participantId: binding.participantId, bindingId: binding.bindingId, privateKey: other.privateKey })).rejects.toMatchObject({ code: 'DEVICE_BINDING_INVALID' });
  expect(sent.filter((s) => s.target.endsWith('RespondToAuthChallenge'))).toHaveLength(3);
  binding.revokedAt = new Date().toISOString();
  sent.length = 0;
  await expect(signIn({ participantId: binding.participantId, bindingId: binding.bindingId, privateKey: keys.privateKey })).rejects.toMatchObject({ code: 'DEVICE_BINDING_INVALID' });
  expect(sent).toHaveLength(1);
});
