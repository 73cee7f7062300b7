/**
 * GET /participants/{id}/kiosk-credential (adviser, assigned only): what the
 * adviser needs to help with the kiosk (issue 8 items 2 and 10), never a
 * secret: which credentials the participant has, whether each is locked by
 * wrong PINs (and until when; the adviser can clear it), and the kiosk taps
 * that were queued offline and then refused (wrong PIN, too old), which the
 * participant may believe were recorded. Access-logged like every staff read.
 */
import type { Deps } from '../../adapters/deps.js';
import type { RefusedReplay } from '../../adapters/attendance-repo.js';
import { cardKeyOf } from '../../adapters/kiosk-repo.js';
import type { CredentialKind } from '../../domain/attendance/kiosk-credentials.js';
import { cardLocked } from '../../domain/attendance/kiosk-limits.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAccess, requireStaffAccess } from '../../http/staff-access.js';

export const PURPOSE = 'participant-kiosk-status';

export interface CredentialStatus {
  kind: CredentialKind;
  locked: boolean;
  /** When the lock ends by itself (ISO), or null. */
  lockedUntil: string | null;
  /** PIN checks counted in the current window. */
  attempts: number;
}

export interface KioskStatus {
  participantId: string;
  credentials: CredentialStatus[];
  refusedReplays: Omit<RefusedReplay, 'participantId' | 'municipality'>[];
}

export async function credentialStatuses(deps: Pick<Deps, 'kioskCredentials' | 'kiosk'>, municipality: string, participantId: string, nowSeconds: number): Promise<CredentialStatus[]> {
  const credentials = await deps.kioskCredentials.listKioskCredentials(participantId);
  return Promise.all(
    credentials.map(async (c) => {
      const counter = await deps.kiosk.getCardAttempts(cardKeyOf(municipality, c.kind, c.secretHash), nowSeconds);
      const locked = cardLocked(counter, nowSeconds);
      return { kind: c.kind, locked, lockedUntil: locked ? new Date(counter!.expiresAt * 1000).toISOString() : null, attempts: counter?.attempts ?? 0 };
    }),
  );
}

export async function readKioskStatus(deps: Deps, auth: AuthContext, participantId: string, route: string): Promise<KioskStatus> {
  await requireStaffAccess(deps, auth, participantId);
  const at = await recordAccess(deps, auth, participantId, 'READ', PURPOSE, route);
  const nowSeconds = Math.floor(Date.parse(at) / 1000);
  const [credentials, refused] = await Promise.all([credentialStatuses(deps, auth.municipality, participantId, nowSeconds), deps.attendance.listRefusedReplays(participantId)]);
  return { participantId, credentials, refusedReplays: refused.map(({ participantId: _p, municipality: _m, ...r }) => r) };
}
