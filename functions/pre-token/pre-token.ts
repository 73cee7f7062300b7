/**
 * The pre-token-generation step of both user pools (Cognito trigger, event
 * version 2): turns what Cognito mapped from the federated identity provider
 * into the claims the handlers read, with the shared token step
 * (shared/identity/token-step.ts), the same code the local provider runs.
 *
 * Inputs (user attributes Cognito maps at every federated sign-in,
 * infra/constructs/user-directory.ts):
 * - participant pool: `custom:nationalId` ← ID-porten's `pid`;
 * - staff pool: `custom:idpGroups` ← the directory's `groups`, `custom:amr` ← its
 *   authentication-methods claim (configurable).
 *
 * Output: the ID token gets `custom:municipality`, `custom:participantId`
 * (participants) and `cognito:groups` (the roles); the raw inputs are
 * suppressed, so no token carries a national id or the directory's groups.
 * A refusal throws: Cognito then issues no token (the page shows the message).
 *
 * Staff MFA: Cognito's own MFA does not apply to federated sign-ins, so the
 * second factor is the directory's (Entra ID conditional access, docs/deploy.md)
 * and this step refuses a staff sign-in whose `amr` does not show it.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { claimsFor, groupList, TokenStepRefusal, type Identity, type TokenStepDeps } from '../../shared/identity/token-step.js';

export type PoolKind = 'participant' | 'staff';

export interface PreTokenSettings {
  pool: PoolKind;
  /** Staff: values of the authentication-methods claim that show a second factor (any one suffices). */
  mfaValues: readonly string[];
}

/** The attributes this step reads, and suppresses from every token. */
export const INPUT_ATTRIBUTES = ['custom:nationalId', 'custom:idpGroups', 'custom:amr'] as const;

function identityOf(event: PreTokenGenerationV2TriggerEvent, settings: PreTokenSettings): Identity {
  const a = event.request.userAttributes;
  if (settings.pool === 'participant') return { kind: 'participant', nationalId: a['custom:nationalId'] ?? '' };
  const methods = groupList(a['custom:amr']);
  if (!settings.mfaValues.some((v) => methods.includes(v))) {
    throw new TokenStepRefusal('NO_SECOND_FACTOR', 'the directory did not report a second factor for this sign-in (conditional access must require MFA)');
  }
  return { kind: 'staff', groups: groupList(a['custom:idpGroups']) };
}

export async function preToken(event: PreTokenGenerationV2TriggerEvent, settings: PreTokenSettings, deps: TokenStepDeps): Promise<PreTokenGenerationV2TriggerEvent> {
  const claims = await claimsFor(identityOf(event, settings), deps);
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: {
          'custom:municipality': claims.municipality,
          ...(claims.participantId !== undefined ? { 'custom:participantId': claims.participantId } : {}),
        },
        claimsToSuppress: [...INPUT_ATTRIBUTES],
      },
      accessTokenGeneration: { claimsToSuppress: [...INPUT_ATTRIBUTES] },
      groupOverrideDetails: { groupsToOverride: [...claims.groups] },
    },
  };
  return event;
}
