/**
 * `npm run simulate -- A.json B.json …` (issue: a municipality's folder of
 * cases rerun on every rule change, hundreds of cases a second): the real
 * command in one process on 2 000 generated case files, wall time from
 * spawn to exit; the same command on one file, in the same run, is the
 * process start to subtract.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PROJECT_ROOT } from '../../infra/project.js';
import { caseArbitrary } from '../support/case-arbitrary.js';
import type { BenchRow } from './bench-table.js';

const N = 2000;

function timed(files: readonly string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/simulate.ts', ...files], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`simulate exited ${r.status}`);
  return performance.now() - start;
}

export function benchSimulateBatch(): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'introflyt-bench-simulate-'));
  try {
    const files = fc.sample(caseArbitrary, { numRuns: N, seed: 20261205 }).map((c, i) => {
      const path = join(dir, `case-${String(i).padStart(4, '0')}.json`);
      writeFileSync(path, JSON.stringify(c));
      return path;
    });
    const one = Math.min(timed(files.slice(0, 1)), timed(files.slice(0, 1)));
    const all = timed(files);
    const wall = (N * 1000) / all;
    const afterStart = ((N - 1) * 1000) / (all - one);
    return [
      { id: 'SIM', figure: `simulate, ${N} case files in one process: cases/s, wall time including the process start (${(one / 1000).toFixed(2)} s)`, value: wall.toFixed(0), goal: 'hundreds/s', met: wall >= 200 },
      { id: 'SIM', figure: 'simulate, the same batch: cases/s after the process start', value: afterStart.toFixed(0), goal: '–', met: null },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
