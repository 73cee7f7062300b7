/**
 * The participant's page (phone first, 360 px and up): the month as a
 * coloured calendar with a legend, the payout with its layered explanation
 * and hints, reporting own or child illness, the access log ("who looked at
 * my data") and downloading all my data.
 *
 * It only ever asks the API for the signed-in participant's own data
 * (/me/...), keeps it in memory, and stores nothing in localStorage; the
 * token lives in sessionStorage.
 */
import '../styles.css';
import { signedInHeader } from '../lib/page.js';
import { ApiError, createApi, newUuid } from '../lib/api.js';
import { renderCorrections } from '../lib/corrections.js';
import { CATEGORY, cellsFromAttendance, cellsFromDecision, renderCalendar, type DecisionCalendarDay, type MonthAttendance } from '../lib/calendar.js';
import { download, h, mount, type Child } from '../lib/dom.js';
import { renderExplanation, renderExplanationHistory, type ExplanationVersion } from '../lib/explanation.js';
import { addMonths, dateTime, day, monthName, nok, osloToday } from '../lib/format.js';
import { createI18n, type Messages } from '../lib/i18n.js';
import { ensureSession, signOutAndReload, type Session } from '../lib/session.js';
import { loadRights, rightsTabLabel, rightsView, type RightsContext } from './rights.js';

type Key =
  | 'title' | 'month' | 'payout' | 'report' | 'access' | 'data' | 'signOut' | 'prev' | 'next' | 'provisional' | 'fromDecision' | 'loading'
  | 'absences' | 'noAbsences' | 'noDecision' | 'payoutFor' | 'explanation' | 'hints' | 'reportTitle' | 'ownIllness' | 'childIllness' | 'date'
  | 'wholeDay' | 'partDay' | 'minutes' | 'documentation' | 'selfCert' | 'doctorNote' | 'send' | 'reported' | 'accessIntro' | 'noAccess'
  | 'when' | 'who' | 'why' | 'integrity' | 'verified' | 'broken' | 'unverified' | 'pending' | 'dataIntro' | 'download' | 'downloaded' | 'error' | 'choosePeriod'
  | 'statusAPPROVED' | 'statusPENDING' | 'statusREJECTED' | 'kind' | 'whatHappened' | 'reportHelp' | 'nav'
  | `refused${RefusalCode}`;

/** Codes POST /absences refuses a report with, shown in the reader's language. */
const REFUSALS = ['NO_CHILD_ON_FILE', 'NOT_A_PROGRAMME_DAY', 'NOT_ENROLLED_ON_DATE', 'ON_UNPAID_LEAVE_ON_DATE', 'MINUTES_EXCEED_PLANNED', 'ALREADY_REPORTED', 'DATE_OUT_OF_RANGE'] as const;
type RefusalCode = (typeof REFUSALS)[number];

const MESSAGES: Messages<Key> = {
  nb: {
    title: 'Mitt introduksjonsprogram',
    nav: 'Hovedmeny',
    month: 'Måned',
    payout: 'Utbetaling',
    report: 'Meld fravær',
    access: 'Hvem har sett',
    data: 'Mine data',
    signOut: 'Logg ut',
    prev: 'Forrige måned',
    next: 'Neste måned',
    provisional: 'Foreløpig: bygger på registrert oppmøte og fravær. Vedtaket for måneden kan avvike.',
    fromDecision: 'Fra vedtaket for måneden (versjon {v}).',
    loading: 'Henter …',
    absences: 'Fravær denne måneden',
    noAbsences: 'Ingen fravær er meldt denne måneden.',
    noDecision: 'Det er ikke gjort vedtak om utbetaling ennå.',
    payoutFor: 'Utbetaling for {month}',
    explanation: 'Forklaring',
    hints: 'Dette kan endre utbetalingen',
    reportTitle: 'Meld sykdom',
    ownIllness: 'Jeg er syk',
    childIllness: 'Barnet mitt er sykt',
    date: 'Dato',
    wholeDay: 'Hele dagen',
    partDay: 'En del av dagen',
    minutes: 'Antall minutter',
    documentation: 'Dokumentasjon',
    selfCert: 'Egenmelding',
    doctorNote: 'Jeg leverer legeerklæring',
    send: 'Send',
    reported: 'Fraværet er meldt: {what}, {date}, {status}.',
    reportHelp: 'Du kan melde sykdom for i dag og inntil 14 dager tilbake. Skriv aldri diagnose eller helseopplysninger.',
    accessIntro: 'Hver gang en ansatt leser opplysninger om deg, blir det logget. Her ser du hvem (rolle og ansattkode), når og hvorfor.',
    noAccess: 'Ingen ansatte har lest opplysningene dine ennå.',
    when: 'Når',
    who: 'Hvem',
    why: 'Hvorfor',
    integrity: 'Loggen er kontrollert:',
    verified: 'ingen oppføringer er endret',
    broken: 'loggen er endret – kontakt kommunen',
    unverified: 'kunne ikke kontrolleres akkurat nå – prøv igjen senere',
    pending: 'registrert, forsegles om et øyeblikk',
    dataIntro: 'Last ned alt kommunen har lagret om deg i Introflyt, som en JSON-fil (personvernforordningen art. 15 og 20).',
    download: 'Last ned mine data',
    downloaded: 'Filen er lastet ned.',
    error: 'Noe gikk galt: {message}',
    choosePeriod: 'Velg måned',
    statusAPPROVED: 'godkjent',
    statusPENDING: 'venter på behandling',
    statusREJECTED: 'avslått',
    kind: 'Type',
    whatHappened: 'Status',
    refusedNO_CHILD_ON_FILE: 'Du kan ikke melde barns sykdom: det står ingen barn i mappen din. Be rådgiveren din om å rette det.',
    refusedNOT_A_PROGRAMME_DAY: 'Datoen er ikke en programdag for deg (helg, helligdag eller en dag uten undervisning), så det er ikke noe fravær å melde.',
    refusedNOT_ENROLLED_ON_DATE: 'Du var ikke med i programmet denne datoen, så det er ikke noe fravær å melde.',
    refusedON_UNPAID_LEAVE_ON_DATE: 'Du har permisjon uten stønad denne datoen, så det er ikke noe fravær å melde.',
    refusedMINUTES_EXCEED_PLANNED: 'Dagen har færre planlagte minutter enn du skrev. Meld hele dagen eller færre minutter.',
    refusedALREADY_REPORTED: 'Du har allerede meldt fravær for hele denne dagen.',
    refusedDATE_OUT_OF_RANGE: 'Du kan melde sykdom for i dag og inntil 14 dager tilbake.',
  },
  en: {
    title: 'My introduction programme',
    nav: 'Main menu',
    month: 'Month',
    payout: 'Payout',
    report: 'Report absence',
    access: 'Who looked',
    data: 'My data',
    signOut: 'Sign out',
    prev: 'Previous month',
    next: 'Next month',
    provisional: 'Provisional: based on recorded attendance and absences. The month’s decision may differ.',
    fromDecision: 'From the month’s decision (version {v}).',
    loading: 'Loading …',
    absences: 'Absences this month',
    noAbsences: 'No absences reported this month.',
    noDecision: 'No payout decision has been made yet.',
    payoutFor: 'Payout for {month}',
    explanation: 'Explanation',
    hints: 'What would change the payout',
    reportTitle: 'Report illness',
    ownIllness: 'I am ill',
    childIllness: 'My child is ill',
    date: 'Date',
    wholeDay: 'The whole day',
    partDay: 'Part of the day',
    minutes: 'Minutes',
    documentation: 'Documentation',
    selfCert: 'Self-certification',
    doctorNote: 'I will hand in a doctor’s note',
    send: 'Send',
    reported: 'Absence reported: {what}, {date}, {status}.',
    reportHelp: 'You can report illness for today and up to 14 days back. Never write a diagnosis or health details.',
    accessIntro: 'Every time a member of staff reads your information, it is logged. Here you see who (role and staff code), when and why.',
    noAccess: 'No member of staff has read your information yet.',
    when: 'When',
    who: 'Who',
    why: 'Why',
    integrity: 'The log is checked:',
    verified: 'no entry has been changed',
    broken: 'the log has been changed – contact the municipality',
    unverified: 'could not be checked just now – try again later',
    pending: 'recorded, sealed in a moment',
    dataIntro: 'Download everything the municipality holds about you in Introflyt, as a JSON file (GDPR art. 15 and 20).',
    download: 'Download my data',
    downloaded: 'The file is downloaded.',
    error: 'Something went wrong: {message}',
    choosePeriod: 'Choose a month',
    statusAPPROVED: 'approved',
    statusPENDING: 'waiting for review',
    statusREJECTED: 'rejected',
    kind: 'Type',
    whatHappened: 'Status',
    refusedNO_CHILD_ON_FILE: 'You cannot report a child’s illness: your file lists no children. Ask your adviser to correct it.',
    refusedNOT_A_PROGRAMME_DAY: 'The date is not a programme day for you (a weekend, a public holiday or a day without classes), so there is no absence to report.',
    refusedNOT_ENROLLED_ON_DATE: 'You were not in the programme on this date, so there is no absence to report.',
    refusedON_UNPAID_LEAVE_ON_DATE: 'You are on unpaid leave on this date, so there is no absence to report.',
    refusedMINUTES_EXCEED_PLANNED: 'The day has fewer planned minutes than you wrote. Report the whole day or fewer minutes.',
    refusedALREADY_REPORTED: 'You have already reported absence for the whole of this day.',
    refusedDATE_OUT_OF_RANGE: 'You can report illness for today and up to 14 days back.',
  },
};

type Tab = 'month' | 'payout' | 'report' | 'access' | 'data' | 'rights';

interface DecisionSummary {
  period: string;
  version?: number;
  payoutOre?: number;
  decisionId?: string;
}
interface DecisionDetail {
  period: string;
  version?: number;
  decision?: { payoutOre: number; baseOre?: number; calendar?: DecisionCalendarDay[] };
  payoutOre?: number;
  calendar?: DecisionCalendarDay[];
}

const i18n = createI18n(MESSAGES, navigator.language.startsWith('en') ? 'en' : 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: Session;
// An expired or refused token: back to sign-in (the page keeps nothing worth saving).
const api = createApi(
  () => session?.token,
  () => signOutAndReload('participant'),
);

const state = {
  tab: 'month' as Tab,
  month: osloToday().slice(0, 7),
  attendance: undefined as MonthAttendance | undefined,
  decision: undefined as DecisionDetail | undefined | null,
  decisions: undefined as DecisionSummary[] | undefined,
  explanation: undefined as unknown,
  explanationKey: '',
  /** The shown month's decision has hints (things the participant can do): its hints layer opens by itself. */
  hasHints: false,
  accessLog: undefined as { entries: { seq: number | null; state: 'SEALED' | 'PENDING'; at: string; role: string; staffRef: string; purpose: string; route: string }[]; integrity: string } | undefined,
  message: '',
  error: '',
};

const errText = (err: unknown): string => t('error', { message: err instanceof ApiError ? `${err.message} (${err.code})` : err instanceof Error ? err.message : String(err) });

/** GET that treats "no such route yet" and "no such thing" as absent. */
async function maybe<T>(path: string): Promise<T | null> {
  try {
    return await api.get<T>(path);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function decisionList(body: unknown): DecisionSummary[] {
  const b = body as { items?: DecisionSummary[]; decisions?: DecisionSummary[] } | DecisionSummary[] | null;
  if (b === null) return [];
  return Array.isArray(b) ? b : (b.items ?? b.decisions ?? []);
}

async function loadMonth(): Promise<void> {
  const month = state.month;
  state.attendance = undefined;
  state.decision = undefined;
  render();
  try {
    const [att, dec] = await Promise.all([api.get<MonthAttendance>(`/me/attendance?month=${month}`), maybe<DecisionDetail>(`/me/decisions/${month}`)]);
    if (month !== state.month) return;
    state.attendance = att;
    state.decision = dec;
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

async function loadDecisions(): Promise<void> {
  try {
    state.decisions = decisionList(await maybe<unknown>('/me/decisions'));
    const latest = state.decisions.map((d) => d.period).sort().at(-1);
    if (latest !== undefined && !state.decisions.some((d) => d.period === state.explanationKey.slice(0, 7))) await loadExplanation(latest);
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

async function loadExplanation(period: string): Promise<void> {
  const key = `${period}/${i18n.lang()}`;
  state.explanationKey = key;
  state.explanation = undefined;
  render();
  try {
    const [body, detail] = await Promise.all([api.get<unknown>(`/me/decisions/${period}/explanation?lang=${i18n.lang()}`), maybe<{ decision?: { hints?: unknown[] } }>(`/me/decisions/${period}`)]);
    if (state.explanationKey === key) {
      state.explanation = body;
      state.hasHints = (detail?.decision?.hints?.length ?? 0) > 0;
    }
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

async function loadAccessLog(): Promise<void> {
  try {
    state.accessLog = await api.get('/me/access-log');
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

function monthView(): Child[] {
  const lang = i18n.lang();
  const nav = h(
    'div',
    { class: 'row' },
    h('button', { type: 'button', 'aria-label': t('prev'), onclick: () => ((state.month = addMonths(state.month, -1)), void loadMonth()) }, '‹'),
    h('h2', { id: 'month-title' }, monthName(state.month, lang)),
    h('button', { type: 'button', 'aria-label': t('next'), onclick: () => ((state.month = addMonths(state.month, 1)), void loadMonth()) }, '›'),
  );
  const att = state.attendance;
  if (att === undefined) return [nav, h('p', { role: 'status' }, t('loading'))];
  const dec = state.decision;
  const calendar = dec?.decision?.calendar ?? dec?.calendar;
  const cells = calendar !== undefined ? cellsFromDecision(calendar) : cellsFromAttendance(att, osloToday());
  const caption = calendar !== undefined ? t('fromDecision', { v: dec?.version ?? 1 }) : t('provisional');
  return [
    nav,
    renderCalendar(state.month, cells, lang, caption),
    h('h2', {}, t('absences')),
    att.absences.length === 0
      ? h('p', {}, t('noAbsences'))
      : h(
          'ul',
          { class: 'absences' },
          att.absences.map((a) =>
            h('li', { 'data-absence': a.absenceId }, `${day(a.date, lang)}: ${CATEGORY[lang][a.category] ?? a.category} – ${t(`status${a.status}` as Key)}`, a.history.at(-1)?.reason ? ` (${a.history.at(-1)!.reason})` : ''),
          ),
        ),
    // An adviser's correction of a day is always shown, with its reason (quality.md S12).
    (att.corrections ?? []).length > 0 ? renderCorrections(att.corrections, lang) : '',
  ];
}

function payoutView(): Child[] {
  const lang = i18n.lang();
  if (state.decisions === undefined) return [h('p', { role: 'status' }, t('loading'))];
  if (state.decisions.length === 0) return [h('p', {}, t('noDecision'))];
  const periods = [...new Set(state.decisions.map((d) => d.period))].sort().reverse();
  const current = state.explanationKey.slice(0, 7) || periods[0]!;
  const summary = state.decisions.find((d) => d.period === current);
  const explanation = state.explanation as { paidOre?: number; history?: ExplanationVersion[] } | undefined;
  const paid = explanation?.paidOre ?? summary?.payoutOre;
  const select = h(
    'select',
    { id: 'period', onchange: (ev: Event) => void loadExplanation((ev.target as HTMLSelectElement).value) },
    periods.map((p) => h('option', { value: p, selected: p === current }, monthName(p, lang))),
  );
  return [
    h('label', { for: 'period' }, t('choosePeriod')),
    select,
    h('h2', {}, t('payoutFor', { month: monthName(current, lang) })),
    // What is paid (an adviser's adjustment, back-payments of earlier months included), as the explanation says it.
    paid !== undefined ? h('p', { class: 'amount', 'data-payout': paid }, nok(paid, lang)) : '',
    explanation === undefined ? h('p', { role: 'status' }, t('loading')) : renderExplanation(explanation, t('explanation'), state.hasHints ? ['hints'] : []),
    explanation?.history !== undefined && explanation.history.length > 0 ? renderExplanationHistory(explanation.history, lang) : '',
  ];
}

function reportView(): Child[] {
  const lang = i18n.lang();
  const today = osloToday();
  const earliest = new Date(Date.parse(`${today}T12:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
  let whole = true;
  const minutes = h('input', { id: 'minutes', name: 'minutes', type: 'number', min: 1, max: 1440, value: 60, disabled: true });
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(form);
        const category = String(data.get('category'));
        // Exactly what was chosen, for own and child illness alike: a doctor's note to come waits for the document.
        const documentation = String(data.get('documentation') ?? 'SELF_CERTIFICATION');
        const body = {
          requestId: newUuid(),
          category,
          date: String(data.get('date')),
          ...(whole ? { wholeDay: true } : { minutes: Number(minutes.value) }),
          documentation,
        };
        state.message = '';
        state.error = '';
        render();
        api.send<{ date: string; category: string; status: 'APPROVED' | 'PENDING' | 'REJECTED' }>('POST', '/absences', body).then(
          (r) => {
            state.message = t('reported', { what: CATEGORY[i18n.lang()][r.category] ?? r.category, date: day(r.date, i18n.lang()), status: t(`status${r.status}` as Key) });
            render();
          },
          (err: unknown) => {
            const refusal = err instanceof ApiError ? REFUSALS.find((c) => c === err.code) : undefined;
            state.error = refusal === undefined ? errText(err) : t(`refused${refusal}`);
            render();
          },
        );
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, t('kind')),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'category', value: 'OWN_ILLNESS', checked: true }), ` ${t('ownIllness')}`),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'category', value: 'CHILD_ILLNESS' }), ` ${t('childIllness')}`),
    ),
    h('label', { for: 'date' }, t('date')),
    h('input', { id: 'date', name: 'date', type: 'date', value: today, min: earliest, max: today, required: true, lang }),
    h(
      'fieldset',
      {},
      h('legend', {}, t('minutes')),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'span', value: 'whole', checked: true, onchange: () => ((whole = true), (minutes.disabled = true)) }), ` ${t('wholeDay')}`),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'span', value: 'part', onchange: () => ((whole = false), (minutes.disabled = false)) }), ` ${t('partDay')}`),
      h('label', { for: 'minutes' }, t('minutes')),
      minutes,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('documentation')),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'documentation', value: 'SELF_CERTIFICATION', checked: true }), ` ${t('selfCert')}`),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'documentation', value: 'DOCTOR_NOTE' }), ` ${t('doctorNote')}`),
    ),
    h('p', { class: 'muted' }, t('reportHelp')),
    h('button', { type: 'submit', class: 'primary' }, t('send')),
  );
  return [h('h2', {}, t('reportTitle')), form];
}

function accessView(): Child[] {
  const lang = i18n.lang();
  const log = state.accessLog;
  if (log === undefined) return [h('p', { role: 'status' }, t('loading'))];
  return [
    h('h2', {}, t('access')),
    h('p', {}, t('accessIntro')),
    h('p', {}, `${t('integrity')} `, h('strong', { 'data-integrity': log.integrity }, log.integrity === 'VERIFIED' ? t('verified') : log.integrity === 'BROKEN' ? t('broken') : t('unverified'))),
    log.entries.length === 0
      ? h('p', {}, t('noAccess'))
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'access-log' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('when')), h('th', { scope: 'col' }, t('who')), h('th', { scope: 'col' }, t('why')))),
            h(
              'tbody',
              {},
              [...log.entries]
                .reverse()
                .map((e) =>
                  h('tr', { 'data-state': e.state }, h('td', {}, dateTime(e.at, lang)), h('td', {}, `${e.role} ${e.staffRef}`), h('td', {}, e.state === 'PENDING' ? `${e.purpose} (${t('pending')})` : e.purpose)),
                ),
            ),
          ),
        ),
  ];
}

function dataView(): Child[] {
  return [
    h('h2', {}, t('data')),
    h('p', {}, t('dataIntro')),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        id: 'download-data',
        onclick: async () => {
          try {
            const res = await api.raw('/me/data-export');
            download(await res.blob(), `introflyt-mine-data-${osloToday()}.json`);
            state.message = t('downloaded');
          } catch (err) {
            state.error = errText(err);
          }
          render();
        },
      },
      t('download'),
    ),
  ];
}

const TABS: Tab[] = ['month', 'payout', 'report', 'rights', 'access', 'data'];

/** Correction requests and complaints (issue 12): their own file, ./rights.ts. */
const rights: RightsContext = {
  api,
  lang: () => i18n.lang(),
  render: () => render(),
  message: (text) => ((state.message = text), (state.error = '')),
  error: (text, err) => ((state.error = text !== '' ? text : errText(err)), (state.message = '')),
};

function open(tab: Tab): void {
  state.tab = tab;
  state.message = '';
  state.error = '';
  if (tab === 'month') void loadMonth();
  if (tab === 'payout') void loadDecisions();
  if (tab === 'access') void loadAccessLog();
  if (tab === 'rights') void loadRights(rights);
  render();
}

function render(): void {
  const body = state.tab === 'month' ? monthView() : state.tab === 'payout' ? payoutView() : state.tab === 'report' ? reportView() : state.tab === 'access' ? accessView() : state.tab === 'rights' ? rightsView(rights) : dataView();
  mount(
    root,
    signedInHeader('participant', i18n.switcher(), t('signOut')),
    h(
      'main',
      { id: 'main' },
      h('h1', {}, t('title')),
      h('nav', { class: 'tabs', 'aria-label': t('nav') }, TABS.map((tab) => h('button', { type: 'button', 'data-tab': tab, 'aria-current': state.tab === tab ? 'page' : undefined, 'aria-pressed': String(state.tab === tab), onclick: () => open(tab) }, tab === 'rights' ? rightsTabLabel(i18n.lang()) : t(tab)))),
      state.message ? h('p', { class: 'ok', role: 'status' }, state.message) : '',
      state.error ? h('p', { class: 'error', role: 'alert' }, state.error) : '',
      body,
    ),
  );
}

async function main(): Promise<void> {
  session = await ensureSession(root, 'participant', i18n, 'Introflyt');
  i18n.onChange(() => {
    if (state.tab === 'payout' && state.explanationKey !== '') void loadExplanation(state.explanationKey.slice(0, 7));
    render();
  });
  open('month');
}

void main();
