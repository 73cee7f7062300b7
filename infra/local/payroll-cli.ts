/**
 * `npm run payroll -- --period YYYY-MM`: runs a municipality's month from the
 * terminal on the local system (architecture.md "Local runtime"): DynamoDB
 * Local on the same data as `npm start` (`.local/`, demo seeded if empty),
 * the run started through the real route (POST /payroll-runs as a demo
 * payroll user), the synthesized ASL in the local interpreter, a progress bar
 * on stderr and the summary table on stdout.
 *
 *   --period YYYY-MM        the month (required)
 *   --municipality NNNN     default: the demo municipality 5001
 *   --data-dir DIR          default: INTROFLYT_DATA_DIR or .local (stop `npm start` first: one DynamoDB Local per folder)
 *   --memory                an empty in-memory store, seeded with the demo (no files)
 *   --out FILE              for a released run: save the export file there (mode 0600) through its link
 *
 * A month that already has a run prints that run's summary (one run per
 * municipality and month); a FAILED one is restarted, a stopped one resumed.
 * A month is computed when it has ended (Europe/Oslo): an earlier start is
 * refused before anything starts, naming the first day it can, as the API
 * refuses it (409 MONTH_NOT_ENDED).
 * A released run's export job is started if it has not run (or resumed),
 * its progress shown, and then a short-lived download link printed; the link
 * is served by this command's local server, so it works while the command
 * runs (on a terminal it waits until the link expires; Ctrl-C stops) or use
 * --out to save the file.
 * Exit code: 0 when the run awaits approval or is released (and exported),
 * 1 when it or its export failed, 2 for bad arguments, 3 when the month has
 * not ended yet.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAsScript } from './run-cli.js';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../project.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import { runNotYetAllowed } from '../../shared/domain/payroll/month-ended.js';
import type { RunTotals } from '../../shared/domain/payroll/run.js';
import { DEMO_USERS } from './seed.js';
import { startLocalSystem, type LocalSystem } from './system.js';

interface RunBody {
  runId: string;
  status: string;
  failure: string | null;
  progress: { batches: number; batchesDone: number; participants: number; percent: number };
  totals: RunTotals | null;
}

const REVIEW_CLASSES = ['AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED'] as const;

/** øre → "12 345,67" (Norwegian grouping and decimal comma, as in the payroll system). */
export function kroner(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const kr = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${kr},${String(abs % 100).padStart(2, '0')}`;
}

export function summaryTable(t: RunTotals): string {
  const rows: string[][] = [['review class', 'count', 'base (kr)', 'deduction (kr)', 'payout (kr)']];
  for (const r of REVIEW_CLASSES) {
    const a = t.amountsByReview[r];
    rows.push([r, String(t.byReview[r]), kroner(a.baseOre), kroner(a.deductionOre), kroner(a.payoutOre)]);
  }
  rows.push(['total', String(t.decided), kroner(t.baseOre), kroner(t.deductionOre), kroner(t.payoutOre)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    line(rows[0]!),
    rule,
    ...rows.slice(1, -1).map(line),
    rule,
    line(rows.at(-1)!),
    '',
    `participants in the run: ${t.participants} (decided: ${t.decided})`,
    `back-payments of earlier months: ${kroner(t.backPaymentOre)} kr; negative corrections sent to an adviser: ${t.adviserCorrections}`,
  ].join('\n');
}

/** What is wrong with `--period` (null: nothing), said so a newcomer can fix it (issue 11 §4). */
export function periodProblem(period: string | undefined): string | null {
  if (period === undefined) return '--period is missing: name the month to run, for example --period 2026-11.';
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m === null) return `--period ${period} is not a month: write it as YYYY-MM, for example 2026-11.`;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `--period ${period}: the month must be 01 to 12, not ${m[2]}.`;
  return null;
}

/** Exit code when the month has not ended yet. */
export const EXIT_MONTH_NOT_ENDED = 3;

/** The refusal printed when `period` cannot be run on `osloToday` (null: it can). */
export function monthNotEndedMessage(period: string, osloToday: string): string | null {
  const first = runNotYetAllowed(period, osloToday);
  return first === null ? null : `The month ${period} has not ended yet (Europe/Oslo), so it cannot be computed: the programme days still ahead would count as absence.\nIts run can start on ${first} or later.\n`;
}

function gauge(percent: number, width = 30): string {
  const filled = Math.round((percent / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)} %`;
}

function bar(p: RunBody['progress']): string {
  return `${gauge(p.percent)}  batches ${p.batchesDone}/${p.batches}  participants ${p.participants}`;
}

/** GET /payroll-runs/{id}/export (shared/features/payroll/export-view.ts). */
export interface ExportBody {
  status: 'NOT_STARTED' | 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  phase: string | null;
  percent: number;
  done: number;
  total: number;
  failure: string | null;
  file: { filename: string; sha256: string; lines: number; bytes: number } | null;
}

export interface ExportLinkBody {
  url: string;
  expiresAt: string;
  filename: string;
  sha256: string;
  lines: number;
}

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> & { code?: string; message?: string } }>;

/** One progress line of the export job. */
export function exportLine(e: ExportBody): string {
  const what = e.phase === 'ACCESS_LOG' ? `access log ${e.done}/${e.total}` : (e.phase ?? e.status).toLowerCase().replace('_', ' ');
  return `${gauge(e.percent)}  export ${what}`;
}

/**
 * A released run's export: starts its job unless it runs or is ready
 * (POST …/export), follows its progress, then asks for a link. Returns the
 * link, or the reason the job failed.
 */
export async function followExport(call: ApiCall, runId: string, progress: (e: ExportBody) => void, pollMs = 500): Promise<{ ok: true; link: ExportLinkBody } | { ok: false; reason: string }> {
  const started = await call('POST', `/payroll-runs/${runId}/export`);
  if (started.status >= 400) return { ok: false, reason: `${started.body.code ?? started.status} ${started.body.message ?? ''}` };
  let e = started.body as unknown as ExportBody;
  while (e.status === 'PENDING' || e.status === 'RUNNING') {
    progress(e);
    await new Promise((r) => setTimeout(r, pollMs));
    e = (await call('GET', `/payroll-runs/${runId}/export`)).body as unknown as ExportBody;
  }
  progress(e);
  if (e.status !== 'READY') return { ok: false, reason: e.failure ?? e.status };
  const link = await call('POST', `/payroll-runs/${runId}/export/links`);
  if (link.status >= 400) return { ok: false, reason: `${link.body.code ?? link.status} ${link.body.message ?? ''}` };
  return { ok: true, link: link.body as unknown as ExportLinkBody };
}

/** Downloads the file through its link and saves it (0600); refuses bytes that do not match the job's checksum. */
export async function saveExport(link: ExportLinkBody, file: string): Promise<number> {
  const res = await fetch(link.url);
  if (!res.ok) throw new Error(`the download link answered ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (createHash('sha256').update(bytes).digest('hex') !== link.sha256) throw new Error('the downloaded file does not match the export’s checksum');
  writeFileSync(file, bytes, { mode: 0o600 });
  return bytes.length;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { period: { type: 'string' }, municipality: { type: 'string', default: '5001' }, 'data-dir': { type: 'string' }, memory: { type: 'boolean', default: false }, out: { type: 'string' } },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nusage: npm run payroll -- --period YYYY-MM [--municipality NNNN] [--data-dir DIR | --memory] [--out FILE]\n`);
    return 2;
  }
  const period = args.period;
  const wrong = periodProblem(period);
  if (wrong !== null || period === undefined) {
    process.stderr.write(`${wrong ?? ''}\nusage: npm run payroll -- --period YYYY-MM [--municipality NNNN] [--data-dir DIR | --memory] [--out FILE]\n`);
    return 2;
  }
  const notEnded = monthNotEndedMessage(period, osloDateOf(new Date().toISOString()));
  if (notEnded !== null) {
    process.stderr.write(notEnded);
    return EXIT_MONTH_NOT_ENDED;
  }
  const municipality = args.municipality;
  const dataDir = args.memory ? null : resolve(args['data-dir'] ?? process.env.INTROFLYT_DATA_DIR ?? join(PROJECT_ROOT, '.local'));
  // Handler log lines are JSON on stdout; here stdout is the table, so only warnings and errors are kept.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.stderr.write(`Starting the local system (${dataDir ?? 'in memory'}) …\n`);

  let system: LocalSystem | undefined;
  try {
    system = await startLocalSystem({ port: 0, dataDir, seed: true, demo: true, quiet: true, staticDir: null });
    const payroll = DEMO_USERS.find((u) => u.groups.includes('payroll'))!;
    const token = await system.issueToken({ sub: payroll.sub, groups: [...payroll.groups], municipality });
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: RunBody & Record<string, unknown> & { code?: string; message?: string } }> => {
      const res = await fetch(`${system!.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as RunBody & Record<string, unknown> & { code?: string; message?: string } };
    };

    const started = await call('POST', '/payroll-runs', { period });
    // The server's clock decides; it may be a moment ahead of or behind this one.
    if (started.body.code === 'MONTH_NOT_ENDED') {
      process.stderr.write(`${started.body.message ?? 'The month has not ended yet'}\n`);
      return EXIT_MONTH_NOT_ENDED;
    }
    if (started.status >= 400) {
      process.stderr.write(`cannot start the run: ${started.body.code ?? started.status} ${started.body.message ?? ''}\n`);
      return 1;
    }
    let run = started.body;
    process.stderr.write(`Run ${run.runId} for municipality ${municipality}, ${period}${started.status === 200 ? ' (exists)' : ''}\n`);
    const tty = process.stderr.isTTY;
    while (run.status === 'COMPUTING') {
      process.stderr.write(tty ? `\r${bar(run.progress)}` : `${bar(run.progress)}\n`);
      await new Promise((r) => setTimeout(r, tty ? 200 : 2000));
      run = (await call('GET', `/payroll-runs/${run.runId}`)).body;
      // The execution runs in this process: if it ended and the run is still computing, marking it failed failed too.
      if (run.status === 'COMPUTING' && system.workflow.running().length === 0) run = (await call('GET', `/payroll-runs/${run.runId}`)).body;
      if (run.status === 'COMPUTING' && system.workflow.running().length === 0) {
        process.stderr.write('\nThe workflow stopped without finishing the run; run the command again to resume it.\n');
        return 1;
      }
    }
    process.stderr.write(`${tty ? '\r' : ''}${bar(run.progress)}\n`);
    if (run.status === 'FAILED' || run.totals === null) {
      process.stderr.write(`The run failed: ${run.failure ?? 'unknown reason'}. Run the command again to restart it.\n`);
      return 1;
    }
    process.stdout.write(`\nPayroll ${period}, municipality ${municipality}: ${run.status}\n\n${summaryTable(run.totals)}\n`);
    if (run.status !== 'RELEASED') return 0;

    // Released: the export job (started by the release; started or resumed here if it has not run), then a link.
    const exported = await followExport(call, run.runId, (e) => process.stderr.write(tty ? `\r${exportLine(e)}` : `${exportLine(e)}\n`), tty ? 200 : 2000);
    if (tty) process.stderr.write('\n');
    if (!exported.ok) {
      process.stderr.write(`The export failed: ${exported.reason}. Run the command again to start it again.\n`);
      return 1;
    }
    const link = exported.link;
    process.stdout.write(`\nExport ${link.filename}: ${link.lines} lines, sha256 ${link.sha256}\nDownload link (valid until ${link.expiresAt}, while this command runs):\n${link.url}\n`);
    if (args.out !== undefined) {
      const bytes = await saveExport(link, resolve(args.out));
      process.stdout.write(`Saved ${bytes} bytes to ${resolve(args.out)}\n`);
    } else if (tty) {
      process.stderr.write('Serving the link until it expires; Ctrl-C stops (or use --out FILE to save the file).\n');
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.max(0, Date.parse(link.expiresAt) - Date.now()));
        process.once('SIGINT', () => {
          clearTimeout(timer);
          done();
        });
      });
    }
    return 0;
  } finally {
    await system?.stop();
  }
}

runAsScript(import.meta.url, 'payroll', main);
