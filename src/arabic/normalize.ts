/**
 * Arabic orthographic normalization, applied identically to documents and queries.
 *
 * Covers Lucene's ArabicNormalizer (hamza-carrying alefs → ا, ى → ي, ة → ه, tatweel and harakat removed) plus:
 * - NFKC first: the seeds contain presentation forms (seed 002 writes ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ), which NFKC maps to plain letters;
 * - Arabic-Indic and extended (Persian) digits → 0-9, so «٢٠١٤» finds «2014»;
 * - ؤ and ئ → ء: the hamza's seat is a spelling convention that differs between outlets and writers (مسؤول in
 *   Gulf and Levantine papers, مسئول in Egyptian ones; شؤون/شئون; قائد and the misspelling قاءد), so all three
 *   fold to the bare hamza and these pairs become one word. The alternative, folding to the bare seat (ؤ → و,
 *   ئ → ي) so that hamza-less typing «سوال» equals «سؤال», keeps مسؤول ≠ مسئول. Both measure the same on ARCD
 *   (MRR@10 within ±0.001 on both article-level halves), so the choice follows the news use case; hamza-less
 *   typing of a 4+-letter word is still found through one-edit fuzzy matching («سوال» ↔ «سءال»);
 * - Persian yeh/keheh (ی ک), common in scraped text, → ي ك;
 * - zero-width and bidi controls removed, Latin lower-cased.
 */

// Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_VARIANTS = /[أإآٱ]/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const EXTENDED_DIGITS = /[\u06F0-\u06F9]/g;
// Zero-width and bidi controls that scraped text carries between letters, and the soft hyphen.
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;

/** Unicode clean-up that keeps the text readable: NFKC, no invisible controls. Use for display text. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLES, '');
}

/** Fold a text to its search form. Not for display: it removes letters' distinctions on purpose. */
export function normalizeArabic(text: string): string {
  const clean = text.normalize('NFKC');
  const n = foldInto(clean);
  if (n < 0) return normalizeArabicByRules(clean);
  return n === clean.length && !changed ? clean : decode(n);
}

/** The normalization rules one at a time: the definition normalizeArabic implements in one pass. */
export function normalizeArabicByRules(text: string): string {
  return cleanText(text)
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_VARIANTS, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[ؤئ]/g, 'ء')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(EXTENDED_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}

/**
 * Calls `visit` for each word of normalizeArabic(text) as the analyzer's word pattern ([\p{L}\p{M}\p{N}]+)
 * delimits it, as the code units units[start..end) of a reused buffer (valid until `visit` returns; `visit` must
 * not normalize text itself), so callers scanning whole articles (the rerank) create no string per word.
 */
export function forEachNormalizedWord(text: string, visit: (units: Uint16Array, start: number, end: number) => void): void {
  const clean = text.normalize('NFKC');
  const n = foldInto(clean);
  const units = folded;
  if (n < 0) {
    // Rare characters (astral, or with a context-dependent lower case): the rules, then the regular expression.
    for (const word of normalizeArabicByRules(clean).match(WORD) ?? []) {
      if (word.length > wordBuffer.length) wordBuffer = new Uint16Array(word.length * 2);
      for (let i = 0; i < word.length; i++) wordBuffer[i] = word.charCodeAt(i);
      visit(wordBuffer, 0, word.length);
    }
    return;
  }
  let i = 0;
  while (i < n) {
    while (i < n && !IS_WORD[units[i]]) i++;
    const start = i;
    while (i < n && IS_WORD[units[i]]) i++;
    if (i > start) visit(units, start, i);
  }
}

/**
 * normalizeArabic(text) as code units in a reused buffer (valid until the next call into this module), or null for
 * the rare text that needs the rules path (astral characters, context-dependent lower case): for scanners that
 * only look for substrings and would throw the string away.
 */
export function normalizedCodeUnits(text: string): { units: Uint16Array; length: number } | null {
  const n = foldInto(text.normalize('NFKC'));
  if (n < 0) return null;
  unitsView.units = folded;
  unitsView.length = n;
  return unitsView;
}

const unitsView = { units: new Uint16Array(0), length: 0 };

// ---- the one-pass implementation

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const KEEP = 0xffff;
const DROP = 0xfffe;
const SLOW = 0xfffd;
/**
 * Per code unit of NFKC text: KEEP, DROP, SLOW (a surrogate, or a letter whose lower case depends on context or is
 * longer, such as Σ and İ: handled by the rules) or the code unit it folds to, lower case included. The rules map
 * disjoint sets of single code units and lower-casing never yields a folded letter, so one table lookup per code
 * unit gives exactly the rules' text (tests/arabic.test.ts compares both on random text).
 */
const FOLD = new Uint16Array(0x10000);
/** Per folded code unit: 1 when the word pattern counts it as part of a word. */
const IS_WORD = new Uint8Array(0x10000);
/**
 * Per BMP code unit (not a surrogate): 1 when the analyzer's word pattern [\p{L}\p{M}\p{N}] counts it as part of
 * a word. For scanners that tokenize exactly like tokenize() without its regular expression; read only.
 */
export const WORD_CODE_UNITS: Readonly<Uint8Array> = IS_WORD;
/**
 * Per BMP code unit: 1 when normalizeArabic does not fold it on its own, so that folding a text is not folding each
 * of its word tokens apart: units the rules fold by context (surrogates; Σ, whose lower case depends on what
 * follows; İ…) and separators it drops, which join the words on either side (zero-width and bidi controls, the
 * soft hyphen, Quranic end-of-verse marks). For scanners that fold token by token (the bulk index build, search/bulk-analyzer.ts); read only.
 */
export const NOT_TOKENWISE_CODE_UNITS: Readonly<Uint8Array> = new Uint8Array(0x10000);
let folded = new Uint16Array(4096);
let wordBuffer = new Uint16Array(64);
let changed = false;
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
buildTables();

/** Fold `clean` (NFKC) into `folded`; returns the folded length, or −1 when a SLOW code unit needs the rules. */
function foldInto(clean: string): number {
  const n = clean.length;
  if (folded.length < n) folded = new Uint16Array(Math.max(n, folded.length * 2));
  const out = folded;
  let at = 0;
  let differs = false;
  for (let i = 0; i < n; i++) {
    const c = clean.charCodeAt(i);
    const f = FOLD[c];
    if (f === KEEP) out[at++] = c;
    else if (f === DROP) differs = true;
    else if (f === SLOW) return -1;
    else (out[at++] = f), (differs = true);
  }
  changed = differs;
  return at;
}

function decode(n: number): string {
  return UTF16.decode(folded.subarray(0, n));
}

function buildTables(): void {
  // Whole-range native operations (one regular expression scan, one toLowerCase of the whole BMP) and fills of
  // ranges rather than a loop over 65,536 code units: this runs in every process and worker at start-up, before
  // the code is optimized, where a per-code-unit loop cost ~50 ms.
  const codes = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) codes[c] = c;
  codes.fill(0, 0xd800, 0xe000); // lone surrogates: not text
  const all = UTF16.decode(codes);
  FOLD.fill(KEEP);
  FOLD.fill(SLOW, 0xd800, 0xe000);
  for (const m of all.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) IS_WORD.fill(1, m.index, m.index + m[0].length);
  IS_WORD[0] = 0;
  const dropped = new RegExp(`(?:${INVISIBLES.source}|${DIACRITICS.source}|${TATWEEL.source})+`, 'g');
  for (const m of all.matchAll(dropped)) FOLD.fill(DROP, m.index, m.index + m[0].length);
  // Lower case, a block of 256 at a time: most blocks have none, and are passed over by one string comparison.
  for (let block = 0; block < 0x10000; block += 256) {
    if (block >= 0xd800 && block <= 0xdfff) continue;
    const text = all.slice(block, block + 256);
    const lower = text.toLowerCase();
    if (lower === text) continue;
    for (let i = 0; i < 256; i++) {
      const c = block + i;
      if (FOLD[c] === DROP) continue;
      const one = lower.length === 256 ? lower[i] : String.fromCharCode(c).toLowerCase();
      if (c === 0x03a3 || one.length !== 1) FOLD[c] = SLOW;
      else if (one.charCodeAt(0) !== c) FOLD[c] = one.charCodeAt(0);
    }
  }
  const map = (chars: string, to: string) => {
    for (const ch of chars) FOLD[ch.charCodeAt(0)] = to.charCodeAt(0);
  };
  map('أإآٱ', 'ا');
  map('ى', 'ي');
  map('ة', 'ه');
  map('ؤئ', 'ء');
  map('ی', 'ي');
  map('ک', 'ك');
  for (let d = 0; d < 10; d++) {
    FOLD[0x0660 + d] = 0x30 + d;
    FOLD[0x06f0 + d] = 0x30 + d;
  }
  const notTokenwise = NOT_TOKENWISE_CODE_UNITS as Uint8Array;
  // Dropped units that are no part of a word (controls, Quranic marks such as U+06DD): the words either side join.
  for (let c = FOLD.indexOf(DROP); c >= 0; c = FOLD.indexOf(DROP, c + 1)) if (!IS_WORD[c]) notTokenwise[c] = 1;
  // Units the rules fold by context (marked SLOW above).
  for (let c = FOLD.indexOf(SLOW); c >= 0; c = FOLD.indexOf(SLOW, c + 1)) notTokenwise[c] = 1;
}

/**
 * Whether `text` is certainly its own NFKC: every code unit is a character NFKC leaves as it is, neither a mark
 * (marks reorder and compose) nor a Hangul jamo (jamo compose with each other), and no surrogate. False says
 * nothing. Why: NFKC of a whole corpus is ~3 % of a bulk build, and almost all news text is already NFKC; checking
 * is a table lookup per code unit, normalizing is an allocation and a copy.
 */
export function isNfkcAsItIs(text: string): boolean {
  const table = (nfkcAsItIs ??= buildNfkcTable());
  for (let i = 0; i < text.length; i++) if (!table[text.charCodeAt(i)]) return false;
  return true;
}

let nfkcAsItIs: Uint8Array | null = null;

/**
 * Build isNfkcAsItIs's table now: a running bot does it while warming up, not in the turn that indexes its first
 * new article (5–12 ms of one turn, measured within a burst's longest stall).
 */
export function warmNfkcTable(): void {
  nfkcAsItIs ??= buildNfkcTable();
}

/** Built on first use (a bulk build), in one NFKC of the whole BMP, each character on a line of its own. */
function buildNfkcTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const chars: string[] = [];
  // Surrogates and the line break itself (the separator) stand in as spaces.
  for (let c = 0; c < 0x10000; c++) chars.push((c >= 0xd800 && c <= 0xdfff) || c === 10 ? ' ' : String.fromCharCode(c));
  const normalized = chars.join('\n').normalize('NFKC').split('\n');
  if (normalized.length !== 0x10000) return table; // never: then no text counts as NFKC already
  const skip = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (normalized[c] === chars[c] && !skip.test(chars[c])) table[c] = 1;
  }
  table[10] = 1;
  return table;
}
