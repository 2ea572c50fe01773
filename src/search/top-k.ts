import type { InvertedIndex, PostingRange } from './postings.js';
import type { QueryPlan } from './query-plan.js';
import { FIELD_BOOST, FIELD_COUNT, idf, RANKING } from './ranking.js';

/**
 * The ranking core: scores a query plan over the inverted index and keeps the best k articles.
 *
 * Term at a time into dense per-slot accumulators (typed arrays sized to the slot count, reused by every query and
 * cleared through the list of touched slots): each posting costs a filter check, one BM25+ evaluation and an add,
 * with no object per match. Filters (dead slots, dates, sources) are applied before scoring, per posting, from
 * doc-level arrays. The best k are then picked from the touched slots with a bounded heap, not by sorting them all.
 *
 * Why not MaxScore/WAND skipping: a search reports `total`, the number of matching articles, so every posting of
 * every expansion is visited anyway, and at this corpus size (31k articles, ~10k postings for a median query) the
 * visit is the cost. Measured (2026-12-04, SaudiNewsNet, the 201 bench queries): Lucene's way out — count exactly
 * up to 1,000 matches, then, once (the remaining lists' bounds) × (their sources) fall below the k-th best partial
 * score, let the remaining lists update only the articles already touched — closed 172 of 201 queries early, and
 * ~50–60 % of a query's postings lie in those lists (one-edit variants at weight 0.1, common words), yet the first
 * stage got no faster (median 0.09 vs 0.07 ms per keyword, 0.43 vs 0.38 per headline): a skipped posting still
 * costs its doc-id load and its per-slot test, which is most of what a scored one costs. Really skipping those
 * lists needs lookups for the touched articles, more work than the scan at these list lengths; so `total` stays
 * exact. What a search spends beyond this stage is the rerank and the snippets of the shown page.
 *
 * Ties are broken by article id, so the order never depends on insertion history (a replaced article gets a new
 * slot). Contributions are summed per slot in plan order (specs grouped by source, then expansions, then fields),
 * the order tests/support/plain-bm25.ts uses too, so scores are bit-identical to that plain implementation.
 */
export interface Ranking {
  /** Slots, best first. */
  slots: number[];
  scores: number[];
  /** Number of articles matching (filters applied), of which `slots` are the best. */
  total: number;
}

export class Scorer {
  private acc = new Float64Array(0);
  /**
   * Per slot, the coordination count and the last source seen, in one word: coord × 2^16 + (source + 1). One load
   * per posting and one store per new source, where two arrays cost a second load and store (the loop is bound by
   * memory access, not arithmetic). A plan has far fewer than 2^16 sources.
   */
  private seen = new Int32Array(0);
  private touched = new Int32Array(0);
  private readonly runs: PostingRange[] = [];

  constructor(private readonly index: InvertedIndex) {}

  /**
   * The best `k` slots for `plan` among those with `admit[slot] === 1` (k = Infinity: all of them), ordered by
   * score then `idOf(slot)`.
   */
  rank(plan: QueryPlan, admit: Uint8Array, k: number, idOf: (slot: number) => string): Ranking {
    const index = this.index;
    this.ensureCapacity(index.slotCount);
    const { acc, seen, touched, runs } = this;
    const N = index.liveCount;
    const { k: K, b: B, d: D } = RANKING.bm25;
    const K1 = K + 1;
    const OMB = 1 - B;
    let n = 0;
    for (const spec of groupedBySource(plan)) {
      const stamp = spec.source + 1;
      for (const e of spec.expansions) {
        for (let f = 0; f < FIELD_COUNT; f++) {
          const df = index.df[f][e.term];
          if (df === 0) continue;
          const wf = e.weight * FIELD_BOOST[f];
          const termIdf = idf(N, df);
          const avg = index.avgFieldLength(f);
          const lengths = index.fieldLength[f];
          const count = index.ranges(e.term, f, runs);
          for (let r = 0; r < count; r++) {
            const { docs, tfs, start, end } = runs[r];
            for (let p = start; p < end; p++) {
              const doc = docs[p];
              if (admit[doc] === 0) continue;
              const tf = tfs[p];
              // = termScore(e.weight, FIELD_BOOST[f], termIdf, tf, lengths[doc], avg), inlined.
              acc[doc] += wf * (termIdf * (D + (tf * K1) / (tf + K * (OMB + (B * lengths[doc]) / avg))));
              const was = seen[doc];
              if ((was & 0xffff) !== stamp) {
                if (was === 0) touched[n++] = doc;
                seen[doc] = ((was >>> 16) + 1) * 0x10000 + stamp;
              }
            }
          }
        }
      }
    }
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const doc = touched[i];
      scores[i] = acc[doc] * (seen[doc] >>> 16);
      acc[doc] = 0;
      seen[doc] = 0;
    }
    const order = selectBest(scores, touched, n, k, idOf);
    return { slots: order.map((i) => touched[i]), scores: order.map((i) => scores[i]), total: n };
  }

  private ensureCapacity(slots: number): void {
    if (this.acc.length >= slots) return;
    const size = Math.max(slots, this.acc.length * 2, 1024);
    this.acc = new Float64Array(size);
    this.seen = new Int32Array(size);
    this.touched = new Int32Array(size);
  }
}

/** The plan's specs with those of the same source next to each other (first appearance order, stable). */
export function groupedBySource(plan: QueryPlan): QueryPlan['specs'] {
  return [...plan.specs].sort((a, b) => a.source - b.source);
}

/** Indices into `scores` of the best k, best first: score descending, then id ascending. */
function selectBest(scores: Float64Array, slots: Int32Array, n: number, k: number, idOf: (slot: number) => string): number[] {
  const better = (a: number, b: number): boolean =>
    scores[a] > scores[b] || (scores[a] === scores[b] && idOf(slots[a]) < idOf(slots[b]));
  const byRank = (a: number, b: number): number => (better(a, b) ? -1 : better(b, a) ? 1 : 0);
  if (k >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort(byRank);
  }
  if (k <= 0) return [];
  // A min-heap of the k best so far: its root is the worst of them, the one a better candidate replaces.
  const heap: number[] = [];
  const down = (at: number): void => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < heap.length && better(heap[worst], heap[l])) worst = l;
      if (r < heap.length && better(heap[worst], heap[r])) worst = r;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst], heap[at]];
      at = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!better(heap[parent], heap[at])) break;
        [heap[at], heap[parent]] = [heap[parent], heap[at]];
        at = parent;
      }
    } else if (scores[i] >= scores[heap[0]] && better(i, heap[0])) {
      // (The score test first, inline: most of a query's matches score below the k-th best, and fail it without a call.)
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(byRank);
}
