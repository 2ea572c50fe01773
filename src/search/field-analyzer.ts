import { analyzeTerm, tokenize, WORD_CODE_UNITS } from '../arabic/index.js';
import { grow, type FieldPostings, type InvertedIndex } from './postings.js';
import { termHash } from './sentence-table.js';

/**
 * A field's text → its distinct term ids, term frequencies and BM25 length (distinct word tokens), exactly as
 * `tokenize` + `analyzeTerm` give them, but fast enough for a bulk build: tokens are hashed from the text's code
 * units and looked up in a table of the tokens seen so far, which maps each to its term id, so the analyzer runs
 * once per distinct token (SaudiNewsNet: 314k distinct among 9 million) and no string is created per token.
 *
 * Why: a build spent most of its time creating a string per token and looking it up in the analyzer's memo (a Map
 * keyed by fresh strings, smaller than the corpus's vocabulary of tokens, so it was cleared over and over).
 * Texts with astral characters take the plain path (tokenize), so the result never differs.
 */
export class FieldAnalyzer {
  // Token table: token t is units[start[t] .. start[t + 1]); term[t] its term id or −1 (stopword, lone letter).
  private units = new Uint16Array(1 << 20);
  private start: Int32Array = new Int32Array(1 << 16);
  private term: Int32Array = new Int32Array(1 << 16);
  private count = 0;
  private slots = new Int32Array(1 << 18).fill(-1);
  // Per-field scratch: term frequencies and distinct tokens, reset by stamps.
  private tf: Int32Array = new Int32Array(1 << 16);
  private termStamp: Int32Array = new Int32Array(1 << 16);
  private tokenStamp: Int32Array = new Int32Array(1 << 16);
  private stamp = 0;
  private touched: Int32Array = new Int32Array(1 << 12);
  /** Per term id: termHash + 1, 0 until first asked (termHashOf). */
  private termHashes: Float64Array = new Float64Array(1 << 16);

  constructor(private readonly index: InvertedIndex) {
    this.start[0] = 0;
  }

  /** The field's postings; the arrays are fresh (the caller may keep them). */
  analyze(text: string): FieldPostings {
    const s = text.normalize('NFKC');
    const stamp = ++this.stamp;
    let distinctTerms = 0;
    let distinctTokens = 0;
    const n = s.length;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      while (!WORD_CODE_UNITS[c]) {
        if (c >= 0xd800 && c <= 0xdfff) return this.plain(text);
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
      if (i < n && c >= 0xd800 && c <= 0xdfff) return this.plain(text);
      const token = this.lookup(s, from, i, h);
      if (this.tokenStamp[token] !== stamp) {
        this.tokenStamp[token] = stamp;
        distinctTokens++;
      }
      const term = this.term[token];
      if (term < 0) continue;
      if (this.termStamp[term] !== stamp) {
        this.termStamp[term] = stamp;
        this.tf[term] = 0;
        if (distinctTerms === this.touched.length) this.touched = grow(this.touched, distinctTerms * 2);
        this.touched[distinctTerms++] = term;
      }
      this.tf[term]++;
    }
    const termIds = this.touched.slice(0, distinctTerms);
    const tfs = new Int32Array(distinctTerms);
    for (let k = 0; k < distinctTerms; k++) tfs[k] = this.tf[termIds[k]];
    return { termIds, tfs, count: distinctTerms, length: distinctTokens };
  }

  /**
   * termHash (sentence-table.ts) of the term of the token s[from..to) whose FNV-1a hash is `h`, or −1 when it has
   * none: for the sentence table of a bulk build, from this table rather than the analyzer's memo. Call only for
   * tokens of a text already analyzed (they are in the table, so no term is interned here).
   */
  termHashOf(s: string, from: number, to: number, h: number): number {
    const id = this.term[this.lookup(s, from, to, h)];
    if (id < 0) return -1;
    if (id >= this.termHashes.length) this.termHashes = grow(this.termHashes, Math.max(id + 1, this.termHashes.length * 2));
    let v = this.termHashes[id];
    if (v === 0) v = this.termHashes[id] = termHash(this.index.termText[id]) + 1;
    return v - 1;
  }

  /** tokenize + analyzeTerm, for the rare text the fast path does not handle. */
  private plain(text: string): FieldPostings {
    const tokens = tokenize(text);
    const tf = new Map<number, number>();
    for (const token of tokens) {
      const term = analyzeTerm(token);
      if (term === null) continue;
      const id = this.index.intern(term);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return { termIds: [...tf.keys()], tfs: [...tf.values()], count: tf.size, length: new Set(tokens).size };
  }

  /** The token s[from..to) (hash h), added with its analyzed term on first sight. */
  private lookup(s: string, from: number, to: number, h: number): number {
    const length = to - from;
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const t = this.slots[slot];
      if (t < 0) break;
      const at = this.start[t];
      if (this.start[t + 1] - at === length) {
        let j = 0;
        while (j < length && this.units[at + j] === s.charCodeAt(from + j)) j++;
        if (j === length) return t;
      }
      slot = (slot + 1) & mask;
    }
    const t = this.count++;
    const at = this.start[t];
    if (at + length > this.units.length) this.units = grow(this.units, Math.max(at + length, this.units.length * 2));
    for (let j = 0; j < length; j++) this.units[at + j] = s.charCodeAt(from + j);
    if (t + 2 > this.start.length) {
      this.start = grow(this.start, this.start.length * 2);
      this.term = grow(this.term, this.start.length);
      this.tokenStamp = grow(this.tokenStamp, this.start.length);
    }
    this.start[t + 1] = at + length;
    const term = analyzeTerm(s.slice(from, to));
    const id = term === null ? -1 : this.index.intern(term);
    this.term[t] = id;
    if (id >= this.tf.length) {
      const size = Math.max(id + 1, this.tf.length * 2);
      this.tf = grow(this.tf, size);
      this.termStamp = grow(this.termStamp, size);
    }
    this.slots[slot] = t;
    if (this.count * 2 > this.slots.length) this.rehash();
    return t;
  }

  private rehash(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let t = 0; t < this.count; t++) {
      let h = 0x811c9dc5;
      for (let j = this.start[t]; j < this.start[t + 1]; j++) h = Math.imul(h ^ this.units[j], 0x01000193);
      let slot = (h ^ (h >>> 16)) & (capacity - 1);
      while (this.slots[slot] >= 0) slot = (slot + 1) & (capacity - 1);
      this.slots[slot] = t;
    }
  }
}
