import type { Article } from '../corpus/article.js';
import { grow, readVarintRun, writeVarint } from './postings.js';
import { collectWordGrams, forEachContentWord, type GramTable } from './rerank.js';

/**
 * What the 4-gram rerank needs of each article, kept in the index so a search reads no article text to rerank:
 * the article's distinct content words (rerank.ts's contentWords: normalized, canonical proclitic, stopwords out)
 * as ids into a dictionary of such words.
 *
 * Why in the index: reranking 20 candidates from their text means normalizing ~50,000 characters per search, the
 * largest single cost of a search on SaudiNewsNet; from word ids it is ~20 × 200 ids, each word's grams looked at
 * once per search (memoized). Cost: ~11 MB of varint-coded ids and ~8 MB of dictionary for 31k articles.
 *
 * Words live as code units in one arena (no string per word); ids per slot are sorted and delta-varint coded.
 */
export class RerankWords {
  // ---- dictionary: word w is arena[wordStart[w] .. wordStart[w + 1])
  private arena: Uint16Array = new Uint16Array(1 << 20);
  private wordStart: Int32Array = new Int32Array(1 << 16);
  wordCount = 0;
  private table = new Int32Array(1 << 17).fill(-1);
  // ---- per slot
  private slotStart: Int32Array = new Int32Array(1024);
  private slotEnd: Int32Array = new Int32Array(1024);
  private readonly ids: { bytes: Uint8Array } = { bytes: new Uint8Array(1 << 16) };
  private idsLength = 0;
  // ---- scratch
  private seen: Int32Array = new Int32Array(1 << 16);
  private seenStamp = 0;
  private readonly word = new Uint16Array(256);
  private memoQuery: GramTable | null = null;
  /**
   * Per word, side by side (one cache line for both: the dictionary is megabytes and a search visits ~5,000 of its
   * words at random): memo[2w] = the round that last saw word w, memo[2w + 1] = where its run of memoGrams starts,
   * or −1 when it holds no gram of the round's table.
   */
  private memo: Int32Array = new Int32Array(1 << 17);
  private memoRound = 0;
  /** Per word seen this round, a run: its number of grams, then their indices (memo[2w + 1] = where). */
  private memoGrams: Int32Array = new Int32Array(1 << 12);
  private memoUsed = 0;
  /** Scratch for gramsPresent's passes: a slot's word ids, their memo stamps, the ones new this round. */
  private batchIds = new Int32Array(1024);
  private batchStamps = new Int32Array(1024);
  private batchFresh = new Int32Array(1024);
  private batchStarts = new Int32Array(1024);
  /** What pass 3 read (kept so that its loads are not dropped as unused). */
  touched = 0;
  /**
   * The shortcut of gramsPresent, per round: the dictionary ids of the table's words (GramTable.words, the query's
   * own content words) that hold some of its grams, ascending, word keyIds[k]'s grams being
   * keyGrams[keyGramStart[k] .. keyGramStart[k + 1]); keysCoverAll: whether those words together hold every gram of
   * the table (else no article can be answered by them alone, and the shortcut is off for the round).
   */
  private keyIds = new Int32Array(0);
  private keyGramStart = new Int32Array(1);
  private keyGrams = new Int32Array(0);
  private keysCoverAll = false;
  /** Per gram of the round's table, the last slot visit (keyVisit) that found it among the key words' grams. */
  private keyGramSeen = new Int32Array(0);
  private keyVisit = 0;

  constructor() {
    this.wordStart[0] = 0;
  }

  /** Record the content words of `article` for `slot`. */
  addDocument(slot: number, article: Article): void {
    const stamp = ++this.seenStamp;
    const found: number[] = [];
    const visit = (id: number): void => {
      if (id >= this.seen.length) this.seen = grow(this.seen, Math.max(id + 1, this.seen.length * 2));
      if (this.seen[id] === stamp) return;
      this.seen[id] = stamp;
      found.push(id);
    };
    this.forEachWordId(article.title, visit);
    for (const p of article.paragraphs) this.forEachWordId(p, visit);
    this.addWordIds(slot, Int32Array.from(found), found.length);
  }

  /**
   * Record for `slot` the distinct word ids ids[0..count) (any order): the bulk build finds them itself
   * (bulk-analyzer.ts), from one scan of the article that also gives its postings. `ids` is reordered.
   */
  addWordIds(slot: number, ids: Int32Array, count: number): void {
    if (slot >= this.slotStart.length) {
      const size = Math.max(slot + 1, this.slotStart.length * 2);
      this.slotStart = grow(this.slotStart, size);
      this.slotEnd = grow(this.slotEnd, size);
    }
    const sorted = ids.subarray(0, count).sort();
    this.slotStart[slot] = this.idsLength;
    let previous = 0;
    for (let k = 0; k < count; k++) {
      const id = sorted[k];
      this.idsLength = writeVarint(this.ids, this.idsLength, id - previous);
      previous = id;
    }
    this.slotEnd[slot] = this.idsLength;
  }

  /**
   * The word-id runs of slots [0, slotCount) of another table (snapshot: another thread's share of a build) as
   * slots offset.. of this one, their words interned here.
   */
  appendSegment(data: RerankWordsData, offset: number, slotCount: number): void {
    const words = data.wordStart.length - 1;
    const remap = new Int32Array(words);
    for (let w = 0; w < words; w++) remap[w] = this.intern(data.arena, data.wordStart[w], data.wordStart[w + 1] - data.wordStart[w], -1);
    let ids = new Int32Array(1024);
    for (let s = 0; s < slotCount; s++) {
      let count = 0;
      readVarintRun(data.ids, data.slotStart[s], data.slotEnd[s], (_, id) => {
        if (count === ids.length) ids = grow(ids, count * 2);
        ids[count++] = remap[id];
      });
      this.addWordIds(offset + s, ids, count);
    }
  }

  /** The id of each content word of `text` (rerank.ts's contentWords), repeats included; new words are added. */
  forEachWordId(text: string, visit: (id: number) => void): void {
    forEachContentWord(text, (units, start, length, first) => visit(this.intern(units, start, length, first)));
  }

  /**
   * The id of the one content word of a word token, −1 when it has none (a stopword, a lone letter, only marks),
   * −2 when folding makes it more than one word (never for the tokens the bulk build asks about; it then falls back).
   */
  wordIdOfToken(token: string): number {
    let id = -1;
    let words = 0;
    this.forEachWordId(token, (w) => {
      id = w;
      words++;
    });
    return words > 1 ? -2 : id;
  }

  /**
   * Which of the table's grams occur in the article in `slot` (= gramsPresent on its text). Each dictionary word's
   * grams are computed once per table: the 20 candidates of a search share most of their words.
   */
  gramsPresent(slot: number, grams: GramTable): boolean[] {
    if (this.memoQuery !== grams) {
      this.memoQuery = grams;
      this.memoRound++;
      this.memoUsed = 0;
      this.prepareKeys(grams);
    }
    if (this.memo.length < 2 * this.wordCount) {
      // Words added since the last search: room for their memo entries (a zero stamp is never a current round).
      this.memo = grow(this.memo, Math.max(2 * this.wordCount, this.memo.length * 2));
    }
    const found = new Array<boolean>(grams.size).fill(false);
    const scratch = new Array<boolean>(grams.size).fill(false);
    const round = this.memoRound;
    const { memo, wordStart, arena } = this;
    let { memoGrams, memoUsed } = this;
    // In passes, each a tight loop of independent loads: the slot's ~230 word ids are spread over megabytes of memo
    // and arena, so nearly every first read is a cache miss; read one after the other inside the gram loop, the misses
    // waited in turn (two thirds of the rerank's time), while a loop doing nothing else lets the processor overlap them.
    // Pass 1: decode the slot's delta-varint run of word ids (readVarintRun inlined) and read each one's memo stamp.
    const bytes = this.ids.bytes;
    const end = this.slotEnd[slot];
    let at = this.slotStart[slot];
    let ids = this.batchIds;
    let n = 0;
    let id = 0;
    while (at < end) {
      let byte = bytes[at++];
      let delta = byte & 0x7f;
      for (let scale = 128; byte & 0x80; scale *= 128) {
        byte = bytes[at++];
        delta += (byte & 0x7f) * scale;
      }
      id += delta;
      if (n === ids.length) this.batchIds = ids = grow(ids, n * 2);
      ids[n++] = id;
    }
    // The shortcut: an article holding the query's own words holds all their grams, and when those are every gram of
    // the table, its answer is all true whatever its other words are. A keyword's or a short phrase's best candidates
    // mostly hold the query's words as written, and the check reads only the ids just decoded (sorted, as the key
    // ids are: one merge), where the passes below read a memo entry at random for each id.
    if (this.keysCoverAll && this.keysCoverSlot(ids, n, grams.size)) return new Array<boolean>(grams.size).fill(true);
    if (this.batchStamps.length < n) this.batchStamps = new Int32Array(ids.length);
    const stamps = this.batchStamps;
    for (let i = 0; i < n; i++) stamps[i] = memo[2 * ids[i]];
    // Pass 2: the words not seen this round; pass 3: where their letters start, then a read of their first letter.
    if (this.batchFresh.length < n) this.batchFresh = new Int32Array(ids.length);
    const fresh = this.batchFresh;
    let f = 0;
    for (let i = 0; i < n; i++) if (stamps[i] !== round) fresh[f++] = ids[i];
    if (this.batchStarts.length < f) this.batchStarts = new Int32Array(ids.length);
    const starts = this.batchStarts;
    for (let j = 0; j < f; j++) starts[j] = wordStart[fresh[j]];
    let touch = 0;
    for (let j = 0; j < f; j++) touch ^= arena[starts[j]];
    this.touched = touch;
    // Pass 4: the grams of the new words, memoized as runs of memoGrams (the word's length, then the gram indices):
    // collected by the word's own windows (a few), not by a scan of the table's grams (a headline has ~60), and
    // `scratch` cleared through the same run.
    for (let j = 0; j < f; j++) {
      const w = fresh[j];
      const entry = 2 * w;
      memo[entry] = round;
      memo[entry + 1] = -1;
      const start = starts[j];
      if (memoGrams.length < memoUsed + 1 + grams.size) this.memoGrams = memoGrams = grow(memoGrams, Math.max(memoGrams.length * 2, memoUsed + 1 + grams.size));
      const count = collectWordGrams(arena, start, wordStart[w + 1] - start, grams, scratch, memoGrams, memoUsed + 1);
      if (count > 0) {
        for (let g = 1; g <= count; g++) scratch[memoGrams[memoUsed + g]] = false;
        memoGrams[memoUsed] = count;
        memo[entry + 1] = memoUsed;
        memoUsed += 1 + count;
      }
    }
    // Pass 5: the slot's grams, from its words' runs (memo entries now in cache).
    for (let i = 0; i < n; i++) {
      const m = memo[2 * ids[i] + 1];
      if (m >= 0) {
        const last = m + memoGrams[m];
        for (let g = m + 1; g <= last; g++) found[memoGrams[g]] = true;
      }
    }
    this.memoUsed = memoUsed;
    return found;
  }

  /**
   * The round's key words (see keyIds): each of the table's words found in the dictionary, with the grams of the
   * table it holds, computed as pass 4 computes a word's (collectWordGrams on its letters in the arena), so that a
   * key word's run is exactly what the passes would take from that word.
   */
  private prepareKeys(table: GramTable): void {
    const keys: { id: number; grams: Int32Array }[] = [];
    const scratch = new Array<boolean>(table.size).fill(false);
    const covered = new Array<boolean>(table.size).fill(false);
    const out = new Int32Array(table.size);
    let coveredCount = 0;
    for (const word of table.words) {
      if (word.length === 0 || word.length > this.word.length) continue;
      for (let j = 0; j < word.length; j++) this.word[j] = word.charCodeAt(j);
      const id = this.lookup(this.word, 0, word.length, -1);
      if (id < 0 || keys.some((k) => k.id === id)) continue;
      const start = this.wordStart[id];
      const count = collectWordGrams(this.arena, start, this.wordStart[id + 1] - start, table, scratch, out, 0);
      if (count === 0) continue;
      const own = out.slice(0, count);
      for (const g of own) {
        scratch[g] = false;
        if (!covered[g]) (covered[g] = true), coveredCount++;
      }
      keys.push({ id, grams: own });
    }
    keys.sort((a, b) => a.id - b.id);
    this.keysCoverAll = table.size > 0 && coveredCount === table.size;
    this.keyIds = Int32Array.from(keys, (k) => k.id);
    this.keyGramStart = new Int32Array(keys.length + 1);
    keys.forEach((k, i) => (this.keyGramStart[i + 1] = this.keyGramStart[i] + k.grams.length));
    this.keyGrams = new Int32Array(this.keyGramStart[keys.length]);
    keys.forEach((k, i) => this.keyGrams.set(k.grams, this.keyGramStart[i]));
    this.keyGramSeen = new Int32Array(table.size);
    this.keyVisit = 0;
  }

  /** Whether the key words among a slot's ids[0..n) (ascending) hold all `size` grams of the round's table. */
  private keysCoverSlot(ids: Int32Array, n: number, size: number): boolean {
    const { keyIds, keyGramStart, keyGrams, keyGramSeen } = this;
    const visit = ++this.keyVisit;
    let covered = 0;
    let i = 0;
    for (let k = 0; k < keyIds.length; k++) {
      const key = keyIds[k];
      while (i < n && ids[i] < key) i++;
      if (i === n) break;
      if (ids[i] !== key) continue;
      for (let g = keyGramStart[k]; g < keyGramStart[k + 1]; g++) {
        const gram = keyGrams[g];
        if (keyGramSeen[gram] !== visit) (keyGramSeen[gram] = visit), covered++;
      }
    }
    return covered === size;
  }

  /** A copy of the state for persist.ts (the arrays are append-only, so views up to the lengths are stable). */
  snapshot(slotCount: number): RerankWordsData {
    return {
      arena: this.arena.subarray(0, this.wordStart[this.wordCount]),
      wordStart: this.wordStart.subarray(0, this.wordCount + 1),
      ids: this.ids.bytes,
      slotStart: this.slotStart.slice(0, slotCount),
      slotEnd: this.slotEnd.slice(0, slotCount),
    };
  }

  /** Restore from persisted data: one run per slot, slotStart[s]..slotStart[s + 1]. */
  static restore(arena: Uint16Array, wordStart: Int32Array, ids: Uint8Array, starts: Int32Array, slotCount: number): RerankWords {
    const words = new RerankWords();
    words.arena = arena.length ? arena : new Uint16Array(1024);
    words.wordCount = wordStart.length - 1;
    words.wordStart = wordStart;
    let capacity = 1 << 17;
    while (capacity < words.wordCount * 2) capacity *= 2;
    words.table = new Int32Array(capacity).fill(-1);
    for (let w = 0; w < words.wordCount; w++) {
      const start = wordStart[w];
      let slot = hashUnits(words.arena, start, wordStart[w + 1] - start, -1) & (capacity - 1);
      while (words.table[slot] >= 0) slot = (slot + 1) & (capacity - 1);
      words.table[slot] = w;
    }
    words.ids.bytes = ids.length ? ids : new Uint8Array(1024);
    words.idsLength = ids.length;
    words.slotStart = grow(starts.subarray(0, slotCount), Math.max(1024, slotCount));
    words.slotEnd = grow(starts.subarray(1, slotCount + 1), Math.max(1024, slotCount));
    return words;
  }

  /** The word ids of a slot (persist.ts). */
  idsOf(data: RerankWordsData, slot: number): number[] {
    const out: number[] = [];
    readVarintRun(data.ids, data.slotStart[slot], data.slotEnd[slot], (_, id) => out.push(id));
    return out;
  }

  /**
   * The id of the word units[start..start+length) (first unit replaced by `first` when ≥ 0): ≥ 0 when the dictionary
   * holds it, else −1 − the table slot where it would go.
   */
  private lookup(units: Uint16Array, start: number, length: number, first: number): number {
    const mask = this.table.length - 1;
    let slot = hashUnits(units, start, length, first) & mask;
    for (;;) {
      const w = this.table[slot];
      if (w < 0) return -1 - slot;
      const at = this.wordStart[w];
      if (this.wordStart[w + 1] - at === length) {
        let j = 0;
        if (this.arena[at] === (first >= 0 ? first : units[start])) {
          j = 1;
          while (j < length && this.arena[at + j] === units[start + j]) j++;
        }
        if (j === length) return w;
      }
      slot = (slot + 1) & mask;
    }
  }

  private intern(units: Uint16Array, start: number, length: number, first: number): number {
    const found = this.lookup(units, start, length, first);
    if (found >= 0) return found;
    const slot = -1 - found;
    const id = this.wordCount++;
    const at = this.wordStart[id];
    if (at + length > this.arena.length) this.arena = grow(this.arena, Math.max(at + length, this.arena.length * 2));
    for (let j = 0; j < length; j++) this.arena[at + j] = units[start + j];
    if (first >= 0) this.arena[at] = first;
    if (id + 2 > this.wordStart.length) this.wordStart = grow(this.wordStart, this.wordStart.length * 2);
    this.wordStart[id + 1] = at + length;
    this.table[slot] = id;
    if (this.wordCount * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const capacity = this.table.length * 2;
    this.table = new Int32Array(capacity).fill(-1);
    for (let w = 0; w < this.wordCount; w++) {
      const start = this.wordStart[w];
      let slot = hashUnits(this.arena, start, this.wordStart[w + 1] - start, -1) & (capacity - 1);
      while (this.table[slot] >= 0) slot = (slot + 1) & (capacity - 1);
      this.table[slot] = w;
    }
  }
}

export interface RerankWordsData {
  arena: Uint16Array;
  wordStart: Int32Array;
  ids: Uint8Array;
  slotStart: Int32Array;
  slotEnd: Int32Array;
}

function hashUnits(units: Uint16Array, start: number, length: number, first: number): number {
  let h = length;
  for (let j = 0; j < length; j++) h = Math.imul(h ^ (j === 0 && first >= 0 ? first : units[start + j]), 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
