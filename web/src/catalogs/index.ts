/**
 * The languages of the participant page and the kiosk, one catalog file
 * each. Adding a language: its file here, its code in PageLang
 * (web/src/lib/i18n.ts), its line below; test/unit/web-catalogs.unit.test.ts
 * then checks it is complete.
 *
 * Not here: Tigrinya, Somali and Dari. The team cannot write them to a
 * standard a reader would accept; they wait for a qualified translator.
 */
import { catalog as ar } from './ar.js';
import { catalog as en } from './en.js';
import { catalog as nb } from './nb.js';
import type { Catalog } from './types.js';
import { catalog as uk } from './uk.js';

export const CATALOGS: readonly Catalog[] = [nb, en, uk, ar];

export function catalogOf(lang: string): Catalog {
  return CATALOGS.find((c) => c.lang === lang) ?? nb;
}
