/**
 * The participant page's views (phone first, 360 px and up): the month, the
 * payout with its explanation, reporting illness, who looked, my data.
 */
import type { AccessLogResponse, DecisionDetailResponse, DecisionSummary, ExplanationResponse, MonthAttendanceResponse } from '../../../shared/contract/responses.js';
import { CATEGORY, cellsFromAttendance, cellsFromDecision, renderCalendar } from '../lib/calendar.js';
import { renderCorrections } from '../lib/corrections.js';
import { h, type Child } from '../lib/dom.js';
import { renderExplanation, renderExplanationHistory } from '../lib/explanation.js';
import { dateTime, day, monthName, nok, osloToday } from '../lib/format.js';
import type { Lang } from '../lib/i18n.js';
import type { Key } from './messages.js';

/** `rights`: correction requests and complaints, drawn by ./rights.ts. */
export type Tab = 'month' | 'payout' | 'report' | 'rights' | 'access' | 'data';
export const TABS: readonly Tab[] = ['month', 'payout', 'report', 'rights', 'access', 'data'];

export interface State {
  tab: Tab;
  month: string;
  attendance: MonthAttendanceResponse | undefined;
  decision: DecisionDetailResponse | null | undefined;
  decisions: DecisionSummary[] | undefined;
  explanation: ExplanationResponse | undefined;
  /** `<period>/<lang>` of the explanation shown or being read. */
  explanationKey: string;
  /** The shown month's decision has hints (things the participant can do): its hints layer opens by itself. */
  hasHints: boolean;
  accessLog: AccessLogResponse | undefined;
}

export interface Actions {
  move(delta: number): void;
  choosePeriod(period: string): void;
  report(form: HTMLFormElement, whole: boolean, hours: number): void;
  download(): void;
}

export interface Ctx {
  s: State;
  t: (key: Key, vars?: Record<string, string | number>) => string;
  lang: Lang;
  act: Actions;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function monthView(c: Ctx): Child[] {
  const { s, t, lang } = c;
  const nav = h(
    'div',
    { class: 'row month-nav' },
    h('button', { type: 'button', 'aria-label': t('prev'), onclick: () => c.act.move(-1) }, '‹'),
    h('h2', { id: 'month-title' }, monthName(s.month, lang)),
    h('button', { type: 'button', 'aria-label': t('next'), onclick: () => c.act.move(1) }, '›'),
  );
  const att = s.attendance;
  if (att === undefined || s.decision === undefined) return [nav, h('p', { role: 'status' }, t('loading'))];
  const calendar = s.decision?.decision.calendar;
  const cells = calendar !== undefined ? cellsFromDecision(calendar) : cellsFromAttendance(att, osloToday());
  const caption = calendar !== undefined ? t('fromDecision', { v: s.decision?.version ?? 1 }) : t('provisional');
  return [
    nav,
    renderCalendar(s.month, cells, lang, caption),
    h('h2', {}, t('absences')),
    att.absences.length === 0
      ? h('p', {}, t('noAbsences'))
      : h(
          'ul',
          { class: 'absences' },
          att.absences.map((a) => {
            const last = a.history.at(-1);
            const status = a.status === 'REJECTED' ? `${t('statusREJECTED')} (${t('rejectedBy')})` : t(`status${a.status}` as Key);
            return h('li', { 'data-absence': a.absenceId }, `${capital(day(a.date, lang))}: ${CATEGORY[lang][a.category] ?? ''} – ${status}`, last?.reason ? `: ${last.reason}` : '');
          }),
        ),
    // An adviser's correction of a day is always shown, with its reason (quality.md S12).
    att.corrections.length > 0 ? renderCorrections(att.corrections, lang) : '',
  ];
}

export function payoutView(c: Ctx): Child[] {
  const { s, t, lang } = c;
  if (s.decisions === undefined) return [h('p', { role: 'status' }, t('loading'))];
  if (s.decisions.length === 0) return [h('p', {}, t('noDecision'))];
  const periods = [...new Set(s.decisions.map((d) => d.period))].sort().reverse();
  const current = s.explanationKey.slice(0, 7) || periods[0]!;
  const summary = s.decisions.find((d) => d.period === current);
  const explanation = s.explanation;
  const paid = explanation?.paidOre ?? summary?.paidOre;
  return [
    // The amount first: on a phone it is what the person opened the tab for.
    h('h2', {}, t('payoutFor', { month: monthName(current, lang) })),
    // What is paid (an adviser's adjustment, back-payments of earlier months included), as the explanation says it.
    paid !== undefined ? h('p', { class: 'amount', 'data-payout': paid }, nok(paid, lang)) : '',
    periods.length > 1
      ? h(
          'p',
          { class: 'period-pick' },
          h('label', { for: 'period' }, t('choosePeriod')),
          h('select', { id: 'period', onchange: (ev: Event) => c.act.choosePeriod((ev.target as HTMLSelectElement).value) }, periods.map((p) => h('option', { value: p, selected: p === current }, monthName(p, lang)))),
        )
      : '',
    explanation === undefined ? h('p', { role: 'status' }, t('loading')) : renderExplanation(explanation, t('explanation'), s.hasHints ? ['hints'] : []),
    explanation !== undefined && explanation.history.length > 0 ? renderExplanationHistory(explanation.history, lang) : '',
  ];
}

export function reportView(c: Ctx): Child[] {
  const { t, lang } = c;
  const today = osloToday();
  const earliest = new Date(Date.parse(`${today}T12:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
  let whole = true;
  const hoursField = h('input', { id: 'hours', name: 'hours', type: 'number', inputmode: 'decimal', min: 0.25, max: 12, step: 0.25, value: 1, disabled: true, 'aria-describedby': 'hours-help' });
  const note = h('p', { id: 'doctor-note-where', class: 'hint', hidden: true }, t('doctorNoteWhere'));
  const choice = (name: string, value: string, label: string, checked: boolean, onchange?: () => void) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name, value, checked, onchange }), h('span', {}, label));
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card report',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        c.act.report(form, whole, Number(hoursField.value));
      },
    },
    h('fieldset', {}, h('legend', {}, t('kind')), choice('category', 'OWN_ILLNESS', t('ownIllness'), true), choice('category', 'CHILD_ILLNESS', t('childIllness'), false)),
    h('label', { for: 'date' }, t('date')),
    h('input', { id: 'date', name: 'date', type: 'date', value: today, min: earliest, max: today, required: true, lang }),
    h(
      'fieldset',
      {},
      h('legend', {}, t('minutes')),
      choice('span', 'whole', t('wholeDay'), true, () => ((whole = true), (hoursField.disabled = true))),
      choice('span', 'part', t('partDay'), false, () => ((whole = false), (hoursField.disabled = false))),
      h('label', { for: 'hours' }, t('hoursAway')),
      hoursField,
      h('p', { id: 'hours-help', class: 'muted' }, t('hoursHelp')),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('documentation')),
      choice('documentation', 'SELF_CERTIFICATION', t('selfCert'), true, () => (note.hidden = true)),
      choice('documentation', 'DOCTOR_NOTE', t('doctorNote'), false, () => (note.hidden = false)),
      note,
    ),
    h('p', { class: 'muted' }, t('reportHelp')),
    h('button', { type: 'submit', class: 'primary' }, t('send')),
  );
  return [h('h2', {}, t('reportTitle')), form];
}

export function accessView(c: Ctx): Child[] {
  const { s, t, lang } = c;
  const log = s.accessLog;
  if (log === undefined) return [h('p', { role: 'status' }, t('loading'))];
  const role = (r: string) => (['adviser', 'payroll', 'admin'].includes(r) ? t(`role${r}` as Key) : capital(r));
  const purpose = (p: string) => {
    const key = `purpose:${p}` as Key;
    const text = t(key);
    return text === undefined ? t('purposeOther') : text;
  };
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
                .map((e) => h('tr', { 'data-state': e.state, 'data-purpose': e.purpose }, h('td', {}, dateTime(e.at, lang)), h('td', {}, e.staffName === undefined ? role(e.role) : `${role(e.role)} ${e.staffName}`), h('td', {}, e.state === 'PENDING' ? `${purpose(e.purpose)} (${t('pending')})` : purpose(e.purpose)))),
            ),
          ),
        ),
  ];
}

export function dataView(c: Ctx): Child[] {
  const { t } = c;
  return [h('h2', {}, t('data')), h('p', {}, t('dataIntro')), h('button', { type: 'button', class: 'primary', id: 'download-data', onclick: () => c.act.download() }, t('download'))];
}
