/**
 * P1 (quality.md): engine throughput on one core, participant-months per
 * second with the explanation in nb and en (the bar's own words, written when
 * those were the only languages), and again in all four languages a decision
 * stores today (nb, en, uk, ar: case-format.md, "each supported language");
 * and compute alone
 * (strict parse + rules, no explanation) as a multiple of JSON.parse of the
 * same input text, measured in the same run. The payroll workflow's own
 * path (a case it built, checked by hand: case.ts `caseOf`; decided with
 * hints and the explanation in every language: participant-month.ts) is
 * measured beside the strict path of external input (`simulate`), in wall
 * time and in this process's CPU time (a shared machine stretches the first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { caseArbitrary } from '../support/case-arbitrary.js';
import { GOLDEN_DIR } from '../support/paths.js';
import type * as EngineModule from './p1-entry.js';
import { importBundled } from './bundle.js';
import type { BenchRow } from './bench-table.js';
import { cpuOpsPerSecond, opsPerSecond } from './bench-table.js';
import type { CaseInput } from '../../shared/domain/case.js';

type Engine = typeof EngineModule;

export async function benchEngine(): Promise<BenchRow[]> {
  const { caseOf, decideMonth, parseCase, decideCore, renderExplanation, simulate } = await importBundled<Engine>(new URL('./p1-entry.ts', import.meta.url));
  const golden = readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.case.json'))
    .map((f) => readFileSync(join(GOLDEN_DIR, f), 'utf8'));
  const generated = fc.sample(caseArbitrary, { numRuns: 500, seed: 20261124 }).map((c) => JSON.stringify(c));
  const texts = [...golden, ...generated];
  const objects = texts.map((t) => JSON.parse(t) as unknown);
  const n = texts.length;

  const parsed = objects.map((o) => parseCase(o));

  // The bar as quality.md words it: rules (with hints) and the explanation in nb and en.
  const nbAndEn = (c: ReturnType<typeof parseCase>) => {
    const core = decideCore(c);
    return renderExplanation(core, 'nb').length + renderExplanation(core, 'en').length;
  };
  const strictNbEn = () => objects.forEach((o) => nbAndEn(parseCase(o)));
  const bar = opsPerSecond(strictNbEn, n);
  const barCpu = cpuOpsPerSecond(strictNbEn, n);
  const builtNbEn = () => (objects as CaseInput[]).forEach((o) => nbAndEn(caseOf(o)));
  const barPayroll = opsPerSecond(builtNbEn, n);
  const barPayrollCpu = cpuOpsPerSecond(builtNbEn, n);
  const full = opsPerSecond(() => objects.forEach((o) => simulate(o)), n);
  const fullCpu = cpuOpsPerSecond(() => objects.forEach((o) => simulate(o)), n);
  const inputs = objects as CaseInput[];
  const payrollMonth = () => inputs.forEach((o) => decideMonth(undefined, () => caseOf(o), o.computedAt));
  const payroll = opsPerSecond(payrollMonth, n);
  const payrollCpu = cpuOpsPerSecond(payrollMonth, n);
  const validateAndCompute = opsPerSecond(() => objects.forEach((o) => decideCore(parseCase(o))), n);
  const compute = opsPerSecond(() => parsed.forEach((c) => decideCore(c)), n);
  const parse = opsPerSecond(() => texts.forEach((t) => JSON.parse(t)), n);
  return [
    { id: 'P1', figure: 'engine: strict parse + rules + nb and en explanations (the bar as written), participant-months/s (1 core)', value: bar.toFixed(0), goal: '≥ 10 000/s', met: bar >= 10_000 },
    { id: 'P1', figure: 'the same, CPU time of the process', value: barCpu.toFixed(0), goal: '≥ 10 000/s', met: barCpu >= 10_000 },
    { id: 'P1', figure: 'the same from a case the workflow built (checked by hand) instead of the strict parse, participant-months/s', value: barPayroll.toFixed(0), goal: '≥ 10 000/s', met: barPayroll >= 10_000 },
    { id: 'P1', figure: 'the same, CPU time of the process', value: barPayrollCpu.toFixed(0), goal: '≥ 10 000/s', met: barPayrollCpu >= 10_000 },
    { id: 'P1', figure: 'engine: strict parse + rules + the explanation in all four stored languages (nb, en, uk, ar), participant-months/s', value: full.toFixed(0), goal: '≥ 10 000/s', met: full >= 10_000 },
    { id: 'P1', figure: 'the same, CPU time of the process', value: fullCpu.toFixed(0), goal: '≥ 10 000/s', met: fullCpu >= 10_000 },
    { id: 'P1', figure: 'payroll participant-month as stored: built case checked + rules + hints + all four languages, participant-months/s', value: payroll.toFixed(0), goal: '≥ 10 000/s', met: payroll >= 10_000 },
    { id: 'P1', figure: 'the same, CPU time of the process', value: payrollCpu.toFixed(0), goal: '≥ 10 000/s', met: payrollCpu >= 10_000 },
    { id: 'P1', figure: 'compute alone (rules on a parsed case) ÷ JSON.parse of its input', value: `${(parse / compute).toFixed(2)} ×`, goal: '≤ 5 ×', met: parse / compute <= 5 },
    { id: 'P1', figure: 'strict zod validation + rules ÷ JSON.parse of its input', value: `${(parse / validateAndCompute).toFixed(2)} ×`, goal: '–', met: null },
  ];
}
