/**
 * The payroll page's views: the runs, one run (progress, summary per review
 * class, approvals, the release confirmation with the amount, export) and
 * its drill-down. Statuses and review classes in words; approvers by the name
 * or unit the municipality shows for them (marked "you" for the viewer), else as "you" or
 * "another payroll officer" (the run stores pseudonymous staff refs only); no
 * run or decision ids in the text.
 */
import type { ExportJobResponse, ReviewClass, RunDecisionsResponse, RunViewResponse } from '../../../shared/contract/responses.js';
import { h, type Child } from '../lib/dom.js';
import { dateTime, monthName, nok } from '../lib/format.js';
import type { StaffLang as Lang } from '../lib/i18n.js';
import type { Key } from './messages.js';

export const REVIEW_CLASSES: readonly ReviewClass[] = ['AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED'];

export interface State {
  period: string;
  runs: RunViewResponse[] | undefined;
  run: RunViewResponse | undefined;
  drill: RunDecisionsResponse | undefined;
  /** The released run's export job, followed while it runs. */
  exportJob: ExportJobResponse | undefined;
  showDrill: boolean;
  /** The approval waits for the person to confirm it (with the amount). */
  confirming: boolean;
}

export interface Actions {
  setPeriod(period: string): void;
  start(): void;
  open(runId: string): void;
  back(): void;
  askApprove(): void;
  cancelApprove(): void;
  approve(): void;
  /** Starts the export job again after it stopped (or was never made). */
  retryExport(): void;
  exportFile(): void;
  drill(): void;
}

export interface Ctx {
  s: State;
  t: (key: Key, vars?: Record<string, string | number>) => string;
  lang: Lang;
  act: Actions;
}

export function runsView(c: Ctx): Child[] {
  const { s, t, lang } = c;
  const input = h('input', { id: 'period', type: 'month', value: s.period, required: true, pattern: '\\d{4}-\\d{2}' });
  input.addEventListener('input', () => c.act.setPeriod(input.value));
  return [
    h(
      'form',
      {
        class: 'card row',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          c.act.start();
        },
      },
      h('label', { for: 'period' }, t('period')),
      input,
      h('button', { type: 'submit', class: 'primary', id: 'start-run' }, t('start')),
    ),
    h('h2', {}, t('runs')),
    s.runs === undefined
      ? h('p', { role: 'status' }, t('loading'))
      : s.runs.length === 0
        ? h('p', {}, t('noRuns'))
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              {},
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('period')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, t('started')), h('td', {}))),
              h(
                'tbody',
                {},
                s.runs.map((r) =>
                  h(
                    'tr',
                    { 'data-run': r.runId },
                    h('td', {}, monthName(r.period, lang)),
                    h('td', { 'data-status': r.status }, t(`status${r.status}` as Key)),
                    h('td', {}, dateTime(r.startedAt, lang)),
                    h('td', {}, h('button', { type: 'button', 'aria-label': `${t('open')}: ${monthName(r.period, lang)}`, onclick: () => c.act.open(r.runId) }, t('open'))),
                  ),
                ),
              ),
            ),
          ),
  ];
}

export function runView(c: Ctx, run: RunViewResponse): Child[] {
  const { s, t, lang } = c;
  const totals = run.totals;
  const rows = totals === null ? [] : REVIEW_CLASSES.map((k) => ({ reviewClass: k, count: totals.byReview[k], ...totals.amountsByReview[k] }));
  const released = run.status === 'RELEASED';
  const sum = (k: 'count' | 'baseOre' | 'deductionOre' | 'payoutOre'): number => rows.reduce((a, r) => a + r[k], 0);
  const unresolved = s.drill?.unresolvedVedtak ?? 0;
  const money = (v: number): string => nok(v, lang);
  const mine = run.approvedByYou === true;
  const approverWord = (a: (typeof run.approvals)[number]): string =>
    a.name === undefined ? (a.you === true ? t('you') : t('otherApprover')) : a.you === true ? t('namedYou', { name: a.name }) : a.name;
  const canApprove = !released && run.status === 'AWAITING_APPROVAL' && !mine && unresolved === 0;
  const payout = sum('payoutOre') + (totals?.backPaymentOre ?? 0);
  const confirmVars = { amount: money(payout), n: run.progress.participants, month: monthName(run.period, lang) };
  return [
    h('button', { type: 'button', onclick: () => c.act.back() }, `‹ ${t('back')}`),
    h('h2', {}, t('runHeading', { month: monthName(run.period, lang) })),
    h('p', {}, `${t('status')}: `, h('strong', { 'data-run-status': run.status }, t(`status${run.status}` as Key))),
    h(
      'p',
      {},
      h('label', { for: 'run-progress' }, t('progress')),
      h('progress', { id: 'run-progress', max: 100, value: run.progress.percent, 'data-percent': run.progress.percent }),
      ` ${run.progress.percent} % · ${t('batches', { done: run.progress.batchesDone, total: run.progress.batches })} · ${t('participantsN', { n: run.progress.participants })}`,
    ),
    run.failure !== null ? h('p', { class: 'error', 'data-failure': 'true' }, t('failedRun')) : '',
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
              h('thead', {}, h('tr', {}, ...[t('reviewClass'), t('count'), t('base'), t('deduction'), t('payout')].map((col, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : undefined }, col)))),
              h(
                'tbody',
                {},
                rows.map((r) =>
                  h('tr', { 'data-class': r.reviewClass }, h('td', {}, t(`class${r.reviewClass}` as Key)), h('td', { class: 'num' }, r.count), h('td', { class: 'num' }, money(r.baseOre)), h('td', { class: 'num' }, money(r.deductionOre)), h('td', { class: 'num' }, money(r.payoutOre))),
                ),
              ),
              h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('total')), h('td', { class: 'num' }, sum('count')), h('td', { class: 'num' }, money(sum('baseOre'))), h('td', { class: 'num' }, money(sum('deductionOre'))), h('td', { class: 'num', 'data-total-payout': sum('payoutOre') }, money(sum('payoutOre'))))),
            ),
          ),
        )
      : '',
    h('h3', {}, t('approvals')),
    run.approvals.length === 0
      ? h('p', {}, t('noApprovals'))
      : h(
          'ul',
          { class: 'approvals' },
          run.approvals.map((a) => h('li', { 'data-approver': a.name === undefined ? undefined : 'named' }, `${approverWord(a)} · ${dateTime(a.at, lang)}`)),
        ),
    released ? h('p', { class: 'ok', 'data-released': 'true' }, t('released')) : run.approvals.length === 1 ? h('p', { class: 'hint', 'data-needs-second': 'true' }, t('needSecond')) : '',
    !released && unresolved > 0 ? h('p', { class: 'error', 'data-blocked': unresolved }, t('blocked', { reason: t('unresolved', { n: unresolved }) })) : '',
    mine && !released ? h('p', { class: 'muted', 'data-approved-by-you': 'true' }, t('youApproved')) : '',
    s.confirming && canApprove
      ? h(
          'section',
          { class: 'card confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
          h('h3', { id: 'confirm-title' }, t('confirmTitle')),
          h('p', { id: 'confirm-text', 'data-confirm-amount': payout }, run.approvals.length === 1 ? t('confirmRelease', confirmVars) : t('confirmFirst', confirmVars)),
          h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'confirm-approve', onclick: () => c.act.approve() }, t('confirmYes')), h('button', { type: 'button', onclick: () => c.act.cancelApprove() }, t('cancel'))),
        )
      : '',
    h(
      'div',
      { class: 'row' },
      canApprove && !s.confirming ? h('button', { type: 'button', class: 'primary', id: 'approve', onclick: () => c.act.askApprove() }, t('approve')) : '',
      h('button', { type: 'button', id: 'drill', 'aria-expanded': String(s.showDrill), onclick: () => c.act.drill() }, t('drill')),
    ),
    released ? exportView(c) : '',
    s.drill !== undefined && s.showDrill ? drillTable(c, s.drill) : '',
  ];
}

/** The export job's progress in words (no codes, no store key; the file's name holds the run id, so only its lines and checksum), and the download through a fresh link once it is ready. */
function exportView(c: Ctx): HTMLElement {
  const { s, t } = c;
  const job = s.exportJob;
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
            job.status === 'NOT_STARTED' ? t('exportNotStarted') : job.phase === null ? '' : t(`export${job.phase}` as Key, { done: job.done, total: job.total }),
          ),
          job.status === 'FAILED' ? h('p', { class: 'error', 'data-export-failed': 'true' }, t('exportFailed')) : '',
          job.file !== null ? h('p', { class: 'muted', 'data-export-file': job.file.sha256 }, t('exportFile', { lines: job.file.lines, sha: job.file.sha256.slice(0, 16) })) : '',
          h(
            'div',
            { class: 'row' },
            job.status === 'READY'
              ? h('button', { type: 'button', class: 'primary', id: 'export', onclick: () => c.act.exportFile() }, t('export'))
              : job.status === 'FAILED' || job.status === 'NOT_STARTED'
                ? h('button', { type: 'button', id: 'export-retry', onclick: () => c.act.retryExport() }, t('exportRetry'))
                : '',
          ),
          job.status === 'READY' ? h('p', { class: 'muted' }, t('linkNote')) : '',
        ),
  );
}

/** One row per decision: the amounts the run computed, and the adviser's change of the paid amount where there is one. */
function drillTable(c: Ctx, drill: RunDecisionsResponse): HTMLElement {
  const { t, lang } = c;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'drill' },
      h('thead', {}, h('tr', {}, ...[t('row'), t('reviewClass'), t('base'), t('deduction'), t('payout'), t('adjusted')].map((col, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : undefined }, col)))),
      h(
        'tbody',
        {},
        drill.decisions.map((d, i) =>
          h(
            'tr',
            { 'data-decision': d.decisionId },
            h('td', {}, i + 1),
            h('td', { 'data-class': d.review }, t(`class${d.review}` as Key), d.review === 'VEDTAK_REQUIRED' ? ` (${d.resolution === null ? t('awaiting') : t(`resolution${d.resolution}` as Key)})` : ''),
            h('td', { class: 'num' }, nok(d.baseOre, lang)),
            h('td', { class: 'num' }, nok(d.deductionOre, lang)),
            h('td', { class: 'num' }, nok(d.payoutOre, lang)),
            h('td', { class: 'num', 'data-paid': d.paidOre }, d.paidOre === d.payoutOre ? t('notAdjusted') : nok(d.paidOre, lang)),
          ),
        ),
      ),
    ),
  );
}
