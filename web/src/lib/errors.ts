/**
 * What a page says when a call fails, in the reader's language: the API's
 * stable error codes in words, never the code or the API's English message
 * (issue 11 §3). A code the page has no words for gets the general text; the
 * code stays on the element (`data-code`) for support and tests.
 */
import { catalogOf } from '../catalogs/index.js';
import { ApiError, NetworkError } from './api.js';

type Words = Record<string, string>;

const NB: Words = {
  GENERAL: 'Noe gikk galt. Prøv igjen om litt. Hvis det skjer igjen, kontakt brukerstøtte.',
  NETWORK: 'Ingen kontakt med tjenesten. Sjekk nettet og prøv igjen.',
  UNAUTHENTICATED: 'Du er logget ut. Logg inn igjen.',
  FORBIDDEN_ROLE: 'Du har ikke tilgang til dette.',
  NOT_ASSIGNED: 'Du er ikke rådgiver for denne deltakeren.',
  NOT_FOUND: 'Fant ikke det du ba om. Det kan være slettet eller flyttet.',
  VALIDATION_FAILED: 'Noen felt er ikke fylt ut riktig. Rett dem og prøv igjen.',
  INVALID_CASE: 'Endringene gir ikke en gyldig måned. Se feltene under.',
  G_MISSING: 'Grunnbeløpet for måneden mangler, så måneden kan ikke beregnes.',
  ABSENCE_CHANGED: 'Fraværet er endret av noen andre mens du så på det. Last siden på nytt og prøv igjen.',
  CORRECTION_CHANGED: 'Dagen er rettet av noen andre mens du så på den. Last siden på nytt og prøv igjen.',
  PARTICIPANT_CHANGED: 'Mappen er endret av noen andre mens du så på den. Last siden på nytt og prøv igjen.',
  ALREADY_APPROVED_BY_YOU: 'Du har allerede godkjent denne kjøringen. En annen lønnsmedarbeider må godkjenne den.',
  VEDTAK_UNRESOLVED: 'Kjøringen kan ikke godkjennes før rådgiverne har fattet enkeltvedtakene som mangler.',
  RUN_NOT_AWAITING_APPROVAL: 'Kjøringen venter ikke på godkjenning lenger. Last siden på nytt.',
  RUN_NOT_RELEASED: 'Kjøringen er ikke frigitt ennå, så den kan ikke eksporteres.',
  RUN_RELEASED: 'Kjøringen er allerede frigitt av to lønnsmedarbeidere. Den trenger ikke flere godkjenninger.',
  APPROVAL_IN_PROGRESS: 'En annen godkjenning av kjøringen blir registrert akkurat nå. Last siden på nytt og se om den trenger din.',
  EXPORT_NOT_READY: 'Eksportfilen lages fortsatt. Den kan lastes ned når den er klar.',
  EXPORT_IN_PROGRESS: 'Eksporten blir startet akkurat nå. Last siden på nytt om litt.',
  MONTH_NOT_ENDED: 'Måneden er ikke over ennå.',
  RESOLUTION_EXISTS: 'Vedtaket er allerede registrert.',
  AUDIT_UNAVAILABLE: 'Tilgangsloggen kan ikke skrives akkurat nå, så opplysningene vises ikke. Prøv igjen om litt.',
  OVERLOADED: 'Tjenesten har mye å gjøre akkurat nå. Prøv igjen om litt.',
  TOO_MANY_ATTEMPTS: 'For mange forsøk. Vent litt og prøv igjen.',
  ADVANCE_NOTICE_IN_FUTURE: 'Datoen for forhåndsvarsel kan ikke være fram i tid.',
  CORRECTION_DATE_IN_FUTURE: 'Du kan ikke rette en dag som ikke har vært ennå.',
  CORRECTION_TIME_IN_FUTURE: 'Tidene kan ikke være fram i tid.',
  NO_CORRECTION_TO_WITHDRAW: 'Dagen har ingen retting å trekke tilbake.',
  UNKNOWN_LANGUAGE: 'Språket finnes ikke i Introflyt.',
};

const EN: Words = {
  GENERAL: 'Something went wrong. Please try again shortly. If it happens again, contact support.',
  NETWORK: 'No contact with the service. Check the network and try again.',
  UNAUTHENTICATED: 'You are signed out. Please sign in again.',
  FORBIDDEN_ROLE: 'You do not have access to this.',
  NOT_ASSIGNED: 'You are not this participant’s adviser.',
  NOT_FOUND: 'What you asked for was not found. It may have been deleted or moved.',
  VALIDATION_FAILED: 'Some fields are not filled in correctly. Correct them and try again.',
  INVALID_CASE: 'The changes do not make a valid month. See the fields below.',
  G_MISSING: 'The base amount (G) for the month is missing, so the month cannot be computed.',
  ABSENCE_CHANGED: 'Someone else changed the absence while you looked at it. Reload and try again.',
  CORRECTION_CHANGED: 'Someone else corrected the day while you looked at it. Reload and try again.',
  PARTICIPANT_CHANGED: 'Someone else changed the file while you looked at it. Reload and try again.',
  ALREADY_APPROVED_BY_YOU: 'You have already approved this run. Another payroll officer must approve it.',
  VEDTAK_UNRESOLVED: 'The run cannot be approved until the advisers have made the missing formal decisions.',
  RUN_NOT_AWAITING_APPROVAL: 'The run is no longer waiting for approval. Reload the page.',
  RUN_NOT_RELEASED: 'The run is not released yet, so it cannot be exported.',
  RUN_RELEASED: 'The run is already released by two payroll officers. It needs no more approvals.',
  APPROVAL_IN_PROGRESS: 'Another approval of the run is being recorded right now. Reload the page and see whether it still needs yours.',
  EXPORT_NOT_READY: 'The export file is still being made. It can be downloaded when it is ready.',
  EXPORT_IN_PROGRESS: 'The export is being started right now. Reload the page in a moment.',
  MONTH_NOT_ENDED: 'The month has not ended yet.',
  RESOLUTION_EXISTS: 'The decision is already recorded.',
  AUDIT_UNAVAILABLE: 'The access log cannot be written just now, so the information is not shown. Try again shortly.',
  OVERLOADED: 'The service is busy just now. Try again shortly.',
  TOO_MANY_ATTEMPTS: 'Too many attempts. Wait a little and try again.',
  ADVANCE_NOTICE_IN_FUTURE: 'The date of the advance notice cannot be in the future.',
  CORRECTION_DATE_IN_FUTURE: 'You cannot correct a day that has not happened yet.',
  CORRECTION_TIME_IN_FUTURE: 'The times cannot be in the future.',
  NO_CORRECTION_TO_WITHDRAW: 'The day has no correction to withdraw.',
  UNKNOWN_LANGUAGE: 'Introflyt does not have that language.',
};

/** The staff pages' words for every code, over the catalog's (the participant page's and the kiosk's, in every language). */
const BY_LANG = (lang: string): Words => ({ ...catalogOf(lang).errors, ...(lang === 'nb' ? NB : lang === 'en' ? EN : {}) });

/** Extra words a page has for codes of its own (the participant page's report refusals, the kiosk's). */
export function errorText(err: unknown, lang: string, own: Words = {}): string {
  const words = BY_LANG(lang);
  if (err instanceof NetworkError) return words.NETWORK!;
  if (err instanceof ApiError) return own[err.code] ?? words[err.code] ?? (err.status === 401 ? words.UNAUTHENTICATED! : err.status === 404 ? words.NOT_FOUND! : words.GENERAL!);
  return words.GENERAL!;
}

/** The code behind a failure, for a `data-code` attribute (never shown as text). */
export const errorCode = (err: unknown): string => (err instanceof ApiError ? err.code : err instanceof NetworkError ? 'NETWORK' : 'CLIENT');
