/**
 * English messages (ICU MessageFormat). The reference catalogue: its keys are
 * the message ids every other language must have (catalog.ts).
 *
 * Arguments are formatted before they get here (amounts, dates, durations:
 * format.ts), so messages only place them; numbers passed raw are counts for
 * plural and simple placement. Apostrophes are typographic (’): a straight one
 * is ICU's quote character.
 *
 * Plain language (issue 11): the summary and the hints say what happened and
 * what the reader can do in short sentences, with no codes, versions or
 * legal references; those are in the details layer.
 */
import type { LanguagePack } from './catalog.js';

export const enMessages = {
  // Layer titles
  'summary.title': 'In short',
  'calendar.title': 'Calendar for {month}',
  'calculation.title': 'How the amount was calculated',
  'rules.title': 'The rules that were used',
  'hints.title': 'What could change the amount',
  'who.title': 'Who decided, and how',
  'rights.title': 'Your rights',
  'details.title': 'Details: versions and legal basis',

  // A translation no qualified translator has checked says so first.
  'notice.unchecked': 'This English text has not been checked by a qualified translator. The Norwegian text is the one that applies.',

  // 1. Summary
  'summary.amount': 'You get {payout} for {month}.',
  'summary.computedAmount': 'By the rules, your benefit for {month} is {payout}.',
  'summary.full': 'This is the full amount for a month. Nothing was taken off.',
  'summary.fullAmount': 'A whole month gives {full}.',
  'summary.prorated': 'You were in the programme {enrolled} of {daysInMonth} days this month. You get the benefit for those days only.',
  'summary.group':
    '{kind, select, withheld {{amount} is held back for {dates}.} other {{amount} was taken off for {dates}.}} {why}',
  'summary.dates': '{more, plural, =0 {{dates}} one {{dates}, and # more day} other {{dates}, and # more days}}',
  'summary.why.NO_REASON_GIVEN': 'No reason was given for why you were away.',
  'summary.why.REJECTED': 'The answer to your absence report was no.',
  'summary.why.NO_DOCUMENTATION': 'Illness needs a self-certification or a doctor’s note, and there is none.',
  'summary.why.SELF_CERT_BEFORE_8_WEEKS': 'In your first {weeks} weeks in the programme you cannot use self-certification. A doctor’s note is needed.',
  'summary.why.SELF_CERT_EPISODE_OVER_3_DAYS': 'A self-certification covers {episodeDays} days at most. More days need a doctor’s note.',
  'summary.why.SELF_CERT_QUOTA_EXHAUSTED': 'You have used all {selfCertQuota} self-certifications for the last 12 months. A doctor’s note is needed.',
  'summary.why.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'From day {doctorNoteFromDay} of a child’s illness, a doctor’s note is needed, and there is none.',
  'summary.why.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'You have used all {childQuota} days for a sick child for the last 12 months.',
  'summary.why.LEAVE_CAP_EXCEEDED': 'You had more days of leave than you have a right to.',
  'summary.why.DOCUMENT_DEADLINE_PASSED': 'What you handed in was not approved in time. The deadline is {deadlineDays} days.',
  'summary.why.DOCUMENT_PENDING': 'What you handed in for these days has not been approved yet.',
  'summary.why.UNPAID_LEAVE':
    '{whole, select, yes {You were on unpaid leave every day you were in the programme. So you get no benefit this month.} other {You were on unpaid leave. Those days give no benefit.}}',
  'summary.correction': 'Corrections of earlier months add up to {amount}.',
  'summary.floored': 'The deductions add up to {deductions}. That is more than the amount for the month, {base}. So you get nothing, but you owe nothing.',
  'summary.do.DOCUMENT_WOULD_PAY_BACK':
    'If the {documentation, select, SELF_CERTIFICATION {self-certification} DOCTOR_NOTE {doctor’s note} other {absence report}} is approved by {deadline}, you get {amount} with your next payment.',
  'summary.do.PENDING_PAID_PROVISIONALLY':
    'You have been paid for {dates}, but the {documentation, select, SELF_CERTIFICATION {self-certification} DOCTOR_NOTE {doctor’s note} other {absence report}} is not approved yet. If it is not approved by {deadline}, you can get {amount} less.',
  'summary.do.DOCTOR_NOTE_WOULD_PAY': 'If you hand in a doctor’s note for {dates}, you get {amount}.',
  'summary.do.noReason': 'Did you have a good reason to be away? Tell your adviser.',
  'summary.gProvisional': 'The amount is provisional, because the new G has not been set yet. If the new G is higher, you get the difference later.',
  'summary.vedtak':
    '{paid, select, yes {An adviser must make a decision before this is paid.} other {An adviser must make a decision about the deduction.}} You will get a letter first, and you can say what you think.',
  'summary.adjusted': '{who} changed the amount to {amount}. The reason given: “{reason}”',
  'summary.formal': '{who} made a formal decision, reference {reference}. You were told in advance on {notice}. The calculated amount is paid.',
  'summary.correction.made':
    'This is a new calculation for the month, because {reason, select, DOCUMENT_ARRIVED {a document was approved} CHECKIN_CORRECTED {a check-in or check-out was corrected} NEW_G {the new G was set} other {information in your case changed}}.',
  'summary.backPayment':
    'With this payout you also get {amount} for {month}, because {reason, select, DOCUMENT_ARRIVED {a document was approved} CHECKIN_CORRECTED {a check-in or check-out was corrected} NEW_G {the new G was set} other {information in your case changed}}.',
  'summary.paid': 'You are paid {amount} with the payout for {month}.',

  // Corrections (summary and calculation)
  'correction.replaces':
    'This calculation replaces an earlier one, because {reason, select, DOCUMENT_ARRIVED {a document was approved} CHECKIN_CORRECTED {a check-in or check-out was corrected} NEW_G {the new G was set} other {information in your case changed}}.',
  'correction.day':
    '{date}: {before} → {after} ({reason, select, DOCUMENT_ARRIVED {document approved} CHECKIN_CORRECTED {check-in corrected} NEW_G {new G} other {information changed}}).',
  'correction.base':
    'Amount before deductions: {before} → {after} ({reason, select, DOCUMENT_ARRIVED {document approved} CHECKIN_CORRECTED {check-in corrected} NEW_G {new G} other {information changed}}).',
  'correction.total':
    '{route, select, backPayment {In total you get {amount} more. It will be paid as a back-payment with your next payout.} adviser {In total the amount is {amount} lower. Nothing is set off automatically: an adviser will decide what happens, and you will be told before anything is decided.} other {In total the amount does not change.}}',
  'correction.amounts': 'Calculated amount for the month: {before} → {after}.',
  'correction.paid':
    '{route, select, backPayment {You had been paid {paid} for this month. You get {amount} more, paid as a back-payment with the payout for {month}.} adviser {You had been paid {paid} for this month, {amount} more than the new amount. Nothing is set off automatically: an adviser will decide what happens, and you will be told before anything is decided.} other {You had been paid {paid} for this month, which is what the new amount gives. Nothing more is paid, and nothing is taken back.}}',
  'correction.unpaid':
    'The earlier calculation had not been paid. This one replaces it. {direction, select, more {The amount is {amount} higher.} less {The amount is {amount} lower.} other {The amount is the same.}}',
  'correction.nextPayout': 'your next payout',

  // From the calculated amount to the amount paid (calculation)
  'pay.title': 'From the calculated amount to the amount paid:',
  'pay.computed': 'Calculated amount: {amount}.',
  'pay.adjusted': '{who} changed the amount to {amount} on {date}. Reason: “{reason}”',
  'pay.formal':
    '{who} made a formal decision (enkeltvedtak) on {date}, reference {reference}, after advance notice (forhåndsvarsel) sent on {notice}. The calculated amount stands.',
  'pay.paidBefore': 'Already paid for this month: {amount}.',
  'pay.correctionResult':
    '{route, select, backPayment {Paid as a back-payment with the payout for {month}: {amount}.} adviser {Paid beyond the new amount: {amount}. An adviser decides what happens; nothing is set off automatically.} other {Nothing more is paid, and nothing is taken back.}}',
  'pay.backPayment':
    'Back-payment for {month}: {amount}, because {reason, select, DOCUMENT_ARRIVED {a document was approved} CHECKIN_CORRECTED {a check-in or check-out was corrected} NEW_G {the new G was set} other {information in your case changed}}.',
  'pay.backPaymentDay': '  – {date}: {before} → {after}.',
  'pay.backPaymentBase': '  – amount before deductions: {before} → {after}.',
  'pay.total':
    '{withEarlier, select, yes {Paid with the payout for {month}: {due} + back-payments {earlier} = {total}.} other {Paid with the payout for {month}: {total}.}}',
  'role.subject': '{role, select, adviser {A programme adviser} payroll {Payroll staff} admin {The municipality’s administrator} other {{role}}}',
  'role.object': '{role, select, adviser {a programme adviser} payroll {payroll staff} admin {the municipality’s administrator} other {{role}}}',

  // 2. Calendar: one line per programme day, one indented line per part of an absence
  'calendar.PRESENT': '{date}: present all day ({planned}).',
  'calendar.EXCUSED': '{date}: {away, select, yes {away all day ({planned})} other {present {present} of {planned}}}. The absence does not reduce the benefit.',
  'calendar.UNEXCUSED': '{date}: {away, select, yes {away all day ({planned})} other {present {present} of {planned}}}. The absence reduces the benefit.',
  'calendar.WITHHELD': '{date}: {away, select, yes {away all day ({planned})} other {present {present} of {planned}}}. Part of the benefit is held back.',
  'calendar.UNPAID_LEAVE': '{date}: unpaid leave. No benefit for this day.',
  'calendar.NOT_ENROLLED': '{date}: not in the programme. No benefit for this day.',
  'calendar.none': 'No programme days are listed for this month.',
  'segment.EXCUSED': '  – {duration}: {what}. Does not reduce the benefit.',
  'segment.PAID_PROVISIONALLY': '  – {duration}: {what}. Paid for now, because the document has not been approved yet.',
  'segment.UNEXCUSED': '  – {duration}: {what}. Reduces the benefit, because {reason}.',
  'segment.WITHHELD': '  – {duration}: {what}. Held back until the document is approved.',
  'segment.noReason': '  – {duration}: no reason given. Reduces the benefit.',
  'absence.described': '{documentation, select, NONE {{category}} other {{category}, {doc}}}',
  'category.OWN_ILLNESS': 'own illness',
  'category.CHILD_ILLNESS': 'child’s illness',
  'category.WELFARE_LEAVE': 'welfare leave',
  'category.VACATION': 'holiday',
  'category.PREGNANCY': 'leave during pregnancy',
  'category.BIRTH_MOTHER': 'leave after giving birth',
  'category.BIRTH_FATHER': 'leave when your child is born (father or co-mother)',
  'category.UNPAID_LEAVE': 'unpaid leave',
  'documentation.SELF_CERTIFICATION': 'self-certified',
  'documentation.DOCTOR_NOTE': 'doctor’s note',
  'documentation.NONE': 'no documentation',
  'warning.ABSENCE_MINUTES_EXCEED_MISSING':
    '{date}: the absence report covered more time than you were away. {duration} of it was not needed and was not used.',
  'warning.ABSENCE_IGNORED_NO_MISSING_MINUTES': '{date}: you were present all day, so the absence report for this day was not used.',
  'warning.ABSENCE_IGNORED_NOT_PROGRAMME_DAY': '{date}: this is not a programme day, so the absence report was not used.',
  'warning.ABSENCE_IGNORED_NOT_ENROLLED': '{date}: you were not in the programme that day, so the absence report was not used.',
  'warning.ABSENCE_IGNORED_UNPAID_LEAVE': '{date}: you were on unpaid leave, so the absence report was not used.',
  'warning.ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY':
    '{date}: unpaid leave is decided by your adviser, not by an absence report, so this report was not used.',

  // Reasons in plain words (calendar and calculation)
  'reason.NO_REASON_GIVEN': 'no reason was given',
  'reason.REJECTED': 'the absence was not approved',
  'reason.NO_DOCUMENTATION': 'illness needs a self-certification or a doctor’s note',
  'reason.SELF_CERT_BEFORE_8_WEEKS': 'self-certification can only be used after {weeks} weeks in the programme',
  'reason.SELF_CERT_EPISODE_OVER_3_DAYS': 'one self-certification covers at most {episodeDays} days',
  'reason.SELF_CERT_QUOTA_EXHAUSTED': 'all {selfCertQuota} self-certifications for the last 12 months have been used',
  'reason.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'from day {doctorNoteFromDay} in a row, a child’s illness needs a doctor’s note',
  'reason.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'all {childQuota} days for a sick child for the last 12 months have been used',
  'reason.LEAVE_CAP_EXCEEDED': 'there were more days of this kind of leave than allowed',
  'reason.DOCUMENT_DEADLINE_PASSED': 'the document was not approved within the deadline of {deadlineDays} days',
  'reason.DOCUMENT_PENDING': 'the document has not been approved yet',
  'reason.UNPAID_LEAVE': 'unpaid leave',

  // 3. Calculation
  'calc.g': 'The national insurance base amount (G) is {g}, in force from {from}.',
  'calc.gProvisional': 'The G for this month has not been set yet, so the latest known G is used. The amount is provisional until the new G is set.',
  'calc.age': 'Your age on {first}: {age} years.',
  'calc.factor.age':
    '{under25, select, yes {{regime, select, introduksjonsloven {You were under {limit} and started the programme under the earlier Introduction Act (before 2021), so you get {fraction} of the full rate.} other {{withParent, select, yes {You were under {limit} and live with at least one of your parents, so you get {fraction} of the full rate.} other {You were under {limit} and do not live with your parents, so you get {fraction} of the full rate.}}}}} other {You were {limit} or older, so you get the full rate.}}',
  'calc.factor.couple':
    '{couple, select, yes {The couple reduction applies (you and your spouse or partner are both in the programme and have no children): {fraction}.} other {The couple reduction does not apply.}}',
  'calc.factor': '{factor, select, 1 {In total you get the full rate.} other {In total you get {factor} of the full rate.}} The calculation calls this share f, and it is {factor}.',
  'calc.annual': 'Yearly amount A = {multiple} × G × f = {annual}.',
  'calc.monthly': 'Monthly amount M = A ÷ {months} = {monthly}.',
  'calc.daily': 'Daily rate D = M ÷ {daysPerMonth} = {daily}.',
  'calc.hourly': 'Hourly rate H = A ÷ {hoursPerYear} = {hourly}.',
  'calc.ratesRounded': 'The rates are shown rounded to whole øre. Every amount below is calculated from the exact rates.',
  'calc.base.full': 'You were enrolled in the programme for the whole month, so the starting amount is the monthly amount M: {base}.',
  'calc.base.prorated':
    '{proration, select, P3 {You were in the programme {enrolled} of {daysInMonth} days this month. The starting amount is M × {enrolled} ÷ {daysInMonth}: {base}.} other {You were in the programme {enrolled} of {daysInMonth} days this month. The starting amount is {enrolled} × D, but never more than M: {base}.}}',
  'calc.unit':
    '{unit, select, DAILY {Absence is deducted by the day: D × minutes away ÷ planned minutes that day.} other {Absence is deducted by the hour: minutes away × H ÷ 60.}}',
  'calc.line.UNEXCUSED_ABSENCE': '{date}: {duration} away. Deducted because {reason}: {amount}.',
  'calc.line.WITHHELD_PENDING': '{date}: {duration} held back until the document is approved (provisional): {amount}.',
  'calc.line.UNPAID_LEAVE': '{date}: unpaid leave, {share, select, day {one daily rate (D)} none {nothing is left of the amount for the month} other {what is left of the amount for the month}}: {amount}.',
  'calc.line.CORRECTION': '{date}: correction of an earlier month: {amount}.',
  'calc.rounding': 'Each line is rounded on its own to whole øre: half an øre or more is rounded up.',
  'calc.noLines': 'There are no deductions.',
  'calc.sum': 'Payout: starting amount {base} − deductions {deductions} = {payout}.',
  'calc.floored': 'The deductions ({deductions}) are larger than the starting amount ({base}). A payout cannot be less than zero, so it is {payout}.',

  // 4. Rules
  'rules.item': '{rule} Source: {source}.',
  'rules.noDeductions': 'No absence rule reduced the amount this month.',
  'rule.RATES': 'The benefit is {multiple} × G a year, times your share f, and is paid monthly.',
  'rule.PRORATION':
    '{proration, select, P3 {When you are in the programme for only part of a month, you get the share of the monthly amount that matches the calendar days you are in it.} other {When you are in the programme for only part of a month, you get the daily rate (D) for each calendar day you are in it, but never more than the monthly amount.}}',
  'rule.NO_REASON_GIVEN':
    'Absence without a valid reason reduces the benefit for the time you were away. Time you were not present and have given no reason for counts as such absence.',
  'rule.REJECTED': 'Absence that was not approved counts as absence without a valid reason and reduces the benefit.',
  'rule.NO_DOCUMENTATION': 'Absence because of illness must be documented with a self-certification or a doctor’s note. Otherwise it reduces the benefit.',
  'rule.SELF_CERT_BEFORE_8_WEEKS': 'You can use self-certification only after {weeks} weeks in the programme. Before that, you need a doctor’s note.',
  'rule.SELF_CERT_EPISODE_OVER_3_DAYS':
    'One self-certification covers at most {episodeDays} days. If you are ill again within {relapseDays} days, it counts as the same time. For more days you need a doctor’s note.',
  'rule.SELF_CERT_QUOTA_EXHAUSTED': 'You can use self-certification at most {selfCertQuota} times in 12 months. After that, you need a doctor’s note.',
  'rule.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE':
    'When your child is ill, you can stay at home on your own report for the first {ownReportDays} days in a row. From day {doctorNoteFromDay} you need a doctor’s note.',
  'rule.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'You can be away for up to {childQuota} days in 12 months because your child is ill. Days beyond that reduce the benefit.',
  'rule.LEAVE_CAP_EXCEEDED':
    'Leave (such as welfare leave, holiday or leave when a child is born) does not reduce the benefit up to a set number of days. Days beyond that reduce the benefit.',
  'rule.DOCUMENT_DEADLINE_PASSED':
    'A document for an absence must be approved within {deadlineDays} days. After the deadline, the absence counts as absence without a valid reason.',
  'rule.DOCUMENT_PENDING':
    'While a document is waiting for approval, the municipality holds back the amount for that time. It is paid to you if the document is approved by the deadline.',
  'rule.UNPAID_LEAVE':
    'When your adviser has granted unpaid leave, no benefit is paid for those days: one daily rate (D) is deducted for each calendar day of leave, but never more than the amount for the month. If you are on leave every day you are in the programme that month, the whole amount is deducted and nothing is paid.',
  'source.IL-20': 'integreringsloven (the Integration Act) § 20',
  'source.IL-21': 'integreringsloven (the Integration Act) § 21',
  'source.IF-SELF-CERT': 'integreringsforskriften (the Integration Regulation) and IMDi’s guidance on self-certification',
  'source.IF-CHILD-ILLNESS': 'integreringsforskriften (the Integration Regulation) and IMDi’s guidance on a child’s illness',
  'source.IF-LEAVE': 'integreringsforskriften (the Integration Regulation), on leave',
  'source.POLICY-PENDING': 'municipal policy on documents and deadlines',
  'source.IL-UNPAID-LEAVE': 'integreringsloven (the Integration Act) and your adviser’s decision on unpaid leave',
  'source.POLICY-PRORATION': 'municipal policy on part months',

  // 5. What would change it
  'hint.DOCUMENT_WOULD_PAY_BACK':
    'Your {documentation, select, SELF_CERTIFICATION {self-certification} DOCTOR_NOTE {doctor’s note} other {absence report}} for {dates} has not been approved yet. If it is approved by {deadline}, you get {amount}. The money comes with your next payment.',
  'hint.PENDING_PAID_PROVISIONALLY':
    'Your {documentation, select, SELF_CERTIFICATION {self-certification} DOCTOR_NOTE {doctor’s note} other {absence report}} for {dates} has not been approved yet. These days are paid for now. If it is not approved by {deadline}, the month is calculated again. Then the amount is {amount} lower. An adviser will decide what happens then. Nothing is taken back by itself.',
  'hint.DOCTOR_NOTE_WOULD_PAY':
    '{category, select, CHILD_ILLNESS {If you hand in a doctor’s note for your child for {dates}, you get {amount}.} other {If you hand in a doctor’s note for {dates}, you get {amount}.}}',
  'hint.G_NOT_YET_REGULATED':
    'The new G has not been set yet. So this month uses the G from {from}. When the new G is set, the month is calculated again. You get any difference then.',
  'hint.noReason': 'Some of your absence has no reason given. Did you have a good reason? Tell your adviser.',
  'hint.none': 'Nothing is waiting that would change this amount.',
  'counter.selfCert': 'Self-certifications used in the last year: {used} of {quota}.',
  'counter.childIllness': 'Days for a sick child used in the last year: {used} of {quota}.',

  // 6. Who and how
  'who.computed': 'The amount was calculated automatically by a computer program. It uses your attendance, your absence reports and the rules above.',
  'who.awaiting': 'Two different people in payroll must approve it before it is paid.',
  'who.approved':
    'It was approved by {role, select, payroll {payroll staff (two different people)} adviser {a programme adviser} admin {the municipality’s administrator} other {{role}}} on {date}.',
  'who.resolved':
    '{kind, select, ADJUSTMENT {The amount paid was changed by {who} on {date}.} other {The formal decision (enkeltvedtak) was made by {who} on {date}.}}',
  'review.AUTOMATIC':
    '{unpaidLeave, select, yes {Check: automatic. There is no deduction for absence, so no one needed to check it by hand. Your adviser decided the unpaid leave earlier.} other {Check: automatic. There is no deduction for absence, so no one needed to check it by hand.}}',
  'review.REVIEW':
    '{cause, select, correction {Check: this correction lowers the amount. Nothing is taken back by itself. The correction is put on your adviser’s list of decisions to look at.} other {Check: there is a deduction or a held-back amount for absence ({unexcused}). So this decision is put on your adviser’s list of decisions to look at. The payout does not wait for it.}}',
  'review.VEDTAK_REQUIRED':
    'Check: a formal decision is needed. The deductions ({unexcused}) are at least half of the amount that could be paid ({payable}), and at least one twelfth of G ({g}). So an adviser must make a formal decision (enkeltvedtak) {paid, select, yes {before anything is paid} other {before the deduction applies}}. You will get advance notice (forhåndsvarsel) first, and you can give your view.',

  // 7. Your rights
  'rights.access': 'You have the right to see the documents in your case.',
  'rights.heard': 'Before a decision that goes against you is made, you have the right to say what you think.',
  'rights.manual': 'This amount was calculated automatically. You can ask for a person to check it.',
  'rights.complain':
    'You can complain (klage) within 3 weeks after you got this decision. If the municipality does not change the decision, it sends your complaint to Statsforvalteren (the county governor). Statsforvalteren then decides.',
  'rights.sendTo': 'Send the complaint to the municipality: {address}.',
  'rights.sendTo.unknown': 'Send the complaint to the municipality. Your adviser can give you the address.',
  'rights.suspend': 'You can ask for the decision not to be carried out until your complaint is decided.',
  'rights.contact': 'Questions, or want to complain? Contact {contact}.',
  'rights.defaultContact': 'your programme adviser',
  'rights.adviserContact': 'your programme adviser, {name}',

  // 8. Details
  'details.versions': 'Rule set: {ruleset}. Municipal policy: {policy}. Text version: {template}.',
  'details.replaces': 'This decision replaces decision {decisionId}.',
  'details.backPayment': 'The back-payment for {month} is decision {decisionId}, which replaces {supersedes}.',
  'details.law.vedtak': 'Formal decision and advance notice: integreringsloven § 21 and forvaltningsloven § 16.',
  'details.law.rights':
    'Your rights: access (forvaltningsloven § 18), to be heard (forvaltningsloven §§ 16–17), review by a person (GDPR article 22), complaint (forvaltningsloven §§ 28, 29 and 33), suspension (forvaltningsloven § 42).',
  'details.law.explanation': 'This explanation: forvaltningsloven §§ 24–25 and GDPR articles 13(2)(f), 15(1)(h) and 22(3).',

  // Correction requests and complaints (issue 12): a separate block, new keys
  'rightsCase.request':
    '{step, select, OPEN {You asked for a correction on {filed}. Your adviser has not answered yet.} ACCEPTED_PENDING {You asked for a correction on {filed}. Your adviser accepted it on {answered}. The next calculation counts the correction, and you get a new decision for the month.} ACCEPTED_INCLUDED {You asked for a correction on {filed}. Your adviser accepted it on {answered}, and this decision counts the correction.} other {You asked for a correction on {filed}. Your adviser said no on {answered}. The reason is under "Corrections and complaints".}}',
  'rightsCase.complaint':
    '{step, select, RECEIVED {The municipality received your complaint on {filed}{late, select, yes { (after the deadline, but it will be considered)} other {}}. It has not been reassessed yet.} UPHELD_PENDING {The municipality received your complaint on {filed} and agreed with you on {answered}. The next calculation counts the change, and you get a new decision for the month.} UPHELD_INCLUDED {The municipality received your complaint on {filed} and agreed with you on {answered}. This decision counts the change.} FORWARDED {The municipality received your complaint on {filed}. It did not change the decision and sent your complaint to Statsforvalteren on {answered}.} other {The municipality received your complaint on {filed}. Statsforvalteren has decided it: {outcome, select, CONFIRMED {the decision stands} CHANGED {the decision is changed} QUASHED {the decision is set aside, and the municipality decides again} DISMISSED {the complaint is dismissed} other {see the answer}}.}}',

  // Formats: a duration, and several days of one month ("29 and 30 October")
  'format.duration': '{hours, plural, =0 {{minutes} min} other {{minutes, plural, =0 {{hours} h} other {{hours} h {minutes} min}}}}',
  'format.daysOfMonth': '{days} {month}',
};

export const en = {
  lang: 'en',
  locale: 'en-GB',
  numberLocale: 'nb-NO',
  currencyPrefix: 'NOK\u00a0',
  direction: 'ltr',
  // Written by the team from the Norwegian; no qualified translator has checked it.
  translation: { source: false, checkedByQualifiedTranslator: false },
  messages: enMessages,
} satisfies LanguagePack;
