/**
 * العربية (ICU MessageFormat). A translation of nb.ts written by the team; no
 * qualified translator has checked it (`translation` below), so every text
 * opens by saying that the Norwegian text is the one that applies.
 *
 * Right to left: the pack says `rtl`, the page mirrors; amounts are isolated
 * left to right by the formatter, and formulas (A = 2 × G × f) are wrapped in
 * U+2066 … U+2069 here. Counts are given as "label: number" where Arabic
 * number agreement would otherwise need six plural forms. Norwegian terms a
 * participant meets in letters stay in brackets (egenmelding, enkeltvedtak).
 * Dates use Latin digits (locale ar-u-nu-latn), as the amounts do.
 */
import type { LanguagePack } from './catalog.js';

export const ar: LanguagePack = {
  lang: 'ar',
  locale: 'ar-u-nu-latn',
  numberLocale: 'nb-NO',
  currencyPrefix: 'NOK\u00a0',
  direction: 'rtl',
  translation: { source: false, checkedByQualifiedTranslator: false },
  messages: {
    // العناوين
    'summary.title': 'باختصار',
    'calendar.title': 'التقويم: {month}',
    'calculation.title': 'كيف حُسب المبلغ',
    'rules.title': 'القواعد المطبَّقة',
    'hints.title': 'ما الذي قد يغيّر المبلغ',
    'who.title': 'من قرّر، وكيف',
    'rights.title': 'حقوقك',
    'details.title': 'تفاصيل: الإصدارات والأساس القانوني',

    'notice.unchecked': 'لم يراجع هذه الترجمةَ مترجمٌ مؤهَّل. النص النرويجي هو النص المعتمد.',

    // 1. باختصار
    'summary.amount': 'تحصل عن شهر {month} على {payout}.',
    'summary.computedAmount': 'حسب القواعد، منحتك عن شهر {month} هي {payout}.',
    'summary.full': 'هذا هو المبلغ الكامل لشهر. لم يُخصم شيء.',
    'summary.fullAmount': 'المبلغ الكامل لشهر: {full}.',
    'summary.prorated': 'أيامك في البرنامج هذا الشهر: {enrolled} من {daysInMonth}. تحصل على المنحة عن هذه الأيام فقط.',
    'summary.group': '{kind, select, withheld {حُجز مبلغ {amount} عن {dates}.} other {خُصم مبلغ {amount} عن {dates}.}} {why}',
    'summary.dates': '{more, plural, =0 {{dates}} other {{dates}، وأيام أخرى عددها: #}}',
    'summary.why.NO_REASON_GIVEN': 'لم يُبلَّغ عن سبب غيابك.',
    'summary.why.REJECTED': 'لم تُقبل إفادتك عن الغياب.',
    'summary.why.NO_DOCUMENTATION': 'عند المرض يلزم إقرار ذاتي بالمرض (egenmelding) أو تقرير طبي (legeerklæring)، ولم يصلنا أيٌّ منهما.',
    'summary.why.SELF_CERT_BEFORE_8_WEEKS': 'لا يمكنك استخدام الإقرار الذاتي بالمرض في أول أسابيع البرنامج (عددها: {weeks}). يلزم تقرير طبي.',
    'summary.why.SELF_CERT_EPISODE_OVER_3_DAYS': 'الإقرار الذاتي الواحد يغطي أيامًا محدودة (أقصاها: {episodeDays}). للأيام الزائدة يلزم تقرير طبي.',
    'summary.why.SELF_CERT_QUOTA_EXHAUSTED': 'استخدمت كل الإقرارات الذاتية المتاحة في آخر 12 شهرًا (عددها: {selfCertQuota}). يلزم تقرير طبي.',
    'summary.why.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'عند مرض الطفل يلزم تقرير طبي ابتداءً من اليوم رقم {doctorNoteFromDay}، ولم يصلنا.',
    'summary.why.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'استخدمت كل أيام مرض الطفل المتاحة في آخر 12 شهرًا (عددها: {childQuota}).',
    'summary.why.LEAVE_CAP_EXCEEDED': 'أيام إجازتك أكثر مما يحق لك.',
    'summary.why.DOCUMENT_DEADLINE_PASSED': 'ما قدّمته لم يُقبل في الوقت المحدد. المهلة بالأيام: {deadlineDays}.',
    'summary.why.DOCUMENT_PENDING': 'ما قدّمته عن هذه الأيام لم يُقبل بعد.',
    'summary.why.UNPAID_LEAVE':
      '{whole, select, yes {كنت في إجازة بدون منحة كل الأيام التي كنت فيها في البرنامج. لذلك لا تحصل على منحة هذا الشهر.} other {كنت في إجازة بدون منحة. لا تُصرف المنحة عن هذه الأيام.}}',
    'summary.correction': 'تصحيحات الأشهر السابقة مجموعها: {amount}.',
    'summary.floored': 'مجموع الخصومات {deductions}. وهذا أكثر من مبلغ الشهر ({base}). لذلك لا تحصل على شيء، لكنك لا تدين بشيء.',
    'summary.do.DOCUMENT_WOULD_PAY_BACK':
      'إذا قُبل {documentation, select, SELF_CERTIFICATION {الإقرار الذاتي بالمرض} DOCTOR_NOTE {التقرير الطبي} other {إبلاغ الغياب}} قبل {deadline}، تحصل على {amount} مع الدفعة القادمة.',
    'summary.do.PENDING_PAID_PROVISIONALLY':
      'صُرف لك عن {dates}، لكن {documentation, select, SELF_CERTIFICATION {الإقرار الذاتي بالمرض} DOCTOR_NOTE {التقرير الطبي} other {إبلاغ الغياب}} لم يُقبل بعد. إذا لم يُقبل قبل {deadline}، قد ينقص ما تحصل عليه بمبلغ {amount}.',
    'summary.do.DOCTOR_NOTE_WOULD_PAY': 'مع تقرير طبي عن {dates} تحصل على {amount}.',
    'summary.do.noReason': 'هل كان لديك سبب وجيه للغياب؟ أخبر مستشارك.',
    'summary.gProvisional': 'المبلغ مؤقت، لأن المبلغ الأساسي الجديد (G) لم يُحدَّد بعد. إذا ارتفع G، تحصل على الفرق لاحقًا.',
    'summary.vedtak':
      '{paid, select, yes {يجب أن يتخذ مستشار قرارًا قبل صرف المبلغ.} other {يجب أن يتخذ مستشار قرارًا بشأن الخصم.}} ستصلك رسالة أولًا، ويمكنك أن تقول رأيك.',
    'summary.adjusted': '{who}: غُيّر المبلغ إلى {amount}. السبب: «{reason}»',
    'summary.formal': '{who}: صدر قرار برقم القضية {reference}. وصلك إشعار مسبق بتاريخ {notice}. يُصرف المبلغ المحسوب.',
    'summary.correction.made':
      'هذا حساب جديد للشهر، لأن {reason, select, DOCUMENT_ARRIVED {وثيقة قُبلت} CHECKIN_CORRECTED {تسجيل حضور أو انصراف صُحّح} NEW_G {المبلغ الأساسي الجديد (G) حُدّد} other {معلومات في ملفك تغيّرت}}.',
    'summary.backPayment':
      'مع هذه الدفعة تحصل أيضًا على {amount} عن شهر {month}، لأن {reason, select, DOCUMENT_ARRIVED {وثيقة قُبلت} CHECKIN_CORRECTED {تسجيل حضور أو انصراف صُحّح} NEW_G {المبلغ الأساسي الجديد (G) حُدّد} other {معلومات في ملفك تغيّرت}}.',
    'summary.paid': 'يُصرف لك {amount} مع دفعة شهر {month}.',

    // التصحيحات
    'correction.replaces':
      'هذا الحساب يحل محل حساب سابق، لأن {reason, select, DOCUMENT_ARRIVED {وثيقة قُبلت} CHECKIN_CORRECTED {تسجيل حضور أو انصراف صُحّح} NEW_G {المبلغ الأساسي الجديد (G) حُدّد} other {معلومات في ملفك تغيّرت}}.',
    'correction.day':
      '{date}: {before} ← {after} ({reason, select, DOCUMENT_ARRIVED {قُبلت وثيقة} CHECKIN_CORRECTED {صُحّح تسجيل} NEW_G {G جديد} other {تغيّرت معلومات}}).',
    'correction.base':
      'المبلغ قبل الخصم: {before} ← {after} ({reason, select, DOCUMENT_ARRIVED {قُبلت وثيقة} CHECKIN_CORRECTED {صُحّح تسجيل} NEW_G {G جديد} other {تغيّرت معلومات}}).',
    'correction.total':
      '{route, select, backPayment {في المجموع تحصل على {amount} إضافية. تُصرف كدفعة مستحقة مع دفعتك القادمة.} adviser {في المجموع ينقص المبلغ بمقدار {amount}. لا يُخصم شيء تلقائيًا: سيقرر مستشار ما يحدث، وستُبلَّغ قبل أي قرار.} other {في المجموع لا يتغير المبلغ.}}',
    'correction.amounts': 'المبلغ المحسوب للشهر: {before} ← {after}.',
    'correction.paid':
      '{route, select, backPayment {صُرف لك عن هذا الشهر {paid}. تحصل على {amount} إضافية، كدفعة مستحقة مع دفعة شهر {month}.} adviser {صُرف لك عن هذا الشهر {paid}، أي أكثر من المبلغ الجديد بمقدار {amount}. لا يُخصم شيء تلقائيًا: سيقرر مستشار ما يحدث، وستُبلَّغ قبل أي قرار.} other {صُرف لك عن هذا الشهر {paid}، وهذا ما يعطيه المبلغ الجديد. لا يُصرف شيء إضافي، ولا يُسترد شيء.}}',
    'correction.unpaid':
      'الحساب السابق لم يُصرف. هذا الحساب يحل محله. {direction, select, more {المبلغ أعلى بمقدار {amount}.} less {المبلغ أقل بمقدار {amount}.} other {المبلغ نفسه.}}',
    'correction.nextPayout': 'دفعتك القادمة',

    // من المبلغ المحسوب إلى المبلغ المصروف
    'pay.title': 'من المبلغ المحسوب إلى المبلغ المصروف:',
    'pay.computed': 'المبلغ المحسوب: {amount}.',
    'pay.adjusted': '{who}: غُيّر المبلغ إلى {amount} بتاريخ {date}. السبب: «{reason}»',
    'pay.formal':
      '{who}: صدر قرار فردي (enkeltvedtak) بتاريخ {date}، رقمه {reference}، بعد إشعار مسبق (forhåndsvarsel) أُرسل بتاريخ {notice}. يبقى المبلغ المحسوب.',
    'pay.paidBefore': 'ما صُرف عن هذا الشهر من قبل: {amount}.',
    'pay.correctionResult':
      '{route, select, backPayment {يُصرف كدفعة مستحقة مع دفعة شهر {month}: {amount}.} adviser {صُرف أكثر من المبلغ الجديد: {amount}. يقرر مستشار ما يحدث؛ لا يُخصم شيء تلقائيًا.} other {لا يُصرف شيء إضافي، ولا يُسترد شيء.}}',
    'pay.backPayment':
      'دفعة مستحقة عن شهر {month}: {amount}، لأن {reason, select, DOCUMENT_ARRIVED {وثيقة قُبلت} CHECKIN_CORRECTED {تسجيل حضور أو انصراف صُحّح} NEW_G {المبلغ الأساسي الجديد (G) حُدّد} other {معلومات في ملفك تغيّرت}}.',
    'pay.backPaymentDay': '  – {date}: {before} ← {after}.',
    'pay.backPaymentBase': '  – المبلغ قبل الخصم: {before} ← {after}.',
    'pay.total':
      '{withEarlier, select, yes {يُصرف مع دفعة شهر {month}: \u2066{due} + {earlier} = {total}\u2069 (مع الدفعات المستحقة).} other {يُصرف مع دفعة شهر {month}: {total}.}}',
    'role.subject': '{role, select, adviser {مستشار البرنامج} payroll {قسم الرواتب} admin {مسؤول إدارة البلدية} other {{role}}}',
    'role.object': '{role, select, adviser {مستشار البرنامج} payroll {قسم الرواتب} admin {مسؤول إدارة البلدية} other {{role}}}',

    // 2. التقويم
    'calendar.PRESENT': '{date}: حاضر طوال اليوم ({planned}).',
    'calendar.EXCUSED': '{date}: {away, select, yes {غائب طوال اليوم ({planned})} other {حاضر {present} من {planned}}}. الغياب لا ينقص المنحة.',
    'calendar.UNEXCUSED': '{date}: {away, select, yes {غائب طوال اليوم ({planned})} other {حاضر {present} من {planned}}}. الغياب ينقص المنحة.',
    'calendar.WITHHELD': '{date}: {away, select, yes {غائب طوال اليوم ({planned})} other {حاضر {present} من {planned}}}. جزء من المنحة محجوز.',
    'calendar.UNPAID_LEAVE': '{date}: إجازة بدون منحة. لا منحة عن هذا اليوم.',
    'calendar.NOT_ENROLLED': '{date}: لم تكن في البرنامج. لا منحة عن هذا اليوم.',
    'calendar.none': 'لا توجد أيام برنامج مسجلة لهذا الشهر.',
    'segment.EXCUSED': '  – {duration}: {what}. لا ينقص المنحة.',
    'segment.PAID_PROVISIONALLY': '  – {duration}: {what}. صُرف مؤقتًا، لأن الوثيقة لم تُقبل بعد.',
    'segment.UNEXCUSED': '  – {duration}: {what}. ينقص المنحة، لأن {reason}.',
    'segment.WITHHELD': '  – {duration}: {what}. محجوز حتى تُقبل الوثيقة.',
    'segment.noReason': '  – {duration}: لم يُبلَّغ عن سبب. ينقص المنحة.',
    'absence.described': '{documentation, select, NONE {{category}} other {{category}، {doc}}}',
    'category.OWN_ILLNESS': 'مرضك',
    'category.CHILD_ILLNESS': 'مرض طفلك',
    'category.WELFARE_LEAVE': 'إجازة لظروف شخصية (velferdspermisjon)',
    'category.VACATION': 'عطلة',
    'category.PREGNANCY': 'إجازة أثناء الحمل',
    'category.BIRTH_MOTHER': 'إجازة بعد الولادة (الأم)',
    'category.BIRTH_FATHER': 'إجازة عند ولادة طفلك (الأب أو الأم الثانية)',
    'category.UNPAID_LEAVE': 'إجازة بدون منحة',
    'documentation.SELF_CERTIFICATION': 'إقرار ذاتي بالمرض (egenmelding)',
    'documentation.DOCTOR_NOTE': 'تقرير طبي (legeerklæring)',
    'documentation.NONE': 'بلا وثيقة',
    'warning.ABSENCE_MINUTES_EXCEED_MISSING': '{date}: إبلاغ الغياب غطّى وقتًا أطول من غيابك. لم يُحتج إلى {duration} منه ولم يُستخدم.',
    'warning.ABSENCE_IGNORED_NO_MISSING_MINUTES': '{date}: كنت حاضرًا طوال اليوم، لذلك لم يُستخدم إبلاغ الغياب عن هذا اليوم.',
    'warning.ABSENCE_IGNORED_NOT_PROGRAMME_DAY': '{date}: هذا ليس يوم برنامج، لذلك لم يُستخدم إبلاغ الغياب.',
    'warning.ABSENCE_IGNORED_NOT_ENROLLED': '{date}: لم تكن في البرنامج ذلك اليوم، لذلك لم يُستخدم إبلاغ الغياب.',
    'warning.ABSENCE_IGNORED_UNPAID_LEAVE': '{date}: كنت في إجازة بدون منحة، لذلك لم يُستخدم إبلاغ الغياب.',
    'warning.ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY': '{date}: الإجازة بدون منحة يقررها مستشارك، لا إبلاغ الغياب، لذلك لم يُستخدم هذا الإبلاغ.',

    // الأسباب بكلمات بسيطة
    'reason.NO_REASON_GIVEN': 'لم يُبلَّغ عن سبب',
    'reason.REJECTED': 'الغياب لم يُقبل',
    'reason.NO_DOCUMENTATION': 'المرض يحتاج إلى إقرار ذاتي أو تقرير طبي',
    'reason.SELF_CERT_BEFORE_8_WEEKS': 'الإقرار الذاتي يُستخدم فقط بعد أول أسابيع البرنامج (عددها: {weeks})',
    'reason.SELF_CERT_EPISODE_OVER_3_DAYS': 'الإقرار الذاتي الواحد يغطي أيامًا محدودة (أقصاها: {episodeDays})',
    'reason.SELF_CERT_QUOTA_EXHAUSTED': 'استُخدمت كل الإقرارات الذاتية في آخر 12 شهرًا (عددها: {selfCertQuota})',
    'reason.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'مرض الطفل يحتاج إلى تقرير طبي ابتداءً من اليوم المتتالي رقم {doctorNoteFromDay}',
    'reason.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'استُخدمت كل أيام مرض الطفل في آخر 12 شهرًا (عددها: {childQuota})',
    'reason.LEAVE_CAP_EXCEEDED': 'أيام هذا النوع من الإجازة أكثر من المسموح',
    'reason.DOCUMENT_DEADLINE_PASSED': 'الوثيقة لم تُقبل خلال المهلة (بالأيام: {deadlineDays})',
    'reason.DOCUMENT_PENDING': 'الوثيقة لم تُقبل بعد',
    'reason.UNPAID_LEAVE': 'إجازة بدون منحة',

    // 3. الحساب
    'calc.g': 'المبلغ الأساسي للتأمين الوطني (G): {g}، ساري المفعول من {from}.',
    'calc.gProvisional': 'لم يُحدَّد G لهذا الشهر بعد، لذلك استُخدم آخر G معروف. المبلغ مؤقت حتى يُحدَّد G الجديد.',
    'calc.age': 'عمرك بتاريخ {first}: {age}.',
    'calc.factor.age':
      '{under25, select, yes {{regime, select, introduksjonsloven {كان عمرك أقل من {limit} وبدأت البرنامج حسب قانون البرنامج التعريفي السابق (قبل 2021)، لذلك تحصل على \u2066{fraction}\u2069 من المعدل الكامل.} other {{withParent, select, yes {كان عمرك أقل من {limit} وتسكن مع أحد والديك على الأقل، لذلك تحصل على \u2066{fraction}\u2069 من المعدل الكامل.} other {كان عمرك أقل من {limit} ولا تسكن مع والديك، لذلك تحصل على \u2066{fraction}\u2069 من المعدل الكامل.}}}}} other {كان عمرك {limit} أو أكثر، لذلك تحصل على المعدل الكامل.}}',
    'calc.factor.couple':
      '{couple, select, yes {يُطبَّق تخفيض الزوجين (أنت وزوجك أو شريكك كلاكما في البرنامج وليس لديكما أطفال): \u2066{fraction}\u2069.} other {تخفيض الزوجين لا يُطبَّق.}}',
    'calc.factor':
      '{factor, select, 1 {إذن تحصل على المعدل الكامل.} other {إذن تحصل على \u2066{factor}\u2069 من المعدل الكامل.}} في الحساب تُسمّى هذه الحصة f وقيمتها \u2066{factor}\u2069.',
    'calc.annual': 'المبلغ السنوي: \u2066A = {multiple} × G × f = {annual}\u2069.',
    'calc.monthly': 'المبلغ الشهري: \u2066M = A ÷ {months} = {monthly}\u2069.',
    'calc.daily': 'المعدل اليومي: \u2066D = M ÷ {daysPerMonth} = {daily}\u2069.',
    'calc.hourly': 'المعدل بالساعة: \u2066H = A ÷ {hoursPerYear} = {hourly}\u2069.',
    'calc.ratesRounded': 'المعدلات معروضة مقرّبة إلى أقرب أوره. كل المبالغ أدناه محسوبة من المعدلات الدقيقة.',
    'calc.base.full': 'كنت مسجلًا في البرنامج الشهر كله، لذلك مبلغ البداية هو المبلغ الشهري M: {base}.',
    'calc.base.prorated':
      '{proration, select, P3 {أيامك في البرنامج هذا الشهر: {enrolled} من {daysInMonth}. مبلغ البداية: \u2066M × {enrolled} ÷ {daysInMonth} = {base}\u2069.} other {أيامك في البرنامج هذا الشهر: {enrolled} من {daysInMonth}. مبلغ البداية: \u2066{enrolled} × D\u2069، لكن لا يزيد على M: {base}.}}',
    'calc.unit':
      '{unit, select, DAILY {يُخصم الغياب باليوم: D × دقائق الغياب ÷ الدقائق المخططة لذلك اليوم.} other {يُخصم الغياب بالساعة: دقائق الغياب × H ÷ 60.}}',
    'calc.line.UNEXCUSED_ABSENCE': '{date}: غياب {duration}. خُصم لأن {reason}: {amount}.',
    'calc.line.WITHHELD_PENDING': '{date}: حُجز {duration} حتى تُقبل الوثيقة (مؤقت): {amount}.',
    'calc.line.UNPAID_LEAVE':
      '{date}: إجازة بدون منحة، {share, select, day {معدل يومي واحد (D)} none {لم يبق شيء من مبلغ الشهر} other {ما تبقى من مبلغ الشهر}}: {amount}.',
    'calc.line.CORRECTION': '{date}: تصحيح عن شهر سابق: {amount}.',
    'calc.rounding': 'كل سطر يُقرَّب وحده إلى أقرب أوره: نصف أوره أو أكثر يُقرَّب إلى الأعلى.',
    'calc.noLines': 'لا توجد خصومات.',
    'calc.sum': 'المبلغ المصروف: مبلغ البداية {base} − الخصومات {deductions} = {payout}.',
    'calc.floored': 'الخصومات ({deductions}) أكبر من مبلغ البداية ({base}). لا يمكن أن يقل المبلغ المصروف عن صفر، لذلك هو {payout}.',

    // 4. القواعد
    'rules.item': '{rule} المصدر: {source}.',
    'rules.noDeductions': 'لم تُنقص أي قاعدة غياب المبلغ هذا الشهر.',
    'rule.RATES': 'المنحة \u2066{multiple} G\u2069 في السنة، مضروبة في حصتك f، وتُصرف شهريًا.',
    'rule.PRORATION':
      '{proration, select, P3 {إذا كنت في البرنامج جزءًا من الشهر فقط، تحصل على الجزء من المبلغ الشهري الذي يوافق أيام التقويم التي كنت فيها في البرنامج.} other {إذا كنت في البرنامج جزءًا من الشهر فقط، تحصل على المعدل اليومي (D) عن كل يوم تقويمي كنت فيه في البرنامج، لكن لا يزيد المبلغ على المبلغ الشهري.}}',
    'rule.NO_REASON_GIVEN': 'الغياب بدون سبب مقبول ينقص المنحة عن الوقت الذي غبت فيه. الوقت الذي لم تحضر فيه ولم تذكر له سببًا يُعد غيابًا من هذا النوع.',
    'rule.REJECTED': 'الغياب الذي لم يُقبل يُعد غيابًا بدون سبب مقبول وينقص المنحة.',
    'rule.NO_DOCUMENTATION': 'الغياب بسبب المرض يجب إثباته بإقرار ذاتي بالمرض أو بتقرير طبي. وإلا فإنه ينقص المنحة.',
    'rule.SELF_CERT_BEFORE_8_WEEKS': 'يمكنك استخدام الإقرار الذاتي فقط بعد أول أسابيع البرنامج (عددها: {weeks}). قبل ذلك تحتاج إلى تقرير طبي.',
    'rule.SELF_CERT_EPISODE_OVER_3_DAYS':
      'الإقرار الذاتي الواحد يغطي أيامًا محدودة (أقصاها: {episodeDays}). إذا مرضت مرة أخرى خلال مدة قصيرة (بالأيام: {relapseDays})، يُعد ذلك الغياب نفسه. للأيام الزائدة تحتاج إلى تقرير طبي.',
    'rule.SELF_CERT_QUOTA_EXHAUSTED': 'يمكنك استخدام الإقرار الذاتي عددًا محدودًا من المرات في 12 شهرًا (أقصاه: {selfCertQuota}). بعد ذلك تحتاج إلى تقرير طبي.',
    'rule.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE':
      'عندما يمرض طفلك، يمكنك البقاء في البيت بإبلاغك أنت في الأيام الأولى المتتالية (عددها: {ownReportDays}). ابتداءً من اليوم رقم {doctorNoteFromDay} تحتاج إلى تقرير طبي.',
    'rule.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'يمكنك الغياب بسبب مرض طفلك أيامًا محدودة في 12 شهرًا (أقصاها: {childQuota}). الأيام الزائدة تنقص المنحة.',
    'rule.LEAVE_CAP_EXCEEDED': 'الإجازة (مثل الإجازة لظروف شخصية أو العطلة أو الإجازة عند الولادة) لا تنقص المنحة حتى عدد محدد من الأيام. الأيام الزائدة تنقص المنحة.',
    'rule.DOCUMENT_DEADLINE_PASSED': 'يجب أن تُقبل وثيقة الغياب خلال مهلة (بالأيام: {deadlineDays}). بعد المهلة يُعد الغياب غيابًا بدون سبب مقبول.',
    'rule.DOCUMENT_PENDING': 'ما دامت الوثيقة تنتظر القبول، تحجز البلدية المبلغ عن ذلك الوقت. يُصرف لك إذا قُبلت الوثيقة خلال المهلة.',
    'rule.UNPAID_LEAVE':
      'إذا منحك مستشارك إجازة بدون منحة، لا تُصرف المنحة عن تلك الأيام: يُخصم معدل يومي واحد (D) عن كل يوم تقويمي من الإجازة، لكن لا يزيد الخصم على مبلغ الشهر. إذا كنت في إجازة كل الأيام التي أنت فيها في البرنامج ذلك الشهر، يُخصم المبلغ كله ولا يُصرف شيء.',
    'source.IL-20': 'integreringsloven (قانون الاندماج) § 20',
    'source.IL-21': 'integreringsloven (قانون الاندماج) § 21',
    'source.IF-SELF-CERT': 'integreringsforskriften (لائحة الاندماج) وإرشادات IMDi بشأن الإقرار الذاتي',
    'source.IF-CHILD-ILLNESS': 'integreringsforskriften (لائحة الاندماج) وإرشادات IMDi بشأن مرض الطفل',
    'source.IF-LEAVE': 'integreringsforskriften (لائحة الاندماج)، بشأن الإجازات',
    'source.POLICY-PENDING': 'قواعد البلدية بشأن الوثائق والمهل',
    'source.IL-UNPAID-LEAVE': 'integreringsloven (قانون الاندماج) وقرار مستشارك بشأن الإجازة بدون منحة',
    'source.POLICY-PRORATION': 'قواعد البلدية بشأن الأشهر غير الكاملة',

    // 5. ما الذي قد يغيّر المبلغ
    'hint.DOCUMENT_WOULD_PAY_BACK':
      '{documentation, select, SELF_CERTIFICATION {الإقرار الذاتي بالمرض} DOCTOR_NOTE {التقرير الطبي} other {إبلاغ الغياب}} عن {dates} لم يُقبل بعد. إذا قُبل قبل {deadline}، تحصل على {amount}. يصلك المبلغ مع الدفعة القادمة.',
    'hint.PENDING_PAID_PROVISIONALLY':
      '{documentation, select, SELF_CERTIFICATION {الإقرار الذاتي بالمرض} DOCTOR_NOTE {التقرير الطبي} other {إبلاغ الغياب}} عن {dates} لم يُقبل بعد. صُرفت هذه الأيام مؤقتًا. إذا لم يُقبل قبل {deadline}، يُحسب الشهر من جديد. عندها ينقص المبلغ بمقدار {amount}. يقرر مستشار ما يحدث بعد ذلك. لا يُخصم شيء تلقائيًا.',
    'hint.DOCTOR_NOTE_WOULD_PAY':
      '{category, select, CHILD_ILLNESS {مع تقرير طبي لطفلك عن {dates} تحصل على {amount}.} other {مع تقرير طبي عن {dates} تحصل على {amount}.}}',
    'hint.G_NOT_YET_REGULATED':
      'لم يُحدَّد المبلغ الأساسي الجديد (G) بعد. لذلك حُسب هذا الشهر بـ G الساري من {from}. عندما يُحدَّد G الجديد، يُحسب الشهر من جديد. تحصل عندها على أي فرق.',
    'hint.noReason': 'جزء من غيابك بلا سبب مُبلَّغ عنه. هل كان لديك سبب وجيه؟ أخبر مستشارك.',
    'hint.none': 'لا شيء معلَّق يمكن أن يغيّر هذا المبلغ.',
    'counter.selfCert': 'الإقرارات الذاتية المستخدمة في السنة الأخيرة: {used} من {quota}.',
    'counter.childIllness': 'أيام مرض الطفل المستخدمة في السنة الأخيرة: {used} من {quota}.',

    // 6. من قرّر، وكيف
    'who.computed': 'حُسب المبلغ تلقائيًا ببرنامج حاسوب. يستخدم حضورك وإبلاغات غيابك والقواعد المذكورة أعلاه.',
    'who.awaiting': 'يجب أن يوافق عليه شخصان مختلفان في قسم الرواتب قبل صرفه.',
    'who.approved':
      'وافق عليه: {role, select, payroll {قسم الرواتب (شخصان مختلفان)} adviser {مستشار البرنامج} admin {مسؤول إدارة البلدية} other {{role}}}، بتاريخ {date}.',
    'who.resolved': '{kind, select, ADJUSTMENT {غيّر المبلغ المصروف: {who}، بتاريخ {date}.} other {أصدر القرار الفردي (enkeltvedtak): {who}، بتاريخ {date}.}}',
    'review.AUTOMATIC':
      '{unpaidLeave, select, yes {المراجعة: تلقائية. لا يوجد خصم بسبب الغياب، لذلك لم يلزم أن يراجعه أحد يدويًا. الإجازة بدون منحة قررها مستشارك من قبل.} other {المراجعة: تلقائية. لا يوجد خصم بسبب الغياب، لذلك لم يلزم أن يراجعه أحد يدويًا.}}',
    'review.REVIEW':
      '{cause, select, correction {المراجعة: هذا التصحيح ينقص المبلغ. لا يُخصم شيء تلقائيًا. يوضع التصحيح في قائمة مستشارك للاطلاع عليه.} other {المراجعة: يوجد خصم أو مبلغ محجوز بسبب الغياب ({unexcused}). لذلك يوضع هذا القرار في قائمة مستشارك للاطلاع عليه. الصرف لا ينتظر ذلك.}}',
    'review.VEDTAK_REQUIRED':
      'المراجعة: يلزم قرار فردي. الخصومات ({unexcused}) تساوي نصف المبلغ القابل للصرف ({payable}) على الأقل، وجزءًا من اثني عشر من G ({g}) على الأقل. لذلك يجب أن يتخذ مستشار قرارًا فرديًا (enkeltvedtak) {paid, select, yes {قبل صرف أي شيء} other {قبل أن يسري الخصم}}. يصلك إشعار مسبق (forhåndsvarsel) أولًا، ويمكنك أن تقول رأيك.',

    // 7. حقوقك
    'rights.access': 'يحق لك الاطلاع على الوثائق في ملفك.',
    'rights.heard': 'قبل اتخاذ قرار ليس في صالحك، يحق لك أن تقول رأيك.',
    'rights.manual': 'حُسب هذا المبلغ تلقائيًا. يمكنك أن تطلب أن يراجعه شخص.',
    'rights.complain':
      'يمكنك تقديم تظلّم (klage) خلال 3 أسابيع من استلامك هذا القرار. إذا لم تغيّر البلدية القرار، ترسل تظلّمك إلى Statsforvalteren (حاكم المقاطعة). وعندها يقرر Statsforvalteren.',
    'rights.sendTo': 'أرسل التظلّم إلى البلدية: {address}.',
    'rights.sendTo.unknown': 'أرسل التظلّم إلى البلدية. يعطيك مستشارك العنوان.',
    'rights.suspend': 'يمكنك أن تطلب عدم تنفيذ القرار حتى يُبتّ في تظلّمك.',
    'rights.contact': 'لديك أسئلة، أو تريد التظلّم؟ تواصل مع {contact}.',
    'rights.defaultContact': 'مستشار البرنامج الخاص بك',
    'rights.adviserContact': 'مستشار البرنامج الخاص بك، {name}',

    // 8. تفاصيل
    'details.versions': 'مجموعة القواعد: {ruleset}. قواعد البلدية: {policy}. إصدار النص: {template}.',
    'details.replaces': 'هذا القرار يحل محل القرار {decisionId}.',
    'details.backPayment': 'الدفعة المستحقة عن شهر {month} هي القرار {decisionId}، الذي يحل محل {supersedes}.',
    'details.law.vedtak': 'القرار الفردي والإشعار المسبق: integreringsloven § 21 و forvaltningsloven § 16.',
    'details.law.rights':
      'حقوقك: الاطلاع (forvaltningsloven § 18)، إبداء الرأي (forvaltningsloven §§ 16–17)، المراجعة من شخص (GDPR المادة 22)، التظلّم (forvaltningsloven §§ 28 و29 و33)، تأجيل التنفيذ (forvaltningsloven § 42).',
    'details.law.explanation': 'هذا التعليل: forvaltningsloven §§ 24–25 و GDPR المواد 13(2)(f) و15(1)(h) و22(3).',

    // طلبات التصحيح والشكاوى (issue 12)
    'rightsCase.request':
      '{step, select, OPEN {طلبت تصحيح بياناتك في {filed}. لم يرد مستشارك بعد.} ACCEPTED_PENDING {طلبت تصحيح بياناتك في {filed}. وافق مستشارك في {answered}. الحساب القادم يأخذ التصحيح في الاعتبار، وستحصل على قرار جديد لهذا الشهر.} ACCEPTED_INCLUDED {طلبت تصحيح بياناتك في {filed}. وافق مستشارك في {answered}، وهذا القرار يأخذ التصحيح في الاعتبار.} other {طلبت تصحيح بياناتك في {filed}. رفض مستشارك الطلب في {answered}. السبب مكتوب تحت «التصحيحات والشكاوى».}}',
    'rightsCase.complaint':
      '{step, select, RECEIVED {استلمت البلدية شكواك في {filed}{late, select, yes { (بعد انتهاء المهلة، لكنها ستُدرس)} other {}}. لم تُدرس بعد.} UPHELD_PENDING {استلمت البلدية شكواك في {filed} ووافقت عليها في {answered}. الحساب القادم يأخذ التغيير في الاعتبار، وستحصل على قرار جديد لهذا الشهر.} UPHELD_INCLUDED {استلمت البلدية شكواك في {filed} ووافقت عليها في {answered}. هذا القرار يأخذ التغيير في الاعتبار.} FORWARDED {استلمت البلدية شكواك في {filed}. لم تغيّر البلدية القرار وأرسلت شكواك إلى Statsforvalteren في {answered}.} other {استلمت البلدية شكواك في {filed}. قرّر Statsforvalteren فيها: {outcome, select, CONFIRMED {القرار باقٍ} CHANGED {تم تغيير القرار} QUASHED {أُلغي القرار، وستقرر البلدية من جديد} DISMISSED {رُفضت الشكوى شكلاً} other {انظر الرد}}.}}',

    // التنسيقات
    'format.duration': '{hours, plural, =0 {{minutes} د} other {{minutes, plural, =0 {{hours} س} other {{hours} س {minutes} د}}}}',
    'format.daysOfMonth': '{days} {month}',
  },
};
