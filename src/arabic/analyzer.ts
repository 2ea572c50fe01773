import { normalizeArabic, WORD_CODE_UNITS } from './normalize.js';
import { lightStem } from './stem.js';
import { STOPWORDS } from './stopwords.js';

// A word is a run of letters, combining marks (harakat, shadda) and digits. Tatweel is a letter (Lm), so «لـ»
// stays one token and normalizes to «ل».
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Split text into word tokens (Arabic letters, Latin letters, digits). Keeps original forms. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').match(WORD) ?? [];
}

/** Word tokens with their offsets in `text` (which must already be NFKC, e.g. from cleanText), for highlighting. */
export function tokenSpans(text: string): { token: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({ token: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/**
 * Map one raw token to its index term, or null when it carries no meaning for search: a stopword, or a lone
 * letter (a detached clitic such as the «ل» of «لـ«التحالف»).
 */
export function analyzeTerm(token: string): string | null {
  const cached = termCache.get(token);
  if (cached !== undefined) return cached;
  const term = analyzeUncached(token);
  // Word frequencies are Zipfian: a bounded memo turns most of indexing's per-token work into one lookup
  // (SaudiNewsNet, 31k articles: see docs/benchmarks.md). Cleared rather than evicted: simple, and rare.
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(token, term);
  return term;
}

const TERM_CACHE_LIMIT = 400_000;
const termCache = new Map<string, string | null>();

/**
 * analyzeTerm for each word token of `text` (already NFKC, as tokenSpans requires), with its offsets: the same
 * tokens and terms as tokenSpans + analyzeTerm, found by scanning code units and memoized by them, so no string is
 * created for a token seen before. For highlighting whole articles (snippets) at query time.
 */
export function forEachTermSpan(text: string, visit: (term: string | null, start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      // Astral characters: the regular expression knows their classes.
      for (const t of tokenSpans(text)) visit(analyzeTerm(t.token), t.start, t.end);
      return;
    }
  }
  forEachWordSpan(text, (start, end, hash) => {
    visit(spanCache.term(text, start, end, hash), start, end);
  });
}

/**
 * Each word token of `text` as the analyzer delimits it ([\p{L}\p{M}\p{N}]+), by its offsets and the FNV-1a hash of
 * its code units, until `visit` returns false. BMP text only (callers route text with surrogates to tokenSpans):
 * the one scan behind forEachTermSpan and the search index's sentence table.
 */
export function forEachWordSpan(text: string, visit: (start: number, end: number, hash: number) => boolean | void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !WORD_CODE_UNITS[text.charCodeAt(i)]) i++;
    if (i >= n) break;
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!WORD_CODE_UNITS[c]) break;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    if (visit(start, i, h) === false) return;
  }
}

/** Token code units → analyzeTerm, an open-addressing table cleared (not evicted) when full, like termCache. */
class SpanCache {
  // Room for 128k tokens (~6 MB): a day of searches over a news corpus rarely shows more distinct words.
  private units = new Uint16Array(1 << 20);
  private used = 0;
  private slots = new Int32Array(1 << 18).fill(-1);
  private starts: number[] = [];
  private ends: number[] = [];
  private terms: (string | null)[] = [];

  term(text: string, start: number, end: number, h: number): string | null {
    const length = end - start;
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const k = this.slots[slot];
      if (k < 0) break;
      const at = this.starts[k];
      if (this.ends[k] - at === length) {
        let j = 0;
        while (j < length && this.units[at + j] === text.charCodeAt(start + j)) j++;
        if (j === length) return this.terms[k];
      }
      slot = (slot + 1) & mask;
    }
    const term = analyzeTerm(text.slice(start, end));
    if (this.terms.length * 2 >= this.slots.length || this.used + length > this.units.length) {
      this.clear();
      return term;
    }
    const k = this.terms.length;
    for (let j = 0; j < length; j++) this.units[this.used + j] = text.charCodeAt(start + j);
    this.starts.push(this.used);
    this.ends.push(this.used + length);
    this.used += length;
    this.terms.push(term);
    this.slots[slot] = k;
    return term;
  }

  private clear(): void {
    this.slots.fill(-1);
    this.used = 0;
    this.starts = [];
    this.ends = [];
    this.terms = [];
  }
}

const spanCache = new SpanCache();

function analyzeUncached(token: string): string | null {
  const norm = normalizeArabic(token);
  if (!norm || STOPWORDS.has(norm)) return null;
  if (norm.length === 1 && !/\d/.test(norm)) return null;
  return lightStem(norm);
}

// Proclitics that the stemmer leaves on because stripping them from every document word loses root letters
// («بلد», «فرنسا», «كتاب», «لبنان»): a lone ب/ك/ل, the conjunctions و/ف, and و/ف followed by ب/ك/ل. Longest first.
const QUERY_PROCLITICS = ['وب', 'وك', 'ول', 'فب', 'فك', 'فل', 'و', 'ف', 'ب', 'ك', 'ل'];
// The remainder must still look like a word: «بمراكش» → «مراكش», but «بلد» does not become «لد».
const MIN_AFTER_QUERY_PROCLITIC = 3;

/**
 * The spellings a QUERY token may stand for once an attached proclitic is taken off, normalized: «بمراكش» →
 * «مراكش», «لمراكش» → «مراكش», «وبمراكش» → «مراكش», «وبالمغرب» → «بالمغرب» (which the analyzer then reads as
 * «مغرب»). Only spellings that analyze to a different, meaningful term are returned. Documents keep the
 * conservative stemming; search tries these readings too and weighs them below the token's own term, so a word
 * whose first letter is a root letter («بلاد», «كتاب») still ranks by its own spelling first. Measured on ARCD:
 * +0.003 MRR@10, no loss on either article-level half (docs/benchmarks.md).
 */
export function cliticVariants(token: string): string[] {
  const norm = normalizeArabic(token);
  const seen = new Set<string | null>([null, analyzeTerm(token)]);
  const variants: string[] = [];
  for (const clitic of QUERY_PROCLITICS) {
    if (!norm.startsWith(clitic) || norm.length - clitic.length < MIN_AFTER_QUERY_PROCLITIC) continue;
    const rest = norm.slice(clitic.length);
    const term = analyzeTerm(rest);
    if (seen.has(term)) continue;
    seen.add(term);
    variants.push(rest);
  }
  return variants;
}

/** The analyzer: the same function at index and query time. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = analyzeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}
