/**
 * splitSentences stated plainly, one character string at a time: the rules of src/arabic/sentences.ts as they read.
 * The product splits on code units (same sentences, no string per character); tests/search-core.test.ts checks
 * that both agree on random text, as plain-bm25.ts does for the ranking core.
 */
// The decision at a single dot is one function the product and this statement share: it already reads strings.
import {
  afterStrayStop,
  dotEndsSentence,
  doubleDotEndsSentence,
  findQuotationSpans,
  isOmissionMark,
} from '../../src/arabic/sentences.js';

const TERMINATORS = new Set(['.', '!', '?', '؟', '…']);
const TRAILING = new Set(['»', '”', '"', '’', ')', ']', '“']);

/** Length of the run of dots starting at i. */
function dotRun(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '.') n++;
  return n;
}

export function plainSplitSentences(paragraph: string): string[] {
  // A line break is a paragraph break: no quotation and no sentence runs across it.
  if (/[\n\r\u2028\u2029]/.test(paragraph)) {
    return paragraph.split(/\r\n|[\n\r\u2028\u2029]/).flatMap((line) => plainSplitSentences(line));
  }
  // A line break the source lost: a run of spaces before a bullet.
  if (/[ \t\u00a0]{2,}(?=[*•]\s)/u.test(paragraph)) {
    return paragraph.split(/[ \t\u00a0]{2,}(?=[*•]\s)/u).flatMap((line) => plainSplitSentences(line));
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
    end = afterStrayStop(text, end); // «…التكتيكية. . وأكد»: the stray stop stays with its sentence
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
      if (run === 2 && !doubleDotEndsSentence(text, i, start)) {
        i += 1; // headline separator «أمريكا وإيطاليا.. المغرب»
        continue;
      }
      if (run === 1 && !dotEndsSentence(text, i)) continue;
      if (run >= 3 && isOmissionMark(text, i)) {
        i += run - 1; // «(...)»: an omission, not an end
        continue;
      }
      i = cut(i + run);
      continue;
    }
    if (ch === '…' && isOmissionMark(text, i)) continue;
    i = cut(i + 1);
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
