/**
 * `npm run simulate -- A.json B.json …` (cli/simulate.ts): one JSON
 * line per file, in order, a decision or an error; exit 0 only when every
 * file was decided; one file keeps the single-file output. A batch of 500
 * generated cases in one process gives the same bytes as the cases one at a
 * time, here and in a real `simulate` process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { batchLine, runSimulate } from '../../cli/simulate.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { caseArbitrary } from '../support/case-arbitrary.js';
import { GOLDEN_DIR } from '../support/paths.js';

const golden = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.case.json')).sort().map((f) => join(GOLDEN_DIR, f));
const files = new Map<string, string>();
const read = (path: string): string => {
  const text = files.get(path);
  if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return text;
};

let dir: string;
const BATCH: string[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'introflyt-simulate-'));
  const generated = fc.sample(caseArbitrary, { numRuns: 500 - golden.length, seed: 20261205 });
  for (const g of golden) files.set(g, readFileSync(g, 'utf8'));
  generated.forEach((c, i) => {
    const path = join(dir, `case-${String(i).padStart(3, '0')}.json`);
    const text = JSON.stringify(c);
    writeFileSync(path, text);
    files.set(path, text);
  });
  BATCH.push(...files.keys());
  // Files no engine can decide (not in the batch of 500).
  const first = JSON.parse(files.get(golden[0]!)!) as Record<string, unknown>;
  files.set(join(dir, 'bad.json'), JSON.stringify({ ...first, period: '2026-13', extra: 1 }));
  files.set(join(dir, 'broken.json'), '{"caseVersion":');
  files.set(join(dir, 'old.json'), JSON.stringify({ ...first, period: '2021-01', computedAt: '2021-02-01', days: [], absences: [] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The line a file gets when it is decided alone: its single-file output, as a batch line. */
function alone(file: string): string {
  const r = runSimulate([file], read);
  expect([file, r.code, r.stderr]).toEqual([file, 0, '']);
  return batchLine(file, { decision: JSON.parse(r.stdout) });
}

test('a batch of 500 cases in one process gives, byte for byte, the decisions of the cases one at a time', () => {
  expect(BATCH).toHaveLength(500);
  // One at a time first, in reverse order: whatever an earlier case leaves behind (caches) differs from the batch's order.
  const oneByOne = [...BATCH].reverse().map(alone).reverse();
  const streamed: string[] = [];
  const r = runSimulate(BATCH, read, (line) => streamed.push(line));
  expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  expect(streamed).toHaveLength(500);
  streamed.forEach((line, i) => expect([i, line]).toEqual([i, oneByOne[i]]));
  // Each line is one JSON object naming its file, in the order given.
  expect(streamed.map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(BATCH);
  expect(streamed.every((l) => l.endsWith('}\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
});

test('the real command: one process, the same 500 lines (a fresh engine, files read from disk)', () => {
  const onDisk = BATCH.filter((f) => f.startsWith(dir));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/simulate.ts', ...onDisk], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
  expect([r.status, r.stderr]).toEqual([0, '']);
  const lines = r.stdout.split(/(?<=\n)/);
  expect(lines).toHaveLength(onDisk.length);
  lines.forEach((line, i) => expect([i, line]).toEqual([i, alone(onDisk[i]!)]));
});

test('files that cannot be decided get an error line with a code and issues, in order; the others are still decided; exit 2', () => {
  const bad = join(dir, 'bad.json');
  const order = [golden[0]!, bad, join(dir, 'missing.json'), join(dir, 'broken.json'), join(dir, 'old.json'), golden[1]!];
  const r = runSimulate(order, read);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('4 of 6 files could not be decided (see their "error" lines)\n');
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; decision?: unknown; error?: { code: string; issues: { path: string; message: string }[] } });
  expect(lines.map((l) => [l.file, l.error?.code ?? 'decided'])).toEqual([
    [golden[0], 'decided'],
    [bad, 'INVALID_CASE'],
    [join(dir, 'missing.json'), 'FILE_UNREADABLE'],
    [join(dir, 'broken.json'), 'INVALID_JSON'],
    [join(dir, 'old.json'), 'G_MISSING'],
    [golden[1], 'decided'],
  ]);
  expect(lines[1]!.error!.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['period', 'extra']));
  expect(lines[2]!.error!.issues).toEqual([{ path: '', message: 'cannot read the file (ENOENT)' }]);
  expect(Object.keys(lines[0]!)).toEqual(['file', 'decision']);
  expect(Object.keys(lines[1]!)).toEqual(['file', 'error']);
  expect(`${JSON.stringify(lines[0])}\n`).toBe(alone(golden[0]!));
});

test('one file keeps today’s output: pretty JSON, or the explanation with --text; errors on stderr only', () => {
  const one = runSimulate([golden[0]!], read);
  expect(one.stdout).toBe(`${JSON.stringify(JSON.parse(one.stdout), null, 2)}\n`);
  expect(runSimulate([golden[0]!, '--text', '--lang', 'en'], read).stdout).toMatch(/^## In short\n/);
  expect(runSimulate([join(dir, 'missing.json')], read)).toEqual({ code: 2, stdout: '', stderr: `${join(dir, 'missing.json')}: cannot read the file (ENOENT)\n` });
  expect(runSimulate([join(dir, 'broken.json')], read).stderr).toMatch(/broken\.json: not valid JSON/);
  expect(runSimulate([join(dir, 'bad.json')], read).stderr).toMatch(/bad\.json: INVALID_CASE\n {2}/);
});

test('usage errors exit 2 and print nothing on stdout', () => {
  for (const argv of [[], [golden[0]!, golden[1]!, '--text'], [golden[0]!, '--lang', 'en'], [golden[0]!, '--text', '--lang', 'xx'], ['--nope']]) {
    const r = runSimulate(argv, read);
    expect([argv, r.code, r.stdout]).toEqual([argv, 2, '']);
    expect(r.stderr).toMatch(/usage|--lang|unknown/);
  }
});
