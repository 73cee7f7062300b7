/**
 * The activation path's steps (shared/identity/device-activation.ts has the
 * rules and limits): making a code (adviser), redeeming it (the phone), and
 * the claims of a bound device that signed a challenge. Used by the adviser's
 * routes (functions/participant-device-access), the local provider
 * (infra/local/device-sign-in.ts) and the Cognito custom-auth trigger on AWS.
 */
import type { AuditLog } from '../adapters/audit-log.js';
import type { DeviceBindingsRepo } from '../adapters/device-bindings-repo.js';
import type { ParticipantFilesRepo } from '../adapters/participant-files-repo.js';
import {
  ActivationRefusal,
  bindingActive,
  bindingExpiry,
  checkedPublicKey,
  CODE_MAX_TRIES,
  CODE_VALID_SECONDS,
  codeHash,
  codeLookup,
  CODES_PER_PARTICIPANT_PER_DAY,
  deviceTokenClaims,
  formatCode,
  hashesEqual,
  newActivationCode,
  normalizeCode,
  REDEEM_PER_SOURCE_PER_HOUR,
  signatureValid,
  sourceRef,
  type DeviceBinding,
} from './device-activation.js';

export interface ActivationDeps {
  bindings: DeviceBindingsRepo;
  participants: Pick<ParticipantFilesRepo, 'participantAccess'>;
  audit: Pick<AuditLog, 'append'>;
  /**
   * The sign-in account of a binding (on AWS a Cognito user in the participant pool named by the
   * binding id, shared/adapters/device-users.ts; locally none is needed). Made after the code is
   * proven and before the binding is saved; removed again when another redemption won.
   */
  users?: DeviceUsers;
}

/** The user directory's side of a binding: one account per binding, no password, attributes set only here. */
export interface DeviceUsers {
  create(binding: DeviceBinding): Promise<void>;
  /** Gone already is fine. */
  remove(bindingId: string): Promise<void>;
}

export class DailyCodeLimitReached extends Error {}

/** A new code for the participant (the caller has checked the adviser's access and written the access log). */
export async function issueActivationCode(deps: Pick<ActivationDeps, 'bindings'>, participantId: string, municipality: string, now: Date): Promise<{ code: string; expiresAt: string }> {
  const nowS = Math.floor(now.getTime() / 1000);
  const dayEnd = (Math.floor(nowS / 86400) + 2) * 86400;
  if (!(await deps.bindings.countCodeIssued(participantId, now.toISOString().slice(0, 10), CODES_PER_PARTICIPANT_PER_DAY, dayEnd))) throw new DailyCodeLimitReached();
  const expiresAt = nowS + CODE_VALID_SECONDS;
  for (let draw = 0; draw < 5; draw++) {
    const code = newActivationCode();
    if (await deps.bindings.putCode({ lookup: codeLookup(code), codeHash: codeHash(code), municipality, participantId, expiresAt, tries: 0, used: false }, nowS))
      return { code: formatCode(code), expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
  throw new Error('no free activation code lookup was drawn');
}

const invalid = () => new ActivationRefusal('ACTIVATION_CODE_INVALID', 'the activation code is wrong, used or expired; ask your adviser for a new one');

/**
 * Redeems a code for one device. Every failure of the code itself is the same
 * refusal (no oracle telling a wrong code from a used or expired one). The
 * source is counted first, so guessing from one address stops after
 * REDEEM_PER_SOURCE_PER_HOUR tries whatever the codes.
 */
export async function redeemActivationCode(
  deps: ActivationDeps,
  input: { code: string; publicKey: unknown; source: string; bindingId: string; now: Date },
): Promise<DeviceBinding> {
  const nowS = Math.floor(input.now.getTime() / 1000);
  if (!(await deps.bindings.countSourceAttempt(sourceRef(input.source), Math.floor(nowS / 3600), REDEEM_PER_SOURCE_PER_HOUR)))
    throw new ActivationRefusal('TOO_MANY_ATTEMPTS', 'too many activation attempts from this address; try again in an hour');
  const publicKey = await checkedPublicKey(input.publicKey);
  const code = normalizeCode(input.code);
  if (code === undefined) throw invalid();
  const stored = await deps.bindings.findCode(codeLookup(code), nowS);
  if (stored === undefined || stored.used) throw invalid();
  // The try is counted before the comparison, atomically: parallel guesses cannot outrun the limit.
  if (!(await deps.bindings.reserveTry(stored.lookup, CODE_MAX_TRIES, nowS))) throw invalid();
  const hash = codeHash(code);
  if (!hashesEqual(hash, stored.codeHash)) throw invalid();
  const access = await deps.participants.participantAccess(stored.participantId);
  if (access === undefined || access.municipality !== stored.municipality || access.status !== 'OPEN') throw invalid();
  const at = input.now.toISOString();
  const binding: DeviceBinding = { bindingId: input.bindingId, participantId: stored.participantId, municipality: stored.municipality, publicKey, createdAt: at, expiresAt: bindingExpiry(input.now) };
  // On the participant's access log first (as every write): who bound a device, when.
  await deps.audit.append({ participantId: stored.participantId, at, actorRef: stored.participantId, actorRole: 'participant', action: 'WRITE', purpose: 'device-activation', route: 'device-activation' });
  // The account first, the binding second: an account without a binding signs nobody in (the
  // custom-auth trigger finds no live binding), a binding without its account would be a phone
  // that cannot sign in with a used code.
  await deps.users?.create(binding);
  if (!(await deps.bindings.redeem(stored.lookup, hash, CODE_MAX_TRIES, nowS, binding))) {
    // Another phone won the code (or it ran out meanwhile): this phone's account goes again.
    await deps.users?.remove(binding.bindingId);
    throw invalid();
  }
  return binding;
}

/**
 * The binding, if it may still sign in: not revoked, not past its maximum age, and its
 * participant's file open in the binding's municipality. Used before every token of a bound
 * device: a signed challenge (`deviceClaims`) and, on AWS, the pre-token step (a refresh too).
 */
export async function liveBinding(
  deps: Pick<ActivationDeps, 'bindings' | 'participants'>,
  input: { participantId: string; bindingId: string; now: Date },
): Promise<DeviceBinding> {
  const b = await deps.bindings.getBinding(input.participantId, input.bindingId);
  if (!bindingActive(b, input.now)) throw new ActivationRefusal('DEVICE_BINDING_INVALID', 'this device is no longer bound; ask your adviser for a new activation code');
  const access = await deps.participants.participantAccess(b.participantId);
  if (access === undefined || access.municipality !== b.municipality || access.status !== 'OPEN') throw new ActivationRefusal('DEVICE_BINDING_INVALID', 'there is no open participant file for this device');
  return b;
}

/** The token claims of a bound device that signed `challenge` (the caller made the challenge and checks it is fresh and unused). */
export async function deviceClaims(
  deps: Pick<ActivationDeps, 'bindings' | 'participants'>,
  input: { participantId: string; bindingId: string; challenge: string; signature: string; now: Date },
): Promise<Record<string, string | string[]>> {
  const b = await liveBinding(deps, input);
  if (!(await signatureValid(b.publicKey, b.bindingId, input.challenge, input.signature))) throw new ActivationRefusal('CHALLENGE_INVALID', 'the device signature does not verify');
  return deviceTokenClaims(b);
}
