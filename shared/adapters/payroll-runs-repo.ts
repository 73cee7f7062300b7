/**
 * PayrollRuns table: one run per municipality and month (architecture.md
 * "Data", flow 3), its frozen batches of participant ids and their results.
 * The run's status changes only through `shared/domain/payroll/run.ts`
 * (decide/evolve): this adapter loads the state, lets the domain decide and
 * writes the evolved state with an optimistic version check.
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   RUN#<runId>        / RUN            ; M#<muni>#RUNS / <period>#<startedAt>#<runId>   the run (status, totals, approvals, progress)
 *   M#<muni>#<period>  / CURRENT                                                          which run owns the month (one at a time)
 *   RUN#<runId>        / BATCH#<5 digits>                                                 a frozen batch of participant ids, later its result
 *   RUN#<runId>        / EXPORT                                                           the export job of a released run (shared/domain/payroll/export-job.ts)
 *
 * Approvals (quality.md S5) take the run's approval lock first (a lease on
 * the run item, `approvalLock`), so racing approvals are decided one after
 * another: the holder writes its audit entry and its approval; everyone else
 * waits a moment and then reads the outcome (approved, already approved by
 * you, released), instead of a storm of conflicting writes. The release
 * transaction also creates the export job, so a released run always has one.
 *
 * No personal data: participant ids (pseudonymous) and amounts only.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportFile, ExportJob, ExportPhase } from '../domain/payroll/export-job.js';
import { newExportJob } from '../domain/payroll/export-job.js';
import type { RunCommand, RunState, RunTotals } from '../domain/payroll/run.js';
import { decide, evolve, startRun } from '../domain/payroll/run.js';
import { backoff, batchPutAll, isConditionFailed, isTransactionConditionFailed, isRetryableTransactionError, queryAll, withoutKeys } from './dynamo.js';

export interface RunProgress {
  /** True once prepare has frozen the batches (they never change afterwards). */
  prepared: boolean;
  batches: number;
  batchesDone: number;
  participants: number;
  /**
   * No decision of the month was stored when the batches were frozen: a
   * participant's first write is then version 1 without reading first (a
   * create-only write that finds one falls back to reading it).
   */
  freshMonth?: boolean;
  /**
   * The released months, within the municipality's look-back window, whose
   * decisions the run recomputes (benefit-rules.md §8): frozen with the
   * batches, so every batch corrects the same months and their participants
   * are among the batches. Absent on runs prepared before it was recorded.
   */
  correctionMonths?: string[];
}

export interface RunExport {
  exportId: string;
  at: string;
  by: string;
  lines: number;
  /** sha256 of the exported CSV bytes. */
  sha256: string;
}

export interface PayrollRun extends RunState {
  /** Starts at 1; every write increments it (optimistic concurrency). */
  version: number;
  progress: RunProgress;
  /** The workflow execution computing the run (name on AWS); a resumed run gets a new one. */
  executionName: string | null;
  /** How many executions have been started for this run (1 + resumes). */
  attempts: number;
  export: RunExport | null;
  updatedAt: string;
  /** Held while one approval is being recorded (see the file comment); absent otherwise. */
  approvalLock?: ApprovalLock;
}

export interface ApprovalLock {
  /** Opaque token of the request holding it. */
  owner: string;
  /** ISO time after which another approval may take it over (the holder crashed). */
  until: string;
}

/** The run as seen when taking its approval lock: taken (the run as it stood then), or not (the run as it stands). */
export type LockAttempt = { acquired: true; run: PayrollRun } | { acquired: false; run: PayrollRun | undefined };

/** The progress an export attempt reports. */
export interface ExportProgress {
  status?: 'RUNNING';
  phase: ExportPhase;
  done?: number;
  total?: number;
}

/** What one compute-batch step decided (summed by summarise into the run's totals). */
export interface BatchResult extends RunTotals {
  /** Decisions written by this batch (0 when a retried or restarted batch found them all). */
  written: number;
}

export interface Batch {
  index: number;
  participantIds: string[];
  result: BatchResult | null;
}

export type CreateRunResult = { created: true; run: PayrollRun } | { created: false; existing: PayrollRun };

export interface NewRun {
  runId: string;
  municipalityCode: string;
  period: string;
  by: string;
  at: string;
  executionName: string;
}

export interface PayrollRunsRepo {
  /**
   * Creates the run unless the municipality already has one for the period
   * that did not fail (then 'existing' is that run, nothing written).
   */
  createRun(r: NewRun): Promise<CreateRunResult>;
  getRun(runId: string): Promise<PayrollRun | undefined>;
  /** The run that owns the municipality's month (the newest; may be FAILED). */
  getCurrentRun(municipalityCode: string, period: string): Promise<PayrollRun | undefined>;
  /** The municipality's runs, newest period first (then newest start). */
  listRuns(municipalityCode: string, opts?: { period?: string; limit?: number }): Promise<PayrollRun[]>;
  /**
   * Applies a command through run.ts decide/evolve and saves the result
   * (retrying on a concurrent write). Throws RunRejected when the domain refuses.
   */
  apply(runId: string, cmd: RunCommand): Promise<PayrollRun>;
  /** Records a new execution for a run still COMPUTING whose execution ended without finishing (resume). */
  recordResume(runId: string, executionName: string, at: string): Promise<PayrollRun>;
  /**
   * Freezes the run's batches once: the first call writes them and returns
   * them; later calls (a retried prepare) return the frozen count, ignoring `batches`.
   */
  freezeBatches(runId: string, batches: readonly string[][], at: string, freshMonth?: boolean, correctionMonths?: readonly string[]): Promise<{ batches: number; participants: number }>;
  getBatch(runId: string, index: number): Promise<Batch | undefined>;
  /** Stores a batch's result once and counts it in the run's progress; a second call changes nothing. */
  recordBatchResult(runId: string, index: number, result: BatchResult): Promise<'recorded' | 'exists'>;
  listBatches(runId: string): Promise<Batch[]>;
  /** Records the export of a RELEASED run once; 'exists' when it was already recorded (nothing written). */
  recordExport(runId: string, exp: RunExport): Promise<'recorded' | 'exists'>;
  /** Takes the run's approval lock for `owner` until `until`, if the run awaits approval and the lock is free or expired at `now`. */
  acquireApprovalLock(runId: string, owner: string, now: string, until: string): Promise<LockAttempt>;
  /**
   * Saves `next` (the evolved state after an approval) if `owner` still holds
   * the lock taken on `held`; releases the lock with it. False: the lock was
   * lost (expired and taken over): nothing written.
   */
  commitApproval(held: PayrollRun, next: PayrollRun, owner: string): Promise<boolean>;
  /** Gives the lock back without approving (a refused or failed approval); a lock held by someone else is left alone. */
  releaseApprovalLock(runId: string, owner: string): Promise<void>;
  getExportJob(runId: string): Promise<ExportJob | undefined>;
  /**
   * Stores `job` (a new attempt) if the stored job still has `expectedAttempts`
   * attempts (0: none yet) and is not READY. 'lost': another request started
   * an attempt first, or the job is ready (nothing written).
   */
  startExportAttempt(job: ExportJob, expectedAttempts: number): Promise<'started' | 'lost'>;
  /** Progress of attempt `attempt`; false when a newer attempt replaced it or the job is ready (stop working). */
  reportExportProgress(runId: string, attempt: number, progress: ExportProgress, at: string): Promise<boolean>;
  /** The file is written: the job is READY (once; 'exists' when it already was). */
  markExportReady(runId: string, file: ExportFile, at: string): Promise<'ready' | 'exists'>;
  /** Attempt `attempt` failed for good (a newer attempt or a ready job is left alone). */
  markExportFailed(runId: string, attempt: number, reason: string, at: string): Promise<void>;
}

export const runKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' });
const currentKey = (m: string, period: string) => ({ pk: `M#${m}#${period}`, sk: 'CURRENT' });
const exportKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'EXPORT' });
const batchKey = (runId: string, index: number) => ({ pk: `RUN#${runId}`, sk: `BATCH#${String(index).padStart(5, '0')}` });

function stripBatch(item: Record<string, unknown>): Batch {
  return { index: Number(item.index), participantIds: (item.participantIds as string[] | undefined) ?? [], result: (item.result as BatchResult | undefined) ?? null };
}

/** Optimistic writes of one run: a lost write re-reads and decides again; conflicts settle within a few tries. */
const MAX_CONFLICT_RETRIES = 16;

const stripExport = (item: Record<string, unknown> | undefined): ExportJob | undefined => withoutKeys<ExportJob>(item);

export class DynamoPayrollRunsRepo implements PayrollRunsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createRun(r: NewRun): Promise<CreateRunResult> {
    const state = startRun(r.runId, r.municipalityCode, r.period, r.by, r.at).reduce<RunState | null>(evolve, null)!;
    const run: PayrollRun = {
      ...state,
      version: 1,
      progress: { prepared: false, batches: 0, batchesDone: 0, participants: 0 },
      executionName: r.executionName,
      attempts: 1,
      export: null,
      updatedAt: r.at,
    };
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: { ...currentKey(r.municipalityCode, r.period), runId: r.runId, runStatus: 'COMPUTING', updatedAt: r.at },
                  // One run per municipality and month (a second payroll would pay twice); a FAILED run may be restarted as a new run.
                  ConditionExpression: 'attribute_not_exists(pk) OR runStatus = :failed',
                  ExpressionAttributeValues: { ':failed': 'FAILED' },
                },
              },
              {
                Put: {
                  TableName: this.table,
                  Item: { ...runKey(r.runId), gsi1pk: `M#${r.municipalityCode}#RUNS`, gsi1sk: `${r.period}#${r.at}#${r.runId}`, ...run },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { created: true, run };
      } catch (err) {
        if (!isTransactionConditionFailed(err)) throw err;
      }
      const existing = await this.getCurrentRun(r.municipalityCode, r.period);
      if (existing !== undefined && existing.status !== 'FAILED') return { created: false, existing };
      // The owner failed between our write and our read: try again.
    }
    throw new Error('createRun: contention did not settle');
  }

  async getRun(runId: string): Promise<PayrollRun | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: runKey(runId), ConsistentRead: true }));
    return withoutKeys<PayrollRun>(r.Item);
  }

  async getCurrentRun(municipalityCode: string, period: string): Promise<PayrollRun | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: currentKey(municipalityCode, period), ConsistentRead: true }));
    const runId = r.Item?.runId;
    return typeof runId === 'string' ? this.getRun(runId) : undefined;
  }

  async listRuns(municipalityCode: string, opts: { period?: string; limit?: number } = {}): Promise<PayrollRun[]> {
    const out: PayrollRun[] = [];
    let start: Record<string, unknown> | undefined;
    const limit = opts.limit ?? 1000;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: opts.period === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND begins_with(gsi1sk, :period)',
          ExpressionAttributeValues: { ':pk': `M#${municipalityCode}#RUNS`, ...(opts.period === undefined ? {} : { ':period': `${opts.period}#` }) },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of r.Items ?? []) out.push(withoutKeys<PayrollRun>(item)!);
      start = r.LastEvaluatedKey;
    } while (start !== undefined && out.length < limit);
    return out.slice(0, limit);
  }

  /**
   * Saves `next` if the stored run is still at `prev.version` (and, with
   * `lockOwner`, still locked by it), keeping the month's owner item's status
   * in step. The release (status becoming RELEASED) creates the run's export
   * job in the same transaction. False: another write came first (nothing written).
   */
  private async save(prev: PayrollRun, next: PayrollRun, lockOwner?: string): Promise<boolean> {
    const { approvalLock: _lock, ...item } = next;
    const released = next.status === 'RELEASED' && prev.status !== 'RELEASED';
    const releasedBy = next.approvals.at(-1)?.userId ?? next.startedBy;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...runKey(next.runId), gsi1pk: `M#${next.municipalityCode}#RUNS`, gsi1sk: `${next.period}#${next.startedAt}#${next.runId}`, ...(lockOwner === undefined ? next : item) },
                // Optimistic concurrency: the workflow and payroll users write the same run; an approval also needs its lock.
                ConditionExpression: lockOwner === undefined ? 'version = :v' : 'version = :v AND approvalLock.#owner = :owner',
                ExpressionAttributeValues: { ':v': prev.version, ...(lockOwner === undefined ? {} : { ':owner': lockOwner }) },
                ...(lockOwner === undefined ? {} : { ExpressionAttributeNames: { '#owner': 'owner' } }),
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: currentKey(next.municipalityCode, next.period),
                UpdateExpression: 'SET runStatus = :s, updatedAt = :at',
                // Only the owning run moves the owner item (a restarted run has taken it over from a failed one).
                ConditionExpression: 'runId = :id',
                ExpressionAttributeValues: { ':s': next.status, ':at': next.updatedAt, ':id': next.runId },
              },
            },
            ...(released
              ? [
                  {
                    Put: {
                      TableName: this.table,
                      Item: { ...exportKey(next.runId), ...newExportJob(next.runId, releasedBy, next.releasedAt ?? next.updatedAt) },
                      // The release owes one export job; it is made once.
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (isTransactionConditionFailed(err) || isRetryableTransactionError(err)) return false;
      throw err;
    }
  }

  private async update(runId: string, change: (run: PayrollRun) => PayrollRun | null): Promise<PayrollRun> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const run = await this.getRun(runId);
      if (run === undefined) throw new RangeError(`no payroll run ${runId}`);
      const next = change(run);
      if (next === null) return run;
      if (await this.save(run, { ...next, version: run.version + 1 })) return { ...next, version: run.version + 1 };
      // Another write came first: read it back and decide again, after a short jittered pause.
      await backoff(attempt);
    }
    throw new Error('payroll run: contention did not settle');
  }

  apply(runId: string, cmd: RunCommand): Promise<PayrollRun> {
    return this.update(runId, (run) => {
      const events = decide(run, cmd);
      if (events.length === 0) return null;
      const state = events.reduce<RunState>((s, e) => evolve(s, e), run);
      return { ...run, ...state, updatedAt: cmd.at };
    });
  }

  recordResume(runId: string, executionName: string, at: string): Promise<PayrollRun> {
    return this.update(runId, (run) => {
      if (run.status !== 'COMPUTING') throw new RangeError(`run ${runId} is ${run.status}: only a computing run is resumed`);
      return { ...run, executionName, attempts: run.attempts + 1, updatedAt: at };
    });
  }

  async freezeBatches(runId: string, batches: readonly string[][], at: string, freshMonth = false, correctionMonths: readonly string[] = []): Promise<{ batches: number; participants: number }> {
    const run = await this.getRun(runId);
    if (run === undefined) throw new RangeError(`no payroll run ${runId}`);
    if (run.progress.prepared) return { batches: run.progress.batches, participants: run.progress.participants };
    // Batch items first (overwriting what a crashed earlier attempt may have left), then the flag that freezes them.
    await batchPutAll(
      this.db,
      this.table,
      batches.map((ids, index) => ({ ...batchKey(runId, index), runId, index, participantIds: ids })),
      'freezeBatches',
    );
    const participants = batches.reduce((n, b) => n + b.length, 0);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: runKey(runId),
          UpdateExpression: 'SET progress = :p, updatedAt = :at ADD version :one',
          // Frozen once: a concurrent or retried prepare that lost keeps the winner's batches.
          ConditionExpression: 'progress.prepared = :no',
          ExpressionAttributeValues: { ':p': { prepared: true, batches: batches.length, batchesDone: 0, participants, freshMonth, correctionMonths: [...correctionMonths] }, ':at': at, ':one': 1, ':no': false },
        }),
      );
      return { batches: batches.length, participants };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const won = (await this.getRun(runId))!;
      return { batches: won.progress.batches, participants: won.progress.participants };
    }
  }

  async getBatch(runId: string, index: number): Promise<Batch | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: batchKey(runId, index), ConsistentRead: true }));
    return r.Item === undefined ? undefined : stripBatch(r.Item);
  }

  async recordBatchResult(runId: string, index: number, result: BatchResult): Promise<'recorded' | 'exists'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: batchKey(runId, index),
                UpdateExpression: 'SET #r = :r',
                // A batch counts once in the progress, however often its step is retried.
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#r)',
                ExpressionAttributeNames: { '#r': 'result' },
                ExpressionAttributeValues: { ':r': result },
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: runKey(runId),
                UpdateExpression: 'ADD progress.batchesDone :one, version :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      );
      return 'recorded';
    } catch (err) {
      if (isTransactionConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  async listBatches(runId: string): Promise<Batch[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :b)',
      ExpressionAttributeValues: { ':pk': `RUN#${runId}`, ':b': 'BATCH#' },
      ConsistentRead: true,
    });
    return items.map((item) => stripBatch(item));
  }

  async recordExport(runId: string, exp: RunExport): Promise<'recorded' | 'exists'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: runKey(runId),
          UpdateExpression: 'SET #e = :e, updatedAt = :at ADD version :one',
          // Exported once, and only after the two-person release.
          ConditionExpression: '#s = :released AND (attribute_not_exists(#e) OR #e = :null)',
          ExpressionAttributeNames: { '#e': 'export', '#s': 'status' },
          ExpressionAttributeValues: { ':e': exp, ':at': exp.at, ':one': 1, ':released': 'RELEASED', ':null': null },
        }),
      );
      return 'recorded';
    } catch (err) {
      if (isConditionFailed(err)) {
        const run = await this.getRun(runId);
        if (run?.status !== 'RELEASED') throw new RangeError(`run ${runId} is not released`);
        return 'exists';
      }
      throw err;
    }
  }

  async acquireApprovalLock(runId: string, owner: string, now: string, until: string): Promise<LockAttempt> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: runKey(runId),
          UpdateExpression: 'SET approvalLock = :lock',
          // One approval at a time, only while the run awaits approval; a lock past its lease (a crashed holder) may be taken over.
          ConditionExpression: 'attribute_exists(pk) AND #s = :awaiting AND (attribute_not_exists(approvalLock) OR approvalLock.#until < :now)',
          ExpressionAttributeNames: { '#s': 'status', '#until': 'until' },
          ExpressionAttributeValues: { ':lock': { owner, until }, ':awaiting': 'AWAITING_APPROVAL', ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { acquired: true, run: withoutKeys<PayrollRun>(r.Attributes)! };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return { acquired: false, run: await this.getRun(runId) };
    }
  }

  async commitApproval(held: PayrollRun, next: PayrollRun, owner: string): Promise<boolean> {
    return this.save(held, { ...next, version: held.version + 1 }, owner);
  }

  async releaseApprovalLock(runId: string, owner: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: runKey(runId),
          UpdateExpression: 'REMOVE approvalLock',
          // Only the holder gives it back.
          ConditionExpression: 'approvalLock.#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }

  async getExportJob(runId: string): Promise<ExportJob | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: exportKey(runId), ConsistentRead: true }));
    return stripExport(r.Item);
  }

  async startExportAttempt(job: ExportJob, expectedAttempts: number): Promise<'started' | 'lost'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...exportKey(job.runId), ...job },
          // One new attempt per stale one, however many requests ask at once; a ready job is never replaced.
          ConditionExpression:
            expectedAttempts === 0 ? 'attribute_not_exists(pk)' : 'attempts = :expected AND #s <> :ready',
          ...(expectedAttempts === 0 ? {} : { ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':expected': expectedAttempts, ':ready': 'READY' } }),
        }),
      );
      return 'started';
    } catch (err) {
      if (isConditionFailed(err)) return 'lost';
      throw err;
    }
  }

  async reportExportProgress(runId: string, attempt: number, progress: ExportProgress, at: string): Promise<boolean> {
    const sets = ['phase = :phase', 'updatedAt = :at'];
    const values: Record<string, unknown> = { ':phase': progress.phase, ':at': at, ':attempt': attempt, ':ready': 'READY' };
    if (progress.status !== undefined) {
      sets.push('#s = :status');
      values[':status'] = progress.status;
    }
    if (progress.done !== undefined) {
      sets.push('done = :done');
      values[':done'] = progress.done;
    }
    if (progress.total !== undefined) {
      sets.push('#total = :total');
      values[':total'] = progress.total;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: exportKey(runId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          // Only the current attempt reports, and never over a ready job.
          ConditionExpression: 'attempts = :attempt AND #s <> :ready',
          ExpressionAttributeNames: { '#s': 'status', ...(progress.total !== undefined ? { '#total': 'total' } : {}) },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  async markExportReady(runId: string, file: ExportFile, at: string): Promise<'ready' | 'exists'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: exportKey(runId),
          UpdateExpression: 'SET #s = :ready, phase = :done, done = #total, #file = :file, failure = :null, updatedAt = :at',
          // Ready once: the file of the first attempt that finished is the file.
          ConditionExpression: 'attribute_exists(pk) AND #s <> :ready',
          ExpressionAttributeNames: { '#s': 'status', '#file': 'file', '#total': 'total' },
          ExpressionAttributeValues: { ':ready': 'READY', ':done': 'DONE', ':file': file, ':null': null, ':at': at },
        }),
      );
      return 'ready';
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      if ((await this.getExportJob(runId))?.status !== 'READY') throw new RangeError(`run ${runId} has no export job`);
      return 'exists';
    }
  }

  async markExportFailed(runId: string, attempt: number, reason: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: exportKey(runId),
          UpdateExpression: 'SET #s = :failed, failure = :reason, updatedAt = :at',
          // A newer attempt or a ready job is not marked failed by an old attempt's end.
          ConditionExpression: 'attempts = :attempt AND #s <> :ready',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':failed': 'FAILED', ':reason': reason, ':at': at, ':attempt': attempt, ':ready': 'READY' },
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }
}
