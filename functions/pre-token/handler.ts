/**
 * Lambda entry of the pre-token-generation trigger (pre-token.ts says what it
 * does). One function per pool (`POOL_KIND`), configured by the CDK context
 * `introflyt:signIn` through its environment: MUNICIPALITIES, STAFF_GROUPS
 * (JSON), MFA_VALUES (JSON). One log line per decision with ids and codes
 * only: never a national id, a name or a group id.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { handlerWithDeps, type Deps } from '../../shared/adapters/deps.js';
import { parseStaffGroupRules, TokenStepRefusal, type TokenStepDeps } from '../../shared/identity/token-step.js';
import { baseLogger } from '../../shared/http/logger.js';
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

/** The trigger of a pool configured by `env` (read at the first sign-in), as the stack sets it. */
export function preTokenHandler(env: Env) {
  return handlerWithDeps((depsOf) => {
    let made: ReturnType<typeof setup> | undefined;
    return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
      const { settings, deps } = (made ??= setup(env, depsOf));
      try {
        const out = await preToken(event, settings, deps);
        baseLogger().info('pre-token: claims added', { fn: 'pre-token', pool: settings.pool, trigger: event.triggerSource, groups: out.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride?.join(' ') });
        return out;
      } catch (err) {
        if (err instanceof TokenStepRefusal) {
          baseLogger().info('pre-token: refused', { fn: 'pre-token', pool: settings.pool, trigger: event.triggerSource, code: err.code });
          // Cognito shows the message to the person (sign-in fails); it names no personal data.
          throw new Error(err.code);
        }
        throw err;
      }
    };
  });
}

export const handler = preTokenHandler(process.env);
