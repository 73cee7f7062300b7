/**
 * An adviser marks a REVIEW decision as seen (benefit-rules.md §9; the
 * explanation tells the participant that the decision is put on their
 * adviser's list to look at: shared/domain/payroll/review-seen.ts). In the
 * order of every adviser route: another municipality's participant is not
 * found, an unassigned adviser gets 403 NOT_ASSIGNED, the read is
 * access-logged before the decision is read; then the domain check, and the
 * WRITE entry of the audit log before the create-only mark is written, so no
 * mark exists without its entry.
 *
 * PUT is idempotent: marking the same version again answers 200 with the
 * stored mark (who looked first, and when, stays as it was).
 */
import type { SeenRecord } from '../../shared/adapters/decision-reviews-repo.js';
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { checkSeen } from '../../shared/domain/payroll/review-seen.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError, NotFoundError } from '../../shared/http/errors.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import { beginAdviserRead } from '../../shared/features/decisions/adviser-read.js';
import type { SeenBody } from './schema.js';

export const PURPOSE = 'decision-review-seen';

export async function markSeen(deps: Deps, auth: AuthContext, participantId: string, period: string, body: SeenBody, route: RouteDef): Promise<{ created: boolean; record: SeenRecord }> {
  await beginAdviserRead(deps, auth, participantId, PURPOSE, route);
  const latest = await deps.decisions.getLatest(participantId, period);
  if (latest === undefined || body.version > latest.version) throw new NotFoundError('No such decision version');
  // The stored class: a negative correction makes a decision REVIEW even without an absence deduction.
  const refusal = checkSeen(body.version, { version: latest.version, review: latest.review ?? latest.decision.review });
  if (refusal !== null) throw new ConflictError(refusal.code, refusal.message);

  const existing = await deps.reviews.getSeen(latest);
  if (existing !== undefined) return { created: false, record: existing };
  const now = deps.clock.now().toISOString();
  const record: SeenRecord = { participantId, period, version: latest.version, decisionId: latest.decisionId, seenByRef: auth.actorRef, seenAt: now };
  await recordAudited(deps.audit, { participantId, at: now, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: PURPOSE, route: `${route.method} ${route.path}` });
  const put = await deps.reviews.putSeenOnce(record);
  return put.created ? { created: true, record } : { created: false, record: put.existing };
}
