/**
 * The legal basis of every rule, as data: rule id → law, paragraph and
 * Lovdata link. Each file in rules/ exports `RULE` naming its row here, and
 * the reason codes it produces; a lawyer goes from a reason code on a
 * decision line to its rule file (the only file under rules/ that names the
 * code) and from there to this row. A unit test checks that every rule id the
 * engine uses has a row and that every row is used.
 *
 * How sure each paragraph is (`confidence`):
 * - `spec`: the paragraph is the one benefit-rules.md cites.
 * - `read`: the spec names the law without a paragraph (it cites
 *   "integreringsforskriften" or "IF" only); the paragraph was found in the
 *   regulation's text as IMDi's juridisk veileder til integreringsforskriften
 *   quotes it (kap. 3 § 5, kap. 4 §§ 11, 12; § 5 refers to § 15).
 * - `inferred`: the spec names the law without a paragraph and the paragraph
 *   number was inferred from the order of the regulation's chapter (own
 *   illness § 5, then the egenmelding conditions, then child's illness), not
 *   read: a lawyer must check it against Lovdata before relying on it.
 * Links: integreringsloven is LOV-2020-11-06-127 (benefit-rules.md);
 * integreringsforskriften's id (FOR-2020-12-18-2902) is not in the spec and
 * is taken from the issue.
 */
import type { DecisionCore, ReasonCode, RuleId } from '../decision.js';

export const LAWS = {
  IL: {
    short: 'integreringsloven',
    full: 'Lov om integrering gjennom opplæring, utdanning og arbeid (integreringsloven)',
    id: 'LOV-2020-11-06-127',
    url: 'https://lovdata.no/lov/2020-11-06-127',
  },
  IF: {
    short: 'integreringsforskriften',
    full: 'Forskrift til integreringsloven (integreringsforskriften)',
    id: 'FOR-2020-12-18-2902',
    url: 'https://lovdata.no/forskrift/2020-12-18-2902',
  },
  INTRO: {
    short: 'introduksjonsloven',
    full: 'Lov om introduksjonsordning og norskopplæring for nyankomne innvandrere (introduksjonsloven), for deltakere bosatt før 2021',
    id: 'LOV-2003-07-04-80',
    url: 'https://lovdata.no/lov/2003-07-04-80',
  },
  FTRL: {
    short: 'folketrygdloven',
    full: 'Lov om folketrygd (folketrygdloven)',
    id: 'LOV-1997-02-28-19',
    url: 'https://lovdata.no/lov/1997-02-28-19',
  },
  FVL: {
    short: 'forvaltningsloven',
    full: 'Lov om behandlingsmåten i forvaltningssaker (forvaltningsloven)',
    id: 'LOV-1967-02-10',
    url: 'https://lovdata.no/lov/1967-02-10',
  },
  GDPR: {
    short: 'personvernforordningen (GDPR)',
    full: 'Forordning (EU) 2016/679 (personvernforordningen), gjort til norsk lov ved personopplysningsloven § 1',
    id: 'EU-2016/679',
    url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  },
} as const;
export type LawKey = keyof typeof LAWS;

export type Confidence = 'spec' | 'read' | 'inferred';

export interface Provision {
  law: LawKey;
  /** "§ 20", "§ 1-4", "§§ 24–25", "art. 22". */
  paragraph: string;
  /** What the provision says that the rule uses. */
  subject: string;
  confidence: Confidence;
}

/** Every rule id: the ones on decision lines (RuleId) and those of rules that make no line. */
export type LegalBasisId = RuleId | 'G' | 'POLICY-PRORATION' | 'REVIEW-CLASS';

export interface LegalBasisRow {
  id: LegalBasisId;
  title: string;
  /** The first provision is the main one: the one a citation names. */
  provisions: readonly [Provision, ...Provision[]];
  /** Municipal policy fields (benefit-rules.md §10) the rule applies, where the law leaves the choice open. */
  policy?: readonly string[];
  note?: string;
}

const row = (r: LegalBasisRow): LegalBasisRow => r;

export const LEGAL_BASIS: Readonly<Record<LegalBasisId, LegalBasisRow>> = {
  'IL-20': row({
    id: 'IL-20',
    title: 'Introduction benefit: 2 G a year times the factor; month A/12, day M/30, hour A/1850',
    provisions: [
      { law: 'IL', paragraph: '§ 20', subject: 'stønadens størrelse: 2 G, 2/3 eller 1/3 under 25 år, 5/6 for par', confidence: 'spec' },
      { law: 'INTRO', paragraph: '§ 8', subject: '2/3 under 25 år for deltakere bosatt før 2021', confidence: 'read' },
    ],
    note: 'The month, day and hour bases come from the ministry letters of 2004 (benefit-rules.md §2), not from a paragraph.',
  }),
  G: row({
    id: 'G',
    title: 'Grunnbeløpet (G) in force on the 1st of the month; provisional past the next 1 May',
    provisions: [{ law: 'FTRL', paragraph: '§ 1-4', subject: 'grunnbeløpet, regulert hvert år fra 1. mai', confidence: 'inferred' }],
    note: 'benefit-rules.md gives NAV as the source of the amounts; each amount carries its own source in parameters.ts.',
  }),
  'POLICY-PRORATION': row({
    id: 'POLICY-PRORATION',
    title: 'Base amount of a month with enrolment starting or ending inside it',
    provisions: [{ law: 'IL', paragraph: '§ 20', subject: 'månedlig stønad; delmåned er kommunens valg', confidence: 'spec' }],
    policy: ['proration'],
  }),
  'IL-21': row({
    id: 'IL-21',
    title: 'Absence without a valid reason reduces the benefit by its length',
    provisions: [{ law: 'IL', paragraph: '§ 21', subject: 'reduksjon i stønaden ved fravær uten gyldig grunn', confidence: 'spec' }],
    policy: ['deductionUnit'],
  }),
  'IF-SELF-CERT': row({
    id: 'IF-SELF-CERT',
    title: 'Own illness with self-certification (egenmelding): 8 weeks, 3 days an episode, 4 episodes in 12 months',
    provisions: [
      { law: 'IF', paragraph: '§ 6', subject: 'bruk av egenmelding: etter 8 uker, inntil 3 dager, 4 ganger på 12 måneder, tilbakefall innen 16 dager', confidence: 'inferred' },
      { law: 'IF', paragraph: '§ 5', subject: 'stønaden beholdes ved egen sykdom med egenmelding eller legeerklæring', confidence: 'read' },
    ],
  }),
  'IF-CHILD-ILLNESS': row({
    id: 'IF-CHILD-ILLNESS',
    title: "Child's illness: 10/15 days in 12 months, doubled for a sole carer; doctor's note from the 4th day",
    provisions: [{ law: 'IF', paragraph: '§ 7', subject: 'fravær ved barns sykdom', confidence: 'inferred' }],
  }),
  'IF-LEAVE': row({
    id: 'IF-LEAVE',
    title: 'Leave with benefit within caps: pregnancy, birth, vacation, welfare leave',
    provisions: [
      { law: 'IF', paragraph: '§ 11', subject: 'fri i forbindelse med svangerskap: inntil ti dager', confidence: 'read' },
      { law: 'IF', paragraph: '§ 12', subject: 'fri i forbindelse med fødsel: mor 20 dager, far inntil sju dager', confidence: 'read' },
    ],
    policy: ['welfareLeaveDaysPer12Months'],
    note: 'The paragraphs of vacation (25 days a calendar year) and welfare leave in the regulation\'s chapter 4 were not identified; the caps follow benefit-rules.md §4.',
  }),
  'POLICY-PENDING': row({
    id: 'POLICY-PENDING',
    title: 'Absence whose documentation is pending: withheld or paid provisionally until the deadline',
    provisions: [{ law: 'IL', paragraph: '§ 21', subject: 'bare dokumentert, godkjent fravær gir stønad', confidence: 'spec' }],
    policy: ['pending', 'documentationDeadlineDays'],
  }),
  'IL-UNPAID-LEAVE': row({
    id: 'IL-UNPAID-LEAVE',
    title: 'Leave without benefit decided by the adviser (long illness, omsorgspermisjon)',
    provisions: [{ law: 'IF', paragraph: '§ 15', subject: 'permisjon uten stønad ved langvarig sykdom, etter vedtak', confidence: 'read' }],
    note: 'The paragraph of omsorgspermisjon in the regulation\'s chapter 4 was not identified.',
  }),
  'REVIEW-CLASS': row({
    id: 'REVIEW-CLASS',
    title: 'Who decides: automatic, review, or a formal decision (enkeltvedtak) for a large deduction',
    provisions: [
      { law: 'IL', paragraph: '§ 21', subject: 'enkeltvedtak ved trekk på 50 % eller mer og minst 1/12 G', confidence: 'spec' },
      { law: 'FVL', paragraph: '§ 16', subject: 'forhåndsvarsel', confidence: 'inferred' },
      { law: 'FVL', paragraph: '§§ 24–25', subject: 'begrunnelse for enkeltvedtak', confidence: 'spec' },
      { law: 'GDPR', paragraph: 'art. 22', subject: 'ingen helautomatisert avgjørelse med betydelig virkning', confidence: 'spec' },
    ],
  }),
};

/** Lovdata's link to one paragraph ("§ 20" → …/§20, "§§ 24–25" → …/§24); the regulation's page for an EU article. */
export function provisionUrl(p: Provision): string {
  const law = LAWS[p.law];
  const first = /^§§? ?([0-9]+(?:-[0-9]+)?)/.exec(p.paragraph);
  return first === null ? law.url : `${law.url}/§${first[1]}`;
}

export interface Citation {
  /** "integreringsloven § 20". */
  text: string;
  url: string;
}

/** The main provision of a rule, for a text that cites it. */
export function citationOf(id: LegalBasisId): Citation {
  const p = LEGAL_BASIS[id].provisions[0];
  return { text: `${LAWS[p.law].short} ${p.paragraph}`, url: provisionUrl(p) };
}

/**
 * The hook for the explanation's "Rules" layer (explanation/render.ts cites
 * the rules in its own words; this gives the law and the link): the rules a
 * decision applied, in the order that layer lists them: the rates, the
 * proration when the month is not whole, then the rule of each line in the
 * order of its first line, each once.
 */
export function citationsFor(d: Pick<DecisionCore, 'base' | 'lines'>): (Citation & { rule: LegalBasisId })[] {
  const ids: LegalBasisId[] = ['IL-20'];
  if (!d.base.fullMonth) ids.push('POLICY-PRORATION');
  for (const l of d.lines) if (!ids.includes(l.rule)) ids.push(l.rule);
  return ids.map((rule) => ({ rule, ...citationOf(rule) }));
}

/** What a rule file exports as `RULE`: its row and the reason codes it produces (none for a rule that makes no line). */
export interface RuleMeta {
  readonly id: LegalBasisId;
  readonly reasons: readonly ReasonCode[];
  /** The refusals of this rule a doctor's note would overturn (hint DOCTOR_NOTE_WOULD_PAY). */
  readonly curedByDoctorNote?: readonly ReasonCode[];
}

/** A rule whose reason codes appear on decision lines: its id is a line's `rule`. */
export interface LineRuleMeta extends RuleMeta {
  readonly id: RuleId;
}
