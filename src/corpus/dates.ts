/**
 * Publication dates as Arabic news sites print them, to YYYY-MM-DD.
 *
 * Month names differ by region, so all of them are accepted: Egyptian/Gulf (يناير… ديسمبر), Maghrebi (ماي،
 * يوليوز، غشت، شتنبر، نونبر، دجنبر), Algerian/Tunisian (جانفي، فيفري، أفريل، جوان، جويلية، أوت) and Levantine
 * (كانون الثاني… كانون الأول), alone or combined as many outlets print them («أيلول/سبتمبر 2014»). Digits may be
 * Arabic-Indic. Numeric dates are read day-first (dd/mm/yyyy, the Arab-world convention) or year-first
 * (yyyy-mm-dd). Only a FULL date counts: «الأربعاء 11 مايو» (no year) or «سبتمبر 2014» (no day) give null, because
 * guessing the missing part would put an article in the wrong digest.
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
