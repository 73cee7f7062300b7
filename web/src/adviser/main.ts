/**
 * The adviser's desk: assigned participants, documents waiting for approval
 * (approve, or reject with a reason), decisions that need a formal decision
 * (enkeltvedtak) and REVIEW decisions to look at and mark as seen, one participant's calendar and decisions, and what-if on a
 * participant's month (POST /simulations: the engine on an edited case,
 * nothing stored).
 *
 * Every read here is a staff read of personal data and is access-logged by
 * the API; the page keeps what it reads in memory only.
 */
import '../styles.css';
import { signedInHeader } from '../lib/page.js';
import { ApiError, createApi } from '../lib/api.js';
import { parseIntervals, renderCorrections } from '../lib/corrections.js';
import { CATEGORY, cellsFromAttendance, cellsFromDecision, renderCalendar, type AbsenceView, type DecisionCalendarDay, type MonthAttendance } from '../lib/calendar.js';
import { h, mount, type Child } from '../lib/dom.js';
import { renderExplanation, renderExplanationHistory, type ExplanationVersion } from '../lib/explanation.js';
import { addMonths, dateTime, day, monthName, nok, osloToday } from '../lib/format.js';
import { createI18n, type Messages } from '../lib/i18n.js';
import { ensureSession, signOutAndReload, type Session } from '../lib/session.js';
import { loadRightsQueue, rightsQueueView, rightsTabLabel, type AdviserRightsContext } from './rights.js';

type Key =
  | 'title' | 'nav' | 'participants' | 'documents' | 'reviews' | 'whatif' | 'signOut' | 'loading' | 'none' | 'name' | 'open' | 'date' | 'category'
  | 'documentation' | 'status' | 'approve' | 'reject' | 'reason' | 'reasonHelp' | 'approved' | 'rejected' | 'noDocuments' | 'noReviews' | 'period'
  | 'payout' | 'review' | 'resolve' | 'reference' | 'noticeDate' | 'resolved' | 'back' | 'calendar' | 'decisions' | 'noDecisions' | 'prev' | 'next'
  | 'provisional' | 'explanation' | 'case' | 'caseHelp' | 'run' | 'result' | 'base' | 'deduction' | 'error' | 'participant' | 'receivedNote'
  | 'fromDecision' | 'useDecision' | 'minutes' | 'wholeDay' | 'version'
  | 'vedtakHeading' | 'lookHeading' | 'lookHelp' | 'noLook' | 'markSeen' | 'seen'
  | 'kiosk' | 'kioskNone' | 'kioskOpen' | 'kioskLocked' | 'unlock' | 'unlocked' | 'refusedTaps' | 'refusedTap' | 'issueCard' | 'newPin' | 'newPinHelp' | 'issued'
  | 'correctTitle' | 'correctHelp' | 'presentTimes' | 'presentHelp' | 'withdraw' | 'saveCorrection' | 'corrected' | 'badTimes';

const MESSAGES: Messages<Key> = {
  nb: {
    title: 'Rådgiver',
    nav: 'Hovedmeny',
    participants: 'Mine deltakere',
    documents: 'Dokumenter til godkjenning',
    reviews: 'Vedtak til kontroll',
    whatif: 'Hva om',
    signOut: 'Logg ut',
    loading: 'Henter …',
    none: 'Ingen.',
    name: 'Navn',
    open: 'Åpne',
    date: 'Dato',
    category: 'Type',
    documentation: 'Dokumentasjon',
    status: 'Status',
    approve: 'Godkjenn',
    reject: 'Avslå',
    reason: 'Begrunnelse',
    reasonHelp: 'Begrunnelsen vises for deltakeren. Ikke skriv helseopplysninger.',
    approved: 'Godkjent.',
    rejected: 'Avslått.',
    correctTitle: 'Rett en dag',
    correctHelp: 'Innsjekkingene endres aldri. Rettingen gjelder i stedet for dem den dagen, deltakeren ser den med begrunnelsen, og den telles i neste lønnskjøring.',
    presentTimes: 'Til stede (klokkeslett)',
    presentHelp: 'For eksempel 08:30-11:30, 12:00-15:00. Tomt: ikke til stede.',
    withdraw: 'Trekk tilbake rettingen (inn- og utsjekkingene gjelder igjen)',
    saveCorrection: 'Lagre rettingen',
    corrected: 'Dagen er rettet: {date}.',
    badTimes: 'Skriv tidene som 08:30-11:30, adskilt med komma.',
    noDocuments: 'Ingen dokumenter venter.',
    noReviews: 'Ingen vedtak venter på enkeltvedtak.',
    period: 'Måned',
    payout: 'Utbetaling',
    review: 'Kontrollklasse',
    resolve: 'Registrer enkeltvedtak',
    reference: 'Saksnummer for vedtaket',
    noticeDate: 'Dato for forhåndsvarsel',
    resolved: 'Registrert.',
    back: 'Tilbake',
    calendar: 'Kalender',
    decisions: 'Vedtak',
    noDecisions: 'Ingen vedtak ennå.',
    prev: 'Forrige måned',
    next: 'Neste måned',
    provisional: 'Foreløpig, fra registrert oppmøte og fravær.',
    fromDecision: 'Fra vedtaket for måneden.',
    explanation: 'Forklaring',
    case: 'Saken (JSON, som i case-format.md)',
    caseHelp: 'Endre saken og se hva utbetalingen ville blitt. Ingenting lagres.',
    run: 'Beregn',
    result: 'Resultat',
    base: 'Grunnbeløp for måneden',
    deduction: 'Trekk',
    error: 'Noe gikk galt: {message}',
    participant: 'Deltaker',
    receivedNote: 'Legeerklæring mottatt',
    useDecision: 'Bruk saken fra vedtaket',
    minutes: '{n} min',
    wholeDay: 'hele dagen',
    version: 'versjon',
    vedtakHeading: 'Krever enkeltvedtak',
    lookHeading: 'Til gjennomsyn',
    lookHelp: 'Vedtak med trekk for fravær under grensen for enkeltvedtak. De blir utbetalt som beregnet, og deltakeren får vite at du ser gjennom dem. Merk dem som sett når du har gjort det.',
    noLook: 'Ingen vedtak venter på gjennomsyn.',
    markSeen: 'Merk som sett',
    seen: 'Sett {date}.',
    kiosk: 'Kiosk',
    kioskNone: 'Ingen kort eller QR-kode.',
    kioskOpen: '{kind}: åpent',
    kioskLocked: '{kind}: sperret etter feil PIN-koder til {until}',
    unlock: 'Åpne kortet',
    unlocked: 'Kortet er åpnet.',
    refusedTaps: 'Registreringer fra kiosken som ikke ble godtatt',
    refusedTap: '{type} {when} på {device}: {code}',
    issueCard: 'Lag nytt kort',
    newPin: 'PIN-kode',
    newPinHelp: '4–8 siffer, ikke 1234 eller 0000. Det gamle kortet slutter å virke.',
    issued: 'Kortnummer (vises bare nå, skriv det ut): {number}',
  },
  en: {
    title: 'Adviser',
    nav: 'Main menu',
    participants: 'My participants',
    documents: 'Documents to approve',
    reviews: 'Decisions to review',
    whatif: 'What if',
    signOut: 'Sign out',
    loading: 'Loading …',
    none: 'None.',
    name: 'Name',
    open: 'Open',
    date: 'Date',
    category: 'Type',
    documentation: 'Documentation',
    status: 'Status',
    approve: 'Approve',
    reject: 'Reject',
    reason: 'Reason',
    reasonHelp: 'The participant sees the reason. Do not write health details.',
    approved: 'Approved.',
    rejected: 'Rejected.',
    correctTitle: 'Correct a day',
    correctHelp: 'Check-ins are never changed. The correction counts instead of them on that day, the participant sees it with the reason, and the next payroll run uses it.',
    presentTimes: 'Present (times)',
    presentHelp: 'For example 08:30-11:30, 12:00-15:00. Empty: not present.',
    withdraw: 'Withdraw the correction (the check-ins count again)',
    saveCorrection: 'Save the correction',
    corrected: 'The day is corrected: {date}.',
    badTimes: 'Write the times as 08:30-11:30, separated by commas.',
    noDocuments: 'No documents are waiting.',
    noReviews: 'No decision is waiting for a formal decision.',
    period: 'Month',
    payout: 'Payout',
    review: 'Review class',
    resolve: 'Record the formal decision',
    reference: 'Case number of the decision',
    noticeDate: 'Date of advance notice',
    resolved: 'Recorded.',
    back: 'Back',
    calendar: 'Calendar',
    decisions: 'Decisions',
    noDecisions: 'No decisions yet.',
    prev: 'Previous month',
    next: 'Next month',
    provisional: 'Provisional, from recorded attendance and absences.',
    fromDecision: 'From the month’s decision.',
    explanation: 'Explanation',
    case: 'The case (JSON, as in case-format.md)',
    caseHelp: 'Change the case and see what the payout would be. Nothing is stored.',
    run: 'Compute',
    result: 'Result',
    base: 'Base for the month',
    deduction: 'Deduction',
    error: 'Something went wrong: {message}',
    participant: 'Participant',
    receivedNote: 'Doctor’s note received',
    useDecision: 'Use the case from the decision',
    minutes: '{n} min',
    wholeDay: 'whole day',
    version: 'version',
    vedtakHeading: 'Need a formal decision',
    lookHeading: 'To look at',
    lookHelp: 'Decisions with a deduction for absence below the formal-decision threshold. They are paid as computed, and the participant is told that you look at them. Mark them as seen when you have.',
    noLook: 'No decision is waiting to be looked at.',
    markSeen: 'Mark as seen',
    seen: 'Seen {date}.',
    kiosk: 'Kiosk',
    kioskNone: 'No card or QR code.',
    kioskOpen: '{kind}: open',
    kioskLocked: '{kind}: locked after wrong PINs until {until}',
    unlock: 'Unlock the card',
    unlocked: 'The card is unlocked.',
    refusedTaps: 'Kiosk taps that were not accepted',
    refusedTap: '{type} {when} at {device}: {code}',
    issueCard: 'Issue a new card',
    newPin: 'PIN',
    newPinHelp: '4–8 digits, not 1234 or 0000. The old card stops working.',
    issued: 'Card number (shown only now, print it): {number}',
  },
};

const DOCS: Record<'nb' | 'en', Record<string, string>> = {
  nb: { SELF_CERTIFICATION: 'egenmelding', DOCTOR_NOTE: 'legeerklæring', NONE: 'ingen' },
  en: { SELF_CERTIFICATION: 'self-certification', DOCTOR_NOTE: 'doctor’s note', NONE: 'none' },
};

type Tab = 'participants' | 'documents' | 'reviews' | 'rights' | 'whatif';
interface ParticipantRow {
  participantId: string;
  givenName?: string;
  familyName?: string;
  name?: string;
}
interface KioskStatus {
  credentials: { kind: 'CARD' | 'QR'; locked: boolean; lockedUntil: string | null }[];
  refusedReplays: { eventId: string; type: 'IN' | 'OUT'; deviceId: string; deviceTime: string; code: string }[];
}
interface QueueItem extends AbsenceView {
  participantId: string;
}
interface DecisionRow {
  participantId?: string;
  period: string;
  version?: number;
  payoutOre?: number;
  review?: string;
  reviewClass?: string;
  decisionId?: string;
  resolved?: boolean;
  seen?: { seenAt: string } | null;
  deductionOre?: number;
  input?: unknown;
  decision?: { payoutOre: number; baseOre: number; deductionOre: number; review?: string; calendar?: DecisionCalendarDay[] };
  calendar?: DecisionCalendarDay[];
}

const i18n = createI18n(MESSAGES, 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: Session;
// An expired or refused token: back to sign-in.
const api = createApi(
  () => session?.token,
  () => signOutAndReload('adviser'),
);

const state = {
  tab: 'participants' as Tab,
  participants: undefined as ParticipantRow[] | undefined,
  queue: undefined as QueueItem[] | undefined,
  reviews: undefined as DecisionRow[] | undefined,
  /** REVIEW decisions to look at and mark as seen. */
  look: undefined as DecisionRow[] | undefined,
  selected: undefined as string | undefined,
  month: osloToday().slice(0, 7),
  attendance: undefined as MonthAttendance | undefined,
  decisions: undefined as DecisionRow[] | undefined,
  kiosk: undefined as KioskStatus | undefined,
  issuedCard: undefined as string | undefined,
  explanation: undefined as unknown,
  caseText: '',
  simulation: undefined as unknown,
  message: '',
  error: '',
};

const errText = (err: unknown): string => t('error', { message: err instanceof ApiError ? `${err.message} (${err.code})` : err instanceof Error ? err.message : String(err) });
const listOf = <T>(b: unknown, ...keys: string[]): T[] => {
  if (Array.isArray(b)) return b as T[];
  for (const k of keys) {
    const v = (b as Record<string, unknown> | null)?.[k];
    if (Array.isArray(v)) return v as T[];
  }
  return [];
};
const nameOf = (p: ParticipantRow | undefined, id: string): string => (p === undefined ? id : (p.name ?? ([p.givenName, p.familyName].filter(Boolean).join(' ') || id)));

async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    state.error = errText(err);
  }
  render();
}

const loadParticipants = (): Promise<void> => guarded(async () => void (state.participants = listOf(await api.get('/participants'), 'items', 'participants')));
const loadQueue = (): Promise<void> => guarded(async () => void (state.queue = listOf(await api.get('/absences?status=PENDING'), 'items')));
/** Both lists in one read: decisions that need a formal decision, and REVIEW decisions to look at. */
async function fetchReviews(): Promise<void> {
  const all = listOf<DecisionRow>(await api.get('/reviews?review=ALL'), 'items', 'reviews', 'decisions');
  state.reviews = all.filter((d) => d.review !== 'REVIEW');
  state.look = all.filter((d) => d.review === 'REVIEW');
}
const loadReviews = (): Promise<void> =>
  guarded(async () => {
    try {
      await fetchReviews();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) state.reviews = state.look = [];
      else throw err;
    }
  });

async function loadParticipant(id: string): Promise<void> {
  state.selected = id;
  state.attendance = undefined;
  state.decisions = undefined;
  state.explanation = undefined;
  state.kiosk = undefined;
  state.issuedCard = undefined;
  render();
  await guarded(async () => {
    state.kiosk = await api.get<KioskStatus>(`/participants/${encodeURIComponent(id)}/kiosk-credential`);
    const [att, dec] = await Promise.all([
      api.get<MonthAttendance>(`/participants/${encodeURIComponent(id)}/attendance?month=${state.month}`),
      api.get<unknown>(`/participants/${encodeURIComponent(id)}/decisions`).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return [];
        throw err;
      }),
    ]);
    state.attendance = att;
    state.decisions = listOf(dec, 'items', 'decisions');
  });
}

async function decide(item: QueueItem, decision: 'APPROVE' | 'REJECT', reason: string, noteReceived: boolean): Promise<void> {
  state.message = '';
  state.error = '';
  await guarded(async () => {
    await api.send('PATCH', `/absences/${encodeURIComponent(item.absenceId)}`, {
      decision,
      expectedVersion: item.version,
      ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
      ...(noteReceived && decision === 'APPROVE' && (item.category === 'OWN_ILLNESS' || item.category === 'CHILD_ILLNESS') ? { documentation: 'DOCTOR_NOTE' } : {}),
    });
    state.message = decision === 'APPROVE' ? t('approved') : t('rejected');
    state.queue = listOf(await api.get('/absences?status=PENDING'), 'items');
  });
}

function documentsView(): Child[] {
  const lang = i18n.lang();
  if (state.queue === undefined) return [h('p', { role: 'status' }, t('loading'))];
  if (state.queue.length === 0) return [h('h2', {}, t('documents')), h('p', {}, t('noDocuments'))];
  const names = new Map((state.participants ?? []).map((p) => [p.participantId, p]));
  return [
    h('h2', {}, t('documents')),
    ...state.queue.map((item, i) => {
      const reasonId = `reason-${i}`;
      const noteId = `note-${i}`;
      const reason = h('textarea', { id: reasonId, rows: 2, maxlength: 500, 'aria-describedby': `${reasonId}-help` });
      const note = h('input', { id: noteId, type: 'checkbox', checked: item.documentation === 'DOCTOR_NOTE' });
      const illness = item.category === 'OWN_ILLNESS' || item.category === 'CHILD_ILLNESS';
      return h(
        'section',
        { class: 'card', 'data-absence': item.absenceId, 'aria-label': `${nameOf(names.get(item.participantId), item.participantId)} ${item.date}` },
        h('h3', {}, `${nameOf(names.get(item.participantId), item.participantId)} – ${day(item.date, lang)}`),
        h('p', {}, `${CATEGORY[lang][item.category] ?? item.category}, ${item.minutes === null ? t('wholeDay') : t('minutes', { n: item.minutes })}; ${t('documentation')}: ${DOCS[lang][item.documentation] ?? item.documentation}`),
        illness ? h('div', { class: 'row' }, note, h('label', { for: noteId }, t('receivedNote'))) : '',
        h('label', { for: reasonId }, t('reason')),
        reason,
        h('p', { id: `${reasonId}-help`, class: 'muted' }, t('reasonHelp')),
        h(
          'div',
          { class: 'row' },
          h('button', { type: 'button', class: 'primary', 'data-do': 'approve', onclick: () => void decide(item, 'APPROVE', reason.value, note.checked) }, t('approve')),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-do': 'reject',
              onclick: () => {
                if (reason.value.trim() === '') {
                  reason.focus();
                  state.error = `${t('reason')}: ${t('reasonHelp')}`;
                  render();
                  return;
                }
                void decide(item, 'REJECT', reason.value, false);
              },
            },
            t('reject'),
          ),
        ),
      );
    }),
  ];
}

function participantsView(): Child[] {
  if (state.selected !== undefined) return participantDetail(state.selected);
  if (state.participants === undefined) return [h('p', { role: 'status' }, t('loading'))];
  return [
    h('h2', {}, t('participants')),
    state.participants.length === 0
      ? h('p', {}, t('none'))
      : h(
          'ul',
          { class: 'participants' },
          state.participants.map((p) => h('li', {}, h('button', { type: 'button', class: 'link', 'data-participant': p.participantId, onclick: () => void loadParticipant(p.participantId) }, nameOf(p, p.participantId)))),
        ),
  ];
}

/** The version of the date's correction the adviser has seen: the API refuses a stale one (409 CORRECTION_CHANGED). */
const seenVersion = (date: string): number => Math.max(0, ...(state.attendance?.corrections ?? []).filter((c) => c.date === date).map((c) => c.version));

async function correctDay(id: string, date: string, present: ReturnType<typeof parseIntervals> | null, reason: string): Promise<void> {
  state.message = '';
  state.error = '';
  await guarded(async () => {
    await api.send('PUT', `/participants/${encodeURIComponent(id)}/attendance/${date}`, { present, reason: reason.trim(), expectedVersion: seenVersion(date) });
    state.message = t('corrected', { date: day(date, i18n.lang()) });
    state.attendance = await api.get<MonthAttendance>(`/participants/${encodeURIComponent(id)}/attendance?month=${state.month}`);
  });
}

function correctionForm(id: string): HTMLElement {
  const first = `${state.month}-01`;
  const today = osloToday();
  const last = [...(state.attendance?.days ?? []).map((d) => d.date), first].sort().at(-1)!;
  const max = last < today ? last : today;
  const date = h('input', { id: 'corr-date', name: 'date', type: 'date', min: first, max, required: true });
  const times = h('input', { id: 'corr-present', name: 'present', type: 'text', inputmode: 'numeric', placeholder: '08:30-11:30, 12:00-15:00', 'aria-describedby': 'corr-present-help' });
  const withdraw = h('input', { id: 'corr-withdraw', name: 'withdraw', type: 'checkbox' });
  const reason = h('textarea', { id: 'corr-reason', name: 'reason', required: true, minlength: 3, maxlength: 500, rows: 2 });
  const form = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'corr-title',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const present = withdraw.checked ? null : parseIntervals(times.value);
        if (present === undefined) {
          state.error = t('badTimes');
          render();
          return;
        }
        void correctDay(id, date.value, present, reason.value);
      },
    },
    h('h3', { id: 'corr-title' }, t('correctTitle')),
    h('p', {}, t('correctHelp')),
    h('label', { for: 'corr-date' }, t('date')),
    date,
    h('label', { for: 'corr-present' }, t('presentTimes')),
    times,
    h('p', { id: 'corr-present-help', class: 'help' }, t('presentHelp')),
    h('label', { class: 'check' }, withdraw, ` ${t('withdraw')}`),
    h('label', { for: 'corr-reason' }, t('reason')),
    reason,
    h('button', { type: 'submit', class: 'primary' }, t('saveCorrection')),
  );
  return form;
}

function participantDetail(id: string): Child[] {
  const lang = i18n.lang();
  const p = state.participants?.find((x) => x.participantId === id);
  const att = state.attendance;
  const latest = (state.decisions ?? []).filter((d) => d.period === state.month).sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
  const cal = latest?.decision?.calendar ?? latest?.calendar;
  const move = (d: number) => () => {
    state.month = addMonths(state.month, d);
    void loadParticipant(id);
  };
  return [
    h('button', { type: 'button', onclick: () => ((state.selected = undefined), render()) }, `‹ ${t('back')}`),
    h('h2', {}, nameOf(p, id)),
    h('div', { class: 'row' }, h('button', { type: 'button', 'aria-label': t('prev'), onclick: move(-1) }, '‹'), h('h3', {}, monthName(state.month, lang)), h('button', { type: 'button', 'aria-label': t('next'), onclick: move(1) }, '›')),
    att === undefined ? h('p', { role: 'status' }, t('loading')) : renderCalendar(state.month, cal !== undefined ? cellsFromDecision(cal) : cellsFromAttendance(att, osloToday()), lang, cal !== undefined ? t('fromDecision') : t('provisional')),
    att === undefined ? '' : renderCorrections(att.corrections, lang, 'h3'),
    att === undefined || `${state.month}-01` > osloToday() ? '' : correctionForm(id),
    h('h3', {}, t('decisions')),
    state.decisions === undefined
      ? h('p', {}, t('loading'))
      : state.decisions.length === 0
        ? h('p', {}, t('noDecisions'))
        : decisionTable(state.decisions, (d) =>
            h(
              'div',
              { class: 'row' },
              h('button', { type: 'button', onclick: () => void openExplanation(id, d.period) }, t('explanation')),
              d.input !== undefined ? h('button', { type: 'button', onclick: () => useCase(d.input) }, t('whatif')) : '',
            ),
          ),
    state.explanation !== undefined ? h('h3', {}, `${t('explanation')} – ${monthName((state.explanation as { period?: string }).period ?? state.month, lang)}`) : '',
    state.explanation !== undefined ? renderExplanation(state.explanation, t('explanation')) : '',
    // The participant's history of explanation versions, as they see it.
    (state.explanation as { history?: ExplanationVersion[] } | undefined)?.history?.length ? renderExplanationHistory((state.explanation as { history: ExplanationVersion[] }).history, lang) : '',
    ...kioskSection(id),
  ];
}

/** The participant's kiosk card: lock state (the adviser unlocks it), taps the kiosk could not record, and issuing a new card (issue 8 items 2, 10). */
function kioskSection(id: string): Child[] {
  const k = state.kiosk;
  if (k === undefined) return [];
  const lang = i18n.lang();
  const path = `/participants/${encodeURIComponent(id)}/kiosk-credential`;
  const pin = h('input', { id: 'new-pin', type: 'password', inputmode: 'numeric', autocomplete: 'off', pattern: '\\d{4,8}', required: true, 'aria-describedby': 'new-pin-help' });
  return [
    h('h3', {}, t('kiosk')),
    h(
      'section',
      { class: 'card', 'data-kiosk': id },
      k.credentials.length === 0 ? h('p', {}, t('kioskNone')) : '',
      ...k.credentials.map((c) =>
        h('p', { 'data-credential': c.kind, 'data-locked': String(c.locked), class: c.locked ? 'error' : '' }, c.locked ? t('kioskLocked', { kind: c.kind, until: dateTime(c.lockedUntil!, lang) }) : t('kioskOpen', { kind: c.kind })),
      ),
      k.credentials.some((c) => c.locked)
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-do': 'unlock',
              onclick: () =>
                void guarded(async () => {
                  await api.send('DELETE', `${path}/lock`);
                  state.message = t('unlocked');
                  state.kiosk = await api.get<KioskStatus>(path);
                }),
            },
            t('unlock'),
          )
        : '',
      k.refusedReplays.length > 0
        ? h(
            'div',
            { 'data-refused-replays': k.refusedReplays.length },
            h('h4', {}, t('refusedTaps')),
            h('ul', {}, k.refusedReplays.map((r) => h('li', {}, t('refusedTap', { type: r.type === 'IN' ? 'IN' : 'OUT', when: dateTime(r.deviceTime, lang), device: r.deviceId, code: r.code })))),
          )
        : '',
      h(
        'form',
        {
          class: 'row',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            void guarded(async () => {
              const r = await api.send<{ issued: { cardNumber?: string } }>('PUT', path, { issueCard: true, pin: pin.value });
              state.issuedCard = r.issued.cardNumber;
              state.kiosk = await api.get<KioskStatus>(path);
            });
          },
        },
        h('label', { for: 'new-pin' }, t('newPin')),
        pin,
        h('button', { type: 'submit' }, t('issueCard')),
      ),
      h('p', { id: 'new-pin-help', class: 'muted' }, t('newPinHelp')),
      state.issuedCard !== undefined ? h('p', { class: 'ok', role: 'status', 'data-issued-card': 'true' }, t('issued', { number: state.issuedCard })) : '',
    ),
  ];
}

function decisionTable(rows: readonly DecisionRow[], actions: (d: DecisionRow) => HTMLElement): HTMLElement {
  const lang = i18n.lang();
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('period')), h('th', { scope: 'col' }, t('version')), h('th', { scope: 'col', class: 'num' }, t('payout')), h('th', { scope: 'col' }, t('review')), h('th', { scope: 'col' }, ''))),
      h(
        'tbody',
        {},
        rows.map((d) =>
          h(
            'tr',
            { 'data-period': d.period },
            h('td', {}, monthName(d.period, lang)),
            h('td', {}, d.version ?? ''),
            h('td', { class: 'num' }, (d.payoutOre ?? d.decision?.payoutOre) !== undefined ? nok((d.payoutOre ?? d.decision?.payoutOre)!, lang) : ''),
            h('td', {}, d.reviewClass ?? d.review ?? d.decision?.review ?? ''),
            h('td', {}, actions(d)),
          ),
        ),
      ),
    ),
  );
}

async function openExplanation(id: string, period: string): Promise<void> {
  await guarded(async () => {
    state.explanation = await api.get(`/participants/${encodeURIComponent(id)}/decisions/${period}/explanation?lang=${i18n.lang()}`);
  });
}

function useCase(input: unknown): void {
  state.caseText = JSON.stringify(input, null, 2);
  state.simulation = undefined;
  open('whatif');
}

function reviewsView(): Child[] {
  if (state.reviews === undefined) return [h('p', { role: 'status' }, t('loading'))];
  return [...vedtakView(state.reviews), ...lookView(state.look ?? [])];
}

function lookView(items: DecisionRow[]): Child[] {
  const lang = i18n.lang();
  const names = new Map((state.participants ?? []).map((p) => [p.participantId, p]));
  const title = (d: DecisionRow) => h('h3', {}, `${nameOf(names.get(d.participantId ?? ''), d.participantId ?? '')} – ${monthName(d.period, lang)}`);
  const amounts = (d: DecisionRow) => h('p', {}, `${t('payout')}: ${nok(d.payoutOre ?? 0, lang)} · ${t('deduction')}: ${nok(d.deductionOre ?? 0, lang)}`);
  return [
    h('h2', {}, t('lookHeading')),
    h('p', { class: 'muted' }, t('lookHelp')),
    items.length === 0
      ? h('p', {}, t('noLook'))
      : h(
          'div',
          {},
          items.map((d) => {
            const pid = d.participantId ?? '';
            const key = `${pid}/${d.period}`;
            if (d.seen) return h('section', { class: 'card', 'data-look': key, 'data-seen': 'true' }, title(d), amounts(d), h('p', { class: 'ok' }, t('seen', { date: dateOnly(d.seen.seenAt, lang) })));
            return h(
              'section',
              { class: 'card', 'data-look': key },
              title(d),
              amounts(d),
              h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  onclick: () =>
                    void guarded(async () => {
                      await api.send('PUT', `/decisions/${encodeURIComponent(pid)}/${d.period}/seen`, { version: d.version ?? 1 });
                      await fetchReviews();
                    }),
                },
                t('markSeen'),
              ),
            );
          }),
        ),
  ];
}

const dateOnly = (iso: string, lang: 'nb' | 'en'): string => new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Oslo' }).format(new Date(iso));

function vedtakView(vedtak: DecisionRow[]): Child[] {
  if (vedtak.length === 0) return [h('h2', {}, t('vedtakHeading')), h('p', {}, t('noReviews'))];
  const names = new Map((state.participants ?? []).map((p) => [p.participantId, p]));
  return [
    h('h2', {}, t('vedtakHeading')),
    ...vedtak.map((d, i) => {
      const pid = d.participantId ?? '';
      if (d.resolved === true)
        return h('section', { class: 'card', 'data-review': `${pid}/${d.period}`, 'data-resolved': 'true' }, h('h3', {}, `${nameOf(names.get(pid), pid)} – ${monthName(d.period, i18n.lang())}`), h('p', { class: 'ok' }, t('resolved')));
      const ref = h('input', { id: `ref-${i}`, maxlength: 64, required: true });
      const notice = h('input', { id: `notice-${i}`, type: 'date', required: true });
      return h(
        'form',
        {
          class: 'card',
          'data-review': `${pid}/${d.period}`,
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            void guarded(async () => {
              await api.send('PUT', `/decisions/${encodeURIComponent(pid)}/${d.period}/resolution`, { kind: 'FORMAL_DECISION', version: d.version ?? 1, vedtakReference: ref.value.trim(), advanceNoticeDate: notice.value });
              state.message = t('resolved');
              await fetchReviews();
            });
          },
        },
        h('h3', {}, `${nameOf(names.get(pid), pid)} – ${monthName(d.period, i18n.lang())}`),
        h('p', {}, `${t('payout')}: ${(d.payoutOre ?? d.decision?.payoutOre) !== undefined ? nok((d.payoutOre ?? d.decision?.payoutOre)!, i18n.lang()) : ''}`),
        h('label', { for: `ref-${i}` }, t('reference')),
        ref,
        h('label', { for: `notice-${i}` }, t('noticeDate')),
        notice,
        h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('resolve'))),
      );
    }),
  ];
}

function whatifView(): Child[] {
  const lang = i18n.lang();
  const area = h('textarea', { id: 'case', rows: 16, class: 'case', spellcheck: 'false', 'aria-describedby': 'case-help', style: undefined }, state.caseText);
  area.addEventListener('input', () => (state.caseText = area.value));
  // POST /simulations answers { decision, layers: { nb: [...], en: [...] } }.
  const sim = state.simulation as { decision?: { payoutOre: number; baseOre: number; deductionOre: number; review?: string }; layers?: Record<string, unknown> } | undefined;
  const d = sim?.decision;
  return [
    h('h2', {}, t('whatif')),
    h('p', { id: 'case-help' }, t('caseHelp')),
    h('label', { for: 'case' }, t('case')),
    area,
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () =>
            void guarded(async () => {
              let parsed: unknown;
              try {
                parsed = JSON.parse(state.caseText);
              } catch (err) {
                throw new Error(`JSON: ${err instanceof Error ? err.message : String(err)}`);
              }
              state.simulation = await api.send('POST', '/simulations', parsed);
            }),
        },
        t('run'),
      ),
    ),
    d?.payoutOre !== undefined
      ? h(
          'section',
          { class: 'card', 'aria-label': t('result') },
          h('h3', {}, t('result')),
          h('p', { class: 'amount', 'data-sim-payout': d.payoutOre }, nok(d.payoutOre, lang)),
          h('p', {}, `${t('base')}: ${nok(d.baseOre, lang)} · ${t('deduction')}: ${nok(d.deductionOre, lang)}`),
          d.review !== undefined ? h('p', {}, `${t('review')}: ${d.review}`) : '',
          sim?.layers?.[lang] !== undefined ? renderExplanation({ layers: sim.layers[lang] }, t('explanation')) : '',
        )
      : '',
  ];
}

const TABS: Tab[] = ['participants', 'documents', 'reviews', 'rights', 'whatif'];

/** Correction requests and complaints (issue 12): their own file, ./rights.ts. */
const rights: AdviserRightsContext = {
  api,
  lang: () => i18n.lang(),
  render: () => render(),
  message: (text) => ((state.message = text), (state.error = '')),
  error: (err) => ((state.error = errText(err)), (state.message = '')),
};

function open(tab: Tab): void {
  state.tab = tab;
  state.message = '';
  state.error = '';
  if (tab === 'participants') {
    // The tab always opens the list, read afresh (assignments may have changed).
    state.selected = undefined;
    void loadParticipants();
  }
  if (tab === 'documents') void loadQueue();
  if (tab === 'reviews') void loadReviews();
  if (tab === 'rights') void loadRightsQueue(rights);
  render();
}

function render(): void {
  const body = state.tab === 'participants' ? participantsView() : state.tab === 'documents' ? documentsView() : state.tab === 'reviews' ? reviewsView() : state.tab === 'rights' ? rightsQueueView(rights) : whatifView();
  mount(
    root,
    signedInHeader('adviser', i18n.switcher(), t('signOut'), session.username),
    h(
      'main',
      { id: 'main' },
      h('h1', {}, t('title')),
      h('nav', { class: 'tabs', 'aria-label': t('nav') }, TABS.map((tab) => h('button', { type: 'button', 'data-tab': tab, 'aria-pressed': String(state.tab === tab), onclick: () => open(tab) }, tab === 'rights' ? rightsTabLabel(i18n.lang()) : t(tab)))),
      state.message ? h('p', { class: 'ok', role: 'status' }, state.message) : '',
      state.error ? h('p', { class: 'error', role: 'alert' }, state.error) : '',
      body,
    ),
  );
}

async function main(): Promise<void> {
  session = await ensureSession(root, 'adviser', i18n, 'Introflyt – rådgiver');
  i18n.onChange(render);
  void loadParticipants();
  open('participants');
}

void main();
