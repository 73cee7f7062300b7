/**
 * An adviser's side of the activation path (shared/identity/device-activation.ts):
 * tenancy and assignment as every participant write (requireStaffAccess: a
 * participant of another municipality or not assigned is 404), the access
 * log written first.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import { bindingActive } from '../../shared/identity/device-activation.js';
import { DailyCodeLimitReached, issueActivationCode } from '../../shared/identity/device-sign-in.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError, TooManyAttemptsError } from '../../shared/http/errors.js';
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
