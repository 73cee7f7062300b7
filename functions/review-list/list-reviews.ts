/**
 * The adviser's review lists (architecture.md flow 4; benefit-rules.md §9):
 * the latest version of every VEDTAK_REQUIRED decision (the formal-decision
 * queue: a payroll run cannot be released while one is unresolved) and/or
 * every REVIEW decision (paid as computed; the explanation tells the
 * participant their adviser gets it to look at, and the adviser marks it as
 * seen: functions/decision-seen) of the participants assigned to the adviser
 * (read afresh, S4), open ones first.
 *
 * Tenancy (S13): only participants of the token's municipality, whatever the
 * assignment table says: an assignment item written for a participant of
 * another municipality (by a bug, or by someone with write access to the
 * table) shows nothing. The municipality is read from the participant's own
 * file, not from the assignment.
 *
 * Every participant whose decision the list shows gets a staff-read entry in
 * their access log before the list is returned, and if one cannot be written
 * nothing is returned (S6). Participants with nothing in the list get no
 * entry: nothing of theirs is shown (as for payroll's drill-down), which keeps
 * their access log to what staff actually saw.
 */
import type { SeenRecord } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { Decision, DecisionLine } from '../../shared/domain/decision.js';
import { latestPerPeriod, orderReviews, versionKey } from '../../shared/domain/payroll/decision-versions.js';
import { grossOre } from '../../shared/domain/payroll/resolution.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { ResolutionView } from '../../shared/features/decisions/decision-view.js';
import { resolutionView, resolutionsByKey } from '../../shared/features/decisions/decision-view.js';
import type { ReviewListResponse } from '../../shared/contract/responses.js';

export const PURPOSE = 'decision-review-queue';
const PARALLEL = 8;

type Listed = 'VEDTAK_REQUIRED' | 'REVIEW';

export interface ReviewEntry {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  createdAt: string;
  /** VEDTAK_REQUIRED: needs a formal decision (resolution); REVIEW: to look at and mark as seen. */
  review: Listed;
  baseOre: number;
  grossOre: number;
  deductionOre: number;
  payoutOre: number;
  reviewFacts: Decision['reviewFacts'];
  lines: DecisionLine[];
  /** VEDTAK_REQUIRED: a resolution is recorded; REVIEW: marked as seen. */
  resolved: boolean;
  resolution: ResolutionView | null;
  seen: { seenAt: string; seenByRef: string } | null;
}

export interface ReviewQuery {
  status: 'UNRESOLVED' | 'RESOLVED' | 'ALL';
  review: Listed | 'ALL';
}

/** The review class the run stored (a negative correction makes a decision REVIEW), else the engine's. */
const classOf = (d: StoredDecision) => d.review ?? d.decision.review;

export async function listReviews(deps: Deps, auth: AuthContext, q: ReviewQuery, route: string): Promise<{ reviews: ReviewEntry[] }> {
  const assigned = await deps.assignments.listAssigned(auth.sub);
  const wantedClass = (c: string): c is Listed => (q.review === 'ALL' ? c === 'VEDTAK_REQUIRED' || c === 'REVIEW' : c === q.review);
  const out: ReviewEntry[] = [];
  for (let i = 0; i < assigned.length; i += PARALLEL) {
    const batch = await Promise.all(
      assigned.slice(i, i + PARALLEL).map(async (participantId): Promise<ReviewEntry[]> => {
        if ((await deps.participants.municipalityOf(participantId)) !== auth.municipality) return [];
        const [stored, resolutions, seen] = await Promise.all([
          deps.decisions.listForParticipant(participantId),
          q.review === 'REVIEW' ? Promise.resolve([]) : deps.reviews.listForParticipant(participantId),
          q.review === 'VEDTAK_REQUIRED' ? Promise.resolve([]) : deps.reviews.listSeenForParticipant(participantId),
        ]);
        const byKey = resolutionsByKey(resolutions);
        const seenByKey = new Map<string, SeenRecord>(seen.map((r) => [versionKey(r), r]));
        return latestPerPeriod(stored).flatMap((d): ReviewEntry[] => {
          const review = classOf(d);
          if (!wantedClass(review)) return [];
          const e = d.decision;
          const r = review === 'VEDTAK_REQUIRED' ? byKey.get(versionKey(d)) : undefined;
          const s = review === 'REVIEW' ? seenByKey.get(versionKey(d)) : undefined;
          return [
            {
              participantId,
              period: d.period,
              version: d.version,
              decisionId: d.decisionId,
              createdAt: d.createdAt,
              review,
              baseOre: e.baseOre,
              grossOre: grossOre(e),
              deductionOre: e.deductionOre,
              payoutOre: e.payoutOre,
              reviewFacts: e.reviewFacts,
              lines: e.lines,
              resolved: r !== undefined || s !== undefined,
              resolution: resolutionView(r),
              // Who looked is a pseudonymous staff ref, never a name.
              seen: s === undefined ? null : { seenAt: s.seenAt, seenByRef: s.seenByRef },
            },
          ];
        });
      }),
    );
    out.push(...batch.flat());
  }
  const wanted = out.filter((r) => q.status === 'ALL' || r.resolved === (q.status === 'RESOLVED'));
  const shown = [...new Set(wanted.map((r) => r.participantId))];
  const at = deps.clock.now().toISOString();
  for (let i = 0; i < shown.length; i += PARALLEL)
    await Promise.all(shown.slice(i, i + PARALLEL).map((participantId) => deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose: PURPOSE, route, at })));
  return { reviews: orderReviews(wanted) } satisfies ReviewListResponse;
}
