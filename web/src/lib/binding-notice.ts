/**
 * While a language's catalog is not checked by a qualified translator, the
 * page says so in that language: the Norwegian text is the binding one, one
 * tap away (issue 11 §2).
 */
import { catalogOf } from '../catalogs/index.js';
import { h } from './dom.js';

export function bindingNotice(lang: string, showNorwegian: () => void): HTMLElement | '' {
  const c = catalogOf(lang);
  if (c.checkedByTranslator || lang === 'nb') return '';
  return h(
    'p',
    { class: 'binding-notice', 'data-binding-notice': lang },
    `${c.notice.unchecked} `,
    h(
      'a',
      {
        href: '#',
        hreflang: 'nb',
        onclick: (ev: Event) => {
          ev.preventDefault();
          showNorwegian();
        },
      },
      c.notice.readNorwegian,
    ),
  );
}
