/**
 * Sentences that cannot open a summary because they lean on the sentence before them. Pure, for src/digest.
 *
 * Arabic news prose opens almost every sentence with «و»; that alone says nothing («وقال وزير الخارجية ناصر
 * بوريطة إن…» stands on its own). What does make a sentence dependent, from the seeds, EASC and SaudiNewsNet:
 * - continuing someone's words with no subject: «وأضاف أن…», «وتابع:», «وأوضح، في تصريحه، أن…», «وأشار إلى…»
 *   (a reporting verb followed by أن/إن, a colon, a comma or a preposition, not by a name);
 * - anaphora at the start: «وهذا…», «وهو ما…», «ذلك أن…», «جاء ذلك خلال…», «وجاء في البيان…» (which statement?),
 *   «وأبرز المصدر ذاته…», «وتابع المتحدث…», «من جهته…», «بدوره…», «وأتى هذا الاجتماع…» (a demonstrative
 *   right after the verb);
 * - connectives that continue an argument: «كما…», «لكن…», «إلا أن…», «في المقابل…», «وفي هذا السياق…»,
 *   «لذلك…», «أما…», «حيث…», «هذا، وأكد…» (a Maghrebi «moreover»);
 * - background notes: «تجدر الإشارة إلى أن…», «يذكر أن…» (they close an article, they do not open a story);
 * - an honorific standing for the subject: «ونوه سموه…», «وأكد معاليه…», «وحث سموه…» (Gulf news: the prince of
 *   the lead), or near the start: «وكان في استقبال سموه…»;
 * - an event named as already told: «حضر اللقاء…», «وشهد الحفل…», «أقيم الحفل في…».
 * - answers: «والجواب هو…», and any sentence right after a question (see `needsPreviousSentence`'s `previous`).
 */
import { normalizeArabic } from './normalize.js';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Normalized forms of the words that open sentences: few distinct ones, asked for again and again. */
const normalized = new Map<string, string>();
const NORMALIZED_LIMIT = 50_000;

function words(text: string, n: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    let w = normalized.get(m[0]);
    if (w === undefined) {
      if (normalized.size >= NORMALIZED_LIMIT) normalized.clear();
      w = normalizeArabic(m[0]);
      normalized.set(m[0], w);
    }
    out.push(w);
    if (out.length >= n) break;
  }
  return out;
}

const norm = (list: string) => new Set(list.split(/\s+/).filter(Boolean).map((w) => normalizeArabic(w)));

/** First words that always continue what came before (with or without the «و»/«ف» conjunction). */
const CONTINUING_FIRST_WORDS = norm(`
  كما أيضا كذلك لكن لكنه لكنها ولكن غير بيد إلا بالمقابل المقابل لذلك لذا ولهذا لهذا وبالتالي بالتالي وعليه عليه
  ثم حيث إذ مما بينما فيما أما وأما بدوره بدورها بدورهم وبدوره وبدورها جهته جهتها جانبه جانبها والجواب الجواب
  وهذا هذا وهذه هذه وذلك ذلك وتلك تلك وهو وهي وهم وهما هو هي هم هنا وهنا وعندها عندها وبذلك بذلك وبهذا بهذا
  فقد فإن فإنه فإنها فهو فهي فهذا وإضافة إضافة علاوة فضلا وفضلا بالإضافة وبالإضافة وأضاف أضاف وأضافت أضافت
  وتابع تابع وتابعت وأردف أردف وأردفت واستطرد وختم واختتم وخلص وزاد وزادت واستدرك
  تجدر يجدر والجدير الجدير يذكر ويذكر يشار ويشار عمليا وعمليا بالتالي وهكذا هكذا علما وعلما
`);

const HERE = norm('هنا وهنا');

/** Reporting verbs: dependent when no subject follows (the speaker is the previous sentence's). */
const REPORTING_VERBS = norm(`
  قال وقال وقالت قالت أوضح وأوضح وأوضحت أوضحت أكد وأكد وأكدت أكدت أشار وأشار وأشارت أشارت شدد وشدد وشددت لفت
  ولفت ولفتت نوه ونوه ونوهت اعتبر واعتبر واعتبرت أعرب وأعرب وأعربت أبرز وأبرز وأبرزت ذكر وذكر وذكرت بين وبين
  وبينت صرح وصرح وصرحت أفاد وأفاد وأفادت أعلن وأعلن وأعلنت دعا ودعا ودعت طالب وطالب وطالبت رأى ورأى ورأت يرى
  ويرى ترى وترى يقول ويقول تقول وتقول يضيف ويضيف تضيف وتضيف أشاد وأشاد أشادت وأشادت ثمن وثمن ثمنت حذر وحذر حذرت
  وحذرت نفى ونفى نفت ونفت كشف وكشف كشفت وكشفت
`);

/** What follows a reporting verb when it has no subject of its own. */
const NO_SUBJECT_AFTER_VERB = norm(`
  أن إن أنه أنها أنهم إنه إنها في خلال عقب بعد أمام لدى على إلى عن ب بأن بان أيضا كذلك ذلك له لها لهم في حديثه
  تصريحه تصريحها كلمته كلمتها حديثه حديثها تصريح حديث كلمة بيان لقائه لقائها المتحدث المصدر المصادر
`);

/** Second words that, after «في»/«من»/«على», make a phrase pointing back («في هذا السياق», «من جهة أخرى»). */
const BACK_POINTING_PHRASES: readonly string[][] = [
  ['في', 'هذا'],
  ['وفي', 'هذا'],
  ['في', 'السياق'],
  ['وفي', 'السياق'],
  ['في', 'سياق'],
  ['وفي', 'سياق'],
  ['في', 'المقابل'],
  ['وفي', 'المقابل'],
  ['في', 'حين'],
  ['من', 'جهة'],
  ['ومن', 'جهة'],
  ['من', 'ناحية'],
  ['ومن', 'ناحية'],
  ['من', 'جهته'],
  ['ومن', 'جهته'],
  ['من', 'جهتها'],
  ['ومن', 'جهتها'],
  ['من', 'جانبه'],
  ['ومن', 'جانبه'],
  ['من', 'جانبها'],
  ['ومن', 'جانبها'],
  ['على', 'صعيد', 'آخر'],
  ['وعلى', 'صعيد', 'آخر'],
  ['إلى', 'جانب', 'ذلك'],
  ['وإلى', 'جانب', 'ذلك'],
  ['ومن', 'ثم'],
  ['من', 'ثم'],
  ['وجاء', 'ذلك'],
  ['جاء', 'ذلك'],
  ['وجاء', 'هذا'],
  ['ويأتي', 'ذلك'],
  ['يأتي', 'ذلك'],
  ['ويأتي', 'هذا'],
  ['وتأتي', 'هذه'],
  ['ومن', 'بين', 'هذه'],
].map((phrase) => phrase.map((w) => normalizeArabic(w)));

/** «وجاء في البيان / الرسالة…»: a document named as if already introduced. */
const CAME_IN = new Set(['وجاء', 'جاء', 'وورد', 'ورد'].map((w) => normalizeArabic(w)));
/** «وبحسب العرض…», «ووفق البيان…», «وأوضح التقرير…»: the statement, report or presentation of the sentence before. */
const ACCORDING_TO = norm('وبحسب بحسب وحسب ووفق ووفقا وطبقا ووفقاً');
const INTRODUCED_DOCUMENTS = norm('البيان العرض التقرير الدراسة الرسالة القرار الخطاب البلاغ الإعلان الاستطلاع المسح');

/**
 * «حضر اللقاء وزير الدولة…», «وشهد الحفل حضورا…»: attending an event named as already introduced (which meeting?).
 * Gulf reports close on the guest list of the audience or ceremony their lead told; in a story several reports
 * tell, such a line from another report names a meeting the summary never mentioned (SaudiNewsNet 2015-07-22).
 */
const ATTENDED = norm('حضر وحضر شهد وشهد أقيم وأقيم أقيمت وأقيمت تخلل وتخلل');
const INTRODUCED_EVENTS = norm('اللقاء الاجتماع الحفل الحفلة الاستقبال المناسبة الجلسة المأدبة المراسم التدشين الافتتاح الزيارة الجولة');

const DEMONSTRATIVES = norm('هذا هذه ذلك تلك هؤلاء لهذا لهذه بهذا بهذه لذلك بذلك');

/**
 * An honorific pronoun («his highness», «his excellency») stands for a dignitary named before: after any opening
 * verb, not only a reporting one («وحث سموه الموظفين…», «ونقل معاليه…», «ودعا سماحته…»), or in a phrase right
 * after it («وكان في استقبال سموه…»). SaudiNewsNet 2015-07-22: a multi-article summary opened on «وحث سموه…»; and
 * «وعبر معاليه…» followed another outlet's lead. Not «سعادته» («عن سعادته»: his joy), «دولته» (his country) or
 * «سيادته» (its sovereignty).
 */
const HONORIFIC_PRONOUNS = norm('سموه سموها معاليه معاليها فخامته فخامتها فضيلته سماحته جلالته جلالتها');
/** How far into the sentence such a pronoun still means the sentence leans on the one before (words 2–4). */
const HONORIFIC_REACH = 4;
/** «هذا الأسبوع», «هذا العام»: the reader's time, not something said before. */
const DEICTIC_TIME = norm('الأسبوع العام الشهر اليوم الصباح المساء الموسم الصيف الشتاء الربيع الخريف الأثناء');

/**
 * Anaphoric «ذاته/نفسه» («المصدر ذاته», «الوزير نفسه»), «المتحدث» or «the two sides» («وبحث الجانبان خلال
 * الاتصال…», «وعقد الطرفان لقاء…»: which two?) near the start.
 */
const ANAPHORIC_NEAR_START = norm('ذاته ذاتها نفسه نفسها المتحدث المتحدثة');
/**
 * «صرح المتحدث الرسمي باسم مركز الملك سلمان…»، «صرّح المتحدث الأمني بوزارة الداخلية»: a spokesman described in full
 * introduces himself; «وتابع المتحدث، في السياق ذاته» points back. SaudiNewsNet 2015-07-22 and 2015-07-24: two
 * stories told only in such statements had no summary at all.
 */
function describesSpokesman(first: readonly string[], i: number): boolean {
  if (!SPOKESMEN.has(first[i])) return false;
  const next = first[i + 1] ?? '';
  return SPOKESMAN_DESCRIPTIONS.has(next) || /^[بل]..../u.test(next);
}
const SPOKESMEN = norm('المتحدث المتحدثة');
const SPOKESMAN_DESCRIPTIONS = norm('باسم الرسمي الرسمية الأمني الإعلامي الإعلامية العسكري');

/** …unless the sides are named right after: «الجانبين المصري والأمريكي». */
const TWO_SIDES = norm('الجانبان الجانبين الطرفان الطرفين');

/**
 * Does this sentence need the one before it to be understood? `previous`, when given, is the sentence that came
 * right before it in its article: a sentence after a question is its answer.
 */
export function needsPreviousSentence(sentence: string, previous?: string): boolean {
  return continuesPrevious(sentence, previous) || honorificNearStart(sentence);
}

/**
 * Does the sentence lean only on an earlier mention of a dignitary («وحث سموه الموظفين…», «ودعا سماحته…»)? It cannot
 * open a summary, but it reads well after any earlier sentence of its article that names him (its lead), not only
 * right after the sentence before it.
 */
export function needsEarlierMention(sentence: string, previous?: string): boolean {
  return honorificNearStart(sentence) && !continuesPrevious(sentence, previous);
}

function honorificNearStart(sentence: string): boolean {
  const first = words(sentence, HONORIFIC_REACH);
  for (let i = 1; i < first.length; i++) {
    if (HONORIFIC_PRONOUNS.has(first[i]) || HONORIFIC_PRONOUNS.has(first[i].replace(/^[وف]?[لب]/u, ''))) return true; // «لسموه»
  }
  return false;
}

function continuesPrevious(sentence: string, previous?: string): boolean {
  if (previous !== undefined && /[؟?]["'»”’)\]]*\s*$/u.test(previous.trim())) return true;
  // «هذا، وأكد…» / «هذا وأبرز…»: the Maghrebi filler continues the previous paragraph.
  const first = words(sentence, 7);
  if (first.length === 0) return false;
  const [w0, w1] = first;
  // «هنأ» (congratulated) folds to «هنا» (here): a congratulation's lead is no continuation.
  if (CONTINUING_FIRST_WORDS.has(w0) && !(HERE.has(w0) && /^[وف]?هنأ/u.test(sentence.trimStart()))) return true;
  if (w0 === normalizeArabic('غير') || w0 === normalizeArabic('إلا') || w0 === normalizeArabic('بيد')) return true;
  const noSubject = w1 === undefined || (NO_SUBJECT_AFTER_VERB.has(w1) && !describesSpokesman(first, 1));
  if (REPORTING_VERBS.has(w0) && (noSubject || /^[\s]*[،,:؛]/u.test(afterFirstWord(sentence)))) {
    return true;
  }
  for (const phrase of BACK_POINTING_PHRASES) {
    if (phrase.every((w, i) => first[i] === w)) return true;
  }
  if (CAME_IN.has(w0) && w1 !== undefined && (w1 === 'في' || w1 === 'ذلك')) return true;
  if (w1 !== undefined && INTRODUCED_DOCUMENTS.has(w1) && (ACCORDING_TO.has(w0) || (REPORTING_VERBS.has(w0) && w0.startsWith('و')))) {
    return true;
  }
  if (first.slice(0, 4).some((w, i) => ANAPHORIC_NEAR_START.has(w) && !describesSpokesman(first, i))) return true;
  for (let i = 0; i < Math.min(4, first.length); i++) {
    if (TWO_SIDES.has(first[i]) && !/^ال\p{L}+ي$/u.test(first[i + 1] ?? '')) return true;
  }
  if (w1 !== undefined && ATTENDED.has(w0) && INTRODUCED_EVENTS.has(w1)) return true;
  // «وأتى هذا الاجتماع…», «ويعكس ذلك…»: a demonstrative right after the opening verb points back, and so does
  // «خلال هذه الجولة» early on (SaudiNewsNet: «وزار اللواء اليحيى خلال هذه الجولة…») — but not «هذا الأسبوع».
  if (w1 !== undefined && DEMONSTRATIVES.has(w1)) return true;
  for (let i = 1; i < Math.min(first.length - 1, 6); i++) {
    if (DEMONSTRATIVES.has(first[i]) && first[i + 1].startsWith('ال') && !DEICTIC_TIME.has(first[i + 1])) return true;
  }
  return false;
}

function afterFirstWord(sentence: string): string {
  const m = /[\p{L}\p{M}\p{N}]+/u.exec(sentence);
  return m ? sentence.slice((m.index ?? 0) + m[0].length) : sentence;
}

/** A question is no summary sentence: it promises an answer the summary does not give. */
export function isQuestion(sentence: string): boolean {
  // «…أثناء وجودهم في الفضاء؟.»: some outlets put a full stop after the question mark.
  return /[؟?]["'»”’)\]]*\.?\s*$/u.test(sentence.trim());
}

/**
 * Words that open a trailing clause after a comma: what follows adds to a sentence that is already complete, so
 * the sentence can end before it and stay grammatical. From SaudiNewsNet and EASC leads of 80–150 words:
 * - circumstantial participles of reporting (الحال): «…، مؤكدا أن…», «…، مشيرة إلى…», «…، معربا عن…»;
 * - «…، وذلك…», «…، حيث…», «…، إذ…», «…، مما…», «…، بينما…», «…، فيما…», «…، وسط…»: adjuncts of reason, place
 *   or circumstance;
 * - a relative clause on the noun before the comma: «…، الذي/التي/والتي…»;
 * - a new reported clause: «…، وأكد…», «…، وقال…» (the conjunction plus a reporting verb).
 * Not a bare comma: Gulf leads list a prince's titles and Levantine ones a series of places between commas, and
 * the sentence is not complete before them.
 */
const TRAILING_CLAUSE_OPENERS = norm(`
  مؤكدا مؤكدة مؤكدين مشيرا مشيرة مشيرين موضحا موضحة مضيفا مضيفة لافتا لافتة معربا معربة مشددا مشددة منوها منوهة
  مبينا مبينة معتبرا معتبرة مطالبا مطالبة داعيا داعية محذرا محذرة مثمنا مثمنة متمنيا متمنية مبديا مبدية مستعرضا
  مستعرضة مبرزا مبرزة مستشهدا متحدثا متحدثة وذلك حيث إذ مما بينما فيما وسط الذي التي الذين اللذين اللتين والذي والتي
  والذين وهو وهي
`);
/** Reporting verbs that are also other words after «و»: «وبين» is "and between" as often as "and he showed". */
const NOT_ONLY_VERBS = norm('وبين');
/** Fewer words than this before the cut leave a fragment, not a sentence with its who and what. */
export const MIN_TRIMMED_WORDS = 12;

/**
 * `sentence` ended at its last trailing-clause boundary that leaves at most `maxWords` words (counted as
 * `countWords` counts them), with a full stop; null when no such boundary leaves at least MIN_TRIMMED_WORDS words,
 * or when the cut would fall inside a quotation or parentheses. The words kept are the sentence's own, in its order:
 * only its tail goes.
 */
export function trimAtClause(sentence: string, maxWords: number, countWords: (text: string) => number): string | null {
  let best: string | null = null;
  for (const m of sentence.matchAll(/\s*[،,]\s*/gu)) {
    const at = m.index ?? 0;
    const rest = sentence.slice(at + m[0].length);
    const next = words(rest, 2);
    if (next.length === 0) continue;
    const opener =
      TRAILING_CLAUSE_OPENERS.has(next[0]) || (next[0].startsWith('و') && REPORTING_VERBS.has(next[0]) && !NOT_ONLY_VERBS.has(next[0]));
    if (!opener) continue;
    const head = sentence.slice(0, at).replace(/[\s،,؛:\-–—]+$/u, '');
    if (!balanced(head)) continue;
    const n = countWords(head);
    if (n > maxWords) break; // later boundaries leave even more
    if (n >= MIN_TRIMMED_WORDS) best = `${head}.`;
  }
  return best;
}

/** No quotation or parenthesis left open (the cut would end a sentence inside someone's words). */
function balanced(text: string): boolean {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  if (count(/«/gu) !== count(/»/gu) || count(/“/gu) !== count(/”/gu)) return false;
  if (count(/\(/gu) !== count(/\)/gu) || count(/"/gu) % 2 !== 0) return false;
  return true;
}
