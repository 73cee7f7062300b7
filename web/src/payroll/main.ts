/**
 * Payroll: start a month's run and watch its progress live (polling
 * GET /payroll-runs/{id} every second while it runs), the summary per review
 * class with totals, drill-down to the decisions (ids, amounts, review class:
 * no health details), approve (the page shows whether a second approver is
 * still needed, and why a release is blocked), and the export: the release
 * starts a job that writes the file once; the page shows its progress
 * (polling GET /payroll-runs/{id}/export) and then downloads it through a
 * short-lived link (POST …/export/links), each link logged.
 */
import '../styles.css';
import { signedInHeader } from '../lib/page.js';
import { ApiError, createApi } from '../lib/api.js';
import { h, mount, type Child } from '../lib/dom.js';
import { addMonths, dateTime, monthName, nok, osloToday } from '../lib/format.js';
import { createI18n, type Messages } from '../lib/i18n.js';
import { ensureSession, signOutAndReload, type Session } from '../lib/session.js';

type Key =
  | 'title' | 'signOut' | 'start' | 'period' | 'runs' | 'noRuns' | 'status' | 'progress' | 'summary' | 'reviewClass' | 'count' | 'base' | 'deduction'
  | 'payout' | 'total' | 'drill' | 'approve' | 'approvals' | 'needSecond' | 'released' | 'blocked' | 'export' | 'loading' | 'error' | 'open'
  | 'decision' | 'participantRef' | 'started' | 'approvedBy' | 'youApproved' | 'back' | 'batches' | 'noApprovals' | 'exported' | 'paid'
  | 'participantsN' | 'unresolved' | 'awaiting'
  | 'exportTitle' | 'exportQUEUED' | 'exportREADING' | 'exportACCESS_LOG' | 'exportWRITING' | 'exportDONE' | 'exportFailed' | 'exportRetry'
  | 'exportFile' | 'linkNote' | 'exportNotStarted'
  | 'monthNotEnded';

const MESSAGES: Messages<Key> = {
  nb: {
    title: 'Lønnskjøring',
    signOut: 'Logg ut',
    start: 'Start kjøring',
    period: 'Måned',
    runs: 'Kjøringer',
    noRuns: 'Ingen kjøringer ennå.',
    status: 'Status',
    progress: 'Framdrift',
    summary: 'Sammendrag per kontrollklasse',
    reviewClass: 'Kontrollklasse',
    count: 'Antall',
    base: 'Grunnlag',
    deduction: 'Trekk',
    payout: 'Utbetaling',
    total: 'Sum',
    drill: 'Vedtakene',
    approve: 'Godkjenn',
    approvals: 'Godkjenninger',
    needSecond: 'Venter på godkjenning fra en annen person (to ulike personer må godkjenne).',
    released: 'Frigitt: kjøringen er godkjent av to personer.',
    blocked: 'Kan ikke frigis ennå: {reason}',
    export: 'Last ned eksportfil (CSV)',
    exported: 'Eksportfilen er lastet ned.',
    loading: 'Henter …',
    error: 'Noe gikk galt: {message}',
    open: 'Åpne',
    decision: 'Vedtak',
    participantRef: 'Lønnsreferanse',
    started: 'Startet',
    approvedBy: 'Godkjent av',
    youApproved: 'Du har godkjent. Samme person kan ikke godkjenne to ganger.',
    back: 'Tilbake',
    batches: '{done} av {total} puljer',
    noApprovals: 'Ingen har godkjent ennå.',
    paid: 'Utbetales',
    participantsN: '{n} deltakere',
    unresolved: '{n} vedtak venter på enkeltvedtak fra rådgiver',
    awaiting: 'venter',
    exportTitle: 'Eksportfil til lønnssystemet',
    exportQUEUED: 'Eksporten står i kø …',
    exportREADING: 'Leser vedtakene …',
    exportACCESS_LOG: 'Logger innsyn for hver deltaker: {done} av {total}',
    exportWRITING: 'Skriver filen …',
    exportDONE: 'Filen er klar.',
    exportFailed: 'Eksporten stoppet: {reason}',
    exportRetry: 'Prøv eksporten på nytt',
    exportFile: '{filename} · {lines} linjer · SHA-256 {sha}',
    linkNote: 'Hver nedlasting får en egen lenke som varer i to minutter, og blir logget.',
    exportNotStarted: 'Eksporten er ikke startet.',
    monthNotEnded: 'Måneden {month} er ikke over ennå. En måned blir regnet ut når den er over: kjøringen kan startes fra {first}.',
  },
  en: {
    title: 'Payroll runs',
    signOut: 'Sign out',
    start: 'Start run',
    period: 'Month',
    runs: 'Runs',
    noRuns: 'No runs yet.',
    status: 'Status',
    progress: 'Progress',
    summary: 'Summary per review class',
    reviewClass: 'Review class',
    count: 'Count',
    base: 'Base',
    deduction: 'Deduction',
    payout: 'Payout',
    total: 'Total',
    drill: 'The decisions',
    approve: 'Approve',
    approvals: 'Approvals',
    needSecond: 'Waiting for approval by another person (two different people must approve).',
    released: 'Released: the run is approved by two people.',
    blocked: 'Cannot be released yet: {reason}',
    export: 'Download export file (CSV)',
    exported: 'The export file is downloaded.',
    loading: 'Loading …',
    error: 'Something went wrong: {message}',
    open: 'Open',
    decision: 'Decision',
    participantRef: 'Payroll reference',
    started: 'Started',
    approvedBy: 'Approved by',
    youApproved: 'You have approved. The same person cannot approve twice.',
    back: 'Back',
    batches: '{done} of {total} batches',
    noApprovals: 'Nobody has approved yet.',
    paid: 'Paid',
    participantsN: '{n} participants',
    unresolved: '{n} decisions wait for an adviser’s formal decision',
    awaiting: 'awaiting',
    exportTitle: 'Export file for the payroll system',
    exportQUEUED: 'The export is queued …',
    exportREADING: 'Reading the decisions …',
    exportACCESS_LOG: 'Logging the access for each participant: {done} of {total}',
    exportWRITING: 'Writing the file …',
    exportDONE: 'The file is ready.',
    exportFailed: 'The export stopped: {reason}',
    exportRetry: 'Try the export again',
    exportFile: '{filename} · {lines} lines · SHA-256 {sha}',
    linkNote: 'Each download gets its own link, valid for two minutes, and is logged.',
    exportNotStarted: 'The export has not started.',
    monthNotEnded: 'The month {month} has not ended yet. A month is computed when it is over: its run can start on {first}.',
  },
};

interface ReviewAmounts {
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
}
type ReviewClass = 'AUTOMATIC' | 'REVIEW' | 'VEDTAK_REQUIRED';
const REVIEW_CLASSES: readonly ReviewClass[] = ['AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED'];

/** GET /payroll-runs/{id} (functions/payroll-run-start/schema.ts RunView): ids, status, progress, amounts; no personal data. */
interface Run {
  runId: string;
  period: string;
  status: 'COMPUTING' | 'AWAITING_APPROVAL' | 'RELEASED' | 'FAILED';
  startedAt: string;
  progress: { batches: number; batchesDone: number; participants: number; percent: number };
  totals: {
    baseOre: number;
    deductionOre: number;
    payoutOre: number;
    backPaymentOre: number;
    byReview: Record<ReviewClass, number>;
    amountsByReview: Record<ReviewClass, ReviewAmounts>;
  } | null;
  approvals: { userId: string; at: string }[];
  failure: string | null;
  releasedAt: string | null;
}
/** GET /payroll-runs/{id}/decisions: one row per decision; ids and amounts only. */
interface DrillRow {
  participantId: string;
  decisionId: string;
  version: number;
  review: ReviewClass;
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  paidOre: number;
  resolution: string | null;
}
interface DrillPage {
  decisions: DrillRow[];
  unresolvedVedtak: number;
  count: number;
}
/** GET/POST /payroll-runs/{id}/export (functions/payroll-run-export/export-view.ts): the export job, no key, no link. */
interface ExportJob {
  status: 'NOT_STARTED' | 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  phase: 'QUEUED' | 'READING' | 'ACCESS_LOG' | 'WRITING' | 'DONE' | null;
  percent: number;
  done: number;
  total: number;
  failure: string | null;
  file: { filename: string; sha256: string; lines: number; bytes: number } | null;
}
/** POST /payroll-runs/{id}/export/links: a short-lived link to the file. */
interface ExportLink {
  url: string;
  expiresAt: string;
}

const i18n = createI18n(MESSAGES, 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: Session;
// An expired or refused token: back to sign-in.
const api = createApi(
  () => session?.token,
  () => signOutAndReload('payroll'),
);
const RUNNING = new Set(['COMPUTING']);

const state = {
  period: addMonths(osloToday().slice(0, 7), -1),
  runs: undefined as Run[] | undefined,
  run: undefined as Run | undefined,
  drill: undefined as DrillPage | undefined,
  exportJob: undefined as ExportJob | undefined,
  approvedByMe: false,
  showDrill: false,
  message: '',
  error: '',
};
let poll: number | undefined;
let exportPoll: number | undefined;
const EXPORT_WORKING = new Set(['PENDING', 'RUNNING']);

const errText = (err: unknown): string => t('error', { message: err instanceof ApiError ? `${err.message} (${err.code})` : err instanceof Error ? err.message : String(err) });
const listOf = <T>(b: unknown, ...keys: string[]): T[] => {
  if (Array.isArray(b)) return b as T[];
  for (const k of keys) {
    const v = (b as Record<string, unknown> | null)?.[k];
    if (Array.isArray(v)) return v as T[];
  }
  return [];
};
const runOf = (b: unknown): Run => b as Run;

async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

const loadRuns = (): Promise<void> => guarded(async () => void (state.runs = listOf<Run>(await api.get('/payroll-runs'), 'items', 'runs')));

/** The export of a released run: make sure its job runs (POST is idempotent), then follow its progress until the file is ready. */
async function followExport(runId: string, ensure: boolean): Promise<void> {
  window.clearTimeout(exportPoll);
  await guarded(async () => {
    const path = `/payroll-runs/${encodeURIComponent(runId)}/export`;
    state.exportJob = ensure ? await api.send<ExportJob>('POST', path, undefined) : await api.get<ExportJob>(path);
  });
  if (state.run?.runId === runId && state.exportJob !== undefined && EXPORT_WORKING.has(state.exportJob.status)) exportPoll = window.setTimeout(() => void followExport(runId, false), 1000);
}

async function downloadExport(runId: string): Promise<void> {
  await guarded(async () => {
    const link = await api.send<ExportLink>('POST', `/payroll-runs/${encodeURIComponent(runId)}/export/links`, undefined);
    // The file store's answer says "attachment": the browser saves it and the page stays.
    const a = h('a', { href: link.url, rel: 'noopener' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    state.message = t('exported');
  });
}

async function openRun(runId: string): Promise<void> {
  window.clearTimeout(poll);
  window.clearTimeout(exportPoll);
  state.drill = undefined;
  state.exportJob = undefined;
  state.showDrill = false;
  await guarded(async () => {
    state.run = runOf(await api.get(`/payroll-runs/${encodeURIComponent(runId)}`));
    if (state.run.status === 'AWAITING_APPROVAL') state.drill = await api.get<DrillPage>(`/payroll-runs/${encodeURIComponent(runId)}/decisions`);
  });
  if (state.run?.status === 'RELEASED') await followExport(runId, true);
  // Live progress: poll while the workflow is still running.
  if (state.run !== undefined && RUNNING.has(state.run.status)) poll = window.setTimeout(() => void openRun(runId), 1000);
}

function summaryRows(run: Run): { reviewClass: ReviewClass; count: number; baseOre: number; deductionOre: number; payoutOre: number }[] {
  const totals = run.totals;
  if (totals === null) return [];
  return REVIEW_CLASSES.map((c) => ({ reviewClass: c, count: totals.byReview[c], ...totals.amountsByReview[c] }));
}

/** A date YYYY-MM-DD with its year, e.g. "1. desember 2026". */
const longDate = (date: string, lang: 'nb' | 'en'): string =>
  new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** A month is computed when it has ended (Oslo): the API refuses earlier (409 MONTH_NOT_ENDED); the page says so before asking. */
function startRun(period: string): Promise<void> {
  const lang = i18n.lang();
  const first = `${addMonths(period, 1)}-01`;
  const notEnded = () => t('monthNotEnded', { month: monthName(period, lang), first: longDate(first, lang) });
  if (osloToday() < first) {
    state.error = notEnded();
    render();
    return Promise.resolve();
  }
  return guarded(async () => {
    try {
      const run = runOf(await api.send('POST', '/payroll-runs', { period }));
      await openRun(run.runId);
    } catch (err) {
      // The server's clock decides: this device's may differ.
      if (err instanceof ApiError && err.code === 'MONTH_NOT_ENDED') state.error = notEnded();
      else throw err;
    }
  });
}

function runsView(): Child[] {
  const lang = i18n.lang();
  const input = h('input', { id: 'period', type: 'month', value: state.period, required: true, pattern: '\\d{4}-\\d{2}' });
  input.addEventListener('input', () => (state.period = input.value));
  return [
    h(
      'form',
      {
        class: 'card row',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          state.error = '';
          void startRun(state.period);
        },
      },
      h('label', { for: 'period' }, t('period')),
      input,
      h('button', { type: 'submit', class: 'primary', id: 'start-run' }, t('start')),
    ),
    h('h2', {}, t('runs')),
    state.runs === undefined
      ? h('p', { role: 'status' }, t('loading'))
      : state.runs.length === 0
        ? h('p', {}, t('noRuns'))
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              {},
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('period')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, t('started')), h('th', { scope: 'col' }, ''))),
              h(
                'tbody',
                {},
                state.runs.map((r) =>
                  h(
                    'tr',
                    { 'data-run': r.runId },
                    h('td', {}, monthName(r.period, lang)),
                    h('td', {}, r.status),
                    h('td', {}, dateTime(r.startedAt, lang)),
                    h('td', {}, h('button', { type: 'button', onclick: () => void openRun(r.runId) }, t('open'))),
                  ),
                ),
              ),
            ),
          ),
  ];
}

function runView(run: Run): Child[] {
  const lang = i18n.lang();
  const rows = summaryRows(run);
  const approvals = run.approvals;
  const released = run.status === 'RELEASED';
  const sum = (k: 'count' | 'baseOre' | 'deductionOre' | 'payoutOre'): number => rows.reduce((s, r) => s + r[k], 0);
  const unresolved = state.drill?.unresolvedVedtak ?? 0;
  const money = (v: number | undefined): string => (v === undefined ? '' : nok(v, lang));
  return [
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          window.clearTimeout(poll);
          window.clearTimeout(exportPoll);
          state.run = undefined;
          void loadRuns();
        },
      },
      `‹ ${t('back')}`,
    ),
    h('h2', {}, `${monthName(run.period, lang)} – ${run.runId}`),
    h('p', {}, `${t('status')}: `, h('strong', { 'data-run-status': run.status }, run.status)),
    h(
      'p',
      {},
      h('label', { for: 'run-progress' }, t('progress')),
      h('progress', { id: 'run-progress', max: 100, value: run.progress.percent, 'data-percent': run.progress.percent }),
      ` ${run.progress.percent} % · ${t('batches', { done: run.progress.batchesDone, total: run.progress.batches })} · ${t('participantsN', { n: run.progress.participants })}`,
    ),
    run.failure !== null ? h('p', { class: 'error' }, run.failure) : '',
    rows.length > 0
      ? h(
          'section',
          { 'aria-label': t('summary') },
          h('h3', {}, t('summary')),
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'summary' },
              h('thead', {}, h('tr', {}, ...[t('reviewClass'), t('count'), t('base'), t('deduction'), t('payout')].map((c, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : undefined }, c)))),
              h(
                'tbody',
                {},
                rows.map((r) => h('tr', { 'data-class': r.reviewClass }, h('td', {}, r.reviewClass), h('td', { class: 'num' }, r.count), h('td', { class: 'num' }, money(r.baseOre)), h('td', { class: 'num' }, money(r.deductionOre)), h('td', { class: 'num' }, money(r.payoutOre)))),
              ),
              h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('total')), h('td', { class: 'num' }, sum('count')), h('td', { class: 'num' }, money(sum('baseOre'))), h('td', { class: 'num' }, money(sum('deductionOre'))), h('td', { class: 'num', 'data-total-payout': sum('payoutOre') }, money(sum('payoutOre'))))),
            ),
          ),
        )
      : '',
    h('h3', {}, t('approvals')),
    approvals.length === 0 ? h('p', {}, t('noApprovals')) : h('ul', { class: 'approvals' }, approvals.map((a) => h('li', {}, `${a.userId} · ${dateTime(a.at, lang)}`))),
    released
      ? h('p', { class: 'ok', 'data-released': 'true' }, t('released'))
      : approvals.length === 1
        ? h('p', { class: 'hint', 'data-needs-second': 'true' }, t('needSecond'))
        : '',
    !released && unresolved > 0 ? h('p', { class: 'error', 'data-blocked': unresolved }, t('blocked', { reason: t('unresolved', { n: unresolved }) })) : '',
    state.approvedByMe && !released ? h('p', { class: 'muted' }, t('youApproved')) : '',
    h(
      'div',
      { class: 'row' },
      !released && run.status === 'AWAITING_APPROVAL'
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              id: 'approve',
              onclick: () =>
                void guarded(async () => {
                  try {
                    await api.send<unknown>('POST', `/payroll-runs/${encodeURIComponent(run.runId)}/approvals`, undefined);
                    state.approvedByMe = true;
                  } finally {
                    state.run = runOf(await api.get(`/payroll-runs/${encodeURIComponent(run.runId)}`));
                    // The release starts the export job: follow it.
                    if (state.run.status === 'RELEASED') void followExport(run.runId, true);
                  }
                }),
            },
            t('approve'),
          )
        : '',
      h('button', { type: 'button', id: 'drill', 'aria-expanded': String(state.showDrill), onclick: () => void guarded(async () => {
        state.drill = await api.get<DrillPage>(`/payroll-runs/${encodeURIComponent(run.runId)}/decisions`);
        state.showDrill = true;
      }) }, t('drill')),
    ),
    released ? exportView(run) : '',
    state.drill !== undefined && state.showDrill
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'drill' },
            h('thead', {}, h('tr', {}, ...[t('decision'), t('reviewClass'), t('base'), t('deduction'), t('payout'), t('paid')].map((c, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : undefined }, c)))),
            h(
              'tbody',
              {},
              state.drill.decisions.map((d) =>
                h(
                  'tr',
                  { 'data-decision': d.decisionId },
                  h('td', {}, d.decisionId),
                  h('td', {}, d.review, d.review === 'VEDTAK_REQUIRED' ? ` (${d.resolution ?? t('awaiting')})` : ''),
                  h('td', { class: 'num' }, money(d.baseOre)),
                  h('td', { class: 'num' }, money(d.deductionOre)),
                  h('td', { class: 'num' }, money(d.payoutOre)),
                  h('td', { class: 'num' }, money(d.paidOre)),
                ),
              ),
            ),
          ),
        )
      : '',
  ];
}

function exportView(run: Run): Child {
  const job = state.exportJob;
  const phase = job?.phase ?? null;
  return h(
    'section',
    { 'aria-label': t('exportTitle'), 'data-export-status': job?.status ?? 'LOADING' },
    h('h3', {}, t('exportTitle')),
    job === undefined
      ? h('p', { role: 'status' }, t('loading'))
      : h(
          'div',
          {},
          h(
            'p',
            { role: 'status' },
            h('label', { for: 'export-progress' }, t('progress')),
            h('progress', { id: 'export-progress', max: 100, value: job.percent, 'data-percent': job.percent }),
            ` ${job.percent} % · `,
            job.status === 'NOT_STARTED' ? t('exportNotStarted') : phase === null ? '' : t(`export${phase}`, { done: job.done, total: job.total }),
          ),
          job.status === 'FAILED' ? h('p', { class: 'error' }, t('exportFailed', { reason: job.failure ?? '' })) : '',
          job.file !== null ? h('p', { class: 'muted', 'data-export-file': job.file.sha256 }, t('exportFile', { filename: job.file.filename, lines: job.file.lines, sha: job.file.sha256.slice(0, 16) })) : '',
          h(
            'div',
            { class: 'row' },
            job.status === 'READY'
              ? h('button', { type: 'button', class: 'primary', id: 'export', onclick: () => void downloadExport(run.runId) }, t('export'))
              : job.status === 'FAILED' || job.status === 'NOT_STARTED'
                ? h('button', { type: 'button', id: 'export-retry', onclick: () => void followExport(run.runId, true) }, t('exportRetry'))
                : '',
          ),
          job.status === 'READY' ? h('p', { class: 'muted' }, t('linkNote')) : '',
        ),
  );
}

function render(): void {
  mount(
    root,
    signedInHeader('payroll', i18n.switcher(), t('signOut'), session.username),
    h(
      'main',
      { id: 'main' },
      h('h1', {}, t('title')),
      state.message ? h('p', { class: 'ok', role: 'status' }, state.message) : '',
      state.error ? h('p', { class: 'error', role: 'alert' }, state.error) : '',
      state.run !== undefined ? runView(state.run) : runsView(),
    ),
  );
}

async function main(): Promise<void> {
  session = await ensureSession(root, 'payroll', i18n, 'Introflyt – lønn');
  i18n.onChange(render);
  render();
  void loadRuns();
}

void main();
