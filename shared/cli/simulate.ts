/**
 * `npm run simulate -- CASE.json [--lang nb|en --text]`
 *
 * Prints the decision for one case as JSON on stdout, or with `--text` the
 * rendered explanation in one language. A bad file exits 2 with a message
 * naming the field on stderr, and prints nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CaseError } from '../domain/case.js';
import { simulate } from '../domain/engine.js';
import { LANGUAGES } from '../domain/explanation/render.js';

const USAGE = 'usage: npm run simulate -- CASE.json [--lang nb|en --text]';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSimulate(argv: string[], read: (path: string) => string = (p) => readFileSync(p, 'utf8')): CliResult {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { lang: { type: 'string' }, text: { type: 'boolean' } } });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) return fail(USAGE);
  const lang = args.values.lang ?? 'nb';
  if (!LANGUAGES.includes(lang)) return fail(`--lang: unknown language "${lang}" (known: ${LANGUAGES.join(', ')})`);
  if (args.values.lang !== undefined && !args.values.text) return fail(`--lang needs --text\n${USAGE}`);

  let raw: string;
  try {
    raw = read(file);
  } catch (e) {
    return fail(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch (e) {
    return fail(`${file}: not valid JSON (${(e as Error).message})`);
  }
  try {
    const decision = simulate(input);
    return { code: 0, stdout: args.values.text ? `${decision.explanation[lang]}\n` : `${JSON.stringify(decision, null, 2)}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof CaseError)
      return fail(`${file}: ${e.code}\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    throw e;
  }
}

function fail(message: string): CliResult {
  return { code: 2, stdout: '', stderr: `${message}\n` };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const r = runSimulate(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
