/**
 * Every language the explanation is rendered in, in the order the decision
 * stores them. Adding a language is one catalogue file (a `LanguagePack`
 * whose `messages` is a complete `Catalog`) and one line here.
 */
import type { LanguagePack } from './catalog.js';
import { en } from './en.js';
import { nb } from './nb.js';

export const LANGUAGE_PACKS: readonly LanguagePack[] = [nb, en];

/** Language codes, e.g. `nb`, `en`: the keys of `Decision.explanation`. */
export const LANGUAGES: readonly string[] = LANGUAGE_PACKS.map((p) => p.lang);

export type { Catalog, LanguagePack, MessageId } from './catalog.js';
