/**
 * `npm run simulate -- CASE.json [--lang nb|en --text]`
 * `npm run simulate -- A.json B.json …`
 *
 * One file: prints the decision as JSON on stdout, or with `--text` the
 * rendered explanation in one language. A bad file exits 2 with a message
 * naming the field on stderr, and prints nothing on stdout.
 *
 * More than one file (a municipality's folder of cases, rerun on every rule
 * change): one JSON line per file, in the order given, as each is decided:
 *   {"file": "A.json", "decision": {…}}
 *   {"file": "B.json", "error": {"code": "INVALID_CASE", "issues": [{"path": …, "message": …}]}}
 * The engine is loaded once for the whole batch. Exit 0 when every file was
 * decided, 2 otherwise (the other files are still decided and printed).
 * Error codes: the engine's (INVALID_CASE, G_MISSING, PARAMETER_MISSING) and FILE_UNREADABLE,
 * INVALID_JSON.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CaseIssue } from '../shared/domain/case.js';
import { CaseError } from '../shared/domain/case.js';
import type { Decision } from '../shared/domain/decision.js';
import { simulate } from '../shared/domain/engine.js';
import { LANGUAGES } from '../shared/domain/explanation/render.js';

const USAGE = 'usage: npm run simulate -- CASE.json [--lang nb|en --text]\n       npm run simulate -- A.json B.json … (one JSON line per file)';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type FileOutcome = { decision: Decision } | { error: { code: string; issues: CaseIssue[] } };

const failure = (code: string, message: string): FileOutcome => ({ error: { code, issues: [{ path: '', message }] } });

/** One case file through the engine: its decision, or why there is none. Errors other than a bad file are thrown. */
export function decideFile(file: string, read: (path: string) => string): FileOutcome {
  let raw: string;
  try {
    raw = read(file);
  } catch (e) {
    return failure('FILE_UNREADABLE', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch (e) {
    return failure('INVALID_JSON', `not valid JSON (${(e as Error).message})`);
  }
  try {
    return { decision: simulate(input) };
  } catch (e) {
    if (e instanceof CaseError) return { error: { code: e.code, issues: e.issues } };
    throw e;
  }
}

/** The batch's line for one file (key order: file first). */
export const batchLine = (file: string, outcome: FileOutcome): string => `${JSON.stringify({ file, ...outcome })}\n`;

/**
 * The CLI. `write`, when given, receives the batch's lines one by one as they
 * are made (the process streams them to stdout); otherwise they are collected
 * in `stdout`.
 */
export function runSimulate(argv: string[], read: (path: string) => string = (p) => readFileSync(p, 'utf8'), write?: (line: string) => void): CliResult {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { lang: { type: 'string' }, text: { type: 'boolean' } } });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
  const files = args.positionals;
  if (files.length === 0) return fail(USAGE);
  const lang = args.values.lang ?? 'nb';
  if (!LANGUAGES.includes(lang)) return fail(`--lang: unknown language "${lang}" (known: ${LANGUAGES.join(', ')})`);
  if (args.values.lang !== undefined && !args.values.text) return fail(`--lang needs --text\n${USAGE}`);
  if (files.length > 1) {
    if (args.values.text) return fail(`--text takes one CASE.json; several files give one JSON line each\n${USAGE}`);
    return runBatch(files, read, write);
  }

  const file = files[0]!;
  const outcome = decideFile(file, read);
  if ('decision' in outcome)
    return { code: 0, stdout: args.values.text ? `${outcome.decision.explanation[lang]}\n` : `${JSON.stringify(outcome.decision, null, 2)}\n`, stderr: '' };
  const { code, issues } = outcome.error;
  if (code === 'FILE_UNREADABLE' || code === 'INVALID_JSON') return fail(`${file}: ${issues[0]!.message}`);
  return fail(`${file}: ${code}\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
}

function runBatch(files: readonly string[], read: (path: string) => string, write: ((line: string) => void) | undefined): CliResult {
  const lines: string[] = [];
  const emit = write ?? ((line: string) => void lines.push(line));
  let failed = 0;
  for (const file of files) {
    const outcome = decideFile(file, read);
    if ('error' in outcome) failed++;
    emit(batchLine(file, outcome));
  }
  return { code: failed === 0 ? 0 : 2, stdout: lines.join(''), stderr: failed === 0 ? '' : `${failed} of ${files.length} files could not be decided (see their "error" lines)\n` };
}

function fail(message: string): CliResult {
  return { code: 2, stdout: '', stderr: `${message}\n` };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  // A batch is streamed line by line (stdout to a pipe or file is synchronous on Linux and macOS).
  const r = runSimulate(process.argv.slice(2), undefined, (line) => process.stdout.write(line));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
