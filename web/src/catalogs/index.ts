/**
 * The languages of the participant page and the kiosk, one catalog file
 * each (every text of both pages, the rights tab included). Adding a
 * language: its file here and its line below, and its code in
 * PARTICIPANT_LANGUAGES (shared/contract/languages.ts: the API accepts it on
 * a file, and the pages' language type follows); test/unit/web-catalogs.unit.test.ts
 * then checks it is complete. Its explanation is the other file
 * (shared/domain/explanation/messages/). Its name in the switch and its
 * direction are already in web/src/lib/i18n.ts for Tigrinya, Somali and Dari.
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
