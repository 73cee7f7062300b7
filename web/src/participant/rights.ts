/**
 * The participant page's "Corrections and complaints" section (issue 12):
 * ask for a day or a fact of one's file to be corrected (optionally pointing
 * at a reported absence whose doctor's note backs it), complain about a
 * month's decision, and follow each case to its answer, in every language of
 * the page (the texts are in each catalog); main.ts adds the tab and calls
 * these functions.
 */
import { ApiError, newUuid, type Api } from '../lib/api.js';
import { h, type Child } from '../lib/dom.js';
import { addMonths, day, monthName, osloToday } from '../lib/format.js';
import type { Lang } from '../lib/i18n.js';
import { catalogOf } from '../catalogs/index.js';
import type { ComplaintView, RightsCaseResponse, RightsCasesResponse, RightsCaseView } from '../../../shared/contract/rights.js';
import { renderRightsCase } from '../lib/rights-cases.js';

/** The section's texts: in each language's catalog (web/src/catalogs/<lang>.ts, `rights`). */
export type RightsFormKey =
  | 'tab'
  | 'intro'
  | 'requestTitle'
  | 'what'
  | 'aDay'
  | 'aFact'
  | 'date'
  | 'month'
  | 'text'
  | 'absence'
  | 'noAbsence'
  | 'send'
  | 'complaintTitle'
  | 'decision'
  | 'complaintText'
  | 'noDecisions'
  | 'mine'
  | 'none'
  | 'sentRequest'
  | 'sentComplaint'
  | 'sentComplaintNoDeadline'
  | 'sentLate'
  | 'loading'
  | 'CORRECTION_DATE_IN_FUTURE'
  | 'PERIOD_IN_FUTURE'
  | 'ABSENCE_NOT_FOUND'
  | 'NO_DECISION';
type Key = RightsFormKey;

export interface RightsContext {
  api: Api;
  lang(): Lang;
  render(): void;
  message(text: string): void;
  error(text: string, err?: unknown): void;
}

const state = {
  cases: undefined as RightsCaseView[] | undefined,
  periods: [] as string[],
  absences: [] as { absenceId: string; date: string; documentation: string }[],
};

const tr = (lang: Lang, key: Key, vars: Record<string, string> = {}): string => {
  let s: string = catalogOf(lang).rights[key];
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(v);
  return s;
};

export const rightsTabLabel = (lang: Lang): string => catalogOf(lang).rights.tab;

/** The participant's cases, decisions (for the complaint form) and this and last month's absence reports with a doctor's note. */
export async function loadRights(ctx: RightsContext): Promise<void> {
  try {
    const month = osloToday().slice(0, 7);
    const [cases, decisions, ...months] = await Promise.all([
      ctx.api.get<RightsCasesResponse>('/me/rights-cases'),
      ctx.api.get<{ decisions: { period: string }[] }>('/me/decisions').catch((): { decisions: { period: string }[] } => ({ decisions: [] })),
      ...[addMonths(month, -1), month].map((m) => ctx.api.get<{ absences: { absenceId: string; date: string; documentation: string }[] }>(`/me/attendance?month=${m}`)),
    ]);
    state.cases = cases.cases;
    state.periods = [...new Set(decisions.decisions.map((d) => d.period))].sort().reverse();
    state.absences = months.flatMap((m) => m.absences).filter((a) => a.documentation === 'DOCTOR_NOTE');
  } catch (err) {
    ctx.error('', err);
  }
  ctx.render();
}

function refusal(ctx: RightsContext, err: unknown): void {
  const lang = ctx.lang();
  const known = err instanceof ApiError && err.code in catalogOf(lang).rights ? tr(lang, err.code as Key) : undefined;
  ctx.error(known ?? '', known === undefined ? err : undefined);
  ctx.render();
}

function requestForm(ctx: RightsContext): HTMLElement {
  const lang = ctx.lang();
  const today = osloToday();
  const dateInput = h('input', { id: 'rights-date', name: 'date', type: 'date', value: today, max: today, required: true, lang });
  const monthInput = h('input', { id: 'rights-month', name: 'month', type: 'month', value: today.slice(0, 7), max: today.slice(0, 7), disabled: true, lang });
  const form = h(
    'form',
    {
      class: 'card',
      id: 'rights-request',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(form);
        const absenceId = String(data.get('absenceId') ?? '');
        const subject = data.get('kind') === 'FACT' ? { kind: 'FACT', period: monthInput.value } : { kind: 'DAY', date: dateInput.value };
        const body = { requestId: newUuid(), subject, text: String(data.get('text') ?? ''), ...(absenceId === '' ? {} : { absenceId }) };
        ctx.api.send('POST', '/me/correction-requests', body).then(
          () => {
            ctx.message(tr(ctx.lang(), 'sentRequest'));
            void loadRights(ctx);
          },
          (err: unknown) => refusal(ctx, err),
        );
      },
    },
    h('h3', {}, tr(lang, 'requestTitle')),
    h(
      'fieldset',
      {},
      h('legend', {}, tr(lang, 'what')),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'kind', value: 'DAY', checked: true, onchange: () => ((dateInput.disabled = false), (monthInput.disabled = true)) }), ` ${tr(lang, 'aDay')}`),
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'kind', value: 'FACT', onchange: () => ((dateInput.disabled = true), (monthInput.disabled = false)) }), ` ${tr(lang, 'aFact')}`),
    ),
    h('label', { for: 'rights-date' }, tr(lang, 'date')),
    dateInput,
    h('label', { for: 'rights-month' }, tr(lang, 'month')),
    monthInput,
    h('label', { for: 'rights-text' }, tr(lang, 'text')),
    h('textarea', { id: 'rights-text', name: 'text', rows: 3, minlength: 3, maxlength: 1000, required: true }),
    h('label', { for: 'rights-absence' }, tr(lang, 'absence')),
    h('select', { id: 'rights-absence', name: 'absenceId' }, h('option', { value: '' }, tr(lang, 'noAbsence')), state.absences.map((a) => h('option', { value: a.absenceId }, day(a.date, lang)))),
    h('button', { type: 'submit', class: 'primary' }, tr(lang, 'send')),
  );
  return form;
}

function complaintForm(ctx: RightsContext): Child {
  const lang = ctx.lang();
  if (state.periods.length === 0) return h('div', { class: 'card' }, h('h3', {}, tr(lang, 'complaintTitle')), h('p', {}, tr(lang, 'noDecisions')));
  const form = h(
    'form',
    {
      class: 'card',
      id: 'rights-complaint',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(form);
        const body = { requestId: newUuid(), period: String(data.get('period')), text: String(data.get('text') ?? '') };
        ctx.api.send<RightsCaseResponse<ComplaintView>>('POST', '/me/complaints', body).then(
          (r) => {
            const l = ctx.lang();
            const c = r.case;
            ctx.message(c.late ? tr(l, 'sentLate') : c.deadline ? tr(l, 'sentComplaint', { deadline: day(c.deadline, l) }) : tr(l, 'sentComplaintNoDeadline'));
            void loadRights(ctx);
          },
          (err: unknown) => refusal(ctx, err),
        );
      },
    },
    h('h3', {}, tr(lang, 'complaintTitle')),
    h('label', { for: 'complaint-period' }, tr(lang, 'decision')),
    h('select', { id: 'complaint-period', name: 'period' }, state.periods.map((p) => h('option', { value: p }, monthName(p, lang)))),
    h('label', { for: 'complaint-text' }, tr(lang, 'complaintText')),
    h('textarea', { id: 'complaint-text', name: 'text', rows: 3, minlength: 3, maxlength: 1000, required: true }),
    h('button', { type: 'submit', class: 'primary' }, tr(lang, 'send')),
  );
  return form;
}

export function rightsView(ctx: RightsContext): Child[] {
  const lang = ctx.lang();
  if (state.cases === undefined) return [h('h2', {}, tr(lang, 'tab')), h('p', { role: 'status' }, tr(lang, 'loading'))];
  return [
    h('h2', {}, tr(lang, 'tab')),
    h('p', {}, tr(lang, 'intro')),
    requestForm(ctx),
    complaintForm(ctx),
    h('h2', {}, tr(lang, 'mine')),
    state.cases.length === 0 ? h('p', {}, tr(lang, 'none')) : h('div', { id: 'rights-cases' }, state.cases.map((c) => renderRightsCase(c, lang))),
  ];
}
