/**
 * Every language the explanation is rendered in, in the order the decision
 * stores them. Adding a language is one catalogue file (a `LanguagePack`
 * whose `messages` is a complete `Catalog`) and one line here; the
 * completeness test (test/unit/explanation-languages.unit.test.ts) checks it.
 *
 * Tigrinya, Somali and Dari are not here: the team cannot write them to a
 * standard a reader would accept, and a wrong text about money and rights is
 * worse than none. They need a qualified translator, then one file each.
 */
import { ar } from './ar.js';
import type { LanguagePack } from './catalog.js';
import { en } from './en.js';
import { nb } from './nb.js';
import { uk } from './uk.js';

export const LANGUAGE_PACKS: readonly LanguagePack[] = [nb, en, uk, ar];

/** Language codes, e.g. `nb`, `en`: the keys of `Decision.explanation`. */
export const LANGUAGES: readonly string[] = LANGUAGE_PACKS.map((p) => p.lang);

export type { Catalog, LanguagePack, MessageId } from './catalog.js';
export { isUnchecked } from './catalog.js';
