/**
 * The local commands' entry: run `main` only when the module is the script
 * itself (`tsx infra/local/payroll-cli.ts`), not when a test imports it, and
 * exit with its code; a failure is one line on stderr, exit 1.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export function runAsScript(moduleUrl: string, name: string, main: () => Promise<number>): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
