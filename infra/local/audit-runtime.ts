/**
 * The audit trail on one machine (architecture.md "Local runtime"), with the
 * same handler modules as on AWS:
 *
 * - the sealer (functions/audit-seal) is fed by DynamoDB Local's stream of
 *   the AuditLog table: this poller reads each shard in order and invokes
 *   the handler with Lambda's DynamoDB stream event (same record shape,
 *   batches of up to 100); a failed batch is retried from the same position,
 *   as the event source mapping does;
 * - the anchor checkpoint (functions/audit-anchor) runs at start and every
 *   hour (daily on AWS), and so does the sealer's inbox sweep;
 * - the audit key is a file in the data folder (mode 0600) and the anchor an
 *   append-only file beside it (shared/adapters/audit-config.ts).
 *
 * One batch at a time: the stream is polled every `pollMs` while idle and
 * again at once after a batch.
 *
 * The position in each shard is kept in `positionFile` after every batch, as
 * the event source mapping keeps its own: a restart goes on after the last
 * record handled instead of handing the sealer every record the stream still
 * keeps. Sealing such a replay again is harmless for entries that are there,
 * but an entry deleted from the table while the system was down would be
 * sealed anew (its marker points at nothing), turning the cut-off the anchor
 * shows (TRUNCATED) into a different entry at that position.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as StreamAttributeValue,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { handlerEntry } from '../project.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { lambdaContext, moduleHandlerResolver } from './lambda-adapter.js';

export type AuditHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface AuditRuntimeOptions {
  dynamoEndpoint: string;
  auditTable: string;
  /** Idle poll interval. Default 200 ms. */
  pollMs?: number;
  /** Checkpoint and sweep interval. Default one hour. */
  scheduleMs?: number;
  /** The dependency object the default handlers are bound to (the local system's; tests giving both handlers need none). */
  deps?: Deps;
  /** The handlers (tests); default the modules of functions/audit-seal and functions/audit-anchor. */
  sealHandler?: AuditHandler;
  anchorHandler?: AuditHandler;
  /** Where the shards' positions are kept across restarts (mode 0600); absent: in memory only, a restart reads from the oldest record kept. */
  positionFile?: string;
  /** Where failures are reported (ids only); default stderr. */
  onError?: (what: 'seal' | 'checkpoint' | 'sweep', err: unknown) => void;
}

export interface AuditRuntime {
  streamArn: string;
  /** Seals everything appended so far: polls until a full pass over the stream finds nothing new. */
  drain(): Promise<void>;
  /** The scheduled checkpoint, now. */
  checkpoint(): Promise<void>;
  /** The scheduled inbox sweep, now. */
  sweep(): Promise<void>;
  /** Stream records handed to the sealer so far, and batches that failed (and were retried). */
  stats(): { records: number; batches: number; failures: number };
  stop(): Promise<void>;
}


/** The sealer's and checkpoint's Lambda timeouts (infra/constructs/audit-trail.ts). */
const context = (fn: 'audit-seal' | 'audit-anchor'): Context => lambdaContext(fn, Date.now() + (fn === 'audit-seal' ? 60_000 : 300_000));

/** The SDK's attribute value as Lambda's event carries it (binary as base64). */
function toLambdaValue(v: StreamAttributeValue): Record<string, unknown> {
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString('base64') };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (v.L !== undefined) return { L: v.L.map(toLambdaValue) };
  if (v.M !== undefined) return { M: toLambdaImage(v.M) };
  return { ...v } as Record<string, unknown>;
}

function toLambdaImage(image: Record<string, StreamAttributeValue> | undefined): Record<string, never> | undefined {
  if (image === undefined) return undefined;
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)])) as Record<string, never>;
}

/** A DynamoDB Streams record as Lambda's event source mapping delivers it. */
export function toLambdaRecord(r: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb;
  const created = d?.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ...(created !== undefined ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      ...(d?.Keys !== undefined ? { Keys: toLambdaImage(d.Keys) } : {}),
      ...(d?.NewImage !== undefined ? { NewImage: toLambdaImage(d.NewImage) } : {}),
      ...(d?.OldImage !== undefined ? { OldImage: toLambdaImage(d.OldImage) } : {}),
      ...(d?.SequenceNumber !== undefined ? { SequenceNumber: d.SequenceNumber } : {}),
      ...(d?.SizeBytes !== undefined ? { SizeBytes: d.SizeBytes } : {}),
      ...(d?.StreamViewType !== undefined ? { StreamViewType: d.StreamViewType } : {}),
    },
    eventSourceARN: streamArn,
  };
}

/** EventBridge's scheduled event, as a schedule rule delivers it to a function. */
export function scheduledEvent(rule: string, at: Date): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [`arn:aws:events:${LOCAL_REGION}:000000000000:rule/${rule}`],
    detail: {},
  };
}

interface ShardState {
  id: string;
  parent: string | undefined;
  iterator: string | undefined;
  lastSequence: string | undefined;
  closed: boolean;
}

const BATCH_SIZE = 100;

/** The positions `positionFile` keeps: the last sequence number handled per shard, for one stream. */
interface SavedPositions {
  streamArn: string;
  shards: Record<string, string>;
}

/** The positions saved for this stream (none for another stream: the table was made anew, or no file yet). */
function loadPositions(file: string | undefined, streamArn: string): Map<string, string> {
  if (file === undefined || !existsSync(file)) return new Map();
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedPositions>;
    if (saved.streamArn !== streamArn || typeof saved.shards !== 'object' || saved.shards === null) return new Map();
    return new Map(Object.entries(saved.shards).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    // An unreadable file: read from the oldest record kept (sealing is idempotent for every entry still there).
    return new Map();
  }
}

export async function startAuditRuntime(options: AuditRuntimeOptions): Promise<AuditRuntime> {
  const credentials = () => ({ ...LOCAL_CREDENTIALS });
  const ddb = new DynamoDBClient({ endpoint: options.dynamoEndpoint, region: LOCAL_REGION, credentials: credentials() });
  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamoEndpoint, region: LOCAL_REGION, credentials: credentials() });
  const onError =
    options.onError ??
    ((what: string, err: unknown) => process.stderr.write(`${JSON.stringify({ level: 'ERROR', message: `local audit ${what} failed`, service: 'introflyt-local', errorName: err instanceof Error ? err.name : typeof err })}\n`));
  let described;
  try {
    described = await ddb.send(new DescribeTableCommand({ TableName: options.auditTable }));
  } finally {
    ddb.destroy();
  }
  const streamArn = described.Table?.LatestStreamArn;
  if (streamArn === undefined || described.Table?.StreamSpecification?.StreamEnabled !== true) {
    streams.destroy();
    throw new Error(`LOCAL_AUDIT_NO_STREAM: table ${options.auditTable} has no stream; the template's AuditLog table must enable one`);
  }
  // One after the other: jest's ESM loader cannot link two dynamic imports that share modules at once.
  const resolve = moduleHandlerResolver(handlerEntry, options.deps);
  const seal = options.sealHandler ?? ((await resolve('audit-seal')) as AuditHandler);
  const anchor = options.anchorHandler ?? ((await resolve('audit-anchor')) as AuditHandler);

  const shards = new Map<string, ShardState>();
  const saved = loadPositions(options.positionFile, streamArn);
  /** Written whole and renamed into place, so a crash leaves the old positions or the new, never half a file. */
  const savePositions = (): void => {
    if (options.positionFile === undefined) return;
    const out: SavedPositions = { streamArn, shards: {} };
    for (const s of shards.values()) if (s.lastSequence !== undefined) out.shards[s.id] = s.lastSequence;
    writeFileSync(`${options.positionFile}.tmp`, JSON.stringify(out), { mode: 0o600 });
    renameSync(`${options.positionFile}.tmp`, options.positionFile);
  };
  let records = 0;
  let batches = 0;
  let failures = 0;
  let stopped = false;
  // Everything runs one step at a time on this chain: a poll, a checkpoint, a sweep.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function refreshShards(): Promise<void> {
    let start: string | undefined;
    do {
      const r = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start !== undefined ? { ExclusiveStartShardId: start } : {}) }));
      for (const s of (r.StreamDescription?.Shards ?? []) as Shard[]) {
        if (s.ShardId !== undefined && !shards.has(s.ShardId)) shards.set(s.ShardId, { id: s.ShardId, parent: s.ParentShardId, iterator: undefined, lastSequence: saved.get(s.ShardId), closed: false });
      }
      start = r.StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
  }

  const iteratorFor = async (s: ShardState, fromStart: boolean): Promise<string | undefined> =>
    (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: s.id,
          ...(fromStart || s.lastSequence === undefined ? { ShardIteratorType: 'TRIM_HORIZON' } : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: s.lastSequence }),
        }),
      )
    ).ShardIterator;

  /**
   * The next records of a shard (undefined: the shard is closed and done). An
   * iterator DynamoDB Local calls expired or trimmed is replaced by a fresh one
   * after the last record handled, and if that position is gone too (also a
   * saved one the stream no longer keeps), by one from the oldest record kept
   * (sealing is idempotent: replays seal nothing twice).
   */
  async function readShard(s: ShardState) {
    for (const fromStart of [false, false, true]) {
      try {
        s.iterator ??= await iteratorFor(s, fromStart);
        if (s.iterator === undefined) {
          s.closed = true;
          return undefined;
        }
        return await streams.send(new GetRecordsCommand({ ShardIterator: s.iterator, Limit: BATCH_SIZE }));
      } catch (err) {
        if (!(err instanceof Error) || !['TrimmedDataAccessException', 'ExpiredIteratorException'].includes(err.name) || fromStart) throw err;
        s.iterator = undefined;
      }
    }
    return undefined;
  }

  let passes = 0;
  /** One pass over every readable shard; the number of records handed to the sealer. */
  async function pollOnce(): Promise<number> {
    // New shards appear rarely (DynamoDB Local rolls them over after hours): look every 50th pass, or when one closed.
    if (passes++ % 50 === 0 || [...shards.values()].every((x) => x.closed)) await refreshShards();
    let handed = 0;
    for (const s of shards.values()) {
      if (s.closed) continue;
      // A child shard is read only after its parent is finished, as Lambda does: order per item holds.
      const parent = s.parent === undefined ? undefined : shards.get(s.parent);
      if (parent !== undefined && !parent.closed) continue;
      let got;
      try {
        got = await readShard(s);
      } catch (err) {
        s.iterator = undefined;
        throw err;
      }
      if (got === undefined) continue;
      const batch = got.Records ?? [];
      if (batch.length > 0) {
        const event: DynamoDBStreamEvent = { Records: batch.map((r) => toLambdaRecord(r, streamArn!)) };
        batches++;
        try {
          await seal(event, context('audit-seal'));
        } catch (err) {
          // Not advanced: the same records are handed over again on the next pass.
          failures++;
          s.iterator = undefined;
          throw err;
        }
        records += batch.length;
        handed += batch.length;
        s.lastSequence = batch.at(-1)?.dynamodb?.SequenceNumber ?? s.lastSequence;
        savePositions();
      }
      s.iterator = got.NextShardIterator;
      if (s.iterator === undefined) {
        s.closed = true;
        passes = 0;
      }
    }
    return handed;
  }

  const pollMs = options.pollMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  const loop = (): void => {
    if (stopped) return;
    serial(pollOnce).then(
      (n) => {
        if (!stopped) timer = setTimeout(loop, n > 0 ? 0 : pollMs);
      },
      (err: unknown) => {
        onError('seal', err);
        if (!stopped) timer = setTimeout(loop, Math.max(pollMs, 1000));
      },
    );
  };

  const checkpoint = () => serial(async () => void (await anchor(scheduledEvent('introflyt-audit-checkpoint', new Date()), context('audit-anchor'))));
  const sweep = () => serial(async () => void (await seal(scheduledEvent('introflyt-audit-sweep', new Date()), context('audit-seal'))));
  const scheduled = async (): Promise<void> => {
    await sweep().catch((err: unknown) => onError('sweep', err));
    await checkpoint().catch((err: unknown) => onError('checkpoint', err));
  };
  // Like the AWS schedules: the checkpoint and sweep also run once at start, so a restart anchors at once.
  const first = scheduled();
  const schedule = setInterval(() => void scheduled(), options.scheduleMs ?? 3_600_000);
  schedule.unref();
  loop();

  let stopping: Promise<void> | undefined;
  return {
    streamArn,
    drain: async () => {
      await first;
      for (let pass = 0; pass < 1000; pass++) if ((await serial(pollOnce)) === 0) return;
      throw new Error('LOCAL_AUDIT_DRAIN: the stream did not run dry');
    },
    checkpoint,
    sweep,
    stats: () => ({ records, batches, failures }),
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        clearInterval(schedule);
        await queue;
        streams.destroy();
      })()),
  };
}
