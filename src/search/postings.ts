import { FIELD_BODY, FIELD_COUNT, FIELD_TITLE } from './ranking.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';
import { TailPool, tailLength, type TailView } from './tails.js';

/**
 * The inverted index: for every term and field, the articles (by slot number) holding it and how often, in typed
 * arrays. Design (issue 8):
 *
 * - **Slots.** Every article added gets the next slot number; a replaced article gets a new slot and its old slot
 *   is marked dead. Posting lists are therefore always sorted by slot, whether built in bulk or appended one article
 *   at a time. Dead slots cost a few bytes each (the per-slot arrays) until the index is saved and reloaded, which
 *   renumbers the live ones (persist.ts).
 * - **Base + tails.** A bulk build (and a reload) lays every term's postings out in one compressed-sparse-row block
 *   per field (`offsets`, `docs`, `tfs`); articles added later append to a small growable "tail" per term. Queries
 *   read base then tails.
 * - **Exact statistics.** Document frequencies and field-length totals are kept for LIVE articles only, updated on
 *   add and remove through a compact forward index (each article's term ids, delta-varint coded), so a search after
 *   add / remove / replace scores exactly as a fresh build of the same articles does.
 * - **Compaction** merges tails into a new base and drops dead postings. It never changes a result (dead postings
 *   are skipped by the scorer anyway), so it can run in slices of bounded time (one background turn between them) while
 *   queries keep reading the old base; the new one is swapped in whole at the end.
 */

/** A contiguous run of postings: docs[start..end) with their term frequencies. */
export interface PostingRange {
  docs: Int32Array;
  tfs: Uint16Array;
  start: number;
  end: number;
}

/** What one field of one article contributes: distinct term ids with their frequencies, and the field's length. */
export interface FieldPostings {
  termIds: ArrayLike<number>;
  tfs: ArrayLike<number>;
  count: number;
  /** The field length used by BM25 (distinct word tokens before analysis). */
  length: number;
}

/** See InvertedIndex.snapshotPostings. */
export interface PostingsSnapshot {
  base: BaseBlock;
  frozenTails: TailView[] | null;
  tails: TailView[];
  termText: string[];
  dfAny: Int32Array;
  fieldLength: Int32Array[];
  forward: Uint8Array;
  forwardStart: Int32Array;
  forwardEnd: Int32Array;
}

/**
 * What a bulk build over some articles collected, before its layout: another thread's share of a build, for
 * InvertedIndex.appendSegment. Term ids are the segment's own; slots count from 0.
 */
export interface PostingsSegment {
  termText: string[];
  slotCount: number;
  /** Per field, the postings in the order they were collected (slot order): term id, slot, term frequency. */
  fields: { terms: Int32Array; docs: Int32Array; tfs: Int32Array }[];
  fieldLength: Int32Array[];
  forward: Uint8Array;
  forwardStart: Int32Array;
  forwardEnd: Int32Array;
}

/** The frozen base of every field: compressed sparse rows over term ids [0, termCount). */
export interface BaseBlock {
  termCount: number;
  offsets: Int32Array[];
  docs: Int32Array[];
  tfs: Uint16Array[];
}

/** Term frequencies beyond this are stored as this (BM25's tf saturation makes the difference ~1e-5). */
const MAX_TF = 0xffff;

export class InvertedIndex {
  // ---- term dictionary
  readonly termText: string[] = [];
  /** All terms in code-unit order, for prefix ranges (but those in `recentTerms`). */
  private sortedTerms: string[] = [];
  private sortedDirty = false;
  /**
   * Terms added one at a time since `sortedTerms` was made, in code-unit order; merged into it once there are
   * RECENT_TERMS_MAX. Inserting each into the whole dictionary moved ~300k references per new term: an article
   * bringing 80 new names cost ~18 ms of one event-loop turn.
   */
  private recentTerms: string[] = [];
  /** Characters used by the dictionary, per script class (fuzzy candidates are drawn from these). */
  private readonly alphabet = new Map<number, Set<string>>();
  /** BMP code units already in `alphabet`. */
  private readonly seenUnits = new Uint8Array(0x10000);
  private alphabetVersion = 0;
  private readonly alphabetCache = new Map<string, { version: number; codes: Uint16Array }>();
  /**
   * The dictionary itself: term ids by polynomial hash of their code units (termHash), open addressing. Both exact
   * lookups (termId) and fuzzy ones (findHashed, which computes a variant's hash without building its string) use
   * it. A Map from text to id beside it cost ~40 ms to fill at every start from a snapshot (110k terms) and ~5 MB.
   */
  private hashed: { slots: Int32Array; hashes: Int32Array; count: number } = emptyTermTable(1 << 10);
  /** Live documents per field holding the term, and per term over title ∪ body. */
  df: Int32Array[] = [new Int32Array(1024), new Int32Array(1024)];
  dfAny: Int32Array = new Int32Array(1024);

  // ---- postings
  base: BaseBlock = emptyBase();
  /** Per field, postings appended since the base was laid out (tails.ts). */
  private tails: TailPool[] = [new TailPool(), new TailPool()];
  /** Tails being merged by a running compaction (read by queries until the swap). */
  private frozenTails: TailPool[] | null = null;
  private tailPostings = 0;
  /** Postings stored (base + tails) and those of live documents. */
  private storedPostings = 0;
  private livePostings = 0;

  // ---- slots
  slotCount = 0;
  live: Uint8Array = new Uint8Array(1024);
  fieldLength: Int32Array[] = [new Int32Array(1024), new Int32Array(1024)];
  private readonly totalFieldLength = [0, 0];
  liveCount = 0;
  private forwardStart: Int32Array = new Int32Array(1024);
  private forwardEnd: Int32Array = new Int32Array(1024);
  private forward: Uint8Array = new Uint8Array(1 << 16);
  private forwardLength = 0;

  // ---- bulk building: postings collected flat, laid out as a base block by endBulk()
  private bulk: { terms: GrowInt32; docs: GrowInt32; tfs: GrowInt32 }[] | null = null;
  private compaction: Promise<void> | null = null;

  get termCount(): number {
    return this.termText.length;
  }

  avgFieldLength(field: number): number {
    return this.liveCount ? this.totalFieldLength[field] / this.liveCount : 0;
  }

  /** The id of `term`, or undefined when the dictionary does not hold it. */
  termId(term: string): number | undefined {
    const hash = termHash(term);
    const { slots, hashes } = this.hashed;
    const mask = slots.length - 1;
    for (let slot = mixHash(hash) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot];
      if (id < 0) return undefined;
      if (hashes[slot] === hash && this.termText[id] === term) return id;
    }
  }

  /** The id of `term`, creating it when new. */
  intern(term: string): number {
    let id = this.termId(term);
    if (id !== undefined) return id;
    id = this.termText.length;
    this.termText.push(term);
    this.hashTerm(id);
    if (id >= this.dfAny.length) {
      const size = this.dfAny.length * 2;
      this.df = this.df.map((a) => grow(a, size));
      this.dfAny = grow(this.dfAny, size);
    }
    this.addToAlphabet(term);
    if (this.bulk || this.sortedDirty) this.sortedDirty = true;
    else {
      insertSorted(this.recentTerms, term);
      if (this.recentTerms.length >= RECENT_TERMS_MAX) {
        this.sortedTerms = mergeSorted(this.sortedTerms, this.recentTerms);
        this.recentTerms = [];
      }
    }
    return id;
  }

  /** True when some live article holds the term. */
  isLiveTerm(id: number): boolean {
    return this.dfAny[id] > 0;
  }

  /** Ids of live terms starting with `prefix` (the prefix itself included when it is a term), in term order. */
  termsWithPrefix(prefix: string): number[] {
    const older = withPrefix(this.sorted(), prefix);
    const terms = this.recentTerms.length ? mergeSorted(older, withPrefix(this.recentTerms, prefix)) : older;
    const out: number[] = [];
    for (const term of terms) {
      const id = this.termId(term)!;
      if (this.dfAny[id] > 0) out.push(id);
    }
    return out;
  }

  /** A copy of the dictionary in code-unit order (dead terms included). */
  sortedTermsCopy(): string[] {
    return mergeSorted(this.sorted(), this.recentTerms);
  }

  /** The dictionary's characters of the given script classes. */
  alphabetOf(classes: Iterable<number>): string[] {
    const out: string[] = [];
    for (const cls of classes) for (const ch of this.alphabet.get(cls) ?? []) out.push(ch);
    return out.sort();
  }

  /**
   * The single code units of the dictionary's characters of the given script classes, in code-unit order
   * (= alphabetOf filtered to one-unit characters), cached until the dictionary gains a character.
   */
  alphabetCodes(classes: readonly number[]): Uint16Array {
    const key = classes.join(',');
    const cached = this.alphabetCache.get(key);
    if (cached && cached.version === this.alphabetVersion) return cached.codes;
    const chars = this.alphabetOf(classes).filter((ch) => ch.length === 1);
    const codes = Uint16Array.from(chars, (ch) => ch.charCodeAt(0));
    this.alphabetCache.set(key, { version: this.alphabetVersion, codes });
    return codes;
  }

  /**
   * The id of the term whose code units hash to `hash` (termHash) and are those `matches` accepts, or −1. For
   * fuzzy lookups that compute the hash of a one-edit variant from the query term's prefix and suffix hashes in O(1)
   * and build no string (query-plan.ts).
   */
  findHashed(hash: number, matches: (text: string) => boolean): number {
    const { slots, hashes } = this.hashed;
    const mask = slots.length - 1;
    for (let slot = mixHash(hash) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot];
      if (id < 0) return -1;
      if (hashes[slot] === hash && matches(this.termText[id])) return id;
    }
  }

  private hashTerm(id: number): void {
    const table = this.hashed;
    if ((table.count + 1) * 2 > table.slots.length) {
      const old = table;
      this.hashed = emptyTermTable(old.slots.length * 2);
      for (let slot = 0; slot < old.slots.length; slot++) if (old.slots[slot] >= 0) this.placeHashed(old.slots[slot], old.hashes[slot]);
    }
    this.placeHashed(id, termHash(this.termText[id]));
  }

  private placeHashed(id: number, hash: number): void {
    const table = this.hashed;
    const mask = table.slots.length - 1;
    let slot = mixHash(hash) & mask;
    while (table.slots[slot] >= 0) slot = (slot + 1) & mask;
    table.slots[slot] = id;
    table.hashes[slot] = hash;
    table.count++;
  }

  private sorted(): string[] {
    if (this.sortedDirty) {
      this.sortedTerms = [...this.termText].sort(compareCodeUnits);
      this.recentTerms = [];
      this.sortedDirty = false;
    }
    return this.sortedTerms;
  }

  // ---- documents

  /** Start a bulk build: postings are collected flat and laid out by endBulk(). Only on an empty index. */
  beginBulk(): void {
    if (this.slotCount !== 0) throw new Error('bulk building needs an empty index');
    this.bulk = [0, 1].map(() => ({ terms: new GrowInt32(1 << 16), docs: new GrowInt32(1 << 16), tfs: new GrowInt32(1 << 16) }));
  }

  /**
   * Lay out what the bulk build collected. `sortDictionary: false` leaves the dictionary's term order (prefix
   * lookups) to be made at first need: for an index never asked for prefixes, it saves a sort (~60 ms for 60k terms)
   * on the event loop.
   */
  endBulk({ sortDictionary = true }: { sortDictionary?: boolean } = {}): void {
    const bulk = this.bulk;
    if (!bulk) return;
    this.bulk = null;
    const termCount = this.termCount;
    const base: BaseBlock = { termCount, offsets: [], docs: [], tfs: [] };
    for (let f = 0; f < FIELD_COUNT; f++) {
      const { terms, docs, tfs } = bulk[f];
      const n = terms.length;
      const offsets = new Int32Array(termCount + 1);
      const t = terms.array;
      for (let i = 0; i < n; i++) offsets[t[i] + 1]++;
      for (let i = 0; i < termCount; i++) offsets[i + 1] += offsets[i];
      const fill = offsets.slice(0, termCount);
      const outDocs = new Int32Array(n);
      const outTfs = new Uint16Array(n);
      const d = docs.array;
      const q = tfs.array;
      // Counting sort by term, stable: each list stays in slot order.
      for (let i = 0; i < n; i++) {
        const at = fill[t[i]]++;
        outDocs[at] = d[i];
        outTfs[at] = q[i];
      }
      base.offsets.push(offsets);
      base.docs.push(outDocs);
      base.tfs.push(outTfs);
    }
    this.base = base;
    // Sort the dictionary now, as part of the build, rather than on the first prefix query.
    if (sortDictionary) this.sorted();
  }

  /**
   * End a bulk build without laying it out, handing back what it collected (another thread's share of a build:
   * the thread that lays out the index takes it in with appendSegment). This index is not used afterwards.
   */
  takeSegment(): PostingsSegment {
    const bulk = this.bulk;
    if (!bulk) throw new Error('takeSegment needs a bulk build');
    this.bulk = null;
    const slots = this.slotCount;
    return {
      termText: this.termText.slice(),
      slotCount: slots,
      fields: bulk.map((b) => ({ terms: b.terms.array.slice(0, b.terms.length), docs: b.docs.array.slice(0, b.docs.length), tfs: b.tfs.array.slice(0, b.tfs.length) })),
      fieldLength: this.fieldLength.map((a) => a.slice(0, slots)),
      forward: this.forward.slice(0, this.forwardLength),
      forwardStart: this.forwardStart.slice(0, slots),
      forwardEnd: this.forwardEnd.slice(0, slots),
    };
  }

  /**
   * Append another bulk build's articles (takeSegment) after this one's, during this index's bulk build: their
   * terms are interned here, their postings join the ones collected (so endBulk lays out every list in slot
   * order), their forward entries are re-coded with this dictionary's ids. The same index as one bulk pass over
   * both sets of articles in that order, up to term numbering. Returns the segment's first slot here.
   */
  appendSegment(segment: PostingsSegment): number {
    const bulk = this.bulk;
    if (!bulk) throw new Error('appendSegment needs a bulk build');
    const remap = new Int32Array(segment.termText.length);
    for (let t = 0; t < remap.length; t++) remap[t] = this.intern(segment.termText[t]);
    const offset = this.slotCount;
    const n = segment.slotCount;
    if (offset + n > this.live.length) this.growSlots(Math.max(offset + n, this.live.length * 2));
    this.live.fill(1, offset, offset + n);
    this.liveCount += n;
    this.slotCount += n;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const lengths = segment.fieldLength[f];
      let total = 0;
      for (let s = 0; s < n; s++) total += lengths[s];
      this.fieldLength[f].set(lengths.subarray(0, n), offset);
      this.totalFieldLength[f] += total;
      const { terms, docs, tfs } = segment.fields[f];
      const into = bulk[f];
      const at = into.terms.length;
      const outTerms = into.terms.reserve(terms.length);
      const outDocs = into.docs.reserve(terms.length);
      into.tfs.reserve(terms.length).set(tfs, at);
      const df = this.df[f];
      for (let i = 0; i < terms.length; i++) {
        const term = remap[terms[i]];
        df[term]++;
        outTerms[at + i] = term;
        outDocs[at + i] = docs[i] + offset;
      }
      this.storedPostings += terms.length;
      this.livePostings += terms.length;
    }
    // Forward entries: decoded, given this dictionary's ids (which need not keep their order), sorted, re-coded.
    let entries = new Int32Array(1024);
    const bytes = segment.forward;
    for (let s = 0; s < n; s++) {
      let at = segment.forwardStart[s];
      const end = segment.forwardEnd[s];
      let count = 0;
      let id = 0;
      while (at < end) {
        let byte = bytes[at++];
        let value = byte & 0x7f;
        for (let scale = 128; byte & 0x80; scale *= 128) {
          byte = bytes[at++];
          value += (byte & 0x7f) * scale;
        }
        id += Math.floor(value / 4);
        if (count === entries.length) entries = grow(entries, count * 2);
        entries[count++] = remap[id] * 4 + (value % 4);
      }
      const sorted = entries.subarray(0, count).sort();
      const slot = offset + s;
      this.forwardStart[slot] = this.forwardLength;
      let previous = 0;
      for (let k = 0; k < count; k++) {
        const term = sorted[k] >> 2;
        this.dfAny[term]++;
        this.writeVarint((term - previous) * 4 + (sorted[k] & 3));
        previous = term;
      }
      this.forwardEnd[slot] = this.forwardLength;
    }
    return offset;
  }

  /** Index a new article in the next slot; returns the slot. */
  addDocument(fields: readonly FieldPostings[]): number {
    const slot = this.slotCount++;
    if (slot >= this.live.length) this.growSlots(this.live.length * 2);
    this.live[slot] = 1;
    this.liveCount++;
    // Forward entries: the union of the fields' term ids, sorted, each with a bit per field (id × 4 + mask).
    let postings = 0;
    for (let f = 0; f < FIELD_COUNT; f++) postings += fields[f].count;
    // Int32: term ids stay far below 2^29 (a dictionary of half a billion terms would not fit in memory anyway).
    const entries = new Int32Array(postings);
    let e = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const { termIds, tfs, count, length } = fields[f];
      this.fieldLength[f][slot] = length;
      this.totalFieldLength[f] += length;
      const bulk = this.bulk?.[f];
      const df = this.df[f];
      for (let i = 0; i < count; i++) {
        const term = termIds[i];
        const tf = Math.min(MAX_TF, tfs[i]);
        df[term]++;
        entries[e++] = term * 4 + (1 << f);
        if (bulk) {
          bulk.terms.push(term);
          bulk.docs.push(slot);
          bulk.tfs.push(tf);
        } else {
          this.appendTail(f, term, slot, tf);
        }
      }
    }
    this.storedPostings += postings;
    this.livePostings += postings;
    entries.sort();
    this.forwardStart[slot] = this.forwardLength;
    let previous = 0;
    for (let i = 0; i < entries.length; i++) {
      const id = entries[i] >> 2;
      let mask = entries[i] & 3;
      // A term in both fields: its two entries are adjacent after sorting (mask 1, then mask 2).
      if (i + 1 < entries.length && entries[i + 1] >> 2 === id) mask |= entries[++i] & 3;
      this.dfAny[id]++;
      this.writeVarint((id - previous) * 4 + mask);
      previous = id;
    }
    this.forwardEnd[slot] = this.forwardLength;
    return slot;
  }

  /** Mark a slot dead and take its terms out of the statistics. Its postings stay until compaction. */
  removeDocument(slot: number): void {
    if (!this.live[slot]) return;
    this.live[slot] = 0;
    this.liveCount--;
    for (let f = 0; f < FIELD_COUNT; f++) this.totalFieldLength[f] -= this.fieldLength[f][slot];
    let at = this.forwardStart[slot];
    const end = this.forwardEnd[slot];
    let id = 0;
    let postings = 0;
    while (at < end) {
      let value = 0;
      let scale = 1;
      let byte: number;
      do {
        byte = this.forward[at++];
        value += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80);
      id += Math.floor(value / 4);
      const mask = value % 4;
      this.dfAny[id]--;
      if (mask & 1) (this.df[FIELD_TITLE][id]--, postings++);
      if (mask & 2) (this.df[FIELD_BODY][id]--, postings++);
    }
    this.livePostings -= postings;
  }

  /** The postings of a term in a field, as up to three sorted runs (base, tail being merged, tail). */
  ranges(term: number, field: number, out: PostingRange[]): number {
    let n = 0;
    const base = this.base;
    if (term < base.termCount) {
      const start = base.offsets[field][term];
      const end = base.offsets[field][term + 1];
      if (end > start) out[n++] = { docs: base.docs[field], tfs: base.tfs[field], start, end };
    }
    const frozen = this.frozenTails?.[field];
    if (frozen) {
      const length = tailLength(frozen, term);
      if (length) out[n++] = { docs: frozen.docs, tfs: frozen.tfs, start: frozen.start[term], end: frozen.start[term] + length };
    }
    const tails = this.tails[field];
    const length = tailLength(tails, term);
    if (length) out[n++] = { docs: tails.docs, tfs: tails.tfs, start: tails.start[term], end: tails.start[term] + length };
    return n;
  }

  /** The term frequency of `term` in `field` of the article in `slot` (0 when absent): binary search per run. */
  termFrequency(term: number, field: number, slot: number): number {
    const runs: PostingRange[] = [];
    const n = this.ranges(term, field, runs);
    for (let r = 0; r < n; r++) {
      const { docs, tfs } = runs[r];
      let lo = runs[r].start;
      let hi = runs[r].end;
      if (hi === lo || docs[lo] > slot || docs[hi - 1] < slot) continue;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (docs[mid] < slot) lo = mid + 1;
        else hi = mid;
      }
      if (docs[lo] === slot) return tfs[lo];
    }
    return 0;
  }

  /** Calls `visit` with each term id the article in `slot` holds (title or body), ascending, from the forward index. */
  forEachTermOf(slot: number, visit: (term: number) => void): void {
    const bytes = this.forward;
    let at = this.forwardStart[slot];
    const end = this.forwardEnd[slot];
    let id = 0;
    while (at < end) {
      let byte = bytes[at++];
      let value = byte & 0x7f;
      for (let scale = 128; byte & 0x80; scale *= 128) {
        byte = bytes[at++];
        value += (byte & 0x7f) * scale;
      }
      id += Math.floor(value / 4);
      visit(id);
    }
  }

  // ---- compaction

  /** True when enough was appended or removed since the last layout that a compaction pays off. */
  needsCompaction(): boolean {
    if (this.compaction || this.bulk) return false;
    const dead = this.storedPostings - this.livePostings;
    return this.tailPostings > Math.max(50_000, this.storedPostings / 10) || dead > Math.max(50_000, this.storedPostings / 4);
  }

  /**
   * Merge the tails into a new base, dropping postings of dead slots, in slices of at most `sliceMs` of work with
   * the event loop free in between. Queries and updates run normally meanwhile (they read the old base, the frozen
   * tails and fresh tails); the new base replaces the old one and the frozen tails in one assignment.
   */
  compact(sliceMs = 10): Promise<void> {
    if (this.compaction) return this.compaction;
    const run = async () => {
      this.frozenTails = this.tails;
      this.tails = [new TailPool(), new TailPool()];
      const frozenPostings = this.tailPostings;
      this.tailPostings = 0;
      const old = this.base;
      const frozen = this.frozenTails;
      const termCount = this.termCount;
      const next: BaseBlock = { termCount, offsets: [], docs: [], tfs: [] };
      for (let f = 0; f < FIELD_COUNT; f++) {
        const upper = old.docs[f].length + frozen[f].postings;
        const offsets = new Int32Array(termCount + 1);
        const docs = new Int32Array(upper);
        const tfs = new Uint16Array(upper);
        let at = 0;
        let term = 0;
        while (term < termCount) {
          const started = performance.now();
          // Check the clock every 256 terms: cheap, and a slice overruns its budget by at most that much work.
          for (let i = 0; term < termCount && (i & 255 || performance.now() - started < sliceMs); i++, term++) {
            offsets[term] = at;
            if (term < old.termCount) {
              const od = old.docs[f];
              const ot = old.tfs[f];
              for (let p = old.offsets[f][term], e = old.offsets[f][term + 1]; p < e; p++) {
                if (this.live[od[p]]) (docs[at] = od[p], (tfs[at++] = ot[p]));
              }
            }
            const tail = frozen[f];
            const length = tailLength(tail, term);
            for (let p = tail.start[term], e = p + length; p < e; p++) {
              if (this.live[tail.docs[p]]) (docs[at] = tail.docs[p], (tfs[at++] = tail.tfs[p]));
            }
          }
          if (term < termCount) await nextBackgroundTurn();
        }
        offsets[termCount] = at;
        next.offsets.push(offsets);
        next.docs.push(docs.slice(0, at));
        next.tfs.push(tfs.slice(0, at));
        await nextBackgroundTurn();
      }
      // The swap. Postings of articles removed while compacting are still in `next`, filtered by `live` as before.
      let kept = 0;
      for (let f = 0; f < FIELD_COUNT; f++) kept += next.docs[f].length;
      this.storedPostings = this.storedPostings - old.docs[0].length - old.docs[1].length - frozenPostings + kept;
      this.base = next;
      this.frozenTails = null;
    };
    this.compaction = run().finally(() => {
      this.compaction = null;
    });
    return this.compaction;
  }

  /** Resolves when no compaction is running (or at once). */
  idle(): Promise<void> {
    return this.compaction ?? Promise.resolve();
  }

  // ---- snapshots for persistence

  /**
   * A point-in-time view of the postings and the forward index, taken in O(terms + tails) without copying any
   * posting: base blocks are never written after they are laid out, and tails and the forward index are only ever
   * appended to (past the lengths recorded here) or reallocated (leaving the old arrays as they were).
   */
  snapshotPostings(): PostingsSnapshot {
    const termCount = this.termCount;
    return {
      base: this.base,
      frozenTails: this.frozenTails?.map((t) => t.view(termCount)) ?? null,
      tails: this.tails.map((t) => t.view(termCount)),
      termText: this.termText.slice(),
      dfAny: this.dfAny.slice(0, this.termCount),
      fieldLength: this.fieldLength.map((a) => a.slice(0, this.slotCount)),
      forward: this.forward,
      forwardStart: this.forwardStart.slice(0, this.slotCount),
      forwardEnd: this.forwardEnd.slice(0, this.slotCount),
    };
  }

  /**
   * An index over data laid out by persist.ts: every slot live, terms listed by id with their code-unit order, one base block,
   * the forward index as one run per slot (`forwardStart[slot]..forwardStart[slot + 1]`).
   */
  static restore(data: {
    termText: string[];
    /** Term ids in code-unit order of their text. */
    termOrder: Int32Array;
    dfAny: Int32Array;
    base: BaseBlock;
    fieldLength: Int32Array[];
    forward: Uint8Array;
    forwardStart: Int32Array;
    slotCount: number;
  }): InvertedIndex {
    const index = new InvertedIndex();
    const termCount = data.termText.length;
    const termCapacity = Math.max(1024, termCount);
    index.dfAny = grow(data.dfAny, termCapacity);
    index.df = [0, 1].map((f) => {
      const df = new Int32Array(termCapacity);
      const offsets = data.base.offsets[f];
      for (let t = 0; t < termCount; t++) df[t] = offsets[t + 1] - offsets[t];
      return df;
    });
    const seen = index.seenUnits;
    let capacity = 1 << 10;
    while (capacity < termCount * 2 + 2) capacity *= 2;
    index.hashed = emptyTermTable(capacity);
    for (let t = 0; t < termCount; t++) {
      const term = data.termText[t];
      index.termText.push(term);
      index.placeHashed(t, termHash(term));
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        if (seen[c]) continue;
        seen[c] = 1;
        // Surrogates are skipped by the per-character path; alphabetOf keeps single code units only anyway.
        if (c < 0xd800 || c > 0xdfff) index.addCharacter(String.fromCharCode(c));
      }
    }
    index.sortedTerms = Array.from(data.termOrder, (id) => data.termText[id]);
    index.base = data.base;
    const slots = data.slotCount;
    const slotCapacity = Math.max(1024, slots);
    index.slotCount = slots;
    index.liveCount = slots;
    index.live = new Uint8Array(slotCapacity).fill(1, 0, slots);
    index.fieldLength = data.fieldLength.map((a) => grow(a, slotCapacity));
    for (let f = 0; f < FIELD_COUNT; f++) {
      let total = 0;
      for (let s = 0; s < slots; s++) total += data.fieldLength[f][s];
      index.totalFieldLength[f] = total;
    }
    index.forward = data.forward.length ? data.forward : new Uint8Array(1 << 16);
    index.forwardLength = data.forward.length;
    index.forwardStart = grow(data.forwardStart.subarray(0, slots), slotCapacity);
    index.forwardEnd = grow(data.forwardStart.subarray(1, slots + 1), slotCapacity);
    const postings = data.base.docs[0].length + data.base.docs[1].length;
    index.storedPostings = postings;
    index.livePostings = postings;
    return index;
  }

  // ---- internals

  private addToAlphabet(term: string): void {
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      // Most of a dictionary's characters were seen long ago: one array lookup per code unit (BMP) settles it.
      if (c < 0xd800 || c > 0xdfff) {
        if (this.seenUnits[c]) continue;
        this.seenUnits[c] = 1;
        this.addCharacter(String.fromCharCode(c));
      } else {
        const ch = String.fromCodePoint(term.codePointAt(i)!);
        if (ch.length === 2) i++;
        this.addCharacter(ch);
      }
    }
  }

  private addCharacter(ch: string): void {
    const cls = scriptClass(ch.codePointAt(0)!);
    let set = this.alphabet.get(cls);
    if (!set) this.alphabet.set(cls, (set = new Set()));
    if (!set.has(ch)) (set.add(ch), this.alphabetVersion++);
  }

  private appendTail(field: number, term: number, slot: number, tf: number): void {
    this.tails[field].append(term, slot, tf);
    this.tailPostings++;
  }

  private writeVarint(value: number): void {
    if (this.forwardLength + 8 > this.forward.length) this.forward = grow(this.forward, roomAfter(this.forward.length));
    while (value >= 128) {
      this.forward[this.forwardLength++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.forward[this.forwardLength++] = value;
  }

  private growSlots(size: number): void {
    this.live = grow(this.live, size);
    this.fieldLength = this.fieldLength.map((a) => grow(a, size));
    this.forwardStart = grow(this.forwardStart, size);
    this.forwardEnd = grow(this.forwardEnd, size);
  }
}

function emptyBase(): BaseBlock {
  return {
    termCount: 0,
    offsets: [new Int32Array(1), new Int32Array(1)],
    docs: [new Int32Array(0), new Int32Array(0)],
    tfs: [new Uint16Array(0), new Uint16Array(0)],
  };
}

/** A growable Int32Array. */
class GrowInt32 {
  array: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.array = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.array.length) this.array = grow(this.array, this.array.length * 2);
    this.array[this.length++] = value;
  }
  /** Room for `n` more values, counted as pushed: the array to write them into, from the old length on. */
  reserve(n: number): Int32Array {
    if (this.length + n > this.array.length) this.array = grow(this.array, Math.max(this.length + n, this.array.length * 2));
    this.length += n;
    return this.array;
  }
}

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** A copy of `array` with room for `size` elements. */
export function grow<T extends Typed>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length));
  next.set(array as never);
  return next;
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** See InvertedIndex.recentTerms. */
const RECENT_TERMS_MAX = 4096;

/** The first index of `sorted` (code-unit order), from `from` on, whose term is not below `term`. */
function lowerBound(sorted: readonly string[], term: string, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The run of `sorted` (code-unit order) starting with `prefix`. */
function withPrefix(sorted: readonly string[], prefix: string): string[] {
  const start = lowerBound(sorted, prefix);
  let end = start;
  while (end < sorted.length && sorted[end].startsWith(prefix)) end++;
  return sorted.slice(start, end);
}

/**
 * Two lists in code-unit order as one (neither holds a term of the other). `b` is the short one: each of its terms
 * is placed by binary search and `a` is copied in runs between them (~8 ms for 314k + 4k terms, where comparing
 * element by element took 10–30 ms).
 */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (!b.length) return a.slice();
  const runs: string[][] = [];
  let from = 0;
  for (const term of b) {
    const at = lowerBound(a, term, from);
    runs.push(a.slice(from, at), [term]);
    from = at;
  }
  runs.push(a.slice(from));
  return ([] as string[]).concat(...runs);
}

function insertSorted(sorted: string[], term: string): void {
  sorted.splice(lowerBound(sorted, term), 0, term);
}

export const SCRIPT_ARABIC = 1;
export const SCRIPT_LATIN = 2;
export const SCRIPT_DIGIT = 3;
export const SCRIPT_OTHER = 4;

/**
 * The script class of a character, for fuzzy matching: a spelling variant replaces or inserts a letter of the
 * word's own script («مراكش» → «مراكيش», not «مراكxش»), and never a digit.
 */
export function scriptClass(codePoint: number): number {
  if ((codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x0660 && codePoint <= 0x0669) || (codePoint >= 0x06f0 && codePoint <= 0x06f9)) {
    return SCRIPT_DIGIT;
  }
  if ((codePoint >= 0x0600 && codePoint <= 0x06ff) || (codePoint >= 0x0750 && codePoint <= 0x077f) || (codePoint >= 0x08a0 && codePoint <= 0x08ff)) {
    return SCRIPT_ARABIC;
  }
  if (codePoint < 0x0250) return SCRIPT_LATIN;
  return SCRIPT_OTHER;
}

/** The forward entries (term ids ascending, field masks) coded in forward[start..end). */
export function readForward(forward: Uint8Array, start: number, end: number): { ids: number[]; masks: number[] } {
  const ids: number[] = [];
  const masks: number[] = [];
  let at = start;
  let id = 0;
  while (at < end) {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = forward[at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    id += Math.floor(value / 4);
    ids.push(id);
    masks.push(value % 4);
  }
  return { ids, masks };
}

/** Append `value` as a little-endian base-128 varint; returns the new length. */
/**
 * The next capacity of a varint byte run: a quarter more, not twice. A loaded snapshot's runs are exactly full
 * (~12 MB of forward index, ~11 MB of rerank word ids at 31k articles), and doubling them on the first article added
 * after a start allocated and copied tens of megabytes in one step: a 30–50 ms pause in the bot.
 */
function roomAfter(length: number): number {
  return Math.ceil(length * 1.25) + 1024;
}

export function writeVarint(out: { bytes: Uint8Array }, length: number, value: number): number {
  if (length + 8 > out.bytes.length) out.bytes = grow(out.bytes, roomAfter(out.bytes.length));
  while (value >= 128) {
    out.bytes[length++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  out.bytes[length++] = value;
  return length;
}

/** Decode the delta-varint run bytes[start..end), calling `visit(delta, value)` with each running sum. */
export function readVarintRun(bytes: Uint8Array, start: number, end: number, visit: (delta: number, value: number) => void): void {
  let at = start;
  let value = 0;
  while (at < end) {
    let delta = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = bytes[at++];
      delta += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    value += delta;
    visit(delta, value);
  }
}

/** Multiplier of termHash. */
export const TERM_HASH_BASE = 0x01000193;

/**
 * A polynomial hash of a string's code units, h = Σ c_i × B^(n−1−i) mod 2³²: the hash of a concatenation follows
 * from its parts' (h(ab) = h(a) × B^|b| + h(b)), so a one-edit variant's hash costs O(1) from prefix and suffix hashes.
 */
export function termHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, TERM_HASH_BASE) + text.charCodeAt(i)) | 0;
  return h;
}

function emptyTermTable(capacity: number): { slots: Int32Array; hashes: Int32Array; count: number } {
  return { slots: new Int32Array(capacity).fill(-1), hashes: new Int32Array(capacity), count: 0 };
}

function mixHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
