/**
 * ComputeBatch: for each participant of the batch, build the month's case
 * from the database (shared/domain/schedule/build-case.ts), decide it with the
 * engine (explanations in every language) and store it create-only
 * (shared/domain/payroll/participant-month.ts says which version, if any).
 * Then, for the released months of the look-back window that Prepare froze,
 * the same for each participant that has a decision there (also one who has
 * left): a changed input yields a correction measured against what the month
 * has paid, paid back (or routed to an adviser) with this run
 * (benefit-rules.md §8), and this month's explanation gets a version that
 * names the back-payments it pays.
 *
 * Idempotent: a batch whose result is recorded returns at once; otherwise
 * every decision already stored is found unchanged and not written again, so a
 * retried, resumed or restarted batch never writes a second decision and
 * counts every amount exactly once (R4, R5).
 */
import type { AttendanceRepo } from '../../shared/adapters/attendance-repo.js';
import type { Clock } from '../../shared/adapters/clock.js';
import type { DecisionsRepo, StoredDecision } from '../../shared/adapters/decisions-repo.js';
import { decisionIdOf } from '../../shared/adapters/decisions-repo.js';
import type { ParticipantFilesRepo, ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import type { MunicipalityPolicy, PolicyRepo } from '../../shared/adapters/policy-repo.js';
import type { AssignmentsRepo } from '../../shared/adapters/assignments-repo.js';
import { factsOf, factsOn } from '../../shared/domain/participant-facts.js';
import type { BatchResult, PayrollRun, PayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { PermanentTaskError } from '../../shared/adapters/workflow-task.js';
import { mapLimited } from '../../shared/adapters/map-limited.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import { DEFAULT_PRESENCE_POLICY } from '../../shared/domain/attendance/presence.js';
import { addDays, monthInfo } from '../../shared/domain/calendar.js';
import type { Case } from '../../shared/domain/case.js';
import type { DecisionReviewsRepo } from '../../shared/adapters/decision-reviews-repo.js';
import type { ExplanationsRepo } from '../../shared/adapters/explanations-repo.js';
import { backPaymentOre, paidForMonth } from '../../shared/domain/payroll/correction.js';
import { lookbackMonths } from '../../shared/domain/payroll/correction-window.js';
import { versionKey } from '../../shared/domain/payroll/decision-versions.js';
import type { MonthOutcome, Payment, PreviousVersion } from '../../shared/domain/payroll/participant-month.js';
import { decideMonth, effectiveReview, enrolledInMonth, isUnchanged } from '../../shared/domain/payroll/participant-month.js';
import { ensureExplanation, type ExplanationIo } from '../../shared/features/decisions/explanation-versions.js';
import { releasedMonths } from '../../shared/features/payroll/runs.js';
import { addTotals, decisionTotals, emptyTotals, type RunTotals } from '../../shared/domain/payroll/run.js';
import { buildCase } from '../../shared/domain/schedule/build-case.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import type { ComputeBatchOutput } from './schema.js';
import type { StaffDirectory } from '../../shared/adapters/staff-directory.js';
import { memoisedDirectory } from '../../shared/adapters/staff-directory.js';
import type { ExplanationContact } from '../../shared/domain/explanation/render.js';
import { explanationContact } from '../../shared/features/decisions/explanation-contact.js';

export interface ComputeBatchDeps {
  clock: Clock;
  participants: ParticipantFilesRepo;
  policies: PolicyRepo;
  /** Who is assigned to the participant: the adviser the explanation names. */
  assignments: Pick<AssignmentsRepo, 'listAdvisers' | 'listAdvisersOf'>;
  attendance: AttendanceRepo;
  decisions: DecisionsRepo;
  runs: PayrollRunsRepo;
  /** The batch's profiles at once (one BatchGetItem per 100); default: one getProfile each. */
  getProfiles?: (ids: readonly string[]) => Promise<Map<string, ParticipantProfile>>;
  /** Resolutions: an adjusted month paid what the adviser decided, which a correction is measured against. */
  reviews: Pick<DecisionReviewsRepo, 'get' | 'getMany'>;
  /** Explanation revisions: a month's payout that pays back earlier months says so. */
  explanations: ExplanationsRepo;
  /** The staff directory: the assigned adviser's name in the explanation (absent: no name). */
  staff?: StaffDirectory | undefined;
}

/** Participants decided at once within a batch: keeps DynamoDB Local and Lambda's sockets busy without flooding them. */
const PARALLEL = 8;

const toPrevious = (d: StoredDecision): PreviousVersion => {
  const core = d.decision;
  return { decisionId: d.decisionId, version: d.version, inputHash: d.inputHash ?? core.inputHash, computedAt: core.computedAt, decision: core };
};

interface ParticipantResult {
  totals: RunTotals;
  written: number;
}

export async function computeBatch(runId: string, batchNo: number, deps: ComputeBatchDeps): Promise<ComputeBatchOutput> {
  const run = await deps.runs.getRun(runId);
  if (run === undefined) throw new PermanentTaskError('RUN_NOT_FOUND');
  if (run.status !== 'COMPUTING') throw new PermanentTaskError('RUN_NOT_COMPUTING');
  const batch = await deps.runs.getBatch(runId, batchNo);
  if (batch === undefined || batchNo >= run.progress.batches) throw new PermanentTaskError('BATCH_NOT_FOUND');
  if (batch.result !== null) return { batch: batchNo, written: 0 };

  const policy = await deps.policies.getPolicy(run.municipalityCode);
  // The months Prepare froze (a run prepared before they were recorded: the released months of the policy's window).
  const released = run.progress.correctionMonths ?? (await releasedMonths(deps.runs, run.municipalityCode, lookbackMonths(run.period, policy?.payroll)));

  // The batch's profiles and assigned advisers (the explanation names one) in BatchGetItem calls, side by side.
  const [profiles, advisers] = await Promise.all([
    deps.getProfiles
      ? deps.getProfiles(batch.participantIds)
      : Promise.all(batch.participantIds.map(async (pid) => [pid, await deps.participants.getProfile(pid)] as const)).then((ps) => new Map(ps.flatMap(([pid, p]) => (p ? [[pid, p] as const] : [])))),
    deps.assignments.listAdvisersOf(batch.participantIds),
  ]);
  // The explanation's contact reads the advisers read above; the same few advisers name every participant of the
  // batch, so the staff directory looks each up once (memoisedDirectory).
  const assignments: ComputeBatchDeps['assignments'] = {
    listAdvisers: async (pid) => advisers.get(pid) ?? deps.assignments.listAdvisers(pid),
    listAdvisersOf: (ids) => deps.assignments.listAdvisersOf(ids),
  };
  const batchDeps = { ...deps, assignments, ...(deps.staff === undefined ? {} : { staff: memoisedDirectory(deps.staff) }) };
  // Read and decide every participant of the batch first; a run's fresh month is then written in as few requests as
  // create-only allows (decisions-repo.ts putDecisionsOnce); the rest of each participant's work follows.
  const months = await mapLimited(batch.participantIds, PARALLEL, (pid) => readParticipantMonth(pid, profiles.get(pid), run, policy, batchDeps));
  const fresh = run.progress.freshMonth === true ? await mapLimited(months, PARALLEL, (m) => freshVersion(m, run, batchDeps)) : [];
  const stored = await deps.decisions.putDecisionsOnce(fresh.filter((d): d is StoredDecision => d !== undefined));
  const results = await mapLimited(
    months.map((m, i) => [m, fresh[i]] as const),
    PARALLEL,
    ([m, first]) => computeParticipant(m, first === undefined ? undefined : { decision: first, stored: stored.get(first.decisionId)! }, run, released, batchDeps),
  );
  const result: BatchResult = { ...results.reduce((t, r) => addTotals(t, r.totals), emptyTotals()), written: results.reduce((n, r) => n + r.written, 0) };
  await deps.runs.recordBatchResult(runId, batchNo, result);
  return { batch: batchNo, written: result.written };
}

/** What a participant's month is decided from: read once, used by the fresh write and the rest of the work. */
interface ParticipantMonth {
  pid: string;
  computedAt: string;
  /** The case of a month at a computation date; undefined when the participant is not enrolled in it. */
  caseFor: (period: string) => Promise<((at: string) => Case) | undefined>;
  /** This run's month's case (undefined: not enrolled). */
  thisMonth: ((at: string) => Case) | undefined;
  /** The explanation's contact, read once and only when a version is written. */
  contact: () => Promise<ExplanationContact>;
}

/** The participant's month read from the tables (undefined: no file). */
async function readParticipantMonth(
  pid: string,
  profile: ParticipantProfile | undefined,
  run: PayrollRun,
  policy: MunicipalityPolicy | undefined,
  deps: ComputeBatchDeps,
): Promise<ParticipantMonth | undefined> {
  if (profile === undefined) return undefined;
  const computedAt = osloDateOf(run.startedAt);
  // A profile still at version 1 was never saved after registration: its facts are the baseline, so the history needs no read.
  // A day's margin each side covers every Oslo date of a month whatever the UTC offset; buildCase keeps the month's own days.
  const windowOf = (period: string) => {
    const m = monthInfo(period);
    return [`${addDays(m.first, -1)}T00:00:00.000Z`, `${addDays(m.last, 2)}T00:00:00.000Z`] as const;
  };
  const eventsOf = (period: string) => deps.attendance.listEvents(pid, ...windowOf(period));
  // The reads side by side: the month's events, every absence and every correction of a day are one query of the
  // participant's attendance partition (attendance-repo.ts, gsi1); the fact history only for a file changed since.
  const [changes, { events: eventsThisMonth, absences: absenceRecords, corrections }] = await Promise.all([
    profile.version > 1 ? deps.participants.listFactChanges(pid) : Promise.resolve([]),
    deps.attendance.listMonthAttendance(pid, ...windowOf(run.period)),
  ]);
  const absences = absenceRecords.map((a) => ({ date: a.date, minutes: a.minutes, category: a.category, documentation: a.documentation, status: a.status }));

  const caseFor = async (period: string): Promise<((at: string) => Case) | undefined> => {
    const m = monthInfo(period);
    // The facts as they stood on the 1st of the month (benefit-rules.md §2); files without a history have the profile's.
    const facts = (changes.length > 0 ? factsOn(changes, m.first) : undefined) ?? factsOf(profile);
    if (!enrolledInMonth(facts.enrolments, period)) return undefined;
    const events = (period === run.period ? eventsThisMonth : await eventsOf(period)).map((e) => ({
      eventId: e.eventId,
      type: e.type,
      deviceTime: e.deviceTime,
    }));
    return (at) =>
      buildCase({
        period,
        computedAt: at,
        municipality: policy === undefined ? { code: run.municipalityCode } : { code: run.municipalityCode, policy: policy.benefit },
        presencePolicy: policy === undefined ? DEFAULT_PRESENCE_POLICY : { missingCheckout: policy.attendance.missingCheckout },
        participant: { id: pid, ...facts },
        schedule: profile.schedule,
        events,
        absences,
        // A day an adviser corrected counts the corrected time (S12), in this month and in a released one.
        corrections,
        isHoliday: isPublicHoliday,
      });
  };

  // Read only when a version is written (an unchanged month renders nothing); stored with it (its explanation's context).
  let contactRead: Promise<ExplanationContact> | undefined;
  const contact = () => (contactRead ??= explanationContact({ assignments: deps.assignments, staff: deps.staff }, pid, run.municipalityCode, policy));
  return { pid, computedAt, caseFor, thisMonth: await caseFor(run.period), contact };
}

/** A version of a month as stored, from the engine's outcome. */
function storedVersion(m: ParticipantMonth, run: PayrollRun, period: string, outcome: Exclude<MonthOutcome, { kind: 'UNCHANGED' }>, createdAt: string, paidWithPeriod?: string): StoredDecision {
  return {
    participantId: m.pid,
    period,
    version: outcome.version,
    decisionId: decisionIdOf(m.pid, period, outcome.version),
    runId: run.runId,
    municipality: run.municipalityCode,
    decision: outcome.decision,
    input: outcome.input,
    inputHash: outcome.decision.inputHash,
    review: effectiveReview(outcome.decision.review, outcome.kind === 'CORRECTION' ? outcome.correction : undefined),
    createdAt,
    ...(outcome.kind === 'CORRECTION' ? { supersedes: outcome.supersedes, correction: outcome.correction } : {}),
    ...(paidWithPeriod === undefined ? {} : { paidWithPeriod }),
    ...(outcome.contact === undefined ? {} : { contact: outcome.contact }),
  };
}

/** A month with no decision when the run was prepared: its version 1, decided but not yet written. */
async function freshVersion(m: ParticipantMonth | undefined, run: PayrollRun, deps: ComputeBatchDeps): Promise<StoredDecision | undefined> {
  if (m?.thisMonth === undefined) return undefined;
  const outcome = decideMonth(undefined, m.thisMonth, m.computedAt, undefined, await m.contact()) as Exclude<MonthOutcome, { kind: 'UNCHANGED' }>;
  return storedVersion(m, run, run.period, outcome, deps.clock.now().toISOString());
}

async function computeParticipant(
  m: ParticipantMonth | undefined,
  first: { decision: StoredDecision; stored: 'created' | 'exists' } | undefined,
  run: PayrollRun,
  released: readonly string[],
  deps: ComputeBatchDeps,
): Promise<ParticipantResult> {
  const notDecided: ParticipantResult = { totals: { ...emptyTotals(), participants: 1 }, written: 0 };
  if (m === undefined) return notDecided;
  const { pid, caseFor, thisMonth, contact, computedAt } = m;

  let totals = { ...emptyTotals(), participants: 1 };
  let written = first?.stored === 'created' ? 1 : 0;
  const store = async (period: string, outcome: Exclude<MonthOutcome, { kind: 'UNCHANGED' }>, paidWithPeriod?: string): Promise<StoredDecision | undefined> => {
    const d = storedVersion(m, run, period, outcome, deps.clock.now().toISOString(), paidWithPeriod);
    // Create-only: undefined when this version exists (an earlier attempt stored it): the caller reads what is stored.
    if ((await deps.decisions.putDecisionOnce(d)) === 'exists') return undefined;
    written++;
    return d;
  };

  // This month.
  if (thisMonth !== undefined) {
    // A month with no decision when the run was prepared: its version 1 was written with the batch's (computeBatch); a
    // create-only write that found one reads it.
    let current = first?.stored === 'created' ? first.decision : undefined;
    // Otherwise (or if an earlier attempt stored it): compare with the newest stored version; write only when the inputs changed.
    for (let attempt = 0; current === undefined; attempt++) {
      if (attempt > 3) throw new Error('computeParticipant: concurrent versions did not settle');
      const latest = await deps.decisions.getLatest(pid, run.period);
      const previous = latest === undefined ? undefined : toPrevious(latest);
      const outcome = previous !== undefined && isUnchanged(previous, thisMonth) ? ({ kind: 'UNCHANGED' } as const) : decideMonth(previous, thisMonth, computedAt, undefined, await contact());
      current = outcome.kind === 'UNCHANGED' ? latest : await store(run.period, outcome);
    }
    const core = current.decision;
    totals = decisionTotals({ baseOre: core.baseOre, deductionOre: core.deductionOre, payoutOre: core.payoutOre, review: current.review ?? core.review });
  }

  // Corrections of released months, paid with this run.
  let paysBack = false;
  for (const period of released) {
    const latest = await deps.decisions.getLatest(pid, period);
    if (latest === undefined) continue;
    const caseAt = await caseFor(period);
    if (caseAt === undefined) continue;
    const previous = toPrevious(latest);
    // Measured against what the month has paid (correction.ts), read only when something changed.
    const outcome = isUnchanged(previous, caseAt) ? ({ kind: 'UNCHANGED' } as const) : decideMonth(previous, caseAt, computedAt, await paymentOf(previous, run.period, deps), await contact());
    // A concurrent attempt that stored the same correction first: read it back.
    const version = outcome.kind === 'UNCHANGED' ? latest : ((await store(period, outcome, run.period)) ?? (await deps.decisions.getLatest(pid, period))!);
    // A correction stored by an earlier attempt of this month's run (retry, resume, restart) counts here too.
    if (version.correction === undefined || version.paidWithPeriod !== run.period) continue;
    paysBack = true;
    const back = backPaymentOre({ ...version, payoutOre: version.decision.payoutOre });
    if (back > 0) totals = { ...totals, backPaymentOre: totals.backPaymentOre + back };
    if (version.correction.route === 'ADVISER_DECISION') totals = { ...totals, adviserCorrections: totals.adviserCorrections + 1 };
  }
  // This month's explanation names what its payout pays back (a new revision only when that changed).
  if (paysBack && thisMonth !== undefined) await ensureExplanation(explanationIo(deps), pid, run.period);
  return { totals, written };
}

/** What a released month has paid, from its stored versions and their resolutions; the difference is paid with `payingPeriod`. */
async function paymentOf(previous: PreviousVersion, payingPeriod: string, deps: ComputeBatchDeps): Promise<Payment> {
  const versions = await deps.decisions.listVersions(previous.decision.participantId, previous.decision.period);
  const resolutions = await deps.reviews.getMany(versions);
  const paid = paidForMonth(
    versions.map((v) => {
      const resolution = resolutions.get(versionKey(v))?.resolution;
      return { ...v, payoutOre: v.decision.payoutOre, ...(resolution === undefined ? {} : { resolution }) };
    }),
    payingPeriod,
  );
  // A released month always has a version of its own; without one (items written around the workflow) what was paid is
  // unknown, and the superseded version's payout is the measure that cannot pay more than it computed.
  return { paidBeforeOre: paid ?? previous.decision.payoutOre, paidWithPeriod: payingPeriod };
}

const explanationIo = (deps: ComputeBatchDeps): ExplanationIo => ({
  decisions: deps.decisions,
  reviews: deps.reviews,
  runs: deps.runs,
  explanations: deps.explanations,
  now: () => deps.clock.now().toISOString(),
});
