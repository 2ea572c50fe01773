/**
 * The two pieces of Arabic text analysis behind summaries: sentences that lean on the one before them, and
 * relative dates. Checked on the seeds' own sentences (read from seeds/) and on the forms the issue names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../src/arabic/index.js';
import { isQuestion, needsPreviousSentence } from '../src/arabic/discourse.js';
import { formatArabicDate, resolveRelativeDates } from '../src/arabic/relative-dates.js';
import { loadCorpus } from '../src/corpus/load.js';

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
    ]) {
      expect(needsPreviousSentence(s), s).toBe(true);
    }
    // An answer: the sentence right after a question.
    expect(needsPreviousSentence('المؤسسة تعاني عجزا منذ سنوات.', 'فلماذا تأخر الإصلاح؟')).toBe(true);
    expect(isQuestion('فلماذا تأخر الإصلاح؟')).toBe(true);
    // Some outlets put a full stop after the question mark.
    expect(isQuestion('لماذا تصبح البشرة أقل سمكا في الفضاء؟.')).toBe(true);
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

  it('resolves a bare weekday to the last one, or the next one when the text says so', () => {
    // Seed 002's «…نايثن سايلس، الخميس، تعزيز…»: the report's Thursday.
    expect(resolveRelativeDates('بحث الوزير والمنسق، الخميس، تعزيز التعاون.', '2022-09-02')).toBe(
      'بحث الوزير والمنسق، الخميس 1 سبتمبر 2022، تعزيز التعاون.',
    );
    expect(resolveRelativeDates('اجتمع المجلس الأحد الماضي.', THURSDAY)).toBe('اجتمع المجلس الأحد الماضي (8 مايو 2022).');
    expect(resolveRelativeDates('يلتقي الفريقان الأحد المقبل.', THURSDAY)).toBe('يلتقي الفريقان الأحد المقبل (15 مايو 2022).');
    expect(resolveRelativeDates('سيعقد المجلس اجتماعه الأحد.', THURSDAY)).toBe('سيعقد المجلس اجتماعه الأحد 15 مايو 2022.');
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
