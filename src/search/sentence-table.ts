import { cleanText, forEachTermSpan, splitSentences } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { grow } from './postings.js';

/**
 * What a snippet needs of each article, kept at index time so that showing a hit neither splits its text into
 * sentences nor scans all of it: the article's sentences (paragraph, start and end offsets, exactly the strings
 * splitSentences gives), and per sentence a 128-bit Bloom filter of its analyzed terms (two bits per term, as
 * snippet.ts's findMatches finds them), the number of its words that have a term, and how often its most repeated
 * filter-bits value occurs among them (the repeat: packed with the word count in one Uint16, wordsOf / repeatOf).
 *
 * Why: the snippet was ~45 % of a search on SaudiNewsNet (each shown article's whole text normalized and scanned for
 * a bound, then its best paragraphs split and analyzed). With the table, buildSnippetWithTable tests each sentence's
 * filter (no text read), and only sentences that can still win are normalized, counted and analyzed.
 *
 * Exactness: a filter never misses a term of its sentence, and the word count bounds the number of marked words, so
 * 1000 × (terms whose bits are set) + word count bounds the sentence's score (sentenceScore) from above. So does
 * 1000 × d + d × repeat for the d terms whose bits are set: a matched term's words all carry its filter bits, and no
 * bits value occurs more than repeat times. With one matched term that is 1000 + 1 for most sentences — the score
 * itself when the term is there — where the word count (~20) left every sentence holding the term to be bounded
 * again by a substring count of its text (snippet.ts; ~35 % of a keyword search went to snippets). The best
 * sentence is then exactly buildSnippetPlain's (tests/search-core.test.ts compares them on random text). The text a
 * search reads back from the store is checked against a hash of the indexed text: when it differs (the store
 * changed under the index) the snippet is computed from the text alone, as before.
 *
 * Cost on SaudiNewsNet (31k articles, 266k sentences): 28 bytes per sentence, 7.4 MB; ~170 µs per article at build
 * (splitting dominates).
 */
const EMPTY_U16 = new Uint16Array(0);
const EMPTY_U32 = new Uint32Array(0);

/** Whether two lists of strings are equal, element by element. */
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SentenceTable {
  // ---- per slot: sentences [first[slot], end[slot]) and a hash of the paragraphs' text
  private first: Int32Array = new Int32Array(1024);
  private end: Int32Array = new Int32Array(1024);
  private hash: Int32Array = new Int32Array(1024);
  // ---- per sentence, append-only
  private count = 0;
  private para: Uint16Array = new Uint16Array(1 << 14);
  private from: Uint32Array = new Uint32Array(1 << 14);
  private to: Uint32Array = new Uint32Array(1 << 14);
  private words: Uint16Array = new Uint16Array(1 << 14);
  private bloom: Uint32Array = new Uint32Array(4 << 14);
  // ---- scratch of addBits: per filter-bits value, its count in the sentence stamped repeatStamp
  private readonly repeatSeen = new Int32Array(1 << 14);
  private readonly repeatTimes = new Uint16Array(1 << 14);
  private repeatStamp = 0;
  private repeatSentence = -1;
  /**
   * Paragraph lists found to hash as their slot's indexed text, by the list the store handed back: the hash they
   * matched and the paragraphs as they were then (the list copied: the same strings). A search showing an article
   * the store hands back as the same list (a store holding its texts in memory) compares its paragraphs with the
   * copy string by string — a pointer test each — instead of hashing the whole text again (~8 % of a keyword search
   * on SaudiNewsNet). Strings are values: equal strings hash alike, so the answer is the hash check's even when the
   * list was changed in place. Weak: an entry goes with its list (a store reading texts afresh never hits one, and
   * keeps none alive).
   */
  private readonly verified = new WeakMap<readonly string[], { hash: number; paragraphs: readonly string[] }>();

  /** Record the sentences of `article` for `slot` (a slot without a table, e.g. ≥ 65,536 paragraphs, gets none). */
  addDocument(slot: number, article: Article, tokens?: ParagraphTokens): void {
    if (slot >= this.first.length) {
      const size = Math.max(slot + 1, this.first.length * 2);
      this.first = grow(this.first, size);
      this.end = grow(this.end, size);
      this.hash = grow(this.hash, size);
    }
    const start = this.count;
    this.first[slot] = this.end[slot] = start;
    this.hash[slot] = textHash(article.paragraphs);
    const paragraphs = article.paragraphs;
    if (paragraphs.length > 0xffff) {
      this.end[slot] = -1;
      return;
    }
    for (let p = 0; p < paragraphs.length; p++) {
      const text = paragraphs[p];
      const sentences = splitSentences(text);
      const at = this.count;
      let cursor = 0;
      for (const s of sentences) {
        const from = text.indexOf(s, cursor);
        if (from < 0) {
          // Not a slice of the paragraph (splitSentences always gives slices): no table, the text path is exact.
          this.count = start;
          this.end[slot] = -1;
          return;
        }
        cursor = from + s.length;
        this.push(p, from, cursor);
      }
      if (!this.termsByParagraph(text, p, at, tokens)) for (let k = 0; k < sentences.length; k++) this.termsOfSentence(at + k, sentences[k]);
    }
    this.end[slot] = this.count;
  }

  /** Slots [0, slotCount) of another table (snapshot: another thread's share of a build) as slots offset.. of this one. */
  appendSegment(data: SentenceTableData, offset: number, slotCount: number): void {
    const size = offset + slotCount;
    if (size > this.first.length) {
      const room = Math.max(size, this.first.length * 2);
      this.first = grow(this.first, room);
      this.end = grow(this.end, room);
      this.hash = grow(this.hash, room);
    }
    const base = this.count;
    const added = data.para.length;
    if (base + added > this.para.length) {
      const room = Math.max(base + added, Math.ceil(this.para.length * 1.25));
      this.para = grow(this.para, room);
      this.from = grow(this.from, room);
      this.to = grow(this.to, room);
      this.words = grow(this.words, room);
      this.bloom = grow(this.bloom, room * 4);
      this.releaseView();
    }
    this.para.set(data.para, base);
    this.from.set(data.from, base);
    this.to.set(data.to, base);
    this.words.set(data.words, base);
    this.bloom.set(data.bloom, base * 4);
    this.count += added;
    for (let s = 0; s < slotCount; s++) {
      this.first[offset + s] = data.first[s] + base;
      this.end[offset + s] = data.end[s] < 0 ? -1 : data.end[s] + base;
      this.hash[offset + s] = data.hash[s];
    }
  }

  /** Drop the growth room of the per-sentence arrays (after a bulk build: up to half of ~10 MB). */
  trim(): void {
    const n = Math.max(1, this.count);
    this.para = this.para.slice(0, n);
    this.from = this.from.slice(0, n);
    this.to = this.to.slice(0, n);
    this.words = this.words.slice(0, n);
    this.bloom = this.bloom.slice(0, n * 4);
    this.releaseView();
  }

  get sentenceCount(): number {
    return this.count;
  }

  /** textHash of the paragraphs indexed for `slot` (0 for a slot never added). */
  textHashOf(slot: number): number {
    return slot < this.hash.length ? this.hash[slot] : 0;
  }

  /**
   * The slot's sentences when `article` is the text indexed for it (its hash matches), else null. The view is valid
   * until the next addDocument.
   */
  sentencesOf(slot: number, article: Article): ArticleSentences | null {
    if (slot >= this.first.length || this.end[slot] < 0 || !this.isIndexedText(slot, article.paragraphs)) return null;
    const view = this.view;
    view.first = this.first[slot];
    view.length = this.end[slot] - view.first;
    view.para = this.para;
    view.from = this.from;
    view.to = this.to;
    view.words = this.words;
    view.bloom = this.bloom;
    return view;
  }

  /** Whether `paragraphs` hash as the text indexed for `slot` (textHash), remembered by list (see `verified`). */
  private isIndexedText(slot: number, paragraphs: readonly string[]): boolean {
    const hash = this.hash[slot];
    const known = this.verified.get(paragraphs);
    if (known !== undefined && known.hash === hash && sameStrings(known.paragraphs, paragraphs)) return true;
    if (textHash(paragraphs) !== hash) return false;
    this.verified.set(paragraphs, { hash, paragraphs: [...paragraphs] });
    return true;
  }

  private readonly view: ArticleSentences = { first: 0, length: 0, para: new Uint16Array(0), from: new Uint32Array(0), to: new Uint32Array(0), words: new Uint16Array(0), bloom: new Uint32Array(0) };

  /**
   * The arrays were replaced by grown copies: the view lets go of the old ones, which it would otherwise keep alive
   * until the next search shows a hit (after a burst of 1,000 articles, the restored snapshot's ~6 MB of sentences).
   */
  private releaseView(): void {
    const view = this.view;
    view.para = EMPTY_U16;
    view.from = view.to = view.bloom = EMPTY_U32;
    view.words = EMPTY_U16;
  }

  /** A copy of the state for persist.ts: per live slot its sentences, renumbered densely. */
  snapshot(slotCount: number): SentenceTableData {
    return {
      first: this.first.slice(0, slotCount),
      end: this.end.slice(0, slotCount),
      hash: this.hash.slice(0, slotCount),
      para: this.para.subarray(0, this.count),
      from: this.from.subarray(0, this.count),
      to: this.to.subarray(0, this.count),
      words: this.words.subarray(0, this.count),
      bloom: this.bloom.subarray(0, this.count * 4),
    };
  }

  /** Restore from persisted data: slot s has sentences [starts[s], starts[s + 1]), or none when hasTable[s] is 0. */
  static restore(data: { starts: Int32Array; hasTable: Uint8Array; hash: Int32Array; para: Uint16Array; from: Uint32Array; to: Uint32Array; words: Uint16Array; bloom: Uint32Array }, slotCount: number): SentenceTable {
    const end = new Int32Array(slotCount);
    for (let s = 0; s < slotCount; s++) end[s] = data.hasTable[s] ? data.starts[s + 1] : -1;
    return SentenceTable.fromSnapshot({ ...data, first: data.starts, end }, slotCount);
  }

  /** The table whose snapshot(slotCount) is `data`, as it is (a table built by another thread, or restored). */
  static fromSnapshot(data: SentenceTableData, slotCount: number): SentenceTable {
    const table = new SentenceTable();
    const size = Math.max(1024, slotCount);
    table.first = grow(data.first.subarray(0, slotCount), size);
    table.end = grow(data.end.subarray(0, slotCount), size);
    table.hash = grow(data.hash.subarray(0, slotCount), size);
    table.count = data.para.length;
    const room = Math.max(1 << 14, table.count);
    table.para = grow(data.para, room);
    table.from = grow(data.from, room);
    table.to = grow(data.to, room);
    table.words = grow(data.words, room);
    table.bloom = grow(data.bloom, room * 4);
    return table;
  }

  private push(paragraph: number, from: number, to: number): void {
    const i = this.count++;
    if (i >= this.para.length) {
      // A quarter more, not twice: after a trimmed bulk build, the first add must not double ~7 MB.
      const size = Math.max(1 << 14, Math.ceil(this.para.length * 1.25));
      this.para = grow(this.para, size);
      this.from = grow(this.from, size);
      this.to = grow(this.to, size);
      this.words = grow(this.words, size);
      this.bloom = grow(this.bloom, size * 4);
      this.releaseView();
    }
    this.para[i] = paragraph;
    this.from[i] = from;
    this.to[i] = to;
    this.words[i] = 0;
    this.bloom.fill(0, i * 4, i * 4 + 4);
    // A rolled-back article's sentence numbers are given out again: counts of the old sentence i must not carry over.
    if (i === this.repeatSentence) this.repeatSentence = -1;
  }

  /**
   * The terms of sentences [at, count) of `text` (paragraph `p`) from one pass over the whole paragraph, when the
   * paragraph is already clean (cleanText leaves it as is, so each sentence's cleaned text is the sentence itself and
   * word spans are those of the paragraph; no surrogates). The bulk build hands over the paragraph's word tokens
   * from its own scan (`tokens`), so the text is not read again. False, with nothing recorded, when the paragraph is
   * not clean or a word crosses a sentence's bounds: the caller then analyzes each sentence as findMatches does.
   */
  private termsByParagraph(text: string, p: number, at: number, tokens?: ParagraphTokens): boolean {
    if (at === this.count) return true;
    const { from, to } = this;
    let k = at;
    let ok = true;
    if (tokens) {
      if (!tokens.clean[p]) return false;
      const { start, end, termBits } = tokens;
      for (let i = tokens.first[p], last = tokens.first[p + 1]; i < last; i++) {
        const s = start[i];
        while (k < this.count && to[k] <= s) k++;
        if (k >= this.count || s < from[k] || end[i] > to[k]) {
          ok = false;
          break;
        }
        const bits = termBits[i];
        if (bits >= 0) this.addBits(k, bits);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff) return false;
      }
      if (cleanText(text) !== text) return false;
      forEachTermSpan(text, (term, start, end) => {
        if (!ok) return;
        while (k < this.count && to[k] <= start) k++;
        if (k >= this.count || start < from[k] || end > to[k]) {
          ok = false;
          return;
        }
        if (term !== null) this.addTerm(k, term);
      });
    }
    if (!ok) {
      this.repeatSentence = -1;
      for (let s = at; s < this.count; s++) {
        this.words[s] = 0;
        this.bloom.fill(0, s * 4, s * 4 + 4);
      }
    }
    return ok;
  }

  /** The terms of one sentence exactly as findMatches analyzes it. */
  private termsOfSentence(i: number, sentence: string): void {
    const text = cleanText(sentence).replace(/\s+/g, ' ').trim();
    forEachTermSpan(text, (term) => {
      if (term !== null) this.addTerm(i, term);
    });
  }

  private addTerm(i: number, term: string): void {
    this.addBits(i, filterBits(termHash(term)));
  }

  private addBits(i: number, bits: number): void {
    // How often these filter bits came up in sentence i so far (a stamp per sentence, so nothing is cleared).
    if (i !== this.repeatSentence) (this.repeatSentence = i), this.repeatStamp++;
    const seen = this.repeatStamp;
    const times = this.repeatSeen[bits] === seen ? this.repeatTimes[bits] + 1 : 1;
    this.repeatSeen[bits] = seen;
    this.repeatTimes[bits] = times;
    const packed = this.words[i];
    const words = Math.min(WORDS_CAP, (packed & WORDS_CAP) + 1);
    const repeat = Math.max(packed >>> REPEAT_SHIFT, Math.min(REPEAT_CAP, times));
    this.words[i] = (repeat << REPEAT_SHIFT) | words;
    const bloom = this.bloom;
    const b1 = bits & 127;
    const b2 = bits >>> 7;
    bloom[i * 4 + (b1 >>> 5)] |= 1 << (b1 & 31);
    bloom[i * 4 + (b2 >>> 5)] |= 1 << (b2 & 31);
  }
}

/**
 * An article's word tokens as the bulk build's scan found them (bulk-analyzer.ts), per paragraph: when clean[p] is
 * 1 (the paragraph is its own cleanText, with no surrogates), its tokens are [first[p], first[p + 1]) with offsets
 * start/end in the paragraph and the filter bits of their terms (filterBits; −1: no term).
 */
export interface ParagraphTokens {
  clean: Uint8Array;
  first: Int32Array;
  start: Int32Array;
  end: Int32Array;
  termBits: Int32Array;
}

/**
 * An article's sentences in the table: sentence i (0 ≤ i < length) is paragraphs[para[first + i]]
 * .slice(from[first + i], to[first + i]), with wordsOf(words[first + i]) words that have a term (WORDS_CAP: that many
 * or more), none of whose filter-bits values occurs more than repeatOf(words[first + i]) times (REPEAT_CAP: maybe more)
 * and its filter in bloom[4 (first + i) .. 4 (first + i) + 4).
 */
export interface ArticleSentences {
  first: number;
  length: number;
  para: Uint16Array;
  from: Uint32Array;
  to: Uint32Array;
  words: Uint16Array;
  bloom: Uint32Array;
}

/** The table's arrays (snapshot): for persist.ts, and another thread's share of a build. */
export interface SentenceTableData {
  first: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  para: Uint16Array;
  from: Uint32Array;
  to: Uint32Array;
  words: Uint16Array;
  bloom: Uint32Array;
}

/** A sentence's packed counts: the low 12 bits its words with a term, the high 4 its repeat, each capped. */
export const WORDS_CAP = 0xfff;
export const REPEAT_CAP = 0xf;
const REPEAT_SHIFT = 12;

/** The words with a term of a sentence's packed counts (WORDS_CAP: that many or more). */
export function wordsOf(packed: number): number {
  return packed & WORDS_CAP;
}

/** The most times one filter-bits value occurs among a sentence's words (REPEAT_CAP: that many or more). */
export function repeatOf(packed: number): number {
  return packed >>> REPEAT_SHIFT;
}

/** FNV-1a of a term's code units: its two filter bits are h & 127 and (h >>> 7) & 127. */
export function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The two filter bits of the term of hash `h` (h & 127 and (h >>> 7) & 127), packed as b1 | b2 << 7. */
export function filterBits(h: number): number {
  return (h & 127) | (((h >>> 7) & 127) << 7);
}

/** Whether the filter of sentence `i` (absolute) may hold the term of hash `h`. */
export function bloomMayHold(bloom: Uint32Array, i: number, h: number): boolean {
  const b1 = h & 127;
  const b2 = (h >>> 7) & 127;
  return (bloom[i * 4 + (b1 >>> 5)] & (1 << (b1 & 31))) !== 0 && (bloom[i * 4 + (b2 >>> 5)] & (1 << (b2 & 31))) !== 0;
}

/**
 * A hash of the paragraphs' text (and their count and lengths), to tell whether the store still holds what was
 * indexed. Four FNV-1a lanes over interleaved code units, folded at the end: one lane was a chain of dependent
 * multiplications, one per code unit of every shown article (~5 % of a keyword search); four independent chains
 * run side by side in the processor, so the same text costs about a quarter of the time.
 */
export function textHash(paragraphs: readonly string[]): number {
  const P = 0x01000193;
  let a = Math.imul(0x811c9dc5 ^ paragraphs.length, P);
  let b = 0x050c5d1f;
  let c = 0x1b873593;
  let d = 0x68e31da4;
  for (const p of paragraphs) {
    a = Math.imul(a ^ p.length, P);
    const n = p.length;
    const quads = n & ~3;
    let i = 0;
    for (; i < quads; i += 4) {
      a = Math.imul(a ^ p.charCodeAt(i), P);
      b = Math.imul(b ^ p.charCodeAt(i + 1), P);
      c = Math.imul(c ^ p.charCodeAt(i + 2), P);
      d = Math.imul(d ^ p.charCodeAt(i + 3), P);
    }
    for (; i < n; i++) a = Math.imul(a ^ p.charCodeAt(i), P);
  }
  let h = Math.imul(a ^ b, P);
  h = Math.imul(h ^ c, P);
  h = Math.imul(h ^ d, P);
  return (h ^ (h >>> 15)) | 0;
}
