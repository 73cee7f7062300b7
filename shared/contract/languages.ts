/**
 * The languages a participant can have on their file: the languages of the
 * participant page and the kiosk (web/src/catalogs, one file each;
 * test/unit/web-catalogs.unit.test.ts checks the two lists agree). nb is the
 * default and the binding text.
 */
export const PARTICIPANT_LANGUAGES = ['nb', 'en', 'uk', 'ar'] as const;
export type ParticipantLanguage = (typeof PARTICIPANT_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: ParticipantLanguage = 'nb';

/** The language on a stored file; a file from before languages (or a value no longer offered) reads as nb. */
export const languageOf = (stored: string | undefined): ParticipantLanguage => (PARTICIPANT_LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as ParticipantLanguage) : DEFAULT_LANGUAGE;

/** GET /me/language, PUT /me/language, PUT /participants/{id}/language. */
export interface LanguageResponse {
  language: ParticipantLanguage;
  /** The profile version after the change (staff quote it as expectedVersion next). */
  version: number;
}
