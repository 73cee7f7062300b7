/**
 * The participant's page (phone first, 360 px and up): the month as a
 * coloured calendar with a legend, the payout with its layered explanation
 * and hints, reporting own or child illness, the access log ("who looked at
 * my data") and downloading all my data.
 *
 * Texts: messages.ts; calls: api.ts (only the signed-in participant's own
 * data, /me/…); views: views.ts. It keeps what it reads in memory and stores
 * nothing in localStorage; the token lives in sessionStorage.
 */
import '../styles.css';
import { ApiError, newUuid } from '../lib/api.js';
import { CATEGORY } from '../lib/calendar.js';
import { download } from '../lib/dom.js';
import { addMonths, day, osloToday } from '../lib/format.js';
import { bindingNotice } from '../lib/binding-notice.js';
import type { PageLang } from '../lib/i18n.js';
import { startPage } from '../lib/start.js';
import { participantApi } from './api.js';
import { PARTICIPANT_LANGUAGES } from '../../../shared/contract/languages.js';
import { activationSignIn } from '../lib/activation.js';
import { EXPLANATION_LANGUAGES, MESSAGES, REFUSALS, type Key } from './messages.js';
import { loadRights, rightsTabLabel, rightsView, type RightsContext } from './rights.js';
import { TABS, accessView, dataView, monthView, payoutView, reportView, type Actions, type Ctx, type State, type Tab } from './views.js';

// Before sign-in the file's language is not known: the browser's, if the page has it, else nb.
const browserLang = PARTICIPANT_LANGUAGES.find((l) => navigator.language.toLowerCase().startsWith(l === 'nb' ? 'n' : l)) ?? 'nb';
const page = startPage('participant', MESSAGES, browserLang as PageLang);
const { i18n, t, notice } = page;
const call = participantApi(page.api);
/** The language on the participant's file, once read (followFileLanguage). */
let fileLanguage: string | undefined;

const state: State = {
  tab: 'month',
  month: osloToday().slice(0, 7),
  attendance: undefined,
  decision: undefined,
  decisions: undefined,
  explanation: undefined,
  explanationKey: '',
  hasHints: false,
  accessLog: undefined,
};
/** The report refusals in the reader's words (the API's code names the rule the report broke). */
const refusals = (): Record<string, string> => Object.fromEntries(REFUSALS.map((c) => [c, t(`refused${c}`)]));
const guarded = (fn: () => Promise<void>): Promise<void> => page.guarded(fn, render, refusals());

function loadMonth(): Promise<void> {
  const month = state.month;
  state.attendance = undefined;
  state.decision = undefined;
  render();
  return guarded(async () => {
    const [att, dec] = await Promise.all([call.attendance(month), call.decision(month)]);
    if (month !== state.month) return;
    state.attendance = att;
    state.decision = dec;
  });
}

/**
 * The explanation's language: the one on the participant's file (issue 11 §2)
 * where the explanation is written in it, else the binding Norwegian.
 */
function explanationLang(): string {
  const wanted = fileLanguage ?? i18n.lang();
  return (EXPLANATION_LANGUAGES as readonly string[]).includes(wanted) ? wanted : 'nb';
}

async function loadExplanation(period: string): Promise<void> {
  const lang = explanationLang();
  const key = `${period}/${lang}`;
  state.explanationKey = key;
  state.explanation = undefined;
  render();
  await guarded(async () => {
    const [body, detail] = await Promise.all([call.explanation(period, lang), call.decision(period)]);
    if (state.explanationKey === key) {
      state.explanation = body;
      state.hasHints = (detail?.decision.hints.length ?? 0) > 0;
    }
  });
}

const loadDecisions = (): Promise<void> =>
  guarded(async () => {
    state.decisions = (await call.decisions())?.decisions ?? [];
    const latest = state.decisions.map((d) => d.period).sort().at(-1);
    if (latest !== undefined && !state.decisions.some((d) => d.period === state.explanationKey.slice(0, 7))) await loadExplanation(latest);
  });

/** After a report: the confirmation (or the refusal) is brought into view and read out. */
function showNotice(): void {
  render();
  document.querySelector<HTMLElement>('#main [role="status"].ok, #main [role="alert"].error')?.scrollIntoView({ block: 'center' });
}

const actions: Actions = {
  move: (delta) => {
    state.month = addMonths(state.month, delta);
    void loadMonth();
  },
  choosePeriod: (period) => void loadExplanation(period),
  report: (form, whole, hours) => {
    const data = new FormData(form);
    page.clearNotice();
    render();
    // Part of a day is asked in hours (what people know); the API counts minutes.
    const body = {
      requestId: newUuid(),
      category: String(data.get('category')),
      date: String(data.get('date')),
      ...(whole ? { wholeDay: true as const } : { minutes: Math.round(hours * 60) }),
      documentation: String(data.get('documentation') ?? 'SELF_CERTIFICATION'),
    };
    call.report(body).then(
      (r) => {
        notice.message = t('reported', { what: CATEGORY[i18n.lang()][r.category] ?? '', date: day(r.date, i18n.lang()), status: t(`status${r.status}` as Key) });
        showNotice();
      },
      (err: unknown) => {
        page.fail(err, err instanceof ApiError ? refusals() : {});
        showNotice();
      },
    );
  },
  download: () =>
    void guarded(async () => {
      const res = await call.dataExport();
      download(await res.blob(), `introflyt-mine-data-${osloToday()}.json`);
      notice.message = t('downloaded');
    }),
};

/** Correction requests and complaints (issue 12): their own file, ./rights.ts, drawn in this page's frame. */
const rights: RightsContext = {
  api: page.api,
  lang: () => i18n.lang(),
  render: () => render(),
  message: (text) => {
    page.clearNotice();
    notice.message = text;
  },
  error: (text, err) => {
    page.clearNotice();
    if (text !== '') notice.error = text;
    else page.fail(err);
  },
};

function open(tab: Tab): void {
  state.tab = tab;
  page.clearNotice();
  if (tab === 'month') void loadMonth();
  if (tab === 'payout') void loadDecisions();
  if (tab === 'access') void guarded(async () => void (state.accessLog = await call.accessLog()));
  if (tab === 'rights') void loadRights(rights);
  render();
}

function render(): void {
  const ctx: Ctx = { s: state, t, lang: i18n.lang(), act: actions };
  const body = state.tab === 'month' ? monthView(ctx) : state.tab === 'payout' ? payoutView(ctx) : state.tab === 'report' ? reportView(ctx) : state.tab === 'access' ? accessView(ctx) : state.tab === 'rights' ? rightsView(rights) : dataView(ctx);
  page.frame({ title: t('title'), signOut: t('signOut'), tabs: { label: t('nav'), current: state.tab, all: TABS, text: (tab) => (tab === 'rights' ? rightsTabLabel(i18n.lang()) : t(tab as Key)), open } }, bindingNotice(i18n.lang(), () => i18n.set('nb')), ...body);
}

/** The language on the participant's file decides the page's; choosing another in the switch changes the file (issue 11 §2). */
async function followFileLanguage(): Promise<void> {
  try {
    fileLanguage = (await call.language()).language;
    i18n.set(fileLanguage as PageLang);
  } catch {
    // The page still works in the browser's language; the next change is saved as usual.
  }
}

void page.start('Introflyt', async () => {
  await followFileLanguage();
  i18n.onChange(() => {
    const chosen = i18n.lang();
    if (fileLanguage !== undefined && chosen !== fileLanguage) {
      fileLanguage = chosen;
      call.setLanguage(chosen).catch((err: unknown) => {
        page.fail(err);
        render();
      });
    }
    if (state.tab === 'payout' && state.explanationKey !== '') void loadExplanation(state.explanationKey.slice(0, 7));
    render();
  });
  open('month');
}, activationSignIn);
