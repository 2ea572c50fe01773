/**
 * Sentence splitting for Arabic news prose, used by search snippets, quotations and digests.
 *
 * Rules (each one comes from the seed articles or from how Arabic news sites write):
 * - `.` `!` `?` `؟` `…` (and `...`) end a sentence; `؛` does not — in Arabic it joins clauses of one sentence.
 * - `..` (exactly two dots) is a separator in headlines and subheads («المغرب.. شريك استراتيجي»), not an end —
 *   unless at least five words precede it in the sentence and the word after it opens a sentence (a past-tense
 *   reporting verb «..وأضاف», «.. وقال», a connective «.. كما», «.. لكن», «.. وقد», a question «.. هل»: see
 *   SENTENCE_OPENERS): Gulf papers write «..» between the sentences of a body (SaudiNewsNet: 10,534 «..» before an
 *   Arabic word outside quotations, in 2,806 of 30,676 reports; 1,114 of them before an opener, after five words or
 *   more: bench/sentence-boundaries.ts counts them).
 * - A dot inside a number (2.5), glued to Latin text (U.S., hespress.com) or after a one-letter abbreviation
 *   (د. محمد) is not an end. A dot glued between two Arabic words (…الإرهاب.وأكد…) is: scraped text often
 *   loses the space after a full stop, and Arabic has no dotted abbreviations of that shape. So is a dot
 *   with the space before it rather than after (…فلسطين .يعتبر…), as typed in EASC's Wikipedia articles; one
 *   glued to an Arabic word after a closing mark («…العربية”.ووعدت…», «(هلال).أول…») or after a number of three
 *   digits or more («عام 2014.كما…»); and one after a shorter number or a Latin word when the Arabic word opens a
 *   sentence («GTA.كما…») — not before any other word: «ريال 3.نسبة التوزيع» numbers a list.
 * - A stray full stop typed after the sentence's own («…التكتيكية. . وأكد…», «القارئ. .قبل…») stays with it.
 * - An omission mark «(...)», «[…]» (dots right after an opening bracket) is no end: «…الخطوط الحمراء (...) خصوصا ما…».
 * - Nothing splits inside a balanced quotation («…», “…”, „…“, "…", and ”…” — sites use ” as an opening mark
 *   too). A quotation that never closes is treated as no quotation at all, so a missing closing mark cannot
 *   swallow the rest of the paragraph; a paragraph always ends every quotation.
 * - Each sentence keeps its own punctuation, including closing marks that follow the terminator (…العنيف”.).
 */
import { normalizeArabic } from './normalize.js';

/** Marks that may trail a terminator and still belong to the sentence. */
const TRAILING = new Set(['»', '”', '"', '’', ')', ']', '“']);
/** Characters after which an opening quotation mark cannot be an opener (it must be closing something). */
const NOT_AFTER_OPENER = /[\s.,،؛:!?؟…)\]»”]/u;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/**
 * Words that open a new sentence rather than continue a headline's phrase or a list after «..» (normalized):
 * past-tense reporting verbs with their «و» («وأضاف», «وقال»: a headline's second verb is in the present,
 * «…يصل الرياض.. ويلتقي…»), connectives that open a sentence («كما», «لكن», «وقد», «وهذا»…) and question words.
 * Not «وفي», «ومن», «ثم», «بل», «وهو»: as often the next item or clause of the same sentence («من أين يبدأ
 * الإصلاح.. ومن أين يكافح الفساد؟»). Read from the words after «..» in SaudiNewsNet bodies.
 */
const SENTENCE_OPENERS = new Set(
  `
  وقال وقالت وأضاف وأضافت وأكد وأكدت وأوضح وأوضحت وأشار وأشارت وتابع وتابعت ولفت ولفتت وذكر وذكرت ونوه ونوهت
  وشدد وشددت وأردف وأردفت وأعلن وأعلنت وأفاد وأفادت وصرح وصرحت وكشف وكشفت واعتبر واعتبرت وأعرب وأعربت ودعا
  ودعت وطالب وطالبت وحذر وحذرت ونفى ونفت وأشاد وأشادت واستطرد واختتم وختم وبين وبينت
  قال قالت أضاف أضافت أكد أكدت أوضح أوضحت أشار أشارت
  كما وكما ولكن لكن وقد لقد فقد وكان وكانت وهذا وهذه وأما أما وبدوره وبدورها بدوره بدورها وبحسب ووفقا وطبقا
  وجاء ويأتي وتأتي ويذكر يذكر وتجدر تجدر والجدير وبالتالي وهكذا وهنا
  هل وهل فهل كيف وكيف فكيف لماذا ولماذا فلماذا ماذا وماذا فماذا متى ومتى
`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeArabic(w)),
);
/** A «..» ends a sentence only after at least this many words of it (headlines and subheads are shorter). */
const MIN_WORDS_BEFORE_DOUBLE_DOT = 5;
const OPENING_WORD = /^[\p{L}\p{M}]+/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Does the word at (or after the spaces at) index i open a sentence (SENTENCE_OPENERS)? */
export function opensSentenceAt(text: string, i: number): boolean {
  while (i < text.length && /\s/.test(text[i])) i++;
  const m = OPENING_WORD.exec(text.slice(i, i + 24));
  return m !== null && SENTENCE_OPENERS.has(normalizeArabic(m[0]));
}

/**
 * Does the «..» at i (exactly two dots; the sentence so far starts at `start`) end a sentence? Only when the
 * sentence so far has MIN_WORDS_BEFORE_DOUBLE_DOT words and the next word opens one.
 */
export function doubleDotEndsSentence(text: string, i: number, start: number): boolean {
  if (!opensSentenceAt(text, i + 2)) return false;
  let words = 0;
  for (const token of text.slice(start, i).split(/\s+/)) if (WORDLIKE.test(token)) words++;
  return words >= MIN_WORDS_BEFORE_DOUBLE_DOT;
}

/**
 * Is the run of dots (or «…») starting at `from` an omission mark: right after an opening bracket,
 * «(...)», «[…]», «وهذا نصه (...وإنشاء…»? (A bracket closing after the dots, «…الفلسطيني...)», often ends the
 * sentence too, so only the opening one decides.)
 */
export function isOmissionMark(text: string, from: number): boolean {
  let a = from - 1;
  while (a >= 0 && text[a] === ' ') a--;
  return text[a] === '(' || text[a] === '[';
}

/**
 * Where a sentence ending at `end` really ends: a stray full stop typed after its own («…التكتيكية. . وأكد»,
 * «القارئ. .قبل») is kept with it. Returns `end` or the index after the stray stop.
 */
export function afterStrayStop(text: string, end: number): number {
  for (;;) {
    let j = end;
    while (j < text.length && text[j] === ' ') j++;
    if (j === end || text[j] !== '.' || text[j + 1] === '.') return end;
    const after = text[j + 1];
    if (!(after === undefined || /\s/.test(after) || ARABIC_LETTER.test(after))) return end;
    end = j + 1;
  }
}

interface Opener {
  index: number;
  /** Marks that close this opener. */
  closers: string;
}

/**
 * Balanced quotation spans of one paragraph as [openIndex, closeIndex]. Openers still open at the end of the
 * paragraph are dropped: an unbalanced mark protects nothing.
 */
export function findQuotationSpans(text: string): Array<[number, number]> {
  const stack: Opener[] = [];
  const spans: Array<[number, number]> = [];
  const pendingFor = (mark: string): number => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].closers.includes(mark)) return k;
    return -1;
  };
  const close = (k: number, at: number): void => {
    spans.push([stack[k].index, at]);
    stack.length = k; // openers above k never closed: unbalanced, forget them
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '«' && ch !== '»' && ch !== '“' && ch !== '”' && ch !== '„' && ch !== '"') continue;
    const prev = text[i - 1];
    const next = text[i + 1];
    const canClose = prev !== undefined && !/\s/.test(prev);
    const canOpen = next !== undefined && !NOT_AFTER_OPENER.test(next);
    const pending = pendingFor(ch);
    if (ch === '«' || ch === '„') {
      stack.push({ index: i, closers: ch === '«' ? '»' : '“”' });
    } else if (ch === '»') {
      if (pending >= 0) close(pending, i);
    } else if (ch === '“') {
      // “ opens (Arabic and English use); it closes only a „ or “ left open, German-style, when it sits at a word's end.
      if (pending >= 0 && canClose && !canOpen) close(pending, i);
      else stack.push({ index: i, closers: '”' });
    } else {
      // ” and " are used both ways on Arabic sites: «قال ”نعم” ثم», «مشيدا ب”إرادة…”», «أن ” المغرب…”».
      if (pending >= 0 && (canClose || !canOpen)) close(pending, i);
      else if (canOpen || !canClose) stack.push({ index: i, closers: ch });
      // else: a closing mark with nothing open — a stray, ignore it.
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** The whitespace-delimited token that ends just before index i. */
function tokenBefore(text: string, i: number): string {
  let s = i;
  while (s > 0 && !/\s/.test(text[s - 1])) s--;
  return text.slice(s, i);
}

/** Is the single dot at i a sentence end? (Runs of dots are handled by the caller.) */
export function dotEndsSentence(text: string, i: number): boolean {
  const next = text[i + 1];
  // The word the dot follows, across a space typed before it.
  let before = i - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  if (next !== undefined && !/\s/.test(next) && !TRAILING.has(next)) {
    // Glued to what follows: a number (2.5), an abbreviation or domain (U.S., hespress.com) — unless both
    // sides are Arabic words whose space was lost in scraping, or typed before the stop instead of after it
    // («…على أرض فلسطين .يعتبر من…», EASC Topic103: five sentences read as one of 142 words).
    if (!ARABIC_LETTER.test(next) || before < 0) return false;
    const last = text[before];
    if (ARABIC_LETTER.test(last)) {
      // between two Arabic words: an end (the one-letter abbreviation check below still applies)
    } else if (before === i - 1 && TRAILING.has(last)) {
      return true; // «…العربية”.ووعدت…», «(هلال).أول…»: a closing mark, then the stop
    } else if (before === i - 1 && DIGIT.test(last)) {
      // «عام 2014.كما…» ends; «ريال 3.نسبة…» numbers the next item of a list, unless a sentence opens there.
      let digits = 0;
      while (before - digits >= 0 && DIGIT.test(text[before - digits])) digits++;
      return digits >= 3 || opensSentenceAt(text, i + 1);
    } else if (before === i - 1 && LATIN_LETTER.test(last)) {
      return opensSentenceAt(text, i + 1); // «…لترتيب GTA.كما تابع…»
    } else {
      return false;
    }
  }
  const token = tokenBefore(text, before + 1);
  if ([...token].length === 1 && LETTER.test(token)) {
    // One-letter abbreviation (د. = دكتور, أ. = أستاذ, J. Smith) — but «عام 1990 م.» ends a sentence.
    const previous = tokenBefore(text, before - token.length);
    if (!((token === 'م' || token === 'ه') && DIGIT.test(previous.slice(-1)))) return false;
  }
  return true;
}

/**
 * The paragraph's sentences by the rules above. Computed on code units, marks looked up in tables: reading the
 * paragraph one character string at a time allocates a string per character, which made splitting the largest cost
 * of a search's snippets. Only the rare decisions at a single dot read strings (dotEndsSentence). The same rules
 * stated plainly are tests/support/plain-sentences.ts; a property test keeps the two equal.
 */
export function splitSentences(paragraph: string): string[] {
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      // A line break is a paragraph break: no quotation and no sentence runs across it.
      return paragraph.split(/\r\n|[\n\r\u2028\u2029]/).flatMap((line) => splitLostLines(line));
    }
  }
  return splitLostLines(paragraph);
}

/**
 * A line break the source lost: a run of spaces before a bullet («…تفاصيل الحوار:   * من هو…»). Sabq's interviews
 * reach SaudiNewsNet this way, the lead and the first question as one "sentence" that ends on «؟», so the lead was
 * read as a question and the interview had no summary. A single space before «*» is left alone (an asterisk in text).
 */
const LOST_LINE_BREAK = /[ \t\u00a0]{2,}(?=[*•]\s)/u;

function splitLostLines(line: string): string[] {
  if (line.indexOf('*') < 0 && line.indexOf('•') < 0) return splitLine(line);
  return line.split(LOST_LINE_BREAK).flatMap((part) => splitLine(part));
}

function splitLine(text: string): string[] {
  const n = text.length;
  // Per code unit: 1 inside a quotation, 2 an opening mark, 4 a closing mark (as splitSentences' sets).
  const marks = new Uint8Array(n);
  if (mayQuote(text)) {
    for (const [open, closeAt] of findQuotationSpans(text)) {
      marks[open] |= OPENER;
      marks[closeAt] |= CLOSER;
      for (let k = open + 1; k < closeAt; k++) marks[k] |= QUOTED;
    }
  }
  const sentences: string[] = [];
  let start = 0;
  const cut = (end: number): number => {
    // Keep trailing terminators and closing marks with this sentence; never take the opener of the next one.
    while (end < n && !(marks[end] & OPENER) && (TERMINATOR[text.charCodeAt(end)] || TRAILING_CODE[text.charCodeAt(end)])) end++;
    if (end < n && text.charCodeAt(end) === 0x20) end = afterStrayStop(text, end);
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
    return end - 1;
  };
  for (let i = 0; i < n; i++) {
    const m = marks[i];
    if (m & QUOTED) continue;
    const c = text.charCodeAt(i);
    if (m & CLOSER) {
      // «…نعم.» وتابع: the quotation itself ended the sentence, so the sentence ends after its closing mark.
      const inner = i - 1;
      const innerEnds = TERMINATOR[text.charCodeAt(inner)] === 1 && (text[inner] !== '.' || text[inner - 1] !== '.' || text[inner - 2] === '.');
      let j = i + 1;
      while (j < n && SPACE[text.charCodeAt(j)]) j++;
      if (innerEnds && j > i + 1 && j < n && !TERMINATOR[text.charCodeAt(j)]) i = cut(i + 1);
      continue;
    }
    if (!TERMINATOR[c]) continue;
    if (c === DOT) {
      let run = 0;
      while (text.charCodeAt(i + run) === DOT) run++;
      if (run === 2 && !doubleDotEndsSentence(text, i, start)) {
        i += 1; // headline separator «أمريكا وإيطاليا.. المغرب»
        continue;
      }
      if (run === 1 && !dotEndsSentence(text, i)) continue;
      if (run >= 3 && isOmissionMark(text, i)) {
        i += run - 1;
        continue;
      }
      i = cut(i + run);
      continue;
    }
    if (c === ELLIPSIS && isOmissionMark(text, i)) continue;
    i = cut(i + 1);
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

const QUOTED = 1;
const OPENER = 2;
const CLOSER = 4;
const DOT = 0x2e;
const ELLIPSIS = 0x2026;
const QUOTE_MARKS = ['«', '»', '“', '”', '„', '"'].map((c) => c.charCodeAt(0));

/** Whether the text holds any mark findQuotationSpans looks at (most sentences hold none). */
function mayQuote(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (QUOTE[text.charCodeAt(i)]) return true;
  return false;
}

const table = (chars: string[]) => {
  const t = new Uint8Array(0x10000);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
};
const TERMINATOR = table(['.', '!', '?', '؟', '…']);
const TRAILING_CODE = table(['»', '”', '"', '’', ')', ']', '“']);
const QUOTE = table(QUOTE_MARKS.map((c) => String.fromCharCode(c)));
/** /\s/ (and String.prototype.trim's white space) on one code unit. */
const SPACE = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) t[c] = 1;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = 1;
  return t;
})();

