/**
 * Correction requests and complaints (issue 12) as both the participant and
 * the adviser see them: kind, what it is about, the participant's words,
 * every step with its date and role, the adviser's answer with its reason,
 * the complaint's deadline (late or not) and Statsforvalteren's outcome.
 */
import { catalogOf } from '../catalogs/index.js';
import { h, type Child } from './dom.js';
import { dateTime, day, monthName } from './format.js';
import type { AnswerView, RightsCaseView } from '../../../shared/contract/rights.js';
import type { Lang } from './i18n.js';

/** The case cards' texts: in each language's catalog (web/src/catalogs/<lang>.ts, `rightsCase`). */
export type RightsKey =
  | 'request'
  | 'complaint'
  | 'aboutDay'
  | 'aboutFact'
  | 'aboutDecision'
  | 'yourText'
  | 'textMinimised'
  | 'steps'
  | 'answer'
  | 'reason'
  | 'deadline'
  | 'noDeadline'
  | 'late'
  | 'onTime'
  | 'paper'
  | 'outcome'
  | 'correctionDay'
  | 'correctionFact'
  | 'OPEN'
  | 'ACCEPTED'
  | 'REFUSED'
  | 'RECEIVED'
  | 'UPHELD'
  | 'FORWARDED'
  | 'DECIDED'
  | 'CONFIRMED'
  | 'CHANGED'
  | 'QUASHED'
  | 'DISMISSED'
  | 'participant'
  | 'adviser'
  | 'admin';

/** The language of the adviser's own rights texts (the staff pages are in nb and en). */
export const rightsLang = (lang: Lang): 'nb' | 'en' => (lang === 'en' ? 'en' : 'nb');

export function rightsT(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  let s: string = (catalogOf(lang).rightsCase as Record<string, string>)[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(v);
  return s;
}

function answerBlock(lang: Lang, a: AnswerView | null): Child {
  if (a === null) return '';
  const done = a.correction === null ? '' : a.correction.kind === 'ATTENDANCE' ? rightsT(lang, 'correctionDay', { date: day(a.correction.date, lang) }) : rightsT(lang, 'correctionFact');
  return h('p', { class: 'answer' }, h('strong', {}, `${rightsT(lang, 'reason')}: `), a.reason, done === '' ? '' : ` ${done}`);
}

/** One case as a card (data-case, data-status for tests and screen readers alike); `who`: the participant's name, on the adviser's queue (never their id). */
export function renderRightsCase(c: RightsCaseView, lang: Lang, actions: Child = '', who = ''): HTMLElement {
  const about =
    c.kind === 'COMPLAINT'
      ? rightsT(lang, 'aboutDecision', { month: monthName(c.period, lang) })
      : c.subject.kind === 'DAY'
        ? rightsT(lang, 'aboutDay', { date: day(c.subject.date, lang) })
        : rightsT(lang, 'aboutFact', { month: monthName(c.period, lang) });
  return h(
    'article',
    { class: 'card rights-case', 'data-case': c.caseId, 'data-status': c.status },
    h('h3', {}, `${rightsT(lang, c.kind === 'COMPLAINT' ? 'complaint' : 'request')}: ${rightsT(lang, c.status)}`),
    h('p', {}, about, who === '' ? '' : ` (${who})`, c.kind === 'COMPLAINT' && c.channel === 'PAPER' ? ` – ${rightsT(lang, 'paper', { date: day(c.receivedOn, lang) })}` : ''),
    c.kind === 'COMPLAINT'
      ? h('p', { class: c.late ? 'error' : 'muted' }, c.deadline ? `${rightsT(lang, 'deadline', { date: day(c.deadline, lang) })}. ` : `${rightsT(lang, 'noDeadline')} `, c.late ? rightsT(lang, 'late') : rightsT(lang, 'onTime'))
      : '',
    h('p', {}, h('strong', {}, `${rightsT(lang, 'yourText')}: `), c.text ?? rightsT(lang, 'textMinimised')),
    answerBlock(lang, c.kind === 'COMPLAINT' ? c.reassessment : c.answer),
    c.kind === 'COMPLAINT' && c.outcome ? h('p', { class: 'outcome' }, rightsT(lang, 'outcome', { date: day(c.outcome.decidedOn, lang), outcome: rightsT(lang, c.outcome.outcome) }), c.outcome.note ? ` – ${c.outcome.note}` : '') : '',
    h(
      'details',
      {},
      h('summary', {}, rightsT(lang, 'steps')),
      h('ol', {}, c.history.map((s) => h('li', {}, `${dateTime(s.at, lang)}: ${rightsT(lang, s.status)} (${rightsT(lang, s.byRole)})`))),
    ),
    actions,
  );
}
