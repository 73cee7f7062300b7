/**
 * A payroll run for one municipality and month, as decide/evolve: commands
 * are checked against the run's state and yield events; events evolve the
 * state. Pure: who and when are arguments.
 *
 * Release needs two different payroll users (quality.md S5: one user
 * approving twice does not count) and no unresolved VEDTAK_REQUIRED decision
 * (benefit-rules.md §9: an adviser must make the formal decision first).
 */

export type RunStatus = 'COMPUTING' | 'AWAITING_APPROVAL' | 'RELEASED' | 'FAILED';

export interface ReviewAmounts {
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
}

export interface RunTotals {
  /** Participant ids in the run's frozen batches. */
  participants: number;
  /** Of those, participants with a decision for the month (the others had no programme day in it). */
  decided: number;
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  /** Positive corrections of earlier released months, paid with this run (benefit-rules.md §8). */
  backPaymentOre: number;
  /** Negative corrections of earlier months routed to an adviser (no automatic set-off). */
  adviserCorrections: number;
  byReview: { AUTOMATIC: number; REVIEW: number; VEDTAK_REQUIRED: number };
  /** The summary table: base, deduction and payout per review class. */
  amountsByReview: { AUTOMATIC: ReviewAmounts; REVIEW: ReviewAmounts; VEDTAK_REQUIRED: ReviewAmounts };
}

export interface RunState {
  runId: string;
  municipalityCode: string;
  period: string;
  status: RunStatus;
  startedBy: string;
  startedAt: string;
  totals: RunTotals | null;
  approvals: { userId: string; at: string }[];
  failure: string | null;
  releasedAt: string | null;
}

export type RunEvent =
  | { type: 'RunStarted'; runId: string; municipalityCode: string; period: string; by: string; at: string }
  | { type: 'RunSummarised'; totals: RunTotals; at: string }
  | { type: 'RunFailed'; reason: string; at: string }
  | { type: 'RunApproved'; by: string; at: string }
  | { type: 'RunReleased'; at: string };

export type RunCommand =
  | { type: 'SummariseRun'; totals: RunTotals; at: string }
  | { type: 'FailRun'; reason: string; at: string }
  | { type: 'ApproveRun'; by: string; at: string; unresolvedVedtak: number };

export const APPROVALS_NEEDED = 2;

export class RunRejected extends Error {
  constructor(
    readonly code: 'RUN_NOT_AWAITING_APPROVAL' | 'RUN_RELEASED' | 'ALREADY_APPROVED_BY_YOU' | 'VEDTAK_UNRESOLVED' | 'RUN_NOT_COMPUTING',
    message: string,
  ) {
    super(message);
    this.name = 'RunRejected';
  }
}

const TOTAL_KEYS = ['participants', 'decided', 'baseOre', 'deductionOre', 'payoutOre', 'backPaymentOre', 'adviserCorrections'] as const;
const REVIEW_KEYS = ['AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED'] as const;
const AMOUNT_KEYS = ['baseOre', 'deductionOre', 'payoutOre'] as const;

export function sameTotals(a: RunTotals | null, b: RunTotals): boolean {
  return (
    a !== null &&
    TOTAL_KEYS.every((k) => a[k] === b[k]) &&
    REVIEW_KEYS.every((r) => a.byReview[r] === b.byReview[r] && AMOUNT_KEYS.every((k) => a.amountsByReview[r][k] === b.amountsByReview[r][k]))
  );
}

export function emptyTotals(): RunTotals {
  const amounts = (): ReviewAmounts => ({ baseOre: 0, deductionOre: 0, payoutOre: 0 });
  return {
    participants: 0,
    decided: 0,
    baseOre: 0,
    deductionOre: 0,
    payoutOre: 0,
    backPaymentOre: 0,
    adviserCorrections: 0,
    byReview: { AUTOMATIC: 0, REVIEW: 0, VEDTAK_REQUIRED: 0 },
    amountsByReview: { AUTOMATIC: amounts(), REVIEW: amounts(), VEDTAK_REQUIRED: amounts() },
  };
}

/** a + b, field by field (batch results add up to the run's totals). */
export function addTotals(a: RunTotals, b: RunTotals): RunTotals {
  const out = emptyTotals();
  for (const k of TOTAL_KEYS) out[k] = a[k] + b[k];
  for (const r of REVIEW_KEYS) {
    out.byReview[r] = a.byReview[r] + b.byReview[r];
    for (const k of AMOUNT_KEYS) out.amountsByReview[r][k] = a.amountsByReview[r][k] + b.amountsByReview[r][k];
  }
  return out;
}

/** The totals of one participant's decision for the month. */
export function decisionTotals(d: { baseOre: number; deductionOre: number; payoutOre: number; review: 'AUTOMATIC' | 'REVIEW' | 'VEDTAK_REQUIRED' }): RunTotals {
  const t = emptyTotals();
  t.participants = 1;
  t.decided = 1;
  t.baseOre = d.baseOre;
  t.deductionOre = d.deductionOre;
  t.payoutOre = d.payoutOre;
  t.byReview[d.review] = 1;
  t.amountsByReview[d.review] = { baseOre: d.baseOre, deductionOre: d.deductionOre, payoutOre: d.payoutOre };
  return t;
}

export function startRun(runId: string, municipalityCode: string, period: string, by: string, at: string): RunEvent[] {
  return [{ type: 'RunStarted', runId, municipalityCode, period, by, at }];
}

export function decide(state: RunState, cmd: RunCommand): RunEvent[] {
  switch (cmd.type) {
    case 'SummariseRun':
      // A retried summarise step that finds its own totals stored changes nothing (R4).
      if (state.status === 'AWAITING_APPROVAL' && sameTotals(state.totals, cmd.totals)) return [];
      if (state.status !== 'COMPUTING') throw new RunRejected('RUN_NOT_COMPUTING', `run is ${state.status}, not COMPUTING`);
      return [{ type: 'RunSummarised', totals: cmd.totals, at: cmd.at }];
    case 'FailRun':
      // A released run is never marked failed: its export has happened.
      if (state.status === 'RELEASED') throw new RunRejected('RUN_NOT_COMPUTING', 'a released run cannot fail');
      return [{ type: 'RunFailed', reason: cmd.reason, at: cmd.at }];
    case 'ApproveRun': {
      // Every caller of a release gets a clear answer, whatever the interleaving: the run is released
      // (once), or this user's approval is already on it, or it is not awaiting approval, or blocked.
      if (state.status === 'RELEASED') throw new RunRejected('RUN_RELEASED', 'the run is already released by two different payroll users');
      if (state.status !== 'AWAITING_APPROVAL')
        throw new RunRejected('RUN_NOT_AWAITING_APPROVAL', `run is ${state.status}, not AWAITING_APPROVAL`);
      if (cmd.unresolvedVedtak > 0)
        throw new RunRejected('VEDTAK_UNRESOLVED', `${cmd.unresolvedVedtak} decision(s) need a formal decision by an adviser first`);
      if (state.approvals.some((a) => a.userId === cmd.by))
        throw new RunRejected('ALREADY_APPROVED_BY_YOU', 'you have already approved this run; a second, different payroll user must approve');
      const approved: RunEvent = { type: 'RunApproved', by: cmd.by, at: cmd.at };
      return state.approvals.length + 1 >= APPROVALS_NEEDED ? [approved, { type: 'RunReleased', at: cmd.at }] : [approved];
    }
  }
}

export function evolve(state: RunState | null, e: RunEvent): RunState {
  if (e.type === 'RunStarted')
    return {
      runId: e.runId,
      municipalityCode: e.municipalityCode,
      period: e.period,
      status: 'COMPUTING',
      startedBy: e.by,
      startedAt: e.at,
      totals: null,
      approvals: [],
      failure: null,
      releasedAt: null,
    };
  if (state === null) throw new RangeError(`${e.type} before RunStarted`);
  switch (e.type) {
    case 'RunSummarised':
      return { ...state, status: 'AWAITING_APPROVAL', totals: e.totals };
    case 'RunFailed':
      return { ...state, status: 'FAILED', failure: e.reason };
    case 'RunApproved':
      return { ...state, approvals: [...state.approvals, { userId: e.by, at: e.at }] };
    case 'RunReleased':
      return { ...state, status: 'RELEASED', releasedAt: e.at };
  }
}

export const replay = (events: readonly RunEvent[]): RunState | null => events.reduce<RunState | null>(evolve, null);
