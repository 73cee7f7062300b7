/**
 * The numbers of the rules (benefit-rules.md §§ 2–6, 9), dated per value like
 * OpenFisca's parameters: each parameter is a list of values, each in force
 * from a date until the next one, with its own source (law, regulation or
 * circular, with a link where there is one) and the date someone last checked
 * it against that source (quality.md "Correctness"). A new G, a changed quota
 * or a new rate is one more dated value: months before it keep the old one.
 *
 * Each value has an id (`<parameter>@<from>`); a decision lists the ids of the
 * values in force for its month (`parameterValues`, see ruleset.ts), so it
 * says which values applied.
 *
 * Dates: the values under integreringsloven and -forskriften apply from the
 * Act's entry into force (2021-01-01), introduksjonsloven's from 2003-09-01.
 * The couple factor (Prop. 101 L (2023–2024)) is dated with the Act too: it
 * applies only where the adviser has set the couple fact, so the adviser's
 * fact carries the amendment's date; dating the factor later would change no
 * lawful decision and would break months the engine computes today.
 */
import type { LawKey } from './legal-basis.js';
import { LAWS, provisionUrl } from './legal-basis.js';

export interface Source {
  /** Law, regulation, circular or letter, and what it says. */
  readonly text: string;
  readonly url?: string;
}

export interface DatedValue<T> {
  /** `<parameter>@<from>`: stamped on decisions. */
  readonly id: string;
  /** ISO date the value is in force from (until the next value's date). */
  readonly from: string;
  readonly value: T;
  readonly source: Source;
  /** ISO date the value was last checked against its source. */
  readonly lastVerified: string;
}

export interface Parameter<T> {
  readonly name: string;
  /** Ascending by `from`, no two on one date. */
  readonly values: readonly DatedValue<T>[];
}

type Entry<T> = Omit<DatedValue<T>, 'id'>;

function parameter<T>(name: string, entries: readonly Entry<T>[]): Parameter<T> {
  return { name, values: entries.map((e) => ({ id: `${name}@${e.from}`, ...e })) };
}

/** The value in force on `date`, or null before the first. */
export function valueOn<T>(p: Parameter<T>, date: string): DatedValue<T> | null {
  let found: DatedValue<T> | null = null;
  for (const v of p.values) if (v.from <= date) found = v;
  return found;
}

const law = (key: LawKey, paragraph: string, says: string): Source => ({
  text: `${LAWS[key].short} ${paragraph}: ${says}`,
  url: provisionUrl({ law: key, paragraph, subject: says, confidence: 'spec' }),
});
const IMDI_ABSENCE = 'https://www.imdi.no/kvalifisering/regelverk/juridisk-veileder-til-integreringsforskriften/kapittel-3-fravar-fra-introduksjonsprogrammet/';
const IMDI_LEAVE = 'https://www.imdi.no/kvalifisering/regelverk/juridisk-veileder-til-integreringsforskriften/kapittel-4-fri-og-permisjoner-fra-introduksjonsprogrammet/';
const imdi = (says: string, url = IMDI_ABSENCE): Source => ({ text: `IMDi, juridisk veileder til integreringsforskriften: ${says}`, url });
const NAV_G = 'https://www.nav.no/grunnbelopet';

const IL_FROM = '2021-01-01';
const INTRO_FROM = '2003-09-01';
const CHECKED = '2026-11-24';
/** One value in force since integreringsloven, checked on CHECKED. */
const since2021 = <T>(value: T, source: Source): Entry<T>[] => [{ from: IL_FROM, value, source, lastVerified: CHECKED }];
const nav = (from: string, gOre: number, text: string): Entry<number> => ({ from, value: gOre, source: { text, url: NAV_G }, lastVerified: CHECKED });

export const PARAMETERS = {
  /** Grunnbeløpet in øre, regulated every 1 May (folketrygdloven § 1-4; amounts from NAV). */
  g: parameter('g', [
    nav('2022-05-01', 11_147_700, 'NAV: grunnbeløpet fra 1. mai 2022'),
    nav('2023-05-01', 11_862_000, 'NAV: grunnbeløpet fra 1. mai 2023'),
    nav('2024-05-01', 12_402_800, 'NAV: grunnbeløpet fra 1. mai 2024'),
    nav('2025-05-01', 13_016_000, 'NAV: grunnbeløpet fra 1. mai 2025'),
    // Secondary source (benefit-rules.md §2): NAV's published code, not the regulation text.
    nav('2026-05-01', 13_654_900, 'NAV: grunnbeløpet fra 1. mai 2026 (NAVs publiserte kode, sekundærkilde)'),
  ]),
  rates: {
    annualGMultiple: parameter('rates.annualGMultiple', since2021(2, law('IL', '§ 20', 'stønaden utgjør to ganger grunnbeløpet på årsbasis'))),
    monthsPerYear: parameter('rates.monthsPerYear', since2021(12, { text: 'IL § 20; departementets brev 2004: månedlig utbetaling = årlig / 12' })),
    daysPerMonth: parameter('rates.daysPerMonth', since2021(30, { text: 'Departementets brev 2004: dagsats = månedssats / 30 (ingen annen dagsbasis)' })),
    hoursPerYear: parameter('rates.hoursPerYear', since2021(1850, { text: 'Departementets brev 2004: timesats = årlig stønad / 1850' })),
  },
  factors: {
    under25Age: parameter('factors.under25Age', since2021(25, law('IL', '§ 20', 'deltakere under 25 år'))),
    under25: parameter('factors.under25', since2021([2, 3] as const, law('IL', '§ 20', 'to tredeler for deltakere under 25 år'))),
    under25WithParent: parameter(
      'factors.under25WithParent',
      since2021([1, 3] as const, law('IL', '§ 20', 'en tredel for deltakere under 25 år som bor med minst én av foreldrene')),
    ),
    under25OldRegime: parameter('factors.under25OldRegime', [
      { from: INTRO_FROM, value: [2, 3] as const, source: law('INTRO', '§ 8', 'to tredeler under 25 år (deltakere bosatt før 2021)'), lastVerified: CHECKED },
    ]),
    couple: parameter(
      'factors.couple',
      since2021([5, 6] as const, law('IL', '§ 20', 'som endret ved Prop. 101 L (2023–2024): fem sjettedeler for par i program uten barn')),
    ),
  },
  selfCertification: {
    waitingDays: parameter('selfCertification.waitingDays', since2021(56, imdi('egenmelding først etter 8 uker i program (integreringsforskriften § 6)'))),
    relapseDays: parameter('selfCertification.relapseDays', since2021(16, imdi('tilbakefall innen 16 dager regnes som samme tilfelle (§ 6)'))),
    daysPerEpisode: parameter('selfCertification.daysPerEpisode', since2021(3, imdi('inntil 3 dager per egenmeldingstilfelle (§ 6)'))),
    episodesPer12Months: parameter('selfCertification.episodesPer12Months', since2021(4, imdi('inntil 4 egenmeldingstilfeller per 12 måneder (§ 6)'))),
  },
  childIllness: {
    daysPer12Months: parameter('childIllness.daysPer12Months', since2021(10, imdi('barns sykdom, 10 dager per 12 måneder (integreringsforskriften § 7)'))),
    daysPer12MonthsManyChildren: parameter('childIllness.daysPer12MonthsManyChildren', since2021(15, imdi('15 dager med mer enn to barn (§ 7)'))),
    soleCarerMultiplier: parameter('childIllness.soleCarerMultiplier', since2021(2, imdi('dobbelt antall dager for den som er alene om omsorgen (§ 7)'))),
    runGapDays: parameter('childIllness.runGapDays', since2021(3, imdi('sammenhengende fravær (helg bryter ikke)'))),
    doctorNoteFromDay: parameter('childIllness.doctorNoteFromDay', since2021(4, imdi('legeerklæring fra fjerde dag'))),
  },
  leaveCaps: {
    VACATION: parameter('leaveCaps.VACATION', since2021(25, imdi('ferie inntil 25 virkedager per kalenderår', IMDI_LEAVE))),
    PREGNANCY: parameter('leaveCaps.PREGNANCY', since2021(10, law('IF', '§ 11', 'fri i forbindelse med svangerskap i opptil ti dager'))),
    BIRTH_MOTHER: parameter('leaveCaps.BIRTH_MOTHER', since2021(20, law('IF', '§ 12', 'moren har rett til fri etter fødselen i 20 dager'))),
    BIRTH_FATHER: parameter('leaveCaps.BIRTH_FATHER', since2021(7, law('IF', '§ 12', 'faren har rett til fri i opptil sju dager'))),
  },
  review: {
    vedtakShareOfBase: parameter(
      'review.vedtakShareOfBase',
      since2021([1, 2] as const, law('IL', '§ 21', 'trekk på halvparten eller mer av en utbetaling krever enkeltvedtak (benefit-rules.md §9)')),
    ),
    vedtakShareOfG: parameter('review.vedtakShareOfG', since2021([1, 12] as const, law('IL', '§ 21', 'og trekket minst tilsvarer 1/12 G (benefit-rules.md §9)'))),
  },
} as const;

/** `PARAMETERS` with each parameter replaced by its value's type: what a rule reads. */
type Resolved<T> = T extends Parameter<infer V> ? V : { readonly [K in keyof T]: Resolved<T[K]> };
type Groups = Omit<typeof PARAMETERS, 'g'>;
export type RuleParameters = Resolved<Groups>;

/** Every parameter but G (G has its own lookup: g-table.ts), in declaration order. */
export const GROUP_PARAMETERS: readonly Parameter<unknown>[] = Object.values(groupsOf(PARAMETERS)).flatMap((g) => Object.values(g) as Parameter<unknown>[]);

function groupsOf(p: typeof PARAMETERS): Groups {
  const { g: _g, ...groups } = p;
  return groups;
}

export interface ParametersOn {
  values: RuleParameters;
  /** Ids of the values in force, in declaration order. */
  ids: string[];
}

/**
 * The rules' parameters in force on `date` (the 1st of the month: facts and
 * numbers are read as they stand then), or the names of the parameters with
 * no value yet on that date.
 */
export function parametersOn(date: string): ParametersOn | { missing: string[] } {
  const ids: string[] = [];
  const missing: string[] = [];
  const values = Object.fromEntries(
    Object.entries(groupsOf(PARAMETERS)).map(([group, params]) => [
      group,
      Object.fromEntries(
        Object.entries(params as Record<string, Parameter<unknown>>).map(([key, p]) => {
          const v = valueOn(p, date);
          if (v === null) missing.push(p.name);
          else ids.push(v.id);
          return [key, v?.value];
        }),
      ),
    ]),
  ) as unknown as RuleParameters;
  return missing.length > 0 ? { missing } : { values, ids };
}

/** Every dated value by id (G's too): to read what a stored decision's `parameterValues` name. */
export const VALUES_BY_ID: ReadonlyMap<string, DatedValue<unknown>> = new Map(
  [PARAMETERS.g as Parameter<unknown>, ...GROUP_PARAMETERS].flatMap((p) => p.values.map((v) => [v.id, v] as const)),
);

/* ---------------------------------------------------------------------------
 * For the explanation renderer (explanation/render.ts, another engineer's
 * file), which states the numbers of the rules and reads these objects'
 * `.value`: the latest dated value of each parameter. While every parameter
 * but G has one value, that is the value of every decision; once one has two,
 * the renderer should read a decision's own values by its `parameterValues`
 * ids (VALUES_BY_ID), and these go.
 * ------------------------------------------------------------------------- */
type Latest<T> = { readonly [K in keyof T]: T[K] extends Parameter<infer V> ? DatedValue<V> : never };
const latest = <T extends Record<string, Parameter<unknown>>>(group: T): Latest<T> =>
  Object.fromEntries(Object.entries(group).map(([k, p]) => [k, p.values.at(-1)!])) as Latest<T>;

export const RATES = latest(PARAMETERS.rates);
export const FACTORS = latest(PARAMETERS.factors);
export const SELF_CERTIFICATION = latest(PARAMETERS.selfCertification);
export const CHILD_ILLNESS = latest(PARAMETERS.childIllness);
