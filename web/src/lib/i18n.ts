/**
 * A page's texts in its languages. Every page has the switch in its header,
 * at every step; switching re-renders the current view and sets <html lang>
 * and <html dir> (Arabic and Dari read right to left: the whole page mirrors,
 * the stylesheet uses logical properties only).
 *
 * Staff pages have nb and en; the participant page and the kiosk have every
 * language of shared/contract/languages.ts (one catalog each: web/src/catalogs).
 */
import type { ParticipantLanguage } from '../../../shared/contract/languages.js';
import { h } from './dom.js';

/** The languages of the participant page and the kiosk (web/src/catalogs): those a participant can have on their file. */
export type PageLang = ParticipantLanguage;
/** The staff pages' languages. */
export type StaffLang = 'nb' | 'en';
export type Lang = PageLang;

/** The language's own name, as its readers look for it in the switch. */
export const NATIVE_NAME: Record<string, string> = {
  nb: 'Norsk',
  en: 'English',
  uk: 'Українська',
  ar: 'العربية',
  ti: 'ትግርኛ',
  so: 'Soomaali',
  prs: 'دری',
};

const RTL: ReadonlySet<string> = new Set(['ar', 'prs']);
export const dirOf = (lang: string): 'rtl' | 'ltr' => (RTL.has(lang) ? 'rtl' : 'ltr');

export type Messages<K extends string, L extends Lang = StaffLang> = Record<L, Record<K, string>>;

export interface I18n<K extends string, L extends Lang = StaffLang> {
  lang(): L;
  langs(): readonly L[];
  t(key: K, vars?: Record<string, string | number>): string;
  set(lang: L): void;
  /** Returns the function that stops listening. */
  onChange(fn: () => void): () => void;
  /** The language switch: one button per language, the current one pressed. */
  switcher(): HTMLElement;
}

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
}

export function createI18n<K extends string, L extends Lang = StaffLang>(messages: Messages<K, L>, initial: L): I18n<K, L> {
  const langs = Object.keys(messages) as L[];
  let current: L = initial;
  const listeners: (() => void)[] = [];
  applyToDocument(current);
  const api: I18n<K, L> = {
    lang: () => current,
    langs: () => langs,
    t: (key, vars) => {
      let s = messages[current][key];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    set: (lang) => {
      if (lang === current || !langs.includes(lang)) return;
      current = lang;
      applyToDocument(lang);
      for (const fn of listeners) fn();
    },
    onChange: (fn) => {
      listeners.push(fn);
      return () => {
        const i = listeners.indexOf(fn);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    switcher: () =>
      h(
        'div',
        { class: 'lang', role: 'group', 'aria-label': 'Språk / Language' },
        langs.map((l) => h('button', { type: 'button', lang: l, dir: dirOf(l), 'data-lang': l, 'aria-pressed': String(l === current), onclick: () => api.set(l) }, NATIVE_NAME[l])),
      ),
  };
  return api;
}
