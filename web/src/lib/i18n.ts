/**
 * nb/en texts for a page. Every page has the switch in its header, at every
 * step; switching re-renders the current view and sets <html lang>.
 */
import { h } from './dom.js';

export type Lang = 'nb' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'en'];

export type Messages<K extends string> = Record<Lang, Record<K, string>>;

export interface I18n<K extends string> {
  lang(): Lang;
  t(key: K, vars?: Record<string, string | number>): string;
  set(lang: Lang): void;
  /** Returns the function that stops listening. */
  onChange(fn: () => void): () => void;
  /** The nb/en switch: two buttons, the current one pressed. */
  switcher(): HTMLElement;
}

export function createI18n<K extends string>(messages: Messages<K>, initial: Lang = 'nb'): I18n<K> {
  let current: Lang = initial;
  const listeners: (() => void)[] = [];
  document.documentElement.lang = current;
  const api: I18n<K> = {
    lang: () => current,
    t: (key, vars) => {
      let s = messages[current][key];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    set: (lang) => {
      if (lang === current) return;
      current = lang;
      document.documentElement.lang = lang;
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
        LANGS.map((l) =>
          h('button', { type: 'button', lang: l, 'data-lang': l, 'aria-pressed': String(l === current), onclick: () => api.set(l) }, l === 'nb' ? 'Norsk' : 'English'),
        ),
      ),
  };
  return api;
}
