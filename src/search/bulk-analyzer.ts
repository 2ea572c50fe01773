import { analyzeTerm, isNfkcAsItIs, NOT_TOKENWISE_CODE_UNITS, tokenize, WORD_CODE_UNITS } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { grow, type FieldPostings, type InvertedIndex } from './postings.js';
import type { RerankWords } from './rerank-words.js';
import { filterBits, termHash, type ParagraphTokens } from './sentence-table.js';

/** What one scan of an article gives the bulk build; the arrays are the analyzer's, valid until the next call. */
export interface ArticleAnalysis {
  title: FieldPostings;
  body: FieldPostings;
  /** The article's distinct rerank word ids (rerank-words.ts): ids[0..count). */
  rerankWords: { ids: Int32Array; count: number };
  /** Its paragraphs' word tokens, for the sentence table. */
  tokens: ParagraphTokens;
}

/**
 * The bulk build's one pass over an article: its fields' term ids, term frequencies and BM25 lengths (exactly as
 * `tokenize` + `analyzeTerm` give them), its rerank words (as RerankWords.addDocument finds them) and its
 * paragraphs' word tokens with their terms (for the sentence table), from a single scan of the text.
 *
 * Each token is hashed from the text's code units and looked up in a table of the tokens seen so far, which holds
 * per token its term id, the term's hash and its rerank word: the analyzer and the rerank's folding run once per
 * distinct token (SaudiNewsNet: 314k distinct among 9 million) and no string is created per token.
 *
 * Why one pass: the build scanned each article three times (postings, rerank words, sentence terms), looking every
 * token up each time; the three scans were three quarters of a rebuild from the store.
 *
 * Exactness: the rerank folds a whole paragraph (normalizeArabic), which is folding each token apart unless the
 * paragraph holds a unit folded by context or a dropped separator (NOT_TOKENWISE_CODE_UNITS); such a paragraph, and
 * any with astral characters, takes the plain paths, so the result never differs (tests/search-core.test.ts).
 */
export class BulkAnalyzer {
  // Token table: token t's record is tokens[8t .. 8t + 8) (one 32-byte line, so a lookup touches one place):
  // FNV-1a hash, start and length of its code units in `units`, term id (−1: stopword, lone letter), rerank word id
  // (−1: none; −2: folds by context, the text takes the plain path), the last field stamp it was counted in, and
  // the sentence filter's bits of its term (sentence-table.ts, filterBits; −1: no term).
  private units = new Uint16Array(1 << 20);
  private unitsUsed = 0;
  private tokens: Int32Array = new Int32Array(8 << 16);
  private count = 0;
  private slots = new Int32Array(1 << 18).fill(-1);
  /**
   * The last token seen per low bits of the hash: 64 KB that stay in the core's cache, where the frequent tokens
   * are found without touching the 4 MB table (whose random reads were most of a build's scan).
   */
  private readonly recent = new Int32Array(FRONT_SIZE).fill(-1);
  // Per term: [field stamp, frequency in that field].
  private termState: Int32Array = new Int32Array(2 << 16);
  private stamp = 0;
  private touched: Int32Array = new Int32Array(1 << 12);
  private distinctTerms = 0;
  private distinctTokens = 0;
  // Per-article scratch: rerank words (distinct, by stamp) and paragraph tokens.
  private wordSeen: Int32Array = new Int32Array(1 << 16);
  private wordStamp = 0;
  private words: Int32Array = new Int32Array(1 << 12);
  private wordCount = 0;
  private readonly spans: ParagraphTokens = {
    clean: new Uint8Array(64),
    first: new Int32Array(65),
    start: new Int32Array(1 << 12),
    end: new Int32Array(1 << 12),
    termBits: new Int32Array(1 << 12),
  };
  private spanCount = 0;

  /**
   * `index` interns the terms (null: terms are only hashed, for a thread that builds the sentence table alone);
   * `rerankWords`, when given, collects the articles' rerank words.
   */
  constructor(
    private readonly index: InvertedIndex | null,
    private readonly rerankWords?: RerankWords,
  ) {}

  /** One text's postings, as a field of its own; the arrays are fresh (the caller may keep them). */
  analyze(text: string): FieldPostings {
    return this.field([text], false);
  }

  /**
   * The whole article in one scan (title; body = the paragraphs joined by line breaks), with its paragraphs' tokens
   * unless `withTokens` is false.
   */
  analyzeArticle(a: Article, withTokens = true): ArticleAnalysis {
    this.wordStamp++;
    this.wordCount = 0;
    const paragraphs = a.paragraphs;
    const spans = this.spans;
    if (spans.clean.length < paragraphs.length) {
      spans.clean = new Uint8Array(paragraphs.length * 2);
      spans.first = new Int32Array(paragraphs.length * 2 + 1);
    }
    const title = this.field([a.title], false);
    this.spanCount = 0;
    const body = this.field(paragraphs, withTokens);
    return { title, body, rerankWords: { ids: this.words, count: this.wordCount }, tokens: spans };
  }

  /**
   * The postings of one field made of `texts` (joined by line breaks, which no token crosses and NFKC leaves as
   * boundaries, so each text is scanned on its own). Rerank words are collected when the analyzer has RerankWords;
   * paragraph tokens when `record`.
   */
  private field(texts: readonly string[], record: boolean): FieldPostings {
    const stamp = ++this.stamp;
    this.distinctTerms = 0;
    this.distinctTokens = 0;
    let astral = false;
    for (let p = 0; p < texts.length; p++) {
      const text = texts[p];
      const s = isNfkcAsItIs(text) ? text : text.normalize('NFKC');
      const wordsBefore = this.wordCount;
      if (record) this.spans.first[p] = this.spanCount;
      const scan = this.scan(s, stamp, record);
      if (scan === SURROGATE) astral = true;
      if (record) {
        this.spans.clean[p] = scan === TOKENWISE && s === text ? 1 : 0;
        if (scan === SURROGATE) this.spanCount = this.spans.first[p];
      }
      if (scan !== TOKENWISE && this.rerankWords) {
        // This text's words by the rerank's own folding: undo what its tokens added, then fold the text whole.
        for (let k = wordsBefore; k < this.wordCount; k++) this.wordSeen[this.words[k]] = 0;
        this.wordCount = wordsBefore;
        this.rerankWords.forEachWordId(text, (id) => this.addWord(id));
      }
    }
    if (record) this.spans.first[texts.length] = this.spanCount;
    if (astral) return this.plain(texts.length === 1 ? texts[0] : texts.join('\n'));
    const n = this.distinctTerms;
    const termIds = this.touched.slice(0, n);
    const tfs = new Int32Array(n);
    for (let k = 0; k < n; k++) tfs[k] = this.termState[2 * termIds[k] + 1];
    return { termIds, tfs, count: n, length: this.distinctTokens };
  }

  /**
   * Scan NFKC text `s` into the field's statistics (stamp), its tokens' rerank words, and, when `record`, its token
   * spans. TOKENWISE, or NOT_TOKENWISE when its rerank words must come from folding it whole, or SURROGATE when it
   * has an astral character (scan stopped; the field takes the plain path).
   */
  private scan(s: string, stamp: number, record: boolean): number {
    const n = s.length;
    let result = TOKENWISE;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      while (!WORD_CODE_UNITS[c]) {
        if (NOT_TOKENWISE_CODE_UNITS[c]) {
          if (c >= 0xd800 && c <= 0xdfff) return SURROGATE;
          result = NOT_TOKENWISE;
        }
        if (++i >= n) break;
        c = s.charCodeAt(i);
      }
      if (i >= n) break;
      const from = i;
      let h = 0x811c9dc5;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        if (++i >= n) break;
        c = s.charCodeAt(i);
      } while (WORD_CODE_UNITS[c]);
      const rec = this.lookup(s, from, i, h) << 3;
      const tokens = this.tokens;
      if (tokens[rec + STAMP] !== stamp) {
        tokens[rec + STAMP] = stamp;
        this.distinctTokens++;
      }
      const term = tokens[rec + TERM];
      if (record) this.pushSpan(from, i, tokens[rec + TERM_BITS]);
      const word = tokens[rec + RERANK];
      if (word >= 0) {
        if (this.wordSeen[word] !== this.wordStamp) this.addWord(word);
      } else if (word === -2) result = NOT_TOKENWISE;
      if (term < 0) continue;
      const state = this.termState;
      if (state[2 * term] !== stamp) {
        state[2 * term] = stamp;
        state[2 * term + 1] = 1;
        if (this.distinctTerms === this.touched.length) this.touched = grow(this.touched, this.distinctTerms * 2);
        this.touched[this.distinctTerms++] = term;
      } else state[2 * term + 1]++;
    }
    return result;
  }

  private addWord(id: number): void {
    if (id >= this.wordSeen.length) this.wordSeen = grow(this.wordSeen, Math.max(id + 1, this.wordSeen.length * 2));
    if (this.wordSeen[id] === this.wordStamp) return;
    this.wordSeen[id] = this.wordStamp;
    if (this.wordCount === this.words.length) this.words = grow(this.words, this.wordCount * 2);
    this.words[this.wordCount++] = id;
  }

  private pushSpan(from: number, to: number, termBits: number): void {
    const spans = this.spans;
    const k = this.spanCount++;
    if (k === spans.start.length) {
      spans.start = grow(spans.start, k * 2);
      spans.end = grow(spans.end, k * 2);
      spans.termBits = grow(spans.termBits, k * 2);
    }
    spans.start[k] = from;
    spans.end[k] = to;
    spans.termBits[k] = termBits;
  }

  /** The plain statement, for the rare text the fast path does not handle. */
  private plain(text: string): FieldPostings {
    const index = this.index;
    return plainFieldPostings(text, index ? (term) => index.intern(term) : () => 0);
  }

  /** The token s[from..to) (hash h), added with its term, term hash and rerank word on first sight. */
  private lookup(s: string, from: number, to: number, h: number): number {
    const length = to - from;
    const { tokens, units } = this;
    const seen = this.recent[h & (FRONT_SIZE - 1)];
    if (seen >= 0 && tokens[seen << 3] === h && tokens[(seen << 3) + LENGTH] === length) {
      const at = tokens[(seen << 3) + START];
      let j = 0;
      while (j < length && units[at + j] === s.charCodeAt(from + j)) j++;
      if (j === length) return seen;
    }
    const t = this.find(s, from, to, h);
    this.recent[h & (FRONT_SIZE - 1)] = t;
    return t;
  }

  private find(s: string, from: number, to: number, h: number): number {
    const length = to - from;
    const mask = this.slots.length - 1;
    const { tokens, units } = this;
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const t = this.slots[slot];
      if (t < 0) break;
      const rec = t << 3;
      if (tokens[rec] === h && tokens[rec + LENGTH] === length) {
        const at = tokens[rec + START];
        let j = 0;
        while (j < length && units[at + j] === s.charCodeAt(from + j)) j++;
        if (j === length) return t;
      }
      slot = (slot + 1) & mask;
    }
    return this.addToken(s, from, to, h, slot);
  }

  private addToken(s: string, from: number, to: number, h: number, slot: number): number {
    const length = to - from;
    const t = this.count++;
    const at = this.unitsUsed;
    if (at + length > this.units.length) this.units = grow(this.units, Math.max(at + length, this.units.length * 2));
    this.unitsUsed += length;
    let tokenwise = true;
    for (let j = 0; j < length; j++) {
      const c = s.charCodeAt(from + j);
      this.units[at + j] = c;
      if (NOT_TOKENWISE_CODE_UNITS[c]) tokenwise = false;
    }
    if ((t + 1) << 3 > this.tokens.length) this.tokens = grow(this.tokens, this.tokens.length * 2);
    const text = s.slice(from, to);
    const term = analyzeTerm(text);
    const id = term === null ? -1 : this.index ? this.index.intern(term) : 0;
    const rec = t << 3;
    const tokens = this.tokens;
    tokens[rec] = h;
    tokens[rec + START] = at;
    tokens[rec + LENGTH] = length;
    tokens[rec + TERM] = id;
    tokens[rec + RERANK] = !this.rerankWords ? -1 : tokenwise ? this.rerankWords.wordIdOfToken(text) : -2;
    tokens[rec + STAMP] = 0;
    tokens[rec + TERM_BITS] = term === null ? -1 : filterBits(termHash(term));
    if (2 * id + 2 > this.termState.length) this.termState = grow(this.termState, Math.max(2 * id + 2, this.termState.length * 2));
    this.slots[slot] = t;
    if (this.count * 2 > this.slots.length) this.rehash();
    return t;
  }

  private rehash(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let t = 0; t < this.count; t++) {
      const h = this.tokens[t << 3];
      let slot = (h ^ (h >>> 16)) & (capacity - 1);
      while (this.slots[slot] >= 0) slot = (slot + 1) & (capacity - 1);
      this.slots[slot] = t;
    }
  }
}

const FRONT_SIZE = 1 << 14;

// Fields of a token record (tokens[8t + field]); 0 is the hash.
const START = 1;
const LENGTH = 2;
const TERM = 3;
const RERANK = 4;
const STAMP = 5;
const TERM_BITS = 6;

/**
 * A field's distinct terms with frequencies, and its BM25 length (distinct word tokens before analysis), stated
 * plainly with tokenize + analyzeTerm: what a single add indexes, and what the bulk scan gives exactly.
 */
export function plainFieldPostings(text: string, intern: (term: string) => number): FieldPostings {
  const tokens = tokenize(text);
  const tf = new Map<number, number>();
  for (const token of tokens) {
    const term = analyzeTerm(token);
    if (term === null) continue;
    const id = intern(term);
    tf.set(id, (tf.get(id) ?? 0) + 1);
  }
  return { termIds: [...tf.keys()], tfs: [...tf.values()], count: tf.size, length: new Set(tokens).size };
}

const TOKENWISE = 0;
const NOT_TOKENWISE = 1;
const SURROGATE = 2;
