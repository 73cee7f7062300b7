/**
 * P1 (quality.md): engine throughput on one core, participant-months per
 * second with the explanation rendered in every language; and compute alone
 * (strict parse + rules, no explanation) as a multiple of JSON.parse of the
 * same input text, measured in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCase } from '../../shared/domain/case.js';
import { decideCore, simulate } from '../../shared/domain/engine.js';
import { caseArbitrary } from '../support/case-arbitrary.js';
import { GOLDEN_DIR } from '../support/paths.js';
import type { BenchRow } from './bench-table.js';
import { opsPerSecond } from './bench-table.js';

export function benchEngine(): BenchRow[] {
  const golden = readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.case.json'))
    .map((f) => readFileSync(join(GOLDEN_DIR, f), 'utf8'));
  const generated = fc.sample(caseArbitrary, { numRuns: 500, seed: 20261124 }).map((c) => JSON.stringify(c));
  const texts = [...golden, ...generated];
  const objects = texts.map((t) => JSON.parse(t) as unknown);
  const n = texts.length;

  const full = opsPerSecond(() => objects.forEach((o) => simulate(o)), n);
  const compute = opsPerSecond(() => objects.forEach((o) => decideCore(parseCase(o))), n);
  const parse = opsPerSecond(() => texts.forEach((t) => JSON.parse(t)), n);
  const ratio = parse / compute;
  return [
    { id: 'P1', figure: 'engine with nb+en explanations, participant-months/s (1 core)', value: full.toFixed(0), goal: '≥ 10 000/s', met: full >= 10_000 },
    { id: 'P1', figure: 'compute alone (parse + rules), participant-months/s', value: compute.toFixed(0), goal: '–', met: null },
    { id: 'P1', figure: 'compute alone ÷ JSON.parse of the same input (time ratio)', value: `${ratio.toFixed(2)} ×`, goal: '≤ 5 ×', met: ratio <= 5 },
  ];
}
