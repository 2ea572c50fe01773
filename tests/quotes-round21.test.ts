/**
 * Issue 9, round 21: tuned on tune12's errors (both right 0.529 before the round). The main clause after «فيما»,
 * a time adverb before a clause's verb, a party's adjective as a politician's role, a family name after a role, a
 * place closing a role, the source after «بحسب ما أفاد», a broken plural read as a family name, the war media cell
 * as a body, «كلمة» and «بشكل» read as name words. Short passages written for the tests, not copied from any outlet.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';

const said = (...paragraphs: string[]) =>
  extractQuotes(article(...paragraphs)).map((q) => ({ speaker: q.speaker, role: q.speakerRole ?? null, kind: q.speakerKind }));
const speakers = (...paragraphs: string[]) => said(...paragraphs).map((q) => q.speaker);

describe('round 21: where the clause and its subject begin', () => {
  it('after «وفيما …،» the main clause and its verb begin at the comma', () => {
    expect(
      speakers('وفيما طالب عدد من السكان بمحاسبة المقاول على التأخير، تحدث لـ"الصحيفة" المستشار القانوني خالد بن سعد العتيبي قائلاً: "التأخير في تسليم المشروع يوجب التعويض للمتضررين".'),
    ).toEqual(['خالد بن سعد العتيبي']);
    // (A comma after the subject, then the verb's object, is no main clause: «وفاة» is no verb.)
    expect(speakers('فيما نعت الإعلامية منى حسن، وفاة الفنانة سلوى علي، وكتبت عبر حسابها: “رحم الله الفقيدة وألهم أهلها الصبر”.')).toEqual(['منى حسن']);
  });

  it('a time adverb before the clause verb leaves its subject readable', () => {
    expect(
      said(
        'وقالت الحكومة في بيان: «سنواصل ملاحقة المسلحين في كل مكان حتى القضاء عليهم».',
        'ومباشرة بعد ذلك سخرت حركة الشباب من الحكومة وهددتها بهجمات أخرى، بقولها: «إن ما حققه مقاتلونا ليس إلا البداية فانتظروا».',
      ).map((q) => q.speaker),
    ).toEqual(['الحكومة', 'حركة الشباب']);
  });

  it('a party adjective opening the subject is a role, and is none inside a party name or after a name', () => {
    expect(said('وكرر الجمهوري جيمس ريش هذه الانتقادات مؤكدا «لقد تعرضتم للخداع والشعب سيدفع الثمن».')).toEqual([
      { speaker: 'جيمس ريش', role: 'الجمهوري', kind: 'person' },
    ]);
    expect(
      speakers(
        'وقال وزير الخارجية مراد أوغلو "لم نقل يوما إن عملية السلام انتهت لكن الطرف الآخر لم يحترمها".',
        'من جهة أخرى حمل وزير الخارجية على حزب الشعب الديموقراطي (المعارض) الذي حقق نجاحا في الانتخابات، فاتهمه بأنه "تابع للمتمردين".',
        'وقال إن حزب الشعب الديموقراطي "يمكن أن يكون وسيطا هاما، لكنه يدعو إلى التظاهر ومخالفة النظام".',
      ),
    ).toEqual(['مراد أوغلو', 'مراد أوغلو']);
    expect(speakers('وقال السناتور بنجامين كاردين الديمقراطي "ليست هذه مسألة حزبية بل مسألة أمن قومي".')).toEqual(['بنجامين كاردين']);
  });
});

describe('round 21: names after roles and places', () => {
  it('a role followed by the family name of a person named in full is that person', () => {
    expect(
      speakers(
        'وعقد وزير الخارجية عادل الجبير مؤتمرا صحفيا أمس. وقال الجبير: "العلاقات بين البلدين في أفضل حالاتها منذ سنوات".',
        'واستعرض وزير الخارجية الجبير بشكل مفصل الاتفاق النووي، وبخاصة بعد لقاءاته الأخيرة، وقال: "نرحب بأي اتفاق يضمن أمن المنطقة واستقرارها".',
      ),
    ).toEqual(['عادل الجبير', 'عادل الجبير']);
  });

  it('a country after «إلى» closes the role, and the name after it is the full name of a later surname', () => {
    expect(
      speakers('حذر وزير الخارجية الإيطالي باولو جينتيلوني والمبعوث الأممي إلى ليبيا برناردينو ليون الأطراف المتنازعة من العزلة. وقال ليون إن "المجتمع الدولي لديه الآن اتفاق يعد خطوة هامة".'),
    ).toEqual(['برناردينو ليون']);
  });

  it('a broken plural after a name is the verb object, not a family name', () => {
    expect(
      speakers('وانتقد رئيس الوزراء الإسرائيلي بنيامين نتنياهو الاتفاق النووي بشدة، وقال: "هذا الاتفاق يمهد الطريق أمام إيران لامتلاك السلاح".'),
    ).toEqual(['بنيامين نتنياهو']);
  });

  it('«كلمة» after a name is the speech he gave', () => {
    expect(
      speakers('وحضر الاجتماع رئيس الدولة محمود عباس. وألقى الرئيس عباس كلمة أمام الحضور، استعرض فيها الوضع العام. وقال: "إننا مصممون على إنهاء الانقسام مهما كلف الأمر".'),
    ).toEqual(['محمود عباس']);
  });
});

describe('round 21: sources and bodies', () => {
  it('«بحسب ما أفاد الأربعاء مسؤول محلي» names an unnamed source, whom «المسؤول» points back to', () => {
    const quotes = said(
      'وقال وزير الخارجية الإيطالي باولو جينتيلوني: "نجاح الجهود الدبلوماسية وسيلة حاسمة لتجنب تكرار حوادث الخطف".',
      'وقتل أربعون شخصا في اشتباكات عنيفة جنوب البلاد، بحسب ما افاد الاربعاء مسؤول محلي وكالة فرانس برس. وقال المسؤول في مدينة سبها "سقط أربعون قتيلا على الأقل غالبيتهم من المسلحين".',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['باولو جينتيلوني', null]);
    expect(quotes[1].kind).toBe('unnamed');
  });

  it('an outlet that carried the words after «بحسب ما نقلت» is not their speaker', () => {
    expect(
      speakers(
        'وتلقت عائلة الضحية وعودا بمحاسبة الفاعل، بحسب ما نقلت صحيفة محلية الاثنين عن زوجته.',
        'وأكدت زوجته لصحيفة الوطن أنها “تلقت وعدا من المسؤولين بمحاسبة الفاعل أيا كان”.',
      ),
    ).not.toContain('صحيفة محلية');
  });

  it('«خلية الإعلام الحربي» is a body speaking', () => {
    expect(said('وقالت خلية الإعلام الحربي، في بيان، إن "القوات الأمنية حررت مبنى الجامعة من عناصر التنظيم".')).toEqual([
      { speaker: 'خلية الإعلام الحربي', role: null, kind: 'organisation' },
    ]);
  });
});

describe('round 21 (tune13): broadcasters, relays, verses, appositions, narrators', () => {
  it('a broadcaster named by its country is a body, and «التلفزيون» alone later is that body again', () => {
    expect(
      speakers(
        'وأعلن التلفزيون الكاميروني صباح اليوم أن عدد قتلى الهجوم ارتفع إلى عشرين شخصا.',
        'وأوضح التلفزيون أن «فتاة في الثانية عشرة من العمر فجرت نفسها في سوق شعبي بالمدينة».',
      ),
    ).toEqual(['التلفزيون الكاميروني']);
  });

  it('who relays words («ونقل التلفزيون الرسمي عنه») does not become their speaker', () => {
    expect(
      speakers(
        'وقال وزير النفط بيجن زنغنه إن بلاده ستزيد إنتاجها فور رفع العقوبات.',
        'ونقل التلفزيون الرسمي عنه قوله إن الإنتاج تراجع بسبب العقوبات. وأضاف: «سنعود إلى مستويات الإنتاج السابقة في غضون أشهر».',
      ),
    ).toEqual(['بيجن زنغنه']);
  });

  it('a verse after «بقول الحق تبارك وعز:» or «وقوله سبحانه وتعالى:» is not a quotation', () => {
    expect(
      speakers(
        'وقال رئيس الجمعية عبد الله الهذلول إن أبناء الجمعية يعملون بقول الحق تبارك وعز: «وَلا تَقْتُلُوا النَّفْسَ الَّتِي حَرَّمَ اللَّهُ إِلاَّ بِالْحَقِّ»، وقوله سبحانه وتعالى: «وَلا تَقْتُلُوا أَنفُسَكُمْ إِنَّ اللَّهَ كَانَ بِكُمْ رَحِيماً».',
      ),
    ).toEqual([]);
  });

  it('«أحد» after a name opens its apposition', () => {
    expect(said('وقال فيدريكو اديتشي أحد مسؤولي "فيفا" عن مناهضة التمييز "بوسعنا تقديم الدعم إذا كان الاتحاد بحاجة إليه".')).toEqual([
      { speaker: 'فيدريكو اديتشي', role: 'أحد مسؤولي فيفا', kind: 'person' },
    ]);
  });

  it('a name in parentheses right after the verb is the subject', () => {
    expect(said('وفي هذا السياق قال (مارك كيبلينغ) مدير عمليات الشركة: "يعد نظام البطاقات الذكية جزءا أساسيا من تطوير النقل".')).toEqual([
      { speaker: 'مارك كيبلينغ', role: 'مدير عمليات الشركة', kind: 'person' },
    ]);
  });

  it('a hadith narrator after «عن … رضي الله عنه» is the speaker', () => {
    expect(speakers('وهي واجبة على كل مسلم، وعن ابن عمر رضي الله عنهما قال: «فرض رسول الله صلى الله عليه وسلم زكاة الفطر صاعا من تمر».')).toEqual(['ابن عمر']);
  });
});

describe('round 21 (tune14): two roles, a name set off before its verb, Ban Ki-moon, «قال عنها»', () => {
  it('a body adjective in ة is no family name, so the name after two roles and a comma is the speaker', () => {
    expect(
      speakers('أكد رئيس شركة موانئ دبي العالمية رئيس مؤسسة الموانئ، سلطان أحمد بن سليم، أن "افتتاح القناة الجديدة سيدعم نمو الاقتصاد المصري".'),
    ).toEqual(['سلطان أحمد بن سليم']);
  });

  it('a role or honorific and a name set off by commas right before the verb are its subject', () => {
    expect(said('رئيس هيئة النزاهة في عهد المالكي، القاضي رحيم العكيلي، أكد: "أن المالكي تبنى سياسة معاداة الرقابة وحماية الفاسدين".')).toEqual([
      { speaker: 'رحيم العكيلي', role: 'القاضي', kind: 'person' },
    ]);
    // (Not any last segment: «وفيما يخص اللاعب…» is a topic, not the subject.)
    expect(
      speakers('من جانبه، أكد مدير الفريق عبدالله الدخيل أن المهاجم متواجد في فرنسا، وفيما يخص اللاعب محمد مجرشي أشار إلى أنه سيخضع للكشف، وقال: "لدينا حلول كثيرة في خط الهجوم هذا الموسم".'),
    ).toEqual(['عبدالله الدخيل']);
  });

  it('«بان كي مون» is a name of three words', () => {
    expect(
      speakers(
        'أطلق الامين العام للامم المتحدة بان كي مون نداء ملحا الى الجهات المانحة لسد العجز.',
        'وقال الامين العام في بيان انه "يناشد جميع الجهات المانحة التحرك بشكل عاجل لسد العجز".',
      ),
    ).toEqual(['بان كي مون']);
  });

  it('«وقال عنها X» is X speaking of her; after a relative the subject is the antecedent', () => {
    expect(speakers('وقال عنها الناقد أنطونيو أولينتو: “إنها تحفة روائي وتحفة شعب لا تترك المجال لأي شك”.')).toEqual(['أنطونيو أولينتو']);
    expect(speakers('وكان أعنف الردود من المفكر أبو يعرب المرزوقي الذي قال عنه نصا في صفحته: "إنه كذاب الصحفيين ولا يحترم الحقيقة".')).not.toContain('نصا');
  });
});
