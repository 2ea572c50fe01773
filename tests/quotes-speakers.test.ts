/**
 * Issue 9: speaker attribution on outlets the extractor was not written for. Each case is a short sentence in
 * the styles found in SaudiNewsNet (straight marks, organisations, attribution after the quote); the expected
 * speaker was read from the sentence, not copied from the extractor.
 */
import { describe, expect, it } from 'vitest';
import { quoteJson } from '../src/cli/json.js';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { scanQuoteMarks } from '../src/quotes/marks.js';

const quotes = (...paragraphs: string[]) => extractQuotes(article(...paragraphs));

describe('organisations and unnamed sources (speakerKind)', () => {
  it('a body speaks in its own name, and «بيان الداخلية» is the ministry named in full before', () => {
    const [first, second] = quotes(
      'واضافت وزارة الداخلية التونسية ان قوات الامن «تمكنت من تطويق الاماكن المتواجد فيها المشتبه بهم». وتابع بيان الداخلية التونسية «بادر العنصر الفار باطلاق النار تجاههم ما أدى الى مقتله».',
    );
    expect(first).toMatchObject({ speaker: 'وزارة الداخلية التونسية', speakerKind: 'organisation', speakerRole: null });
    expect(second).toMatchObject({ speaker: 'وزارة الداخلية التونسية', speakerKind: 'organisation' });
  });

  it('«بيان صادر عن X» names X; an unnamed source keeps its description and no name', () => {
    expect(quotes('وأفاد بيان صادر عن ولاية غازي عنتاب بأن الفرق «شنت تلك الحملات بشكل متزامن على 36 عنوانًا».')[0]).toMatchObject({
      speaker: 'ولاية غازي عنتاب',
      speakerKind: 'organisation',
    });
    expect(quotes('وقالت مصادر أمنية إن "المسلحين فروا باتجاه الحدود قبل وصول القوات".')[0]).toMatchObject({
      speaker: null,
      speakerKind: 'unnamed',
      speakerRole: 'مصادر أمنية',
    });
  });

  it('the JSON contract carries speakerKind, defaulting an old stored quotation by its speaker', () => {
    const [q] = quotes('وقال الجيش اللبناني في بيان أمس إنه "أوقف 23 شخصا من التابعية السورية في محلة تعنايل".');
    expect(quoteJson(q)).toMatchObject({ speaker: 'الجيش اللبناني', speakerKind: 'organisation' });
    const old = { articleId: 'a', text: 'x y z w', speaker: 'سمير جعجع', speakerRole: null, paragraph: 0 };
    expect(quoteJson(old).speakerKind).toBe('person');
  });
});

describe('names', () => {
  it('a family name in ة after a role and its complement, and after a given name that role marked earlier', () => {
    const [first, second] = quotes(
      'وقال وزير الخارجية خالد العطية: «نحن ندعم الأمن والاستقرار في المنطقة كلها».',
      'وردا على سؤال عن الاتفاق، قال خالد العطية: «إن الحوار هو الطريق الوحيد لحل الخلافات بين الدول».',
    );
    expect(first).toMatchObject({ speaker: 'خالد العطية', speakerRole: 'وزير الخارجية', speakerKind: 'person' });
    expect(second).toMatchObject({ speaker: 'خالد العطية', speakerKind: 'person' });
    // Without a role anywhere, a definite word in ة after a noun is no family name: no speaker is invented.
    expect(quotes('وقالت مقدمة الأغنية: «يا ليل طول شوية».')[0]?.speaker ?? null).toBeNull();
  });

  it('«علي» is a given name, not the preposition «على»', () => {
    expect(quotes('من جانبه، قال اللواء الدكتور علي بن سعيد الحارثي: "ان مثل هذه الاعمال الاجرامية تؤكد ان المملكة مستهدفة".')[0].speaker).toBe(
      'علي بن سعيد الحارثي',
    );
  });

  it('a quoted name inside the role ends it: the person named after it speaks', () => {
    expect(quotes('من جانبه قال المدير العام رئيس تحرير "سبق" علي الحازمي: "تسعى الصحيفة إلى تحقيق نقلة نوعية في القسم الرياضي".')[0]).toMatchObject({
      speaker: 'علي الحازمي',
      speakerKind: 'person',
    });
  });

  it('the name after a role\'s prepositional phrase and an honorific', () => {
    expect(
      quotes('وقال المدير العام للعلاقات الخارجية في وزارة الشؤون الإسلامية الشيخ عبدالمجيد العمري، إن "المجتمع الدولي أصبح بحاجة ماسة إلى مواجهة العنف".')[0]
        .speaker,
    ).toBe('عبدالمجيد العمري');
  });

  it('«وحول زيارة…» is an adverbial, never taken for a name', () => {
    const qs = quotes(
      'وقال فيصل العمراني: "الوزارة تجاهلت الشكوى ولم ترد عليها إلا بعد النشر".',
      'وحول زيارة قيادي الجامعة له، نفى زوج المعلمة زيارة أي مسؤول، وقال: "لم يزرني أي أحد من قياديي الجامعة لتقديم واجب العزاء".',
    );
    // «زوج المعلمة» (the husband, named earlier) is read as a description; linking it back is not done yet.
    expect(qs[1].speaker ?? '').not.toContain('وحول');
    expect(qs[1].speakerRole ?? '').not.toContain('وحول');
  });
});

describe('finding quotations', () => {
  it('a straight-quoted name nested inside a straight quotation does not split it', () => {
    const p = 'وقال علي الحازمي: "تسعى صحيفة "سبق" الإلكترونية إلى تحقيق نقلة نوعية في القسم الرياضي".';
    const spans = scanQuoteMarks(p).spans;
    expect(spans).toHaveLength(1);
    expect(p.slice(spans[0].start, spans[0].end)).toBe('تسعى صحيفة "سبق" الإلكترونية إلى تحقيق نقلة نوعية في القسم الرياضي');
  });

  it('a quotation that lost its closing mark ends where the narration takes over', () => {
    const qs = quotes('وأضاف: "تم رصد 250 عاملاً يعملون خلال فترة المنع .   وأكد المدير أن الجولات مستمرة، وقال "سنطبق العقوبات على جميع المخالفين دون استثناء".');
    expect(qs.map((q) => q.text)).toEqual(['تم رصد 250 عاملاً يعملون خلال فترة المنع', 'سنطبق العقوبات على جميع المخالفين دون استثناء']);
  });

  it('the attribution may follow the quotation: «"…"، هذا ما قاله X»', () => {
    expect(quotes('"النادي يعلم رغبتي، أريد الرحيل"، هذا ما قاله تياغو موتا بعد المباراة الودية.')[0]).toMatchObject({
      text: 'النادي يعلم رغبتي، أريد الرحيل',
      speaker: 'تياغو موتا',
    });
  });

  it('a complete short utterance with its own full stop is speech; «مخرج الفيلم» before a colon is no title', () => {
    expect(quotes('وقال جوزيه مورينيو في مؤتمر صحفي اليوم "نعم الجميع بخير."')[0]?.text).toBe('نعم الجميع بخير.');
    expect(quotes('وقال المخرج سام منديز إنه سعيد. وقال مخرج الفيلم: "يمكنك أن تلمس أن إنتاج هذا الفيلم أضخم".')[0]).toMatchObject({
      speaker: 'سام منديز',
    });
  });
});

describe('coreference within the article (issue 9, second round)', () => {
  it('a surname alone is the full name the narration gave first, after a role and an honorific', () => {
    const qs = quotes(
      'ووقع الاتفاق عن الجانب السعودي مدير عام الشركة المهندس صالح بن ناصر الجاسر، بحضور عدد من المسؤولين.',
      'وقال الجاسر: "نحن فخورون بهذه الخطوة التي تخدم ضيوفنا في كل المطارات".',
    );
    expect(qs[0]).toMatchObject({ speaker: 'صالح بن ناصر الجاسر', speakerKind: 'person' });
  });

  it('the subject of any clause-opening verb, marked by a role, is who a bare participle speaks for', () => {
    const qs = quotes(
      'وأعلن الجيش في بيان أمس أنه "أوقف عشرين شخصا دخلوا البلاد بطريقة غير شرعية".',
      'من جهة أخرى، وصف رئيس الحزب سمير جعجع زيارته بالناجحة، مؤكدا أن "العلاقات بين البلدين ستبقى متينة مهما حدث".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['الجيش', 'سمير جعجع']);
  });

  it('«وفقا للمخرج X» names the source; a later «وقال المخرج» is the same person', () => {
    const qs = quotes(
      'واستغرق تصوير الجزء الأخير عامين كاملين وفقا للمخرج سام منديز في حوار إذاعي. وأضاف: "أعتبر تصوير هذا الفيلم تجربة مهمة غيرت حياتي".',
      'وتحدث الممثلون عن صعوبة المشاهد. وقال المخرج: "لا أرغب في استكمال هذا الطريق مرة ثانية بعد اليوم".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['سام منديز', 'سام منديز']);
  });

  it('a new subject that cannot be read stops the previous speaker instead of carrying them on', () => {
    const qs = quotes(
      'وقال الوزير فهد الرشيد: "المشروع يسير وفق الخطة الموضوعة له منذ البداية".',
      'وأضاف العطية: "نتطلع إلى نتائج أفضل في الموسم المقبل بإذن الله".',
    );
    expect(qs[0].speaker).toBe('فهد الرشيد');
    expect(qs[1].speaker).toBeNull();
  });

  it('a definite word before «عن» is the verb\'s object, not a family name; the full name comes from the first mention', () => {
    const qs = quotes(
      'وتأتي التقارير رغم المرونة التي يبديها الرئيس الأمريكي باراك أوباما إزاء الملف.',
      'بدوره واصل أوباما الدفاع عن الاتفاق، وقال إن "رفض الاتفاق سيقود إلى حرب أخرى في المنطقة".',
    );
    expect(qs[0].speaker).toBe('باراك أوباما');
  });

  it('«ونقلت الوكالة عن X قوله»: X speaks, not the outlet relaying him', () => {
    const [q] = quotes('ونقلت وكالة الأنباء الرسمية عن المتحدث باسم الوزارة أحمد الخالدي قوله إن "الحدود ستبقى مغلقة حتى إشعار آخر".');
    expect(q).toMatchObject({ speaker: 'أحمد الخالدي', speakerKind: 'person' });
  });

  it('«وتابعت الرسالة» with no issuer stays with the writer of the letter', () => {
    const qs = quotes(
      'وقالت وزيرة الداخلية تيريزا ماي في رسالة نشرتها الصحيفة: «لا توجد حلول سهلة لهذه الأزمة المتفاقمة».',
      'وتابعت الرسالة: «نضغط على الدول الأخرى للتعامل مع المشكلة من جذورها».',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['تيريزا ماي', 'تيريزا ماي']);
  });

  it('«وجاء في بيان النادي» introduces a statement; three words right after «إن» are one too', () => {
    const qs = quotes(
      'وجاء في بيان النادي على موقعه الرسمي "وقع اللاعب عقد إعارة لمدة موسم واحد مع خيار الشراء".',
      'وقال القيادي أبو مالك الشامي إن "المفاوضات شبه مقطوعة".',
    );
    expect(qs.map((q) => q.text)).toEqual(['وقع اللاعب عقد إعارة لمدة موسم واحد مع خيار الشراء', 'المفاوضات شبه مقطوعة']);
    expect(qs[0].speakerKind).toBe('organisation');
    expect(qs[1].speaker).toBe('أبو مالك الشامي');
  });

  it('a name quoted in “…” inside a curly quotation does not split it', () => {
    const p = 'وتابع قائلا “مسكين هذا الكاتب “هيكل”، الذي يهاجم بلادنا كل يوم بلا سبب”.';
    const spans = scanQuoteMarks(p).spans;
    expect(spans).toHaveLength(1);
    expect(p.slice(spans[0].start, spans[0].end)).toContain('هيكل');
  });

  it('an unclosed quotation is not cut at «، تؤكد»: a present-tense verb after a comma is the speaker\'s own', () => {
    const [q] = quotes('من جانبه، قال اللواء منصور التركي: "ان هذه الاعمال التي تستهدف رجال الامن، تؤكد ان البلاد مستهدفة من الخارج');
    expect(q.text).toContain('تؤكد ان البلاد مستهدفة');
    expect(q.speaker).toBe('منصور التركي');
  });
});

describe('names that must not be invented (read on fresh articles)', () => {
  it('after two name words a noun in ة is the object: «اللواء مجدي عبدالغفار برقية عزاء»', () => {
    const [q] = quotes('وبعث وزير الداخلية اللواء مجدي عبدالغفار برقية عزاء إلى نظيره، وقال فيها: "نقف معكم في مواجهة الإرهاب بكل ما نملك".');
    expect(q.speaker).toBe('مجدي عبدالغفار');
  });

  it('«وكشفت مجموعة من الناشطين» is an unnamed source, not a body called «مجموعة»', () => {
    const [q] = quotes('وكشفت مجموعة من الناشطين أن "التنظيم أنشأ كتيبة نسائية لمراقبة الفتيات في المدينة".');
    expect(q).toMatchObject({ speaker: null, speakerKind: 'unnamed' });
  });

  it('«كان X قال» without «قد» reads the subject after كان; a surname is not stretched over a sentence start', () => {
    const qs = quotes(
      'وتوترت العلاقات بين البلدين منذ ذلك الحين.',
      'كان وزير الخارجية القطري خالد العطية قال في مقابلة "العلاقة بين البلدين طيبة رغم الخلاف السياسي القائم".',
      'وشارك في الأمسية عدد من الشعراء عام 2010. كتب بوزيد حرز الله قصائده الأولى هناك. وقال حرز الله: "الشعر هو ما يبقى بعد أن يرحل الجميع".',
    );
    expect(qs[0].speaker).toBe('خالد العطية');
    expect(qs[1].speaker).toBe('حرز الله');
  });

  it('«حسب نظام…» names no one, so the speaker before goes on', () => {
    const qs = quotes('وقال وزير الطاقة إرنست مونيز إن المفتشين سيدخلون المواقع حسب نظام البروتوكول الإضافي، مضيفا أن "التفتيش سيكون دقيقا وشاملا".');
    expect(qs[0].speaker).toBe('إرنست مونيز');
  });
});

describe('issue 9, third round: mechanisms for outlets not seen (sentences in SaudiNewsNet styles)', () => {
  it('«قال لـ«صحيفة» X»: the outlet the speaker talked to comes before the name and is skipped', () => {
    const [a] = quotes('وقال لـ«عكاظ» المتحدث الإعلامي لهيئة الهلال الأحمر بالمنطقة خالد مرضي العنزي «باشرت الفرق الإسعافية حادثا على طريق المدينة».');
    expect(a).toMatchObject({ speaker: 'خالد مرضي العنزي', speakerKind: 'person' });
    const [b] = quotes('وقال لـ "الاقتصادية" عادل الملطاني؛ شيخ طائفة الصرافين في جدة، "إن أزمة اليورو شجعت كثيرا من المسافرين على السفر".');
    expect(b.speaker).toBe('عادل الملطاني');
  });

  it('a name stops at a preposition glued to an outlet («لإذاعة»، «لـCNN»، «لبي بي سي»)', () => {
    expect(quotes('وقال فابيوس لإذاعة فرانس إنتر "الاتفاق جيد لكنه يحتاج إلى رقابة صارمة".')[0].speaker).toBe('فابيوس');
    expect(quotes('وقال اللاعب محمد صلاح لبي بي سي: "أنا سعيد جدا بالانضمام إلى هذا النادي الكبير".')[0].speaker).toBe('محمد صلاح');
    expect(quotes('وقال المدير الفني للمنتخب لـCNN: "نحن جاهزون للمباراة القادمة ضد المنافس".')[0].speaker).toBeNull();
  });

  it('given names that look like function words: «فالح» (not ف + ال), «بين تومبسون» (not the preposition)', () => {
    expect(quotes('وقال نائب رئيس مجلس محافظة الأنبار فالح العيساوي في حديث صحفي إن «القوات الأمنية تمكنت من الوصول إلى المستودع».')[0].speaker).toBe(
      'فالح العيساوي',
    );
    expect(quotes('وقال بين تومبسون، محلل الأسواق في لندن، إن "الأسعار ستواصل الارتفاع خلال الأشهر المقبلة".')[0]).toMatchObject({
      speaker: 'بين تومبسون',
      speakerRole: 'محلل الأسواق في لندن',
    });
    // The preposition stays a preposition.
    expect(quotes('وقال بين الحين والآخر إن "الأسعار ستواصل الارتفاع خلال الأشهر المقبلة".')[0].speaker).toBeNull();
  });

  it('a compound name «عز الدين» in apposition after the role; a long name with «بن» and «عبد» links', () => {
    expect(quotes('قال مدير أمن المحافظة، اللواء إسماعيل عز الدين، إنهم «من عناصر الجماعة التي نفذت الهجمات الأخيرة».')[0].speaker).toBe(
      'إسماعيل عز الدين',
    );
    expect(quotes('وأكد لـ«الشرق الأوسط» الدكتور خالد بن عبد القادر طاهر، أمين المنطقة، أن «ما يشاهده الزوار هو المرحلة الأولى فقط».')[0]).toMatchObject({
      speaker: 'خالد بن عبد القادر طاهر',
      speakerRole: 'أمين المنطقة',
    });
  });

  it('«أصدرت X بيانا قالت فيه»: the issuer of the document speaks, a body the lexicon does not list included', () => {
    expect(quotes('وأصدرت البطريركية اللاتينية بيانا قالت فيه: "ندين بشدة الاعتداء على الكنيسة في القدس".')[0]).toMatchObject({
      speaker: 'البطريركية اللاتينية',
      speakerKind: 'organisation',
    });
    expect(quotes('وألقى الرئيس الأمريكي باراك أوباما كلمة قال فيها "إن الاتفاق يمنع إيران من امتلاك سلاح نووي".')[0].speaker).toBe('باراك أوباما');
  });

  it('«X الذي قال»: the antecedent of the relative pronoun speaks when a mark names it', () => {
    expect(quotes('ومن هؤلاء مالك صقر يدعى مطر الكواري الذي قال لتلفزيون رويترز "هذا يساعد الصقارين كثيرا في علاج طيورهم".')[0].speaker).toBe(
      'مطر الكواري',
    );
    // «على رفض الاتفاق الذي قال…» names no one.
    const qs = quotes('وحث نتنياهو المشرعين على رفض الاتفاق الذي قال إنه "لن يؤدي إلا لتغذية آلة الحرب في المنطقة".');
    expect(qs[0]?.speaker ?? null).not.toBe('رفض الاتفاق');
  });

  it('a body\'s name ends before the verb\'s object and keeps «لكرة القدم»', () => {
    const qs = quotes(
      'أعلنت وزارة الداخلية الكويتية القبض على المتهمين. وقالت الوزارة في بيان: "تمكنت الأجهزة الأمنية من ضبط المتهمين في وقت قياسي".',
      'وأعلن الاتحاد السعودي لكرة القدم على حسابه في تويتر: "تم تعيين المدرب الجديد للمنتخب الأول".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['وزارة الداخلية الكويتية', 'الاتحاد السعودي لكرة القدم']);
  });

  it('«ويدعى X» after a part of a group, participles such as «مازحا», «ويتابع X حديثه قائلا»', () => {
    expect(quotes('وروى احد سكان البلدة ويدعى محمد جيليك لوكالة فرانس برس «ان المدينة غارقة في الفوضى منذ الصباح».')[0].speaker).toBe('محمد جيليك');
    expect(quotes('وقال الحارس مازحا: "سأعود إلى الملعب قريبا مهما حدث".')[0].speaker ?? null).toBeNull();
    const qs = quotes('وقال سميث إن الوضع صعب.', 'ويتابع سميث حديثه قائلا: "لن نسمح للإرهابيين بتهديد أمننا القومي".');
    expect(qs[0].speaker).toBe('سميث');
  });

  it('«متحدثة باسم الاتحاد» is a spokeswoman (a role), not the participle «متحدثا»; «لرئيس الوزراء» is an addressee', () => {
    expect(quotes('وقالت متحدثة باسم الاتحاد في بيان "ندعو الى تحمل المسؤولية الكاملة والتطبيق الفاعل للقرارات".')[0]).toMatchObject({
      speaker: null,
      speakerRole: 'متحدثة باسم الاتحاد',
    });
    expect(quotes('وقال إردوغان لرئيس الوزراء الصيني لي كيتشيانغ "نريد علاقات تجارية أكثر توازنا بين بلدينا".')[0].speaker).toBe('إردوغان');
  });

  it('long names: «رحمة الله» goes on to the family name, «بن» and «آل» do not count toward the length', () => {
    expect(quotes('وقال رحمة الله يوسف زائي الخبير الباكستاني في شؤون الحركة إن "المقاتلين لا يرون أن الحركة ستصمد طويلا".')[0]).toMatchObject({
      speaker: 'رحمة الله يوسف زائي',
      speakerRole: 'الخبير الباكستاني',
    });
    expect(quotes('ويقول رئيس مجلس إدارة الغرفة التجارية في المحافظة سياف بن عامر آل خشيل: "إن مزارعي المحافظة بحاجة ماسة إلى دعم كبير".')[0].speaker).toBe(
      'سياف بن عامر آل خشيل',
    );
  });

  it('«أما X، role، فيقول»: the subject bracketed by «أما … فـ»; «عن الداخلية» is the ministry named in full before', () => {
    expect(quotes('أما ريتشارد هاينسورث، المالك السابق لوكالة تصنيف في موسكو، فيقول "إن الأشخاص داخل الدولة قد تلاعبوا بالقواعد".')[0].speaker).toBe(
      'ريتشارد هاينسورث',
    );
    const qs = quotes(
      'أعلنت وزارة الداخلية الكويتية أمس ضبط عناصر شبكة إرهابية.',
      'ونقلت وكالة الأنباء الكويتية عن الداخلية أن المتهمين اعترفوا «بتلقي دورات في صناعة المتفجرات خارج البلاد».',
    );
    expect(qs[0]).toMatchObject({ speaker: 'وزارة الداخلية الكويتية', speakerKind: 'organisation' });
  });

  it('«إننا» opens the statement, not a name; a day ends a name; «إلى» after «التقرير» is no issuer', () => {
    expect(quotes('وقال قيادي في الجمعية، إننا «لا نخرج دعاة متشددين بل أناسا قادرين على الخطابة».')[0]).toMatchObject({
      speaker: null,
      speakerRole: 'قيادي',
    });
    expect(quotes('وقال وزير الدفاع الأميركي أشتون كارتر الخميس إن "الاتفاق لا يمنعنا من الخيار العسكري عند الحاجة".')[0].speaker).toBe('أشتون كارتر');
    const qs = quotes(
      'أصدرت منظمة هيومن رايتس ووتش تقريرا عن الحرب.',
      'وأشار التقرير إلى رفض الأطراف الاستجابة للنداءات. وأضاف "طالب كثير من المنظمات الحقوقية الأطراف بالتوقف عن القصف".',
    );
    expect(qs[0].speaker).not.toBe('إلى رفض الأطراف الاستجابة للنداءات');
  });

  it('a word written «أل…» with hamza is no article: «ألكسندر نوفاك» is a name', () => {
    expect(quotes('وقال وزير الطاقة الروسي ألكسندر نوفاك إن "تقييم البلدين للوضع متطابق في الكثير من المواضيع".')[0]).toMatchObject({
      speaker: 'ألكسندر نوفاك',
      speakerRole: 'وزير الطاقة الروسي',
    });
  });

  it('a body\'s name takes one genitive and its adjectives: «حركة طالبان الأفغانية» but not «الحركة تعيين…»', () => {
    const qs = quotes(
      'وأعلنت حركة طالبان الأفغانية المتمردة تعيين نائبين للملا منصور. وقالت الحركة في بيان "إن القرار اتخذ بالإجماع بين أعضاء المجلس".',
    );
    expect(qs[0]).toMatchObject({ speaker: 'حركة طالبان الأفغانية المتمردة', speakerKind: 'organisation' });
    expect(quotes('وقالت وزارة الأوقاف الاعتراف بالمعاهد "لن يتم قبل توفيق أوضاعها بشكل كامل ونهائي".')[0].speaker).toBe('وزارة الأوقاف');
  });

  it('a verbal noun («استمرار»، «اختفاء») is the object, not a name; «أول من أمس»، «حديثه»، «برأي» neither', () => {
    const qs = quotes(
      'وأعلن الأمير خالد آل سعود دعمه للحملة.',
      'واستنكر الأمير خالد اختفاء بعض الأقلام الوطنية قائلا "بعض الأقلام الوطنية اختفت تماما عن هذا الوسم".',
    );
    expect(qs[0].speaker).toBe('خالد آل سعود');
    expect(quotes('ووصف الرئيس الأميركي باراك أوباما أول من أمس القواعد بأنها ضرورية، وقال «إنها واحدة من أهم الخطوات التي اتخذتها الإدارة».')[0].speaker).toBe(
      'باراك أوباما',
    );
    expect(quotes('وقال الدكتور سليمان آرتي إن الغزو غيّر كل شيء. ويتابع سليمان آرتي حديثه: «تعلمت أن المقاومة ليست حصرا في حمل السلاح».')[0].speaker).toBe(
      'سليمان آرتي',
    );
  });

  it('a body\'s name stops at «التابعة لـ» and at a phrase with «ب»; «قيادة قوات التحالف» is a body', () => {
    expect(quotes('وقالت لجنة مكافحة الفساد التابعة لرئيس الوزراء بالتحقيق في بيان: "نتائج التحقيقات أظهرت أن الأموال جاءت من متبرعين".')[0].speaker).toBe(
      'لجنة مكافحة الفساد',
    );
    expect(quotes('وقالت قيادة قوات التحالف، في بيان إن «طائرة تابعة للقوات هبطت اضطراريا في المنفذ الحدودي».')[0]).toMatchObject({
      speaker: 'قيادة قوات التحالف',
      speakerKind: 'organisation',
    });
  });

  it('a partial quotation of three words after a verb, «بـ», or in a clause opened by «أن»; not a name after «في» or a body', () => {
    expect(quotes('أعلن مسؤول عراقي الاثنين أن أكثر من 1500 مدرسة دمرت «جزئياً أو كلياً» في المحافظة.').map((q) => q.text)).toEqual(['جزئياً أو كلياً']);
    expect(quotes('وأكد المدرب بأنه "على ثقة تامة" بان فريقه سيفوز باللقب هذا الموسم.').map((q) => q.text)).toEqual(['على ثقة تامة']);
    expect(quotes('وأعلن عزمه على مقاضاة المتحدث الرسمي، متهما إياه بـ"التدليس ومخالفة الحقيقة" في تصريحاته.').map((q) => q.text)).toEqual([
      'التدليس ومخالفة الحقيقة',
    ]);
    expect(quotes('وقال بوب ساندرز، نائب رئيس المحتوى في «بيرسون أميركا الشمالية» إن الشركة تعمل على ذلك.')).toEqual([]);
    expect(quotes('وقالت السا غونزاليس في تصريح الى محطة التلفزيون العامة «تي في اي» إن الوضع صعب.')).toEqual([]);
  });

  it('«على لسان X» names who speaks for a body; «بحسب X فإن "…"» and «"…"، كما جاء في البلاغ» attribute the quotation', () => {
    expect(quotes('وقالت الشركة على لسان مديرها التنفيذي جون سميث إن "الأرباح ارتفعت بنسبة كبيرة خلال العام الماضي".')[0]).toMatchObject({
      speaker: 'جون سميث',
      speakerKind: 'person',
    });
    expect(quotes('وبحسب المتحدث باسم الشرطة أحمد سالم فإن "التحقيقات جارية لمعرفة ملابسات الحادث".')[0]?.speaker).toBe('أحمد سالم');
    const [q] = quotes('أعلنت وزارة الداخلية التونسية عن إحباط مخطط إرهابي. "تم ضبط المتهمين وإحالتهم إلى النيابة العامة للتحقيق"، كما جاء في بلاغ الوزارة.');
    expect(q).toMatchObject({ speaker: 'وزارة الداخلية التونسية', speakerKind: 'organisation' });
    // A body named only inside the quotation is not the issuer of «البلاغ».
    expect(quotes('"تم ضبط المتهمين وإحالتهم إلى النيابة العامة للتحقيق"، كما جاء في البلاغ.')[0]?.speaker ?? null).toBeNull();
  });

  it('where the role ends and the name starts without a definite word: a sure given name («عبد…»، «علي») starts it', () => {
    expect(quotes('وكان قائد شرطة كابول عبدالرحمن رحيمي قد صرح بأنهم «أحصوا ثمانية قتلى وعشرات الجرحى في الهجوم».')[0]).toMatchObject({
      speaker: 'عبدالرحمن رحيمي',
      speakerRole: 'قائد شرطة كابول',
    });
    expect(quotes('وقال مدير عام جمرك سلوى علي العطوي: "تمكن رجال الجمارك من إحباط محاولة تهريب كبيرة".')[0].speaker).toBe('علي العطوي');
    // …and the name is not stretched back over the place when completed from another mention.
    const qs = quotes('وقال حاكم منطقة سوروتش عبدالله جيفتشي إن الوضع صعب.', 'وأضاف جيفتشي: "حصيلة الهجوم مرشحة للارتفاع خلال الساعات المقبلة".');
    expect(qs[0].speaker).toBe('عبدالله جيفتشي');
  });

  it('no name after «لوكالة», inside «لحقوق الإنسان», or out of a nationality; family names in «ات» and after «عبد الفتاح»', () => {
    expect(quotes('واكد مصدر محلي لوكالة فرانس برس ان "المقاومة سيطرت على منطقتي السدة وحزم العديد".')[0]).toMatchObject({ speaker: null });
    expect(quotes('ونقلت الوكالة على لسان مدير المرصد السوري لحقوق الإنسان في لندن أن «الطائرات قتلت عددا من المسلحين في الريف».')[0]?.speaker ?? null).toBeNull();
    expect(quotes('وقال الفرنسي أرسين فينجر: "نحن على استعداد للمنافسة ومتحفزون لانطلاقة جيدة".')[0]).toMatchObject({ speaker: 'أرسين فينجر' });
    expect(quotes('وقال عضو اللجنة التنفيذية لمنظمة التحرير الفلسطينية صائب عريقات إن "الجهود الفرنسية ما زالت مستمرة".')[0].speaker).toBe('صائب عريقات');
    expect(quotes('وأكد الرئيس المصري عبد الفتاح السيسي أن «الرئاسة والحكومة على مسافة واحدة من الجميع».')[0].speaker).toBe('عبد الفتاح السيسي');
    expect(quotes('واستقبل الرئيس الفلسطيني محمود عباس وقدم له الشكر، وقال «نحن ممتنون لكل ما قدمته فرنسا لشعبنا».')[0].speaker).toBe('محمود عباس');
  });

  it('«كبير المحللين» is an apposition role; «محافظ عدن نايف البكري»; «وليد المعلم» after a nisba; a day after the name', () => {
    expect(quotes('وقال كريس ويليامسون كبير المحللين الاقتصاديين في مؤسسة ماركت إن «النمو الاقتصادي فقد قدرا بسيطا من الزخم».')[0]).toMatchObject({
      speaker: 'كريس ويليامسون',
      speakerRole: 'كبير المحللين الاقتصاديين',
    });
    expect(quotes('وقال محافظ عدن نايف البكري إن المسؤولين «باشروا في وضع خطة لبدء العمل الرسمي للحكومة من عدن».')[0].speaker).toBe('نايف البكري');
    const qs = quotes(
      'والتقى وزير الخارجية السوري وليد المعلم نظيره الإيراني في طهران.',
      'وأكد المعلم أن «لدى الحكومة السورية أفكارا بناءة لحل سياسي شامل».',
      'وأكد كارتر الخميس: "نحن مستعدون للقيام بالمزيد عندما تطلب الحكومة ذلك".',
    );
    expect(qs[0].speaker).toBe('وليد المعلم');
    expect(qs[1].speaker).toBe('كارتر');
    expect(quotes('أحسن وزير خارجية البحرين الشيخ خالد بن أحمد الخليفة، حين قال «إن العالم يتعامل مع وجهين لإيران».')[0].speaker).toBe('خالد بن أحمد الخليفة');
  });

  it('an apposition\'s name ends before a glued outlet: «مؤسس "أديان" فادي ضو لفرانس برس»', () => {
    expect(quotes('وقال مؤسس "اديان" فادي ضو لفرانس برس ان المؤسسة تعمل مع الشباب "لتحويلهم قادة في مكافحة الإرهاب والتطرف".')[0]).toMatchObject({
      speaker: 'فادي ضو',
    });
  });

  it('«متحدث باسم X»: X is the body spoken for, never the spokesman\'s name', () => {
    expect(quotes('وقال متحدث باسم سويت بريار إن المسؤولين "سوف يشاركون بنيات حسنة في كل الاجتماعات".')[0]).toMatchObject({ speaker: null });
  });

  it('person roles the lexicon lacked («السناتور»، «مصممة»، «المعلق») mark the clause subject a later bare verb speaks for', () => {
    const qs = quotes(
      'ورفض السناتور الجمهوري ميتش مكونيل زعيم الأغلبية في مجلس الشيوخ الطرح الذي قدمه الرئيس.',
      'واضاف قائلا “هذا الاتفاق ليس النقيض للحرب. تلك كانت الحجة التي ساقوها طوال المفاوضات.”',
    );
    expect(qs[0].speaker).toBe('ميتش مكونيل');
  });

  it('a word with the accusative tanween («تنامياً») or «بعدما» ends a name', () => {
    const [q] = quotes('توقعت مصممة الديكور السعودية أماني الصوفي تنامياً في حجم تجارة الأثاث، وقالت "حجم سوق الأثاث في ارتفاع مستمر منذ سنوات".');
    expect(q.speaker).toBe('أماني الصوفي');
    expect(quotes('وقالت الممرضة جودي ماغي بعدما انتهت المناوبة: "كانت ليلة طويلة جدا ومتعبة للجميع".')[0].speaker).toBe('جودي ماغي');
  });

  it('transliterated given names written without hamza («الكسندر») are names, not definite words', () => {
    expect(quotes('وقال وزير الطاقة الروسي الكسندر نوفاك ان "تقييم البلدين للوضع متطابق في الكثير من المواضيع".')[0].speaker).toBe('الكسندر نوفاك');
  });

  it('«الوزير الكويتي» is the minister named in passing («بوزير الخارجية الكويتي الشيخ صباح الخالد»); a form-X verb is no name', () => {
    const qs = quotes(
      'التقى الرئيس الأمريكي باراك أوباما بوزير الخارجية الكويتي الشيخ صباح الخالد. وقال الوزير الكويتي: "بحثنا العلاقات الثنائية وسبل تطويرها في كل المجالات".',
    );
    expect(qs[0]).toMatchObject({ speaker: 'صباح الخالد', speakerRole: 'وزير الخارجية الكويتي' });
    const [q] = quotes('وذكرت الوكالة أن الأمير استقبل الوفد. ونقلت الوكالة عن الأمير قوله إن "العلاقات بين البلدين متينة وراسخة".');
    expect(q.speaker ?? '').not.toContain('استقبل');
  });

  it('the name of an indefinite body closes the role («مؤسس موقع ويكيليكس»، «رئيسة بلدية كاليه»); «القائم بأعمال» is a role', () => {
    expect(quotes('وقال مؤسس موقع ويكيليكس جوليان أسانج في بيان: «نرى في هذه الوثائق أن الحكومة كانت تهتم بالتفاصيل».')[0].speaker).toBe('جوليان أسانج');
    expect(quotes('وقالت رئيسة بلدية كاليه ناتاشا بوشار الاحد ان على البريطانيين "ان يقبلوا بفتح منطقة للاجئين قرب المرفأ".')[0].speaker).toBe('ناتاشا بوشار');
    expect(quotes('وقال دانا بريسون القائم بأعمال مدير المختبر في بيان "نشعر بخيبة امل لعدم التوصل الى اتفاق".')[0]).toMatchObject({
      speaker: 'دانا بريسون',
      speakerRole: 'القائم بأعمال مدير المختبر',
    });
  });

  it('opinion verbs report speech only with «أن/بأن/بـ» after them; the definite noun after a one-word name is their object', () => {
    expect(quotes('ورأى الخبير العسكري نزار عبد القادر أن "كل ما يمكن أن يقوم به النظام هو تحويل المخيم إلى ساحة".')[0].speaker).toBe('نزار عبد القادر');
    const qs = quotes('وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن الحكومة ستتحرك.', 'ووصف نتنياهو الهجوم بأنه “جريمة كراهية بغيضة لا يمكن السكوت عنها”.');
    expect(qs[0].speaker).toBe('بنيامين نتنياهو');
    // «رأى» with no «أن» narrates: no quotation.
    expect(quotes('ورأى الملك الطائرة وهي تهبط "على المدرج الجديد في المطار الكبير".')).toEqual([]);
  });

  it('«بهذا الخصوص»، «بضرورة تعميم»، «تصريح» are no names: the speaker before goes on', () => {
    const qs = quotes(
      'وقال وزير الخارجية الفرنسي لوران فابيوس إن المحادثات صعبة.',
      'وأضاف بهذا الخصوص: "نحن ننتظر ردا واضحا من الجانب الآخر قبل نهاية الأسبوع".',
    );
    expect(qs[0].speaker).toBe('لوران فابيوس');
  });

  it('roles that begin with ل/ب («لاعب»، «باحث») head a mention; a nationality then a name then a role', () => {
    const qs = quotes('وأبدى لاعب المنتخب محمد السلويلم سعادته بالبداية الجيدة، وقال: "جئنا لهدف معين وهو تحقيق البطولة هذا العام".');
    expect(qs[0].speaker).toBe('محمد السلويلم');
    expect(quotes('وقال الفرنسي أرسين فينجر المدير الفني لأرسنال للموقع الرسمي "لدي مفاجأة سيئة، لقد تعرض اللاعب للإصابة".')[0].speaker).toBe('أرسين فينجر');
    // A function word that looks definite is no family name: «تياغو موتا الذي».
    expect(quotes('وقال لاعب الوسط الإيطالي تياغو موتا الذي انتقل حديثا "أريد أن أقوم بأشياء جديدة في مسيرتي".')[0].speaker).toBe('تياغو موتا');
  });

  it('a sentence that opens with its subject (a role or an honorific and a name) sets who speaks next', () => {
    const qs = quotes(
      'وقال الوزير أنور قرقاش في تغريدة: "لا مكان لمن يفجر ويقتل الأبرياء باسم الدين".',
      'الفريق ضاحي خلفان لم يترك المقال يمر بدون تعليق إذ قال في تغريدة له: "ستظل الإمارات دولة عزيزة في مواقفها".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['أنور قرقاش', 'ضاحي خلفان']);
  });

  it('a form-VIII verb («اكتفت») or a preposition glued to a quantifier («بجميع») is no name word', () => {
    const [q] = quotes('وردا على سؤال، اكتفت متحدثة باسم الجهاز بالقول "إن التحقيقات ما زالت جارية حتى الآن".');
    expect(q.speaker ?? '').not.toContain('اكتفت');
  });

  it('a place behind «ب» before a sure given name closes the role: «المدير العام للتعليم بجدة عبدالله بن أحمد الثقفي»', () => {
    expect(quotes('وقال المدير العام للتعليم بجدة عبدالله بن أحمد الثقفي إن "العام الدراسي سيبدأ في موعده المحدد دون تأجيل".')[0]).toMatchObject({
      speaker: 'عبدالله بن أحمد الثقفي',
      speakerRole: 'المدير العام للتعليم بجدة',
    });
  });
});

describe('round 4: classes from the tune2 articles (economic and interview copy, speakers carried over paragraphs)', () => {
  it('a word after the name that the article never repeats, where it calls the person by the surname, is not the name', () => {
    const qs = quotes(
      'لكن الرئيس الإيراني حسن روحاني تحدث بلهجة أهدأ أمس.',
      'وقال روحاني على حسابه: "الاتفاق يفتح صفحة جديدة مع الجيران في المنطقة".',
    );
    expect(qs[0].speaker).toBe('حسن روحاني');
  });

  it('…but a family name given once, with no short form alone, stays: «مايكل ستيرن»', () => {
    const qs = quotes(
      'وقال مايكل ستيرن كبير الباحثين في المعهد: "لم نر مثل هذه الصور من قبل في تاريخ البعثة".',
      'وأضاف مايكل أن "الفريق سيواصل العمل على تحليل البيانات طوال الشهر".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['مايكل ستيرن', 'مايكل ستيرن']);
  });

  it('the name after a role with «في» and a place, before «لـ» and the outlet spoken to', () => {
    const [q] = quotes(
      'وقال نائب رئيس هيئة العلاقات الخارجية في مقاطعة كوباني إدريس نعسان لـ«الشرق الأوسط»: «لا نية لدينا لأي تغيير في تركيبة السكان».',
    );
    expect(q.speaker).toBe('إدريس نعسان');
  });

  it('«لدى» inside a role is a preposition, not «لـ» with an outlet: «سفيرة الولايات المتحدة لدى الأمم المتحدة سامنتا باور»', () => {
    expect(quotes('وقالت سفيرة الولايات المتحدة لدى الأمم المتحدة سامنتا باور إن "المجلس سيصوت على القرار الأسبوع المقبل".')[0].speaker).toBe(
      'سامنتا باور',
    );
  });

  it('a one-letter abbreviation after a rank («اللواء م») and a family name in ة after «بن X»', () => {
    const qs = quotes(
      'وأكد اللواء م طلال بن محمد ملائكة أن الإعلان جاء بتفاصيل دقيقة.',
      'وقال اللواء ملائكة: «الرقم كبير بكل المقاييس في علم الجريمة».',
    );
    expect(qs[0].speaker).toBe('طلال بن محمد ملائكة');
  });

  it('«كثيرون» is a group, not a person', () => {
    expect(quotes('وأعرب كثيرون في المدينة عن أملهم في أن «تجرى المحاكمة وسط ظروف جيدة حتى تأخذ العدالة مجراها».')[0]).toMatchObject({
      speaker: null,
      speakerKind: 'unnamed',
    });
  });

  it('a noun with a demonstrative after it («ضلال هذه الفئة») is the object, never a name', () => {
    const qs = quotes('يؤكد ضلال هذه الفئة كل ما جرى في المسجد.', 'وأضاف: «أدعو كل مواطن إلى الإبلاغ عن أي اشتباه».');
    expect(qs[0].speaker).not.toBe('ضلال');
  });

  it('«يقول رحمه الله» points back to the person the text is about; «نعم المؤرخ» is no name', () => {
    const qs = quotes(
      'وكان الشيخ علي الطنطاوي يسجل برنامجه الإذاعي كل يوم قبل العصر.',
      'فكان نعم المؤرخ لتاريخ التنمية، يقول رحمه الله "جئت إلى هذه البلاد من طريق تبوك وكانت بلدة صغيرة".',
    );
    expect(qs[0].speaker).toBe('علي الطنطاوي');
  });
});

describe('round 4: who goes on speaking', () => {
  it('after «الذي قال» the words before the relative belong to another clause: the body there does not speak', () => {
    const [q] = quotes(
      'وأعلن رئيس الوزراء التركي أحمد داود أوغلو أن الشرطة تعرفت على مشتبه به في الهجوم الانتحاري الذي قال إن ضحاياه ارتفعوا. وقال في مؤتمر صحافي «تم تحديد هوية مشتبه به ويتم التحقق من صلاته».',
    );
    expect(q.speaker).toBe('أحمد داود أوغلو');
  });

  it('a masculine «وأضاف» does not continue a body whose name is feminine; the person who spoke just before does', () => {
    const qs = quotes(
      'وقال اللواء سعد الزهراني إن الجريمة مدانة.',
      'وأضاف: نوهت وزارة الداخلية بذلك حينما أشارت إلى الخلايا النائمة.',
      'وأضاف: «أدعو كل مواطن إلى الإبلاغ عن أي اشتباه».',
    );
    expect(qs.at(-1)?.speaker).toBe('سعد الزهراني');
  });

  it('…while «وأضافت» after the ministry is still the ministry', () => {
    const qs = quotes('وقالت وزارة الشؤون البلدية والقروية في بيان إن الاستعدادات اكتملت.', 'وأضافت: «تم تشكيل 16 لجنة محلية في مختلف مناطق المملكة».');
    expect(qs.at(-1)).toMatchObject({ speaker: 'وزارة الشؤون البلدية والقروية', speakerKind: 'organisation' });
  });

  it('an honorific inside the words after a verb starts the name: «أبرز محطات عطاءات الشيخ الطنطاوي»', () => {
    const qs = quotes(
      'حضر قريب الشيخ علي الطنطاوي لتسلم الجائزة.',
      'وبعد أن أبرز محطات عطاءات الشيخ الطنطاوي أمام الجمهور، فكان نعم المؤرخ، يقول رحمه الله "جئت إلى هذه البلاد من طريق تبوك وكانت بلدة صغيرة".',
    );
    expect(qs[0].speaker).toBe('علي الطنطاوي');
  });
});

describe('round 4: bodies described, sources named right before the mark', () => {
  it('«المنظمة الدولية» is the organisation with that head named last, in full', () => {
    const qs = quotes(
      'أعلنت منظمة التجارة العالمية أنها توصلت إلى اتفاق مهم.',
      'لكن المنظمة الدولية ومقرها جنيف قالت إن "المشاركين سيلغون الرسوم الجمركية التي تستهدف الواردات من هذه المنتجات".',
    );
    expect(qs[0]).toMatchObject({ speaker: 'منظمة التجارة العالمية', speakerKind: 'organisation' });
  });

  it('«على حد تعبير X "…"» and «بحسب X، من معهد Y "…"» introduce the quotation and name its speaker', () => {
    const qs = quotes(
      'تقول آشلي هايفيلد، الرئيس التنفيذي في الشركة، إن العدو الحقيقي هو الإنترنت. وعلى حد تعبير هايفيلد "لا أعتقد أن أي صحيفة استطاعت تحقيق النجاح في ذلك".',
      'وقال أنجوس بلير، رئيس معهد سيجنيت، إن المشروع كبير. وبحسب بلير، من معهد سيجنيت "الاقتصاد يتحسن من حيث المعدلات الرئيسية لكن الانتعاش بطيء".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['آشلي هايفيلد', 'أنجوس بلير']);
  });
});

describe('round 4: plural reporting verbs', () => {
  it('«ويقولون "…"» after a group is the group (unnamed), not the person who spoke before', () => {
    const qs = quotes(
      'وقال مهاب مميش، رئيس هيئة القناة: "التجارة العالمية تتزايد وحجم السفن يتزايد أيضا".',
      'ويجادل بعض المسؤولين بأن هذا سيجذب مزيدا من الشحن. ويقولون "إن النتيجة ستكون مضاعفة عدد السفن التي تستخدم القناة".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['مهاب مميش', null]);
    expect(qs[1].speakerKind).toBe('unnamed');
  });
});

describe('round 5: general mechanisms for unseen outlets (sentences written for the tests)', () => {
  it('a given name in و right after a nisba starts the name: «وزير الخارجية الصيني وانغ يي», then «وقال وانغ»', () => {
    const qs = quotes(
      'وفي اجتماع إقليمي، لم يلمح وزير الخارجية الصيني وانغ يي إلى أي اتفاق.',
      'وقال وانغ للصحافيين الاثنين إن «بلادنا لم تؤمن أبدا بأن هذه المحافل هي المكان المناسب».',
    );
    expect(qs[0]).toMatchObject({ speaker: 'وانغ يي', speakerKind: 'person' });
  });

  it('«مساعد» before a family name is a given name, not the role «assistant»', () => {
    const qs = quotes('أكد مدير البرنامج مساعد الأحمد أن التسجيل مفتوح.', 'وقال “بدأنا التجربة بنخبة متميزة من الطلاب هذا العام”.');
    expect(qs[0]).toMatchObject({ speaker: 'مساعد الأحمد', speakerRole: 'مدير البرنامج' });
  });

  it('«أحد المواطنين … وهو التاجر X» and «خبراء، منهم الدكتور X»: the person named after the description speaks', () => {
    expect(quotes('ويقول أحد المواطنين لـ«رويترز» وهو التاجر حسين يوسف بأن «الناس كانوا ينتظرون هذا القرار منذ سنوات».')[0]).toMatchObject({
      speaker: 'حسين يوسف',
      speakerKind: 'person',
    });
    expect(quotes('ويرى خبراء، منهم الدكتور سامي النجار، أن "الأسواق ستتعافى خلال الأشهر المقبلة بشكل تدريجي".')[0].speaker).toBe('سامي النجار');
    // Without a name after «وهو» the group stays unnamed.
    expect(quotes('ويقول أحد المواطنين وهو يبتسم إن «الناس كانوا ينتظرون هذا القرار منذ سنوات».')[0]).toMatchObject({ speaker: null, speakerKind: 'unnamed' });
  });

  it('a description resolves to the person whose role shares its adjective, not to the last speaker', () => {
    const qs = quotes(
      'قال المرشد الأعلى علي خامنئي إن الاتفاق لا يغير سياسة بلاده.',
      'وقال الرئيس الإيراني حسن روحاني إن "الاتفاق يفتح صفحة جديدة مع العالم كله".',
      'وقال الزعيم الأعلى، أمس، إنه يريد دراسة الاتفاق لأن «إيران لن تسمح بتقويض مبادئها الثورية».',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['حسن روحاني', 'علي خامنئي']);
    const [, , third] = quotes(
      'وقال إنزو بونتيلو، المحلل المالي للمؤسسة، "إن المحادثات الصعبة قد تبقى تثير المخاوف بين المستثمرين".',
      'وقال الرئيس الفرنسي فرانسوا هولاند إن "أوروبا قادرة على تجاوز هذه الأزمة بسرعة".',
      'وأضاف المختص المالي أيضاً، أن "النظام القضائي لا يسمح بالتخلف عن استرداد الديون".',
    );
    expect(third.speaker).toBe('إنزو بونتيلو');
  });

  it('«علي» typed for «على» before a construct is no given name', () => {
    const [q] = quotes('وأعرب المشرف العام علي كرة القدم بالنادي عبدالرحمن الجهني عن تمنياته قائلًا: «أستغرب ابتعاد اللاعبين الكبار عن العمل في الأندية».');
    expect(q.speaker).toBe('عبدالرحمن الجهني');
  });

  it('given names with the article («الهادي المجدوب») are names, before or after the role', () => {
    const qs = quotes(
      'وقالت مصادر أمنية إن "الوضع هادئ في كامل المدينة". وقال وزير الداخلية الهادي المجدوب للصحفيين: "لا نستبعد أي فرضية في هذا الملف".',
      'وأضاف الحبيب الصيد، رئيس الحكومة، "لقد اتخذنا كل الإجراءات اللازمة لحماية المواطنين".',
    );
    expect(qs.map((q) => q.speaker)).toEqual([null, 'الهادي المجدوب', 'الحبيب الصيد']);
    expect(qs[1].speakerRole).toBe('وزير الداخلية');
  });

  it('the outlet spoken to ends the name and is no speaker: «X لموزاييك أف أم», «الوزير في تصريح لـ…»', () => {
    expect(quotes('وأكد المدير الجهوي للصحة بصفاقس عبد الرزاق الحداد لموزاييك أف أم أن "الوضع الصحي تحت السيطرة".')[0].speaker).toBe('عبد الرزاق الحداد');
    expect(quotes('وأوضح الوزير في تصريح لموزاييك أف أم أن "الوزارة ستفتح تحقيقا في الحادثة".')[0]).toMatchObject({ speaker: null, speakerRole: 'الوزير' });
    // …and after the quotation: «"…"، حسب ما أفاد به X لـ…».
    expect(quotes('"الحدود مؤمنة بالكامل ولا خوف على المواطنين"، حسب ما أفاد به المتحدث باسم وزارة الدفاع بلحسن الوسلاتي لموزاييك أف أم.')[0].speaker).toBe(
      'بلحسن الوسلاتي',
    );
  });

  it('«رد X قائلا» names a new speaker in the same sentence: the previous one is not carried over', () => {
    const qs = quotes(
      'وقال وزير الخارجية سامح شكري: "نرفض أي تدخل في شؤوننا الداخلية بشكل قاطع".',
      'من جهته، رد المتحدث باسم الحكومة محمد العلي قائلا: "هذه التصريحات لا تعبر عن موقف الدولة الرسمي".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['سامح شكري', 'محمد العلي']);
  });
});

describe('round 5, from the tune3 outlets: economic and wire copy (sentences written for the tests)', () => {
  it('a role after the name shows where the name ends, even after a verb that takes an object', () => {
    const qs = quotes('وكشف سامي الحداد مدير المبيعات في الشركة أن الطلب ارتفع. وقال "منذ بداية الصيف زاد الحجز على الرحلات بنسبة كبيرة".');
    expect(qs[0].speaker).toBe('سامي الحداد');
  });

  it('a family name in «ين» after a role and a given name, then the family name alone', () => {
    const qs = quotes(
      'إلى ذلك، رحب الاقتصادي فهد الحسنين، بقرار المجلس الأخير.',
      'وأضاف الحسنين في تصريحه أمس قائلا: "إن القرار جيد ويمنع استغلال الأراضي العامة بصورة غير عادلة".',
    );
    expect(qs[0].speaker).toBe('فهد الحسنين');
  });

  it('a definite noun and a nisba after a one-word name are a role; «مختص» is a role and «مختصين» a group', () => {
    const qs = quotes(
      'وأشار كوزلوف المختص النفطي الروسي إلى أن المنافسة ستشتد، مضيفا أن "روسيا ستركز أكثر على قطاع الطاقة في السنوات المقبلة".',
      'وقال سيرغي بافلوف مختص الشرق الأوسط في مركز الأبحاث "إن طهران متعطشة لمعاودة تصدير النفط إلى أوروبا".',
      'ويرى مصرف جولدمان ساكس أن الأسعار ستنخفض. غير أن مختصين آخرين يقولون "إن التراجع المتوقع في الأسعار لن يكون كارثيا".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['كوزلوف', 'سيرغي بافلوف', null]);
    expect(qs[2]).toMatchObject({ speakerKind: 'unnamed' });
  });

  it('«اتهم X إسرائيل بأنها «…»»: a reporting verb, and the country after the name is not part of it', () => {
    const [q] = quotes('واتهم وزير الأوقاف الفلسطيني يوسف ادعيس إسرائيل بأنها «اقتحمت المسجد واعتدت على المصلين بلا أي مبرر».');
    expect(q).toMatchObject({ speaker: 'يوسف ادعيس', speakerKind: 'person' });
  });

  it('«لكن X رفض…. وقال:» — a named person opening the sentence speaks next, not the person named last', () => {
    const qs = quotes(
      'وقال السناتور ميتش مكونيل إن "الاتفاق سيئ ولن نقبله بأي حال من الأحوال".',
      'وقال الرئيس باراك أوباما إن "رفض الاتفاق سيفتح الباب أمام احتمال نشوب حرب في المنطقة".',
      'لكن مكونيل رفض ما ذهب إليه أوباما. وقال: "تلك حجة سخيفة لا يمكن قبولها أبدا".',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['ميتش مكونيل', 'باراك أوباما', 'ميتش مكونيل']);
  });
});

describe('round 5: names that must not be invented (checked on a fresh 1-in-40 sample of SaudiNewsNet)', () => {
  it('«اتهم المتمردون الحكومة بارتكاب…»: a group accusing, no name made of the complement', () => {
    const qs = quotes('واتهم المتمردون الحكومة بارتكاب جرائم «ابادة» وبالعمل على «تجويع السكان في المدينة حتى الموت».');
    expect(qs.map((q) => q.speaker)).toEqual([null]);
    expect(qs[0].speakerKind).toBe('unnamed');
  });

  it('a role after a quoted name does not open a clause of its own: the named person writes', () => {
    const [q] = quotes('من جانبه كتب “سامر حداد” نائب رئيس تسويق منصة الألعاب على مدونة الشركة: “إن الخدمة الجديدة ستسمح للمشتركين بالتصويت بين ثلاثة عناوين، والألعاب الأخرى متاحة بسعر مخفض”.');
    expect(q.speaker).toBe('سامر حداد');
  });
});
