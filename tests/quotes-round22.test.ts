/**
 * Issue 9, round 22: from tune15's errors (both right 0.680 before the round). A role that names its place after
 * «في» and then an honorific before the name; a bare verb after «وفي تعليق لـX»; adverbs and manner words that are no
 * name words; «بعثة» as a body; an unnamed source in the accusative after «أن». And the speaker ranker's new features
 * (src/quotes/ranker.ts): the verb's gender, the role word after it, a body inside a person's role, the sentence's
 * first name. Short passages written for the tests, not copied from any outlet.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { analyseQuotes, extractQuotes } from '../src/quotes/extract.js';
import { candidateFeatures, candidatesOf, FEATURE_NAMES } from '../src/quotes/ranker.js';

const said = (...paragraphs: string[]) =>
  extractQuotes(article(...paragraphs)).map((q) => ({ speaker: q.speaker, role: q.speakerRole ?? null, kind: q.speakerKind }));

describe('round 22: the rules', () => {
  it('«في» + a definite place + an honorific inside a role goes on to the name', () => {
    expect(said('وقال الأمين العام لمجلس قبائل العراق في الجنوب الشيخ أحمد الغانم في البيان: "نرفض هذه التصريحات جملة وتفصيلا".')).toEqual([
      { speaker: 'أحمد الغانم', role: 'الأمين العام لمجلس قبائل العراق في الجنوب', kind: 'person' },
    ]);
    // (Without an honorific after the place, «في» still ends the role: «في البيان» is where he said it.)
    expect(said('وقال الأمين العام للمجلس في البيان: "نرفض هذه التصريحات جملة وتفصيلا".')[0].speaker).toBeNull();
  });

  it('a bare verb after «وفي تعليق لـX» is X speaking; an outlet after ل, or a name that begins with ل, is not', () => {
    expect(said('وفي تعليق لسالم الدوسري الذي يعمل في التسويق العقاري قال: «الأسعار لن تنخفض قبل نهاية العام المقبل».')[0]).toEqual({
      speaker: 'سالم الدوسري',
      role: null,
      kind: 'person',
    });
    expect(said('وفي تصريح لـ"الصحيفة" قال: «الأسعار لن تنخفض قبل نهاية العام المقبل».')[0].speaker).toBeNull();
    expect(
      said(
        'وقال بن ليندسي إنه "يتمنى لو تعلم إدارة القروض قبل دخول الجامعة".',
        'ويبدو تصريح ليندسي كأنه يدين المدينين، ثم قال: «الكلية استثمار ثمين لكنها حقيقة غير كاملة».',
      ).map((q) => q.speaker),
    ).toEqual(['بن ليندسي', 'بن ليندسي']);
  });
});

describe('round 22: words that are no names, and missions as bodies', () => {
  it('an adverb of the form taf\'ilan («تحديدا») ends a name; a name like «تيريزا» is still one', () => {
    expect(
      said(
        'وقال الجنرال عبدالرشيد دوستم "سنطرد المسلحين من الولاية قريبا".',
        'وينوي الجنرال البالغ 61 عاما الذهاب تحديدا الى الولاية بصفته نائبا للرئيس. واضاف "سترون، النساء سيرشقن المسلحين بالحجارة!".',
      ).map((q) => q.speaker),
    ).toEqual(['عبدالرشيد دوستم', 'عبدالرشيد دوستم']);
    expect(said('وقالت الوزيرة تيريزا ماي: "سنحترم نتيجة الاستفتاء كما هي".')[0].speaker).toBe('تيريزا ماي');
  });

  it('«بعثة» heads a body, named in full with where it is sent, and «البعثة» later points back to it', () => {
    expect(
      said('نفت بعثة الاتحاد الإفريقي الاتهامات الموجهة لها. وقالت البعثة في بيان: «قتل خمسة من المسلحين خلال المواجهة مع قواتنا».')[0],
    ).toEqual({ speaker: 'بعثة الاتحاد الإفريقي', role: null, kind: 'organisation' });
    // (A mission is named by where it is sent, which the subject's parse cuts at «في».)
    expect(
      said('نفت بعثة الأمم المتحدة في ليبيا هذه الأنباء. وقالت البعثة في بيان: «ندعو جميع الأطراف إلى وقف إطلاق النار فورا».')[0].speaker,
    ).toBe('بعثة الأمم المتحدة في ليبيا');
  });

  it('«بشدة»، «بقوة» after a name are the manner of saying, not part of the name', () => {
    expect(
      said(
        'وقال رئيس الصندوق محمود صالح إن "الحملة حققت أهدافها هذا العام".',
        'وانتقد صالح بشدة «القنوات الفضائية لعدم التزامها بالوثيقة التي أطلقت في مايو الماضي»، لافتا إلى نسب المشاهدة.',
      ).map((q) => q.speaker),
    ).toEqual(['محمود صالح', 'محمود صالح']);
  });
});

describe('round 22: an unnamed source in the accusative', () => {
  it('«إلا أن مسؤولاً محلياً، طلب عدم ذكر اسمه، قال» is an unnamed source, not the person named before', () => {
    expect(
      said(
        'وقال المسؤول الطبي عبد الغني هشي إنه "تم نقل 18 شخصا إلى المستشفى مصابين بطلقات نارية".',
        'إلا أن مسؤولاً محلياً، طلب عدم ذكر اسمه، قال: «نعتقد أن بعض القتلى ينتمون فعلا إلى المسلحين».',
      ).map((q) => [q.speaker, q.kind]),
    ).toEqual([
      ['عبد الغني هشي', 'person'],
      [null, 'unnamed'],
    ]);
    expect(said('لكن مصدراً أمنياً أكد أن "التحقيقات ما زالت جارية مع الموقوفين".')[0]).toEqual({ speaker: null, role: 'مصدر أمني', kind: 'unnamed' });
  });
});

describe('round 22: ranker features', () => {
  const feature = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);
  const featuresOf = (...paragraphs: string[]) => {
    const analysis = analyseQuotes(article(...paragraphs));
    const candidates = candidatesOf(analysis);
    return { candidates, features: candidateFeatures(analysis, candidates), at: (name: string | null) => candidates.findIndex((c) => c.name === name && !c.variant) };
  };

  it("a feminine verb agrees with the woman named by «قالت» elsewhere and clashes with the man named by «قال»", () => {
    const { features, at } = featuresOf(
      'قالت الباحثة سارة العلي إن "الدراسة شملت ألف طالب في المدارس الحكومية".',
      'وقال المشرف محمد الحربي إن "النتائج ستنشر الشهر المقبل في تقرير كامل".',
      'وأضافت: "نحتاج إلى متابعة الطلاب لسنوات حتى نفهم الأسباب".',
    );
    const third = features[2];
    expect(third[at('سارة العلي')][feature("gender agrees with the quotation's verb")]).toBe(1);
    expect(third[at('محمد الحربي')][feature("gender clashes with the quotation's verb")]).toBe(1);
    // (The first quotation's own verb is no evidence for itself: she has no other verb before it.)
    expect(features[0][at('سارة العلي')][feature("gender agrees with the quotation's verb")]).toBe(0);
  });

  it('a role word after the verb that nobody holds points to «no name»; one a person holds points to them', () => {
    const unnamed = featuresOf('أعلنت وزارة الداخلية القبض على خمسة متهمين.', 'وقال المتحدث باسم الشرطة في بيان: "تم ضبط الأسلحة والمواد المخدرة في المنزل".');
    expect(unnamed.features[0][unnamed.at(null)][feature("none: the role word after the verb is nobody's")]).toBe(1);
    const named = featuresOf('وقال رئيس شركة موانئ دبي العالمية سلطان أحمد بن سليم إن "افتتاح القناة الجديدة سيدعم نمو الاقتصاد المصري".');
    const person = named.at('سلطان أحمد بن سليم');
    const body = named.at('شركة موانئ دبي العالمية');
    expect(named.features[0][person][feature('the role word after the verb is its role')]).toBe(1);
    expect(named.features[0][body][feature("body in a person's role")]).toBe(1);
    expect(named.features[0][body][feature("first named in the quotation's sentence")]).toBe(1);
    expect(named.features[0][person][feature("first named in the quotation's sentence")]).toBe(0);
  });
});
