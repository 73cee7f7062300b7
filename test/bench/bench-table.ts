/** Result rows of `npm run bench`, printed as one table. */
export interface BenchRow {
  id: string;
  figure: string;
  value: string;
  goal: string;
  met: boolean | null;
}

export function printTable(rows: BenchRow[]): string {
  const head = ['id', 'figure', 'measured', 'goal', 'met'];
  const cells = rows.map((r) => [r.id, r.figure, r.value, r.goal, r.met === null ? '–' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** Runs fn repeatedly for at least `ms` milliseconds; returns operations per second. */
export function opsPerSecond(fn: () => void, opsPerCall: number, ms = 2000): number {
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < ms) {
    fn();
    calls++;
  }
  return (calls * opsPerCall * 1000) / (performance.now() - start);
}

/**
 * The same in CPU time of this process: on a machine shared with other work
 * the wall clock stretches while we wait for a core, the CPU time we use much
 * less. Best of `rounds` rounds after a warm-up round.
 */
export function cpuOpsPerSecond(fn: () => void, opsPerCall: number, ms = 1000, rounds = 3): number {
  let best = 0;
  for (let round = 0; round <= rounds; round++) {
    const start = process.cpuUsage();
    const wallStart = performance.now();
    let calls = 0;
    while (performance.now() - wallStart < ms) {
      fn();
      calls++;
    }
    const used = process.cpuUsage(start);
    if (round > 0) best = Math.max(best, (calls * opsPerCall * 1e6) / (used.user + used.system));
  }
  return best;
}
