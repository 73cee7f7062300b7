/**
 * A bound phone's Cognito custom sign-in (functions/pre-token/device-auth.ts) as Cognito drives it:
 * define → create → verify → define … with the event shapes Cognito sends (aws-lambda types), against
 * an in-memory binding and participant file. The attacks: a wrong key, a revoked or ended binding, an
 * answer to an earlier challenge (replay), guessing until the limit, a session that smuggles in a
 * password step, a user who is no binding; and the token step of such a user (a refresh of a revoked
 * binding gets no token).
 */
import { webcrypto } from 'node:crypto';
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { bindingUser, createChallenge, CUSTOM_CHALLENGE, defineChallenge, MAX_WRONG_ANSWERS, verifyChallenge, type DeviceAuthDeps } from '../../functions/pre-token/device-auth.js';
import { preToken } from '../../functions/pre-token/pre-token.js';
import type { DeviceBindingsRepo } from '../../shared/adapters/device-bindings-repo.js';
import { bindingExpiry, signedText, type DeviceBinding } from '../../shared/identity/device-activation.js';
import type { TokenStepDeps } from '../../shared/identity/token-step.js';

const NOW = new Date('2026-10-15T10:00:00Z');
const BINDING_ID = '7d1e4c8a-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const PARTICIPANT = 'p-ada';

interface World {
  deps: DeviceAuthDeps;
  binding: DeviceBinding;
  keys: CryptoKeyPair;
  access: { municipality: string; status: string } | undefined;
}

async function world(): Promise<World> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  const binding: DeviceBinding = {
    bindingId: BINDING_ID,
    participantId: PARTICIPANT,
    municipality: '5001',
    publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
    createdAt: new Date(NOW.getTime() - 86_400_000).toISOString(),
    expiresAt: bindingExpiry(new Date(NOW.getTime() - 86_400_000)),
  };
  const w: World = { binding, keys, access: { municipality: '5001', status: 'OPEN' }, deps: undefined as unknown as DeviceAuthDeps };
  const bindings: Pick<DeviceBindingsRepo, 'getBinding'> = {
    getBinding: async (participantId, bindingId) => (participantId === w.binding.participantId && bindingId === w.binding.bindingId ? { ...w.binding } : undefined),
  };
  w.deps = {
    bindings: bindings as DeviceBindingsRepo,
    participants: { participantAccess: async (id: string) => (id === PARTICIPANT ? (w.access as never) : undefined) },
  };
  return w;
}

const ATTRIBUTES = { sub: 'a1b2', 'custom:participantId': PARTICIPANT, 'custom:municipality': '5001', 'custom:deviceBinding': BINDING_ID };

function base<T extends string>(triggerSource: T, userName = BINDING_ID) {
  return { version: '1', region: 'eu-north-1', userPoolId: 'eu-north-1_AbCdEf123', userName, triggerSource, callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'device-client' } };
}

type Round = { challengeName: 'CUSTOM_CHALLENGE'; challengeResult: boolean; challengeMetadata?: string } | { challengeName: 'SRP_A' | 'PASSWORD_VERIFIER'; challengeResult: boolean };

const defineEvent = (session: Round[], over: Partial<DefineAuthChallengeTriggerEvent['request']> = {}, userName?: string): DefineAuthChallengeTriggerEvent => ({
  ...base('DefineAuthChallenge_Authentication', userName),
  request: { userAttributes: { ...ATTRIBUTES }, session: session as DefineAuthChallengeTriggerEvent['request']['session'], ...over },
  response: { failAuthentication: false, issueTokens: false },
});

const createEvent = (session: Round[]): CreateAuthChallengeTriggerEvent => ({
  ...base('CreateAuthChallenge_Authentication'),
  request: { userAttributes: { ...ATTRIBUTES }, challengeName: CUSTOM_CHALLENGE, session: session as CreateAuthChallengeTriggerEvent['request']['session'] },
  response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' },
});

const verifyEvent = (challenge: string, answer: string, over: Partial<VerifyAuthChallengeResponseTriggerEvent['request']> = {}, userName?: string): VerifyAuthChallengeResponseTriggerEvent => ({
  ...base('VerifyAuthChallengeResponse_Authentication', userName),
  request: { userAttributes: { ...ATTRIBUTES }, privateChallengeParameters: { challenge }, challengeAnswer: answer, ...over },
  response: { answerCorrect: false },
});

async function sign(keys: CryptoKeyPair, challenge: string, bindingId = BINDING_ID): Promise<string> {
  const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, Buffer.from(signedText(bindingId, challenge), 'utf8'));
  return Buffer.from(sig).toString('base64url');
}

/** One round as Cognito runs it: define asks, create makes the challenge, the phone answers, verify judges. */
async function round(w: World, session: Round[], answer: (challenge: string) => Promise<string>): Promise<{ define: DefineAuthChallengeTriggerEvent['response']; correct?: boolean; challenge?: string }> {
  const define = (await defineChallenge(defineEvent(session), w.deps, NOW)).response;
  if (define.challengeName !== CUSTOM_CHALLENGE) return { define };
  const created = createChallenge(createEvent(session)).response;
  const challenge = created.privateChallengeParameters.challenge!;
  const correct = (await verifyChallenge(verifyEvent(challenge, await answer(challenge)), w.deps, NOW)).response.answerCorrect;
  session.push({ challengeName: CUSTOM_CHALLENGE, challengeResult: correct, challengeMetadata: created.challengeMetadata });
  return { define, correct, challenge };
}

test('the right signature: one challenge, answered, then tokens', async () => {
  const w = await world();
  const session: Round[] = [];
  const first = await round(w, session, (c) => sign(w.keys, c));
  expect(first.define).toEqual({ challengeName: CUSTOM_CHALLENGE, failAuthentication: false, issueTokens: false });
  expect(first.correct).toBe(true);
  expect((await defineChallenge(defineEvent(session), w.deps, NOW)).response).toEqual({ failAuthentication: false, issueTokens: true });
});

test('create: a fresh 32-byte random challenge each round, the same one public (for the phone) and private (for verify)', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const r = createChallenge(createEvent([])).response;
    expect(r.publicChallengeParameters.challenge).toBe(r.privateChallengeParameters.challenge);
    expect(Buffer.from(r.privateChallengeParameters.challenge!, 'base64url')).toHaveLength(32);
    seen.add(r.privateChallengeParameters.challenge!);
  }
  expect(seen.size).toBe(50);
});

test('a wrong signature (another key, or another binding’s text) is a wrong answer; define then asks again', async () => {
  const w = await world();
  const other = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const session: Round[] = [];
  expect((await round(w, session, (c) => sign(other, c))).correct).toBe(false);
  expect((await round(w, session, (c) => sign(w.keys, c, 'another-binding'))).correct).toBe(false);
  for (const junk of ['', 'not-a-signature', 'A'.repeat(86), 'x'.repeat(500)]) expect((await verifyChallenge(verifyEvent('c', junk), w.deps, NOW)).response.answerCorrect).toBe(false);
  const next = await round(w, session, (c) => sign(w.keys, c));
  expect(next.define.challengeName).toBe(CUSTOM_CHALLENGE);
  expect(next.correct).toBe(true);
  expect((await defineChallenge(defineEvent(session), w.deps, NOW)).response.issueTokens).toBe(true);
});

test('a replayed answer: the signature of an earlier challenge does not answer the next one', async () => {
  const w = await world();
  const session: Round[] = [];
  const first = await round(w, session, (c) => sign(w.keys, c));
  const old = await sign(w.keys, first.challenge!);
  // A later sign-in (new Cognito session, new challenge) given the recorded answer.
  const replay = await round(w, [], async () => old);
  expect(replay.correct).toBe(false);
  expect(replay.challenge).not.toBe(first.challenge);
});

test(`too many wrong answers: after ${MAX_WRONG_ANSWERS} the sign-in fails, even before a right one`, async () => {
  const w = await world();
  const session: Round[] = [];
  for (let i = 0; i < MAX_WRONG_ANSWERS; i++) expect((await round(w, session, async () => 'wrong')).correct).toBe(false);
  const after = await round(w, session, (c) => sign(w.keys, c));
  expect(after.define).toEqual({ failAuthentication: true, issueTokens: false });
  expect(after.correct).toBeUndefined();
});

test('a revoked binding: no challenge at all, and a right signature to an open session is no right answer', async () => {
  const w = await world();
  const session: Round[] = [];
  const created = createChallenge(createEvent(session)).response.privateChallengeParameters.challenge!;
  w.binding.revokedAt = NOW.toISOString();
  w.binding.revokedBy = 'ADVISER';
  expect((await defineChallenge(defineEvent([]), w.deps, NOW)).response).toEqual({ failAuthentication: true, issueTokens: false });
  expect((await verifyChallenge(verifyEvent(created, await sign(w.keys, created)), w.deps, NOW)).response.answerCorrect).toBe(false);
});

test('an ended binding (past its 90 days, or the file closed) gets no challenge', async () => {
  const w = await world();
  const later = new Date(Date.parse(w.binding.expiresAt) + 1000);
  expect((await defineChallenge(defineEvent([]), w.deps, later)).response.failAuthentication).toBe(true);
  w.access = { municipality: '5001', status: 'CLOSED' };
  expect((await defineChallenge(defineEvent([]), w.deps, NOW)).response.failAuthentication).toBe(true);
  w.access = undefined;
  expect((await defineChallenge(defineEvent([]), w.deps, NOW)).response.failAuthentication).toBe(true);
});

test('not this flow: a password or SRP step in the session, an unknown user, a user who is no binding or another binding’s name', async () => {
  const w = await world();
  expect((await defineChallenge(defineEvent([{ challengeName: 'SRP_A', challengeResult: true }]), w.deps, NOW)).response.failAuthentication).toBe(true);
  expect((await defineChallenge(defineEvent([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true }, { challengeName: CUSTOM_CHALLENGE, challengeResult: true }]), w.deps, NOW)).response).toEqual({ failAuthentication: true, issueTokens: false });
  expect((await defineChallenge(defineEvent([], { userNotFound: true }), w.deps, NOW)).response.failAuthentication).toBe(true);
  expect((await defineChallenge(defineEvent([], { userAttributes: { sub: 'x' } }), w.deps, NOW)).response.failAuthentication).toBe(true);
  // A user whose name is not its binding id (an ID-porten user given the attribute by someone with pool access) is no device.
  expect((await defineChallenge(defineEvent([], {}, 'IdPorten_123'), w.deps, NOW)).response.failAuthentication).toBe(true);
  const c = createChallenge(createEvent([])).response.privateChallengeParameters.challenge!;
  expect((await verifyChallenge(verifyEvent(c, await sign(w.keys, c), { userNotFound: true }), w.deps, NOW)).response.answerCorrect).toBe(false);
  expect((await verifyChallenge(verifyEvent(c, await sign(w.keys, c), { privateChallengeParameters: {} }), w.deps, NOW)).response.answerCorrect).toBe(false);
  expect(bindingUser(BINDING_ID, ATTRIBUTES)).toEqual({ participantId: PARTICIPANT, bindingId: BINDING_ID });
  expect(bindingUser(BINDING_ID, { ...ATTRIBUTES, 'custom:participantId': '' })).toBeUndefined();
});

describe('the token step of a bound phone’s user (participant pool)', () => {
  const tokenEvent = (userName = BINDING_ID, attrs: Record<string, string> = ATTRIBUTES): PreTokenGenerationV2TriggerEvent =>
    ({
      ...base('TokenGeneration_Authentication', userName),
      version: '2',
      request: { userAttributes: attrs, groupConfiguration: { groupsToOverride: [] }, scopes: [] },
      response: { claimsAndScopeOverrideDetails: {} },
    }) as unknown as PreTokenGenerationV2TriggerEvent;
  const noNationalIds: TokenStepDeps = {
    municipalities: ['5001'],
    staffGroups: [],
    nationalIdHolder: async () => {
      throw new Error('a bound phone is never looked up by national id');
    },
  };

  test('a live binding: the participant claims plus custom:deviceBinding, group participant', async () => {
    const w = await world();
    const out = await preToken(tokenEvent(), { pool: 'participant', mfaValues: [] }, noNationalIds, { deps: w.deps, now: NOW });
    expect(out.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride).toEqual({ 'custom:municipality': '5001', 'custom:participantId': PARTICIPANT, 'custom:deviceBinding': BINDING_ID });
    expect(out.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['participant']);
  });

  test('a refresh after the adviser ended the binding gets no token; nor a user whose name is not its binding', async () => {
    const w = await world();
    w.binding.revokedAt = NOW.toISOString();
    await expect(preToken({ ...tokenEvent(), triggerSource: 'TokenGeneration_RefreshTokens' }, { pool: 'participant', mfaValues: [] }, noNationalIds, { deps: w.deps, now: NOW })).rejects.toThrow(/DEVICE_BINDING_ENDED/);
    const live = await world();
    await expect(preToken(tokenEvent('someone-else'), { pool: 'participant', mfaValues: [] }, noNationalIds, { deps: live.deps, now: NOW })).rejects.toThrow(/DEVICE_BINDING_ENDED/);
    await expect(preToken(tokenEvent(), { pool: 'participant', mfaValues: [] }, noNationalIds)).rejects.toThrow(/DEVICE_BINDING_ENDED/);
  });
});
