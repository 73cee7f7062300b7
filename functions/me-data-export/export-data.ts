/**
 * Everything held about the caller, as JSON (GDPR art. 15 and 20): identity
 * and profile facts (with schedule and payroll reference), the history of
 * fact changes, the kinds of kiosk credential issued (the card number and PIN
 * are stored only as hashes, so they cannot be given back), the assigned
 * advisers (by the pseudonymous staff ref the access log shows),
 * check-in/out events, absences with their history, advisers' corrections
 * of days (every version, with the reason), decisions and the later versions
 * of their explanations, correction requests and complaints with every step
 * and answer (issue 12), and the access log. Internal bookkeeping (request
 * hashes, storage keys, hashes of secrets) is left out; it is not information
 * about the person.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import { staffRef } from '../../shared/http/auth.js';
import { NotFoundError } from '../../shared/http/errors.js';
import type { AccessLogView } from '../../shared/features/access-log/read-access-log.js';
import { accessLogView } from '../../shared/features/access-log/read-access-log.js';
import type { AbsenceView } from '../../shared/features/attendance/absence-view.js';
import { absenceView } from '../../shared/features/attendance/absence-view.js';
import { correctionView } from '../../shared/features/attendance/correction-view.js';
import { rightsCaseView } from '../../shared/features/rights/rights-view.js';

export async function exportData(deps: Deps, participantId: string): Promise<Record<string, unknown>> {
  const [identity, profile, factChanges, credentialKinds, advisers, events, { absences, corrections }, decisions, audit, revisions, cases] = await Promise.all([
    deps.participants.getIdentity(participantId),
    deps.participants.getProfile(participantId),
    deps.participants.listFactChanges(participantId),
    deps.kioskCredentials.listKioskCredentialKinds(participantId),
    deps.assignments.listAdvisers(participantId),
    deps.attendance.listEvents(participantId, '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'),
    deps.attendance.listAbsencesAndCorrections(participantId),
    deps.decisions.listForParticipant(participantId),
    deps.audit.list(participantId),
    deps.explanations.listForParticipant(participantId),
    deps.rights.listForParticipant(participantId),
  ]);
  if (profile === undefined || identity === undefined) throw new NotFoundError('No participant file for this login');
  const { version: _v, ...facts } = profile;
  const accessLog: AccessLogView = await accessLogView(deps, participantId, audit);
  const absenceList: AbsenceView[] = absences.map((a) => absenceView(a));
  return {
    exportedAt: deps.clock.now().toISOString(),
    participantId,
    identity: { givenName: identity.givenName, familyName: identity.familyName, nationalId: identity.nationalId },
    profile: facts,
    factHistory: factChanges.map((c) => ({ version: c.version, effectiveFrom: c.effectiveFrom, changes: c.changes, changedAt: c.changedAt, changedByRole: c.changedByRole, changedByRef: c.changedByRef })),
    kioskCredentials: credentialKinds,
    advisers: advisers.map(staffRef).sort(),
    // deviceTime: the time the event counts at; sentDeviceTime: what the app said (app events, S12).
    checkins: events.map((e) => ({ eventId: e.eventId, type: e.type, deviceId: e.deviceId, deviceTime: e.deviceTime, ...(e.sentDeviceTime !== undefined ? { sentDeviceTime: e.sentDeviceTime } : {}), recordedAt: e.recordedAt, receiptId: e.receiptId, source: e.source })),
    absences: absenceList,
    attendanceCorrections: corrections.map((c) => ({ ...correctionView(c), correctedByRef: c.correctedByRef })),
    decisions: decisions.map((d) => ({ decisionId: d.decisionId, period: d.period, version: d.version, createdAt: d.createdAt, decision: d.decision })),
    // Later versions of a decision's explanation (an adviser's resolution, back-payments), with what they were rendered from.
    explanationRevisions: revisions.map((e) => ({ decisionId: e.decisionId, period: e.period, version: e.version, revision: e.revision, cause: e.cause, createdAt: e.createdAt, context: e.context, explanation: e.explanation })),
    rightsCases: cases.map(rightsCaseView),
    accessLog,
  };
}
