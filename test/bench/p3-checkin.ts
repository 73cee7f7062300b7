/**
 * P3 (quality.md): check-in throughput and p99 latency through the local
 * HTTP API (`npm start`'s runtime: JWT verification, the API Gateway v2
 * adapter, the real handler and DynamoDB Local), driven by a loopback load
 * generator in its own process (node:http, keep-alive, 32 in flight, 10 s,
 * every request a new event); against bare PutItem of the same item to the
 * same DynamoDB Local with the same concurrency, in the same run. That
 * PutItem is also the one request an app check-in sends when its file check
 * is remembered (shared/adapters/file-checks.ts), so API ÷ PutItem is what
 * the API process costs. Beside it, the API with the cache off
 * (CHECKIN_FILE_CHECK_MAX_AGE_SECONDS=0: every check-in reads the file, one
 * BatchGetItem, before its PutItem): what a miss costs.
 *
 * The handlers' log lines are serialised as always but not printed while
 * the load runs (they would bury the table).
 *
 * The API is warmed for P3_WARMUP seconds before it is measured: it runs
 * first, and DynamoDB Local's JVM is still compiling its transaction path
 * for the first seconds, which the baselines measured after it never pay
 * (2 s of warm-up measured the JIT: API ÷ PutItem 0.16–0.48 × on one loaded
 * machine where 15 s gave 0.43–0.63 ×). P3 asks for a sustained rate.
 *
 *   BENCH_SECONDS=10 (default)   P3_CONCURRENCY=32 (default)   P3_WARMUP=10 (default)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../infra/project.js';
import { startLocalSystem } from '../../infra/local/system.js';
import { createDeps } from '../../shared/adapters/deps.js';
import { FileChecks } from '../../shared/adapters/file-checks.js';
import { seedParticipant } from '../support/api-seed.js';
import { swappable, type TestDeps } from '../support/test-deps.js';
import type { BenchRow } from './bench-table.js';

interface LoadResult {
  statuses: Record<string, number>;
  ok: number;
  elapsedMs: number;
  p50: number;
  p99: number;
}

const LOAD = fileURLToPath(new URL('./p3-checkin-load.ts', import.meta.url));

function runLoad(args: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD, JSON.stringify(args)], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult) : reject(new Error(`load generator exited ${code}: ${out}`))));
  });
}

/** Runs `fn` with stdout swallowed (handler logs), counting the lines. */
async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; lines: number }> {
  const write = process.stdout.write.bind(process.stdout);
  let lines = 0;
  process.stdout.write = ((chunk: unknown) => {
    lines += String(chunk).split('\n').length - 1;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { value: await fn(), lines };
  } finally {
    process.stdout.write = write;
  }
}

export async function benchCheckin(): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const concurrency = Number(process.env.P3_CONCURRENCY ?? 32);
  // Swappable deps: the cache-off run replaces the file checks with a max age 0 one, same process, same tables.
  const system = await startLocalSystem({ dataDir: null, quiet: true, staticDir: null, deps: (config, parts) => swappable(createDeps(config, parts)) });
  const deps = system.deps as TestDeps;
  try {
    const participantId = 'p-bench-0001';
    await quietly(() => seedParticipant(system.deps, participantId));
    const token = await system.issueToken({ sub: 'sub-bench', groups: ['participant'], municipality: '5001', participantId, ttlSeconds: 3600 });
    const table = system.env.TABLE_ATTENDANCE!;
    const api = { mode: 'api', url: system.baseUrl, token, participantId, concurrency };
    const put = { mode: 'put', endpoint: system.dynamoEndpoint, table, participantId, concurrency };

    // Warm-up: JIT, module loading, DynamoDB Local's first requests.
    await quietly(() => runLoad({ ...api, seconds: Number(process.env.P3_WARMUP ?? 10) }));
    await runLoad({ ...put, seconds: 1 });
    const { value: a, lines } = await quietly(() => runLoad({ ...api, seconds }));
    const b = await runLoad({ ...put, seconds });
    deps.swap({ fileChecks: new FileChecks(deps, 0) });
    const { value: c } = await quietly(() => runLoad({ ...api, seconds }));
    deps.swap({});

    const apiRate = (a.ok * 1000) / a.elapsedMs;
    const putRate = (b.ok * 1000) / b.elapsedMs;
    const failed = Object.entries(a.statuses).filter(([s]) => !s.startsWith('2'));
    const ratio = apiRate / putRate;
    const offRate = (c.ok * 1000) / c.elapsedMs;
    console.error(
      `P3: api ${JSON.stringify(a.statuses)}, p50 ${a.p50.toFixed(1)} ms; bare PutItem ${JSON.stringify(b.statuses)}, p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms; cache off ${JSON.stringify(c.statuses)}, p50 ${c.p50.toFixed(1)} ms; ${lines} handler log lines`,
    );
    return [
      { id: 'P3', figure: `check-in API, local, ${concurrency} in flight, ${seconds} s: new check-ins/s`, value: apiRate.toFixed(0), goal: '≥ 1 000/s', met: apiRate >= 1000 },
      { id: 'P3', figure: 'check-in API p99 latency', value: `${a.p99.toFixed(1)} ms`, goal: '≤ 50 ms', met: a.p99 <= 50 },
      { id: 'P3', figure: 'check-in API ÷ bare PutItem to the same DynamoDB Local (same run)', value: `${ratio.toFixed(2)} × (${putRate.toFixed(0)}/s bare)`, goal: '≥ 0.5 ×', met: ratio >= 0.5 },
      {
        id: 'P3',
        figure: `check-in API with the file-check cache off (max age 0: a BatchGetItem + the PutItem each), p99 ${c.p99.toFixed(1)} ms`,
        value: `${offRate.toFixed(0)}/s (${(offRate / putRate).toFixed(2)} × bare)`,
        goal: '–',
        met: null,
      },
      {
        id: 'P3',
        figure: 'answers other than 2xx under that load (429/503 allowed, never a drop)',
        value: failed.length === 0 ? '0' : failed.map(([s, n]) => `${n}×${s === '0' ? 'no answer' : s}`).join(', '),
        goal: '0 dropped',
        met: !('0' in a.statuses),
      },
    ];
  } finally {
    await system.stop();
  }
}
