/**
 * The postings appended to one field after its base block was laid out (articles added since the last bulk build,
 * reload or compaction), for every term, in one pool of two typed arrays.
 *
 * Why a pool: a Map of one small object and two typed arrays per term cost ~480 bytes of heap per term with a tail
 * — 13 MiB after 1,000 new articles (27k terms with a tail) against the 1 MiB their postings fill — and gave the
 * garbage collector 80k more objects to trace. Here a term's tail is a run [start, start + length) of the pool with
 * room for `capacity` postings; a full run grows in place when it is the last one in the pool, else moves to the
 * end with twice the room (the hole it leaves is reclaimed by the next compaction, which empties the pool). Moves
 * at most double the pool, and a term's postings stay sorted by slot as they always arrive in slot order.
 *
 * Snapshots (TailView) copy the per-term start and length arrays and keep the pool arrays as they are: nothing is
 * ever written inside a run's first `length` postings once written, and the pool only grows by reallocation, so a
 * snapshot stays valid while the live pool goes on.
 */
export class TailPool implements TailView {
  /** Per term id: where its run starts in the pool; its postings; its room. Zero length: no tail. Read-only outside. */
  start = new Int32Array(0);
  length = new Int32Array(0);
  private capacity = new Int32Array(0);
  docs = new Int32Array(0);
  tfs = new Uint16Array(0);
  /** Pool positions used, holes included. */
  private used = 0;
  /** Postings held and terms with a tail. */
  postings = 0;
  terms = 0;

  append(term: number, slot: number, tf: number): void {
    if (term >= this.length.length) this.growTerms(term + 1);
    let at = this.start[term];
    const n = this.length[term];
    if (n === this.capacity[term]) {
      const room = n === 0 ? 2 : n * 2;
      if (n > 0 && at + n === this.used) {
        // The last run in the pool: it grows in place.
        this.reserve(room - n);
      } else {
        const to = this.reserve(room);
        if (n > 0) {
          this.docs.copyWithin(to, at, at + n);
          this.tfs.copyWithin(to, at, at + n);
        } else {
          this.terms++;
        }
        this.start[term] = at = to;
      }
      this.capacity[term] = room;
    }
    this.docs[at + n] = slot;
    this.tfs[at + n] = tf;
    this.length[term] = n + 1;
    this.postings++;
  }

  /** A point-in-time copy of the run table over terms [0, termCount); the pool arrays are shared (see above). */
  view(termCount: number): TailView {
    const terms = Math.min(termCount, this.length.length);
    return {
      start: this.start.slice(0, terms),
      length: this.length.slice(0, terms),
      docs: this.docs,
      tfs: this.tfs,
      postings: this.postings,
      terms: this.terms,
    };
  }

  /** Positions [from, from + n) of the pool made free for use; returns `from`. */
  private reserve(n: number): number {
    const from = this.used;
    if (from + n > this.docs.length) {
      const size = Math.max(from + n, this.docs.length * 2, 1024);
      this.docs = resized(this.docs, size);
      this.tfs = resized(this.tfs, size);
    }
    this.used = from + n;
    return from;
  }

  private growTerms(needed: number): void {
    let size = Math.max(1024, this.length.length);
    while (size < needed) size *= 2;
    this.start = resized(this.start, size);
    this.length = resized(this.length, size);
    this.capacity = resized(this.capacity, size);
  }
}

/** A tail pool as it was when viewed: what persistence and compaction read while the live pool goes on. */
export interface TailView {
  start: Int32Array;
  length: Int32Array;
  docs: Int32Array;
  tfs: Uint16Array;
  postings: number;
  terms: number;
}

/** How many postings `term` has in the tails (0: none); they are docs/tfs[start[term], start[term] + that). */
export function tailLength(tails: TailView, term: number): number {
  return term < tails.length.length ? tails.length[term] : 0;
}

function resized<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  return next;
}
