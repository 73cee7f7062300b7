/**
 * Українська (ICU MessageFormat). A translation of nb.ts written by the team;
 * no qualified translator has checked it (`translation` below), so every text
 * opens by saying that the Norwegian text is the one that applies.
 *
 * Norwegian terms a participant meets in letters and at the office stay in
 * brackets beside the translation (egenmelding, legeerklæring, enkeltvedtak).
 * Numbers that decide a noun's form use ICU plurals (one, few, many, other).
 * Apostrophes are typographic (’): a straight one is ICU's quote character.
 */
import type { LanguagePack } from './catalog.js';

export const uk: LanguagePack = {
  lang: 'uk',
  locale: 'uk-UA',
  numberLocale: 'nb-NO',
  currencyPrefix: 'NOK\u00a0',
  direction: 'ltr',
  translation: { source: false, checkedByQualifiedTranslator: false },
  messages: {
    // Заголовки
    'summary.title': 'Коротко',
    'calendar.title': 'Календар: {month}',
    'calculation.title': 'Як розраховано суму',
    'rules.title': 'Правила, які застосовано',
    'hints.title': 'Що може змінити суму',
    'who.title': 'Хто вирішив і як',
    'rights.title': 'Ваші права',
    'details.title': 'Подробиці: версії та правова основа',

    'notice.unchecked': 'Цей переклад не перевірив кваліфікований перекладач. Чинним є текст норвезькою мовою.',

    // 1. Коротко
    'summary.amount': 'За {month} ви отримуєте {payout}.',
    'summary.computedAmount': 'За правилами ваша допомога за {month} становить {payout}.',
    'summary.full': 'Це повна сума за місяць. Нічого не утримано.',
    'summary.fullAmount': 'Повна сума за місяць: {full}.',
    'summary.prorated': 'Днів у програмі цього місяця: {enrolled} із {daysInMonth}. Допомогу нараховано лише за ці дні.',
    'summary.group':
      '{kind, select, withheld {Затримано {amount} за {dates}.} other {Утримано {amount} за {dates}.}} {why}',
    'summary.dates':
      '{more, plural, =0 {{dates}} one {{dates} і ще # день} few {{dates} і ще # дні} many {{dates} і ще # днів} other {{dates} і ще # дня}}',
    'summary.why.NO_REASON_GIVEN': 'Причину вашої відсутності не повідомлено.',
    'summary.why.REJECTED': 'Ваше повідомлення про відсутність не схвалено.',
    'summary.why.NO_DOCUMENTATION': 'У разі хвороби потрібна власна заява про хворобу (egenmelding) або довідка від лікаря (legeerklæring), а її немає.',
    'summary.why.SELF_CERT_BEFORE_8_WEEKS':
      'У перші {weeks, plural, one {# тиждень} few {# тижні} many {# тижнів} other {# тижня}} у програмі не можна подавати власну заяву про хворобу. Потрібна довідка від лікаря.',
    'summary.why.SELF_CERT_EPISODE_OVER_3_DAYS':
      'Одна власна заява про хворобу діє щонайбільше {episodeDays, plural, one {# день} few {# дні} many {# днів} other {# дня}}. На довший час потрібна довідка від лікаря.',
    'summary.why.SELF_CERT_QUOTA_EXHAUSTED':
      'Ви вже використали всі власні заяви про хворобу за останні 12 місяців (усього: {selfCertQuota}). Потрібна довідка від лікаря.',
    'summary.why.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'Коли дитина хворіє, з дня {doctorNoteFromDay} потрібна довідка від лікаря, а її немає.',
    'summary.why.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'Ви вже використали всі дні через хворобу дитини за останні 12 місяців (усього: {childQuota}).',
    'summary.why.LEAVE_CAP_EXCEEDED': 'Днів відпустки було більше, ніж вам належить.',
    'summary.why.DOCUMENT_DEADLINE_PASSED': 'Те, що ви подали, не схвалили вчасно. Строк: {deadlineDays, plural, one {# день} few {# дні} many {# днів} other {# дня}}.',
    'summary.why.DOCUMENT_PENDING': 'Те, що ви подали за ці дні, ще не схвалено.',
    'summary.why.UNPAID_LEAVE':
      '{whole, select, yes {Ви були у відпустці без допомоги всі дні, коли були в програмі. Тому цього місяця допомоги немає.} other {Ви були у відпустці без допомоги. За ці дні допомога не виплачується.}}',
    'summary.correction': 'Виправлення за попередні місяці: {amount}.',
    'summary.floored': 'Утримання разом становлять {deductions}. Це більше за суму за місяць ({base}). Тому ви нічого не отримуєте, але й нічого не винні.',
    'summary.do.DOCUMENT_WOULD_PAY_BACK':
      'Якщо {documentation, select, SELF_CERTIFICATION {вашу власну заяву про хворобу} DOCTOR_NOTE {вашу довідку від лікаря} other {ваше повідомлення про відсутність}} схвалять до {deadline}, ви отримаєте {amount} з наступною виплатою.',
    'summary.do.PENDING_PAID_PROVISIONALLY':
      'За {dates} вам уже заплатили, але {documentation, select, SELF_CERTIFICATION {власну заяву про хворобу} DOCTOR_NOTE {довідку від лікаря} other {повідомлення про відсутність}} ще не схвалено. Якщо її не схвалять до {deadline}, ви можете отримати на {amount} менше.',
    'summary.do.DOCTOR_NOTE_WOULD_PAY': 'З довідкою від лікаря за {dates} ви отримаєте {amount}.',
    'summary.do.noReason': 'Чи була у вас поважна причина відсутності? Скажіть про це своєму консультанту.',
    'summary.gProvisional': 'Сума попередня, бо нову базову суму (G) ще не встановлено. Якщо G зросте, різницю ви отримаєте пізніше.',
    'summary.vedtak':
      '{paid, select, yes {Перед виплатою консультант має ухвалити рішення.} other {Консультант має ухвалити рішення щодо утримання.}} Спершу ви отримаєте лист і зможете висловити свою думку.',
    'summary.adjusted': '{who} змінив(-ла) суму на {amount}. Причина: «{reason}»',
    'summary.formal': '{who} ухвалив(-ла) рішення, номер справи {reference}. Попереднє повідомлення ви отримали {notice} (дата). Виплачується розрахована сума.',
    'summary.correction.made':
      'Це новий розрахунок за місяць, бо {reason, select, DOCUMENT_ARRIVED {документ схвалено} CHECKIN_CORRECTED {виправлено відмітку про прихід або вихід} NEW_G {встановлено нову базову суму (G)} other {змінилися дані у вашій справі}}.',
    'summary.backPayment':
      'З цією виплатою ви також отримаєте {amount} за {month}, бо {reason, select, DOCUMENT_ARRIVED {документ схвалено} CHECKIN_CORRECTED {виправлено відмітку про прихід або вихід} NEW_G {встановлено нову базову суму (G)} other {змінилися дані у вашій справі}}.',
    'summary.paid': 'З виплатою за {month} ви отримаєте {amount}.',

    // Виправлення
    'correction.replaces':
      'Цей розрахунок замінює попередній, бо {reason, select, DOCUMENT_ARRIVED {документ схвалено} CHECKIN_CORRECTED {виправлено відмітку про прихід або вихід} NEW_G {встановлено нову базову суму (G)} other {змінилися дані у вашій справі}}.',
    'correction.day':
      '{date}: {before} → {after} ({reason, select, DOCUMENT_ARRIVED {документ схвалено} CHECKIN_CORRECTED {відмітку виправлено} NEW_G {нова G} other {дані змінено}}).',
    'correction.base':
      'Сума до утримань: {before} → {after} ({reason, select, DOCUMENT_ARRIVED {документ схвалено} CHECKIN_CORRECTED {відмітку виправлено} NEW_G {нова G} other {дані змінено}}).',
    'correction.total':
      '{route, select, backPayment {Разом ви отримаєте на {amount} більше. Це буде доплачено з наступною виплатою.} adviser {Разом сума менша на {amount}. Нічого не утримується автоматично: консультант вирішить, що робити, і вам повідомлять, перш ніж щось вирішать.} other {Разом сума не змінюється.}}',
    'correction.amounts': 'Розрахована сума за місяць: {before} → {after}.',
    'correction.paid':
      '{route, select, backPayment {За цей місяць вам уже виплатили {paid}. Ви отримаєте ще {amount} як доплату з виплатою за {month}.} adviser {За цей місяць вам уже виплатили {paid}, це на {amount} більше за нову суму. Нічого не утримується автоматично: консультант вирішить, що робити, і вам повідомлять, перш ніж щось вирішать.} other {За цей місяць вам уже виплатили {paid}, і це відповідає новій сумі. Більше нічого не виплачується і нічого не стягується.}}',
    'correction.unpaid':
      'Попередній розрахунок ще не було виплачено. Цей розрахунок його замінює. {direction, select, more {Сума більша на {amount}.} less {Сума менша на {amount}.} other {Сума та сама.}}',
    'correction.nextPayout': 'наступна виплата',

    // Від розрахованої суми до виплаченої
    'pay.title': 'Від розрахованої суми до виплаченої:',
    'pay.computed': 'Розрахована сума: {amount}.',
    'pay.adjusted': '{who} змінив(-ла) суму на {amount} ({date}). Причина: «{reason}»',
    'pay.formal':
      '{who} ухвалив(-ла) індивідуальне рішення (enkeltvedtak) номер {reference} ({date}). Попереднє повідомлення (forhåndsvarsel) надіслано {notice} (дата). Розрахована сума залишається.',
    'pay.paidBefore': 'Уже виплачено за цей місяць: {amount}.',
    'pay.correctionResult':
      '{route, select, backPayment {Доплата з виплатою за {month}: {amount}.} adviser {Виплачено понад нову суму: {amount}. Консультант вирішить, що робити; нічого не утримується автоматично.} other {Більше нічого не виплачується і нічого не стягується.}}',
    'pay.backPayment':
      'Доплата за {month}: {amount}, бо {reason, select, DOCUMENT_ARRIVED {документ схвалено} CHECKIN_CORRECTED {виправлено відмітку про прихід або вихід} NEW_G {встановлено нову базову суму (G)} other {змінилися дані у вашій справі}}.',
    'pay.backPaymentDay': '  – {date}: {before} → {after}.',
    'pay.backPaymentBase': '  – сума до утримань: {before} → {after}.',
    'pay.total':
      '{withEarlier, select, yes {Виплачується з виплатою за {month}: {due} + доплати {earlier} = {total}.} other {Виплачується з виплатою за {month}: {total}.}}',
    'role.subject': '{role, select, adviser {Консультант програми} payroll {Бухгалтерія} admin {Адміністратор комуни} other {{role}}}',
    'role.object': '{role, select, adviser {консультант програми} payroll {бухгалтерія} admin {адміністратор комуни} other {{role}}}',

    // 2. Календар
    'calendar.PRESENT': '{date}: присутність увесь день ({planned}).',
    'calendar.EXCUSED': '{date}: {away, select, yes {відсутність увесь день ({planned})} other {присутність {present} із {planned}}}. Відсутність не зменшує допомогу.',
    'calendar.UNEXCUSED': '{date}: {away, select, yes {відсутність увесь день ({planned})} other {присутність {present} із {planned}}}. Відсутність зменшує допомогу.',
    'calendar.WITHHELD': '{date}: {away, select, yes {відсутність увесь день ({planned})} other {присутність {present} із {planned}}}. Частину допомоги затримано.',
    'calendar.UNPAID_LEAVE': '{date}: відпустка без допомоги. За цей день допомоги немає.',
    'calendar.NOT_ENROLLED': '{date}: ви не були в програмі. За цей день допомоги немає.',
    'calendar.none': 'Днів програми за цей місяць не зазначено.',
    'segment.EXCUSED': '  – {duration}: {what}. Не зменшує допомогу.',
    'segment.PAID_PROVISIONALLY': '  – {duration}: {what}. Поки що оплачено, бо документ ще не схвалено.',
    'segment.UNEXCUSED': '  – {duration}: {what}. Зменшує допомогу, бо {reason}.',
    'segment.WITHHELD': '  – {duration}: {what}. Затримано, доки документ не схвалять.',
    'segment.noReason': '  – {duration}: причину не повідомлено. Зменшує допомогу.',
    'absence.described': '{documentation, select, NONE {{category}} other {{category}, {doc}}}',
    'category.OWN_ILLNESS': 'власна хвороба',
    'category.CHILD_ILLNESS': 'хвороба дитини',
    'category.WELFARE_LEAVE': 'відпустка з особистих причин (velferdspermisjon)',
    'category.VACATION': 'відпустка',
    'category.PREGNANCY': 'відпустка під час вагітності',
    'category.BIRTH_MOTHER': 'відпустка після пологів (мати)',
    'category.BIRTH_FATHER': 'відпустка у зв’язку з народженням дитини (батько або друга мати)',
    'category.UNPAID_LEAVE': 'відпустка без допомоги',
    'documentation.SELF_CERTIFICATION': 'власна заява про хворобу (egenmelding)',
    'documentation.DOCTOR_NOTE': 'довідка від лікаря (legeerklæring)',
    'documentation.NONE': 'без документа',
    'warning.ABSENCE_MINUTES_EXCEED_MISSING':
      '{date}: повідомлення про відсутність охоплювало більше часу, ніж ви були відсутні. {duration} з нього не знадобилося і не враховано.',
    'warning.ABSENCE_IGNORED_NO_MISSING_MINUTES': '{date}: ви були присутні весь день, тому повідомлення про відсутність за цей день не враховано.',
    'warning.ABSENCE_IGNORED_NOT_PROGRAMME_DAY': '{date}: це не день програми, тому повідомлення про відсутність не враховано.',
    'warning.ABSENCE_IGNORED_NOT_ENROLLED': '{date}: того дня ви не були в програмі, тому повідомлення про відсутність не враховано.',
    'warning.ABSENCE_IGNORED_UNPAID_LEAVE': '{date}: ви були у відпустці без допомоги, тому повідомлення про відсутність не враховано.',
    'warning.ABSENCE_IGNORED_UNPAID_LEAVE_CATEGORY':
      '{date}: відпустку без допомоги надає консультант, а не повідомлення про відсутність, тому це повідомлення не враховано.',

    // Причини простими словами
    'reason.NO_REASON_GIVEN': 'причину не повідомлено',
    'reason.REJECTED': 'відсутність не схвалено',
    'reason.NO_DOCUMENTATION': 'хворобу треба підтвердити власною заявою або довідкою від лікаря',
    'reason.SELF_CERT_BEFORE_8_WEEKS': 'власну заяву про хворобу можна подавати лише після перших тижнів у програмі (їх {weeks})',
    'reason.SELF_CERT_EPISODE_OVER_3_DAYS': 'одна власна заява про хворобу діє не довше, ніж днів: {episodeDays}',
    'reason.SELF_CERT_QUOTA_EXHAUSTED': 'використано всі власні заяви про хворобу за останні 12 місяців (усього: {selfCertQuota})',
    'reason.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE': 'коли дитина хворіє, з дня {doctorNoteFromDay} поспіль потрібна довідка від лікаря',
    'reason.CHILD_ILLNESS_QUOTA_EXHAUSTED': 'використано всі дні через хворобу дитини за останні 12 місяців (усього: {childQuota})',
    'reason.LEAVE_CAP_EXCEEDED': 'днів такої відпустки було більше, ніж дозволено',
    'reason.DOCUMENT_DEADLINE_PASSED': 'документ не схвалено вчасно (строк у днях: {deadlineDays})',
    'reason.DOCUMENT_PENDING': 'документ ще не схвалено',
    'reason.UNPAID_LEAVE': 'відпустка без допомоги',

    // 3. Розрахунок
    'calc.g': 'Базова сума державного страхування (G) з {from}: {g}.',
    'calc.gProvisional': 'G для цього місяця ще не встановлено, тому застосовано останню відому G. Сума попередня, доки не встановлять нову G.',
    'calc.age': 'Ваш вік на {first}: {age}.',
    'calc.factor.age':
      '{under25, select, yes {{regime, select, introduksjonsloven {Вам було менше {limit} років, і ви почали програму за попереднім законом про вступну програму (до 2021 року), тому ви отримуєте {fraction} повної ставки.} other {{withParent, select, yes {Вам було менше {limit} років, і ви живете принаймні з одним із батьків, тому ви отримуєте {fraction} повної ставки.} other {Вам було менше {limit} років, і ви не живете з батьками, тому ви отримуєте {fraction} повної ставки.}}}}} other {Вам було {limit} років або більше, тому ви отримуєте повну ставку.}}',
    'calc.factor.couple':
      '{couple, select, yes {Застосовується зменшення для пари (ви і ваш чоловік, дружина або партнер обоє в програмі й не маєте дітей): {fraction}.} other {Зменшення для пари не застосовується.}}',
    'calc.factor':
      '{factor, select, 1 {Отже, ви отримуєте повну ставку.} other {Отже, ви отримуєте {factor} повної ставки.}} У розрахунку ця частка називається f і дорівнює {factor}.',
    'calc.annual': 'Річна сума A = {multiple} × G × f = {annual}.',
    'calc.monthly': 'Місячна сума M = A ÷ {months} = {monthly}.',
    'calc.daily': 'Денна ставка D = M ÷ {daysPerMonth} = {daily}.',
    'calc.hourly': 'Погодинна ставка H = A ÷ {hoursPerYear} = {hourly}.',
    'calc.ratesRounded': 'Ставки показано округленими до ере. Усі суми нижче розраховано з точних ставок.',
    'calc.base.full': 'Ви були записані в програму весь місяць, тому вихідна сума — місячна сума M: {base}.',
    'calc.base.prorated':
      '{proration, select, P3 {Днів у програмі цього місяця: {enrolled} із {daysInMonth}. Вихідна сума: M × {enrolled} ÷ {daysInMonth} = {base}.} other {Днів у програмі цього місяця: {enrolled} із {daysInMonth}. Вихідна сума: {enrolled} × D, але не більше за M: {base}.}}',
    'calc.unit':
      '{unit, select, DAILY {Відсутність утримується за днями: D × хвилини відсутності ÷ заплановані хвилини того дня.} other {Відсутність утримується за годинами: хвилини відсутності × H ÷ 60.}}',
    'calc.line.UNEXCUSED_ABSENCE': '{date}: відсутність {duration}. Утримано, бо {reason}: {amount}.',
    'calc.line.WITHHELD_PENDING': '{date}: {duration} затримано, доки документ не схвалять (попередньо): {amount}.',
    'calc.line.UNPAID_LEAVE':
      '{date}: відпустка без допомоги, {share, select, day {одна денна ставка (D)} none {від суми за місяць нічого не залишилося} other {решта суми за місяць}}: {amount}.',
    'calc.line.CORRECTION': '{date}: виправлення за попередній місяць: {amount}.',
    'calc.rounding': 'Кожен рядок округлено окремо до ере: половина ере або більше округлюється вгору.',
    'calc.noLines': 'Утримань немає.',
    'calc.sum': 'Виплата: вихідна сума {base} − утримання {deductions} = {payout}.',
    'calc.floored': 'Утримання ({deductions}) більші за вихідну суму ({base}). Виплата не може бути меншою за нуль, тому вона становить {payout}.',

    // 4. Правила
    'rules.item': '{rule} Джерело: {source}.',
    'rules.noDeductions': 'Цього місяця жодне правило про відсутність не зменшило суму.',
    'rule.RATES': 'Допомога становить {multiple} G на рік, помножені на вашу частку f, і виплачується щомісяця.',
    'rule.PRORATION':
      '{proration, select, P3 {Якщо ви в програмі лише частину місяця, ви отримуєте ту частину місячної суми, що відповідає календарним дням у програмі.} other {Якщо ви в програмі лише частину місяця, ви отримуєте денну ставку (D) за кожен календарний день у програмі, але не більше за місячну суму.}}',
    'rule.NO_REASON_GIVEN':
      'Відсутність без поважної причини зменшує допомогу на час, коли вас не було. Час, коли вас не було і ви не повідомили причину, вважається такою відсутністю.',
    'rule.REJECTED': 'Відсутність, яку не схвалено, вважається відсутністю без поважної причини і зменшує допомогу.',
    'rule.NO_DOCUMENTATION': 'Відсутність через хворобу треба підтвердити власною заявою про хворобу або довідкою від лікаря. Інакше вона зменшує допомогу.',
    'rule.SELF_CERT_BEFORE_8_WEEKS':
      'Власну заяву про хворобу можна подавати лише після перших тижнів у програмі (їх {weeks}). До того потрібна довідка від лікаря.',
    'rule.SELF_CERT_EPISODE_OVER_3_DAYS':
      'Одна власна заява про хворобу діє не довше, ніж днів: {episodeDays}. Якщо ви знову захворієте протягом наступних днів (їх {relapseDays}), це вважається тим самим випадком. На довший час потрібна довідка від лікаря.',
    'rule.SELF_CERT_QUOTA_EXHAUSTED': 'Власну заяву про хворобу можна подати не більше ніж {selfCertQuota, plural, one {# раз} few {# рази} many {# разів} other {# раза}} за 12 місяців. Після цього потрібна довідка від лікаря.',
    'rule.CHILD_ILLNESS_NEEDS_DOCTOR_NOTE':
      'Коли ваша дитина хворіє, ви можете залишатися вдома за власним повідомленням у перші дні поспіль (їх {ownReportDays}). З дня {doctorNoteFromDay} потрібна довідка від лікаря.',
    'rule.CHILD_ILLNESS_QUOTA_EXHAUSTED':
      'Через хворобу дитини ви можете бути відсутні не більше ніж {childQuota, plural, one {# день} few {# дні} many {# днів} other {# дня}} за 12 місяців. Дні понад це зменшують допомогу.',
    'rule.LEAVE_CAP_EXCEEDED':
      'Відпустка (наприклад, з особистих причин, щорічна або у зв’язку з народженням дитини) не зменшує допомогу до певної кількості днів. Дні понад це зменшують допомогу.',
    'rule.DOCUMENT_DEADLINE_PASSED':
      'Документ про відсутність має бути схвалено протягом строку (днів: {deadlineDays}). Після строку відсутність вважається відсутністю без поважної причини.',
    'rule.DOCUMENT_PENDING':
      'Поки документ чекає на схвалення, комуна затримує суму за цей час. Ви отримаєте її, якщо документ схвалять до кінця строку.',
    'rule.UNPAID_LEAVE':
      'Якщо консультант надав вам відпустку без допомоги, за ці дні допомога не виплачується: за кожен календарний день відпустки утримується одна денна ставка (D), але не більше за суму за місяць. Якщо ви у відпустці всі дні, коли ви в програмі цього місяця, утримується вся сума і нічого не виплачується.',
    'source.IL-20': 'integreringsloven (Закон про інтеграцію) § 20',
    'source.IL-21': 'integreringsloven (Закон про інтеграцію) § 21',
    'source.IF-SELF-CERT': 'integreringsforskriften (Положення про інтеграцію) і настанови IMDi щодо власної заяви про хворобу',
    'source.IF-CHILD-ILLNESS': 'integreringsforskriften (Положення про інтеграцію) і настанови IMDi щодо хвороби дитини',
    'source.IF-LEAVE': 'integreringsforskriften (Положення про інтеграцію), про відпустки',
    'source.POLICY-PENDING': 'правила комуни щодо документів і строків',
    'source.IL-UNPAID-LEAVE': 'integreringsloven (Закон про інтеграцію) і рішення вашого консультанта про відпустку без допомоги',
    'source.POLICY-PRORATION': 'правила комуни щодо неповних місяців',

    // 5. Що може змінити суму
    'hint.DOCUMENT_WOULD_PAY_BACK':
      '{documentation, select, SELF_CERTIFICATION {Вашу власну заяву про хворобу} DOCTOR_NOTE {Вашу довідку від лікаря} other {Ваше повідомлення про відсутність}} за {dates} ще не схвалено. Якщо її схвалять до {deadline}, ви отримаєте {amount}. Гроші надійдуть із наступною виплатою.',
    'hint.PENDING_PAID_PROVISIONALLY':
      '{documentation, select, SELF_CERTIFICATION {Вашу власну заяву про хворобу} DOCTOR_NOTE {Вашу довідку від лікаря} other {Ваше повідомлення про відсутність}} за {dates} ще не схвалено. Поки що ці дні оплачено. Якщо її не схвалять до {deadline}, місяць розрахують заново. Тоді сума буде меншою на {amount}. Консультант вирішить, що робити далі. Нічого не утримується автоматично.',
    'hint.DOCTOR_NOTE_WOULD_PAY':
      '{category, select, CHILD_ILLNESS {З довідкою від лікаря для дитини за {dates} ви отримаєте {amount}.} other {З довідкою від лікаря за {dates} ви отримаєте {amount}.}}',
    'hint.G_NOT_YET_REGULATED':
      'Нову базову суму (G) ще не встановлено. Тому для цього місяця використано G від {from} (останню відому). Коли нову G встановлять, місяць розрахують заново. Тоді ви отримаєте можливу різницю.',
    'hint.noReason': 'Для частини вашої відсутності причину не повідомлено. Чи була у вас поважна причина? Скажіть своєму консультанту.',
    'hint.none': 'Немає нічого, що могло б змінити цю суму.',
    'counter.selfCert': 'Власні заяви про хворобу за останній рік: використано {used} із {quota}.',
    'counter.childIllness': 'Дні через хворобу дитини за останній рік: використано {used} із {quota}.',

    // 6. Хто вирішив і як
    'who.computed': 'Суму розраховано автоматично комп’ютерною програмою. Вона використовує вашу присутність, ваші повідомлення про відсутність і правила вище.',
    'who.awaiting': 'Перед виплатою суму мають затвердити двоє різних працівників бухгалтерії.',
    'who.approved':
      'Затверджено ({date}): {role, select, payroll {бухгалтерія (двоє різних працівників)} adviser {консультант програми} admin {адміністратор комуни} other {{role}}}.',
    'who.resolved': '{kind, select, ADJUSTMENT {Суму до виплати змінив(-ла) {who} ({date}).} other {Індивідуальне рішення (enkeltvedtak) ухвалив(-ла) {who} ({date}).}}',
    'review.AUTOMATIC':
      '{unpaidLeave, select, yes {Перевірка: автоматична. Утримань за відсутність немає, тому ніхто не мусив перевіряти вручну. Відпустку без допомоги ваш консультант надав раніше.} other {Перевірка: автоматична. Утримань за відсутність немає, тому ніхто не мусив перевіряти вручну.}}',
    'review.REVIEW':
      '{cause, select, correction {Перевірка: це виправлення зменшує суму. Нічого не утримується автоматично. Виправлення потрапляє до списку вашого консультанта на перегляд.} other {Перевірка: є утримання або затримана сума за відсутність ({unexcused}). Тому це рішення потрапляє до списку вашого консультанта на перегляд. Виплата на це не чекає.}}',
    'review.VEDTAK_REQUIRED':
      'Перевірка: потрібне індивідуальне рішення. Утримання ({unexcused}) становлять щонайменше половину суми, яку можна виплатити ({payable}), і щонайменше одну дванадцяту G ({g}). Тому консультант має ухвалити індивідуальне рішення (enkeltvedtak) {paid, select, yes {до будь-якої виплати} other {перш ніж утримання почне діяти}}. Спершу ви отримаєте попереднє повідомлення (forhåndsvarsel) і зможете висловити свою думку.',

    // 7. Ваші права
    'rights.access': 'Ви маєте право бачити документи у своїй справі.',
    'rights.heard': 'Перш ніж ухвалять рішення не на вашу користь, ви маєте право висловити свою думку.',
    'rights.manual': 'Цю суму розраховано автоматично. Ви можете попросити, щоб її перевірила людина.',
    'rights.complain':
      'Ви можете подати скаргу (klage) протягом 3 тижнів після отримання цього рішення. Якщо комуна не змінить рішення, вона передасть скаргу до Statsforvalteren (губернатора округу). Тоді рішення ухвалює Statsforvalteren.',
    'rights.sendTo': 'Надішліть скаргу до комуни: {address}.',
    'rights.sendTo.unknown': 'Надішліть скаргу до комуни. Адресу вам дасть ваш консультант.',
    'rights.suspend': 'Ви можете попросити не виконувати рішення, доки не розглянуть вашу скаргу.',
    'rights.contact': 'Маєте запитання або хочете поскаржитися? Зверніться: {contact}.',
    'rights.defaultContact': 'ваш консультант програми',
    'rights.adviserContact': 'ваш консультант програми, {name}',

    // 8. Подробиці
    'details.versions': 'Набір правил: {ruleset}. Правила комуни: {policy}. Версія тексту: {template}.',
    'details.replaces': 'Це рішення замінює рішення {decisionId}.',
    'details.backPayment': 'Доплата за {month} — це рішення {decisionId}, яке замінює {supersedes}.',
    'details.law.vedtak': 'Індивідуальне рішення і попереднє повідомлення: integreringsloven § 21 і forvaltningsloven § 16.',
    'details.law.rights':
      'Ваші права: доступ до документів (forvaltningsloven § 18), право висловитися (forvaltningsloven §§ 16–17), перевірка людиною (GDPR, стаття 22), скарга (forvaltningsloven §§ 28, 29 і 33), відтермінування виконання (forvaltningsloven § 42).',
    'details.law.explanation': 'Це пояснення: forvaltningsloven §§ 24–25 і GDPR, статті 13(2)(f), 15(1)(h) і 22(3).',

    // Запити на виправлення і скарги (issue 12)
    'rightsCase.request':
      '{step, select, OPEN {Ви попросили виправити дані {filed}. Ваш радник ще не відповів.} ACCEPTED_PENDING {Ви попросили виправити дані {filed}. Ваш радник погодився {answered}. Наступний розрахунок врахує виправлення, і ви отримаєте нове рішення за місяць.} ACCEPTED_INCLUDED {Ви попросили виправити дані {filed}. Ваш радник погодився {answered}, і це рішення вже враховує виправлення.} other {Ви попросили виправити дані {filed}. Ваш радник відмовив {answered}. Причину видно в розділі «Виправлення і скарги».}}',
    'rightsCase.complaint':
      '{step, select, RECEIVED {Комуна отримала вашу скаргу {filed}{late, select, yes { (після строку, але її розглянуть)} other {}}. Її ще не розглянули.} UPHELD_PENDING {Комуна отримала вашу скаргу {filed} і погодилася з вами {answered}. Наступний розрахунок врахує зміну, і ви отримаєте нове рішення за місяць.} UPHELD_INCLUDED {Комуна отримала вашу скаргу {filed} і погодилася з вами {answered}. Це рішення вже враховує зміну.} FORWARDED {Комуна отримала вашу скаргу {filed}. Комуна не змінила рішення і передала скаргу до Statsforvalteren {answered}.} other {Комуна отримала вашу скаргу {filed}. Statsforvalteren ухвалив рішення: {outcome, select, CONFIRMED {рішення залишається в силі} CHANGED {рішення змінено} QUASHED {рішення скасовано, і комуна вирішить справу знову} DISMISSED {скаргу відхилено без розгляду} other {дивіться відповідь}}.}}',

    // Формати
    'format.duration': '{hours, plural, =0 {{minutes} хв} other {{minutes, plural, =0 {{hours} год} other {{hours} год {minutes} хв}}}}',
    'format.daysOfMonth': '{days} {month}',
  },
};
