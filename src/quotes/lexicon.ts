/**
 * Word lists for attributing quotations. Everything is stored in the analyzer's normalized form
 * (normalizeArabic: أ→ا, ة→ه, ى→ي, ؤ→و …) and compared token by token, so spelling variants match.
 */
import { normalizeArabic } from '../arabic/index.js';

function normalizedSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map((w) => normalizeArabic(w)));
}

/** Reporting verbs, past tense masculine. Feminine (+ت) and و/ف/وقد/فقد prefixes are generated below. */
// Left out on purpose, after reading SaudiNewsNet output: رأى، لاحظ، وصف، استهل، ختم have ordinary
// subjects («استهل مشواره…») too often (طالب was too, until round 14 measured it: see SPEECH_VERBS); the present «يرى» (holds that) is kept below. Also left out: رد (the
// noun «رد»), وعد; «بين» and «كتب» are listed but filtered below.
// The second line was added after the SaudiNewsNet hand check: «رحب … وقال»، «غرّد … قائلا»، «انتقد …» were
// leaving named speakers null.
const SPEECH_VERBS_MASC = `قال أكد أضاف أوضح أشار أبرز تابع حذر اعتبر شدد أعرب أشاد لفت ذكر صرح كشف دعا أعلن
  نبه استطرد أردف نوه أفاد أقر اختتم واصل نفى
  رحب غرد انتقد تساءل علق استدرك أجاب اعترف أوصى ناشد استنكر
  أدان اتهم
  روى كتب طالب بين`;

/** Present-tense forms that news prose uses as attribution («يقول الخبير…»). */
// (يعتبر is left out: the passive «يُعتبر المشروع…» is written the same.)
const SPEECH_VERBS_PRESENT = `يقول تقول يضيف تضيف يؤكد تؤكد يوضح توضح يشير تشير يرى ترى يحذر تحذر يشدد تشدد
  يلفت تلفت يتساءل تتساءل يغرد تغرد يتابع تتابع يستطرد تستطرد يردف تردف يعلق تعلق
  يضيف تضيف يجيب تجيب يكشف يعترف تعترف
  يقولون يضيفون يؤكدون يوضحون يشيرون يرون يحذرون يتساءلون
  رددوا`;
// («رددوا: "…"»: a group repeating words. Only the plural: «ردد أغانيه» has an object far more often than speech.)

function speechVerbForms(): Set<string> {
  const forms = new Set<string>();
  const bases: string[] = [];
  for (const raw of SPEECH_VERBS_MASC.split(/\s+/).filter(Boolean)) {
    const masc = normalizeArabic(raw);
    // دعا → دعت, رأى → رأت: a final alef/ya is dropped before the feminine ت.
    const fem = /[اي]$/.test(masc) ? `${masc.slice(0, -1)}ت` : `${masc}ت`;
    // «وقالوا»، «وأضافوا»، «ودعوا»: the plural, for a group of sources.
    const plural = /[اي]$/.test(masc) ? `${masc.slice(0, -1)}وا` : `${masc}وا`;
    bases.push(masc, fem, plural);
  }
  for (const raw of SPEECH_VERBS_PRESENT.split(/\s+/).filter(Boolean)) bases.push(normalizeArabic(raw));
  // وقال، فقال، وقد أكد is two tokens (قد is skipped as a particle), so only the single-letter conjunctions here.
  for (const base of bases) for (const prefix of ['', 'و', 'ف']) forms.add(prefix + base);
  return forms;
}

// «كتب» alone is also the plural «books»: only «وكتب»، «فكتب»، «كتبت» are read as the verb (and bare «كتب» before a
// role, see opinionVerbAt in extract.ts). «طالب» alone is the
// student (a role word): «وطالب»، «طالبت»، «طالبوا» are the verb of demanding, which introduces a statement or its
// partial quotation («وطالبت الوزارة بضرورة "…"»). «بين»، «وبين» are far more often the preposition «between»: only
// «بينت»، «وبينت»، «فبين»، «بينوا» are read as the verb «بيّن» (explained, round 16).
export const SPEECH_VERBS: ReadonlySet<string> = new Set([...speechVerbForms()].filter((form) => form !== 'كتب' && form !== 'طالب' && form !== 'بين' && form !== 'وبين'));

/** The present-tense reporting verbs alone (with و/ف): inside a quotation «، تؤكد أن…» is still the speaker's. */
export const PRESENT_SPEECH_VERBS: ReadonlySet<string> = new Set(
  SPEECH_VERBS_PRESENT.split(/\s+/)
    .filter(Boolean)
    .flatMap((raw) => ['', 'و', 'ف'].map((prefix) => prefix + normalizeArabic(raw))),
);

/**
 * Circumstantial participles that attach a further statement to the sentence's speaker
 * («…، مشيرا إلى أن “…”»). They carry no subject of their own.
 */
const PARTICIPLES_MASC = `مؤكدا مشيرا مضيفا مبرزا موضحا معتبرا مشددا محذرا لافتا قائلا مشيدا معربا متابعا ذاكرا
  كاشفا داعيا مستطردا منوها مردفا مبينا مستدركا خاتما معلقا مختتما مطالبا مستشهدا مرحبا منتقدا متسائلا
  معترفا مستنكرا مناشدا
  مازحا ممازحا ساخرا متهكما مبتسما معقبا مستغربا متوعدا مهددا مخاطبا ناصحا واصفا مستذكرا مفسرا
  مبررا موجها مجيبا مختتما مستعرضا متمنيا`;

function participleForms(): Set<string> {
  const forms = new Set<string>();
  for (const raw of PARTICIPLES_MASC.split(/\s+/).filter(Boolean)) {
    const masc = normalizeArabic(raw); // مؤكدا → موكدا
    forms.add(masc);
    forms.add(masc.replace(/ا$/, '')); // written without the tanween alef
    forms.add(`${masc.replace(/ا$/, '')}ه`); // feminine مؤكدة → موكده (ة is folded to ه)
  }
  return forms;
}

// «متحدثا» (speaking) only with its alef: «متحدث» is the spokesman, a role.
export const PARTICIPLES: ReadonlySet<string> = new Set([...participleForms(), 'متحدثا']);

/**
 * A party's adjective, standing alone as a politician's role when it opens a subject («وكرر الجمهوري جيمس ريش…»,
 * round 21); not in ROLE_HEADS: inside a party's name («حزب الشعب الديموقراطي») it is the name's adjective.
 */
export const PARTY_ADJECTIVES: ReadonlySet<string> = normalizedSet(`جمهوري ديمقراطي ديموقراطي`);

/**
 * Nouns that head a role or a description of a person («وزير الخارجية…»، «الخبير الأمني»، «المتحدث»). Stored
 * without ال; callers strip the article before looking up. The trades of feature copy's passers-by head a role
 * too («ويقول النادل الأسمر سمير "…"»، «البائع أحمد»), so that the one-word name after them is read (round 18). Not
 * the trades that are family names as well («وليد المعلم»، «التاجر»، «الصياد»، «الخباز»، «الطباخ»، «الحلاق»،
 * «السائح»), nor «الزائر» (an adjective: «الأستاذ الزائر»): each broke names on SaudiNewsNet.
 */
export const ROLE_HEADS: ReadonlySet<string> = normalizedSet(`
  وزير وزيرة خبير خبيرة متحدث متحدثة ناطق ناطقة مسؤول مسؤولة دبلوماسي دبلوماسية منسق منسقة سفير سفيرة رئيس رئيسة
  نائب نائبة مساعد مساعدة أمين أمينة مدير مديرة مستشار مستشارة كاتب كاتبة عضو عضوة قائد قائدة مبعوث مبعوثة ممثل
  ممثلة محلل محللة باحث باحثة أستاذ أستاذة أمير أميرة ملك ملكة ولي زعيم زعيمة رئيسي مفوض مفوضة محافظ والي عمدة
  قاضي قاض محامي محامية نقيب عميد لواء عقيد جنرال مصدر مصادر مراقب مراقبون خبراء مسؤولون متحدثون شيخ إمام
  مدرب لاعب مؤسس مؤسسة قيادي قيادية إخصائي إخصائية أخصائي أخصائية طبيب طبيبة مفتي مندوب مندوبة وكيل وكيلة
  قائمقام مفوضة مفوض حاكم حاكمة
  طالب طالبة مبتعث مبتعثة مواطن مواطنة فنان فنانة مخرج مخرجة شاعر شاعرة إعلامي إعلامية صحفي صحفية صحافي
  صحافية ناشط ناشطة مشرف مشرفة أسقف بطريرك مرشد موظف موظفة زوج زوجة والد والدة شقيق شقيقة قارئ قارئة نجم
  خادم صاحب ضابط ضابطة جندي مقاتل كبير كبيرة
  سناتور سيناتور مرشح مرشحة ملياردير داعية مطرب مطربة روائي روائية أديب أديبة مؤرخ مفكر ناقد ناقدة منتج
  حارس مهاجم مدافع كابتن مؤلف مؤلفة رسام رسامة مصمم مصممة مغرد مغردة محرر محررة مذيع مذيعة مراسل مراسلة
  معلق محاضر محاضرة ممرض ممرضة صيدلي صيدلانية قائم منافس منافسة غريم
  مختص مختصة متخصص متخصصة استشاري استشارية بروفيسور بروفسور مصرفي مصرفية متعامل متعاملة
  نادل نادلة بائع بائعة سائق سائقة عامل عاملة مزارع مزارعة مشجع مشجعة ساكن ساكنة مقيم مقيمة محاسب محاسبة`);

/** Definite descriptions that point back to a person already named («وقال المسؤول الأميركي»). */
export const ANAPHORIC_HEADS: ReadonlySet<string> = normalizedSet(`
  دبلوماسي وزير وزيرة خبير خبيرة متحدث متحدثة مسؤول مسؤولة منسق منسقة سفير سفيرة رئيس رئيسة ناطق ناطقة
  مستشار مستشارة محلل محللة باحث باحثة أستاذ أستاذة مبعوث مبعوثة نائب نائبة مدير مديرة أمين أمينة ممثل ممثلة
  مدرب لاعب قائد زعيم`);

/**
 * Groups: not a named person. Their quotations keep speaker null and the group as speakerRole, and they become
 * the «current speaker» so that a following bare «وأضاف» is not wrongly given to an earlier named person.
 */
export const COLLECTIVES: ReadonlySet<string> = normalizedSet(`
  متدخلون متدخلين مؤتمرون مؤتمرين مشاركون مشاركين محتجون محتجين متظاهرون متظاهرين حاضرون حاضرين
  مسؤولون مسؤولين خبراء باحثون باحثين علماء مراقبون مراقبين محللون محللين نواب وزراء أعضاء مصادر سكان مواطنون مواطنين
  شهود قائمون قائمين منظمون منظمين ناشطون ناشطين رجال فقهاء كثيرون كثيرين عديدون عديدين
  مختصون مختصين متخصصون متخصصين متمردون متمردين مسلحون مسلحين دبلوماسيون دبلوماسيين`);

/**
 * Institutions and texts that «say» things: a source, not a person. Seats of government stand for it in wire copy
 * («وقال الكرملين»، «قصر الإليزيه»، «داونينغ ستريت»; «البيت الأبيض», see isOrganisationHead), and «الحوثيون»: all were
 * read as no one or as a person's name. («بيت» alone is a given name, «بيت جوست», and part of «شين بيت».)
 */
export const INSTITUTIONS: ReadonlySet<string> = normalizedSet(`
  خارجية داخلية وزارة حكومة وكالة بيان مصدر موقع تقرير صحيفة جريدة قناة منظمة هيئة مكتب رئاسة ديوان مجلس برلمان
  لجنة شركة جمعية حزب اتحاد تحالف اجتماع مؤتمر دراسة وثيقة بلاغ نص رسالة تغريدة مذكرة إعلان قرار محكمة
  جيش شرطة أمن إدارة سفارة قنصلية بنك صندوق جامعة معهد مركز مرصد شبكة تقارير بيانات دراسات
  إحصاءات إحصائيات أرقام معطيات معلومات مصادر وسائل حركة جماعة تنظيم مجموعة فصيل كتلة ائتلاف قوات إمارة أمانة بلدية
  نقابة رابطة حلف ناتو رويترز بلومبرغ بلومبيرغ
  قيادة ولاية محافظة مديرية نيابة نادي مؤسسة محطة سلطات أمم كونغرس كونجرس منتخب خلية بعثة
  خطوط
  مصرف دولة
  كرملين بنتاغون بنتاجون إليزيه فاتيكان كنيست قصر داونينغ داوننغ حوثيون
  حرس جمارك ديوانة جبهة فرقة`);

/** Institutions whose word is a proper name: alone and without the article it is the body («وقالت رويترز»، «حماس»). */
export const NAMED_BODIES: ReadonlySet<string> = normalizedSet(`ناتو رويترز بلومبرغ بلومبيرغ حماس طالبان`);

/**
 * An honorific with a pronoun suffix stands for the person just named: «وأضاف سموه»، «وأكد معاليه». The subject
 * is then that person, never a name of its own.
 */
export const HONORIFIC_PRONOUNS: ReadonlySet<string> = normalizedSet(`
  سموه سموها معاليه معاليها سعادته سعادتها فضيلته فخامته دولته سماحته`);

/** Honorifics dropped from a speaker's name («السيد كريستوفر لاندبيرغ» → «كريستوفر لاندبيرغ»). */
export const HONORIFICS: ReadonlySet<string> = normalizedSet(`
  السيد السيدة سيد سيدة الآنسة الدكتور الدكتورة د دكتور الأستاذ الأستاذة المهندس المهندسة الشيخ السادة الحاج معالي
  سعادة فخامة سمو سماحة الفريق اللواء العميد العقيد المقدم الرائد النقيب الملازم المشير
  متقاعد المتقاعد الركن م`);

/** «ومضى بالقول "…"»، «واكتفى بالقول: "…"»: the noun of saying introduces a statement like a participle. */
export const SPEECH_NOUNS: ReadonlySet<string> = normalizedSet(`بالقول`);

/**
 * Words that end the subject of a reporting verb: the complementizer before the statement, prepositions that
 * introduce the verb's object (أعرب عن، حذر من، أشار إلى) or an adverbial (في تصريح، خلال، عقب), and «قوله» after
 * the one quoted («نقلت رويترز عن مصدر أمني قوله إن…»: the source is «مصدر أمني», not «مصدر أمني قوله»).
 * «أثناء» (during) too: «وقال الرئيس ماكرون أثناء خطابه» (round 19); not «إبان», which folds to «أبان» (explained).
 */
export const SUBJECT_STOPS: ReadonlySet<string> = normalizedSet(`
  إن أن بأن بأنه بأنها بأنهم أنه إنه أنها إنها أنهم إنهم وأن وإن إننا أننا بأننا إنني أنني أنهن إنهن بأنهن لديه لديها لديهم لديهن عن من إلى الى على في خلال عقب أمام بعد قبل لدى حول مع ضمن
  عشية صباح مساء اليوم أمس أمسية بمناسبة حين عندما بعدما حينما كلما ريثما لدى إثر قائلا بينما كما لكن ضد منذ عبر ل
  أثناء اثناء
  الذي التي الذين اللذين اللتين اللواتي وهو وهي
  وفقا وفق طبقا نقلا حسب بحسب حسبما نعم وبئس بئس
  قوله قولها قولهم قولهما`);

/** Comma segments that are adverbials, not an apposition: «، في تصريح للصحافة،»، «، عشية انعقاد…،». */
export const ADVERBIAL_STARTS: ReadonlySet<string> = normalizedSet(`
  في خلال عقب أمام بعد قبل لدى حول مع ضمن عشية صباح مساء اليوم أمس بمناسبة حين عندما إثر وفي وخلال وعقب
  أثناء اثناء ضمن على من وذلك ذلك حسب وفق تعليقا ردا
  ل لـ`);

/**
 * Adverbs in the accusative that follow a verb where its subject would stand («صرح مرارا»، «قال أيضا»), and
 * prepositions the stopword list lacks («باراك أوباما إزاء الملف»): never a name, though each passes every other
 * test a name word must pass.
 */
export const ADVERBS: ReadonlySet<string> = normalizedSet(`
  مرارا مرارًا أيضا أيضًا سابقا لاحقا مجددا مؤخرا أخيرا حاليا دائما كثيرا رسميا صراحة مرة تكرارا علنا
  مسبقا فورا حرفيا شخصيا بدوره بدورها وبدوره وبدورها كذلك أمس
  إزاء تجاه حيال نحو بشأن جراء بسبب رغم عند أثناء اثناء إثر عبر دون بدون ضد وسط بين حتى لأن كون
  يوم السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة بقوله بقولها هاتفيا ميدانيا كتابيا إلكترونيا بعنوان برأي حديثه حديثها كلامه كلامها تصريحه تصريحها أول صلى عنه عنها عنهم عنك عنكم داخل خارج فقط تقريبا جدا لكنه لكنها ولكنه ولكنها لكنهم ولكنهم نفسه نفسها ذاته ذاتها يا أيها أيتها يدعى تدعى ويدعى وتدعى اسمه اسمها يسمى تسمى عام كنت وكنت كنا وكنا قوله قولها قولهم نظير نظيره نظيرها لنظيره لنظيرها ونظيره ونظيرها`);

/** Words after which a quotation mark opens a statement: «أن “…”»، «إن “…”»، «قائلا: “…”». */
export const INTRODUCERS: ReadonlySet<string> = normalizedSet(`إن أن بأن وأن وإن قائلا قائلة`);

/**
 * Nouns that name what follows in marks: «تقرير «نشرة آفاق أسواق السلع الأولية»»، «كتائب «اللواء 170 دفاع جوي»»،
 * «بعنوان “…”». Marks right after one of them enclose a title or a name, not a statement.
 */
export const TITLE_NOUNS: ReadonlySet<string> = normalizedSet(`
  تقرير تقريرها تقريره كتاب برنامج مقال مقاله مقالها بعنوان عنوان عنوانه حملة شعار مبادرة مشروع فيلم مسلسل رواية
  قصيدة أغنية مؤتمر منتدى ندوة مهرجان معرض جائزة مسابقة عملية تنظيم حزب حركة جماعة صحيفة مجلة قناة وكالة موقع
  شركة مجموعة كتائب كتيبة لواء وسم هاشتاق هاشتاغ اسم باسم تسمية مسمى عرف يعرف يسمى تسمى سماها ملتقى
  معهد مركز جامعة مؤسسة نادي فريق منافسه نوع طراز`);

/**
 * Words that head an indefinite part of a group: «أحد المقاتلين»، «إحدى الناجيات»، «بعض المسؤولين». The subject is
 * then a description, never a person's name (found on SaudiNewsNet: «وقال أحد المقاتلين» had given «أحد
 * المقاتلين» as the speaker's name).
 */
export const QUANTIFIER_HEADS: ReadonlySet<string> = normalizedSet(`
  أحد إحدى احد احدى بعض عدد معظم أغلب غالبية جميع كل كافة أحدهم إحداهن آخر أخرى آخرون آخرين ثالث ثالثة ثان ثانية
  اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرات مئات آلاف`);

/** The pluperfect «وكان X قد أكد»: the subject stands between كان and the verb. */
export const KANA_FORMS: ReadonlySet<string> = normalizedSet(`كان وكان فكان كانت وكانت فكانت`);

/**
 * Words that make the quoted text a document rather than speech: «المادة (24) … نصت “على أنه…”»، «أبرز بنودها:
 * "…"». The verbs نصت/تنص/ينص only (not the noun «نص», which also opens speech: «في نص كلمته»).
 */
export const DOCUMENT_WORDS: ReadonlySet<string> = normalizedSet(`
  نصت تنص ينص بند بنود بنده بندها بنوده بنودها مادة مواد فقرة فقرات`);

/**
 * Institution words that name what was said, not who said it: «بيان الداخلية التونسية»، «وأضاف البيان». The
 * speaker is the body that issued it (named after the word, or the body the article is about).
 */
export const DOCUMENT_HEADS: ReadonlySet<string> = normalizedSet(`
  بيان بلاغ تقرير رسالة تغريدة مذكرة دراسة وثيقة نص إعلان قرار تقارير بيانات دراسات إحصاءات إحصائيات أرقام
  معطيات تغريدات معلومات`);

/** Institution words that stay an unnamed source: «مصدر أمني»، «مصادر مطلعة»، «وسائل الإعلام». */
export const SOURCE_HEADS: ReadonlySet<string> = normalizedSet(`مصدر مصادر وسائل`);

/** Words between a document and its issuer: «بيان صادر عن ولاية غازي عنتاب»، «في بيان لها». */
export const ISSUER_LINKS: ReadonlySet<string> = normalizedSet(`له لها صادر الصادر صادرة الصادرة عن من نشرته نشره
  أصدرته أصدره نقلته الذي التي أجرته أجراه أعدته أعده`);

/**
 * Nationalities and the commonest adjectives of an office in ـي: after a person's name they describe, they are no
 * second family name («الكاتب علي الموسوي العراقي» is «علي الموسوي»; «رشيد الطالبي العلمي» is one name).
 */
export const NATIONALITIES: ReadonlySet<string> = normalizedSet(`
  السعودي المصري المغربي الجزائري التونسي الليبي السوداني الأردني اللبناني السوري العراقي الكويتي القطري
  الإماراتي البحريني العماني اليمني الفلسطيني الموريتاني الصومالي الجيبوتي الإيراني التركي الروسي الأمريكي
  الأميركي الأمريكى الفرنسي البريطاني الألماني الإيطالي الإسباني الصيني الياباني الهندي الباكستاني الأفغاني
  الإسرائيلي الأوكراني الأوروبي الأفريقي الإفريقي العربي الخليجي الإسلامي الكندي البرازيلي الأرجنتيني الهولندي
  البلجيكي السويسري السويدي النرويجي الدنماركي البولندي اليوناني الكوري الإندونيسي الماليزي النيجيري الإثيوبي
  الكيني الجنوبي الشمالي الشرقي الغربي الدولي الرسمي الإعلامي السياسي الاقتصادي العسكري الأمني الحكومي
  الاتحادي الفيدرالي الإقليمي المحلي الشعبي الوطني القومي الفني الرياضي الإداري التنفيذي`);
