/**
 * The two pieces of Arabic text analysis behind summaries: sentences that lean on the one before them, and
 * relative dates. Checked on the seeds' own sentences (read from seeds/) and on the forms the issue names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, splitSentences } from '../src/arabic/index.js';
import { MIN_TRIMMED_WORDS, isQuestion, needsEarlierMention, needsPreviousSentence, trimAtClause } from '../src/arabic/discourse.js';
import { formatArabicDate, resolveRelativeDates } from '../src/arabic/relative-dates.js';
import { loadCorpus } from '../src/corpus/load.js';
import { additionOf, isSpellingVariant } from '../src/digest/summary.js';

let seedSentences: string[];
const seedSentence = (prefix: string) => {
  const found = seedSentences.find((s) => s.startsWith(prefix));
  if (!found) throw new Error(`no seed sentence starts with ${prefix}`);
  return found;
};

beforeAll(async () => {
  const seeds = (await loadCorpus('seeds')).articles;
  seedSentences = seeds.flatMap((a) => a.paragraphs.flatMap((p) => splitSentences(p)));
});

describe('sentences that need the previous one', () => {
  it('recognises continuations, anaphora and connectives in the seeds', () => {
    for (const prefix of [
      'جاء ذلك خلال لقائهما', // 002: which meeting?
      'وأضاف أن "الالتزام المشترك', // 002: who added?
      'وأتى هذا الاجتماع، تأكيدا', // 004: this meeting
      'هذا، وأكد المتدخلون', // 004: the Maghrebi «moreover»
      'كما ثمن المتدخلون الأجانب', // 004: also
      'وتابع المتحدث، في السياق ذاته', // 003: the speaker
      'وأشاد، في هذا الاتجاه', // 000: praised, with no subject
      'وأضاف أن هذا المكتب الأممي', // 001
    ]) {
      expect(needsPreviousSentence(seedSentence(prefix)), prefix).toBe(true);
    }
  });

  it('recognises the openings the issue names', () => {
    for (const s of [
      'وجاء في البيان أن الوزارة ستواصل مراقبة الأسعار خلال الأسابيع المقبلة.',
      'والجواب هو أن الحكومة لم تقرر بعد موعد الانتخابات.',
      'وأوضح أن التدريب سيستمر ثلاثة أسابيع في المعسكر المغلق.',
      'ونوه سموه في خطاب بعث به لرئيس الهيئة بالاهتمام الذي توليه الهيئة للمراكز.',
      'تجدر الإشارة إلى أن المهرجان ينظم للمرة الخامسة.',
      'من جهته، قال رئيس البلدية إن الأشغال ستنتهي قبل الصيف.',
      'وزار الوزير خلال هذه الجولة مستشفى المدينة ومركز الإسعاف.',
      'وعمليا، باتت القوات الحكومية تسيطر على مداخل المدينة.',
      'وبحسب العرض، فإن المشروع يقع على بعد عشرين كيلومترا من المدينة.',
      'وأوضح التقرير أن نسبة البطالة تراجعت خلال الربع الثاني.',
      'علما بأن الفريق سيخوض ثلاث مباريات ودية قبل انطلاق الموسم.',
      // Guest lists (the form seen in SaudiNewsNet, sentences written here): which meeting, which ceremony?
      'حضر اللقاء عدد من المسؤولين في الوزارة ورؤساء الأقسام.',
      'وشهد الحفل حضورا جماهيريا كبيرا من الأهالي والزوار.',
      // «the two sides»: which two? (SaudiNewsNet: another report's call, printed after this one's)
      'وبحث الجانبان خلال الاتصال سبل تطوير التعاون في مجالي الطاقة والنقل.',
      'وجدد الطرفان في مؤتمر صحفي مشترك دعوتهما إلى وقف القتال.',
      'أقيم الحفل في قاعة الفندق بحضور أهالي الحي وعدد من المدعوين.',
    ]) {
      expect(needsPreviousSentence(s), s).toBe(true);
    }
    // An answer: the sentence right after a question.
    expect(needsPreviousSentence('المؤسسة تعاني عجزا منذ سنوات.', 'فلماذا تأخر الإصلاح؟')).toBe(true);
    expect(isQuestion('فلماذا تأخر الإصلاح؟')).toBe(true);
    // Some outlets put a full stop after the question mark.
    expect(isQuestion('لماذا تصبح البشرة أقل سمكا في الفضاء؟.')).toBe(true);
  });

  it("reads a dignitary's honorific after any verb as a reference back, and «هنأ» as no «هنا»", () => {
    // Sentences of the kinds SaudiNewsNet prints (written here): «وحث سموه…» opened a multi-article summary.
    for (const s of [
      'وحث سموه الموظفين على بذل المزيد من الجهد لخدمة المواطن.',
      'ودعا سماحته الوعاظ إلى تربية الشباب على الخير.',
      'وكان في استقبال سموه لدى وصوله قائد المنطقة وعدد من المسؤولين.',
      'وقدم لسموه مدير الفرع تقريرا عن مشروعات الزراعة في المنطقة.',
    ]) {
      expect(needsPreviousSentence(s), s).toBe(true);
      // …but only the dignitary's earlier mention: any earlier sentence of the article that names him will do.
      expect(needsEarlierMention(s), s).toBe(true);
    }
    // A continuation with no subject still needs the very sentence before it, honorific or not.
    expect(needsEarlierMention('وأضاف سموه أن المشروع سيكتمل قبل نهاية العام.')).toBe(false);
    expect(needsPreviousSentence('وأضاف سموه أن المشروع سيكتمل قبل نهاية العام.')).toBe(true);
    expect(needsEarlierMention('وأضاف أن المشروع سيكتمل قبل نهاية العام.')).toBe(false);
    // «عن سعادته» is his joy, and an honorific far into the sentence follows its own named subject.
    expect(needsPreviousSentence('وأبدى مدير المطار المهندس يوسف الظاهري سعادته بالمشروع الجديد.')).toBe(false);
    expect(needsPreviousSentence('واستقبل أمير الرياض في مكتب سموه بقصر الحكم عضو هيئة كبار العلماء.')).toBe(false);
    // «هنأ» (congratulated) folds to «هنا» (here), which does continue.
    expect(needsPreviousSentence('هنأ أمير منطقة نجران القيادة بالإنجاز الأمني في لقاء بموظفي الإمارة.')).toBe(false);
    expect(needsPreviousSentence('وهنأ الوزير الفائزين بالجائزة في ختام الحفل.')).toBe(false);
    expect(needsPreviousSentence('وهنا يبرز دور الجمعية في خدمة المجتمع.')).toBe(true);
  });

  it('lets a spokesman described in full introduce himself, while a bare «المتحدث» still points back', () => {
    // The form of SaudiNewsNet's ministry statements (written here): two stories told only in them had no summary.
    for (const s of [
      'صرح المتحدث الرسمي باسم مركز الإغاثة أن الدفعة الثالثة من المعونات وصلت إلى المدينة.',
      'صرح المتحدث الأمني بوزارة الداخلية بأن الجهات الأمنية أطاحت بخلية في الرياض.',
      'وأوضح المتحدث الإعلامي للدفاع المدني أن الحريق أخمد دون إصابات.',
    ]) {
      expect(needsPreviousSentence(s), s).toBe(false);
    }
    for (const s of ['وأضاف المتحدث أن الوزارة ستواصل مراقبة الأسعار.', 'وقال المتحدث إن الفرق ما زالت في الموقع.']) {
      expect(needsPreviousSentence(s), s).toBe(true);
    }
  });

  it('lets sentences that name their subject stand alone', () => {
    for (const prefix of [
      'الرباط ـ بحث وزير الخارجية المغربي ناصر بوريطة', // 002's dateline sentence
      'وقال بوريطة في تغريدة', // 001: «و» + verb + a name
      'وقد أكد السيد كريستوفر لاندبيرغ', // 000
      'انضم المغرب إلى النيجر', // 003
      'عقد التحالف الدولي لمحاربة تنظيم داعش', // 001
      'وتقود مساعدة كاتب الدولة الأمريكي', // 000
      'إنطلقت صبيحة أمس الأربعاء 11 مايو', // 004
    ]) {
      expect(needsPreviousSentence(seedSentence(prefix)), prefix).toBe(false);
    }
    // Attending an event the sentence itself names.
    expect(needsPreviousSentence('حضر أكثر من ألف زائر حفل افتتاح المهرجان في جدة مساء الخميس.')).toBe(false);
    expect(needsPreviousSentence('ناقش الجانبان المصري والأمريكي خلال اتصال هاتفي أمس تطورات الأزمة اليمنية.')).toBe(false);
    expect(needsPreviousSentence('أقيم حفل تكريم المتفوقين في جامعة الملك سعود بحضور مدير الجامعة.')).toBe(false);
    expect(needsPreviousSentence('شهد ملعب الملك فهد الدولي في الرياض أمس نهائي كأس الملك.')).toBe(false);
        // «this week» is the reader's time, not a reference back.
    expect(needsPreviousSentence('أعلنت وزارة الصحة هذا الأسبوع انتهاء حملة التلقيح في القرى.')).toBe(false);
  });
});

describe('relative dates', () => {
  // 2022-05-12 was a Thursday.
  const THURSDAY = '2022-05-12';

  it('adds the date to yesterday, today and tomorrow, keeping the words', () => {
    expect(resolveRelativeDates('وأعلنت الوزارة أمس أن الاجتماع انتهى.', THURSDAY)).toBe(
      'وأعلنت الوزارة أمس (الأربعاء 11 مايو 2022) أن الاجتماع انتهى.',
    );
    expect(resolveRelativeDates('عقد التحالف اجتماعا اليوم الخميس في المغرب.', THURSDAY)).toBe(
      'عقد التحالف اجتماعا اليوم الخميس 12 مايو 2022 في المغرب.',
    );
    expect(resolveRelativeDates('قال الرئيس اليوم (الخميس) إن', THURSDAY)).toBe('قال الرئيس اليوم (الخميس 12 مايو 2022) إن');
    expect(resolveRelativeDates('ويصل الوفد غدا إلى الرباط.', THURSDAY)).toBe('ويصل الوفد غدا (الجمعة 13 مايو 2022) إلى الرباط.');
    expect(resolveRelativeDates('وقعت الحادثة أول أمس في الميناء.', THURSDAY)).toBe('وقعت الحادثة أول أمس (الثلاثاء 10 مايو 2022) في الميناء.');
  });

  it('dates «last night» as the night before the report', () => {
    // The form seen in SaudiNewsNet 2015-08-10 (an audience «الليلة الماضية»); sentence written here.
    expect(resolveRelativeDates('والتقى الوزير نظيره العماني الليلة الماضية في مسقط، وبحثا العلاقات الثنائية.', '2015-08-10')).toBe(
      'والتقى الوزير نظيره العماني الليلة الماضية (الأحد 9 أغسطس 2015) في مسقط، وبحثا العلاقات الثنائية.',
    );
    // «الليلة» alone is tonight or a night of the story («ليلة القدر»): left alone.
    const tonight = 'ويحيي الفنان حفلا في جدة الليلة بمناسبة العيد.';
    expect(resolveRelativeDates(tonight, '2015-08-10')).toBe(tonight);
  });

  it('resolves a bare weekday to the last one, or the next one when the text says so', () => {
    // Seed 002's «…نايثن سايلس، الخميس، تعزيز…»: the report's Thursday.
    expect(resolveRelativeDates('بحث الوزير والمنسق، الخميس، تعزيز التعاون.', '2022-09-02')).toBe(
      'بحث الوزير والمنسق، الخميس 1 سبتمبر 2022، تعزيز التعاون.',
    );
    expect(resolveRelativeDates('اجتمع المجلس الأحد الماضي.', THURSDAY)).toBe('اجتمع المجلس الأحد الماضي (8 مايو 2022).');
    expect(resolveRelativeDates('يلتقي الفريقان الأحد المقبل.', THURSDAY)).toBe('يلتقي الفريقان الأحد المقبل (15 مايو 2022).');
    expect(resolveRelativeDates('سيعقد المجلس اجتماعه الأحد.', THURSDAY)).toBe('سيعقد المجلس اجتماعه الأحد 15 مايو 2022.');
  });

  it('leaves a weekday alone where it names sermons, a market or a surah, not a day', () => {
    // Sentences written here, in the forms SaudiNewsNet uses («خطب الجمعة»: a ministry's collection of sermons).
    for (const s of [
      'وزعت الوزارة على الأئمة دليلا لخطب الجمعة في شهر رمضان.',
      'ودعا خطباء الجمعة إلى الحفاظ على الأمن.',
      'تزدحم الشواطئ في أيام الجمعة والسبت.',
      'ويقصد الأهالي سوق الخميس الشعبي في المحافظة.',
      'وقرأ الإمام آيات من سورة الجمعة.',
    ]) {
      expect(resolveRelativeDates(s, THURSDAY)).toBe(s);
    }
    // …while that week's sermon, and a day named after a noun that is not one of those heads, are dated.
    expect(resolveRelativeDates('وقال الشيخ في خطبة الجمعة إن الصبر مفتاح الفرج.', THURSDAY)).toBe(
      'وقال الشيخ في خطبة الجمعة 6 مايو 2022 إن الصبر مفتاح الفرج.',
    );
    expect(resolveRelativeDates('وأقيمت مباراة الجمعة في الرياض.', THURSDAY)).toBe('وأقيمت مباراة الجمعة 6 مايو 2022 في الرياض.');
  });

  it('trusts a weekday that disagrees with the offset by a day (written before midnight, dated after)', () => {
    // Seed 004: «أمس الأربعاء 11 مايو» in an article dated the 13th would be Thursday; Wednesday wins.
    expect(resolveRelativeDates('انطلقت أمس الأربعاء أشغال الاجتماع.', '2022-05-13')).toBe('انطلقت أمس الأربعاء 11 مايو 2022 أشغال الاجتماع.');
  });

  it('never puts «today» or «yesterday» after the article date (dates that are extraction days)', () => {
    // Dated Wednesday 22 July 2015 (an extraction day), the text says «today Friday»: the Friday before, the 17th.
    expect(resolveRelativeDates('قال المفوض اليوم الجمعة إن القرض سيصرف على دفعتين.', '2015-07-22')).toBe(
      'قال المفوض اليوم الجمعة 17 يوليو 2015 إن القرض سيصرف على دفعتين.',
    );
    // «tomorrow» may well name a later day.
    expect(resolveRelativeDates('ويلتقي الفريقان غدا الخميس في الرياض.', '2015-07-22')).toBe('ويلتقي الفريقان غدا الخميس 23 يوليو 2015 في الرياض.');
  });

  it('dates a bare «today» in a report clause: before «إن/أن», or after the event verb the sentence opens on', () => {
    // Sentences written here, in the forms SaudiNewsNet's wire copy uses.
    expect(resolveRelativeDates('قال وزير الخارجية اليوم إن المفاوضات مستمرة.', THURSDAY)).toBe(
      'قال وزير الخارجية اليوم (الخميس 12 مايو 2022) إن المفاوضات مستمرة.',
    );
    expect(resolveRelativeDates('أقامت وزارة الإسكان اليوم حفل معايدة لمنسوبيها في الرياض.', THURSDAY)).toBe(
      'أقامت وزارة الإسكان اليوم (الخميس 12 مايو 2022) حفل معايدة لمنسوبيها في الرياض.',
    );
    expect(resolveRelativeDates('والتقى الوزير في جدة اليوم رئيس الوفد الزائر.', THURSDAY)).toBe(
      'والتقى الوزير في جدة اليوم (الخميس 12 مايو 2022) رئيس الوفد الزائر.',
    );
    // …and not «today» as "nowadays", a newspaper's name, or the head of «اليوم الوطني» / «اليوم الأول».
    for (const s of [
      'أصبح العالم اليوم قرية صغيرة.',
      'يعيش الشباب اليوم ظروفا صعبة في سوق العمل.',
      'وقال المدير لـ"اليوم" إن العمل مستمر.',
      'وقال المدير لصحيفة اليوم إن العمل مستمر.',
      'احتفلت المدارس اليوم الوطني بحضور الطلاب.',
      'بدأت الفعاليات اليوم الأول من العيد.',
    ]) {
      expect(resolveRelativeDates(s, THURSDAY), s).toBe(s);
    }
  });

  it('leaves explicit dates, «today» meaning nowadays, and undated articles alone', () => {
    const seed004 = 'إنطلقت صبيحة أمس الأربعاء 11 مايو بمدينة مراكش،أشغال اجتماع التحالف الدولي';
    expect(resolveRelativeDates(seed004, THURSDAY)).toBe(seed004);
    // Seed 003: «تواجد المغرب اليوم في أول مجموعة…» — today's world, not a day.
    const nowadays = 'إن تواجد المغرب اليوم في أول مجموعة إفريقية يظهر إدراك المنتظم الدولي.';
    expect(resolveRelativeDates(nowadays, THURSDAY)).toBe(nowadays);
    expect(resolveRelativeDates('وأعلنت الوزارة أمس أن الاجتماع انتهى.', null)).toBe('وأعلنت الوزارة أمس أن الاجتماع انتهى.');
    expect(formatArabicDate(Date.UTC(2015, 6, 21) / 86_400_000)).toBe('21 يوليو 2015');
  });
});

describe('long sentences ended at a trailing clause', () => {
  // Sentences written for these tests, in the shape of SaudiNewsNet's and SPA's long leads.
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const MAIN =
    'افتتح وزير الصحة صباح أمس الثلاثاء المستشفى الجامعي الجديد في مدينة أبها بطاقة استيعابية تبلغ خمسمائة سرير وبتكلفة بلغت ملياري ريال';
  const TAIL =
    '، مؤكدا أن المشروع يأتي ضمن خطة الوزارة لتوسيع الخدمات الصحية في المناطق الجنوبية خلال السنوات الخمس المقبلة، وأن الوزارة ستفتتح مستشفيات أخرى في جازان ونجران والباحة قبل نهاية العام.';

  it('ends the sentence before «، مؤكدا أن…» when the whole runs over the cap, keeping who, what, where and when', () => {
    const sentence = MAIN + TAIL;
    expect(trimAtClause(sentence, 30, words)).toBe(`${MAIN}.`);
    // The last boundary that fits wins: with room for it, the second clause (a new reported one) is kept too.
    const reported = `${MAIN}، وقال مدير المستشفى إن العيادات الخارجية ستبدأ استقبال المرضى الأسبوع المقبل، مشيرا إلى أن التسجيل سيكون إلكترونيا عبر تطبيق الوزارة.`;
    expect(trimAtClause(reported, 30, words)).toBe(`${MAIN}.`);
    expect(trimAtClause(reported, 40, words)).toBe(`${MAIN}، وقال مدير المستشفى إن العيادات الخارجية ستبدأ استقبال المرضى الأسبوع المقبل.`);
    // Relative clause and adjuncts of circumstance.
    for (const opener of ['، الذي يعد الأكبر في المنطقة', '، وذلك ضمن خطة الوزارة', '، حيث التقى بالأطباء', '، فيما بدأت الأقسام عملها']) {
      expect(trimAtClause(`${MAIN}${opener} ${'وسط حضور كبير من الأهالي والمسؤولين '.repeat(3)}.`, 30, words), opener).toBe(`${MAIN}.`);
    }
  });

  it('does not cut at a comma between titles or places, inside a quotation, or before enough words', () => {
    // A prince's titles between commas: the sentence is not complete before them.
    const titles =
      'استقبل صاحب السمو الملكي الأمير فيصل بن خالد، أمير منطقة الحدود الشمالية، رئيس مجلس المنطقة، في مكتبه بالإمارة أمس مدير جامعة الحدود الشمالية وعددا من وكلائها وعمداء الكليات.';
    expect(trimAtClause(titles, 15, words)).toBeNull();
    // «…، مشيرا…» inside the minister's quoted words: ending there would leave the quotation open.
    const quoted = `قال الوزير في مؤتمر صحفي عقده في الرياض مساء أمس: «إن الوزارة ستواصل العمل على خطة التطوير، مشيرا إلى الموعد»، مؤكدا أن التنفيذ سيبدأ قريبا في كل المناطق.`;
    expect(trimAtClause(quoted, 22, words)).toBe('قال الوزير في مؤتمر صحفي عقده في الرياض مساء أمس: «إن الوزارة ستواصل العمل على خطة التطوير، مشيرا إلى الموعد».');
    expect(trimAtClause(quoted, 18, words)).toBeNull();
    // Too few words before the only boundary: a fragment, not a sentence.
    const short = `أكد الوزير أهمية المشروع، مؤكدا ${'أن التنفيذ سيبدأ قريبا في المناطق '.repeat(4)}.`;
    expect(words(short.split('،')[0])).toBeLessThan(MIN_TRIMMED_WORDS);
    expect(trimAtClause(short, 20, words)).toBeNull();
    // «وبين» after a comma is "and between" as often as "and he showed": no cut.
    const between = `${MAIN}، وبين المدينتين مسافة قصيرة يقطعها المرضى في أقل من ساعة عبر الطريق السريع الجديد.`;
    expect(trimAtClause(between, 30, words)).toBeNull();
  });
});

describe('what another outlet adds', () => {
  const term = (w: string) => analyze(w)[0];
  it('counts two spellings of one transliterated name as one word, and words of one root as different', () => {
    expect(isSpellingVariant(term('ميتسوبيشي'), term('ميتشوبيشي'))).toBe(true);
    expect(isSpellingVariant(term('ماتيريالز'), term('ماتريالز'))).toBe(true);
    expect(isSpellingVariant(term('اعتقل'), term('معتقل'))).toBe(false);
    expect(isSpellingVariant(term('قال'), term('قاد'))).toBe(false);
    expect(isSpellingVariant('2015', '2016')).toBe(false);
  });

  it('finds no new fact in a retelling with other spellings, and the new figures of a sentence that has them', () => {
    const said = new Set(analyze('قدمت شركة ميتسوبيشي ماتيريالز اعتذارا لأسرى الحرب في لوس أنجلوس.'));
    const rare = (t: string) => ({ term: t, rarity: 6 });
    const retold = additionOf([...new Set(analyze('ميتشوبيشي ماتريالز تعتذر لأسرى الحرب'))].map(rare), said);
    expect(retold.facts).toEqual(['تعتذر'].map(term).filter((t) => !said.has(t)));
    const fresh = additionOf([...new Set(analyze('وتلقى جيمس مورفي 94 عاما الاعتذار'))].map(rare), said);
    expect(fresh.facts).toEqual(expect.arrayContaining(['94', term('مورفي')]));
    expect(fresh.novelty).toBeGreaterThan(retold.novelty);
  });
});

describe('the numbers a summary sentence gives', () => {
  it('reads counts written as words as the digits another outlet writes', async () => {
    const { numbersOf } = await import('../src/digest/summary.js');
    expect(numbersOf('قتل ثلاثة جنود وأصيب 12 آخرون')).toEqual(['12', '3']);
    expect(numbersOf('وبثلاث طائرات والعشرة الباقون')).toEqual(['3', '10']);
    expect(numbersOf('اجتمع الطرفان في ست ساعات')).toEqual(['6']);
    // No count: «أحد» and «واحد من», words that only contain a number word.
    expect(numbersOf('قال أحد المسؤولين إن واحدا من الحضور غادر الثلاثاء')).toEqual([]);
    expect(numbersOf('وقال: لست متأكدا من موعد عودته')).toEqual([]);
  });
});
