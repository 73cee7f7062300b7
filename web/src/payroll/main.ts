/**
 * Payroll: start a month's run and watch its progress live (polling
 * GET /payroll-runs/{id} every second while it runs), the summary per review
 * class with totals, drill-down to the decisions (amounts and review class:
 * no health details), approve after confirming the amount (the page shows
 * whether a second approver is still needed, and why a release is blocked;
 * the API's answers — released, already approved by you, blocked by formal
 * decisions, another approval in progress — in words), and the export: the
 * release starts a job that writes the file once; the page makes sure it runs
 * (POST …/export is idempotent), shows its progress (polling GET …/export)
 * and downloads the file through a fresh short-lived link (POST
 * …/export/links), each link logged.
 *
 * Texts: messages.ts; calls: api.ts; views: views.ts.
 */
import '../styles.css';
import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { addMonths, monthName, osloToday } from '../lib/format.js';
import { startPage } from '../lib/start.js';
import { payrollApi } from './api.js';
import { MESSAGES } from './messages.js';
import { runView, runsView, type Actions, type Ctx, type State } from './views.js';

const page = startPage('payroll', MESSAGES, 'nb');
const { i18n, t, notice } = page;
const call = payrollApi(page.api);
const state: State = { period: addMonths(osloToday().slice(0, 7), -1), runs: undefined, run: undefined, drill: undefined, exportJob: undefined, showDrill: false, confirming: false };
let poll: number | undefined;
let exportPoll: number | undefined;
const guarded = (fn: () => Promise<void>): Promise<void> => page.guarded(fn, render);

const loadRuns = (): Promise<void> => guarded(async () => void (state.runs = (await call.runs()).runs));

/** The export of a released run: make sure its job runs (POST is idempotent), then follow its progress until the file is ready or the job stops. */
async function followExport(runId: string, ensure: boolean): Promise<void> {
  window.clearTimeout(exportPoll);
  await guarded(async () => {
    state.exportJob = ensure ? await call.startExport(runId) : await call.exportJob(runId);
  });
  const job = state.exportJob;
  if (state.run?.runId === runId && job !== undefined && (job.status === 'PENDING' || job.status === 'RUNNING')) exportPoll = window.setTimeout(() => void followExport(runId, false), 1000);
}

async function openRun(runId: string): Promise<void> {
  window.clearTimeout(poll);
  window.clearTimeout(exportPoll);
  state.drill = undefined;
  state.exportJob = undefined;
  state.showDrill = false;
  state.confirming = false;
  await guarded(async () => {
    state.run = await call.run(runId);
    if (state.run.status === 'AWAITING_APPROVAL') state.drill = await call.decisions(runId);
  });
  if (state.run?.runId === runId && state.run.status === 'RELEASED') await followExport(runId, true);
  // Live progress: poll while the workflow is still running.
  if (state.run !== undefined && state.run.status === 'COMPUTING') poll = window.setTimeout(() => void openRun(runId), 1000);
}

/** A date YYYY-MM-DD with its year, e.g. "1. desember 2026". */
const longDate = (date: string): string =>
  new Intl.DateTimeFormat(i18n.lang() === 'nb' ? 'nb-NO' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

const actions: Actions = {
  setPeriod: (period) => (state.period = period),
  /** A month is computed when it has ended (Oslo): the API refuses earlier (409 MONTH_NOT_ENDED); the page says so before asking. */
  start: () => {
    page.clearNotice();
    const period = state.period;
    const first = `${addMonths(period, 1)}-01`;
    const notEnded = () => t('monthNotEnded', { month: monthName(period, i18n.lang()), first: longDate(first) });
    if (osloToday() < first) {
      notice.error = notEnded();
      render();
      return;
    }
    void guarded(async () => {
      try {
        await openRun((await call.start(period)).runId);
      } catch (err) {
        // The server's clock decides: this device's may differ.
        if (err instanceof ApiError && err.code === 'MONTH_NOT_ENDED') notice.error = notEnded();
        else throw err;
      }
    });
  },
  open: (runId) => void openRun(runId),
  back: () => {
    window.clearTimeout(poll);
    window.clearTimeout(exportPoll);
    state.exportJob = undefined;
    state.run = undefined;
    page.clearNotice();
    void loadRuns();
  },
  askApprove: () => {
    state.confirming = true;
    render();
    document.getElementById('confirm-approve')?.focus();
  },
  cancelApprove: () => {
    state.confirming = false;
    render();
  },
  approve: () => {
    const run = state.run!;
    state.confirming = false;
    page.clearNotice();
    void guarded(async () => {
      try {
        // The answer says whether this approval released the run; a refusal (already approved by you, released, formal decisions missing, another approval in progress) is put in words by guarded.
        const answer = await call.approve(run.runId);
        notice.message = answer.released ? t('approvedReleased') : t('approvedOk');
      } finally {
        state.run = await call.run(run.runId);
        if (state.run.status === 'AWAITING_APPROVAL') state.drill = await call.decisions(run.runId);
      }
    }).then(() => {
      // The release starts the export job: follow it (whoever released it).
      if (state.run?.runId === run.runId && state.run.status === 'RELEASED') void followExport(run.runId, true);
    });
  },
  retryExport: () => void followExport(state.run!.runId, true),
  exportFile: () => {
    const run = state.run!;
    void guarded(async () => {
      const link = await call.exportLink(run.runId);
      // The file store answers "attachment": the browser saves the file and the page stays.
      const a = h('a', { href: link.url, rel: 'noopener' });
      document.body.appendChild(a);
      a.click();
      a.remove();
      notice.message = t('exported');
    });
  },
  drill: () => {
    const run = state.run!;
    void guarded(async () => {
      state.drill = await call.decisions(run.runId);
      state.showDrill = true;
    });
  },
};

function render(): void {
  const ctx: Ctx = { s: state, t, lang: i18n.lang(), act: actions };
  page.frame({ title: t('title'), username: page.session().username, signOut: t('signOut') }, ...(state.run !== undefined ? runView(ctx, state.run) : runsView(ctx)));
}

void page.start('Introflyt – lønn', () => {
  i18n.onChange(render);
  render();
  void loadRuns();
});
