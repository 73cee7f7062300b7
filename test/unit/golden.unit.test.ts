/**
 * Every golden case in ../shared/spec/golden passes through the same code path
 * as `npm run simulate` (runSimulate). A new golden file is picked up without
 * code changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulate } from '../../cli/simulate.js';
import { GOLDEN_DIR } from '../support/paths.js';

const cases = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .sort();

test('the golden folder has cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(12);
});

describe.each(cases)('%s', (file) => {
  const expected = JSON.parse(readFileSync(join(GOLDEN_DIR, file.replace(/\.case\.json$/, '.expected.json')), 'utf8'));
  const run = runSimulate([join(GOLDEN_DIR, file)]);
  const decision = JSON.parse(run.stdout || 'null');

  test('simulate exits 0 with the decision on stdout', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('amounts, review and rates equal the expected file', () => {
    expect({
      period: decision.period,
      baseOre: decision.baseOre,
      deductionOre: decision.deductionOre,
      payoutOre: decision.payoutOre,
      review: decision.review,
    }).toEqual({
      period: expected.period,
      baseOre: expected.baseOre,
      deductionOre: expected.deductionOre,
      payoutOre: expected.payoutOre,
      review: expected.review,
    });
    for (const k of ['gOre', 'gEffectiveFrom', 'factor'] as const)
      if (k in expected) expect(decision.rates[k]).toBe(expected[k]);
    if (expected.counters) expect(decision.counters).toMatchObject(expected.counters);
  });

  test('lines equal the expected file (date, kind, reason code, amount)', () => {
    const pick = (l: Record<string, unknown>) => ({ date: l.date, kind: l.kind, reasonCode: l.reasonCode, amountOre: l.amountOre });
    expect(decision.lines.map(pick)).toEqual(expected.lines.map(pick));
    expected.lines.forEach((l: Record<string, unknown>, i: number) => {
      if ('minutes' in l) expect(decision.lines[i].minutes).toBe(l.minutes);
      if ('provisional' in l) expect(decision.lines[i].provisional).toBe(l.provisional);
    });
  });
});
