/**
 * One retention run for a municipality (shared/domain/reports/retention.ts;
 * docs/retention.md): reads what may be minimised, plans it from dates alone,
 * writes every affected participant's audit entry first (actor `system`,
 * purpose `retention`), then minimises, and appends the run's own entry with
 * its counts to the municipality's chain `RETENTION#<municipality>`.
 * Idempotent: a second run finds nothing left to do.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import { DEFAULT_RETENTION, HEALTH_CATEGORIES, retentionPlan, type RetentionMonth, type RetentionPolicy } from '../../shared/domain/reports/retention.js';
import { inBatches } from '../../shared/features/reports/nir-inputs.js';

export interface RetentionRunResult {
  municipality: string;
  today: string;
  policy: RetentionPolicy;
  participants: number;
  finalMonths: number;
  events: number;
  absences: number;
  correctionRequests: number;
}

export const retentionChain = (municipality: string) => `RETENTION#${municipality}`;
const ROUTE = 'scheduled retention-run';

export async function runRetention(deps: Deps, municipality: string): Promise<RetentionRunResult> {
  const now = deps.clock.now().toISOString();
  const today = osloDateOf(now);
  const saved = await deps.policies.getPolicy(municipality);
  const policy: RetentionPolicy = { ...DEFAULT_RETENTION, correctionLookbackMonths: saved?.payroll?.correctionLookbackMonths ?? DEFAULT_RETENTION.correctionLookbackMonths };
  const released = new Map((await deps.payrollRuns.listRuns(municipality, { limit: Number.MAX_SAFE_INTEGER })).filter((r) => r.status === 'RELEASED').map((r) => [r.runId, osloDateOf(r.releasedAt ?? r.startedAt)]));
  const participants = await deps.reports.municipalityParticipants(municipality);
  const totals = { finalMonths: 0, events: 0, absences: 0, correctionRequests: 0 };
  await inBatches(participants, async (pid) => {
    const [decisions, complaints, events, absences, requests] = await Promise.all([
      deps.decisions.listForParticipant(pid),
      deps.complaintReader.listForParticipant(pid),
      deps.attendance.listEvents(pid, '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'),
      deps.attendance.listAbsences(pid),
      deps.correctionTexts.listUnminimised(pid),
    ]);
    const latest = new Map<string, (typeof decisions)[number]>();
    for (const d of decisions) if ((latest.get(d.period)?.version ?? 0) < d.version) latest.set(d.period, d);
    const open = new Set(complaints.filter((c) => c.outcome === 'OPEN' || c.outcome === 'FORWARDED').map((c) => c.decisionId.split('.')[1]));
    const months: RetentionMonth[] = [...latest.values()].map((d) => ({ period: d.period, releasedOn: released.get(d.runId) ?? null, openComplaint: open.has(d.period) }));
    const fresh = <T>(items: readonly T[]) => items.filter((i) => !('minimisedAt' in (i as object)));
    const liveEvents = fresh(events);
    const liveAbsences = fresh(absences).filter((a) => HEALTH_CATEGORIES.has(a.category));
    const plan = retentionPlan({
      today,
      policy,
      months,
      events: liveEvents.map((e) => ({ eventId: e.eventId, date: osloDateOf(e.deviceTimeUtc) })),
      absences: liveAbsences.map((a) => ({ absenceId: a.absenceId, date: a.date, category: a.category })),
      correctionRequests: requests,
    });
    if (plan.events.length + plan.absences.length + plan.correctionRequests.length === 0) return;
    // The participant's access log says what was minimised, before it is (actor: the system's schedule).
    await recordAudited(deps.audit, { participantId: pid, at: now, actorRef: 'system:retention', actorRole: 'system', action: 'WRITE', purpose: 'retention', route: ROUTE });
    const byId = new Map(liveAbsences.map((a) => [a.absenceId, a]));
    const events_ = await inBatches(plan.events, (id) => deps.retention.minimiseEvent(id, now));
    const absences_ = await inBatches(plan.absences, (id) => deps.retention.minimiseAbsence(byId.get(id)!, now));
    const requests_ = await inBatches(plan.correctionRequests, (id) => deps.correctionTexts.minimiseText(pid, id, now));
    totals.finalMonths += plan.finalMonths.length;
    totals.events += events_.filter((r) => r === 'minimised').length;
    totals.absences += absences_.filter((r) => r === 'minimised').length;
    totals.correctionRequests += requests_.filter((r) => r === 'minimised').length;
  });
  const result: RetentionRunResult = { municipality, today, policy, participants: participants.length, ...totals };
  await recordAudited(deps.audit, {
    participantId: retentionChain(municipality),
    at: now,
    actorRef: 'system:retention',
    actorRole: 'system',
    action: 'WRITE',
    // The counts travel in the purpose: the entry's fields are fixed (audit-chain.ts), and they hold no personal data.
    purpose: `retention-run events=${totals.events} absences=${totals.absences} correctionRequests=${totals.correctionRequests}`,
    route: ROUTE,
  });
  return result;
}
