/**
 * Correction requests and complaints (issue 12) as both the participant and
 * the adviser see them: kind, what it is about, the participant's words,
 * every step with its date and role, the adviser's answer with its reason,
 * the complaint's deadline (late or not) and Statsforvalteren's outcome.
 */
import { h, type Child } from './dom.js';
import { dateTime, day, monthName } from './format.js';
import type { AnswerView, RightsCaseView } from '../../../shared/contract/rights.js';
import type { Lang } from './i18n.js';

export const RIGHTS_TEXT = {
  nb: {
    request: 'Retting',
    complaint: 'Klage',
    aboutDay: 'Gjelder {date}',
    aboutFact: 'Gjelder opplysninger for {month}',
    aboutDecision: 'Gjelder vedtaket for {month}',
    yourText: 'Det du skrev',
    textMinimised: 'Teksten er slettet etter oppbevaringsreglene.',
    steps: 'Steg',
    answer: 'Svar',
    reason: 'Begrunnelse',
    deadline: 'Klagefrist: {date}',
    noDeadline: 'Klagefristen har ikke begynt å løpe (vedtaket er ikke utbetalt ennå).',
    late: 'Mottatt etter fristen – klagen blir likevel registrert og vurdert.',
    onTime: 'Mottatt innen fristen.',
    paper: 'mottatt på papir {date}',
    outcome: 'Statsforvalterens avgjørelse ({date}): {outcome}',
    correctionDay: 'Dagen {date} er rettet.',
    correctionFact: 'Opplysningene i saken er rettet.',
    OPEN: 'Venter på svar',
    ACCEPTED: 'Godtatt',
    REFUSED: 'Avslått',
    RECEIVED: 'Mottatt, venter på vurdering',
    UPHELD: 'Du fikk medhold',
    FORWARDED: 'Sendt til Statsforvalteren',
    DECIDED: 'Avgjort av Statsforvalteren',
    CONFIRMED: 'vedtaket står',
    CHANGED: 'vedtaket er endret',
    QUASHED: 'vedtaket er opphevet og skal avgjøres på nytt',
    DISMISSED: 'klagen er avvist',
    participant: 'deg',
    adviser: 'rådgiver',
    admin: 'administrator',
  },
  en: {
    request: 'Correction',
    complaint: 'Complaint',
    aboutDay: 'About {date}',
    aboutFact: 'About your details for {month}',
    aboutDecision: 'About the decision for {month}',
    yourText: 'What you wrote',
    textMinimised: 'The text has been deleted under the retention rules.',
    steps: 'Steps',
    answer: 'Answer',
    reason: 'Reason',
    deadline: 'Complaint deadline: {date}',
    noDeadline: 'The complaint deadline has not started (the decision has not been paid yet).',
    late: 'Received after the deadline – the complaint is still recorded and considered.',
    onTime: 'Received within the deadline.',
    paper: 'received on paper {date}',
    outcome: "Statsforvalteren's decision ({date}): {outcome}",
    correctionDay: 'The day {date} has been corrected.',
    correctionFact: 'The details in your case have been corrected.',
    OPEN: 'Waiting for an answer',
    ACCEPTED: 'Accepted',
    REFUSED: 'Refused',
    RECEIVED: 'Received, waiting to be reassessed',
    UPHELD: 'Decided in your favour',
    FORWARDED: 'Sent to Statsforvalteren',
    DECIDED: 'Decided by Statsforvalteren',
    CONFIRMED: 'the decision stands',
    CHANGED: 'the decision is changed',
    QUASHED: 'the decision is set aside and will be decided again',
    DISMISSED: 'the complaint is dismissed',
    participant: 'you',
    adviser: 'adviser',
    admin: 'administrator',
  },
} as const;
export type RightsKey = keyof (typeof RIGHTS_TEXT)['nb'];

/**
 * The language these texts are shown in: the reader's where there are texts
 * in it, else the binding Norwegian (Ukrainian and Arabic have none yet; the
 * page's binding notice already says the Norwegian text applies).
 */
export const rightsLang = (lang: Lang): 'nb' | 'en' => (lang === 'en' ? 'en' : 'nb');

export function rightsT(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  let s: string = (RIGHTS_TEXT[rightsLang(lang)] as Record<string, string>)[key] ?? key;
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
