/**
 * `npm run bench [-- p1 p3 …]`: the performance figures of quality.md (and
 * P6, issue 15: release and export of a large run), each measured against a
 * baseline taken in the same run. Prints one table.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { BenchRow } from './bench-table.js';
import { printTable } from './bench-table.js';

type Bench = () => Promise<BenchRow[]> | BenchRow[];

const BENCHES: Record<string, () => Promise<Bench>> = {
  p1: async () => (await import('./p1-engine.js')).benchEngine,
  p2: async () => (await import('./p2-payroll.js')).benchPayroll,
  p3: async () => (await import('./p3-checkin.js')).benchCheckin,
  p4: async () => (await import('./p4-bundles.js')).benchBundles,
  p6: async () => (await import('./p6-release.js')).benchRelease,
  sim: async () => (await import('./simulate-batch.js')).benchSimulateBatch,
};

const wanted = process.argv.slice(2).map((a) => a.toLowerCase());
const ids = wanted.length ? wanted : Object.keys(BENCHES);
const unknown = ids.filter((id) => !(id in BENCHES));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const id of ids) {
  console.error(`bench ${id} …`);
  rows.push(...(await (await BENCHES[id]!())()));
}
console.log(printTable(rows));
console.log(`\nnode ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
