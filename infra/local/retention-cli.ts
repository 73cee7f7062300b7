/**
 * `npm run retention`: the retention run (docs/retention.md) on the local
 * system, the same handler the daily EventBridge schedule invokes on AWS:
 * DynamoDB Local on the same data as `npm start` (stop that first: one
 * DynamoDB Local per folder).
 *
 *   --municipality NNNN     only this municipality (default: every municipality with participants)
 *   --data-dir DIR          default: INTROFLYT_DATA_DIR or .local
 *   --memory                an empty in-memory store, seeded with the demo (a dry run of the demo)
 *
 * Prints one JSON line per municipality: what was minimised (counts only).
 * Exit code 0, 1 when the run failed, 2 for bad arguments.
 */
import { join, resolve } from 'node:path';
import { runAsScript } from './run-cli.js';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../project.js';
import { startLocalSystem, type LocalSystem } from './system.js';

const USAGE = 'usage: npm run retention -- [--municipality NNNN] [--data-dir DIR | --memory]\n';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { municipality: { type: 'string' }, 'data-dir': { type: 'string' }, memory: { type: 'boolean', default: false } }, strict: true }).values;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (args.municipality !== undefined && !/^\d{4}$/.test(args.municipality)) {
    process.stderr.write(`--municipality must be four digits\n${USAGE}`);
    return 2;
  }
  const dataDir = args.memory ? null : resolve(args['data-dir'] ?? process.env.INTROFLYT_DATA_DIR ?? join(PROJECT_ROOT, '.local'));
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.stderr.write(`Starting the local system (${dataDir ?? 'in memory'}) …\n`);
  let system: LocalSystem | undefined;
  try {
    system = await startLocalSystem({ port: 0, dataDir, seed: true, demo: false, quiet: true, staticDir: null });
    // The same handler, bound to the local system's dependency object.
    const { handler } = await import('../../functions/retention-run/handler.js');
    const { runs } = await handler.withDeps(system.deps)(args.municipality === undefined ? {} : { municipalities: [args.municipality] });
    for (const r of runs) process.stdout.write(`${JSON.stringify(r)}\n`);
    return 0;
  } finally {
    await system?.stop();
  }
}

runAsScript(import.meta.url, 'retention', main);
