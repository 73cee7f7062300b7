/**
 * The adviser page's views: the participant list (with what waits for each),
 * one participant's month (calendar, absences, facts, schedule, corrections,
 * decisions, what-if, kiosk card), the document queue and the review lists.
 * Words only: review classes, statuses and kinds are named, never shown as
 * codes; no ids in the text.
 */
import type { ReviewEntry } from '../../../shared/contract/responses.js';
import { CATEGORY, cellsFromAttendance, cellsFromDecision, renderCalendar } from '../lib/calendar.js';
import { parseIntervals, renderCorrections, type PresentInterval } from '../lib/corrections.js';
import { h, type Child } from '../lib/dom.js';
import { renderExplanation, renderExplanationHistory } from '../lib/explanation.js';
import { dateTime, day, monthName, nok, osloToday } from '../lib/format.js';
import type { StaffLang as Lang } from '../lib/i18n.js';
import { PARTICIPANT_LANGUAGES } from '../../../shared/contract/languages.js';
import { NATIVE_NAME } from '../lib/i18n.js';
import { DOCS, type Key } from './messages.js';
import type { QueueItem, State } from './state.js';
import { caseOf, pendingAbsences, programmeDays, type WhatIfChange } from './whatif.js';

export interface Actions {
  openParticipant(id: string): void;
  back(): void;
  move(delta: number): void;
  decide(item: QueueItem, decision: 'APPROVE' | 'REJECT', reason: string, noteReceived: boolean): void;
  correctDay(date: string, present: PresentInterval[] | null, reason: string): void;
  openExplanation(period: string): void;
  unlock(): void;
  issueCard(pin: string): void;
  resolve(d: ReviewEntry, reference: string, noticeDate: string): void;
  markSeen(d: ReviewEntry): void;
  addChange(change: WhatIfChange): void;
  removeChange(index: number): void;
  runWhatIf(): void;
  fieldError(key: string, message: string): void;
  setLanguage(language: string): void;
}

export interface Ctx {
  s: State;
  t: (key: Key, vars?: Record<string, string | number>) => string;
  lang: Lang;
  act: Actions;
  /** The activation-code section of a participant (activation.ts). */
  activation: (participantId: string) => Child[];
}

/** At least this much of a reason when rejecting: the participant reads it (and "nei" says nothing). */
export const MIN_REASON = 10;

const nameOf = (c: Ctx, id: string): string => {
  const p = c.s.participants?.find((x) => x.participantId === id) ?? (c.s.file?.participantId === id ? c.s.file : undefined);
  return p === undefined ? '–' : `${p.givenName} ${p.familyName}`;
};
const classWord = (c: Ctx, review: string): string => c.t(`class${review}` as Key);
const docWord = (c: Ctx, doc: string): string => DOCS[c.lang][doc] ?? c.t('documentationNone');
const catWord = (c: Ctx, cat: string): string => CATEGORY[c.lang][cat] ?? cat.toLowerCase();
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const hours = (minutes: number): string => (minutes / 60).toLocaleString('nb-NO', { maximumFractionDigits: 2 });

// ---- the list --------------------------------------------------------------

export function participantsView(c: Ctx): Child[] {
  const { s, t } = c;
  if (s.selected !== undefined) return participantDetail(c, s.selected);
  if (s.participants === undefined) return [h('p', { role: 'status' }, t('loading'))];
  if (s.participants.length === 0) return [h('h2', {}, t('participants')), h('p', {}, t('none'))];
  const waiting = (id: string) => (s.queue ?? []).filter((a) => a.participantId === id).length;
  const open = (id: string, review: string) => (s.reviews ?? []).some((r) => r.participantId === id && r.review === review && !r.resolved);
  return [
    h('h2', {}, t('participants')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'participants' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('name')), h('th', { scope: 'col' }, t('listStatus')))),
        h(
          'tbody',
          {},
          s.participants.map((p) => {
            const n = waiting(p.participantId);
            const notes = [
              n > 0 ? t(n === 1 ? 'waitingDocs' : 'waitingDocsN', { n }) : '',
              open(p.participantId, 'VEDTAK_REQUIRED') ? t('needsVedtak') : '',
              open(p.participantId, 'REVIEW') ? t('toLook') : '',
            ].filter((x) => x !== '');
            return h(
              'tr',
              { 'data-row': p.participantId },
              h('td', {}, h('button', { type: 'button', class: 'link', 'data-participant': p.participantId, onclick: () => c.act.openParticipant(p.participantId) }, `${p.givenName} ${p.familyName}`)),
              h('td', { 'data-waiting': n }, capital(notes.length === 0 ? t('allClear') : notes.join(', '))),
            );
          }),
        ),
      ),
    ),
  ];
}

// ---- one participant -------------------------------------------------------

function participantDetail(c: Ctx, id: string): Child[] {
  const { s, t, lang } = c;
  const att = s.attendance;
  const cal = s.detail?.decision.calendar;
  return [
    h('button', { type: 'button', onclick: () => c.act.back() }, `‹ ${t('back')}`),
    h('h2', {}, nameOf(c, id)),
    h('div', { class: 'row' }, h('button', { type: 'button', 'aria-label': t('prev'), onclick: () => c.act.move(-1) }, '‹'), h('h3', {}, monthName(s.month, lang)), h('button', { type: 'button', 'aria-label': t('next'), onclick: () => c.act.move(1) }, '›')),
    att === undefined || s.detail === undefined
      ? h('p', { role: 'status' }, t('loading'))
      : renderCalendar(s.month, cal !== undefined ? cellsFromDecision(cal) : cellsFromAttendance(att, osloToday()), lang, cal !== undefined ? t('fromDecision') : t('provisional')),
    att === undefined ? '' : absencesSection(c, att.absences),
    att === undefined ? '' : renderCorrections(att.corrections, lang, 'h3'),
    att === undefined || `${s.month}-01` > osloToday() ? '' : correctionForm(c),
    ...whatIfSection(c),
    h('h3', {}, t('decisions')),
    s.decisions === undefined
      ? h('p', {}, t('loading'))
      : s.decisions.length === 0
        ? h('p', {}, t('noDecisions'))
        : decisionTable(c, (d) => h('button', { type: 'button', onclick: () => c.act.openExplanation(d.period) }, t('explanation'))),
    s.explanation !== undefined ? h('h3', {}, `${t('explanation')} – ${monthName(s.explanation.period, lang)}`) : '',
    s.explanation !== undefined ? renderExplanation(s.explanation, t('explanation')) : '',
    s.explanation !== undefined && s.explanation.history.length > 0 ? renderExplanationHistory(s.explanation.history, lang) : '',
    ...factsSection(c),
    ...kioskSection(c),
    ...c.activation(id),
  ];
}

function absencesSection(c: Ctx, absences: State['attendance'] extends infer A ? (A extends { absences: infer L } ? L : never) : never): Child[] {
  const { t, lang } = c;
  return [
    h('h3', {}, t('absencesTitle')),
    absences.length === 0
      ? h('p', {}, t('noAbsences'))
      : h(
          'ul',
          { class: 'absences' },
          absences.map((a) => {
            const last = a.history.at(-1);
            const rejected = a.status === 'REJECTED' && last !== undefined ? ` – ${t('rejectedBy', { role: last.byName === undefined ? t(`role${last.byRole}` as Key) : `${t(`role${last.byRole}` as Key)} ${last.byName}`, reason: last.reason ?? '' })}` : '';
            return h(
              'li',
              { 'data-absence-row': a.absenceId },
              `${capital(day(a.date, lang))}: ${catWord(c, a.category)}, ${a.minutes === null ? t('wholeDay') : t('hours', { n: hours(a.minutes) })}, ${docWord(c, a.documentation)} – ${t(`status${a.status}` as Key)}${rejected}`,
            );
          }),
        ),
  ];
}

function factsSection(c: Ctx): Child[] {
  const { s, t, lang } = c;
  const f = s.file;
  if (f === undefined) return [];
  const yn = (b: boolean) => (b ? t('yes') : t('no'));
  const ranges = (rs: readonly { from: string; to: string | null }[]) =>
    rs.length === 0 ? t('noneRecorded') : rs.map((r) => `${day(r.from, lang, 'short')} – ${r.to === null ? t('openEnded') : day(r.to, lang, 'short')}`).join(', ');
  const facts: [Key, string][] = [
    ['birthDate', day(f.facts.birthDate, lang, 'short') + ` ${f.facts.birthDate.slice(0, 4)}`],
    ['regime', f.facts.regime === 'integreringsloven' ? 'integreringsloven' : 'introduksjonsloven'],
    ['programStart', day(f.facts.programStart, lang, 'short') + ` ${f.facts.programStart.slice(0, 4)}`],
    ['enrolments', ranges(f.facts.enrolments)],
    ['unpaidLeave', ranges(f.facts.unpaidLeave)],
    ['children', String(f.facts.children)],
    ['soleCarer', yn(f.facts.soleCarer)],
    ['livesWithParent', yn(f.facts.livesWithParent)],
    ['coupleReduction', yn(f.facts.coupleReduction)],
  ];
  const dow = lang === 'nb' ? { MON: 'mandag', TUE: 'tirsdag', WED: 'onsdag', THU: 'torsdag', FRI: 'fredag', SAT: 'lørdag', SUN: 'søndag' } : { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' };
  const plan = [...f.schedule.plans].sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  const langPick = h('select', { id: 'file-language', name: 'language' }, PARTICIPANT_LANGUAGES.map((l) => h('option', { value: l, lang: l, selected: l === f.language }, NATIVE_NAME[l] ?? l)));
  return [
    h('h3', {}, t('facts')),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
    h(
      'form',
      {
        class: 'row',
        'data-file-language': f.language,
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          c.act.setLanguage(langPick.value);
        },
      },
      h('label', { for: 'file-language' }, t('languageLabel')),
      langPick,
      h('button', { type: 'submit' }, t('saveLanguage')),
    ),
    h('h3', {}, t('schedule')),
    plan === undefined
      ? h('p', {}, t('noSchedule'))
      : h(
          'div',
          { class: 'schedule' },
          h('p', { class: 'muted' }, t('planFrom', { date: day(plan.from, lang) })),
          h(
            'ul',
            {},
            (Object.keys(dow) as (keyof typeof dow)[])
              .filter((d) => (plan.weekly[d] ?? []).length > 0)
              .map((d) => h('li', {}, `${capital(dow[d])}: ${(plan.weekly[d] ?? []).map((x) => `${x.start}–${x.end}`).join(', ')}`)),
          ),
        ),
  ];
}

function decisionTable(c: Ctx, actions: (d: NonNullable<State['decisions']>[number]) => HTMLElement): HTMLElement {
  const { s, t, lang } = c;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('period')), h('th', { scope: 'col' }, t('version')), h('th', { scope: 'col', class: 'num' }, t('payout')), h('th', { scope: 'col' }, t('review')), h('td', {}))),
      h(
        'tbody',
        {},
        (s.decisions ?? []).map((d) =>
          h('tr', { 'data-period': d.period }, h('td', {}, monthName(d.period, lang)), h('td', {}, d.version), h('td', { class: 'num' }, nok(d.paidOre, lang)), h('td', { 'data-class': d.review }, classWord(c, d.review)), h('td', {}, actions(d))),
        ),
      ),
    ),
  );
}

function correctionForm(c: Ctx): HTMLElement {
  const { s, t } = c;
  const first = `${s.month}-01`;
  const today = osloToday();
  const last = [...(s.attendance?.days ?? []).map((d) => d.date), first].sort().at(-1)!;
  const max = last < today ? last : today;
  const date = h('input', { id: 'corr-date', name: 'date', type: 'date', min: first, max, required: true });
  const times = h('input', { id: 'corr-present', name: 'present', type: 'text', inputmode: 'numeric', placeholder: '08:30-11:30, 12:00-15:00', 'aria-describedby': 'corr-present-help' });
  const withdraw = h('input', { id: 'corr-withdraw', name: 'withdraw', type: 'checkbox' });
  const reason = h('textarea', { id: 'corr-reason', name: 'reason', required: true, minlength: 3, maxlength: 500, rows: 2 });
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'corr-title',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const present = withdraw.checked ? null : parseIntervals(times.value);
        if (present === undefined) return c.act.fieldError('corr', t('badTimes'));
        c.act.correctDay(date.value, present, reason.value);
      },
    },
    h('h3', { id: 'corr-title' }, t('correctTitle')),
    h('p', {}, t('correctHelp')),
    h('label', { for: 'corr-date' }, t('date')),
    date,
    h('label', { for: 'corr-present' }, t('presentTimes')),
    times,
    h('p', { id: 'corr-present-help', class: 'help' }, t('presentHelp')),
    s.reasonError.corr ? h('p', { class: 'error', role: 'alert' }, s.reasonError.corr) : '',
    h('label', { class: 'check' }, withdraw, ` ${t('withdraw')}`),
    h('label', { for: 'corr-reason' }, t('reason')),
    reason,
    h('button', { type: 'submit', class: 'primary' }, t('saveCorrection')),
  );
}

// ---- what-if on the month ----------------------------------------------------

function whatIfSection(c: Ctx): Child[] {
  const { s, t, lang } = c;
  if (s.detail === undefined) return [];
  const input = s.detail === null ? undefined : caseOf(s.detail.input);
  if (s.detail === null || input === undefined) return [h('h3', {}, t('whatifTitle')), h('p', { class: 'muted' }, t('whatifNone'))];
  const days = programmeDays(input);
  const dayOptions = () => days.map((d) => h('option', { value: d.date }, capital(day(d.date, lang))));
  const pending = pendingAbsences(input);

  const dayPick = h('select', { id: 'wi-day', name: 'day' }, dayOptions());
  const dayHours = h('input', { id: 'wi-hours', name: 'hours', type: 'number', min: 0, max: 24, step: 0.25, required: true, value: '' });
  const absDay = h('select', { id: 'wi-abs-day', name: 'absDay' }, dayOptions());
  const absCat = h('select', { id: 'wi-abs-cat', name: 'category' }, ['OWN_ILLNESS', 'CHILD_ILLNESS', 'WELFARE_LEAVE', 'VACATION'].map((k) => h('option', { value: k }, capital(catWord(c, k)))));
  const absDoc = h('select', { id: 'wi-abs-doc', name: 'documentation' }, ['SELF_CERTIFICATION', 'DOCTOR_NOTE', 'NONE'].map((k) => h('option', { value: k }, capital(docWord(c, k)))));
  const absHours = h('input', { id: 'wi-abs-hours', name: 'absHours', type: 'number', min: 0.25, max: 24, step: 0.25, 'aria-describedby': 'wi-abs-hours-help' });

  const changeText = (ch: WhatIfChange): string => {
    if (ch.kind === 'day') return t('changeDayText', { date: capital(day(ch.date, lang)), hours: hours(ch.presentMinutes) });
    if (ch.kind === 'absence') return t('addAbsenceText', { date: capital(day(ch.date, lang)), category: catWord(c, ch.category), span: ch.minutes === null ? t('wholeDay') : t('hours', { n: hours(ch.minutes) }) });
    const a = input.absences?.[ch.index];
    return a === undefined ? '' : t('approveText', { date: capital(day(a.date, lang)), category: catWord(c, a.category) });
  };
  const result = s.whatif.result?.decision;
  const decided = s.detail.paidOre;
  const diff = result === undefined ? 0 : result.payoutOre - s.detail.payoutOre;
  return [
    h('h3', { id: 'whatif-title' }, t('whatifTitle')),
    h(
      'section',
      { class: 'card whatif', 'aria-labelledby': 'whatif-title' },
      h('p', { class: 'muted' }, t('whatifHelp')),
      h(
        'form',
        {
          class: 'row',
          'data-change': 'day',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            c.act.addChange({ kind: 'day', date: dayPick.value, presentMinutes: Math.round(Number(dayHours.value) * 60) });
          },
        },
        h('fieldset', {}, h('legend', {}, t('changeDay')), h('label', { for: 'wi-day' }, t('pickDay')), dayPick, h('label', { for: 'wi-hours' }, t('presentHours')), dayHours, h('button', { type: 'submit' }, t('addChange'))),
      ),
      h(
        'form',
        {
          class: 'row',
          'data-change': 'absence',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            const m = absHours.value === '' ? null : Math.round(Number(absHours.value) * 60);
            c.act.addChange({ kind: 'absence', date: absDay.value, minutes: m, category: absCat.value, documentation: absDoc.value });
          },
        },
        h(
          'fieldset',
          {},
          h('legend', {}, t('addAbsence')),
          h('label', { for: 'wi-abs-day' }, t('pickDay')),
          absDay,
          h('label', { for: 'wi-abs-cat' }, t('category')),
          absCat,
          h('label', { for: 'wi-abs-doc' }, t('documentation')),
          absDoc,
          h('label', { for: 'wi-abs-hours' }, t('absenceHours')),
          absHours,
          h('p', { id: 'wi-abs-hours-help', class: 'help' }, t('absenceHoursHelp')),
          h('button', { type: 'submit' }, t('addChange')),
        ),
      ),
      h(
        'fieldset',
        { 'data-change': 'approve' },
        h('legend', {}, t('approvePending')),
        pending.length === 0
          ? h('p', {}, t('noPending'))
          : pending.map(({ index, absence }) => {
              const chosen = s.whatif.changes.some((ch) => ch.kind === 'approve' && ch.index === index);
              return h(
                'label',
                { class: 'check' },
                h('input', { type: 'checkbox', 'data-pending': index, checked: chosen, onchange: (ev: Event) => ((ev.target as HTMLInputElement).checked ? c.act.addChange({ kind: 'approve', index }) : c.act.removeChange(s.whatif.changes.findIndex((ch) => ch.kind === 'approve' && ch.index === index))) }),
                ` ${capital(day(absence.date, lang))}: ${catWord(c, absence.category)}, ${docWord(c, absence.documentation)}`,
              );
            }),
      ),
      h('h4', {}, t('changes')),
      s.whatif.changes.length === 0
        ? h('p', {}, t('noChanges'))
        : h('ul', { class: 'changes' }, s.whatif.changes.map((ch, i) => h('li', {}, changeText(ch), ' ', h('button', { type: 'button', class: 'link', onclick: () => c.act.removeChange(i) }, t('removeChange'))))),
      h('p', {}, h('button', { type: 'button', class: 'primary', id: 'whatif-run', disabled: s.whatif.changes.length === 0, onclick: () => c.act.runWhatIf() }, t('run'))),
      s.whatif.issues.length > 0 ? h('ul', { class: 'error', role: 'alert' }, s.whatif.issues.map((i) => h('li', {}, t('issue', { field: i.path.replace(/^body\.?/, ''), message: i.message })))) : '',
      result === undefined
        ? ''
        : h(
            'div',
            { class: 'result', 'aria-live': 'polite' },
            h(
              'table',
              { class: 'summary' },
              h(
                'tbody',
                {},
                h('tr', {}, h('th', { scope: 'row' }, t('decided')), h('td', { class: 'num', 'data-decided': s.detail.payoutOre }, nok(s.detail.payoutOre, lang))),
                h('tr', {}, h('th', { scope: 'row' }, t('whatifPayout')), h('td', { class: 'num', 'data-sim-payout': result.payoutOre }, nok(result.payoutOre, lang))),
                h('tr', {}, h('th', { scope: 'row' }, t('difference')), h('td', { class: 'num', 'data-difference': diff }, `${diff > 0 ? '+' : ''}${nok(diff, lang)}`)),
              ),
            ),
            decided !== s.detail.payoutOre ? h('p', { class: 'muted' }, `${t('payout')}: ${nok(decided, lang)}`) : '',
            result.review !== s.detail.review ? h('p', {}, `${t('review')}: ${classWord(c, s.detail.review)} → ${classWord(c, result.review)}`) : '',
            s.whatif.result?.layers[lang] !== undefined ? renderExplanation({ layers: s.whatif.result.layers[lang] }, t('explanation')) : '',
          ),
    ),
  ];
}

// ---- kiosk card ----------------------------------------------------------------

function kioskSection(c: Ctx): Child[] {
  const { s, t, lang } = c;
  const k = s.kiosk;
  if (k === undefined) return [];
  const pin = h('input', { id: 'new-pin', type: 'password', inputmode: 'numeric', autocomplete: 'off', pattern: '\\d{4,8}', required: true, 'aria-describedby': 'new-pin-help' });
  const reasonOf = (code: string) => (code === 'IDENTIFICATION_FAILED' ? t('reasonFailed') : code === 'DEVICE_TIME_TOO_OLD' ? t('reasonTooOld') : t('refusedReason'));
  return [
    h('h3', {}, t('kiosk')),
    h(
      'section',
      { class: 'card', 'data-kiosk': 'true' },
      k.credentials.length === 0 ? h('p', {}, t('kioskNone')) : '',
      ...k.credentials.map((cr) =>
        h(
          'p',
          { 'data-credential': cr.kind, 'data-locked': String(cr.locked), class: cr.locked ? 'error' : '' },
          cr.locked ? t('kioskLocked', { kind: t(`kind${cr.kind}` as Key), until: dateTime(cr.lockedUntil!, lang) }) : t('kioskOpen', { kind: t(`kind${cr.kind}` as Key) }),
        ),
      ),
      k.credentials.some((cr) => cr.locked) ? h('button', { type: 'button', class: 'primary', 'data-do': 'unlock', onclick: () => c.act.unlock() }, t('unlock')) : '',
      k.refusedReplays.length > 0
        ? h(
            'div',
            { 'data-refused-replays': k.refusedReplays.length },
            h('h4', {}, t('refusedTaps')),
            h('ul', {}, k.refusedReplays.map((r) => h('li', {}, t('refusedTap', { type: t(r.type === 'IN' ? 'tapIN' : 'tapOUT'), when: dateTime(r.deviceTime, lang), reason: reasonOf(r.code) })))),
          )
        : '',
      h(
        'form',
        {
          class: 'row',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            c.act.issueCard(pin.value);
          },
        },
        h('label', { for: 'new-pin' }, t('newPin')),
        pin,
        h('button', { type: 'submit' }, t('issueCard')),
      ),
      h('p', { id: 'new-pin-help', class: 'muted' }, t('newPinHelp')),
      s.issuedCard !== undefined ? h('p', { class: 'ok', role: 'status', 'data-issued-card': 'true' }, t('issued', { number: s.issuedCard })) : '',
    ),
  ];
}

// ---- documents ---------------------------------------------------------------------

export function documentsView(c: Ctx): Child[] {
  const { s, t, lang } = c;
  if (s.queue === undefined) return [h('p', { role: 'status' }, t('loading'))];
  if (s.queue.length === 0) return [h('h2', {}, t('documents')), h('p', {}, t('noDocuments'))];
  return [
    h('h2', {}, t('documents')),
    ...s.queue.map((item, i) => {
      const reasonId = `reason-${i}`;
      const noteId = `note-${i}`;
      const err = s.reasonError[item.absenceId];
      const reason = h('textarea', { id: reasonId, rows: 2, maxlength: 500, 'aria-describedby': `${reasonId}-help${err ? ` ${reasonId}-error` : ''}`, 'aria-invalid': err ? 'true' : undefined });
      // Never ticked for the adviser: they say they have the note by ticking it themselves.
      const note = h('input', { id: noteId, type: 'checkbox' });
      const illness = item.category === 'OWN_ILLNESS' || item.category === 'CHILD_ILLNESS';
      const who = nameOf(c, item.participantId);
      return h(
        'section',
        { class: 'card', 'data-absence': item.absenceId, 'aria-label': `${who} ${day(item.date, lang)}` },
        h('h3', {}, `${who} – ${day(item.date, lang)}`),
        h('p', {}, `${capital(catWord(c, item.category))}, ${item.minutes === null ? t('wholeDay') : t('hours', { n: hours(item.minutes) })}; ${t('documentation')}: ${docWord(c, item.documentation)}`),
        illness ? h('div', { class: 'row' }, note, h('label', { for: noteId }, t('receivedNote'))) : '',
        h('label', { for: reasonId }, t('reason')),
        reason,
        h('p', { id: `${reasonId}-help`, class: 'muted' }, t('reasonHelp')),
        err ? h('p', { id: `${reasonId}-error`, class: 'error', role: 'alert', 'data-field-error': 'reason' }, err) : '',
        h(
          'div',
          { class: 'row' },
          h('button', { type: 'button', class: 'primary', 'data-do': 'approve', onclick: () => c.act.decide(item, 'APPROVE', reason.value, note.checked) }, t('approve')),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-do': 'reject',
              onclick: () => {
                const text = reason.value.trim();
                if (text.length < MIN_REASON) {
                  c.act.fieldError(item.absenceId, text === '' ? t('reasonMissing') : t('reasonShort'));
                  queueMicrotask(() => document.getElementById(reasonId)?.focus());
                  return;
                }
                c.act.decide(item, 'REJECT', text, false);
              },
            },
            t('reject'),
          ),
        ),
      );
    }),
  ];
}

// ---- reviews --------------------------------------------------------------------------

export function reviewsView(c: Ctx): Child[] {
  const { s } = c;
  if (s.reviews === undefined) return [h('p', { role: 'status' }, c.t('loading'))];
  return [...vedtakView(c, s.reviews.filter((d) => d.review === 'VEDTAK_REQUIRED')), ...lookView(c, s.reviews.filter((d) => d.review === 'REVIEW'))];
}

const dateOnly = (iso: string, lang: Lang): string => new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Oslo' }).format(new Date(iso));

function lookView(c: Ctx, items: ReviewEntry[]): Child[] {
  const { t, lang } = c;
  const title = (d: ReviewEntry) => h('h3', {}, `${nameOf(c, d.participantId)} – ${monthName(d.period, lang)}`);
  const amounts = (d: ReviewEntry) => h('p', {}, `${t('payout')}: ${nok(d.payoutOre, lang)} · ${t('deduction')}: ${nok(d.deductionOre, lang)}`);
  return [
    h('h2', {}, t('lookHeading')),
    h('p', { class: 'muted' }, t('lookHelp')),
    items.length === 0
      ? h('p', {}, t('noLook'))
      : h(
          'div',
          {},
          items.map((d) => {
            const key = `${d.participantId}/${d.period}`;
            if (d.seen) return h('section', { class: 'card', 'data-look': key, 'data-seen': 'true' }, title(d), amounts(d), h('p', { class: 'ok' }, t('seen', { date: dateOnly(d.seen.seenAt, lang) })));
            return h('section', { class: 'card', 'data-look': key }, title(d), amounts(d), h('button', { type: 'button', class: 'primary', onclick: () => c.act.markSeen(d) }, t('markSeen')));
          }),
        ),
  ];
}

function vedtakView(c: Ctx, vedtak: ReviewEntry[]): Child[] {
  const { t, lang } = c;
  if (vedtak.length === 0) return [h('h2', {}, t('vedtakHeading')), h('p', {}, t('noReviews'))];
  return [
    h('h2', {}, t('vedtakHeading')),
    ...vedtak.map((d, i) => {
      const key = `${d.participantId}/${d.period}`;
      const heading = h('h3', {}, `${nameOf(c, d.participantId)} – ${monthName(d.period, lang)}`);
      if (d.resolved) return h('section', { class: 'card', 'data-review': key, 'data-resolved': 'true' }, heading, h('p', { class: 'ok' }, t('resolved')));
      const ref = h('input', { id: `ref-${i}`, maxlength: 64, required: true });
      const notice = h('input', { id: `notice-${i}`, type: 'date', required: true, max: osloToday() });
      return h(
        'form',
        {
          class: 'card',
          'data-review': key,
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            c.act.resolve(d, ref.value.trim(), notice.value);
          },
        },
        heading,
        h('p', {}, `${t('payout')}: ${nok(d.payoutOre, lang)} · ${t('deduction')}: ${nok(d.deductionOre, lang)}`),
        h('label', { for: `ref-${i}` }, t('reference')),
        ref,
        h('label', { for: `notice-${i}` }, t('noticeDate')),
        notice,
        h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('resolve'))),
      );
    }),
  ];
}
