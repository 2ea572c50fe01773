import { findQuotationSpans } from '../arabic/sentences.js';

/**
 * splitSentences (src/arabic/sentences.ts) for snippets, the same sentences computed on code units: the rules'
 * definition reads the paragraph one character string at a time, which for Arabic (two-byte) text allocates a
 * string per character and made splitting the largest cost of a search's snippets (SaudiNewsNet: ~0.4 µs per
 * character, a median best paragraph of ~900 characters per shown article). Here the hot loop reads code units and
 * looks marks up in tables; only the rare decisions at a dot read strings, exactly as the rules do.
 * tests/search-core.test.ts checks that both give the same sentences on random text.
 */
export function splitSentencesFast(paragraph: string): string[] {
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      // A line break is a paragraph break: no quotation and no sentence runs across it.
      return paragraph.split(/\r\n|[\n\r\u2028\u2029]/).flatMap((line) => splitLine(line));
    }
  }
  return splitLine(paragraph);
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
    while (end < n && !(marks[end] & OPENER) && (TERMINATOR[text.charCodeAt(end)] || TRAILING[text.charCodeAt(end)])) end++;
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

const QUOTED = 1;
const OPENER = 2;
const CLOSER = 4;
const DOT = 0x2e;
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
const TRAILING = table(['»', '”', '"', '’', ')', ']', '“']);
const QUOTE = table(QUOTE_MARKS.map((c) => String.fromCharCode(c)));
/** /\s/ (and String.prototype.trim's white space) on one code unit. */
const SPACE = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) t[c] = 1;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = 1;
  return t;
})();

// The rules at a single dot, as splitSentences states them (strings: a dot is rare).
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const TRAILING_SET = new Set(['»', '”', '"', '’', ')', ']', '“']);

function tokenBefore(text: string, i: number): string {
  let s = i;
  while (s > 0 && !/\s/.test(text[s - 1])) s--;
  return text.slice(s, i);
}

function dotEndsSentence(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (next !== undefined && !/\s/.test(next) && !TRAILING_SET.has(next)) {
    if (!(prev !== undefined && ARABIC_LETTER.test(prev) && ARABIC_LETTER.test(next))) return false;
  }
  const token = tokenBefore(text, i);
  if ([...token].length === 1 && LETTER.test(token)) {
    const before = tokenBefore(text, i - token.length - 1);
    if (!((token === 'م' || token === 'ه') && DIGIT.test(before.slice(-1)))) return false;
  }
  return true;
}
