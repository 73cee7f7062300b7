/**
 * An adviser resolves a VEDTAK_REQUIRED decision (architecture.md flow 4):
 * assigned only (403 NOT_ASSIGNED), access-logged before anything is read,
 * checked by the domain (resolution.ts), then stored as its own create-only
 * item: the decision itself is never edited.
 *
 * PUT is idempotent: the same resolution again answers 200 with the stored
 * one; a different resolution of an already resolved version is 409
 * RESOLUTION_EXISTS (a recorded formal decision is not silently replaced; a
 * changed case yields a new decision version, which is resolved afresh).
 * The WRITE entry of the audit log is appended before the item is written,
 * so no resolution exists without its entry. Then the participant's
 * explanation gets its next version, stating the resolution (and, for a
 * correction, the paying month's explanation its back-payment); a repeated
 * PUT writes a version a failure left unwritten, and nothing otherwise.
 */
import type { ResolutionRecord } from '../../shared/adapters/decision-reviews-repo.js';
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import type { Resolution } from '../../shared/domain/payroll/resolution.js';
import { ResolutionRejected, checkResolution, sameResolution } from '../../shared/domain/payroll/resolution.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../shared/http/errors.js';
import { ensureExplanation } from '../../shared/features/decisions/explanation-versions.js';
import { beginAdviserRead } from '../../shared/features/decisions/adviser-read.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import type { ResolutionBody } from './schema.js';

export const PURPOSE = 'decision-resolution';

export interface ResolutionResult {
  created: boolean;
  record: ResolutionRecord;
}

function resolutionOf(body: ResolutionBody): Resolution {
  return body.kind === 'FORMAL_DECISION'
    ? { kind: 'FORMAL_DECISION', vedtakReference: body.vedtakReference, advanceNoticeDate: body.advanceNoticeDate }
    : { kind: 'ADJUSTMENT', payoutOre: body.payoutOre, reason: body.reason };
}

export async function resolveDecision(deps: Deps, auth: AuthContext, participantId: string, period: string, body: ResolutionBody, route: RouteDef): Promise<ResolutionResult> {
  await beginAdviserRead(deps, auth, participantId, PURPOSE, route);
  const latest = await deps.decisions.getLatest(participantId, period);
  if (latest === undefined || body.version > latest.version) throw new NotFoundError('No such decision version');
  const now = deps.clock.now().toISOString();
  const resolution = resolutionOf(body);
  const e = latest.decision;
  try {
    checkResolution({ version: body.version, review: e.review, baseOre: e.baseOre, payoutOre: e.payoutOre, lines: e.lines }, latest.version, resolution, osloDateOf(now));
  } catch (err) {
    if (!(err instanceof ResolutionRejected)) throw err;
    if (err.code === 'ADVANCE_NOTICE_IN_FUTURE' || err.code === 'ADJUSTMENT_OUT_OF_RANGE') throw new BadRequestError(err.code, err.message);
    throw new ConflictError(err.code, err.message);
  }
  const record: ResolutionRecord = { participantId, period, version: latest.version, decisionId: latest.decisionId, resolution, resolvedByRef: auth.actorRef, resolvedByRole: auth.role, resolvedAt: now };
  const existing = await deps.reviews.get(record);
  const result = existing !== undefined ? sameOrConflict(existing, resolution) : await store(deps, auth, record, route);
  // The participant's explanation states it (a repeated PUT completes one that a failure left unwritten).
  await explainResolution(deps, latest);
  return result;
}

async function store(deps: Deps, auth: AuthContext, record: ResolutionRecord, route: RouteDef): Promise<ResolutionResult> {
  await recordAudited(deps.audit, { participantId: record.participantId, at: record.resolvedAt, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: PURPOSE, route: `${route.method} ${route.path}` });
  const put = await deps.reviews.putResolutionOnce(record);
  return put.created ? { created: true, record } : sameOrConflict(put.existing, record.resolution);
}

/** A new explanation revision for the month resolved, and for the month whose payout pays a resolved correction. */
async function explainResolution(deps: Deps, resolved: StoredDecision): Promise<void> {
  const io = { decisions: deps.decisions, reviews: deps.reviews, runs: deps.payrollRuns, explanations: deps.explanations, now: () => deps.clock.now().toISOString() };
  await ensureExplanation(io, resolved.participantId, resolved.period);
  if (resolved.paidWithPeriod !== undefined) await ensureExplanation(io, resolved.participantId, resolved.paidWithPeriod);
}

function sameOrConflict(existing: ResolutionRecord, wanted: Resolution): ResolutionResult {
  if (sameResolution(existing.resolution, wanted)) return { created: false, record: existing };
  throw new ConflictError('RESOLUTION_EXISTS', 'This decision version is already resolved; a changed case gives a new version to resolve');
}
