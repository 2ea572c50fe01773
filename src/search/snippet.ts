import { analyzeTerm, cleanText, forEachTermSpan, normalizeArabic, normalizedCodeUnits, splitSentences, WORD_CODE_UNITS } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { markSpans, type Span } from './markdown.js';
import { bloomMayHold, REPEAT_CAP, repeatOf, termHash, WORDS_CAP, wordsOf, type ArticleSentences } from './sentence-table.js';

/** Longest snippet text, in characters before markdown escaping (an embed description holds 4,096; a result list
 *  of ten must stay readable). */
export const SNIPPET_MAX_CHARS = 300;
const ELLIPSIS = '…';

interface Candidate {
  text: string;
  spans: (Span & { term: string })[];
}

/**
 * The best-matching sentence of an article, markdown-escaped, with matched words in **bold**, trimmed at word
 * boundaries to at most SNIPPET_MAX_CHARS around the matches. `matchedTerms` are analyzed index terms (the
 * article's matched expansions, fuzzy and prefix ones included), so a word is marked exactly when it made the article
 * match. When only the title matched, the article's first sentence is shown unmarked.
 *
 * Only the paragraphs that can hold the best sentence are split and analyzed. One pass over each paragraph's
 * normalized code units counts which terms occur in it as substrings and how often (paragraphBound): every matched
 * word contains its term as a substring (the stemmer only strips), so that count bounds the score of any sentence
 * of the paragraph. Paragraphs are visited by descending bound and the visit stops once no remaining bound can beat
 * the best sentence found, ties going to the earlier paragraph as in buildSnippetPlain, which states the rule
 * without the bound (tests/search-core.test.ts compares both); within a visited paragraph the same bound orders its
 * sentences, so only those that can win are analyzed word by word. On SaudiNewsNet this splits ~1.4 paragraphs per
 * shown article (they are long: ~40 % of its text) and analyzes one or two sentences, instead of every sentence of
 * every paragraph holding any matched term.
 */
export function buildSnippet(article: Article, matchedTerms: ReadonlySet<string>): string {
  const paragraphs = article.paragraphs;
  const counter = termCounter(matchedTerms);
  const bounds: { at: number; bound: number }[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const bound = counter(paragraphs[i]);
    if (bound > 0) bounds.push({ at: i, bound });
  }
  bounds.sort(byBound);
  let best: Candidate | null = null;
  let bestScore = 0;
  // Where the best sentence is (paragraph, sentence): ties go to the earlier one.
  let bestAt = Infinity;
  let bestIn = Infinity;
  const earlier = (at: number, si: number) => at < bestAt || (at === bestAt && si < bestIn);
  for (const { at, bound } of bounds) {
    if (bound < bestScore) break;
    if (bound === bestScore && at > bestAt) continue;
    const sentences = splitSentences(paragraphs[at]);
    // The same bound per sentence, so that only the sentences that can win are analyzed word by word.
    const inner = sentences.length === 1 ? [{ at: 0, bound }] : sentences.map((text, i) => ({ at: i, bound: counter(text) })).filter((b) => b.bound > 0);
    inner.sort(byBound);
    for (const { at: si, bound: sentenceBound } of inner) {
      if (sentenceBound < bestScore) break;
      if (sentenceBound === bestScore && !earlier(at, si)) continue;
      const found = findMatches(sentences[si], matchedTerms);
      const score = sentenceScore(found);
      if (score > bestScore || (score === bestScore && score > 0 && earlier(at, si))) [best, bestScore, bestAt, bestIn] = [found, score, at, si];
    }
  }
  return renderWindow(best ?? findMatches(firstSentence(article) ?? article.title, matchedTerms));
}

/**
 * buildSnippet from the article's sentence table (sentence-table.ts): the same snippet, without splitting or scanning
 * the whole text. A sentence whose filter holds no matched term is never read. The others are bounded first from the
 * table, 1000 × d + min(its words with a term, d × its repeat) for the d matched terms the filter may hold (with one
 * term mostly 1001, the least score of a sentence with a match, which is then analyzed without a count); a sentence
 * whose table bound is the highest left is bounded again by the substring count over its own text (termCounter), and one whose tighter bound
 * is the highest left is analyzed word by word, until no remaining bound can beat the best found (ties going to the
 * earlier sentence, as in buildSnippetPlain). On SaudiNewsNet a shown article (~11 sentences) has ~1.3 sentences
 * analyzed. `counterOf` gives that substring count for the matched terms: a search passes one TermCounter for all
 * its marked expansions, restricted to each article's.
 */
export function buildSnippetWithTable(
  article: Article,
  matchedTerms: ReadonlySet<string>,
  sentences: ArticleSentences,
  counterOf: (matched: ReadonlySet<string>) => TermCounter = (matched) => new TermCounter(matched),
): string {
  const { first, length, para, from, to, words, bloom } = sentences;
  const text = (i: number) => article.paragraphs[para[first + i]].slice(from[first + i], to[first + i]);
  const hashes: number[] = [];
  for (const t of matchedTerms) hashes.push(termHash(t));
  // Sentences whose filter may hold a matched term, by their bound from the table (best first, then earlier).
  const order: { at: number; bound: number }[] = [];
  if (hashes.length) {
    for (let i = 0; i < length; i++) {
      const s = first + i;
      const packed = words[s];
      if (packed === 0) continue;
      let distinct = 0;
      for (let k = 0; k < hashes.length; k++) if (bloomMayHold(bloom, s, hashes[k])) distinct++;
      if (distinct === 0) continue;
      // Marked words: at most the words with a term, and at most `repeat` per filter-bits value of a matched term.
      const count = wordsOf(packed);
      const repeat = repeatOf(packed);
      const marked = Math.min(count === WORDS_CAP ? Infinity : count, repeat === REPEAT_CAP ? Infinity : distinct * repeat);
      order.push({ at: i, bound: distinct * 1000 + marked });
    }
  }
  order.sort(byBound);
  // Best first over two bounds: a sentence is bounded again by the substring count over its own text (termCounter)
  // only when its table bound is the highest left, and analyzed only when that tighter bound still is.
  const refined = new BoundHeap();
  let counter: TermCounter | null = null;
  let best: Candidate | null = null;
  let bestScore = 0;
  let bestAt = Infinity;
  let next = 0;
  for (;;) {
    const top = refined.peek();
    if (next < order.length && (top === undefined || byBound(order[next], top) <= 0)) {
      const { at, bound } = order[next++];
      if (bound < bestScore || (bound === bestScore && at > bestAt)) continue;
      counter ??= counterOf(matchedTerms);
      // 1001 (one term, once) is the least score a sentence with a match has: the substring count could only tell
      // a filter's false hit, for about what analyzing the sentence costs (measured: counting them anyway gains nothing).
      // Nor is the last sentence left counted: it is analyzed next whatever its count, unless the count fell below the
      // best score, and analyzing it then gives that best no more than the count would have (a looser bound only
      // lets a sentence be analyzed; the best found is the same).
      const last = next === order.length && top === undefined;
      refined.push({ at, bound: bound === 1001 || last ? bound : Math.min(bound, counter.count(text(at))) });
      continue;
    }
    if (top === undefined) break;
    refined.pop();
    const { at, bound } = top;
    if (bound < bestScore) break;
    if (bound === 0 || (bound === bestScore && at > bestAt)) continue;
    // The counter exists here (every analyzed sentence was bounded by it): it lets findMatches skip, without a
    // dictionary lookup, the words that cannot hold a matched term.
    const found = findMatches(text(at), matchedTerms, counter);
    const score = sentenceScore(found);
    if (score > bestScore || (score === bestScore && score > 0 && at < bestAt)) [best, bestScore, bestAt] = [found, score, at];
  }
  return renderWindow(best ?? findMatches(length ? text(0) : article.title, matchedTerms, counter));
}

const byBound = (a: { at: number; bound: number }, b: { at: number; bound: number }) => b.bound - a.bound || a.at - b.at;

/** A binary heap of bounds, the first in byBound order on top. */
class BoundHeap {
  private readonly items: { at: number; bound: number }[] = [];
  peek(): { at: number; bound: number } | undefined {
    return this.items[0];
  }
  push(item: { at: number; bound: number }): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (byBound(items[parent], item) <= 0) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }
  pop(): void {
    const items = this.items;
    const last = items.pop()!;
    if (!items.length) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= items.length) break;
      const r = l + 1;
      const c = r < items.length && byBound(items[r], items[l]) < 0 ? r : l;
      if (byBound(last, items[c]) <= 0) break;
      items[i] = items[c];
      i = c;
    }
    items[i] = last;
  }
}

/**
 * The rule buildSnippet implements, stated plainly: every sentence of every paragraph that can hold a matched term
 * is analyzed, and the best one wins (distinct matched terms, then matched words; ties to the earlier sentence).
 */
export function buildSnippetPlain(article: Article, matchedTerms: ReadonlySet<string>): string {
  const mayMatch = termFinder(matchedTerms);
  let best: Candidate | null = null;
  let bestScore = 0;
  for (const paragraph of article.paragraphs) {
    if (!mayMatch(paragraph)) continue;
    for (const sentence of splitSentences(paragraph)) {
      const found = findMatches(sentence, matchedTerms);
      const score = sentenceScore(found);
      if (score > bestScore) [best, bestScore] = [found, score];
    }
  }
  return renderWindow(best ?? findMatches(firstSentence(article) ?? article.title, matchedTerms));
}

/** Distinct matched terms first (a sentence naming both «بوريطة» and «بلينكن» beats one repeating either), then the
 *  number of matched words; news puts the essentials early, so ties go to the earlier sentence. */
function sentenceScore(found: Candidate): number {
  if (!found.spans.length) return 0;
  return new Set(found.spans.map((s) => s.term)).size * 1000 + found.spans.length;
}

/** The first sentence of the article's body (the snippet when nothing in the body matched). */
function firstSentence(article: Article): string | undefined {
  for (const paragraph of article.paragraphs) {
    const sentences = splitSentences(paragraph);
    if (sentences.length) return sentences[0];
  }
  return undefined;
}

/**
 * An upper bound on the score (sentenceScore) of any sentence of a text: 1000 × the number of `terms` occurring in
 * its normalized form as substrings + the number of such occurrences; 0 when none occurs. One pass over the
 * normalized code units with a bitmap of the terms' first units, as termFinder.
 */
export function termCounter(terms: Iterable<string>): (text: string) => number {
  const counter = new TermCounter(terms);
  return (text) => counter.count(text);
}

/**
 * termCounter's bound for any subset of a fixed list of terms: built once per search over all its marked
 * expansions, then restricted (`only`) to each shown article's matched terms, so the per-term code units are not
 * rebuilt for each article (the filters are: a few terms' bits). count(text) with `only(subset)` =
 * termCounter(subset)(text): the same terms are compared, after filters of the same terms.
 */
export class TermCounter {
  private list: string[] = [];
  private readonly indexOf = new Map<string, number>();
  /** Per term of the list, its code units. */
  private codes: Uint16Array[] = [];
  private active = new Uint8Array(0);
  private seen = new Int32Array(0);
  private activeList: string[] = [];
  /** The active terms (indices into the list): what the filters below hold. */
  private activeIndices: number[] = [];
  private stamp = 0;
  private word = new Uint16Array(64);
  // The filters hold the active terms only (rebuilt by `only`, through the previous active terms): a search's list has
  // 30–120 expansions (fuzzy, prefix, clitic readings) where a shown article matched a few, and with all of them most
  // Arabic letters passed the first test. A bit per first unit, and per (first, second) low bytes of the terms: most
  // positions fail the first or second test without a lookup. Terms of one unit turn the second test off.
  private readonly starts = new Uint32Array(0x10000 / 32);
  private readonly pairs = new Uint32Array(0x10000 / 32);
  private anySingle = false;
  /** The active terms by the low byte of their first unit (an array lookup rather than a Map's per passing position). */
  private readonly byFirst: { index: number; codes: Uint16Array }[][] = Array.from({ length: 256 }, () => []);

  constructor(terms: Iterable<string>) {
    this.reset(terms);
  }

  /** Count `terms` (all active) from now on: the filters are cleared through the previous terms, not reallocated. */
  reset(terms: Iterable<string>): this {
    this.clearFilters();
    this.indexOf.clear();
    this.list = [...new Set(terms)].filter(Boolean);
    this.codes = this.list.map((t) => {
      const codes = new Uint16Array(t.length);
      for (let i = 0; i < t.length; i++) codes[i] = t.charCodeAt(i);
      return codes;
    });
    this.list.forEach((t, index) => this.indexOf.set(t, index));
    this.active = new Uint8Array(this.list.length).fill(1);
    this.activeList = this.list;
    this.activeIndices = this.list.map((_, index) => index);
    this.seen = new Int32Array(this.list.length);
    this.fillFilters();
    return this;
  }

  /** Count only `terms` (each must be one of the list's) from now on. */
  only(terms: ReadonlySet<string>): this {
    this.clearFilters();
    this.active.fill(0);
    this.activeList = [];
    this.activeIndices = [];
    for (const t of terms) {
      const index = this.indexOf.get(t);
      if (!t) continue;
      if (index === undefined) throw new Error(`TermCounter.only: «${t}» is not one of its terms`);
      if (!this.active[index]) (this.active[index] = 1), this.activeList.push(t), this.activeIndices.push(index);
    }
    this.fillFilters();
    return this;
  }

  /** Empty the filters, through the terms active until now (the bitmap words they set are zeroed whole). */
  private clearFilters(): void {
    for (const index of this.activeIndices) {
      const codes = this.codes[index];
      const c0 = codes[0];
      this.starts[c0 >>> 5] = 0;
      if (codes.length > 1) {
        const pair = ((c0 & 0xff) << 8) | (codes[1] & 0xff);
        this.pairs[pair >>> 5] = 0;
      }
      this.byFirst[c0 & 0xff].length = 0;
    }
  }

  /** The filters of the active terms. */
  private fillFilters(): void {
    let anySingle = false;
    for (const index of this.activeIndices) {
      const codes = this.codes[index];
      const c0 = codes[0];
      this.starts[c0 >>> 5] |= 1 << (c0 & 31);
      if (codes.length === 1) anySingle = true;
      else {
        const pair = ((c0 & 0xff) << 8) | (codes[1] & 0xff);
        this.pairs[pair >>> 5] |= 1 << (pair & 31);
      }
      this.byFirst[c0 & 0xff].push({ index, codes });
    }
    this.anySingle = anySingle;
  }

  /**
   * Whether the normalized form of the word text[start..end) may contain an active term: its units folded one by
   * one (foldOne) into a scratch buffer, then the same substring test as count. True when a unit may fold by
   * context; never false for a word whose analyzed term is active.
   */
  mayHoldWord(text: string, start: number, end: number): boolean {
    if (!this.activeList.length) return false;
    if (this.word.length < end - start) this.word = new Uint16Array(2 * (end - start));
    const units = this.word;
    let length = 0;
    for (let i = start; i < end; i++) {
      const f = foldOne(text.charCodeAt(i));
      if (f === FOLD_DROP) continue;
      if (f === FOLD_WILD) return true;
      units[length++] = f - 1;
    }
    return this.holdsActive(units, length);
  }

  /**
   * The words of `text` (delimited as forEachWordSpan does) for which mayHoldWord is true, by their offsets, in text
   * order; true when done, false at the first surrogate (forEachWordSpan is for BMP text: the caller then starts
   * over another way, the words visited so far included). One scan that folds each unit while delimiting its word,
   * and finds surrogates on the way: hasSurrogate + forEachWordSpan + mayHoldWord read every unit three times,
   * hash it for nothing and call back per word.
   */
  forEachWordMayHold(text: string, visit: (start: number, end: number) => void): boolean {
    const n = text.length;
    const none = !this.activeList.length;
    let units = this.word;
    let i = 0;
    while (i < n) {
      // Surrogates are no word units (WORD_CODE_UNITS is 0 for them), so they all pass through this loop.
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (WORD_CODE_UNITS[c]) break;
        if (c >= 0xd800 && c <= 0xdfff) return false;
      }
      if (i >= n) break;
      const start = i;
      let length = 0;
      // A unit that may fold by context: the word is always analyzed (mayHoldWord's early true).
      let wild = false;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (!WORD_CODE_UNITS[c]) break;
        const f = foldOne(c);
        if (f === FOLD_DROP) continue;
        if (f === FOLD_WILD) {
          wild = true;
          continue;
        }
        if (length === units.length) {
          const wider = new Uint16Array(2 * units.length);
          wider.set(units);
          this.word = units = wider;
        }
        units[length++] = f - 1;
      }
      if (!none && (wild || this.holdsActive(units, length))) visit(start, i);
    }
    return true;
  }

  /** Whether units[0..length) contain an active term (the filters' substring test). */
  private holdsActive(units: Uint16Array, length: number): boolean {
    const { starts, byFirst } = this;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      if (!(starts[c >>> 5] & (1 << (c & 31)))) continue;
      const candidates = byFirst[c & 0xff];
      for (let k = 0; k < candidates.length; k++) {
        const codes = candidates[k].codes;
        if (codes[0] !== c || i + codes.length > length) continue;
        let j = 1;
        while (j < codes.length && units[i + j] === codes[j]) j++;
        if (j === codes.length) return true;
      }
    }
    return false;
  }

  count(text: string): number {
    if (!this.activeList.length) return 0;
    const folded = normalizedCodeUnits(text);
    if (!folded) {
      const normalized = normalizeArabic(text);
      let distinct = 0;
      let occurrences = 0;
      for (const t of this.activeList) {
        let from = normalized.indexOf(t);
        if (from >= 0) distinct++;
        while (from >= 0) (occurrences++, (from = normalized.indexOf(t, from + 1)));
      }
      return distinct ? distinct * 1000 + occurrences : 0;
    }
    const { starts, pairs, anySingle, byFirst, seen } = this;
    const round = ++this.stamp;
    let distinct = 0;
    let occurrences = 0;
    const { units, length } = folded;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      if (!(starts[c >>> 5] & (1 << (c & 31)))) continue;
      if (!anySingle) {
        if (i + 1 >= length) continue;
        const pair = ((c & 0xff) << 8) | (units[i + 1] & 0xff);
        if (!(pairs[pair >>> 5] & (1 << (pair & 31)))) continue;
      }
      const candidates = byFirst[c & 0xff];
      for (let k = 0; k < candidates.length; k++) {
        const { index, codes } = candidates[k];
        if (codes[0] !== c || i + codes.length > length) continue;
        let j = 1;
        while (j < codes.length && units[i + j] === codes[j]) j++;
        if (j < codes.length) continue;
        occurrences++;
        if (seen[index] !== round) (seen[index] = round), distinct++;
      }
    }
    return distinct ? distinct * 1000 + occurrences : 0;
  }
}

/**
 * A fast necessary test for «this text holds a word whose analyzed term is one of `terms`»: does the text's
 * normalized form contain one of the terms? Every analyzed term is a substring of its word's normalized form (the
 * stemmer only strips), so a text this test rejects has no match; one it accepts is then analyzed exactly. One pass
 * over the text's code units (normalizedCodeUnits), a bitmap of the terms' first units, no string built. A test
 * built for a superset of an article's matched terms (a search builds one for all its expansions) is as good.
 */
export function termFinder(terms: Iterable<string>): (text: string) => boolean {
  const list = [...new Set(terms)].filter(Boolean);
  if (!list.length) return () => false;
  const starts = new Uint32Array(0x10000 / 32);
  const byFirst = new Map<number, Uint16Array[]>();
  for (const t of list) {
    const codes = new Uint16Array(t.length);
    for (let i = 0; i < t.length; i++) codes[i] = t.charCodeAt(i);
    starts[codes[0] >>> 5] |= 1 << (codes[0] & 31);
    byFirst.set(codes[0], [...(byFirst.get(codes[0]) ?? []), codes]);
  }
  return (text) => {
    const folded = normalizedCodeUnits(text);
    if (!folded) {
      const normalized = normalizeArabic(text);
      return list.some((t) => normalized.includes(t));
    }
    const { units, length } = folded;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      if (!(starts[c >>> 5] & (1 << (c & 31)))) continue;
      for (const t of byFirst.get(c)!) {
        if (i + t.length > length) continue;
        let j = 1;
        while (j < t.length && units[i + j] === t[j]) j++;
        if (j === t.length) return true;
      }
    }
    return false;
  };
}

/**
 * The sentence's display form with a span for each word whose analyzed term is in `matchedTerms`. With `filter`
 * (a TermCounter restricted to exactly these terms), a word is analyzed only when its normalized form may contain
 * one of them (TermCounter.mayHoldWord, from the word's own code units): every analyzed term is a substring of
 * its word's normalized form, so the words skipped could not match. The same spans as forEachTermSpan over every
 * word (tests/search-core.test.ts), with a dictionary lookup for a few words of a sentence instead of all.
 */
export function findMatches(sentence: string, matchedTerms: ReadonlySet<string>, filter: TermCounter | null = null): Candidate {
  const text = displayForm(sentence);
  const spans: Candidate['spans'] = [];
  const filtered =
    filter !== null &&
    filter.forEachWordMayHold(text, (start, end) => {
      const term = analyzeTerm(text.slice(start, end));
      if (term !== null && matchedTerms.has(term)) spans.push({ start, end, term });
    });
  if (filtered) return { text, spans };
  // No filter, or text with surrogates (astral characters): every word analyzed, by the regular expression's classes.
  spans.length = 0;
  forEachTermSpan(text, (term, start, end) => {
    if (term !== null && matchedTerms.has(term)) spans.push({ start, end, term });
  });
  return { text, spans };
}

/**
 * Per BMP code unit, what normalizeArabic makes of it alone (filled on first sight): FOLD_UNKNOWN, FOLD_DROP (it
 * is removed: harakat, tatweel), FOLD_WILD (it may fold to more than one unit or by context: İ, Σ, surrogates;
 * a word holding one is always analyzed), or 1 + the unit it folds to. Word tokens of NFKC text fold unit by unit
 * (normalize.ts's one-pass table), so a word's normalized form is the concatenation of its units' folds.
 */
const FOLD_ONE = new Int32Array(0x10000);
const FOLD_UNKNOWN = 0;
const FOLD_DROP = -1;
const FOLD_WILD = -2;

function foldOne(c: number): number {
  const known = FOLD_ONE[c];
  if (known !== FOLD_UNKNOWN) return known;
  let fold: number;
  if ((c >= 0xd800 && c <= 0xdfff) || c === 0x03a3) fold = FOLD_WILD;
  else {
    const n = normalizeArabic(String.fromCharCode(c));
    fold = n.length === 0 ? FOLD_DROP : n.length === 1 ? n.charCodeAt(0) + 1 : FOLD_WILD;
  }
  FOLD_ONE[c] = fold;
  return fold;
}

/**
 * cleanText(sentence) with every run of white space made one space, trimmed: the text a snippet shows. The two
 * replacements run only when a test finds something for them to do (most sentences have neither an invisible
 * control nor a space other than single ' '), which makes this about 4× cheaper on SaudiNewsNet's sentences.
 */
export function displayForm(sentence: string): string {
  const nfkc = sentence.normalize('NFKC');
  // Every character cleanText removes (normalize.ts's INVISIBLES) or more: when none is there, cleanText = NFKC.
  const clean = MAY_BE_INVISIBLE.test(nfkc) ? cleanText(sentence) : nfkc;
  return (SPACE_TO_FOLD.test(clean) ? clean.replace(/\s+/g, ' ') : clean).trim();
}

const MAY_BE_INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/;
/** White space that /\s+/g → ' ' would change: any but a space, or two in a row. */
const SPACE_TO_FOLD = /[^\S ]| {2}/;

/** Cut the sentence to the SNIPPET_MAX_CHARS window holding the most matches, then escape and mark it. */
function renderWindow({ text, spans }: Candidate): string {
  if (text.length <= SNIPPET_MAX_CHARS) return markSpans(text, spans);
  const budget = SNIPPET_MAX_CHARS - 2 * ELLIPSIS.length;
  // Start a little before a match so the reader sees what leads up to it.
  const lead = Math.floor(budget / 5);
  let start = 0;
  let bestCount = -1;
  for (const anchor of spans.length ? spans : [{ start: 0, end: 0 }]) {
    const from = Math.max(0, Math.min(anchor.start - lead, text.length - budget));
    const count = spans.filter((s) => s.start >= from && s.end <= from + budget).length;
    if (count > bestCount) [start, bestCount] = [from, count];
  }
  let end = Math.min(text.length, start + budget);
  // Snap to word boundaries: never show half a word.
  if (start > 0) {
    const space = text.indexOf(' ', start - 1);
    start = space === -1 || space >= end ? start : space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  const inside = spans
    .filter((s) => s.start >= start && s.end <= end)
    .map((s) => ({ start: s.start - start, end: s.end - start }));
  const body = markSpans(text.slice(start, end), inside);
  return `${start > 0 ? ELLIPSIS : ''}${body}${end < text.length ? ELLIPSIS : ''}`;
}
