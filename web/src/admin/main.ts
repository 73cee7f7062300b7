/**
 * Admin: the municipality's anonymised statistics per month (charts of the
 * attendance rate over the months and of absence hours by group, drawn as
 * inline SVG, and the table with every figure; a hidden cell is shown as
 * hidden, never estimated) with the CSV download, and the NIR report: its
 * file, and the records due for registration with "mark as registered";
 * the month's archive package (issue 12 item 5): made by a job
 * (POST /reports/archive-jobs), followed until it is ready, downloaded
 * through a short-lived, logged link (POST /reports/archive-jobs/{id}/links);
 * and the municipality's settings form with the address for complaints every
 * explanation names (GET/PUT /municipality/policy, the other settings sent
 * back as read). Self-contained: its own texts, API types and chart code.
 */
import '../styles.css';
import './admin.css';
import { ApiError, createApi } from '../lib/api.js';
import { download, h, mount, type Child } from '../lib/dom.js';
import { addMonths, osloToday } from '../lib/format.js';
import { createI18n, type Messages } from '../lib/i18n.js';
import { signedInHeader } from '../lib/page.js';
import { ensureSession, signOutAndReload, type Session } from '../lib/session.js';

type Key =
  | 'title' | 'signOut' | 'from' | 'to' | 'show' | 'stats' | 'rateChart' | 'absenceChart' | 'hiddenNote' | 'csv' | 'loading' | 'error' | 'month'
  | 'hidden' | 'nir' | 'nirIntro' | 'nirCsv' | 'due' | 'noneDue' | 'dueDate' | 'record' | 'overdue' | 'mark' | 'marked' | 'g-illness' | 'g-leave'
  | 'g-unexcused' | 'g-pending' | 'col' | 'archive' | 'archiveIntro' | 'archiveMonth' | 'archiveStart' | 'archiveWorking' | 'archiveReady' | 'archiveFailed'
  | 'archiveDownload' | 'archiveMissing'
  | 'policy' | 'policyIntro' | 'complaintAddress' | 'complaintHelp' | 'save' | 'saved' | 'policyVersion'
  | 'notSaved' | 'policyChanged';

const COLUMN_LABELS: Record<'nb' | 'en', Record<string, string>> = {
  nb: {
    participants: 'Deltakere', attendance_rate_percent: 'Oppmøte %', absence_hours_illness: 'Fravær sykdom (t)', absence_hours_leave: 'Fravær permisjon (t)',
    absence_hours_unexcused: 'Ugyldig fravær (t)', absence_hours_pending: 'Venter på dokumentasjon (t)', deductions_nok: 'Trekk (kr)', decisions_automatic: 'Automatiske vedtak',
    decisions_review: 'Vedtak til gjennomsyn', decisions_vedtak_required: 'Krever enkeltvedtak', complaints: 'Klager', complaints_open: 'Klager åpne',
    complaints_upheld: 'Klager tatt til følge', complaints_forwarded: 'Klager hos Statsforvalteren', complaints_upheld_by_statsforvalteren: 'Tatt til følge av Statsforvalteren',
    complaints_not_upheld_by_statsforvalteren: 'Ikke tatt til følge av Statsforvalteren',
  },
  en: {
    participants: 'Participants', attendance_rate_percent: 'Attendance %', absence_hours_illness: 'Absence, illness (h)', absence_hours_leave: 'Absence, leave (h)',
    absence_hours_unexcused: 'Unexcused absence (h)', absence_hours_pending: 'Awaiting documents (h)', deductions_nok: 'Deductions (NOK)', decisions_automatic: 'Automatic decisions',
    decisions_review: 'Decisions to review', decisions_vedtak_required: 'Formal decision needed', complaints: 'Complaints', complaints_open: 'Complaints open',
    complaints_upheld: 'Complaints upheld', complaints_forwarded: 'Complaints with Statsforvalteren', complaints_upheld_by_statsforvalteren: 'Upheld by Statsforvalteren',
    complaints_not_upheld_by_statsforvalteren: 'Not upheld by Statsforvalteren',
  },
};

const MESSAGES: Messages<Key> = {
  nb: {
    title: 'Statistikk og rapporter', signOut: 'Logg ut', from: 'Fra måned', to: 'Til måned', show: 'Vis', stats: 'Anonymisert statistikk',
    rateChart: 'Oppmøte per måned (%)', absenceChart: 'Fravær per måned etter gruppe (timer)',
    hiddenNote: 'Tall med færre enn 5 personer bak, og summer som kunne avslørt dem, vises ikke (stiplet i diagrammet, «:» i tabellen og filen).',
    csv: 'Last ned statistikk (CSV)', loading: 'Henter …', error: 'Noe gikk galt: {message}', month: 'Måned', hidden: 'skjult', nir: 'NIR-rapport',
    nirIntro: 'Permisjoner, fravær og klager som skal registreres i NIR innen to måneder.', nirCsv: 'Last ned NIR-fil (CSV)', due: 'Ikke registrert ennå',
    noneDue: 'Alt i perioden er markert som registrert.', dueDate: 'Frist', record: 'Post', overdue: 'fristen er passert', mark: 'Marker som registrert',
    marked: '{n} poster markert som registrert.', 'g-illness': 'Sykdom', 'g-leave': 'Permisjon', 'g-unexcused': 'Ugyldig', 'g-pending': 'Venter', col: 'Tall',
    archive: 'Arkivpakke', archiveIntro: 'Månedens utbetalte vedtak med forklaring (PDF/A), inndata og Noark 5-metadata, til kommunens arkiv.', archiveMonth: 'Måned',
    archiveStart: 'Lag arkivpakke', archiveWorking: 'Arkivpakken lages …', archiveReady: 'Klar: {records} vedtak, {kb} kB, sha256 {sha}.',
    archiveFailed: 'Arkivpakken ble ikke laget ({code}). Prøv igjen.', archiveDownload: 'Last ned arkivpakke (ZIP)',
    archiveMissing: '{n} språkversjoner mangler; manifest.json sier hvilke og hvorfor.',
    policy: 'Kommunens innstillinger', policyIntro: 'Adressen står i hver forklaring deltakerne får, under «Dine rettigheter».',
    complaintAddress: 'Adresse for klager', complaintHelp: 'Én linje, for eksempel «Introsenteret, Postboks 1, 7001 Byen». Tomt felt: deltakeren blir bedt om å spørre rådgiveren.',
    save: 'Lagre', saved: 'Lagret. Nye forklaringer bruker adressen.', policyVersion: 'Versjon {n}', notSaved: 'Ingen innstillinger er lagret ennå.',
    policyChanged: 'Noen andre lagret innstillingene samtidig. De nyeste er hentet; se over og lagre igjen.',
  },
  en: {
    title: 'Statistics and reports', signOut: 'Sign out', from: 'From month', to: 'To month', show: 'Show', stats: 'Anonymised statistics',
    rateChart: 'Attendance per month (%)', absenceChart: 'Absence per month by group (hours)',
    hiddenNote: 'Figures with fewer than 5 people behind them, and totals that would give them away, are not shown (dashed in the chart, ":" in the table and the file).',
    csv: 'Download statistics (CSV)', loading: 'Loading …', error: 'Something went wrong: {message}', month: 'Month', hidden: 'hidden', nir: 'NIR report',
    nirIntro: 'Leave, absence and complaints to register in NIR within two months.', nirCsv: 'Download NIR file (CSV)', due: 'Not registered yet',
    noneDue: 'Everything in the period is marked as registered.', dueDate: 'Due', record: 'Record', overdue: 'overdue', mark: 'Mark as registered',
    marked: '{n} records marked as registered.', 'g-illness': 'Illness', 'g-leave': 'Leave', 'g-unexcused': 'Unexcused', 'g-pending': 'Pending', col: 'Figure',
    archive: 'Archive package', archiveIntro: 'The month’s paid decisions with their explanation (PDF/A), input and Noark 5 metadata, for the municipality’s archive.',
    archiveMonth: 'Month', archiveStart: 'Make archive package', archiveWorking: 'The archive package is being made …', archiveReady: 'Ready: {records} decisions, {kb} kB, sha256 {sha}.',
    archiveFailed: 'The archive package was not made ({code}). Try again.', archiveDownload: 'Download archive package (ZIP)',
    archiveMissing: '{n} language versions are missing; manifest.json says which and why.',
    policy: 'Municipality settings', policyIntro: 'The address is in every explanation participants get, under "Your rights".',
    complaintAddress: 'Address for complaints', complaintHelp: 'One line, for example "Introsenteret, Postboks 1, 7001 Byen". Empty: the participant is asked to get it from their adviser.',
    save: 'Save', saved: 'Saved. New explanations use the address.', policyVersion: 'Version {n}', notSaved: 'No settings saved yet.',
    policyChanged: 'Someone else saved the settings at the same time. The newest are loaded; check them and save again.',
  },
};

/** GET /reports/statistics (functions/report-statistics): numbers only; null = hidden. */
interface MonthStats {
  period: string;
  cells: Record<string, string | null>;
}
/** GET /reports/nir (shared/domain/reports/nir-report.ts): the due list. */
interface DueItem {
  key: string;
  type: string;
  participantId: string;
  dueDate: string;
  overdue: boolean;
}

/** POST /reports/archive-jobs, GET /reports/archive-jobs/{id} (shared/features/reports/archive-jobs.ts). */
interface ArchiveJob {
  jobId: string;
  period: string;
  status: 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  failure: string | null;
  file: { filename: string; sha256: string; bytes: number; records: number; missing: number } | null;
}

/** GET /municipality/policy (functions/policy-update): the whole policy, sent back whole with a changed address. */
interface PolicyView {
  version: number;
  benefit: Record<string, unknown>;
  attendance: Record<string, unknown>;
  payroll: Record<string, unknown>;
  complaintAddress: string | null;
}

const GROUPS = ['illness', 'leave', 'unexcused', 'pending'] as const;

const i18n = createI18n(MESSAGES, 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: Session;
const api = createApi(
  () => session?.token,
  () => signOutAndReload('admin'),
);

const state = {
  to: addMonths(osloToday().slice(0, 7), -1),
  from: addMonths(osloToday().slice(0, 7), -6),
  months: undefined as MonthStats[] | undefined,
  due: undefined as DueItem[] | undefined,
  selected: new Set<string>(),
  archiveMonth: addMonths(osloToday().slice(0, 7), -1),
  archive: undefined as ArchiveJob | undefined,
  message: '',
  error: '',
  policy: undefined as PolicyView | undefined,
  /** What the admin has typed in the address field: kept in the state, so a render of the page (the reports arriving, the archive job's progress) does not wipe it. */
  policyDraft: undefined as string | undefined,
  policyMessage: '',
  policyError: '',
};

const query = () => `from=${state.from}&to=${state.to}`;
const errText = (err: unknown): string => t('error', { message: err instanceof ApiError ? `${err.message} (${err.code})` : err instanceof Error ? err.message : String(err) });

async function guarded(fn: () => Promise<void>): Promise<void> {
  state.error = '';
  try {
    await fn();
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

const load = () =>
  guarded(async () => {
    state.months = undefined;
    state.due = undefined;
    render();
    const [stats, nir] = await Promise.all([api.get<{ months: MonthStats[] }>(`/reports/statistics?${query()}`), api.get<{ due: DueItem[] }>(`/reports/nir?${query()}`)]);
    state.months = stats.months;
    state.due = nir.due;
    state.selected.clear();
  });

const loadPolicy = async () => {
  state.policy = await api.get<PolicyView>('/municipality/policy');
};

/** Saves the policy as read with the new address (the other settings unchanged); a concurrent save reloads. */
async function savePolicy(address: string): Promise<void> {
  state.policyMessage = '';
  state.policyError = '';
  const p = state.policy!;
  try {
    state.policy = await api.send<PolicyView>('PUT', '/municipality/policy', {
      expectedVersion: p.version,
      benefit: p.benefit,
      attendance: p.attendance,
      payroll: p.payroll,
      complaintAddress: address.trim() === '' ? null : address.trim(),
    });
    state.policyDraft = undefined;
    state.policyMessage = t('saved');
  } catch (err) {
    if (err instanceof ApiError && err.code === 'POLICY_CHANGED') {
      state.policyError = t('policyChanged');
      await loadPolicy().catch(() => undefined);
    } else state.policyError = errText(err);
  }
  render();
}

const fetchFile = (path: string, filename: string) => guarded(async () => download(await (await api.raw(path)).blob(), filename));

const markSelected = () =>
  guarded(async () => {
    const keys = [...state.selected];
    await api.send('POST', '/reports/nir/registrations', { from: state.from, to: state.to, keys });
    state.message = t('marked', { n: keys.length });
    const nir = await api.get<{ due: DueItem[] }>(`/reports/nir?${query()}`);
    state.due = nir.due;
    state.selected.clear();
  });

/** Starts a package and follows it until it is READY or FAILED (the job runs in the workflow, not in this request). */
const makeArchive = () =>
  guarded(async () => {
    let job = await api.send<ArchiveJob>('POST', '/reports/archive-jobs', { period: state.archiveMonth });
    state.archive = job;
    render();
    while (job.status === 'PENDING' || job.status === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 1000));
      job = await api.get<ArchiveJob>(`/reports/archive-jobs/${job.jobId}`);
      state.archive = job;
      render();
    }
  });

const downloadArchive = (job: ArchiveJob) =>
  guarded(async () => {
    const link = await api.send<{ url: string }>('POST', `/reports/archive-jobs/${job.jobId}/links`);
    // The file store answers "attachment": the browser saves the file and the page stays.
    const a = h('a', { href: link.url, rel: 'noopener' });
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

function archiveView(): Child {
  const job = state.archive;
  const monthInput = h('input', { type: 'month', id: 'archive-month', value: state.archiveMonth, onchange: (e: Event) => (state.archiveMonth = (e.target as HTMLInputElement).value) });
  const busy = job !== undefined && (job.status === 'PENDING' || job.status === 'RUNNING');
  return h(
    'section',
    { 'aria-labelledby': 'archive-h' },
    h('h2', { id: 'archive-h' }, t('archive')),
    h('p', {}, t('archiveIntro')),
    h('p', {}, h('label', { for: 'archive-month' }, t('archiveMonth'), ' '), monthInput, ' ', h('button', { type: 'button', disabled: busy, onclick: () => void makeArchive() }, t('archiveStart'))),
    job === undefined
      ? ''
      : busy
        ? h('p', { role: 'status' }, t('archiveWorking'))
        : job.status === 'FAILED' || job.file === null
          ? h('p', { class: 'error', role: 'alert' }, t('archiveFailed', { code: job.failure ?? '' }))
          : [
              h('p', { class: 'ok', role: 'status' }, t('archiveReady', { records: job.file.records, kb: Math.ceil(job.file.bytes / 1024), sha: job.file.sha256.slice(0, 16) })),
              job.file.missing > 0 ? h('p', {}, t('archiveMissing', { n: job.file.missing })) : '',
              h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => void downloadArchive(job) }, t('archiveDownload'))),
            ],
  );
}

// --- charts (inline SVG) ------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 8, top: 12, bottom: 28 };

function frame(title: string, max: number, unit: string, bars: SVGElement[], months: readonly string[]): SVGElement {
  const ticks = [0, 0.5, 1].map((f) => {
    const y = PAD.top + (1 - f) * (H - PAD.top - PAD.bottom);
    return svg('g', {}, svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: y, y2: y }), svg('text', { x: PAD.left - 4, y: y + 4, 'text-anchor': 'end' }, `${Number((max * f).toFixed(max < 10 ? 1 : 0))}${unit}`));
  });
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const labels = months.map((m, i) => svg('text', { x: PAD.left + step * (i + 0.5), y: H - 8, 'text-anchor': 'middle' }, m));
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title }, svg('title', {}, title), ...ticks, ...bars, ...labels);
}

function hiddenBar(x: number, width: number, title: string): SVGElement {
  return svg('rect', { class: 'hidden-cell', x, y: PAD.top, width, height: H - PAD.top - PAD.bottom }, svg('title', {}, title));
}

function rateChart(months: readonly MonthStats[]): SVGElement {
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const inner = H - PAD.top - PAD.bottom;
  const bars = months.map((m, i) => {
    const x = PAD.left + step * i + step * 0.2;
    const v = m.cells.attendance_rate_percent;
    if (v === null || v === '' || v === undefined) return hiddenBar(x, step * 0.6, `${m.period}: ${t('hidden')}`);
    const hgt = (Number(v) / 100) * inner;
    return svg('rect', { class: 'rate', x, y: PAD.top + inner - hgt, width: step * 0.6, height: hgt }, svg('title', {}, `${m.period}: ${v} %`));
  });
  return frame(t('rateChart'), 100, '%', bars, months.map((m) => m.period));
}

function absenceChart(months: readonly MonthStats[]): SVGElement {
  const hours = (m: MonthStats, g: string) => Number(m.cells[`absence_hours_${g}`] ?? 0);
  const max = Math.max(1, ...months.flatMap((m) => GROUPS.map((g) => hours(m, g))));
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const inner = H - PAD.top - PAD.bottom;
  const barW = (step * 0.8) / GROUPS.length;
  const bars = months.flatMap((m, i) =>
    GROUPS.map((g, j) => {
      const x = PAD.left + step * i + step * 0.1 + barW * j;
      const v = m.cells[`absence_hours_${g}`];
      if (v === null || v === undefined) return hiddenBar(x, barW, `${m.period} ${t(`g-${g}`)}: ${t('hidden')}`);
      const hgt = (Number(v) / max) * inner;
      return svg('rect', { class: `g-${g}`, x, y: PAD.top + inner - hgt, width: barW, height: hgt }, svg('title', {}, `${m.period} ${t(`g-${g}`)}: ${v} t`));
    }),
  );
  return frame(t('absenceChart'), max, '', bars, months.map((m) => m.period));
}

// --- views --------------------------------------------------------------------

function periodForm(): HTMLElement {
  const from = h('input', { id: 'from', type: 'month', value: state.from, required: true });
  const to = h('input', { id: 'to', type: 'month', value: state.to, required: true });
  return h(
    'form',
    {
      class: 'periods card',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        state.from = from.value;
        state.to = to.value;
        state.message = '';
        void load();
      },
    },
    h('div', {}, h('label', { for: 'from' }, t('from')), from),
    h('div', {}, h('label', { for: 'to' }, t('to')), to),
    h('button', { type: 'submit', class: 'primary' }, t('show')),
  );
}

function statsView(months: readonly MonthStats[]): Child {
  const columns = Object.keys(months[0]?.cells ?? {});
  const labels = COLUMN_LABELS[i18n.lang()];
  return h(
    'section',
    { 'aria-labelledby': 'stats-h' },
    h('h2', { id: 'stats-h' }, t('stats')),
    h('p', { class: 'muted' }, t('hiddenNote')),
    h('figure', {}, rateChart(months) as unknown as Node, h('figcaption', {}, t('rateChart'))),
    h('figure', {}, absenceChart(months) as unknown as Node, h('figcaption', {}, t('absenceChart'))),
    h('ul', { class: 'legend' }, GROUPS.map((g) => h('li', {}, h('span', { class: `swatch g-${g}`, 'aria-hidden': 'true' }), t(`g-${g}`)))),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'stats' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col')), months.map((m) => h('th', { scope: 'col', class: 'num' }, m.period)))),
        h('tbody', {}, columns.map((c) => h('tr', {}, h('th', { scope: 'row' }, labels[c] ?? c), months.map((m) => h('td', { class: 'num' }, m.cells[c] === null ? h('span', { title: t('hidden') }, ':') : (m.cells[c] ?? '')))))),
      ),
    ),
    h('p', {}, h('button', { type: 'button', onclick: () => void fetchFile(`/reports/statistics?${query()}&format=csv`, `statistics-${state.from}-${state.to}.csv`) }, t('csv'))),
  );
}

function policyView(p: PolicyView): Child {
  const address = h('input', {
    id: 'complaint-address',
    type: 'text',
    maxlength: 300,
    value: state.policyDraft ?? p.complaintAddress ?? '',
    'aria-describedby': 'complaint-help',
    autocomplete: 'off',
    oninput: (ev: Event) => void (state.policyDraft = (ev.target as HTMLInputElement).value),
  });
  return h(
    'section',
    { 'aria-labelledby': 'policy-h' },
    h('h2', { id: 'policy-h' }, t('policy')),
    h('p', { class: 'muted' }, p.version === 0 ? t('notSaved') : t('policyVersion', { n: p.version })),
    h('p', {}, t('policyIntro')),
    h(
      'form',
      {
        class: 'card policy',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          void savePolicy(address.value);
        },
      },
      h('label', { for: 'complaint-address' }, t('complaintAddress')),
      address,
      h('p', { id: 'complaint-help', class: 'muted' }, t('complaintHelp')),
      h('button', { type: 'submit', class: 'primary' }, t('save')),
    ),
    state.policyMessage ? h('p', { class: 'ok', role: 'status' }, state.policyMessage) : '',
    state.policyError ? h('p', { class: 'error', role: 'alert' }, state.policyError) : '',
  );
}

function nirView(due: readonly DueItem[]): Child {
  return h(
    'section',
    { 'aria-labelledby': 'nir-h' },
    h('h2', { id: 'nir-h' }, t('nir')),
    h('p', {}, t('nirIntro')),
    h('p', {}, h('button', { type: 'button', onclick: () => void fetchFile(`/reports/nir?${query()}&format=csv`, `nir-${state.from}-${state.to}.csv`) }, t('nirCsv'))),
    h('h3', {}, t('due')),
    due.length === 0
      ? h('p', {}, t('noneDue'))
      : [
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'due' },
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, t('record')), h('th', { scope: 'col' }, t('dueDate')))),
              h(
                'tbody',
                {},
                due.map((d) => {
                  const box = h('input', {
                    type: 'checkbox',
                    id: `due-${d.key}`,
                    'aria-label': `${t('mark')}: ${d.key}`,
                    checked: state.selected.has(d.key),
                    onchange: () => (state.selected.has(d.key) ? state.selected.delete(d.key) : state.selected.add(d.key)),
                  });
                  return h('tr', { 'data-key': d.key }, h('td', {}, box), h('td', {}, d.key), h('td', { class: d.overdue ? 'error' : undefined }, d.dueDate, d.overdue ? ` (${t('overdue')})` : ''));
                }),
              ),
            ),
          ),
          h('button', { type: 'button', class: 'primary', onclick: () => void markSelected() }, t('mark')),
        ],
  );
}

function render(): void {
  mount(
    root,
    signedInHeader('admin', i18n.switcher(), t('signOut'), session.username),
    h(
      'main',
      { id: 'main' },
      h('h1', {}, t('title')),
      periodForm(),
      state.message ? h('p', { class: 'ok', role: 'status' }, state.message) : '',
      state.error ? h('p', { class: 'error', role: 'alert' }, state.error) : '',
      state.months === undefined ? h('p', {}, t('loading')) : statsView(state.months),
      state.due === undefined ? '' : nirView(state.due),
      archiveView(),
      state.policy === undefined ? '' : policyView(state.policy),
    ),
  );
}

async function main(): Promise<void> {
  session = await ensureSession(root, 'admin', i18n, 'Introflyt – administrasjon');
  i18n.onChange(render);
  render();
  void load();
  void guarded(loadPolicy);
}

void main();
