/**
 * P2 (quality.md): a local payroll run of 10 000 participants through the
 * synthesized ASL in aws-local-stepfunctions, the real task handlers and
 * DynamoDB Local (prepare, 100 batches of 100 under the Map's concurrency,
 * each participant's case read from the tables, decided with nb and en
 * explanations, stored create-only; summarise) — against bare BatchWriteItem
 * of the same 10 000 decision items (same sizes, other keys) to the same
 * table, in the same run. Goal: at most 2 × the bare write.
 *
 * Seeding is not timed: 10 000 profiles (facts, weekly schedule), each
 * one's adviser (the assignment and the list registration writes) and one
 * day's check-in/out each, written with BatchWriteItem.
 *
 * Warm-up, not timed: a run of another municipality's P2_WARMUP
 * participants first. DynamoDB Local's JVM compiles its request paths for
 * the first tens of seconds it serves them (measured with the CPU of its
 * threads: in a first 2 000-participant run the JIT compiler took 40 % of
 * the JVM's CPU); the baseline, measured after the run, never paid that.
 * P2 is a sustained figure, as P3's warm-up makes it there; P2_WARMUP=0
 * measures a cold store, and the bench prints that figure too when asked.
 *
 *   P2_PARTICIPANTS=10000 (default)   P2_WARMUP=2000 (default)
 */
import { FixedClock } from '../../shared/adapters/clock.js';
import { createDeps } from '../../shared/adapters/deps.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalSystem, type LocalSystem } from '../../infra/local/system.js';
import type { PayrollRun } from '../../shared/adapters/payroll-runs-repo.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamo.js';
import { WEEKDAY_SCHEDULE } from '../support/api-seed.js';
import { advisersKey, assignmentItem } from '../../shared/adapters/assignments-repo.js';
import type { BenchRow } from './bench-table.js';
import { jvmCpu, perItem } from './process-cpu.js';

export const MUNICIPALITY = '8001';
export const PERIOD = '2026-10';
/** The warm-up run's municipality (its participants are `warm-…`). */
const WARMUP_MUNICIPALITY = '8002';

export type Item = Record<string, unknown>;

export async function batchWrite(db: DynamoDBDocumentClient, table: string, items: readonly Item[], parallel = 8): Promise<void> {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25) as Item[]);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let round = 0; pending.length > 0; round++) {
        const r = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (r.UnprocessedItems?.[table] ?? []) as typeof pending;
        if (pending.length > 0) await new Promise((res) => setTimeout(res, 10 * 2 ** Math.min(round, 6)));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Items by key, 100 per BatchGetItem, a few at a time (faster than one long index query of large items). */
export async function batchGet(db: DynamoDBDocumentClient, table: string, keys: readonly Item[], parallel = 4): Promise<Item[]> {
  const out: Item[] = [];
  const chunks: Item[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100) as Item[]);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending = chunks[next++]!;
      while (pending.length > 0) {
        const r = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
        out.push(...(r.Responses?.[table] ?? []));
        pending = (r.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

/** The bench's participant ids, `bench-00000`…: sorted as the run's batches are. */
export const benchIds = (n: number, prefix = 'bench'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

/**
 * Seeds the bench municipality's month with BatchWriteItem: a profile per
 * participant (facts, weekly schedule) and one day's check-in and check-out.
 * Returns the number of events written.
 */
export async function seedBenchMonth(db: DynamoDBDocumentClient, system: LocalSystem, ids: readonly string[], municipality = MUNICIPALITY): Promise<number> {
  const participants = system.env.TABLE_PARTICIPANTS!;
  const attendance = system.env.TABLE_ATTENDANCE!;
  await batchWrite(
    db,
    participants,
    ids.map((pid, i) => ({
      pk: `P#${pid}`,
      sk: 'PROFILE',
      gsi1pk: `M#${municipality}#P`,
      gsi1sk: `P#${pid}`,
      participantId: pid,
      municipality,
      birthDate: i % 5 === 0 ? '2004-02-01' : '1990-06-15',
      regime: 'integreringsloven',
      livesWithParent: false,
      coupleReduction: i % 7 === 0,
      children: i % 3,
      soleCarer: false,
      programStart: '2025-09-01',
      enrolments: [{ from: '2025-09-01', to: null }],
      unpaidLeave: [],
      schedule: WEEKDAY_SCHEDULE,
      version: 1,
      updatedAt: '2025-09-01T00:00:00.000Z',
    })),
  );
  // Each file's adviser as registration writes it: the assignment and the participant's list of advisers.
  const adviser = (i: number) => `bench-adviser-${i % 20}`;
  await batchWrite(
    db,
    participants,
    ids.flatMap((pid, i) => [
      { ...assignmentItem(adviser(i), pid, municipality, '2025-09-01T00:00:00.000Z') },
      { ...advisersKey(pid), advisers: [adviser(i)], version: 1, updatedAt: '2025-09-01T00:00:00.000Z' },
    ]),
  );
  const events: Item[] = ids.flatMap((pid) =>
    (['IN', 'OUT'] as const).map((type) => {
      const at = type === 'IN' ? '2026-10-05T06:30:00.000Z' : '2026-10-05T13:00:00.000Z';
      const eventId = `${pid}-${type}`;
      return {
        pk: `EVENT#${eventId}`,
        sk: 'EVENT',
        gsi1pk: `P#${pid}#EVENTS`,
        gsi1sk: `${at}#${eventId}`,
        eventId,
        participantId: pid,
        municipality,
        type,
        deviceId: 'bench-kiosk',
        deviceTime: at,
        deviceTimeUtc: at,
        recordedAt: at,
        receiptId: `rcpt-${eventId}`,
        requestHash: 'bench',
        source: 'kiosk',
      };
    }),
  );
  await batchWrite(db, attendance, events);
  return events.length;
}

/**
 * The bench month's run as POST /payroll-runs creates it, computed by the
 * local execution to its end (the system of `startBenchSystem`, its
 * handlers' clock fixed on 2 November); `ms` is the execution's time.
 */
export async function runBenchMonth(system: LocalSystem, runId: string, n: number, municipality = MUNICIPALITY): Promise<{ run: PayrollRun; ms: number }> {
  const runs = system.deps.payrollRuns;
  const created = await runs.createRun({ runId, municipalityCode: municipality, period: PERIOD, by: 'staff-bench', at: '2026-11-02T08:00:00.000Z', executionName: `${runId}-1` });
  if (!created.created) throw new Error(`bench: the run ${runId} exists`);
  const w0 = performance.now();
  const outcome = await quietly(async () => {
    await system.workflow.start(runId, `${runId}-1`);
    return system.workflow.wait(`${runId}-1`);
  });
  const ms = performance.now() - w0;
  if (outcome.status !== 'SUCCEEDED') throw new Error(`bench: the run ended ${JSON.stringify(outcome)}`);
  const run = (await runs.getRun(runId))!;
  if (run.totals?.decided !== n) throw new Error(`bench: ${run.totals?.decided} decisions, expected ${n}`);
  return { run, ms };
}

/** The local system of the payroll benches: in memory, the handlers' clock fixed on 2 November (the day after the bench month). */
export function startBenchSystem(): Promise<LocalSystem> {
  const clock = new FixedClock('2026-11-02T08:00:00Z');
  return startLocalSystem({ dataDir: null, port: 0, quiet: true, staticDir: null, deps: (config, parts) => createDeps(config, { ...parts, clock }) });
}

export async function benchPayroll(): Promise<BenchRow[]> {
  const n = Number(process.env.P2_PARTICIPANTS ?? 10_000);
  const system = await startBenchSystem();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } }));
  try {
    const decisions = system.env.TABLE_DECISIONS!;

    const t0 = performance.now();
    const ids = benchIds(n);
    const events = await seedBenchMonth(db, system, ids);
    const warm = Number(process.env.P2_WARMUP ?? 2000);
    if (warm > 0) await seedBenchMonth(db, system, benchIds(warm, 'warm'), WARMUP_MUNICIPALITY);
    console.error(`  p2: seeded ${n} participants with ${events} events (and ${warm} for the warm-up) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (warm > 0) console.error(`  p2: warm-up run of ${warm} participants (not timed): ${((await runBenchMonth(system, 'run-warm', warm, WARMUP_MUNICIPALITY)).ms / 1000).toFixed(1)} s`);

    // The workflow: the run as POST /payroll-runs creates it, then the local execution to its end.
    const [j0, c0] = [jvmCpu(system.dynamoPid), process.cpuUsage()];
    const { ms: workflowMs } = await runBenchMonth(system, 'run-bench', n);
    const [j1, c1] = [jvmCpu(system.dynamoPid), process.cpuUsage(c0)];

    // The baseline: the same decision items, other keys, bare BatchWriteItem to the same table.
    const stored = await batchGet(db, decisions, ids.map((pid) => ({ pk: `P#${pid}`, sk: `DEC#${PERIOD}#v0001` })));
    if (stored.length !== n) throw new Error(`p2: listed ${stored.length} decisions, expected ${n}`);
    const copies = stored.map((item) => ({ ...item, pk: `BENCH#${String(item.pk)}`, gsi1pk: `BENCH#${String(item.gsi1pk)}` }));
    const bytes = copies.reduce((s, i) => s + JSON.stringify(i).length, 0);
    const [j2, c2] = [jvmCpu(system.dynamoPid), process.cpuUsage()];
    const b0 = performance.now();
    await batchWrite(db, decisions, copies);
    const bareMs = performance.now() - b0;
    const [j3, c3] = [jvmCpu(system.dynamoPid), process.cpuUsage(c2)];
    const nodeMs = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000 / n).toFixed(2);

    const ratio = workflowMs / bareMs;
    return [
      {
        id: 'P2',
        figure: `local payroll run, ${n} participants${warm > 0 ? ` after a ${warm}-participant warm-up run` : ', cold store'} (ASL interpreter + handlers + DynamoDB Local) / bare BatchWriteItem of the same ${n} decision items (avg ${Math.round(bytes / n / 1024)} KiB)`,
        value: `${(workflowMs / 1000).toFixed(1)} s / ${(bareMs / 1000).toFixed(1)} s = ${ratio.toFixed(2)} ×`,
        goal: '≤ 2 ×',
        met: ratio <= 2,
      },
      { id: 'P2', figure: 'local payroll run throughput, participant-months/s', value: ((n * 1000) / workflowMs).toFixed(0), goal: '–', met: null },
      { id: 'P2', figure: 'CPU per participant in the run: DynamoDB Local\'s JVM (by thread) / the Node process (interpreter, handlers, SDK)', value: `${perItem(j0, j1, n)} / ${nodeMs(c1)} ms`, goal: '–', met: null },
      { id: 'P2', figure: 'CPU per item of the bare BatchWriteItem: the JVM / the Node process', value: `${perItem(j2, j3, n)} / ${nodeMs(c3)} ms`, goal: '–', met: null },
    ];
  } finally {
    db.destroy();
    await system.stop();
  }
}
