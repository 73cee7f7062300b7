/**
 * Gathers the NIR report's inputs for the caller's municipality (issue 12
 * item 3) and computes it (shared/domain/reports/nir-report.ts).
 *
 * Scope: an admin or payroll user sees every participant of their own
 * municipality; an adviser only their assigned participants there (the same
 * tenancy as every staff route: the municipality comes from the token, an
 * assignment to another municipality's participant opens nothing).
 * Every participant in the report gets a staff-read entry in their access log
 * before the report is returned (it holds their national id, leave and
 * absence); if one cannot be written there is no report (503).
 */
import type { Deps } from '../../adapters/deps.js';
import { osloDateOf } from '../../domain/attendance/oslo-time.js';
import type { CalendarDay } from '../../domain/decision.js';
import { nirReport, type NirParticipantInput, type NirReport } from '../../domain/reports/nir-report.js';
import type { AuthContext } from '../../http/auth.js';

const PARALLEL = 16;

export async function inBatches<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(f))));
  return out;
}

/** The participants the caller may report on: the municipality's, and for an adviser only the assigned ones. */
export async function reportScope(deps: Deps, auth: AuthContext): Promise<string[]> {
  const all = await deps.reports.municipalityParticipants(auth.municipality);
  if (auth.role !== 'adviser') return all;
  const assigned = new Set(await deps.assignments.listAssigned(auth.sub));
  return all.filter((p) => assigned.has(p));
}

async function participantInput(deps: Deps, pid: string, from: string, to: string): Promise<NirParticipantInput | undefined> {
  const [profile, identity, changes, absences, decisions, filed] = await Promise.all([
    deps.participants.getProfile(pid),
    deps.participants.getIdentity(pid),
    deps.participants.listFactChanges(pid),
    deps.attendance.listAbsences(pid),
    deps.decisions.listForParticipant(pid),
    deps.complaintReader.listForParticipant(pid),
  ]);
  if (profile === undefined || identity === undefined) return undefined;
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) if (d.period >= from && d.period <= to && (latest.get(d.period)?.version ?? 0) < d.version) latest.set(d.period, d);
  const ordered = [...changes].sort((a, b) => a.version - b.version);
  return {
    participantId: pid,
    nationalId: identity.nationalId,
    months: [...latest.values()].map((d) => ({ period: d.period, decisionId: d.decisionId, version: d.version, calendar: (d.decision.calendar ?? []) as CalendarDay[] })),
    absences: absences.map((a) => ({ date: a.date, category: a.category, status: a.status, history: a.history.map((h) => ({ at: h.at, to: h.to })) })),
    // The decision date of unpaid leave: when the range was first saved on the file (its fact change).
    unpaidLeave: profile.unpaidLeave.map((r) => ({
      ...r,
      decidedAt: ordered.find((c) => c.changes.unpaidLeave?.some((u) => u.from === r.from && u.to === r.to))?.changedAt ?? null,
    })),
    complaints: filed,
  };
}

export async function buildNirReport(deps: Deps, auth: AuthContext, from: string, to: string): Promise<NirReport> {
  const scope = await reportScope(deps, auth);
  const [inputs, registered] = await Promise.all([inBatches(scope, (pid) => participantInput(deps, pid, from, to)), deps.reports.listNirRegistrations(auth.municipality)]);
  return nirReport({
    from,
    to,
    today: osloDateOf(deps.clock.now().toISOString()),
    participants: inputs.filter((p): p is NirParticipantInput => p !== undefined),
    registered: new Map([...registered].map(([k, r]) => [k, r.registeredAt])),
  });
}

/** The staff-read entries for the participants a report shows, written before it is returned. */
export async function recordReportReads(deps: Deps, auth: Pick<AuthContext, 'actorRef' | 'role'>, participantIds: readonly string[], purpose: string, route: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await inBatches([...new Set(participantIds)].sort(), (participantId) => deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose, route, at }));
}
