/**
 * Cognito custom authentication of a bound phone (the activation path,
 * shared/identity/device-activation.ts; docs/deploy.md): the participant
 * pool's define, create and verify triggers, answered by the same function as
 * its pre-token step (handler.ts), so the whole sign-in of the pool is one
 * Lambda function (the stateless stack is near CloudFormation's 500 resources).
 *
 * The user is the binding's (made by POST /device-activations: user name =
 * binding id, attributes `custom:participantId`, `custom:municipality`,
 * `custom:deviceBinding`, no password). Only the device app client allows this
 * flow (ALLOW_CUSTOM_AUTH; infra/constructs/user-directory.ts).
 *
 * - define: a session that is anything but our custom challenges fails (no
 *   SRP, no password step); a user who is no live binding fails at once
 *   (revoked, ended, unknown); a right answer issues tokens; after
 *   MAX_WRONG_ANSWERS wrong answers the sign-in fails; otherwise one more challenge.
 * - create: 32 random bytes (base64url), as the local `/oidc/device/challenge`;
 *   each round a new one, so an answer to an earlier round (a replay) never verifies.
 * - verify: the phone's ECDSA P-256 signature over
 *   `introflyt-device:<bindingId>:<challenge>` checked with the binding's
 *   stored public key, and the binding still live (shared `deviceClaims`).
 *
 * The challenge lives as long as Cognito's session (the device client's
 * authSessionValidity, 3 minutes) and is used once: Cognito's session token
 * moves on with every answer.
 */
import { randomBytes } from 'node:crypto';
import type { CreateAuthChallengeTriggerEvent, DefineAuthChallengeTriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { ActivationRefusal } from '../../shared/identity/device-activation.js';
import { deviceClaims, liveBinding, type ActivationDeps } from '../../shared/identity/device-sign-in.js';

export const CUSTOM_CHALLENGE = 'CUSTOM_CHALLENGE';
/** Wrong answers in one sign-in before it fails (the phone signs right the first time; more is someone else). */
export const MAX_WRONG_ANSWERS = 3;

export type DeviceAuthDeps = Pick<ActivationDeps, 'bindings' | 'participants'>;

/** The binding a pool user stands for, when it is a bound phone's user (its user name is the binding id). */
export function bindingUser(userName: string, attributes: Readonly<Record<string, string | undefined>>): { participantId: string; bindingId: string } | undefined {
  const participantId = attributes['custom:participantId'];
  const bindingId = attributes['custom:deviceBinding'];
  if (participantId === undefined || bindingId === undefined || participantId === '' || bindingId !== userName) return undefined;
  return { participantId, bindingId };
}

async function isLive(deps: DeviceAuthDeps, user: { participantId: string; bindingId: string }, now: Date): Promise<boolean> {
  try {
    await liveBinding(deps, { ...user, now });
    return true;
  } catch (err) {
    if (err instanceof ActivationRefusal) return false;
    throw err;
  }
}

export async function defineChallenge(event: DefineAuthChallengeTriggerEvent, deps: DeviceAuthDeps, now: Date): Promise<DefineAuthChallengeTriggerEvent> {
  const fail = () => {
    event.response = { failAuthentication: true, issueTokens: false };
    return event;
  };
  const session = event.request.session ?? [];
  const user = event.request.userNotFound === true ? undefined : bindingUser(event.userName, event.request.userAttributes);
  // Only our own challenges, ever: a session with SRP_A or PASSWORD_VERIFIER in it is not this flow.
  if (user === undefined || session.some((s) => s.challengeName !== CUSTOM_CHALLENGE)) return fail();
  if (session.length === 0) {
    // A revoked or ended binding gets no challenge at all.
    if (!(await isLive(deps, user, now))) return fail();
  } else if (session.at(-1)!.challengeResult) {
    event.response = { failAuthentication: false, issueTokens: true };
    return event;
  } else if (session.filter((s) => !s.challengeResult).length >= MAX_WRONG_ANSWERS) return fail();
  event.response = { challengeName: CUSTOM_CHALLENGE, failAuthentication: false, issueTokens: false };
  return event;
}

export function createChallenge(event: CreateAuthChallengeTriggerEvent): CreateAuthChallengeTriggerEvent {
  const challenge = randomBytes(32).toString('base64url');
  event.response = {
    publicChallengeParameters: { challenge },
    privateChallengeParameters: { challenge },
    challengeMetadata: `DEVICE-${event.request.session?.length ?? 0}`,
  };
  return event;
}

export async function verifyChallenge(event: VerifyAuthChallengeResponseTriggerEvent, deps: DeviceAuthDeps, now: Date): Promise<VerifyAuthChallengeResponseTriggerEvent> {
  const user = event.request.userNotFound === true ? undefined : bindingUser(event.userName, event.request.userAttributes);
  const challenge = event.request.privateChallengeParameters?.challenge;
  const signature = event.request.challengeAnswer;
  let correct = false;
  if (user !== undefined && typeof challenge === 'string' && typeof signature === 'string' && signature.length <= 200) {
    try {
      await deviceClaims(deps, { ...user, challenge, signature, now });
      correct = true;
    } catch (err) {
      if (!(err instanceof ActivationRefusal)) throw err;
    }
  }
  event.response = { answerCorrect: correct };
  return event;
}
