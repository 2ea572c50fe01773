import { isolate, type Strings } from './en.js';

/**
 * Arabic interface strings; same keys as en.ts (the `Strings` type makes a missing or extra key a compile error).
 * Latin fragments (ids, cron expressions, dates written YYYY-MM-DD) are kept at the end of a sentence or on their
 * own so the right-to-left paragraph does not reorder them in the middle of a phrase.
 */
export const ar: Strings = {
  localeName: 'العربية',

  share: 'مشاركة في القناة',
  sharedBy: (userMention) => `شاركه ${userMention}`,
  prev: 'السابق',
  next: 'التالي',
  page: (n, total) => `الصفحة ${n} من ${total}`,
  date: 'التاريخ',
  source: 'المصدر',
  noDate: 'بدون تاريخ',
  article: 'المقال',
  link: 'الرابط',

  errorInternal: (errorId) => `حدث خطأ من جهتنا، وقد سُجّل برقم: ${errorId}`,
  errorEmptyQuery: 'يرجى كتابة عبارة البحث: لا يمكن أن تكون فارغة.',
  errorQueryTooLong: (max) => `عبارة البحث طويلة جدا؛ الحد الأقصى ${max} حرفا.`,
  errorInvalidDate: (value) => `تعذّرت قراءة التاريخ، اكتبه بصيغة YYYY-MM-DD مثل 2022-05-11. القيمة المدخلة: ${isolate(value)}`,
  errorInvalidSince: (value) =>
    `تعذّرت قراءة المدة. استعمل 24h أو 7d أو 2w أو تاريخا مثل 2022-05-11 أو all. القيمة المدخلة: ${isolate(value)}`,
  errorSinceInFuture: (value) => `هذا التاريخ في المستقبل: ${isolate(value)}`,
  errorUnknownArticle: (id) => `لا يوجد مقال بهذا المعرّف. ابدأ بكتابة العنوان لاختياره. المعرّف: ${isolate(id)}`,
  errorCorpusMissing: 'مجلد المقالات غير موجود على الخادم.',
  errorUnknownCommand: 'هذا الأمر غير معروف أو قديم: قد يعرض ديسكورد نسخة سابقة من أوامر نشرة. أعد فتح قائمة الأوامر (أو انتظر بضع دقائق) ثم حاول مجددا.',
  errorExpired: 'انتهت صلاحية هذه النتائج (تُحفظ 15 دقيقة). أعد تنفيذ الأمر.',
  errorGuildOnly: 'هذا الأمر يعمل في قنوات الخادم فقط.',
  errorNeedsManageServer: 'تعديل النشرات المجدولة متاح فقط للأعضاء الذين لديهم صلاحية إدارة الخادم.',
  errorSchedulingUnavailable: 'النشرات المجدولة غير متاحة في هذا البوت.',
  errorSubscription: {
    INVALID_CRON: 'تعبير cron غير صالح. يتكون من خمسة حقول: الدقيقة الساعة اليوم الشهر يوم الأسبوع، مثل 0 8 * * *',
    INVALID_TIMEZONE: 'المنطقة الزمنية غير معروفة. استعمل اسما مثل Africa/Casablanca أو Asia/Riyadh',
    TOO_FREQUENT: 'هذا الجدول متقارب جدا: لا يمكن إرسال نشرة أكثر من مرة كل 15 دقيقة.',
    GUILD_CAP_REACHED: 'بلغ هذا الخادم الحد الأقصى من النشرات المجدولة. احذف واحدة بالأمر /digest unsubscribe',
    UNKNOWN_SUBSCRIPTION: 'لا توجد نشرة مجدولة بهذا الرقم في هذا الخادم. راجع /digest list',
    INVALID_QUERY: 'لا يمكن استعمال عبارة البحث هذه في نشرة.',
  },
  errorDetail: 'التفاصيل',

  searchTitle: 'نتائج البحث',
  searchSummary: (from, to, total) => `النتائج ${from}–${to} من ${total}`,
  searchQuery: 'عبارة البحث',
  searchFilters: 'التصفية',
  searchFrom: 'من',
  searchTo: 'إلى',
  searchNoResults: 'لا توجد مقالات تطابق هذا البحث.',
  searchOpen: 'افتح مقالا…',

  articleQuotations: 'الاقتباسات في هذا المقال',
  articleNoQuotations: 'لم يُعثر على اقتباسات في هذا المقال.',
  articleContinued: '(تتمة)',

  quotesSummary: (from, to, total) => (from === 1 && to === total ? `عدد الاقتباسات: ${total}` : `الاقتباسات ${from}–${to} من ${total}`),
  quotesNone: 'لا توجد اقتباسات مطابقة.',
  quoteSpeaker: 'القائل',
  quoteUnattributed: 'القائل غير محدد',

  digestTitle: 'نشرة',
  digestSummary: (stories, articles) => `${stories} قصص من ${articles} مقالات`,
  digestPeriodAll: 'كل المقالات',
  digestPeriodSince: (timestamp) => `المقالات المضافة منذ ${timestamp}`,
  digestEmpty: 'لا توجد مقالات جديدة في هذه المدة. جرّب مدة أطول مثل since: 7d أو since: all',
  digestSources: (n) => (n === 1 ? 'مصدر واحد' : `عدد المصادر: ${n}`),
  digestQuote: 'اقتباس',
  digestQuery: 'مقتصرة على',
  digestContinued: (part, parts) => `الجزء ${part} من ${parts}`,
  subscribed: (id) => `أُنشئت النشرة المجدولة رقم ${id}`,
  subscribedExisting: (id) => `النشرة المجدولة رقم ${id} موجودة بهذه الإعدادات؛ لم يتغير شيء`,
  subscribedResumed: (id) => `النشرة المجدولة رقم ${id} كانت متوقفة بعد فشل في الإرسال؛ وهي مفعّلة من جديد`,
  subscriptionSchedule: 'الموعد',
  subscriptionNextRun: 'النشرة القادمة',
  subscriptionChannel: 'القناة',
  subscriptionQuery: 'فقط المقالات المطابقة لـ',
  subscriptionLanguage: 'اللغة',
  subscriptionStatusFailing: (reason) => `متوقفة: ${reason}`,
  subscriptionsNone: 'لا توجد نشرات مجدولة في هذا الخادم. أضف واحدة بالأمر /digest subscribe',
  subscriptionsTitle: (n) => `النشرات المجدولة (${n})`,
  unsubscribed: (id) => `حُذفت النشرة المجدولة رقم ${id}`,

  aboutTitle: 'عن نشرة',
  aboutDescription: 'مكتب نشرات للأخبار العربية: بحث، واقتباسات مع قائليها، وملخصات.',
  aboutArticles: 'المقالات',
  aboutQuotations: 'الاقتباسات',
  aboutIndexed: 'تاريخ بناء الفهرس',
  aboutVersion: 'الإصدار',
  aboutLocale: 'لغة الواجهة',
  aboutWarnings: (n) => `ملفات متجاوزة: ${n} — راجع سجل البوت`,
};
