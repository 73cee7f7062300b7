/**
 * `npx tsx test/bench/explanation-render.ts`: microseconds per explanation
 * render (nb and en, one core), on decisions the engine makes from the golden
 * cases and 500 generated ones, next to the engine's own compute time in the
 * same run. Runs the esbuild bundle, as the Lambda functions do. Not a timed
 * unit test: machines are noisy, so the figure is printed, not asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { caseArbitrary } from '../support/case-arbitrary.js';
import { GOLDEN_DIR } from '../support/paths.js';
import type * as Entry from './explanation-render-entry.js';
import { importBundled } from './bundle.js';
import { cpuOpsPerSecond } from './bench-table.js';

const { parseCase, decideCore, renderExplanation, LANGUAGES } = await importBundled<typeof Entry>(new URL('./explanation-render-entry.ts', import.meta.url));
const golden = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .map((f) => JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8')) as unknown);
const generated = fc.sample(caseArbitrary, { numRuns: 500, seed: 20261124 }) as unknown[];
const cases = [...golden, ...generated].map((c) => parseCase(c));
const cores = cases.map((c) => decideCore(c));
const n = cores.length;

/**
 * CPU microseconds of this process per operation: other processes on a
 * shared machine stretch wall time but not the CPU time we use. Best of
 * five rounds of `ms` each, after a warm-up round.
 */
function cpuMicros(fn: () => void, opsPerCall: number, ms = 1500): number {
  return 1e6 / cpuOpsPerSecond(fn, opsPerCall, ms, 5);
}

const compute = cpuMicros(() => cases.forEach((c) => decideCore(c)), n);
const render = cpuMicros(() => cores.forEach((d) => LANGUAGES.forEach((lang) => renderExplanation(d, lang))), n);
const chars = cores.reduce((sum, d) => sum + renderExplanation(d, 'nb').length, 0) / n;

console.log(`decisions: ${n} (golden + generated), mean nb text ${chars.toFixed(0)} chars; CPU time, best of 5`);
console.log(`engine compute (decideCore):  ${compute.toFixed(1)} µs/decision`);
console.log(`render ${LANGUAGES.join(' + ')}:              ${render.toFixed(1)} µs/decision (${(render / LANGUAGES.length).toFixed(1)} µs per language)`);
console.log(`compute + render, one core:   ${(1e6 / (compute + render)).toFixed(0)} decisions/s (goal ≥ 10 000)`);
