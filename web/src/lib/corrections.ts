/**
 * Advisers' corrections of days (PUT /participants/{id}/attendance/{date}),
 * as the participant and the adviser see them in a month: the day, what its
 * present time was set to, the reason, who by role and when. The participant
 * page shows them under the calendar; the adviser page also has the form.
 */
import { catalogOf } from '../catalogs/index.js';
import type { Catalog } from '../catalogs/types.js';
import { h, type Child } from './dom.js';
import { dateTime, day } from './format.js';
import type { Lang } from './i18n.js';

export interface PresentInterval {
  from: string;
  to: string;
}

export interface CorrectionView {
  date: string;
  version: number;
  present: readonly PresentInterval[] | null;
  reason: string;
  correctedAt: string;
  correctedByRole: string;
}

const TEXT = new Proxy({} as Record<Lang, Catalog['corrections']>, { get: (_t, lang: string) => catalogOf(lang).corrections });

/** "08:30–11:30, 12:00–15:00", "not present" or "withdrawn". */
export function presentText(present: readonly PresentInterval[] | null, lang: Lang): string {
  const tx = TEXT[lang];
  if (present === null) return tx.withdrawn;
  if (present.length === 0) return tx.notThere;
  return tx.present.replace('{times}', present.map((p) => `${p.from}–${p.to}`).join(', '));
}

export function renderCorrections(list: readonly CorrectionView[] | undefined, lang: Lang, headingLevel: 'h2' | 'h3' = 'h2'): Child[] {
  const tx = TEXT[lang];
  const items = list ?? [];
  return [
    h(headingLevel, {}, tx.title),
    items.length === 0
      ? h('p', {}, tx.none)
      : h(
          'ul',
          { class: 'corrections' },
          items.map((c) =>
            h(
              'li',
              { 'data-correction': `${c.date}#${c.version}` },
              h('strong', {}, `${day(c.date, lang)}: `),
              presentText(c.present, lang),
              h('br'),
              `${tx.reason}: ${c.reason}`,
              h('br'),
              h('small', {}, tx.by.replace('{role}', c.correctedByRole === 'adviser' ? tx.adviser : c.correctedByRole).replace('{when}', dateTime(c.correctedAt, lang))),
            ),
          ),
        ),
  ];
}

/**
 * "08:30-11:30, 12:00-15:00" → intervals; "" → [] (not present). Undefined
 * when the text is not a list of HH:MM–HH:MM (the API checks order and overlap).
 */
export function parseIntervals(text: string): PresentInterval[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const out: PresentInterval[] = [];
  for (const part of trimmed.split(/[,;]\s*/)) {
    const m = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (m === null) return undefined;
    const hhmm = (hh: string, mm: string) => `${hh.padStart(2, '0')}:${mm}`;
    out.push({ from: hhmm(m[1]!, m[2]!), to: hhmm(m[3]!, m[4]!) });
  }
  return out;
}
