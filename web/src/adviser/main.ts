/**
 * The adviser's desk: assigned participants with what waits for each,
 * documents waiting for approval (approve, or reject with a reason),
 * decisions that need a formal decision (enkeltvedtak) and REVIEW decisions
 * to look at and mark as seen, and one participant's month: calendar,
 * absences, facts, schedule, corrections, decisions with their explanation,
 * what-if on the decided month (POST /simulations: nothing stored) and the
 * kiosk card.
 *
 * Texts: messages.ts; calls: api.ts; views: views.ts; what-if changes:
 * whatif.ts. Every read here is a staff read of personal data and is
 * access-logged by the API; the page keeps what it reads in memory only.
 */
import '../styles.css';
import { ApiError } from '../lib/api.js';
import { CATEGORY } from '../lib/calendar.js';
import { addMonths, day } from '../lib/format.js';
import { NATIVE_NAME } from '../lib/i18n.js';
import { startPage } from '../lib/start.js';
import { adviserApi } from './api.js';
import { DOCS, MESSAGES, type Key } from './messages.js';
import { loadRightsQueue, rightsQueueView, rightsTabLabel, type AdviserRightsContext } from './rights.js';
import { TABS, initialState, type Tab } from './state.js';
import { activationSection } from './activation.js';
import { documentsView, participantsView, reviewsView, type Actions, type Ctx } from './views.js';
import { applyChanges, caseOf } from './whatif.js';

const page = startPage('adviser', MESSAGES, 'nb');
const { i18n, t, notice } = page;
const call = adviserApi(page.api);
const state = initialState();
const guarded = (fn: () => Promise<void>): Promise<void> => page.guarded(fn, render);
const activation = activationSection(page.api, guarded);

async function loadLists(): Promise<void> {
  const [participants, queue, reviews] = await Promise.all([call.participants(), call.pendingDocuments(), call.reviews()]);
  state.participants = participants.participants;
  state.queue = queue.items;
  state.reviews = reviews.reviews;
}

async function loadMonth(id: string): Promise<void> {
  const [att, list] = await Promise.all([call.attendance(id, state.month), call.decisions(id)]);
  state.attendance = att;
  state.decisions = list?.decisions ?? [];
  // A decided month shows the decision's calendar (and its case for what-if), not the provisional one.
  state.detail = state.decisions.some((d) => d.period === state.month) ? await call.decision(id, state.month) : null;
}

async function openParticipant(id: string): Promise<void> {
  Object.assign(state, { selected: id, file: undefined, attendance: undefined, decisions: undefined, detail: undefined, explanation: undefined, kiosk: undefined, issuedCard: undefined, whatif: { changes: [], issues: [] }, reasonError: {} });
  page.clearNotice();
  render();
  await guarded(async () => {
    const [file, kiosk] = await Promise.all([call.file(id), call.kiosk(id), activation.load(id)]);
    state.file = file;
    state.kiosk = kiosk;
    await loadMonth(id);
  });
}

const selected = (): string => state.selected!;

const actions: Actions = {
  openParticipant: (id) => void openParticipant(id),
  back: () => {
    state.selected = undefined;
    render();
  },
  move: (delta) => {
    state.month = addMonths(state.month, delta);
    state.attendance = undefined;
    state.detail = undefined;
    state.whatif = { changes: [], issues: [] };
    render();
    void guarded(() => loadMonth(selected()));
  },
  decide: (item, decision, reason, noteReceived) => {
    page.clearNotice();
    delete state.reasonError[item.absenceId];
    void guarded(async () => {
      const illness = item.category === 'OWN_ILLNESS' || item.category === 'CHILD_ILLNESS';
      await call.decideAbsence(item.absenceId, {
        decision,
        expectedVersion: item.version,
        ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
        ...(noteReceived && decision === 'APPROVE' && illness ? { documentation: 'DOCTOR_NOTE' as const } : {}),
      });
      const p = state.participants?.find((x) => x.participantId === item.participantId);
      const lang = i18n.lang();
      const kind = DOCS[lang][noteReceived && decision === 'APPROVE' ? 'DOCTOR_NOTE' : item.documentation] ?? CATEGORY[lang][item.category] ?? '';
      const vars = { kind: kind.charAt(0).toUpperCase() + kind.slice(1), name: p === undefined ? '' : p.givenName, date: day(item.date, lang) };
      notice.message = decision === 'APPROVE' ? t('approvedDoc', vars) : t('rejectedDoc', vars);
      state.queue = (await call.pendingDocuments()).items;
    });
  },
  correctDay: (date, present, reason) => {
    page.clearNotice();
    delete state.reasonError.corr;
    const id = selected();
    // The version of the date's correction the adviser has seen: the API refuses a stale one (409 CORRECTION_CHANGED).
    const seen = Math.max(0, ...(state.attendance?.corrections ?? []).filter((c) => c.date === date).map((c) => c.version));
    void guarded(async () => {
      await call.correctDay(id, date, { present, reason: reason.trim(), expectedVersion: seen });
      notice.message = t('corrected', { date: day(date, i18n.lang()) });
      state.attendance = await call.attendance(id, state.month);
    });
  },
  openExplanation: (period) => void guarded(async () => void (state.explanation = await call.explanation(selected(), period, i18n.lang()))),
  unlock: () =>
    void guarded(async () => {
      await call.unlockKiosk(selected());
      notice.message = t('unlocked');
      state.kiosk = await call.kiosk(selected());
    }),
  issueCard: (pin) =>
    void guarded(async () => {
      const r = await call.issueCard(selected(), pin);
      state.issuedCard = r.issued.cardNumber;
      state.kiosk = await call.kiosk(selected());
    }),
  resolve: (d, reference, noticeDate) =>
    void guarded(async () => {
      await call.resolve(d.participantId, d.period, { kind: 'FORMAL_DECISION', version: d.version, vedtakReference: reference, advanceNoticeDate: noticeDate });
      notice.message = t('resolved');
      state.reviews = (await call.reviews()).reviews;
    }),
  markSeen: (d) =>
    void guarded(async () => {
      await call.markSeen(d.participantId, d.period, d.version);
      state.reviews = (await call.reviews()).reviews;
    }),
  addChange: (change) => {
    state.whatif.changes.push(change);
    state.whatif.result = undefined;
    render();
  },
  removeChange: (index) => {
    if (index >= 0) state.whatif.changes.splice(index, 1);
    state.whatif.result = undefined;
    render();
  },
  runWhatIf: () => {
    const input = caseOf(state.detail?.input);
    if (input === undefined) return;
    page.clearNotice();
    state.whatif.issues = [];
    void guarded(async () => {
      try {
        state.whatif.result = await call.simulate(applyChanges(input, state.whatif.changes));
      } catch (err) {
        if (err instanceof ApiError) state.whatif.issues = err.issues;
        throw err;
      }
    });
  },
  setLanguage: (language) =>
    void guarded(async () => {
      const file = state.file!;
      const r = await call.setLanguage(file.participantId, file.version, language);
      state.file = { ...file, language: r.language, version: r.version };
      notice.message = t('languageSaved', { lang: NATIVE_NAME[r.language] ?? r.language });
    }),
  fieldError: (key, message) => {
    state.reasonError[key] = message;
    render();
  },
};

/** Correction requests and complaints (issue 12): their own file, ./rights.ts, drawn in this page's frame. */
const rights: AdviserRightsContext = {
  api: page.api,
  lang: () => i18n.lang(),
  render: () => render(),
  message: (text) => {
    page.clearNotice();
    notice.message = text;
  },
  error: (err) => {
    page.clearNotice();
    page.fail(err);
  },
};

function open(tab: Tab): void {
  state.tab = tab;
  page.clearNotice();
  state.reasonError = {};
  // Each tab reads afresh (assignments, documents and decisions change under the adviser).
  if (tab === 'participants') state.selected = undefined;
  if (tab === 'rights') void loadRightsQueue(rights);
  else void guarded(loadLists);
  render();
}

function render(): void {
  const ctx: Ctx = { s: state, t, lang: i18n.lang(), act: actions, activation: (id) => activation.view(id, i18n.lang()) };
  const body = state.tab === 'participants' ? participantsView(ctx) : state.tab === 'documents' ? documentsView(ctx) : state.tab === 'rights' ? rightsQueueView(rights) : reviewsView(ctx);
  page.frame({ title: t('title'), username: page.session().username, signOut: t('signOut'), tabs: { label: t('nav'), current: state.tab, all: TABS, text: (tab) => (tab === 'rights' ? rightsTabLabel(i18n.lang()) : t(tab as Key)), open } }, ...body);
}

void page.start('Introflyt – rådgiver', () => {
  i18n.onChange(render);
  open('participants');
});
