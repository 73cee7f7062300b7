/** `npm run payroll -- --period …` says what is wrong with the period, not only the usage line (issue 11 §4). */
import { periodProblem } from '../../infra/local/payroll-cli.js';

test('a month past 12, a period not written YYYY-MM and a missing period are each named; a real month passes', () => {
  expect(periodProblem('2026-13')).toBe('--period 2026-13: the month must be 01 to 12, not 13.');
  expect(periodProblem('2026-00')).toBe('--period 2026-00: the month must be 01 to 12, not 00.');
  expect(periodProblem('nov')).toMatch(/^--period nov is not a month: write it as YYYY-MM/);
  expect(periodProblem(undefined)).toMatch(/^--period is missing/);
  expect(periodProblem('2026-11')).toBeNull();
});
