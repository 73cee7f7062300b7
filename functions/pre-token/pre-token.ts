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
 * A bound phone's user (the activation path: its custom sign-in, device-auth.ts) gets the
 * binding's claims (`deviceTokenClaims`: participant, municipality, participant id and
 * `custom:deviceBinding`) once the binding is checked live again, so a refresh of a
 * revoked or ended binding gets no token either.
 *
 * Staff MFA: Cognito's own MFA does not apply to federated sign-ins, so the
 * second factor is the directory's (Entra ID conditional access, docs/deploy.md)
 * and this step refuses a staff sign-in whose `amr` does not show it.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { ActivationRefusal, deviceTokenClaims } from '../../shared/identity/device-activation.js';
import { liveBinding } from '../../shared/identity/device-sign-in.js';
import { claimsFor, groupList, TokenStepRefusal, type Identity, type TokenClaims, type TokenStepDeps } from '../../shared/identity/token-step.js';
import { bindingUser, type DeviceAuthDeps } from './device-auth.js';

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

/** The claims of a bound phone's user (participant pool): only while its binding is live. */
async function deviceUserClaims(event: PreTokenGenerationV2TriggerEvent, device: { deps: DeviceAuthDeps; now: Date }): Promise<TokenClaims & { deviceBinding: string }> {
  const user = bindingUser(event.userName, event.request.userAttributes);
  if (user === undefined) throw new TokenStepRefusal('DEVICE_BINDING_ENDED', 'this user is no bound device');
  try {
    const c = deviceTokenClaims(await liveBinding(device.deps, { ...user, now: device.now }));
    return { groups: ['participant'], municipality: c['custom:municipality'] as string, participantId: c['custom:participantId'] as string, deviceBinding: user.bindingId };
  } catch (err) {
    if (err instanceof ActivationRefusal) throw new TokenStepRefusal('DEVICE_BINDING_ENDED', 'this device is no longer bound');
    throw err;
  }
}

export async function preToken(
  event: PreTokenGenerationV2TriggerEvent,
  settings: PreTokenSettings,
  deps: TokenStepDeps,
  device?: { deps: DeviceAuthDeps; now: Date },
): Promise<PreTokenGenerationV2TriggerEvent> {
  const isDevice = settings.pool === 'participant' && event.request.userAttributes['custom:deviceBinding'] !== undefined;
  if (isDevice && device === undefined) throw new TokenStepRefusal('DEVICE_BINDING_ENDED', 'bound devices cannot sign in here');
  const claims: TokenClaims & { deviceBinding?: string } = isDevice ? await deviceUserClaims(event, device!) : await claimsFor(identityOf(event, settings), deps);
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: {
          'custom:municipality': claims.municipality,
          ...(claims.participantId !== undefined ? { 'custom:participantId': claims.participantId } : {}),
          ...(claims.deviceBinding !== undefined ? { 'custom:deviceBinding': claims.deviceBinding } : {}),
        },
        claimsToSuppress: [...INPUT_ATTRIBUTES],
      },
      accessTokenGeneration: { claimsToSuppress: [...INPUT_ATTRIBUTES] },
      groupOverrideDetails: { groupsToOverride: [...claims.groups] },
    },
  };
  return event;
}
