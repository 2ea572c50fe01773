/**
 * Publication dates as Arabic news sites print them, to YYYY-MM-DD.
 *
 * Month names differ by region, so all of them are accepted: Egyptian/Gulf (يناير… ديسمبر), Maghrebi (ماي،
 * يوليوز، غشت، شتنبر، نونبر، دجنبر), Algerian/Tunisian (جانفي، فيفري، أفريل، جوان، جويلية، أوت) and Levantine
 * (كانون الثاني… كانون الأول), alone or combined as many outlets print them («أيلول/سبتمبر 2014»). Digits may be
 * Arabic-Indic. Numeric dates are read day-first (dd/mm/yyyy, the Arab-world convention) or year-first
 * (yyyy-mm-dd). parseArabicDate reads only a FULL date: «الأربعاء 11 مايو» (no year) or «سبتمبر 2014» (no day) give
 * null there. inferWeekdayDate (below) resolves the first kind when the calendar and the text leave one year only.
 */
import { normalizeArabic } from '../arabic/normalize.js';

const MONTH_NAMES: Record<number, string[]> = {
  1: ['يناير', 'جانفي', 'كانون الثاني', 'كانون ثاني', 'january'],
  2: ['فبراير', 'فيفري', 'شباط', 'february'],
  3: ['مارس', 'آذار', 'march'],
  4: ['أبريل', 'إبريل', 'أفريل', 'نيسان', 'april'],
  5: ['مايو', 'ماي', 'أيار', 'may'],
  6: ['يونيو', 'يونيه', 'جوان', 'حزيران', 'june'],
  7: ['يوليو', 'يوليه', 'يوليوز', 'جويلية', 'تموز', 'july'],
  8: ['أغسطس', 'غشت', 'أوت', 'آب', 'august'],
  9: ['سبتمبر', 'شتنبر', 'أيلول', 'september'],
  10: ['أكتوبر', 'تشرين الأول', 'تشرين أول', 'october'],
  11: ['نوفمبر', 'نونبر', 'تشرين الثاني', 'تشرين ثاني', 'november'],
  12: ['ديسمبر', 'دجنبر', 'كانون الأول', 'كانون أول', 'december'],
};

/** Folded month name (normalizeArabic, single spaces) → month number. */
const MONTHS = new Map<string, number>();
for (const [month, names] of Object.entries(MONTH_NAMES)) {
  for (const name of names) MONTHS.set(normalizeArabic(name), Number(month));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first so «مايو» is not read as «ماي» + «و»; the look-ahead stops a month matching inside a longer word.
const MONTH = `(?:${[...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => escape(m).replace(/ /g, '\\s+'))
  .join('|')})(?!\\p{L})`;

// «03 ديسمبر 2021», «3 أيلول/سبتمبر 2014», «3 سبتمبر (أيلول) 2014», «3 من شهر مايو، 2022», «2021م».
const DAY_MONTH_YEAR = new RegExp(
  `(?<!\\d)(\\d{1,2})\\s*(?:من\\s+)?(?:شهر\\s+)?(${MONTH})(?:\\s*[/(-]\\s*(${MONTH})\\s*\\)?)?\\s*[,،]?\\s*(?:من\\s+)?(?:عام\\s+|سنه\\s+)?(\\d{4})(?!\\d)`,
  'gu',
);
const YEAR_FIRST = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gu;
const DAY_FIRST = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/gu;

/** YYYY-MM-DD when y-m-d is a real calendar day in a plausible range for news, else null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null; // 30 فبراير
  return d.toISOString().slice(0, 10);
}

const monthNumber = (name: string): number => MONTHS.get(name.replace(/\s+/g, ' ')) ?? 0;

/**
 * The first full date written in `text`, as YYYY-MM-DD, or null when it contains none. Pure: it reads only its
 * argument. Which text is searched (the header zone, never the body) is the caller's decision.
 */
export function parseArabicDate(text: string): string | null {
  const folded = normalizeArabic(text);
  let best: { at: number; iso: string } | null = null;
  const consider = (at: number, iso: string | null) => {
    if (iso && (!best || at < best.at)) best = { at, iso };
  };
  for (const m of folded.matchAll(DAY_MONTH_YEAR)) {
    consider(m.index!, isoDate(Number(m[4]), monthNumber(m[2]), Number(m[1])));
  }
  for (const m of folded.matchAll(YEAR_FIRST)) consider(m.index!, isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of folded.matchAll(DAY_FIRST)) consider(m.index!, isoDate(Number(m[3]), Number(m[2]), Number(m[1])));
  return best ? (best as { iso: string }).iso : null;
}

/** Words that may stand around a date on a site's date line («الجمعة 03 ديسمبر 2021 على الساعة 12:30»). */
const DATE_LINE_WORDS = new Set(
  [
    'السبت', 'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة',
    'على', 'الساعة', 'في', 'نشر', 'نشرت', 'تاريخ', 'بتاريخ', 'النشر', 'آخر', 'تحديث', 'محدث', 'الموافق', 'يوم',
    'من', 'شهر', 'عام', 'سنة', 'م', 'هـ', 'ه', 'صباحا', 'مساء', 'ص',
  ].map(normalizeArabic),
);

/**
 * True when the line is a date line — a full date and nothing else of substance (weekday, time, «نشر في»…) —
 * as opposed to a headline that happens to contain a date. Date lines are metadata, not paragraphs.
 */
export function isDateLine(line: string): boolean {
  if (!parseArabicDate(line)) return false;
  const words = normalizeArabic(line)
    .split(/[\s,،|:\-–—/()]+/u)
    .filter((w) => w && !/^\d+([.:]\d+)*$/.test(w) && !DATE_LINE_WORDS.has(w) && !MONTHS.has(w));
  // Two-word month names («كانون الأول») leave their halves behind; tolerate that much.
  return words.length <= 2;
}

// ---------------------------------------------------------------------------------------------------------------
// Weekday + day + month without a year («أمس الأربعاء 11 مايو», seed 004)

/** Day of the week as Date#getUTCDay numbers it (0 = Sunday). */
const WEEKDAYS = new Map<string, number>(
  [['الأحد', 0], ['الاثنين', 1], ['الإثنين', 1], ['الثلاثاء', 2], ['الأربعاء', 3], ['الخميس', 4], ['الجمعة', 5], ['السبت', 6]]
    .map(([name, n]) => [normalizeArabic(name as string), n as number]),
);
const WEEKDAY = `(?:${[...WEEKDAYS.keys()].join('|')})`;
/**
 * Words that tie the weekday to the day the article was written: «اليوم الأربعاء» is the publication day, «أمس
 * الأربعاء» the day before it (seed 004: the meeting opened "yesterday, Wednesday 11 May", so the report is of
 * Thursday 12 May), «غدا الأربعاء» the day after. Days to ADD to the written day to get the publication day.
 */
const RELATIVE: [RegExp, number][] = [
  [/^اول (?:امس|من امس)$/u, 2],
  [/^(?:امس|الامس|البارحه)$/u, 1],
  [/^(?:اليوم|هذا اليوم)$/u, 0],
  [/^(?:غدا|غدا يوم)$/u, -1],
];
const RELATIVE_WORDS = '(?:اول (?:امس|من امس)|الامس|امس|البارحه|هذا اليوم|اليوم|غدا يوم|غدا)';
// «أمس الأربعاء 11 مايو», «الأربعاء، 11 ماي», «الأربعاء الموافق 11 من شهر مايو» — and NOT followed by a year
// (a full date is parseArabicDate's).
const WEEKDAY_DAY_MONTH = new RegExp(
  `(?:(${RELATIVE_WORDS})\\s+)?(?:يوم\\s+)?(${WEEKDAY})\\s*[,،]?\\s*(?:الموافق\\s+)?(\\d{1,2})\\s*(?:من\\s+)?(?:شهر\\s+)?(${MONTH})(?!\\s*[/(-]?\\s*\\p{L}*\\s*[,،]?\\s*(?:عام\\s+|سنه\\s+)?\\d{4})`,
  'gu',
);
const YEAR_IN_TEXT = /(?<!\d)(19\d\d|20\d\d)(?!\d)/gu;

/** A publication day the text gives without its year: month 1–12, day 1–31, weekday 0 (Sunday)–6. */
export interface DayWithoutYear {
  month: number;
  day: number;
  weekday: number;
}

export interface WeekdayDate {
  /** YYYY-MM-DD when only one year fits; else null. */
  date: string | null;
  /** The publication day as the text gives it, when the year could not be told (null when it could, or when a
   *  month end makes the day itself depend on the year). */
  dayWithoutYear: DayWithoutYear | null;
}

/**
 * The publication date from a weekday + day + month written without a year, resolved only when exactly one year
 * fits both the calendar (11 May is a Wednesday in 2011, 2016, 2022, 2033…) and the rest of the text:
 * - the year is no later than `notAfter` (when the article entered the corpus: a report is not written after it
 *   was saved) and no earlier than the latest year the text itself writes up to then («…منذ 2014…» puts it in or
 *   after 2014). Without a year in the text, or without `notAfter`, the window stays open and nothing is resolved:
 *   several years fit, and guessing would put the article in the wrong digest.
 * - the weekday must be tied to the day of writing: in a line that is only a date, or after «اليوم / أمس / أول
 *   أمس / غدا» (taken into account: «أمس الأربعاء 11 مايو» gives Thursday 12 May). «ينعقد الأربعاء 11 مايو» in
 *   prose is an event's day, not the article's, and gives nothing.
 * `lines` are the header lines and the first paragraphs (where a site or a lead sentence dates the story); `text`
 * is the whole article (for the years it writes). Null when no such weekday date is there.
 */
export function inferWeekdayDate(lines: readonly string[], text: string, notAfter: string | null): WeekdayDate | null {
  for (const line of lines) {
    const folded = normalizeArabic(line);
    for (const m of folded.matchAll(WEEKDAY_DAY_MONTH)) {
      const offset = m[1] === undefined ? null : relativeOffset(m[1]);
      if (offset === null && !isOnlyADate(folded, m[0])) continue;
      const weekday = WEEKDAYS.get(m[2])!;
      const day = Number(m[3]);
      const month = monthNumber(m[4]);
      if (!month || day < 1 || day > 31) continue;
      const shift = offset ?? 0;
      return {
        date: resolveYear(weekday, month, day, shift, text, notAfter),
        dayWithoutYear: shiftedDay(month, day, (weekday + shift + 7) % 7, shift),
      };
    }
  }
  return null;
}

function relativeOffset(word: string): number | null {
  for (const [re, offset] of RELATIVE) if (re.test(word)) return offset;
  return null;
}

/** The match is the whole line but for date-line words («الأربعاء 11 مايو 13:30», «نشر في الأربعاء 11 مايو»). */
function isOnlyADate(line: string, match: string): boolean {
  const rest = line
    .replace(match, ' ')
    .split(/[\s,،|:\-–—/()]+/u)
    .filter((w) => w && !/^\d+([.:]\d+)*$/.test(w) && !DATE_LINE_WORDS.has(w));
  return rest.length === 0;
}

function resolveYear(weekday: number, month: number, day: number, shift: number, text: string, notAfter: string | null): string | null {
  const until = notAfter && Date.parse(notAfter) > Date.UTC(1990, 0, 1) ? new Date(notAfter).getUTCFullYear() : null;
  const written = [...normalizeArabic(text).matchAll(YEAR_IN_TEXT)].map((m) => Number(m[1])).filter((y) => until === null || y <= until);
  if (written.length === 0 || until === null) return null;
  const from = Math.max(...written);
  const fits: string[] = [];
  for (let year = from; year <= until; year++) {
    const iso = isoDate(year, month, day);
    if (!iso || new Date(`${iso}T00:00:00Z`).getUTCDay() !== weekday) continue;
    const published = new Date(Date.parse(`${iso}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);
    if (published.slice(0, 4) <= String(until)) fits.push(published);
  }
  return fits.length === 1 ? fits[0] : null;
}

/** The written day moved by `shift` days, when that does not depend on the year (28 فبراير + 1 does). */
function shiftedDay(month: number, day: number, weekday: number, shift: number): DayWithoutYear | null {
  const inYear = (year: number) => {
    if (!isoDate(year, month, day)) return null;
    return new Date(Date.UTC(year, month - 1, day) + shift * 86_400_000);
  };
  const leap = inYear(2024);
  const common = inYear(2023);
  if (!leap || !common || leap.getUTCMonth() !== common.getUTCMonth() || leap.getUTCDate() !== common.getUTCDate()) return null;
  return { month: common.getUTCMonth() + 1, day: common.getUTCDate(), weekday };
}
