/**
 * The adviser page's queue of correction requests and complaints (issue 12):
 * answer a request (accept with the correction of the disputed day or with
 * the fact change already made in the participant's file, or refuse with a
 * reason), record a complaint received on paper, reassess a complaint
 * (uphold with a correction, or send it to Statsforvalteren), download the
 * case file that goes with it, and record Statsforvalteren's outcome. Kept in
 * its own file with its own texts; main.ts adds the tab and calls these.
 */
import { newUuid, type Api } from '../lib/api.js';
import { download, h, type Child } from '../lib/dom.js';
import { addMonths, osloToday } from '../lib/format.js';
import type { Lang } from '../lib/i18n.js';
import type { ComplaintView, RightsCaseResponse, RightsCaseView, RightsQueueItem, RightsQueueResponse } from '../../../shared/contract/rights.js';
import { renderRightsCase, rightsLang } from '../lib/rights-cases.js';

const TEXT = {
  nb: {
    tab: 'Rettinger og klager',
    intro: 'Ønsker om retting og klager fra deltakerne dine. Godtar du en retting av en dag, blir dagen rettet med begrunnelsen din; neste lønnskjøring lager et nytt vedtak for måneden.',
    open: 'Venter på meg',
    all: 'Alle',
    none: 'Ingenting venter.',
    accept: 'Godta',
    refuse: 'Avslå',
    uphold: 'Gi medhold',
    notUphold: 'Ikke medhold – send til Statsforvalteren',
    reason: 'Begrunnelse (deltakeren ser den)',
    from: 'Til stede fra',
    to: 'til',
    absent: 'Ikke til stede',
    day: 'Dagen som rettes',
    factHint: 'Rett opplysningene i deltakerens mappe først; da godtas ønsket med den nye versjonen.',
    save: 'Lagre',
    caseFile: 'Last ned saksdokumentene (JSON)',
    outcomeTitle: 'Statsforvalterens avgjørelse',
    outcome: 'Utfall',
    decidedOn: 'Avgjort dato',
    note: 'Merknad',
    CONFIRMED: 'Vedtaket står',
    CHANGED: 'Vedtaket er endret',
    QUASHED: 'Vedtaket er opphevet',
    DISMISSED: 'Klagen er avvist',
    paperTitle: 'Registrer klage mottatt på papir',
    participant: 'Deltaker',
    period: 'Vedtaket for',
    receivedOn: 'Mottatt dato',
    text: 'Klagen (kort sammendrag eller avskrift)',
    saved: 'Lagret.',
    recorded: 'Klagen er registrert.',
    recordedLate: 'Klagen er registrert som for sen (fristen var {deadline}). Den skal likevel vurderes.',
    loading: 'Henter …',
  },
  en: {
    tab: 'Corrections and complaints',
    intro: 'Correction requests and complaints from your participants. Accepting a correction of a day corrects the day with your reason; the next payroll run makes a new decision for the month.',
    open: 'Waiting for me',
    all: 'All',
    none: 'Nothing is waiting.',
    accept: 'Accept',
    refuse: 'Refuse',
    uphold: 'Uphold',
    notUphold: 'Not upheld – send to Statsforvalteren',
    reason: 'Reason (the participant sees it)',
    from: 'Present from',
    to: 'to',
    absent: 'Not present',
    day: 'The day to correct',
    factHint: "Correct the details in the participant's file first; the request is then accepted with the new version.",
    save: 'Save',
    caseFile: 'Download the case file (JSON)',
    outcomeTitle: "Statsforvalteren's decision",
    outcome: 'Outcome',
    decidedOn: 'Decided on',
    note: 'Note',
    CONFIRMED: 'The decision stands',
    CHANGED: 'The decision is changed',
    QUASHED: 'The decision is set aside',
    DISMISSED: 'The complaint is dismissed',
    paperTitle: 'Record a complaint received on paper',
    participant: 'Participant',
    period: 'The decision for',
    receivedOn: 'Received on',
    text: 'The complaint (a short summary or a transcript)',
    saved: 'Saved.',
    recorded: 'The complaint is recorded.',
    recordedLate: 'The complaint is recorded as late (the deadline was {deadline}). It is still to be considered.',
    loading: 'Loading …',
  },
} as const;
type Key = keyof (typeof TEXT)['nb'];
const tr = (lang: Lang, key: Key, vars: Record<string, string> = {}): string => {
  let s: string = TEXT[rightsLang(lang)][key];
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(v);
  return s;
};

export interface AdviserRightsContext {
  api: Api;
  lang(): Lang;
  render(): void;
  message(text: string): void;
  error(err: unknown): void;
}

const state = {
  status: 'OPEN' as 'OPEN' | 'ALL',
  items: undefined as RightsQueueItem[] | undefined,
  participants: [] as { participantId: string; givenName?: string; familyName?: string }[],
};

export const rightsTabLabel = (lang: Lang): string => TEXT[rightsLang(lang)].tab;

export async function loadRightsQueue(ctx: AdviserRightsContext): Promise<void> {
  try {
    const [queue, participants] = await Promise.all([ctx.api.get<RightsQueueResponse>(`/rights-cases?status=${state.status}`), ctx.api.get<{ participants: { participantId: string; givenName?: string; familyName?: string }[] }>('/participants')]);
    state.items = queue.items;
    state.participants = participants.participants;
  } catch (err) {
    ctx.error(err);
  }
  ctx.render();
}

/** The participant's name as the adviser's list has it (the queue shows names, never ids). */
const nameOf = (participantId: string): string => {
  const p = state.participants.find((x) => x.participantId === participantId);
  return [p?.givenName, p?.familyName].filter(Boolean).join(' ');
};

const enc = encodeURIComponent;
const base = (c: RightsQueueItem) => `/participants/${enc(c.participantId)}`;

/** The present time the adviser states for a day: [] when "not present" is ticked. */
function presentOf(form: HTMLFormElement): { from: string; to: string }[] {
  const data = new FormData(form);
  if (data.get('absent') === 'on') return [];
  return [{ from: String(data.get('from')), to: String(data.get('to')) }];
}

/** The version of the day's correction in force now (0 for none), as PUT …/attendance/{date} expects it. */
async function dayVersion(ctx: AdviserRightsContext, c: RightsQueueItem, date: string): Promise<number> {
  const month = await ctx.api.get<{ corrections?: { date: string; version: number }[] }>(`${base(c)}/attendance?month=${date.slice(0, 7)}`);
  return Math.max(0, ...(month.corrections ?? []).filter((x) => x.date === date).map((x) => x.version));
}

function send<V extends RightsCaseView = RightsCaseView>(ctx: AdviserRightsContext, method: 'POST' | 'PUT', path: string, body: () => Promise<unknown>, done: (r: RightsCaseResponse<V>) => string): void {
  body()
    .then((b) => ctx.api.send<RightsCaseResponse<V>>(method, path, b))
    .then(
      (r) => {
        ctx.message(done(r));
        void loadRightsQueue(ctx);
      },
      (err: unknown) => {
        ctx.error(err);
        ctx.render();
      },
    );
}

function dayFields(lang: Lang, id: string, date?: string): Child[] {
  return [
    date === undefined ? [h('label', { for: `${id}-date` }, tr(lang, 'day')), h('input', { id: `${id}-date`, name: 'date', type: 'date', max: osloToday() })] : '',
    h('label', { for: `${id}-from` }, tr(lang, 'from')),
    h('input', { id: `${id}-from`, name: 'from', type: 'time', value: '08:30' }),
    h('label', { for: `${id}-to` }, tr(lang, 'to')),
    h('input', { id: `${id}-to`, name: 'to', type: 'time', value: '14:30' }),
    h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'absent' }), ` ${tr(lang, 'absent')}`),
  ];
}

function requestActions(ctx: AdviserRightsContext, c: Extract<RightsQueueItem, { kind: 'CORRECTION_REQUEST' }>): Child {
  const lang = ctx.lang();
  const id = `answer-${c.caseId}`;
  const dayOf = c.subject.kind === 'DAY' ? c.subject.date : undefined;
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'rights-answer',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(form);
        const reason = String(data.get('reason') ?? '');
        const accept = data.get('action') === 'ACCEPT';
        send(
          ctx,
          'PUT',
          `${base(c)}/correction-requests/${enc(c.caseId)}/answer`,
          async () => {
            if (!accept) return { action: 'REFUSE', version: c.version, reason };
            if (dayOf === undefined) {
              const profile = await ctx.api.get<{ version: number }>(base(c));
              return { action: 'ACCEPT', version: c.version, reason, correction: { kind: 'FACT', factsVersion: profile.version } };
            }
            return { action: 'ACCEPT', version: c.version, reason, correction: { kind: 'ATTENDANCE', present: presentOf(form), expectedVersion: await dayVersion(ctx, c, dayOf) } };
          },
          () => tr(ctx.lang(), 'saved'),
        );
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, tr(lang, 'accept'), ' / ', tr(lang, 'refuse')),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'action', value: 'ACCEPT', checked: true }), ` ${tr(lang, 'accept')}`),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'action', value: 'REFUSE' }), ` ${tr(lang, 'refuse')}`),
    ),
    dayOf === undefined ? h('p', { class: 'muted' }, tr(lang, 'factHint')) : dayFields(lang, id, dayOf),
    h('label', { for: `${id}-reason` }, tr(lang, 'reason')),
    h('textarea', { id: `${id}-reason`, name: 'reason', rows: 2, minlength: 3, maxlength: 500, required: true }),
    h('button', { type: 'submit', class: 'primary' }, tr(lang, 'save')),
  );
  return form;
}

function caseFileButton(ctx: AdviserRightsContext, c: RightsQueueItem): Child {
  return h(
    'button',
    {
      type: 'button',
      'data-case-file': c.caseId,
      onclick: async () => {
        try {
          const res = await ctx.api.raw(`${base(c)}/complaints/${enc(c.caseId)}/case-file`);
          download(await res.blob(), `klage-${c.caseId}.json`);
        } catch (err) {
          ctx.error(err);
          ctx.render();
        }
      },
    },
    tr(ctx.lang(), 'caseFile'),
  );
}

function complaintActions(ctx: AdviserRightsContext, c: RightsQueueItem): Child {
  const lang = ctx.lang();
  const id = `reassess-${c.caseId}`;
  if (c.status === 'RECEIVED') {
    const form: HTMLFormElement = h(
      'form',
      {
        class: 'rights-answer',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const data = new FormData(form);
          const reason = String(data.get('reason') ?? '');
          const upheld = data.get('upheld') === 'yes';
          const date = String(data.get('date') ?? '');
          send(
            ctx,
            'PUT',
            `${base(c)}/complaints/${enc(c.caseId)}/reassessment`,
            async () =>
              upheld
                ? { upheld: true, version: c.version, reason, correction: { kind: 'ATTENDANCE', date, present: presentOf(form), expectedVersion: await dayVersion(ctx, c, date) } }
                : { upheld: false, version: c.version, reason },
            () => tr(ctx.lang(), 'saved'),
          );
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, tr(lang, 'uphold'), ' / ', tr(lang, 'notUphold')),
        h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'upheld', value: 'no', checked: true }), ` ${tr(lang, 'notUphold')}`),
        h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'upheld', value: 'yes' }), ` ${tr(lang, 'uphold')}`),
      ),
      dayFields(lang, id),
      h('label', { for: `${id}-reason` }, tr(lang, 'reason')),
      h('textarea', { id: `${id}-reason`, name: 'reason', rows: 2, minlength: 3, maxlength: 500, required: true }),
      h('button', { type: 'submit', class: 'primary' }, tr(lang, 'save')),
    );
    return form;
  }
  if (c.status !== 'FORWARDED') return c.status === 'DECIDED' ? caseFileButton(ctx, c) : '';
  const oid = `outcome-${c.caseId}`;
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'rights-answer',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(form);
        send(
          ctx,
          'PUT',
          `${base(c)}/complaints/${enc(c.caseId)}/outcome`,
          () => Promise.resolve({ version: c.version, outcome: String(data.get('outcome')), decidedOn: String(data.get('decidedOn')), note: String(data.get('note') ?? '') }),
          () => tr(ctx.lang(), 'saved'),
        );
      },
    },
    h('h4', {}, tr(lang, 'outcomeTitle')),
    h('label', { for: `${oid}-outcome` }, tr(lang, 'outcome')),
    h('select', { id: `${oid}-outcome`, name: 'outcome' }, (['CONFIRMED', 'CHANGED', 'QUASHED', 'DISMISSED'] as const).map((o) => h('option', { value: o }, tr(lang, o)))),
    h('label', { for: `${oid}-date` }, tr(lang, 'decidedOn')),
    h('input', { id: `${oid}-date`, name: 'decidedOn', type: 'date', value: osloToday(), max: osloToday(), required: true }),
    h('label', { for: `${oid}-note` }, tr(lang, 'note')),
    h('textarea', { id: `${oid}-note`, name: 'note', rows: 2, maxlength: 1000 }),
    h('button', { type: 'submit', class: 'primary' }, tr(lang, 'save')),
  );
  return [caseFileButton(ctx, c), form];
}

function paperForm(ctx: AdviserRightsContext): Child {
  const lang = ctx.lang();
  const today = osloToday();
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      id: 'paper-complaint',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(form);
        const pid = String(data.get('participantId'));
        const body = { requestId: newUuid(), period: String(data.get('period')), receivedOn: String(data.get('receivedOn')), text: String(data.get('text') ?? '') };
        send<ComplaintView>(ctx, 'POST', `/participants/${enc(pid)}/complaints`, () => Promise.resolve(body), (r) =>
          r.case.late ? tr(ctx.lang(), 'recordedLate', { deadline: r.case.deadline ?? '' }) : tr(ctx.lang(), 'recorded'),
        );
      },
    },
    h('h3', {}, tr(lang, 'paperTitle')),
    h('label', { for: 'paper-participant' }, tr(lang, 'participant')),
    h('select', { id: 'paper-participant', name: 'participantId', required: true }, state.participants.map((p) => h('option', { value: p.participantId }, nameOf(p.participantId)))),
    h('label', { for: 'paper-period' }, tr(lang, 'period')),
    h('input', { id: 'paper-period', name: 'period', type: 'month', value: addMonths(today.slice(0, 7), -1), max: today.slice(0, 7), required: true }),
    h('label', { for: 'paper-received' }, tr(lang, 'receivedOn')),
    h('input', { id: 'paper-received', name: 'receivedOn', type: 'date', value: today, max: today, required: true }),
    h('label', { for: 'paper-text' }, tr(lang, 'text')),
    h('textarea', { id: 'paper-text', name: 'text', rows: 3, minlength: 3, maxlength: 1000, required: true }),
    h('button', { type: 'submit', class: 'primary' }, tr(lang, 'save')),
  );
  return form;
}

export function rightsQueueView(ctx: AdviserRightsContext): Child[] {
  const lang = ctx.lang();
  const filter = h(
    'div',
    { class: 'row', role: 'group', 'aria-label': tr(lang, 'tab') },
    (['OPEN', 'ALL'] as const).map((s) =>
      h('button', { type: 'button', 'data-filter': s, 'aria-pressed': String(state.status === s), onclick: () => ((state.status = s), void loadRightsQueue(ctx)) }, tr(lang, s === 'OPEN' ? 'open' : 'all')),
    ),
  );
  const items = state.items;
  return [
    h('h2', {}, tr(lang, 'tab')),
    h('p', {}, tr(lang, 'intro')),
    filter,
    items === undefined
      ? h('p', { role: 'status' }, tr(lang, 'loading'))
      : items.length === 0
        ? h('p', {}, tr(lang, 'none'))
        : h(
            'div',
            { id: 'rights-queue' },
            items.map((c) => renderRightsCase(c, lang, c.kind === 'CORRECTION_REQUEST' ? (c.status === 'OPEN' ? requestActions(ctx, c) : '') : complaintActions(ctx, c), nameOf(c.participantId))),
          ),
    paperForm(ctx),
  ];
}
