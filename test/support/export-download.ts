/**
 * The payroll export as a client uses it (issue 15): the release starts the
 * export job; the client polls GET /payroll-runs/{id}/export until the job
 * is READY (or FAILED), then asks POST …/export/links for a short-lived link
 * and downloads the file through it.
 */
import type { HttpReply, TestSystem } from './local-system.js';

export interface ExportView {
  status: 'NOT_STARTED' | 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  phase: string | null;
  percent: number;
  done: number;
  total: number;
  attempts: number;
  failure: string | null;
  file: { filename: string; sha256: string; lines: number; bytes: number } | null;
}

/** Polls the export job until it is READY or FAILED (the job runs in this process: the local workflow runner). */
export async function waitForExport(sys: TestSystem, token: string, runId: string, timeoutMs = 120_000): Promise<ExportView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await sys.http('GET', `/payroll-runs/${runId}/export`, { token });
    if (r.status !== 200) throw new Error(`export status: ${r.status} ${r.raw}`);
    const view = r.body as unknown as ExportView;
    if (view.status === 'READY' || view.status === 'FAILED') return view;
    if (Date.now() > until) throw new Error(`export still ${view.status} after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

export interface Download {
  /** The link request's answer (201 with url, expiresAt, filename, sha256, lines). */
  link: HttpReply;
  status: number;
  headers: Record<string, string>;
  raw: string;
}

/** A link, then the file through it (status 0 and empty raw when no link was given). */
export async function downloadExport(sys: TestSystem, token: string, runId: string): Promise<Download> {
  const link = await sys.http('POST', `/payroll-runs/${runId}/export/links`, { token });
  if (link.status !== 201) return { link, status: 0, headers: {}, raw: '' };
  const res = await fetch(String(link.body!.url));
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return { link, status: res.status, headers, raw: await res.text() };
}
