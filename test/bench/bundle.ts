/**
 * Imports a module as the Lambda functions carry it: bundled by esbuild (ESM,
 * node22, minified) into a temporary folder, so a bench measures the
 * production code, not the test transpiler's output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function importBundled<T>(entry: URL): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'introflyt-bench-'));
  try {
    const outfile = join(dir, 'entry.mjs');
    await build({ entryPoints: [fileURLToPath(entry)], bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node22', outfile, logLevel: 'error' });
    return (await import(pathToFileURL(outfile).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
