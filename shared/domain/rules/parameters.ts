/**
 * The numbers of the rules (benefit-rules.md §§ 2–6), each with its source.
 * Legal basis: integreringsloven (IL, LOV-2020-11-06-127) §§ 20–21 and
 * integreringsforskriften (IF), read through IMDi's guidance and Prop. 89 L
 * (2019–2020); see benefit-rules.md "Confidence".
 */
import { sourced } from '../sourced.js';

const CHECKED = '2026-11-24';
const IMDI = 'IMDi rundskriv/veiledning om fravær i introduksjonsprogrammet; integreringsforskriften';

export const RATES = {
  annualGMultiple: sourced(2, 'IL § 20 første ledd: stønaden utgjør to ganger grunnbeløpet på årsbasis', CHECKED),
  monthsPerYear: sourced(12, 'IL § 20; departementets brev 2004: månedlig utbetaling = årlig / 12', CHECKED),
  daysPerMonth: sourced(30, 'Departementets brev 2004: dagsats = månedssats / 30 (ingen annen dagsbasis)', CHECKED),
  hoursPerYear: sourced(1850, 'Departementets brev 2004: timesats = årlig stønad / 1850', CHECKED),
} as const;

export const FACTORS = {
  under25Age: sourced(25, 'IL § 20 andre ledd: deltakere under 25 år', CHECKED),
  under25: sourced([2, 3] as const, 'IL § 20 andre ledd: to tredeler for deltakere under 25 år', CHECKED),
  under25WithParent: sourced([1, 3] as const, 'IL § 20 andre ledd: en tredel for deltakere under 25 år som bor med minst én av foreldrene', CHECKED),
  under25OldRegime: sourced([2, 3] as const, 'Introduksjonsloven § 8 (deltakere bosatt før 2021): to tredeler under 25 år', CHECKED),
  couple: sourced([5, 6] as const, 'IL § 20 som endret ved Prop. 101 L (2023–2024): fem sjettedeler for par i program uten barn', CHECKED),
} as const;

export const SELF_CERTIFICATION = {
  waitingDays: sourced(56, `${IMDI}: egenmelding først etter 8 uker i program`, CHECKED),
  relapseDays: sourced(16, `${IMDI}: tilbakefall innen 16 dager regnes som samme tilfelle`, CHECKED),
  daysPerEpisode: sourced(3, `${IMDI}: inntil 3 dager per egenmeldingstilfelle`, CHECKED),
  episodesPer12Months: sourced(4, `${IMDI}: inntil 4 egenmeldingstilfeller per 12 måneder`, CHECKED),
} as const;

export const CHILD_ILLNESS = {
  daysPer12Months: sourced(10, `${IMDI}: barns sykdom, 10 dager per 12 måneder`, CHECKED),
  daysPer12MonthsManyChildren: sourced(15, `${IMDI}: 15 dager med mer enn to barn`, CHECKED),
  soleCarerMultiplier: sourced(2, `${IMDI}: dobbelt antall dager for den som er alene om omsorgen`, CHECKED),
  runGapDays: sourced(3, `${IMDI}: sammenhengende fravær (helg bryter ikke)`, CHECKED),
  doctorNoteFromDay: sourced(4, `${IMDI}: legeerklæring fra fjerde dag`, CHECKED),
} as const;

export const LEAVE_CAPS = {
  VACATION: sourced(25, 'IF: ferie inntil 25 virkedager per kalenderår', CHECKED),
  PREGNANCY: sourced(10, 'IF: svangerskapskontroll inntil 10 dager', CHECKED),
  BIRTH_MOTHER: sourced(20, 'IF: permisjon ved fødsel (mor) inntil 20 dager', CHECKED),
  BIRTH_FATHER: sourced(7, 'IF: permisjon ved fødsel (far/medmor) inntil 7 dager', CHECKED),
} as const;

export const REVIEW = {
  vedtakShareOfBase: sourced([1, 2] as const, 'IL § 21, fvl: vesentlig reduksjon (halvparten eller mer) krever enkeltvedtak; benefit-rules.md §9', CHECKED),
  vedtakShareOfG: sourced([1, 12] as const, 'IL § 21, fvl; GDPR art. 22: trekk på G/12 eller mer krever enkeltvedtak; benefit-rules.md §9', CHECKED),
} as const;

/** Every parameter above, for the test that checks each carries its source. */
export const ALL_PARAMETERS = { ...RATES, ...FACTORS, ...SELF_CERTIFICATION, ...CHILD_ILLNESS, ...LEAVE_CAPS, ...REVIEW };
