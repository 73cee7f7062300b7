/**
 * Norsk bokmål (ICU MessageFormat): originalteksten, den som gjelder.
 * Klarspråk (issue 11): korte setninger og vanlige ord. Sammendraget og
 * «Dette kan endre beløpet» har ingen koder, versjoner eller lovhenvisninger
 * (en test måler LIX ≤ 30 og setninger på høyst 20 ord); de står i
 * detaljlaget. Same ids and arguments as en.ts (the type checker holds the
 * ids; a unit test holds the argument names).
 */
import type { LanguagePack } from './catalog.js';

export const nb: LanguagePack = {
  lang: 'nb',
  locale: 'nb-NO',
  numberLocale: 'nb-NO',
  currencyPrefix: 'NOK\u00a0',
  direction: 'ltr',
  translation: { source: true },
  messages: {
    // Overskrifter
    'summary.title': 'Kort fortalt',
    'calendar.title': 'Kalender for {month}',
    'calculation.title': 'Slik er beløpet regnet ut',
    'rules.title': 'Reglene som er brukt',
    'hints.title': 'Dette kan endre beløpet',
    'who.title': 'Hvem som har bestemt, og hvordan',
    'rights.title': 'Dine rettigheter',
    'details.title': 'Detaljer: versjoner og lovgrunnlag',

    // Vises aldri på bokmål (originalen); står her fordi alle kataloger har de samme meldingene.
    'notice.unchecked': 'Denne teksten er ikke kontrollert av en kvalifisert oversetter. Den norske teksten er den som gjelder.',

    // 1. Kort fortalt
    'summary.amount': 'Du får {payout} for {month}.',
    'summary.computedAmount': 'Etter reglene blir stønaden for {month} {payout}.',
    'summary.full': 'Det er hele beløpet for en måned. Du har ikke fått noe trekk.',
    'summary.fullAmount': 'En hel måned gir {full}.',
    'summary.prorated': 'Du var med i programmet {enrolled} av {daysInMonth} dager denne måneden. Du får bare stønad for de dagene.',
    'summary.group':
      '{kind, select, withheld {{amount} holdes tilbake for {dates}.} other {{amount} i trekk for {dates}.}} {why}',
    'summary.dates': '{more, plural, =0 {{dates}} one {{dates}, og # dag til} other {{dates}, og # dager til}}',
    'summary.why.NO_REASON_GIVEN': 'Det er ikke meldt noen grunn til at du var borte.',
    'summary.why.REJECTED': 'Du fikk nei på det du meldte om fraværet.',
    'summary.why.NO_DOCUMENTATION': 'Ved sykdom trengs egenmelding eller legeerklæring, og det har vi ikke fått.',
    'summary.why.SELF_CERT_BEFORE_8_WEEKS': 'De første {weeks} ukene kan du ikke bruke egenmelding. Da må du ha legeerklæring.',
    'summary.why.SELF_CERT_EPISODE_OVER_3_DAYS': 'En egenmelding gjelder bare {episodeDays} dager. For flere dager må du ha legeerklæring.',
    'summary.why.SELF_CERT_QUOTA_EXHAUSTED': 'Du har brukt alle {selfCertQuota} egenmeldinger de siste 12 månedene. Da må du ha legeerklæring.',
    'summary.why.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'Fra dag {doctorNoteFromDay} med sykt barn må du ha legeerklæring, og den mangler.',
    'summary.why.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'Du har brukt alle {childQuota} dagene med sykt barn for de siste 12 månedene.',
    'summary.why.LEAVE_CAP_EXCEEDED': 'Du har hatt flere dager med permisjon enn du har rett til.',
    'summary.why.DOCUMENT_DEADLINE_PASSED': 'Det du leverte, ble ikke godkjent i tide. Fristen er {deadlineDays} dager.',
    'summary.why.DOCUMENT_PENDING': 'Det du har levert for disse dagene, er ikke godkjent ennå.',
    'summary.why.UNPAID_LEAVE':
      '{whole, select, yes {Du hadde permisjon uten stønad alle dagene du var med i programmet. Derfor får du ingen stønad denne måneden.} other {Du hadde permisjon uten stønad. Da får du ikke stønad for dagene.}}',
    'summary.correction': 'Rettelser for tidligere måneder utgjør {amount}.',
    'summary.floored': 'Trekket er til sammen {deductions}. Det er mer enn beløpet for måneden, som er {base}. Du får derfor ingenting, men du skylder ikke noe.',
    'summary.do.DOCUMENT_WOULD_PAY_BACK':
      'Blir {documentation, select, SELF_CERTIFICATION {egenmeldingen} DOCTOR_NOTE {legeerklæringen} other {fraværsmeldingen}} godkjent innen {deadline}, får du {amount} neste gang du får stønad.',
    'summary.do.PENDING_PAID_PROVISIONALLY':
      'Du har fått betalt for {dates}, men {documentation, select, SELF_CERTIFICATION {egenmeldingen} DOCTOR_NOTE {legeerklæringen} other {fraværsmeldingen}} er ikke godkjent ennå. Blir den ikke godkjent innen {deadline}, kan du få {amount} mindre.',
    'summary.do.DOCTOR_NOTE_WOULD_PAY': 'Med legeerklæring for {dates} får du {amount}.',
    'summary.do.noReason': 'Hadde du en god grunn til å være borte? Si fra til rådgiveren din.',
    'summary.gProvisional': 'Beløpet er foreløpig, fordi nytt grunnbeløp (G) ikke er bestemt ennå. Blir G høyere, får du forskjellen senere.',
    'summary.vedtak':
      '{paid, select, yes {En rådgiver må gjøre et vedtak før pengene blir utbetalt.} other {En rådgiver må gjøre et vedtak om trekket.}} Du får et brev først, og du kan si hva du mener.',
    'summary.adjusted': '{who} har endret beløpet til {amount}. Grunnen er: «{reason}»',
    'summary.formal': '{who} har gjort et vedtak med saksnummer {reference}. Du fikk varsel om det {notice}. Du får beløpet som er regnet ut.',
    'summary.correction.made':
      'Dette er en ny utregning for måneden, fordi {reason, select, DOCUMENT_ARRIVED {dokumentasjon er godkjent} CHECKIN_CORRECTED {en inn- eller utsjekking er rettet} NEW_G {nytt grunnbeløp (G) er bestemt} other {opplysninger i saken din er endret}}.',
    'summary.backPayment':
      'Med denne utbetalingen får du også {amount} for {month}, fordi {reason, select, DOCUMENT_ARRIVED {dokumentasjon er godkjent} CHECKIN_CORRECTED {en inn- eller utsjekking er rettet} NEW_G {nytt grunnbeløp (G) er bestemt} other {opplysninger i saken din er endret}}.',
    'summary.paid': 'Du får utbetalt {amount} med utbetalingen for {month}.',

    // Rettelser
    'correction.replaces':
      'Denne utregningen erstatter en tidligere, fordi {reason, select, DOCUMENT_ARRIVED {dokumentasjon er godkjent} CHECKIN_CORRECTED {en inn- eller utsjekking er rettet} NEW_G {nytt grunnbeløp (G) er bestemt} other {opplysninger i saken din er endret}}.',
    'correction.day':
      '{date}: {before} → {after} ({reason, select, DOCUMENT_ARRIVED {dokumentasjon godkjent} CHECKIN_CORRECTED {inn- eller utsjekking rettet} NEW_G {nytt G} other {opplysninger endret}}).',
    'correction.base':
      'Beløp før trekk: {before} → {after} ({reason, select, DOCUMENT_ARRIVED {dokumentasjon godkjent} CHECKIN_CORRECTED {inn- eller utsjekking rettet} NEW_G {nytt G} other {opplysninger endret}}).',
    'correction.total':
      '{route, select, backPayment {Til sammen får du {amount} mer. Det blir etterbetalt sammen med neste utbetaling.} adviser {Til sammen blir beløpet {amount} lavere. Ingenting blir trukket automatisk: en rådgiver avgjør hva som skal skje, og du får beskjed før noe blir bestemt.} other {Til sammen blir beløpet det samme.}}',
    'correction.amounts': 'Utregnet beløp for måneden: {before} → {after}.',
    'correction.paid':
      '{route, select, backPayment {Du hadde fått utbetalt {paid} for denne måneden. Du får {amount} mer, som blir etterbetalt med utbetalingen for {month}.} adviser {Du hadde fått utbetalt {paid} for denne måneden, {amount} mer enn det nye beløpet. Ingenting blir trukket automatisk: en rådgiver avgjør hva som skal skje, og du får beskjed før noe blir bestemt.} other {Du hadde fått utbetalt {paid} for denne måneden, og det er det det nye beløpet gir. Du får ikke mer, og ingenting blir krevd tilbake.}}',
    'correction.unpaid':
      'Den forrige utregningen var ikke utbetalt. Denne erstatter den. {direction, select, more {Beløpet er {amount} høyere.} less {Beløpet er {amount} lavere.} other {Beløpet er det samme.}}',
    'correction.nextPayout': 'neste utbetaling',

    // Fra utregnet til utbetalt beløp (utregning)
    'pay.title': 'Fra utregnet beløp til utbetalt beløp:',
    'pay.computed': 'Utregnet beløp: {amount}.',
    'pay.adjusted': '{who} endret {date} beløpet til {amount}. Begrunnelse: «{reason}»',
    'pay.formal': '{who} fattet {date} enkeltvedtak med referanse {reference}, etter forhåndsvarsel sendt {notice}. Det utregnede beløpet gjelder.',
    'pay.paidBefore': 'Allerede utbetalt for denne måneden: {amount}.',
    'pay.correctionResult':
      '{route, select, backPayment {Etterbetales med utbetalingen for {month}: {amount}.} adviser {Utbetalt mer enn det nye beløpet: {amount}. En rådgiver avgjør hva som skal skje; ingenting blir trukket automatisk.} other {Du får ikke mer, og ingenting blir krevd tilbake.}}',
    'pay.backPayment':
      'Etterbetaling for {month}: {amount}, fordi {reason, select, DOCUMENT_ARRIVED {dokumentasjon er godkjent} CHECKIN_CORRECTED {en inn- eller utsjekking er rettet} NEW_G {nytt grunnbeløp (G) er bestemt} other {opplysninger i saken din er endret}}.',
    'pay.backPaymentDay': '  – {date}: {before} → {after}.',
    'pay.backPaymentBase': '  – beløp før trekk: {before} → {after}.',
    'pay.total':
      '{withEarlier, select, yes {Utbetales med utbetalingen for {month}: {due} + etterbetalinger {earlier} = {total}.} other {Utbetales med utbetalingen for {month}: {total}.}}',
    'role.subject': '{role, select, adviser {En programrådgiver} payroll {Lønningsavdelingen} admin {Kommunens administrator} other {{role}}}',
    'role.object': '{role, select, adviser {en programrådgiver} payroll {lønningsavdelingen} admin {kommunens administrator} other {{role}}}',

    // 2. Kalender
    'calendar.PRESENT': '{date}: til stede hele dagen ({planned}).',
    'calendar.EXCUSED': '{date}: {away, select, yes {borte hele dagen ({planned})} other {til stede {present} av {planned}}}. Fraværet gir ikke trekk.',
    'calendar.UNEXCUSED': '{date}: {away, select, yes {borte hele dagen ({planned})} other {til stede {present} av {planned}}}. Fraværet gir trekk.',
    'calendar.WITHHELD': '{date}: {away, select, yes {borte hele dagen ({planned})} other {til stede {present} av {planned}}}. Noe av stønaden holdes tilbake.',
    'calendar.UNPAID_LEAVE': '{date}: permisjon uten stønad. Ingen stønad for denne dagen.',
    'calendar.NOT_ENROLLED': '{date}: ikke med i programmet. Ingen stønad for denne dagen.',
    'calendar.none': 'Ingen programdager er registrert for denne måneden.',
    'segment.EXCUSED': '  – {duration}: {what}. Gir ikke trekk.',
    'segment.PAID_PROVISIONALLY': '  – {duration}: {what}. Betalt foreløpig, fordi dokumentasjonen ikke er godkjent ennå.',
    'segment.UNEXCUSED': '  – {duration}: {what}. Gir trekk, fordi {reason}.',
    'segment.WITHHELD': '  – {duration}: {what}. Holdes tilbake til dokumentasjonen er godkjent.',
    'segment.noReason': '  – {duration}: ingen grunn er meldt. Gir trekk.',
    'absence.described': '{documentation, select, NONE {{category}} other {{category}, {doc}}}',
    'category.OWN_ILLNESS': 'egen sykdom',
    'category.CHILD_ILLNESS': 'barns sykdom',
    'category.WELFARE_LEAVE': 'velferdspermisjon',
    'category.VACATION': 'ferie',
    'category.PREGNANCY': 'permisjon under svangerskap',
    'category.BIRTH_MOTHER': 'permisjon ved fødsel (mor)',
    'category.BIRTH_FATHER': 'permisjon ved fødsel (far eller medmor)',
    'category.UNPAID_LEAVE': 'permisjon uten stønad',
    'documentation.SELF_CERTIFICATION': 'egenmelding',
    'documentation.DOCTOR_NOTE': 'legeerklæring',
    'documentation.NONE': 'uten dokumentasjon',
    'warning.ABSENCE_MINUTES_EXCEED_MISSING':
      '{date}: fraværsmeldingen gjaldt mer tid enn du var borte. {duration} av den trengtes ikke og er ikke brukt.',
    'warning.ABSENCE_IGNORED_NO_MISSING_MINUTES': '{date}: du var til stede hele dagen, så fraværsmeldingen for denne dagen er ikke brukt.',
    'warning.ABSENCE_IGNORED_NOT_PROGRAMME_DAY': '{date}: dette er ikke en programdag, så fraværsmeldingen er ikke brukt.',
    'warning.ABSENCE_IGNORED_NOT_ENROLLED': '{date}: du var ikke med i programmet denne dagen, så fraværsmeldingen er ikke brukt.',
    'warning.ABSENCE_IGNORED_UNPAID_LEAVE': '{date}: du hadde permisjon uten stønad, så fraværsmeldingen er ikke brukt.',
    'warning.ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY':
      '{date}: permisjon uten stønad blir bestemt av rådgiveren din, ikke med en fraværsmelding, så denne meldingen er ikke brukt.',

    // Grunner med vanlige ord
    'reason.NO_REASON_GIVEN': 'ingen grunn er meldt',
    'reason.REJECTED': 'fraværet ble ikke godkjent',
    'reason.NO_DOCUMENTATION': 'sykdom må vises med egenmelding eller legeerklæring',
    'reason.SELF_CERT_BEFORE_8_WEEKS': 'egenmelding kan først brukes etter {weeks} uker i programmet',
    'reason.SELF_CERT_EPISODE_OVER_3_DAYS': 'én egenmelding gjelder for høyst {episodeDays} dager',
    'reason.SELF_CERT_QUOTA_EXHAUSTED': 'alle {selfCertQuota} egenmeldingene for de siste 12 månedene er brukt',
    'reason.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'fra dag {doctorNoteFromDay} på rad med sykt barn trengs legeerklæring',
    'reason.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'alle {childQuota} dagene med sykt barn for de siste 12 månedene er brukt',
    'reason.LEAVE_CAP_EXCEEDED': 'du hadde flere permisjonsdager av denne typen enn det som er tillatt',
    'reason.DOCUMENT_DEADLINE_PASSED': 'dokumentasjonen ble ikke godkjent innen fristen på {deadlineDays} dager',
    'reason.DOCUMENT_PENDING': 'dokumentasjonen er ikke godkjent ennå',
    'reason.UNPAID_LEAVE': 'permisjon uten stønad',

    // 3. Utregning
    'calc.g': 'Grunnbeløpet i folketrygden (G) er {g}, gjeldende fra {from}.',
    'calc.gProvisional': 'G for denne måneden er ikke fastsatt ennå, så det siste kjente G er brukt. Beløpet er foreløpig til nytt G er fastsatt.',
    'calc.age': 'Alderen din {first}: {age} år.',
    'calc.factor.age':
      '{under25, select, yes {{regime, select, introduksjonsloven {Du var under {limit} år og begynte i programmet etter den tidligere introduksjonsloven (før 2021), så du får {fraction} av full sats.} other {{withParent, select, yes {Du var under {limit} år og bor sammen med minst én av foreldrene dine, så du får {fraction} av full sats.} other {Du var under {limit} år og bor ikke sammen med foreldrene dine, så du får {fraction} av full sats.}}}}} other {Du var {limit} år eller eldre, så du får full sats.}}',
    'calc.factor.couple':
      '{couple, select, yes {Parreduksjonen gjelder (du og ektefellen eller samboeren din er begge i programmet og har ikke barn): {fraction}.} other {Parreduksjonen gjelder ikke.}}',
    'calc.factor': '{factor, select, 1 {Til sammen får du hele satsen.} other {Til sammen får du {factor} av full sats.}} I utregningen heter denne andelen f, og den er {factor}.',
    'calc.annual': 'Årsbeløp A = {multiple} × G × f = {annual}.',
    'calc.monthly': 'Månedsbeløp M = A ÷ {months} = {monthly}.',
    'calc.daily': 'Dagsats D = M ÷ {daysPerMonth} = {daily}.',
    'calc.hourly': 'Timesats H = A ÷ {hoursPerYear} = {hourly}.',
    'calc.ratesRounded': 'Satsene er vist avrundet til hele øre. Alle beløpene nedenfor er regnet ut fra de nøyaktige satsene.',
    'calc.base.full': 'Du var skrevet inn i programmet hele måneden, så utgangspunktet er månedsbeløpet M: {base}.',
    'calc.base.prorated':
      '{proration, select, P3 {Du var med i programmet {enrolled} av {daysInMonth} dager denne måneden. Utgangspunktet er M × {enrolled} ÷ {daysInMonth}: {base}.} other {Du var med i programmet {enrolled} av {daysInMonth} dager denne måneden. Utgangspunktet er {enrolled} × D, men aldri mer enn M: {base}.}}',
    'calc.unit':
      '{unit, select, DAILY {Fravær trekkes per dag: D × minutter borte ÷ planlagte minutter den dagen.} other {Fravær trekkes per time: minutter borte × H ÷ 60.}}',
    'calc.line.UNEXCUSED_ABSENCE': '{date}: {duration} borte. Trekk fordi {reason}: {amount}.',
    'calc.line.WITHHELD_PENDING': '{date}: {duration} holdt tilbake til dokumentasjonen er godkjent (foreløpig): {amount}.',
    'calc.line.UNPAID_LEAVE': '{date}: permisjon uten stønad, {share, select, day {én dagsats (D)} none {ingenting igjen av beløpet for måneden} other {det som er igjen av beløpet for måneden}}: {amount}.',
    'calc.line.CORRECTION': '{date}: rettelse for en tidligere måned: {amount}.',
    'calc.rounding': 'Hver linje er avrundet for seg til hele øre: et halvt øre eller mer rundes opp.',
    'calc.noLines': 'Det er ingen trekk.',
    'calc.sum': 'Utbetaling: utgangspunkt {base} − trekk {deductions} = {payout}.',
    'calc.floored': 'Trekket ({deductions}) er større enn utgangspunktet ({base}). En utbetaling kan ikke bli lavere enn null, så den er {payout}.',

    // 4. Regler
    'rules.item': '{rule} Kilde: {source}.',
    'rules.noDeductions': 'Ingen fraværsregler har gitt trekk denne måneden.',
    'rule.RATES': 'Stønaden er {multiple} G i året, ganget med andelen din f, og blir utbetalt hver måned.',
    'rule.PRORATION':
      '{proration, select, P3 {Når du er med i programmet bare en del av måneden, får du den delen av månedsbeløpet som svarer til kalenderdagene du er med.} other {Når du er med i programmet bare en del av måneden, får du dagsatsen (D) for hver kalenderdag du er med, men aldri mer enn månedsbeløpet.}}',
    'rule.NO_REASON_GIVEN':
      'Fravær uten gyldig grunn gir trekk i stønaden for tiden du var borte. Tid du ikke var til stede og ikke har oppgitt grunn for, regnes som slikt fravær.',
    'rule.REJECTED': 'Fravær som ikke er godkjent, regnes som fravær uten gyldig grunn og gir trekk.',
    'rule.NO_DOCUMENTATION': 'Fravær på grunn av sykdom må dokumenteres med egenmelding eller legeerklæring. Ellers gir det trekk.',
    'rule.SELF_CERT_BEFORE_8_WEEKS': 'Du kan bruke egenmelding først når du har vært {weeks} uker i programmet. Før det trenger du legeerklæring.',
    'rule.SELF_CERT_EPISODE_OVER_3_DAYS':
      'Én egenmelding gjelder for høyst {episodeDays} dager. Blir du syk igjen innen {relapseDays} dager, regnes det som samme fravær. For flere dager trenger du legeerklæring.',
    'rule.SELF_CERT_QUOTA_EXHAUSTED': 'Du kan bruke egenmelding høyst {selfCertQuota} ganger på 12 måneder. Etter det trenger du legeerklæring.',
    'rule.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE':
      'Når barnet ditt er sykt, kan du være hjemme på egen melding de første {ownReportDays} dagene på rad. Fra dag {doctorNoteFromDay} trenger du legeerklæring.',
    'rule.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'Du kan være borte inntil {childQuota} dager på 12 måneder fordi barnet ditt er sykt. Dager ut over det gir trekk.',
    'rule.LEAVE_CAP_EXCEEDED':
      'Permisjon (for eksempel velferdspermisjon, ferie eller permisjon ved fødsel) gir ikke trekk opp til et fast antall dager. Dager ut over det gir trekk.',
    'rule.DOCUMENT_DEADLINE_PASSED':
      'Dokumentasjon for fravær må være godkjent innen {deadlineDays} dager. Etter fristen regnes fraværet som fravær uten gyldig grunn.',
    'rule.DOCUMENT_PENDING':
      'Mens dokumentasjon venter på godkjenning, holder kommunen tilbake beløpet for den tiden. Du får det utbetalt hvis dokumentasjonen blir godkjent innen fristen.',
    'rule.UNPAID_LEAVE':
      'Når rådgiveren din har innvilget permisjon uten stønad, får du ikke stønad for de dagene: én dagsats (D) trekkes for hver kalenderdag med permisjon, men aldri mer enn beløpet for måneden. Har du permisjon alle dagene du er med i programmet den måneden, trekkes hele beløpet, og ingenting blir utbetalt.',
    'source.IL-20': 'integreringsloven § 20',
    'source.IL-21': 'integreringsloven § 21',
    'source.IF-SELF-CERT': 'integreringsforskriften og IMDis veiledning om egenmelding',
    'source.IF-CHILD-ILLNESS': 'integreringsforskriften og IMDis veiledning om barns sykdom',
    'source.IF-LEAVE': 'integreringsforskriften om permisjon',
    'source.POLICY-PENDING': 'kommunens retningslinjer om dokumentasjon og frister',
    'source.IL-UNPAID-LEAVE': 'integreringsloven og rådgiverens vedtak om permisjon uten stønad',
    'source.POLICY-PRORATION': 'kommunens retningslinjer for deler av en måned',

    // 5. Dette kan endre beløpet
    'hint.DOCUMENT_WOULD_PAY_BACK':
      '{documentation, select, SELF_CERTIFICATION {Egenmeldingen} DOCTOR_NOTE {Legeerklæringen} other {Fraværsmeldingen}} din for {dates} er ikke godkjent ennå. Blir den godkjent innen {deadline}, får du {amount}. Pengene kommer neste gang du får stønad.',
    'hint.PENDING_PAID_PROVISIONALLY':
      '{documentation, select, SELF_CERTIFICATION {Egenmeldingen} DOCTOR_NOTE {Legeerklæringen} other {Fraværsmeldingen}} din for {dates} er ikke godkjent ennå. Dagene er betalt nå. Blir den ikke godkjent innen {deadline}, blir måneden regnet på nytt. Da blir beløpet {amount} lavere. En rådgiver avgjør hva som skjer da. Ingenting blir trukket av seg selv.',
    'hint.DOCTOR_NOTE_WOULD_PAY':
      '{category, select, CHILD_ILLNESS {Med legeerklæring for barnet for {dates} får du {amount}.} other {Med legeerklæring for {dates} får du {amount}.}}',
    'hint.G_NOT_YET_REGULATED':
      'Nytt grunnbeløp (G) er ikke bestemt ennå. Derfor er måneden regnet med G fra {from}. Når nytt G er bestemt, blir måneden regnet på nytt. Du får en eventuell forskjell da.',
    'hint.noReason': 'Noe av fraværet ditt har ingen meldt grunn. Hadde du en god grunn? Si fra til rådgiveren din.',
    'hint.none': 'Ingenting venter som kan endre beløpet.',
    'counter.selfCert': 'Egenmeldinger brukt det siste året: {used} av {quota}.',
    'counter.childIllness': 'Dager med sykt barn brukt det siste året: {used} av {quota}.',

    // 6. Hvem og hvordan
    'who.computed': 'Beløpet er regnet ut automatisk av et dataprogram. Det bruker oppmøtet ditt, fraværsmeldingene dine og reglene ovenfor.',
    'who.awaiting': 'To forskjellige personer i lønningsavdelingen må godkjenne det før det blir utbetalt.',
    'who.approved':
      'Det ble godkjent av {role, select, payroll {lønningsavdelingen (to forskjellige personer)} adviser {en programrådgiver} admin {kommunens administrator} other {{role}}} {date}.',
    'who.resolved':
      '{kind, select, ADJUSTMENT {Beløpet som utbetales, ble endret av {who} {date}.} other {Enkeltvedtaket ble fattet av {who} {date}.}}',
    'review.AUTOMATIC':
      '{unpaidLeave, select, yes {Kontroll: automatisk. Det er ikke trekk for fravær, så ingen trengte å kontrollere det manuelt. Permisjonen uten stønad har rådgiveren din bestemt tidligere.} other {Kontroll: automatisk. Det er ikke trekk for fravær, så ingen trengte å kontrollere det manuelt.}}',
    'review.REVIEW':
      '{cause, select, correction {Kontroll: rettelsen gjør beløpet lavere. Ingenting blir trukket av seg selv. Rettelsen kommer på listen rådgiveren din har over vedtak som skal ses gjennom.} other {Kontroll: det er trekk eller tilbakeholdt beløp for fravær ({unexcused}). Derfor kommer vedtaket på listen rådgiveren din har over vedtak som skal ses gjennom. Utbetalingen venter ikke på det.}}',
    'review.VEDTAK_REQUIRED':
      'Kontroll: enkeltvedtak kreves. Trekket ({unexcused}) er minst halvparten av beløpet som kan utbetales ({payable}), og minst en tolvdel av G ({g}). Derfor må en rådgiver fatte et enkeltvedtak {paid, select, yes {før noe blir utbetalt} other {før trekket gjelder}}. Du får forhåndsvarsel først og kan si din mening.',

    // 7. Dine rettigheter
    'rights.access': 'Du har rett til å se dokumentene i saken din.',
    'rights.heard': 'Før kommunen gjør et vedtak som går imot deg, har du rett til å si hva du mener.',
    'rights.manual': 'Beløpet er regnet ut automatisk. Du kan be om at en person går gjennom det.',
    'rights.complain':
      'Du kan klage innen 3 uker etter at du fikk dette vedtaket. Hvis kommunen ikke endrer vedtaket, sender den klagen videre til Statsforvalteren. Statsforvalteren avgjør da saken.',
    'rights.sendTo': 'Send klagen til kommunen: {address}.',
    'rights.sendTo.unknown': 'Send klagen til kommunen. Rådgiveren din kan gi deg adressen.',
    'rights.suspend': 'Du kan be om at vedtaket ikke blir gjennomført før klagen er avgjort.',
    'rights.contact': 'Har du spørsmål, eller vil du klage? Kontakt {contact}.',
    'rights.defaultContact': 'programrådgiveren din',
    'rights.adviserContact': 'programrådgiveren din, {name}',

    // 8. Detaljer
    'details.versions': 'Regelsett: {ruleset}. Kommunens retningslinjer: {policy}. Tekstversjon: {template}.',
    'details.replaces': 'Dette vedtaket erstatter vedtak {decisionId}.',
    'details.backPayment': 'Etterbetalingen for {month} er vedtak {decisionId}, som erstatter {supersedes}.',
    'details.law.vedtak': 'Enkeltvedtak og forhåndsvarsel: integreringsloven § 21 og forvaltningsloven § 16.',
    'details.law.rights':
      'Rettighetene dine: innsyn (forvaltningsloven § 18), å uttale deg (forvaltningsloven §§ 16–17), behandling av en person (personvernforordningen artikkel 22), klage (forvaltningsloven §§ 28, 29 og 33), utsatt iverksetting (forvaltningsloven § 42).',
    'details.law.explanation': 'Denne begrunnelsen: forvaltningsloven §§ 24–25 og personvernforordningen artikkel 13 nr. 2 bokstav f, artikkel 15 nr. 1 bokstav h og artikkel 22 nr. 3.',

    // Rettinger og klager (issue 12): egen blokk, nye nøkler
    'rightsCase.request':
      '{step, select, OPEN {Du ba om retting {filed}. Rådgiveren din har ikke svart ennå.} ACCEPTED_PENDING {Du ba om retting {filed}. Rådgiveren din godtok den {answered}. Neste beregning tar med rettingen, og du får et nytt vedtak for måneden.} ACCEPTED_INCLUDED {Du ba om retting {filed}. Rådgiveren din godtok den {answered}, og dette vedtaket tar med rettingen.} other {Du ba om retting {filed}. Rådgiveren din sa nei {answered}. Begrunnelsen står under «Rettinger og klager».}}',
    'rightsCase.complaint':
      '{step, select, RECEIVED {Kommunen fikk klagen din {filed}{late, select, yes { (etter klagefristen, men den blir behandlet)} other {}}. Den er ikke vurdert ennå.} UPHELD_PENDING {Kommunen fikk klagen din {filed} og ga deg medhold {answered}. Neste beregning tar med endringen, og du får et nytt vedtak for måneden.} UPHELD_INCLUDED {Kommunen fikk klagen din {filed} og ga deg medhold {answered}. Dette vedtaket tar med endringen.} FORWARDED {Kommunen fikk klagen din {filed}. Kommunen endret ikke vedtaket og sendte klagen til Statsforvalteren {answered}.} other {Kommunen fikk klagen din {filed}. Statsforvalteren har avgjort den: {outcome, select, CONFIRMED {vedtaket står} CHANGED {vedtaket er endret} QUASHED {vedtaket er opphevet, og kommunen avgjør saken på nytt} DISMISSED {klagen er avvist} other {se svaret}}.}}',

    // Formater
    'format.duration': '{hours, plural, =0 {{minutes} min} other {{minutes, plural, =0 {{hours} t} other {{hours} t {minutes} min}}}}',
    'format.daysOfMonth': '{days} {month}',
  },
};
