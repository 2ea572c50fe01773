/**
 * Relative dates in Arabic news made explicit against the article's publication date. Pure.
 *
 * A briefing is read hours or days after the article was written, so «أمس» and «الثلاثاء» lose the "when" of
 * the story. What is resolved, and how:
 * - «اليوم» (0), «أمس» and «الليلة الماضية» (−1), «أول أمس» / «أول من أمس» (−2), «غدا» (+1), «بعد غد» (+2), optionally followed by
 *   the weekday («أمس الأربعاء», «اليوم (الاثنين)»). A weekday that disagrees with the offset wins within three
 *   days (a text written before midnight and dated after it). Bare «اليوم» also means "nowadays" («المغرب اليوم
 *   في أول مجموعة…», seed 003), so it is resolved only where it is plainly a day: beside a weekday, after a time
 *   of day («صباح اليوم», «مساء اليوم»), set off by commas («قال، اليوم، إن…»), before «إن/أن» («قال الوزير اليوم
 *   إن…») or a few words after the event verb a sentence opens on («أعلنت الوزارة اليوم…»).
 * - A bare weekday («الخميس», «يوم الخميس»): the last such day on or before the article's date (news reports what
 *   happened); «المقبل»/«القادم» after it, or a future verb just before it («سيعقد… الخميس»), the next one;
 *   «الماضي» the one before.
 * - Left alone when the text already gives the date («أمس الأربعاء 11 مايو»).
 * The date is added, the words are kept: «أمس الأربعاء» → «أمس الأربعاء 11 مايو 2022», «أمس» → «أمس (الثلاثاء
 * 10 مايو 2022)», «الأحد الماضي» → «الأحد الماضي (8 مايو 2022)», so the sentence stays the outlet's own and reads
 * as Arabic.
 */
import { normalizeArabic } from './normalize.js';

export const MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
/** Indexed by Date.getUTCDay(): 0 = Sunday. */
export const WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

const WEEKDAY_INDEX = new Map<string, number>([
  ...WEEKDAYS.map((d, i) => [normalizeArabic(d), i] as [string, number]),
  [normalizeArabic('الإثنين'), 1],
]);

/** Every month name a date in the text may use (Egyptian/Gulf, Levantine, Maghrebi), normalized. */
const MONTH_WORDS = new Set(
  `يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان
   أيار حزيران تموز آب أيلول تشرين يونيه يوليه ماي يوليوز غشت شتنبر نونبر دجنبر جانفي فيفري أفريل جوان جويلية أوت`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeArabic(w)),
);

const TIME_OF_DAY = new Set(['صباح', 'صبيحة', 'مساء', 'ظهر', 'عصر', 'فجر', 'ليل', 'ليلة', 'ظهيرة', 'منتصف'].map((w) => normalizeArabic(w)));
const NEXT = new Set(['المقبل', 'القادم', 'المقبلة', 'القادمة'].map((w) => normalizeArabic(w)));
const LAST = new Set(['الماضي', 'الفائت', 'المنصرم', 'الماضية'].map((w) => normalizeArabic(w)));
const TODAY = normalizeArabic('اليوم');
const YESTERDAY = normalizeArabic('أمس');
const TOMORROW = normalizeArabic('غدا');
const TONIGHT = normalizeArabic('الليلة');
const FIRST = normalizeArabic('أول');
const AFTER = normalizeArabic('بعد');
const TOMORROW_NOUN = normalizeArabic('غد');
const DAY = normalizeArabic('يوم');
/**
 * Verbs that report an event, as a news sentence opens on them («أعلنت الوزارة اليوم…», «التقى… في جدة اليوم
 * فخامة…», «أصدر الرئيس اليوم قرارين…»): a bare «اليوم» among the first words after one is that day, not
 * "nowadays" (which follows a noun or a state verb: «المغرب اليوم…», «أصبح العالم اليوم…», not listed).
 */
const EVENT_VERBS = new Set(
  `قال أعلن أكد أوضح صرح ذكر أفاد كشف نفى دعا طالب أصدر أقر وافق رفض وقع
   افتتح دشن اختتم عقد نظم أقام رعى ترأس استقبل التقى اجتمع بحث ناقش زار وصل غادر توجه عاد
   بدأ انطلق أطلق شهد تلقى أجرى بعث أرسل نفذ شن قتل أصيب اعتقل أوقف ضبط أحبط أنقذ
   ارتفع تراجع انخفض هبط صعد أغلق سجل ربح خسر فاز تعادل
   تنطلق ينطلق تبدأ يبدأ يعقد تعقد يصل تصل يلتقي تلتقي يختتم تختتم يفتتح تفتتح تقام يقام يزور تزور`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeArabic(w)),
);
/** «اليوم» this many words at most after the opening verb. */
const OPENING_VERB_REACH = 12;
const NEWSPAPER = new Set(['صحيفة', 'لصحيفة', 'جريدة', 'لجريدة', 'مجلة'].map((w) => normalizeArabic(w)));
const THAT = new Set(['إن', 'أن', 'إنه', 'أنه', 'إنها', 'أنها'].map((w) => normalizeArabic(w)));

function isEventVerb(norm: string): boolean {
  const bare = /^[وف]/u.test(norm) && norm.length > 3 ? norm.slice(1) : norm;
  for (const w of [norm, bare]) {
    if (EVENT_VERBS.has(w)) return true;
    // The feminine and plural forms of a past verb: «أعلنت», «قالوا».
    for (const ending of ['ت', 'وا', 'ا']) if (w.endsWith(ending) && EVENT_VERBS.has(w.slice(0, -ending.length))) return true;
  }
  return false;
}
/**
 * «سيعقد», «ستنطلق», «سوف»: a future verb before a weekday. Five letters at least, so that names such as «سيف» do
 * not count; «سايلس» (seed 002) does not start with a future prefix at all.
 */
const FUTURE_VERB = /^(س[يتن][\p{L}]{3,}|سوف)$/u;

/**
 * Nouns that make the weekday after them a name rather than a day: «خطب الجمعة» (the ministry's Friday sermons,
 * SaudiNewsNet 2015-07-22), «خطباء الجمعة», «أيام الجمعة» (Fridays), «سوق الجمعة», «سورة الجمعة». Plurals and names only:
 * a report's singular «خطبة الجمعة» or «صلاة الجمعة» is usually that week's ("in the Friday sermon"), and stays dated.
 * In SaudiNewsNet these heads precede a weekday ~120 times.
 */
const NAMING_HEADS = new Set(
  ['خطب', 'خطباء', 'منابر', 'أئمة', 'ائمة', 'جوامع', 'مساجد', 'صلوات', 'أيام', 'ايام', 'أسواق', 'سوق', 'سورة', 'سوره'].map((w) => normalizeArabic(w)),
);

/** «وخطب», «لخطب», «بأيام»: a head with one leading conjunction or preposition. */
function isNamingHead(norm: string | undefined): boolean {
  if (!norm) return false;
  return NAMING_HEADS.has(norm) || (/^[وفبل]/u.test(norm) && NAMING_HEADS.has(norm.slice(1)));
}

/** Cheap pre-test on the raw text (any hamza or ة/ه spelling): most sentences name no day at all. */
const MAY_BE_RELATIVE = /[اأإآ]مس|اليوم|الليل[ةه]|غد|الأحد|الاحد|[اأإ]لإ?ثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمع[ةه]|السبت/u;

interface Token {
  norm: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({
    norm: normalizeArabic(m[0]),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

function parseDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(ms);
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? ms / 86_400_000 : null;
}

const weekdayOf = (day: number) => new Date(day * 86_400_000).getUTCDay();

/** «11 مايو 2022». */
export function formatArabicDate(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The day with weekday `wd` nearest to `target`, within three days either side. */
function snapToWeekday(target: number, wd: number): number {
  const diff = (((wd - weekdayOf(target)) % 7) + 10) % 7 - 3; // -3 … +3
  return target + diff;
}

const isExplicitDateWord = (t: Token | undefined) =>
  t !== undefined && (MONTH_WORDS.has(t.norm) || (/^\d{1,2}$/.test(t.norm) && +t.norm >= 1 && +t.norm <= 31));

/**
 * `text` with the dates of its relative day references added, against `articleDate` (YYYY-MM-DD). Unchanged
 * when the article's date is unknown or nothing is relative.
 */
export function resolveRelativeDates(text: string, articleDate: string | null | undefined): string {
  const base = articleDate ? parseDay(articleDate) : null;
  if (base === null || !MAY_BE_RELATIVE.test(text)) return text;
  const toks = tokens(text);
  const inserts: { at: number; text: string }[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let offset: number | null = null;
    let first = i;
    let last = i;
    if (t.norm === YESTERDAY) {
      offset = -1;
      if (toks[i - 1]?.norm === FIRST) first = i - 1;
      else if (toks[i - 1]?.norm === 'من' && toks[i - 2]?.norm === FIRST) first = i - 2;
      if (first < i) offset = -2;
    } else if (t.norm === TONIGHT && LAST.has(toks[i + 1]?.norm ?? '')) {
      // «الليلة الماضية»: the night before the report's day (a morning paper's «last night»).
      offset = -1;
      last = i + 1;
    } else if (t.norm === TOMORROW) {
      offset = 1;
    } else if (t.norm === TOMORROW_NOUN && toks[i - 1]?.norm === AFTER) {
      offset = 2;
      first = i - 1;
    } else if (t.norm === TODAY) {
      const weekdayNext = WEEKDAY_INDEX.has(toks[i + 1]?.norm ?? '');
      const afterTimeOfDay = TIME_OF_DAY.has(toks[i - 1]?.norm ?? '');
      const between = text.slice(toks[i - 1]?.end ?? 0, t.start);
      const setOff = /[،,(]\s*$/u.test(between) && /^\s*[،,)]/u.test(text.slice(t.end));
      // A bare «اليوم» in a report's clause: before «إن/أن» (reported speech: «قال الوزير اليوم إن…»), or soon
      // after the event verb the sentence opens on. Not a newspaper's name in quotation marks («لـ"اليوم"»).
      // Nor the head of a noun phrase: «اليوم الوطني», «اليوم الأول», «اليوم العالمي» (a definite word after it).
      const quoted = /[«"“']\s*$/u.test(between) || /^\s*[»"”']/u.test(text.slice(t.end)) || NEWSPAPER.has(toks[i - 1]?.norm ?? '');
      const phrase = /^ال/u.test(toks[i + 1]?.norm ?? '');
      const reported = THAT.has(toks[i + 1]?.norm ?? '') || (i <= OPENING_VERB_REACH && i > 0 && isEventVerb(toks[0].norm));
      if (weekdayNext || afterTimeOfDay || setOff || (reported && !quoted && !phrase)) offset = 0;
    }

    let day: number | null = null;
    if (offset !== null) {
      day = base + offset;
      const wd = WEEKDAY_INDEX.get(toks[i + 1]?.norm ?? '');
      if (wd !== undefined) {
        last = i + 1;
        day = snapToWeekday(day, wd);
        // «اليوم الجمعة» in a report dated Wednesday is the Friday before, not the one after: a report does not say
        // "today" or "yesterday" of a day after its own date (SaudiNewsNet dates are extraction days, often later
        // than publication: a report of Friday 17 July extracted on Wednesday the 22nd).
        if (offset <= 0 && day > base) day -= 7;
      }
    } else if (WEEKDAY_INDEX.has(t.norm) && !isNamingHead(toks[i - 1]?.norm)) {
      const wd = WEEKDAY_INDEX.get(t.norm)!;
      const next = toks[i + 1]?.norm ?? '';
      const before = toks.slice(Math.max(0, i - 4), i).map((x) => x.norm);
      const back = (((weekdayOf(base) - wd) % 7) + 7) % 7; // 0 … 6 days ago
      if (NEXT.has(next)) {
        day = base + ((7 - back) % 7 || 7); // strictly after the article's day
        last = i + 1;
      } else if (LAST.has(next)) {
        day = base - (back === 0 ? 7 : back);
        last = i + 1;
      } else if (before.some((w) => FUTURE_VERB.test(w))) {
        day = base + ((7 - back) % 7);
      } else {
        day = base - back;
      }
      if (toks[i - 1]?.norm === DAY) first = i - 1;
    }
    if (day === null) continue;
    if (isExplicitDateWord(toks[last + 1]) || isExplicitDateWord(toks[first - 1])) {
      i = last;
      continue; // «الأربعاء 11 مايو», «11 مايو الأربعاء»: already explicit
    }
    const endsOnWeekday = WEEKDAY_INDEX.has(toks[last].norm);
    const namesWeekday = endsOnWeekday || WEEKDAY_INDEX.has(toks[last - 1]?.norm ?? '');
    inserts.push({
      at: toks[last].end,
      text: endsOnWeekday
        ? ` ${formatArabicDate(day)}`
        : namesWeekday
          ? ` (${formatArabicDate(day)})` // «الأحد الماضي (8 مايو 2022)»
          : ` (${WEEKDAYS[weekdayOf(day)]} ${formatArabicDate(day)})`,
    });
    i = last;
  }
  let out = text;
  for (const ins of inserts.reverse()) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  return out;
}
