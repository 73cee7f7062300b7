/**
 * Each language of the participant page and the kiosk is one catalog file
 * (web/src/catalogs); this is the test that it is complete: every text nb
 * has, non-empty where nb's is, with the same placeholders; the notice that
 * the Norwegian text is binding while no qualified translator has checked
 * it; and the list agrees with the languages the API accepts on a file.
 */
import { PARTICIPANT_LANGUAGES } from '../../shared/contract/languages.js';
import { CATALOGS } from '../../web/src/catalogs/index.js';
import { LANGUAGES as EXPLANATION_CATALOGS } from '../../shared/domain/explanation/render.js';
import { EXPLANATION_LANGUAGES } from '../../web/src/participant/messages.js';
import type { Catalog } from '../../web/src/catalogs/types.js';

const nb = CATALOGS.find((c) => c.lang === 'nb')!;

/** Every leaf text of a catalog by its path ("participant.title", "calendar.dow.0"). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) for (const [p, s] of leaves(v, path === '' ? k : `${path}.${k}`)) out.set(p, s);
  return out;
}
const texts = (c: Catalog) =>
  leaves({ participant: c.participant, kiosk: c.kiosk, calendar: c.calendar, corrections: c.corrections, history: c.history, errors: c.errors, rights: c.rights, rightsCase: c.rightsCase });
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the participant page asks for the explanation in exactly the languages it is written in', () => {
  expect([...EXPLANATION_LANGUAGES].sort()).toEqual([...EXPLANATION_CATALOGS].sort());
});

test('the completeness checks below read every section of a catalog (a new section cannot be left out of them)', () => {
  const checked = new Set([...texts(nb).keys()].map((k) => k.split('.')[0]));
  expect(Object.keys(nb).filter((k) => !['lang', 'checkedByTranslator', 'notice'].includes(k) && !checked.has(k))).toEqual([]);
});

test('the catalogs are the languages a participant can have on their file, nb first', () => {
  expect(CATALOGS.map((c) => c.lang)).toEqual([...PARTICIPANT_LANGUAGES]);
  expect(nb.checkedByTranslator).toBe(true);
});

describe.each(CATALOGS.filter((c) => c.lang !== 'nb').map((c) => [c.lang, c] as const))('%s', (_lang, catalog) => {
  const mine = texts(catalog);
  const reference = texts(nb);

  test('has every text nb has, and no other', () => {
    expect([...mine.keys()].sort()).toEqual([...reference.keys()].sort());
  });

  test('no text is empty where nb’s is not, and none is left in Norwegian', () => {
    const empty = [...reference].filter(([k, v]) => v !== '' && (mine.get(k) ?? '') === '').map(([k]) => k);
    expect(empty).toEqual([]);
    // Texts with words (not codes, marks or names such as "OK", "PIN", "QR") must differ from the Norwegian.
    const copied = [...reference].filter(([k, v]) => /[a-zæøå]{4,}/.test(v) && !/\{label\}|QR|PIN/.test(v) && mine.get(k) === v).map(([k]) => k);
    expect(catalog.lang === 'en' ? [] : copied).toEqual([]);
  });

  test('every text has the placeholders nb’s has', () => {
    const wrong = [...reference].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(mine.get(k) ?? ''))).map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  test('says whether a qualified translator has checked it; unchecked, it has the binding-Norwegian notice and its link', () => {
    expect(typeof catalog.checkedByTranslator).toBe('boolean');
    if (!catalog.checkedByTranslator) {
      expect(catalog.notice.unchecked.length).toBeGreaterThan(20);
      expect(catalog.notice.readNorwegian.length).toBeGreaterThan(3);
    }
  });
});
