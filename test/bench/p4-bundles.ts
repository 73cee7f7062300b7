/**
 * P4 (quality.md): every function's bundle, built as CDK's NodejsFunction
 * builds it for the stack (infra/constructs/introflyt-function.ts: local
 * esbuild, ESM, node22, minified, main fields module/main, the createRequire
 * banner, source map without sources, and NodejsFunction's default for the
 * Node 22 runtime: `@aws-sdk/*` left to the runtime), and its fresh-process
 * import time: a new Node 22 process imports the bundle and times the
 * `import()` (median of N runs), with `--enable-source-maps` as the function
 * runs it. The size is of the `.mjs` (the `.map` is not loaded unless a stack
 * trace is printed).
 *
 * Bundles go to test/artifacts/ (git-ignored) so the external `@aws-sdk/*`
 * imports resolve from node_modules, as they do from Lambda's runtime.
 *
 *   P4_RUNS=5 (default)   imports per function
 *   P4_ONLY=fn1,fn2       only these functions (default: every fn of shared/contract/routes.ts, the payroll workflow's tasks and the audit trail's)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/introflyt-function.js';
import { PROJECT_ROOT, handlerEntry } from '../../infra/project.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { ARCHIVE_ESBUILD_ARGS } from '../../infra/constructs/archive-bundling.js';
import { PAYROLL_TASKS } from '../../infra/constructs/payroll-workflow.js';
import { AUDIT_TRAIL_FUNCTIONS } from '../../infra/constructs/audit-trail.js';
import type { BenchRow } from './bench-table.js';

const MAX_BYTES = 1_000_000;
const MAX_IMPORT_MS = 150;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A new Node process imports the module and reports how long the `import()` took. */
function importMs(file: string, cwd: string): number {
  const probe = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', probe], {
    cwd,
    // What Lambda gives a function; the table variables are not needed to import it.
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-north-1', POWERTOOLS_SERVICE_NAME: 'introflyt' },
    encoding: 'utf8',
  });
  return Number(out.trim());
}

export async function benchBundles(): Promise<BenchRow[]> {
  const runs = Number(process.env.P4_RUNS ?? 5);
  const only = process.env.P4_ONLY?.split(',').filter((f) => f.length > 0);
  const fns = [...new Set([...ROUTES.map((r) => r.fn), ...Object.values(PAYROLL_TASKS), ...AUDIT_TRAIL_FUNCTIONS])].filter((fn) => only === undefined || only.includes(fn)).sort();
  const dir = join(PROJECT_ROOT, 'test', 'artifacts', `p4-bundles-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const rows: BenchRow[] = [];
  try {
    const results: { fn: string; bytes: number; importMs: number }[] = [];
    for (const fn of fns) {
      const outfile = join(dir, fn, 'index.mjs');
      await build({
        entryPoints: [handlerEntry(fn)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: { js: ESM_REQUIRE_BANNER },
        minify: true,
        sourcemap: true,
        sourcesContent: false,
        external: ['@aws-sdk/*'],
        // The archive task's bundle leaves fontkit's WOFF2 decoder out, as its CDK bundling does (infra/constructs/archive-bundling.ts).
        ...(fn === PAYROLL_TASKS.ArchivePackage ? { alias: { brotli: ARCHIVE_ESBUILD_ARGS['--alias:brotli']! } } : {}),
        outfile,
        logLevel: 'error',
      });
      const bytes = statSync(outfile).size;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(importMs(outfile, dir));
      results.push({ fn, bytes, importMs: median(times) });
      console.error(`P4: ${fn.padEnd(34)} ${(bytes / 1024).toFixed(1).padStart(7)} KiB  import ${median(times).toFixed(1).padStart(6)} ms (median of ${runs})`);
    }
    for (const r of results) {
      rows.push({
        id: 'P4',
        figure: `${r.fn}: bundle (minified) / fresh-process import (median of ${runs})`,
        value: `${(r.bytes / 1024).toFixed(0)} KiB / ${r.importMs.toFixed(0)} ms`,
        goal: '≤ 1 MB / ≤ 150 ms',
        met: r.bytes <= MAX_BYTES && r.importMs <= MAX_IMPORT_MS,
      });
    }
    // The same probe on the AWS SDK clients alone (external to every bundle, loaded from the
    // runtime on Lambda): the part of each import time that no bundle change can remove.
    const sdk = join(dir, 'sdk-only.mjs');
    writeFileSync(sdk, "import '@aws-sdk/client-dynamodb';\nimport '@aws-sdk/lib-dynamodb';\nexport const handler = () => undefined;\n");
    const sdkTimes: number[] = [];
    for (let i = 0; i < runs; i++) sdkTimes.push(importMs(sdk, dir));
    rows.push({ id: 'P4', figure: `of which the DynamoDB SDK clients alone (median of ${runs})`, value: `${median(sdkTimes).toFixed(0)} ms`, goal: '–', met: null });
    const biggest = results.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const slowest = results.reduce((a, b) => (b.importMs > a.importMs ? b : a));
    rows.push(
      { id: 'P4', figure: `largest bundle of ${results.length} functions (${biggest.fn})`, value: `${(biggest.bytes / 1024).toFixed(0)} KiB`, goal: '≤ 1 MB', met: biggest.bytes <= MAX_BYTES },
      { id: 'P4', figure: `slowest fresh-process import (${slowest.fn})`, value: `${slowest.importMs.toFixed(0)} ms`, goal: '≤ 150 ms', met: slowest.importMs <= MAX_IMPORT_MS },
    );
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
