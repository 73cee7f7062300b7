/**
 * The explanation in the participants' languages (issue 11 §2). Adding a
 * language is one catalogue file; this test says whether it is complete:
 * every message of the Norwegian original, with the same ICU arguments,
 * parsed by intl-messageformat for the language's locale; a declared
 * translation status, and for a translation no qualified translator has
 * checked, a first line saying in that language that the Norwegian text is
 * the one that applies; the writing direction, with amounts kept left to
 * right inside right-to-left text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parseCase } from '../../shared/domain/case.js';
import type { DecisionCore } from '../../shared/domain/decision.js';
import { decideCore } from '../../shared/domain/engine.js';
import { LanguageFormatter } from '../../shared/domain/explanation/format.js';
import type { LanguagePack } from '../../shared/domain/explanation/messages/index.js';
import { isUnchecked, LANGUAGE_PACKS, LANGUAGES } from '../../shared/domain/explanation/messages/index.js';
import { directionOf, isUncheckedTranslation, LAYER_ORDER, renderExplanation, renderLayers } from '../../shared/domain/explanation/render.js';
import { GOLDEN_DIR } from '../support/paths.js';
import { argNames } from '../support/message-arguments.js';

const nb = LANGUAGE_PACKS.find((p) => p.lang === 'nb')!;
const packs = LANGUAGE_PACKS.map((p) => [p.lang, p] as const);
const messages = (p: LanguagePack) => p.messages as Record<string, string>;
const golden = (name: string): DecisionCore => decideCore(parseCase(JSON.parse(readFileSync(join(GOLDEN_DIR, `${name}.case.json`), 'utf8'))));
const goldenNames = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .map((f) => f.replace(/\.case\.json$/, ''))
  .sort();

test('the languages: Norwegian bokmål (the original), English, Ukrainian and Arabic', () => {
  expect(LANGUAGES).toEqual(['nb', 'en', 'uk', 'ar']);
  // Only the Norwegian text is the original; no translation has been checked by a qualified translator yet.
  expect(LANGUAGE_PACKS.map((p) => [p.lang, p.translation])).toEqual([
    ['nb', { source: true }],
    ['en', { source: false, checkedByQualifiedTranslator: false }],
    ['uk', { source: false, checkedByQualifiedTranslator: false }],
    ['ar', { source: false, checkedByQualifiedTranslator: false }],
  ]);
});

describe.each(packs)('%s is complete', (lang, pack) => {
  test('every message id of the Norwegian original, none more, none empty', () => {
    expect(Object.keys(pack.messages).sort()).toEqual(Object.keys(nb.messages).sort());
    expect(Object.entries(pack.messages).filter(([, m]) => m.trim() === '')).toEqual([]);
  });

  test('every message has the same ICU arguments as the Norwegian one', () => {
    const differing = Object.keys(nb.messages).filter((id) => argNames(messages(pack)[id]!, pack.locale).join() !== argNames(messages(nb)[id]!).join());
    expect({ lang, differing }).toEqual({ lang, differing: [] });
  });

  test('every message parses with intl-messageformat for its locale, and the locale is one Intl knows', () => {
    const failing = Object.entries(pack.messages).filter(([, m]) => {
      try {
        new IntlMessageFormat(m, pack.locale).getAst();
        return false;
      } catch {
        return true;
      }
    });
    expect(failing).toEqual([]);
    expect(Intl.DateTimeFormat.supportedLocalesOf([pack.locale])).toEqual([pack.locale]);
    expect(Intl.PluralRules.supportedLocalesOf([pack.locale])).toEqual([pack.locale]);
  });

  test('every golden case renders in it: every layer, no placeholder left', () => {
    for (const name of goldenNames) {
      const text = renderExplanation(golden(name), lang);
      expect(text.split(/^## /m).length - 1).toBe(LAYER_ORDER.length);
      expect(text).not.toMatch(/undefined|NaN|[{}]/);
    }
  });

  test('an unchecked translation opens with the notice, in its own language, that the Norwegian text applies', () => {
    const summary = renderLayers(golden('g01-full-attendance'), lang).summary.lines;
    expect(isUncheckedTranslation(lang)).toBe(pack.translation.source === false && !pack.translation.checkedByQualifiedTranslator);
    if (isUncheckedTranslation(lang)) expect(summary[0]).toBe(pack.messages['notice.unchecked']);
    else expect(summary).not.toContain(pack.messages['notice.unchecked']);
  });
});

describe('the notice follows the declaration', () => {
  test('a checked translation has no notice; the original never has one', () => {
    expect(isUnchecked({ source: false, checkedByQualifiedTranslator: true })).toBe(false);
    expect(isUnchecked({ source: false, checkedByQualifiedTranslator: false })).toBe(true);
    expect(isUnchecked({ source: true })).toBe(false);
    expect(renderLayers(golden('g01-full-attendance'), 'nb').summary.lines[0]).toMatch(/^Du får /);
    expect(renderLayers(golden('g01-full-attendance'), 'uk').summary.lines).toEqual([
      'Цей переклад не перевірив кваліфікований перекладач. Чинним є текст норвезькою мовою.',
      'За жовтень 2026 р. ви отримуєте NOK\u00a022\u00a0758,17.',
      'Це повна сума за місяць. Нічого не утримано.',
    ]);
  });
});

describe('direction and dates', () => {
  test('Arabic is right to left, the others left to right', () => {
    expect(LANGUAGES.map((l) => [l, directionOf(l)])).toEqual([
      ['nb', 'ltr'],
      ['en', 'ltr'],
      ['uk', 'ltr'],
      ['ar', 'rtl'],
    ]);
  });

  test('in Arabic every amount is a left-to-right isolate; in the others amounts are plain', () => {
    const d = golden('g09-pending-self-cert');
    const ar = renderExplanation(d, 'ar');
    const amounts = ar.match(/NOK\u00a0[−\d\u00a0]+,\d\d/g) ?? [];
    expect(amounts.length).toBeGreaterThan(10);
    expect(ar.match(/\u2066NOK\u00a0[−\d\u00a0]+,\d\d\u2069/g)).toHaveLength(amounts.length);
    expect(renderLayers(d, 'ar').summary.lines[1]).toBe('تحصل عن شهر أكتوبر 2026 على \u2066NOK\u00a020\u00a0543,87\u2069.');
    for (const lang of ['nb', 'en', 'uk']) expect(renderExplanation(d, lang)).not.toMatch(/[\u2066-\u2069]/);
  });

  test('several days of one month: the month as it stands after a day number (Ukrainian genitive)', () => {
    const uk = new LanguageFormatter(LANGUAGE_PACKS.find((p) => p.lang === 'uk')!);
    expect(uk.dates(['2026-10-29', '2026-10-30'], '2026')).toBe('29 і 30 жовтня');
    expect(uk.monthYear('2026-10')).toBe('жовтень 2026 р.');
    const ar = new LanguageFormatter(LANGUAGE_PACKS.find((p) => p.lang === 'ar')!);
    expect(ar.dates(['2026-10-29', '2026-10-30'], '2026')).toBe('29 و30 أكتوبر');
    expect(renderLayers(golden('g09-pending-self-cert'), 'uk').hints.lines[0]).toContain('за 29 і 30 жовтня ще не схвалено');
  });
});
