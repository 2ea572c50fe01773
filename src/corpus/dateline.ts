/**
 * Wire-story datelines: the place (and agency) that open an article — «مراكش/المغرب-(د ب أ):» (seed 001),
 * «الرباط ـ» (seed 002, tatweel used as a dash), «القاهرة (رويترز) -», «باريس - أ ف ب:».
 * Only the very start of a line is read: an agency named later in the body («وفق وكالة المغرب العربي للانباء
 * “ماب”» in seed 001) is the reporter's source for one fact, not the article's source.
 */

export interface Dateline {
  place: string;
  /** The agency, when the dateline names one. */
  source: string | null;
  /** Text of the line after the dateline ('' when the dateline stands alone on its line). */
  rest: string;
}

// Tatweel is excluded from words because here it works as a dash; a word glued to a tatweel («لـ») is a clitic.
const WORD = '[^\\s\\-–—ـ:()\\[\\]«»“”"/،,.؛!?؟…\\d]+';
// A place is one or two words, each possibly slash-joined («مراكش/المغرب», «الدار البيضاء»). Longer openings
// are sentences («تعرضت البريطانية "ويندي باربر" - 44 عاماً» in SaudiNewsNet), not datelines.
const PLACE_PART = `${WORD}(?:\\s*/\\s*${WORD})*`;
const PLACE = `${PLACE_PART}(?:\\s+${PLACE_PART})?`;
// A tatweel counts as a dash only after a space: glued to a letter it is the kashida of a clitic
// («بـ«سوريا المفيدة»», «لـ«التحالف»»), not punctuation.
const DASH = '(?:\\s*[\\-–—]|\\s+ـ)';
/** What closes a dateline: a colon or a dash. */
const END = `(?::|${DASH})`;
const AGENCY_IN_BRACKETS = '[(«“"]\\s*([^()«»“”"]{1,30}?)\\s*[)»”"]';
/** Agencies a dateline names without brackets. Other names need brackets to count. */
const KNOWN_AGENCIES = [
  'د ب أ', 'د.ب.أ', 'أ ف ب', 'أ.ف.ب', 'رويترز', 'الأناضول', 'ماب', 'و م ع', 'واس', 'وام', 'قنا', 'كونا', 'سانا',
  'بنا', 'أ ش أ', 'شينخوا', 'إفي', 'يو بي آي', 'أسوشيتد برس', 'وكالات',
];
const KNOWN = KNOWN_AGENCIES.map((a) => a.replace(/[.]/g, '\\.').replace(/ /g, '\\s*')).join('|');

/** Words that open a sentence, never a place: «وقال أحمد (…):», «هذا - …». */
const NOT_A_PLACE = new Set(
  'قال وقال قالت وقالت أكد وأكد أضاف وأضاف أوضح وأوضح أشار وأشار تابع وتابع ذكر وذكر هذا هذه وهذا وهذه كما إن أن في من على'.split(' '),
);

const PATTERNS: RegExp[] = [
  // مراكش/المغرب-(د ب أ):   القاهرة - (رويترز) -
  new RegExp(`^(${PLACE})${DASH}\\s*${AGENCY_IN_BRACKETS}\\s*(?:\\s*${END}\\s*)?`, 'u'),
  // القاهرة (رويترز) -   القاهرة (رويترز):   — known agencies only: «وقال أنس الراجحي (محلل سوق الأسهم):» is
  // the same shape (SaudiNewsNet).
  new RegExp(`^(${PLACE})\\s*[(«“"]\\s*(${KNOWN})\\s*[)»”"]\\s*${END}\\s*`, 'u'),
  // باريس - أ ف ب:
  new RegExp(`^(${PLACE})${DASH}\\s*(${KNOWN})\\s*${END}\\s*`, 'u'),
  // الرباط ـ   (a dash with spaces around it; no agency)
  new RegExp(`^(${PLACE})\\s+[\\-–—ـ]\\s+()(?!\\d)`, 'u'), // not «كوفيد - 19»
  // الرباط:   only when alone on its line (otherwise «الطالبي العلمي: …» would be a place)
  new RegExp(`^(${PLACE})\\s*:\\s*()$`, 'u'),
];

/** The dateline that opens `line`, or null. */
export function parseDateline(line: string): Dateline | null {
  const text = line.replace(/^[*•●▪■◦‣►▸◆○·\s]+/u, ''); // «* واشنطن - «الشرق الأوسط»:» in digest columns
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (!m || NOT_A_PLACE.has(m[1].split(/[\s/]/)[0])) continue;
    // «الدجاجة (سيسيلي) - 3 أشهر»: a dash followed by a number is an apposition (age, count), not a dateline.
    if (/^\d/.test(text.slice(m[0].length))) continue;
    const place = m[1].replace(/\s*\/\s*/g, '/').trim();
    const source = m[2]?.trim() || null;
    return { place, source, rest: text.slice(m[0].length).trim() };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// A source named in the lead, for articles without a dateline agency

const QUOTE_OPEN = '[«“"]';
const QUOTE_CLOSE = '[»”"]';
/** An outlet's name: a quoted name, or up to five words before punctuation. */
const NAME = `(?:${QUOTE_OPEN}([^«»“”"]{2,40})${QUOTE_CLOSE}|((?:[^\\s.,،؛:()«»“”"]+)(?:\\s+[^\\s.,،؛:()«»“”"]+){0,4}))`;

/**
 * «جاء ذلك … بحسب وكالة الأنباء المغربية الرسمية» (seed 002): the report credits a news agency → that agency.
 * Only agencies (وكالة …) count: «حسب الموقع الرسمي للتحالف» (seed 003) is where a fact comes from, not who wrote.
 */
const ACCORDING_TO_AGENCY = new RegExp(`(?:^|[\\s(])و?(?:بحسب|حسب|وفق|وفقا\\s+ل|وفقاً\\s+ل|نقلا\\s+عن|نقلاً\\s+عن)\\s*(وكالة\\s+${NAME})`, 'u');
/**
 * «في تصريح لموقع “كيفاش”» (seed 003): a statement given to an outlet is how that outlet credits its own interview,
 * so the outlet is the article's source.
 */
const STATEMENT_TO_OUTLET = new RegExp(`(?:في|خلال)\\s+(?:تصريح|حديث|حوار|مقابلة)(?:\\s+(?:خاص|خاصة|حصري))?\\s+(?:ل|لـ\\s*)(?:موقع|جريدة|صحيفة|قناة|إذاعة|مجلة)\\s*${NAME}`, 'u');

/** The outlet or agency a lead paragraph names as its source, or null. */
export function namedSource(paragraph: string): string | null {
  const agency = ACCORDING_TO_AGENCY.exec(paragraph);
  if (agency) return tidyName(agency[1]);
  const outlet = STATEMENT_TO_OUTLET.exec(paragraph);
  if (outlet) return tidyName(outlet[1] ?? outlet[2]);
  return null;
}

function tidyName(name: string): string {
  return name.replace(/[«»“”"]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * A byline's name: «بقلم: محمد الرداف», «كتب — سارة بنعلي». Null when the line is not a clean byline — seed 000's
 * «ما5تيفيمحمد الرداف» is a flattened widget whose name cannot be cut out reliably, so it gives nothing.
 */
export function bylineName(line: string): string | null {
  const m = /^(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|بواسطة|تحرير)\s*[:：\-–—]?\s*([\p{Script=Arabic}\s.]{3,40}|[\p{L}\s.'-]{3,40})$/u.exec(line.trim());
  if (!m) return null;
  const name = m[1].trim();
  return name.split(/\s+/).length <= 4 ? name : null;
}
