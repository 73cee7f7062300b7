/**
 * An adviser's side of the activation path (shared/identity/device-activation.ts):
 * tenancy and assignment as every participant write (requireStaffAccess: a
 * participant of another municipality or not assigned is 404), the access
 * log written first.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../shared/adapters/deps.js';
import { ActivationRefusal, bindingActive } from '../../shared/identity/device-activation.js';
import { DailyCodeLimitReached, issueActivationCode, redeemActivationCode } from '../../shared/identity/device-sign-in.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError, TooManyAttemptsError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';

export interface IssuedActivationCode {
  participantId: string;
  /** Shown once: only its hash is kept. */
  code: string;
  expiresAt: string;
}

export async function issueCode(deps: Deps, auth: AuthContext, participantId: string, route: string): Promise<IssuedActivationCode> {
  await requireStaffAccess(deps, auth, participantId);
  const access = await deps.participants.participantAccess(participantId);
  if (access?.status !== 'OPEN') throw new ConflictError('ACCESS_CLOSED', "The participant's access is closed; an activation code would not work");
  await recordAccess(deps, auth, participantId, 'WRITE', 'participant-activation-code', route);
  try {
    return { participantId, ...(await issueActivationCode({ bindings: deps.deviceBindings }, participantId, auth.municipality, deps.clock.now())) };
  } catch (err) {
    if (err instanceof DailyCodeLimitReached) throw new TooManyAttemptsError(24 * 3600, 'At most 5 activation codes a day per participant; try again tomorrow', 'ACTIVATION_CODE_LIMIT');
    throw err;
  }
}

export interface DeviceView {
  bindingId: string;
  createdAt: string;
  expiresAt: string;
  active: boolean;
  revokedAt?: string;
  revokedBy?: string;
}

export async function listDevices(deps: Deps, auth: AuthContext, participantId: string, route: string): Promise<{ participantId: string; devices: DeviceView[] }> {
  await requireStaffAccess(deps, auth, participantId);
  await recordAccess(deps, auth, participantId, 'READ', 'participant-device-bindings', route);
  const now = deps.clock.now();
  const devices = (await deps.deviceBindings.listBindings(participantId)).map((b) => ({
    bindingId: b.bindingId,
    createdAt: b.createdAt,
    expiresAt: b.expiresAt,
    active: bindingActive(b, now),
    ...(b.revokedAt !== undefined ? { revokedAt: b.revokedAt, revokedBy: b.revokedBy } : {}),
  }));
  return { participantId, devices };
}

export async function revokeDevices(deps: Deps, auth: AuthContext, participantId: string, route: string): Promise<{ participantId: string; revoked: number }> {
  await requireStaffAccess(deps, auth, participantId);
  const at = await recordAccess(deps, auth, participantId, 'WRITE', 'participant-device-revoke', route);
  return { participantId, revoked: await deps.deviceBindings.revokeAll(participantId, at, 'ADVISER') };
}

export interface Activation {
  participantId: string;
  bindingId: string;
  /** The phone's user name at the participant pool's custom sign-in (AWS): the binding id. */
  username: string;
  expiresAt: string;
}

/**
 * The phone redeems a code (the public route POST /device-activations): the shared step
 * (`redeemActivationCode`: per-source and per-code limits, single use, one transaction) with this
 * deployment's device accounts (a Cognito user per binding on AWS). Every refusal of the code is one
 * answer; a source over its hourly limit is 429.
 */
export async function redeemCode(deps: Deps, input: { code: string; publicKey: unknown; sourceIp: string }): Promise<Activation> {
  try {
    const b = await redeemActivationCode(
      { bindings: deps.deviceBindings, participants: deps.participants, audit: deps.audit, users: deps.deviceUsers },
      { code: input.code, publicKey: input.publicKey, source: input.sourceIp, bindingId: randomUUID(), now: deps.clock.now() },
    );
    return { participantId: b.participantId, bindingId: b.bindingId, username: b.bindingId, expiresAt: b.expiresAt };
  } catch (err) {
    if (!(err instanceof ActivationRefusal)) throw err;
    if (err.code === 'TOO_MANY_ATTEMPTS') throw new TooManyAttemptsError(3600, err.message);
    throw new BadRequestError(err.code, err.message);
  }
}
