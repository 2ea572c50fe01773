/**
 * Generic Arabic news vocabulary: words that news prose uses to report ANY event, so that two articles sharing them
 * are no more likely to report the same event. Written for Nashra from knowledge of Modern Standard Arabic news
 * style (wire copy of the national agencies, ministry communiqués, Gulf, Levantine and Maghrebi outlets); it is a
 * project-authored word list, not counts taken from any corpus.
 *
 * Why a list at all: word rarity is estimated from the corpus (IDF in vectors.ts), but a folder of five articles
 * cannot tell a generic word from a telling one. In the seeds, «شراكة» (partnership), «مكافحة» (combating),
 * «دور» (role) or «أشغال» (proceedings) occur in two articles of five, exactly as rare as «بلينكن» or «مراكش», and
 * linked reports of different events as strongly as names and places link reports of one. On a large corpus the
 * IDF already finds most of these words common; the list then changes little.
 *
 * What is deliberately NOT here: names of people, places, organizations and countries, and topic words
 * («الإرهاب», «النفط», «الانتخابات»). Those do carry event identity, or at least topic identity, and the corpus
 * IDF is the right judge of how common they are.
 *
 * Spelling: entries go through the shared analyzer (normalization, light stemming), so one entry covers its
 * hamza/ة/ى spellings and «ال»/«و» prefixes. The stemmer leaves a lone «ب»/«ل» on the word («بدور», «لمكافحة»),
 * so the common prepositional forms are listed as well.
 */
import { analyzeTerm } from '../arabic/index.js';

/** Each category with the reason it carries little event identity. */
const GENERIC_NEWS_VOCABULARY: readonly { why: string; words: string }[] = [
  {
    why: 'Reporting verbs and attribution: every article quotes someone and names its channel.',
    words: `
      قال قالت يقول وقال وقالت أضاف أضافت مضيفا مضيفة أكد أكدت يؤكد مؤكدا مؤكدة تأكيد تأكيدا أوضح أوضحت موضحا
      أشار أشارت مشيرا مشيرة لفت لافتا شدد شددت مشددا صرح صرحت تصريح تصريحات تصريحه أعلن أعلنت إعلان أعرب أعربت
      معربا أشاد أشادت مشيدا إشادة ثمن نوه دعا دعت داعيا اعتبر اعتبرت معتبرا أبرز أبرزت مبرزا تابع ذكر ذكرت يذكر
      نقل نقلت نقلا أفاد أفادت بيان البيان بلاغ بحسب حسب وفق وفقا مصدر مصادر وكالة الأنباء للأنباء الصحافة للصحافة
      صحفي صحفية مراسل المتحدث متحدث الرسمي الرسمية رسميا باسم`,
  },
  {
    why: 'Titles, honorifics and office-holders: the person is the event, the title is shared by all their news.',
    words: `
      وزير وزيرة وزارة الوزاري الوزارية الوزراء رئيس رئيسة رئاسة نائب مساعد مساعدة مستشار مدير أمين العام العامة مسؤول مسؤولون
      المسؤولين منسق سفير سفارة ممثل ممثلي وفد نظيره نظيرته السيد السيدة الدكتور جلالة صاحب السمو سمو معالي فخامة
      الملك الأمير الشيخ`,
  },
  {
    why: 'Generic institutions and polities: every government story has a ministry, a council or "the two countries".',
    words: `
      الحكومة حكومة حكومتي الحكومات السلطات سلطات الخارجية الداخلية الشؤون مجلس لجنة هيئة مؤسسة المؤسسات مكتب
      لمكتب جهاز الأجهزة أجهزة مركز منظمة إدارة الدولة الدول دولة دول البلدين البلدان بلدان البلد البلاد المملكة
      الجمهورية`,
  },
  {
    why: 'Cooperation and policy vocabulary: the same nouns and verbs describe every visit, accord and campaign.',
    words: `
      تعاون التعاون شراكة الشراكة شريك شريكا شركاء علاقات العلاقات علاقة الثنائية ثنائية تعزيز لتعزيز دعم لدعم
      تطوير لتطوير تنمية التنمية تنسيق التنسيق جهود بجهود مجهودات دور بدور دورا مكانة مجال مجالات إطار مستوى
      المستوى الصعيد التزام الالتزام مشترك المشترك المشتركة مشتركة مكافحة لمكافحة بمكافحة محاربة لمحاربة مواجهة
      لمواجهة التصدي الاستقرار الأمن السلام الأولويات قضايا القضايا ملف الملفات مبادرة المبادرة مبادرات قدرات
      القدرات تبادل آليات استراتيجية الاستراتيجية استراتيجي الاستراتيجي رؤية مقاربة المقاربة سياسة السياسة تحقيق
      بهدف ضمان`,
  },
  {
    why: 'Scope adjectives and generic places: "international", "regional", "the region" qualify news of every kind.',
    words: `
      الدولي الدولية دولي دولية العالمي العالمية عالمي الإقليمي الإقليمية إقليمي المحلي المحلية الوطني الوطنية
      العربي العربية المنطقة منطقة المناطق العالم المجتمع القارة العاصمة مدينة المدينة بمدينة`,
  },
  {
    why: 'Meetings and their proceedings: most diplomatic news is a meeting; the word says which kind, not which one.',
    words: `
      اجتماع الاجتماع اجتماعا اجتماعات لقاء اللقاء لقاءات مباحثات محادثات مشاورات زيارة الزيارة جولة مؤتمر المؤتمر
      ندوة منتدى المنتدى قمة القمة جلسة الجلسة افتتاح انعقاد عقد يعقد ينعقد أشغال فعاليات حضور بحضور مشاركة
      بمشاركة المشاركين المشاركة انطلقت انطلاق اختتام بدعوة`,
  },
  {
    why: 'Announcements written from one template (births, weddings, condolences, Eid greetings, telegrams and phone calls): the family or the official is the event, the formula is every such notice.',
    words: `
      رزق رزقت مولود بمولود مولوده مولودة مواليد تسمية تسميته تسميتها حرمه وحرمه السعادة مبروك تهانينا زفاف زواج
      بزواج قران نجله نجل كريمته العروسين عزاء العزاء تعزية التعزية تعازي التعازي مواساة المواساة المواسين الفقيد
      الفقيدة المرحوم المرحومة وافته المنية جنازة مقبرة المهنئين تهنئة التهنئة التهاني تهاني برقية برقيات معايدة
      المعايدة حفل الحفل احتفال الاحتفال احتفالات بمناسبة مناسبة المناسبة عيد العيد الفطر الأضحى المبارك اتصال
      اتصالا هاتفيا الهاتفي استقبل استقبال يستقبل اتفق جعله أعين والديه وأقر البكر يتقبلون تقبلت البارحة أديت
      ووري الثرى توافد`,
  },
  {
    why: 'Evaluation and emphasis: the diplomatic register praises every partner in the same words.',
    words: `
      هام الهام مهم المهم مهمة أهمية بأهمية كبير الكبير كبيرة بالغ البالغ الكبرى ممتاز الممتازة متميز المتميزة
      ريادي الريادي رائد رائدا محوري المحوري محورية بناء البناءة وثيق الوثيقة متين المتينة ثابت الثابت قوي القوية
      فعال الفعال ضرورة ضروري جديد الجديد جديدة الجديدة حاسم`,
  },
  {
    why: 'Time references: every story of a day says "today" and its weekday, every story of a month its month.',
    words: `
      اليوم أمس غدا الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباح صبيحة مساء الأسبوع الشهر الجاري
      الماضي الماضية المقبل المقبلة السنة عام الحالي الحالية مؤخرا الأخيرة الأخير الأول الأولى أول لأول الثاني
      الثانية مرة يوم أيام سنوات
      يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
      كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين يوليوز غشت شتنبر نونبر دجنبر`,
  },
  {
    why: 'Connectives and quantifiers the stopword list leaves to search: they structure any article.',
    words: `
      إضافة بالإضافة علاوة كذا وكذا خاصة خصوصا سواء ضمن نفس ذاته ذاتها السياق سياق الصدد بشأن بخصوص جانب مختلف
      بشكل كافة جميع عدة عدد العديد مجموعة أخرى الأخرى آخر حوالي قدر لكون كون يمكن يجب ينبغي جرى وذلك فيما بينما حين
      ألف مليون مليار`,
  },
];

/**
 * How much a generic news word still weighs against a word of average rarity. Not 0: in a story about a meeting
 * the meeting words do belong to it, they just must not decide on their own which reports are the same event.
 * Measured on the seeds: 0.1–0.3 give nearly the same threshold window for the right grouping (0.29–0.31 at 0.1,
 * 0.284–0.309 at 0.2, 0.283–0.308 at 0.3).
 */
export const GENERIC_TERM_WEIGHT = 0.2;

let genericTerms: Set<string> | null = null;

/** Whether an analyzed term is generic news vocabulary (see the categories above). */
export function isGenericNewsTerm(term: string): boolean {
  if (!genericTerms) {
    // Built lazily through the shared analyzer, so the list follows any change to normalization or stemming.
    genericTerms = new Set();
    for (const { words } of GENERIC_NEWS_VOCABULARY) {
      for (const word of words.split(/\s+/).filter(Boolean)) {
        // The definite form too: the stemmer reads a bare word's first «و» as a conjunction («وزير» → «زير») but
        // keeps it after «ال» («الوزير» → «وزير»), so one entry must cover both.
        for (const form of word.startsWith('ال') ? [word] : [word, `ال${word}`]) {
          const term = analyzeTerm(form);
          if (term) genericTerms.add(term);
        }
      }
    }
  }
  return genericTerms.has(term);
}

/** The prior factor on a term's corpus IDF: GENERIC_TERM_WEIGHT for generic news vocabulary, 1 otherwise. */
export function newsSpecificity(term: string): number {
  return isGenericNewsTerm(term) ? GENERIC_TERM_WEIGHT : 1;
}
