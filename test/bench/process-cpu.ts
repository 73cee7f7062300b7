/**
 * CPU time of DynamoDB Local's JVM by kind of thread, read from Linux's
 * /proc (the benches' profile of the store's side: Node's own CPU comes from
 * process.cpuUsage). Undefined where /proc is not there.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface JvmCpu {
  /** Milliseconds of CPU per kind: requests (Jetty's qtp threads), sqlite, jit (C1/C2 compilers), gc, other. */
  byKind: Record<'requests' | 'sqlite' | 'jit' | 'gc' | 'other', number>;
  total: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

function kindOf(name: string): keyof JvmCpu['byKind'] {
  if (name.startsWith('qtp')) return 'requests';
  if (name.startsWith('SQLite')) return 'sqlite';
  if (/Compiler/.test(name)) return 'jit';
  if (/^(GC|G1)/.test(name)) return 'gc';
  return 'other';
}

export function jvmCpu(pid: number): JvmCpu | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const byKind = { requests: 0, sqlite: 0, jit: 0, gc: 0, other: 0 };
  for (const t of tasks) {
    try {
      const raw = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const f = raw.slice(raw.lastIndexOf(') ') + 2).split(' ');
      byKind[kindOf(name)] += (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return { byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0) };
}

/** `after − before`, per participant or item. */
export function perItem(before: JvmCpu | undefined, after: JvmCpu | undefined, n: number): string {
  if (before === undefined || after === undefined) return 'n/a (no /proc)';
  const d = (k: keyof JvmCpu['byKind']) => ((after.byKind[k] - before.byKind[k]) / n).toFixed(2);
  return `${((after.total - before.total) / n).toFixed(2)} ms (requests ${d('requests')}, sqlite ${d('sqlite')}, JIT ${d('jit')}, GC ${d('gc')}, other ${d('other')})`;
}
