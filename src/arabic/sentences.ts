/**
 * Sentence splitting for Arabic news prose, used by search snippets, quotations and digests.
 *
 * Rules (each one comes from the seed articles or from how Arabic news sites write):
 * - `.` `!` `?` `؟` `…` (and `...`) end a sentence; `؛` does not — in Arabic it joins clauses of one sentence.
 * - `..` (exactly two dots) is a separator in headlines and subheads («المغرب.. شريك استراتيجي»), not an end.
 * - A dot inside a number (2.5), glued to Latin text (U.S., hespress.com) or after a one-letter abbreviation
 *   (د. محمد) is not an end. A dot glued between two Arabic words (…الإرهاب.وأكد…) is: scraped text often
 *   loses the space after a full stop, and Arabic has no dotted abbreviations of that shape.
 * - Nothing splits inside a balanced quotation («…», “…”, „…“, "…", and ”…” — sites use ” as an opening mark
 *   too). A quotation that never closes is treated as no quotation at all, so a missing closing mark cannot
 *   swallow the rest of the paragraph; a paragraph always ends every quotation.
 * - Each sentence keeps its own punctuation, including closing marks that follow the terminator (…العنيف”.).
 */

const TERMINATORS = new Set(['.', '!', '?', '؟', '…']);
/** Marks that may trail a terminator and still belong to the sentence. */
const TRAILING = new Set(['»', '”', '"', '’', ')', ']', '“']);
/** Characters after which an opening quotation mark cannot be an opener (it must be closing something). */
const NOT_AFTER_OPENER = /[\s.,،؛:!?؟…)\]»”]/u;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

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

/** Length of the run of dots starting at i. */
function dotRun(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '.') n++;
  return n;
}

/** The whitespace-delimited token that ends just before index i. */
function tokenBefore(text: string, i: number): string {
  let s = i;
  while (s > 0 && !/\s/.test(text[s - 1])) s--;
  return text.slice(s, i);
}

/** Is the single dot at i a sentence end? (Runs of dots are handled by the caller.) */
function dotEndsSentence(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (next !== undefined && !/\s/.test(next) && !TRAILING.has(next)) {
    // Glued to what follows: a number (2.5), an abbreviation or domain (U.S., hespress.com) — unless both
    // sides are Arabic words whose space was lost in scraping.
    if (!(prev !== undefined && ARABIC_LETTER.test(prev) && ARABIC_LETTER.test(next))) return false;
  }
  const token = tokenBefore(text, i);
  if ([...token].length === 1 && LETTER.test(token)) {
    // One-letter abbreviation (د. = دكتور, أ. = أستاذ, J. Smith) — but «عام 1990 م.» ends a sentence.
    const before = tokenBefore(text, i - token.length - 1);
    if (!((token === 'م' || token === 'ه') && DIGIT.test(before.slice(-1)))) return false;
  }
  return true;
}

export function splitSentences(paragraph: string): string[] {
  // A line break is a paragraph break: no quotation and no sentence runs across it.
  if (/[\n\r\u2028\u2029]/.test(paragraph)) {
    return paragraph.split(/\r\n|[\n\r\u2028\u2029]/).flatMap((line) => splitSentences(line));
  }
  const text = paragraph;
  const spans = findQuotationSpans(text);
  const quoted = new Uint8Array(text.length);
  const openers = new Set<number>();
  const closers = new Set<number>();
  for (const [open, closeAt] of spans) {
    openers.add(open);
    closers.add(closeAt);
    for (let k = open + 1; k < closeAt; k++) quoted[k] = 1;
  }

  const sentences: string[] = [];
  let start = 0;
  const cut = (end: number): number => {
    // Keep trailing terminators and closing marks with this sentence; never take the opener of the next one.
    while (end < text.length && !openers.has(end) && (TERMINATORS.has(text[end]) || TRAILING.has(text[end]))) end++;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
    return end - 1;
  };

  for (let i = 0; i < text.length; i++) {
    if (quoted[i]) continue;
    const ch = text[i];
    if (closers.has(i)) {
      // «…نعم.» وتابع: the quotation itself ended the sentence, so the sentence ends after its closing mark.
      const inner = i - 1;
      const innerEnds =
        TERMINATORS.has(text[inner]) && (text[inner] !== '.' || text[inner - 1] !== '.' || text[inner - 2] === '.');
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (innerEnds && j > i + 1 && j < text.length && !TERMINATORS.has(text[j])) i = cut(i + 1);
      continue;
    }
    if (!TERMINATORS.has(ch)) continue;
    if (ch === '.') {
      const run = dotRun(text, i);
      if (run === 2) {
        i += 1; // headline separator «أمريكا وإيطاليا.. المغرب»
        continue;
      }
      if (run === 1 && !dotEndsSentence(text, i)) continue;
      i = cut(i + run);
      continue;
    }
    i = cut(i + 1);
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
