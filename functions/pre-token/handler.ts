/**
 * Lambda entry of the pre-token-generation trigger (pre-token.ts says what it
 * does) and, in the participant pool, of the custom-authentication triggers of
 * bound phones (define, create, verify: device-auth.ts), chosen by the event's
 * `triggerSource`. One function per pool (`POOL_KIND`), configured by the CDK context
 * `introflyt:signIn` through its environment: MUNICIPALITIES, STAFF_GROUPS
 * (JSON), MFA_VALUES (JSON). One log line per decision with ids and codes
 * only: never a national id, a name or a group id.
 */
import type { CreateAuthChallengeTriggerEvent, DefineAuthChallengeTriggerEvent, PreTokenGenerationV2TriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { handlerWithDeps, type Deps } from '../../shared/adapters/deps.js';
import { parseStaffGroupRules, TokenStepRefusal, type TokenStepDeps } from '../../shared/identity/token-step.js';
import { baseLogger } from '../../shared/http/logger.js';
import { createChallenge, defineChallenge, verifyChallenge, type DeviceAuthDeps } from './device-auth.js';
import { preToken, type PreTokenSettings } from './pre-token.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The pool's settings and the token step's reads, from the function's environment and the dependency object. */
function setup(env: Env, deps: () => Deps): { settings: PreTokenSettings; deps: TokenStepDeps } {
  const pool = env.POOL_KIND === 'staff' ? 'staff' : 'participant';
  const municipalities = JSON.parse(env.MUNICIPALITIES ?? '[]') as string[];
  return {
    settings: { pool, mfaValues: JSON.parse(env.MFA_VALUES ?? '["mfa"]') as string[] },
    deps: {
      municipalities,
      staffGroups: pool === 'staff' ? parseStaffGroupRules(env.STAFF_GROUPS ?? '') : [],
      nationalIdHolder: (m, nid) => deps().participants.nationalIdHolder(m, nid),
      ...(pool === 'participant'
        ? {
            endDeviceBindings: async (participantId: string) => {
              await deps().deviceBindings.revokeAll(participantId, new Date().toISOString(), 'ID_PORTEN');
            },
          }
        : {}),
    },
  };
}

const deviceDepsOf = (deps: Deps): DeviceAuthDeps => ({ bindings: deps.deviceBindings, participants: deps.participants });

type CustomAuthEvent = DefineAuthChallengeTriggerEvent | CreateAuthChallengeTriggerEvent | VerifyAuthChallengeResponseTriggerEvent;
export type TriggerEvent = PreTokenGenerationV2TriggerEvent | CustomAuthEvent;

/** A bound phone's custom sign-in (participant pool only; the staff pool has no such trigger and refuses it). */
async function customAuth(event: CustomAuthEvent, pool: string, deps: Deps): Promise<CustomAuthEvent> {
  const log = (outcome: Record<string, string | boolean | undefined>) => baseLogger().info('device-auth', { fn: 'pre-token', pool, trigger: event.triggerSource, ...outcome });
  if (pool !== 'participant') throw new Error('DEVICE_AUTH_NOT_IN_THIS_POOL');
  const now = deps.clock.now();
  switch (event.triggerSource) {
    case 'DefineAuthChallenge_Authentication': {
      const out = await defineChallenge(event, deviceDepsOf(deps), now);
      log({ issueTokens: out.response.issueTokens, failAuthentication: out.response.failAuthentication });
      return out;
    }
    case 'CreateAuthChallenge_Authentication':
      return createChallenge(event);
    case 'VerifyAuthChallengeResponse_Authentication': {
      const out = await verifyChallenge(event, deviceDepsOf(deps), now);
      // Ids only: the binding id is the user name, never the signature or the challenge.
      log({ answerCorrect: out.response.answerCorrect });
      return out;
    }
  }
}

const CUSTOM_AUTH = new Set(['DefineAuthChallenge_Authentication', 'CreateAuthChallenge_Authentication', 'VerifyAuthChallengeResponse_Authentication']);

interface TriggerHandler {
  (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent>;
  <E extends CustomAuthEvent>(event: E): Promise<E>;
}

/** The trigger of a pool configured by `env` (read at the first sign-in), as the stack sets it: the token step, and on the participant pool a bound phone's custom sign-in. */
export function preTokenHandler(env: Env) {
  return handlerWithDeps((depsOf) => {
    let made: ReturnType<typeof setup> | undefined;
    const trigger = async (event: TriggerEvent): Promise<TriggerEvent> => {
      const { settings, deps } = (made ??= setup(env, depsOf));
      if (CUSTOM_AUTH.has(event.triggerSource)) return customAuth(event as CustomAuthEvent, settings.pool, depsOf());
      const tokenEvent = event as PreTokenGenerationV2TriggerEvent;
      try {
        const out = await preToken(tokenEvent, settings, deps, settings.pool === 'participant' ? { deps: deviceDepsOf(depsOf()), now: depsOf().clock.now() } : undefined);
        baseLogger().info('pre-token: claims added', { fn: 'pre-token', pool: settings.pool, trigger: event.triggerSource, groups: out.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride?.join(' ') });
        return out;
      } catch (err) {
        if (err instanceof TokenStepRefusal) {
          baseLogger().info('pre-token: refused', { fn: 'pre-token', pool: settings.pool, trigger: tokenEvent.triggerSource, code: err.code });
          // Cognito shows the message to the person (sign-in fails); it names no personal data.
          throw new Error(err.code);
        }
        throw err;
      }
    };
    return trigger as TriggerHandler;
  });
}

export const handler = preTokenHandler(process.env);
