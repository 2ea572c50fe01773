import { forEachNormalizedWord, normalizeArabic, STOPWORDS } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';

/**
 * Second-stage ranking of the first stage's best candidates by character 4-gram overlap with the query.
 *
 * Why: on ARCD most first-place misses are the right article's wrong paragraph, lost to a paraphrase whose words
 * share a stretch of letters but not a stem: «استقلت»/«الاستقلال», «تأسست»/«تأسيس», «انتخب»/«الانتخابات».
 * Stemming cannot join these without also joining unrelated words; 4-grams of the normalized, unstemmed word catch
 * the shared stretch and only nudge candidates that already matched. Measured on ARCD (bench/retrieval.ts), weight
 * 0.5 over the top 20: MRR@10 0.859 → 0.868, up on both article-level halves (0.840 → 0.850, 0.903 → 0.909);
 * weights 0.5–0.75 and depths 15–50 are within ±0.002, weights 0.3–0.4 or depth 10 lose 0.004–0.005. Depth 20
 * rather than 30 for speed: the rerank reads each candidate's text (SaudiNewsNet: +4–7 ms per search). Rejected by the same measurement: grams of stemmed words
 * (+0.001), 3-grams (uneven), 5-grams (smaller), an ISRI root-overlap feature (Taghva et al. 2005; alone +0.004,
 * but on top of 4-grams it gains on one half and loses on the other), Snowball Arabic stem overlap (loses),
 * best-sentence coverage (loses on both).
 *
 * The grams are computed at query time from each candidate's distinct content words, which the index keeps as ids
 * (rerank-words.ts) so that a search reads no article text to rerank; a 4-gram field measured about the same and
 * was several times larger. Gram weights are inverse document frequencies among the candidates themselves: a gram
 * every candidate shares says nothing about which is best.
 */
export const RERANK = {
  depth: 20,
  gramLength: 4,
  weight: 0.5,
} as const;

/**
 * `results` (best first, first-stage scores) with the first RERANK.depth reordered by
 * score + weight × topScore × gramCoverage, where gramCoverage ∈ [0, 1] is the idf-weighted share of the query's
 * grams found in the article. Every reranked score is ≥ its original score, hence ≥ every score below the depth,
 * so scores stay in descending order and comparable across the whole list.
 */
export function rerankByGrams<T extends { id: string | number; score: number }>(
  query: string,
  results: T[],
  articleOf: (id: string) => Article | undefined,
): T[] {
  return rerankWith(query, results, (r, table) => gramsPresent(articleOf(String(r.id)), table));
}

/** rerankByGrams with the grams' presence in a candidate given by `present` (ArticleIndex: from RerankWords). */
export function rerankWith<T extends { score: number }>(query: string, results: T[], present: (result: T, table: GramTable) => boolean[]): T[] {
  if (results.length < 2) return results;
  const words = contentWords(query);
  const queryGrams = [...new Set(words.flatMap(wordGrams))];
  if (!queryGrams.length) return results;
  const head = results.slice(0, RERANK.depth);
  const table = new GramTable(queryGrams, [...new Set(words)]);
  const found = head.map((r) => present(r, table));

  const n = head.length;
  const weights = queryGrams.map((_, i) => {
    const df = found.reduce((count, present) => count + (present[i] ? 1 : 0), 0);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return results;
  const top = head[0].score;
  const rescored = head.map((r, k) => {
    const covered = weights.reduce((sum, w, i) => sum + (found[k][i] ? w : 0), 0);
    return { ...r, score: r.score + RERANK.weight * top * (covered / total) };
  });
  // Stable: equal scores keep the first stage's order.
  rescored.sort((a, b) => b.score - a.score);
  return [...rescored, ...results.slice(RERANK.depth)];
}

/** The normalized, unstemmed words of `text` that carry meaning (the analyzer's stopwords and lone letters out). */
function contentWords(text: string): string[] {
  return (normalizeArabic(text).match(WORD) ?? []).filter(isContentWord).map(canonicalProclitic);
}

/**
 * One spelling for a word's proclitics, so that «بالرباط», «والرباط», «للرباط» and «الرباط» have the same grams (a
 * query spelled either way reranks alike) while the article «ال» stays: grams spanning it measured better than
 * grams of the bare word (ARCD MRR@10 0.865 vs 0.868, lower on both halves). The conjunction و goes under the
 * stemmer's rule (3+ letters must remain).
 */
function canonicalProclitic(word: string): string {
  if (word.length >= 5 && /^[وبكف]ال/.test(word)) return word.slice(1);
  if (word.length >= 4 && word.startsWith('لل')) return `ا${word.slice(1)}`;
  if (word.length >= 4 && word.startsWith('و')) return word.slice(1);
  return word;
}

// The analyzer's word pattern (analyzer.ts). Normalizing the whole text first and splitting after costs one pass of
// each normalization rule per article instead of one per word, and needs no per-word cache.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** What analyzeTerm keeps, on an already normalized word: not a stopword, not a lone letter. */
function isContentWord(word: string): boolean {
  return !STOPWORDS.has(word) && (word.length > 1 || /\d/.test(word));
}

/** Which of `grams` occur in the article's title or body. The article's content words are joined as «_w1_ _w2_»:
 *  a gram has no space, so it can only match inside one marked word, exactly as if each word were cut into grams.
 *  The plain statement of what gramsPresent computes; tests compare the two. */
export function gramsPresentPlain(article: Article | undefined, grams: readonly string[]): boolean[] {
  if (!article) return grams.map(() => false);
  const words = contentWords(`${article.title}\n${article.paragraphs.join('\n')}`);
  const marked = `_${words.join('_ _')}_`;
  return grams.map((g) => marked.includes(g));
}

/**
 * Calls `visit` with each content word of `text` in canonical spelling — contentWords(text) — as code units
 * units[start..start+length), the first unit replaced by `first` when it is ≥ 0 («للرباط» → «الرباط»), without
 * building strings (forEachNormalizedWord).
 */
export function forEachContentWord(
  text: string,
  visit: (units: Uint16Array, start: number, length: number, first: number) => void,
): void {
  forEachNormalizedWord(text, (units, from, to) => {
    let start = from;
    let length = to - from;
    if (length === 1 && !(units[start] >= 0x30 && units[start] <= 0x39)) return;
    if (length <= STOPWORD_MAX_LENGTH && STOPWORD_TABLE.find(units, start, length) >= 0) return;
    // canonicalProclitic, on code units.
    let first = -1;
    const c0 = units[start];
    if (length >= 5 && (c0 === WAW || c0 === BEH || c0 === KAF || c0 === FEH) && units[start + 1] === ALEF && units[start + 2] === LAM) {
      start++;
      length--;
    } else if (length >= 4 && c0 === LAM && units[start + 1] === LAM) {
      first = ALEF;
    } else if (length >= 4 && c0 === WAW) {
      start++;
      length--;
    }
    visit(units, start, length, first);
  });
}

/**
 * Marks in `found` the grams of `table` that occur in the marked word «_w_» (w = units[start..start+length), first
 * unit replaced by `first` when ≥ 0). A window whose first two units start no query gram is rejected by one bitmap
 * lookup, before any hashing. Returns whether any gram was found.
 */
export function markWordGrams(units: Uint16Array, start: number, length: number, first: number, table: GramTable, found: boolean[]): boolean {
  const m = length + 2;
  const window = table.window;
  // Unit p of the marked word «_w_» (no closure: this runs for every distinct word of 20 candidates per search).
  const last = m - 1;
  const base = start - 1;
  let any = false;
  if (m <= RERANK.gramLength) {
    for (let p = 0; p < m; p++) window[p] = p === 0 || p === last ? UNDERSCORE : p === 1 && first >= 0 ? first : units[base + p];
    const at = table.find(window, 0, m);
    if (at >= 0) found[at] = any = true;
    return any;
  }
  const pairs = table.pairs;
  let a = UNDERSCORE;
  let b = first >= 0 ? first : units[start];
  let c = units[start + 1];
  for (let p = 3; p < m; p++) {
    const d = p === last ? UNDERSCORE : units[base + p];
    const pair = ((a & 0xff) << 8) | (b & 0xff);
    if (pairs[pair >>> 5] & (1 << (pair & 31))) {
      window[0] = a;
      window[1] = b;
      window[2] = c;
      window[3] = d;
      const at = table.find(window, 0, 4);
      if (at >= 0) found[at] = any = true;
    }
    a = b;
    b = c;
    c = d;
  }
  return any;
}

/**
 * markWordGrams for a dictionary word (no replaced first unit) that also writes to out[at..] the index of each gram
 * it newly marks in `found` (each once: a gram already marked is not written again), returning how many it wrote
 * (out must have room for table.size). RerankWords memoizes a word's grams as that run.
 */
export function collectWordGrams(units: Uint16Array, start: number, length: number, table: GramTable, found: boolean[], out: Int32Array, at: number): number {
  const m = length + 2;
  const window = table.window;
  const last = m - 1;
  const base = start - 1;
  let n = 0;
  if (m <= RERANK.gramLength) {
    for (let p = 0; p < m; p++) window[p] = p === 0 || p === last ? UNDERSCORE : units[base + p];
    const g = table.find(window, 0, m);
    if (g >= 0 && !found[g]) (found[g] = true), (out[at + n++] = g);
    return n;
  }
  const pairs = table.pairs;
  let a = UNDERSCORE;
  let b = units[start];
  let c = units[start + 1];
  for (let p = 3; p < m; p++) {
    const d = p === last ? UNDERSCORE : units[base + p];
    const pair = ((a & 0xff) << 8) | (b & 0xff);
    if (pairs[pair >>> 5] & (1 << (pair & 31))) {
      window[0] = a;
      window[1] = b;
      window[2] = c;
      window[3] = d;
      const g = table.find(window, 0, 4);
      if (g >= 0 && !found[g]) (found[g] = true), (out[at + n++] = g);
    }
    a = b;
    b = c;
    c = d;
  }
  return n;
}

/** gramsPresentPlain computed on code units: one pass over the article's normalized text, no word strings. */
export function gramsPresent(article: Article | undefined, table: GramTable): boolean[] {
  const found = new Array<boolean>(table.size).fill(false);
  if (!article) return found;
  const visit = (units: Uint16Array, start: number, length: number, first: number): void => {
    markWordGrams(units, start, length, first, table, found);
  };
  forEachContentWord(article.title, visit);
  for (const p of article.paragraphs) forEachContentWord(p, visit);
  return found;
}

/** Strings (the query's grams, the stopwords) in an open-addressing hash table, looked up by code units. */
export class GramTable {
  readonly size: number;
  private readonly mask: number;
  private readonly slots: Int32Array;
  /**
   * Bit per (low byte of the first unit, low byte of the second) of some gram: a cheap first test. A bitset (8 kB)
   * rather than a byte per pair: a table is built per search, and allocating and zeroing 64 kB was most of its cost.
   */
  readonly pairs = new Uint32Array(0x10000 / 32);
  /** Scratch for markWordGrams. */
  readonly window = new Uint16Array(RERANK.gramLength);
  /**
   * `words`: the query's content words the grams were cut from, when known (rerankWith). Only a shortcut reads them
   * (RerankWords.gramsPresent: an article holding words whose grams are all of the table's holds every gram), so
   * they need not be complete or even right: a word that is not one of the article's, or holds none of the grams,
   * only leaves the shortcut unused.
   */
  constructor(
    readonly grams: readonly string[],
    readonly words: readonly string[] = [],
  ) {
    this.size = grams.length;
    let capacity = 16;
    while (capacity < grams.length * 4) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    const units = new Uint16Array(Math.max(0, ...grams.map((g) => g.length)));
    grams.forEach((g, i) => {
      for (let j = 0; j < g.length; j++) units[j] = g.charCodeAt(j);
      if (g.length >= 2) {
        const pair = ((units[0] & 0xff) << 8) | (units[1] & 0xff);
        this.pairs[pair >>> 5] |= 1 << (pair & 31);
      }
      let slot = hashUnits(units, 0, g.length) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i;
    });
  }
  /** Index of the gram units[from..from+length), or −1. */
  find(units: Uint16Array, from: number, length: number): number {
    let slot = hashUnits(units, from, length) & this.mask;
    for (;;) {
      const i = this.slots[slot];
      if (i < 0) return -1;
      const g = this.grams[i];
      if (g.length === length) {
        let j = 0;
        while (j < length && g.charCodeAt(j) === units[from + j]) j++;
        if (j === length) return i;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

function hashUnits(units: Uint16Array, from: number, length: number): number {
  let h = length;
  for (let j = 0; j < length; j++) h = Math.imul(h ^ units[from + j], 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

const [WAW, BEH, KAF, FEH, ALEF, LAM, UNDERSCORE] = ['و', 'ب', 'ك', 'ف', 'ا', 'ل', '_'].map((c) => c.charCodeAt(0));
const STOPWORD_MAX_LENGTH = Math.max(...[...STOPWORDS].map((w) => w.length));
const STOPWORD_TABLE = new GramTable([...STOPWORDS]);

/** Character n-grams of a normalized word marked with its boundaries («_استقلت_» → «_است», «استق», …, «قلت_»). A
 *  word shorter than the gram is one gram, so short words still count, but only as whole words. */
function wordGrams(word: string): string[] {
  const marked = `_${word}_`;
  if (marked.length <= RERANK.gramLength) return [marked];
  const grams: string[] = [];
  for (let i = 0; i + RERANK.gramLength <= marked.length; i++) grams.push(marked.slice(i, i + RERANK.gramLength));
  return grams;
}
