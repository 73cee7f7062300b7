/**
 * P6 (issue 15): release and export of a 10 000-participant run on the local
 * system, every request over HTTP through the real handlers and DynamoDB
 * Local, each timed: the run's view, the first page of the drill-down, the
 * two approvals (the second releases the run and starts the export job),
 * the export's progress, a download link and the download through it. No
 * request may grow with the run: each must stay well under the 30 s an HTTP
 * API integration allows. Beside them the export job's total (every
 * participant's access-log entry, then the file written once), against bare
 * BatchGetItem of the same 10 000 decision items from the same table in the
 * same run.
 *
 * Setup, not timed: P2's seeding and payroll run (test/bench/p2-payroll.ts),
 * then every decision that needs a formal decision resolved through the
 * resolutions repository (which keeps the release check's counter; the
 * bench checks it reaches 0).
 *
 *   P6_PARTICIPANTS=10000 (default)
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamo.js';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { BenchRow } from './bench-table.js';
import { MUNICIPALITY, PERIOD, batchGet, benchIds, quietly, runBenchMonth, seedBenchMonth, startBenchSystem } from './p2-payroll.js';

/** "Well under" the 30 s an API Gateway HTTP API integration may take. */
const REQUEST_GOAL_MS = 10_000;

async function inParallel<T>(items: readonly T[], limit: number, f: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await f(items[next++]!);
  }));
}

export async function benchRelease(): Promise<BenchRow[]> {
  const n = Number(process.env.P6_PARTICIPANTS ?? 10_000);
  const system = await startBenchSystem();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } }));
  try {
    const ids = benchIds(n);
    const t0 = performance.now();
    await seedBenchMonth(db, system, ids);
    const { run, ms } = await runBenchMonth(system, 'run-p6', n);
    console.error(`  p6: ${n} participants seeded and computed (the run: ${(ms / 1000).toFixed(1)} s)`);
    // Resolve every formal decision as advisers would (the repository writes each resolution with its counter change).
    const stored = await batchGet(db, system.env.TABLE_DECISIONS!, ids.map((pid) => ({ pk: `P#${pid}`, sk: `DEC#${PERIOD}#v0001` })));
    const vedtak = (stored as unknown as StoredDecision[]).filter((d) => d.review === 'VEDTAK_REQUIRED');
    await quietly(() =>
      inParallel(vedtak, 8, (d) =>
        system.deps.reviews.putResolutionOnce({
          participantId: d.participantId,
          period: d.period,
          version: d.version,
          decisionId: d.decisionId,
          resolution: { kind: 'FORMAL_DECISION', vedtakReference: `2026/${d.participantId}`, advanceNoticeDate: '2026-11-01' },
          resolvedByRef: 'staff-bench-adviser',
          resolvedAt: '2026-11-02T08:00:00.000Z',
        }),
      ),
    );
    const counts = await system.deps.decisions.getPayMonthCounts(MUNICIPALITY, PERIOD);
    if ((counts?.unresolvedVedtak ?? 0) !== 0) throw new Error(`p6: ${counts?.unresolvedVedtak} formal decisions still counted after resolving all ${vedtak.length}`);
    console.error(`  p6: seeded ${n} participants, ran the month and resolved ${vedtak.length} formal decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const token = (sub: string) => system.issueToken({ sub, groups: ['payroll'], municipality: MUNICIPALITY });
    const [pay1, pay2] = await Promise.all([token('bench-payroll-1'), token('bench-payroll-2')]);
    const timings: { what: string; ms: number; status: number }[] = [];
    const http = async (what: string, method: string, path: string, tok: string): Promise<Record<string, unknown>> => {
      const r0 = performance.now();
      const res = await fetch(`${system.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${tok}` } });
      const body = (await res.json()) as Record<string, unknown>;
      timings.push({ what, ms: performance.now() - r0, status: res.status });
      if (res.status >= 400) throw new Error(`p6: ${what} answered ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const runPath = `/payroll-runs/${run.runId}`;
    await quietly(async () => {
      await http('GET run', 'GET', runPath, pay1);
      await http('GET decisions (first page of 100)', 'GET', `${runPath}/decisions`, pay1);
      await http('POST approval (1st)', 'POST', `${runPath}/approvals`, pay1);
    });
    const j0 = performance.now();
    const jobPolls: number[] = [];
    let lines = 0;
    await quietly(async () => {
      await http('POST approval (2nd: release, starts the export job)', 'POST', `${runPath}/approvals`, pay2);
      await http('POST export (the job runs: nothing started)', 'POST', `${runPath}/export`, pay1);
      for (;;) {
        const r0 = performance.now();
        const res = await fetch(`${system.baseUrl}${runPath}/export`, { headers: { authorization: `Bearer ${pay1}` } });
        const job = (await res.json()) as { status: string; file: { lines: number } | null };
        jobPolls.push(performance.now() - r0);
        if (job.status === 'READY') {
          lines = job.file!.lines;
          break;
        }
        if (job.status === 'FAILED' || res.status >= 400) throw new Error(`p6: the export job ended ${JSON.stringify(job)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    const jobMs = performance.now() - j0;
    timings.push({ what: `GET export (progress, ${jobPolls.length} polls while the job ran; slowest)`, ms: Math.max(...jobPolls), status: 200 });
    const link = (await quietly(() => http('POST export/links', 'POST', `${runPath}/export/links`, pay2))) as { url: string; sha256: string };
    const d0 = performance.now();
    const file = await (await fetch(link.url)).text();
    timings.push({ what: 'GET the file through the link', ms: performance.now() - d0, status: 200 });
    if (lines !== n || file.split('\r\n').length !== n + 2) throw new Error(`p6: the file has ${lines} lines, expected ${n}`);

    // The baseline: the same 10 000 decision items by key, bare BatchGetItem from the same table.
    const b0 = performance.now();
    const items = await batchGet(db, system.env.TABLE_DECISIONS!, ids.map((pid) => ({ pk: `P#${pid}`, sk: `DEC#${PERIOD}#v0001` })));
    const bareMs = performance.now() - b0;
    if (items.length !== n) throw new Error(`p6: BatchGetItem found ${items.length} decisions, expected ${n}`);

    const slowest = Math.max(...timings.map((t) => t.ms));
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    return [
      ...timings.map((t): BenchRow => ({ id: 'P6', figure: `${n} participants: ${t.what}`, value: `${s(t.ms)} (${t.status})`, goal: `< ${REQUEST_GOAL_MS / 1000} s`, met: t.ms < REQUEST_GOAL_MS })),
      { id: 'P6', figure: `${n} participants: slowest request of the release and export`, value: s(slowest), goal: '< 30 s', met: slowest < 30_000 },
      {
        id: 'P6',
        figure: `export job, release to file ready (${n} access-log entries + the file) / bare BatchGetItem of the same ${n} decision items`,
        value: `${s(jobMs)} / ${s(bareMs)} = ${(jobMs / bareMs).toFixed(2)} ×`,
        goal: '–',
        met: null,
      },
    ];
  } finally {
    db.destroy();
    await system.stop();
  }
}
