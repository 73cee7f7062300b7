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

export interface RunTotals {
  participants: number;
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  backPaymentOre: number;
  byReview: { AUTOMATIC: number; REVIEW: number; VEDTAK_REQUIRED: number };
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
    readonly code: 'RUN_NOT_AWAITING_APPROVAL' | 'ALREADY_APPROVED_BY_YOU' | 'VEDTAK_UNRESOLVED' | 'RUN_NOT_COMPUTING',
    message: string,
  ) {
    super(message);
    this.name = 'RunRejected';
  }
}

export function startRun(runId: string, municipalityCode: string, period: string, by: string, at: string): RunEvent[] {
  return [{ type: 'RunStarted', runId, municipalityCode, period, by, at }];
}

export function decide(state: RunState, cmd: RunCommand): RunEvent[] {
  switch (cmd.type) {
    case 'SummariseRun':
      if (state.status !== 'COMPUTING') throw new RunRejected('RUN_NOT_COMPUTING', `run is ${state.status}, not COMPUTING`);
      return [{ type: 'RunSummarised', totals: cmd.totals, at: cmd.at }];
    case 'FailRun':
      // A released run is never marked failed: its export has happened.
      if (state.status === 'RELEASED') throw new RunRejected('RUN_NOT_COMPUTING', 'a released run cannot fail');
      return [{ type: 'RunFailed', reason: cmd.reason, at: cmd.at }];
    case 'ApproveRun': {
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
