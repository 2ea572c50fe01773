/**
 * Full-text search over articles: Nashra's own ranking core over the Arabic analyzer's terms.
 *
 * Design (issue 8; measured in bench/search.ts against MiniSearch, FlexSearch and Lucene on SaudiNewsNet):
 * - postings.ts: an inverted index in typed arrays (per term and field: slots and term frequencies), built in
 *   bulk as compressed rows, extended in place by `add`, with exact live statistics under `remove`;
 * - query-plan.ts: a query becomes a few weighted source terms (own words, clitic readings) each expanded to its
 *   prefix completions (last word, while typing) and one-edit spelling variants found by hash lookups;
 * - top-k.ts: term-at-a-time BM25+ into reused typed-array accumulators, filters applied before scoring, the
 *   best k kept by a bounded heap;
 * - rerank.ts runs on the best 20 from each article's content-word ids (rerank-words.ts), snippet.ts on the shown
 *   page only, reading those articles' text through `ArticleTexts` (the store) and finding the best sentence from
 *   the article's sentence table (sentence-table.ts: sentence bounds and a small term filter per sentence, so only
 *   sentences that can win are read): the index holds per article only what ranking, filters, rerank, snippets and
 *   suggestions need (id, title, date, source, addedAt, field lengths, word ids, sentence table), never the bodies;
 * - query plans are memoized per query string until the next add or remove;
 * - persist.ts: a binary snapshot written in slices and loaded by viewing typed arrays.
 *
 * Changes in place: `add` / `remove` are synchronous and cheap (one article's analysis and postings), so a query
 * never sees half an update. Compaction of what `add` appended runs afterwards in slices of ≤ 10 ms of event-loop
 * time and never changes a result (postings.ts). Results, scores and their order are deterministic: ties are
 * broken by id, and a sequence of adds, removes and replaces answers exactly like a fresh build of the result.
 */
import { analyzeTerm, cliticVariants, normalizeArabic, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { loadIndexFile, saveIndexFile, type IndexFileBytes, type IndexSnapshot } from './persist.js';
import { BulkAnalyzer } from './bulk-analyzer.js';
import { copyKey, SameTextCopies } from './copies.js';
import { InvertedIndex, type PostingRange, type PostingsSegment } from './postings.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { FIELD_TITLE } from './ranking.js';
import { RERANK, rerankWith } from './rerank.js';
import { RerankWords, type RerankWordsData } from './rerank-words.js';
import { buildSnippet, buildSnippetWithTable, TermCounter } from './snippet.js';
import { SentenceTable, type SentenceTableData } from './sentence-table.js';
import { Scorer } from './top-k.js';
import type { SearchHit, SearchOptions, SearchResponse } from './types.js';

/**
 * Bumped whenever the analyzer, the indexed fields or the file layout change, so an index saved by an older
 * version is refused by loadFrom (the caller then rebuilds) instead of silently answering with stale terms.
 */
export { INDEX_FILE_FORMAT as INDEX_VERSION } from './persist.js';

/** Discord allows at most 25 autocomplete choices. */
export const MAX_SUGGESTIONS = 25;
const DEFAULT_PAGE_SIZE = 10;
/** Query plans kept (a plan is a few hundred bytes to a few kB: ~1 MB at most). */
const PLAN_CACHE_SIZE = 512;

/** Where the index reads the full text of the few articles it shows or reranks: SQLite store or memory. */
export interface ArticleTexts {
  get(id: string): Article | undefined;
}

/** ArticleTexts over articles held in memory (tests, benchmarks, a corpus loaded whole). */
export function textsOf(articles: Iterable<Article>): ArticleTexts & { set(article: Article): void; delete(id: string): void } {
  const byId = new Map<string, Article>();
  for (const a of articles) byId.set(a.id, a);
  return {
    get: (id) => byId.get(id),
    set: (a) => void byId.set(a.id, a),
    delete: (id) => void byId.delete(id),
  };
}

/** Per-slot article data: what results, filters and suggestions show or compare, nothing more. */
export interface DocTable {
  ids: (string | undefined)[];
  titles: string[];
  dates: (string | null)[];
  sources: (string | null)[];
  addedAt: string[];
  /** Normalized title with punctuation collapsed to single spaces, for whole-title and prefix suggestions. */
  folded: string[];
}

/** Texts for an index that is never searched (another thread's share of a build). */
const NO_TEXTS: ArticleTexts = { get: () => undefined };

/** Another thread's share of a build (ArticleIndex.buildSegment): plain data, posted between threads. */
export interface IndexSegment {
  docs: { ids: string[]; titles: string[]; dates: (string | null)[]; sources: (string | null)[]; addedAt: string[]; folded: string[] };
  postings: PostingsSegment;
  rerankWords: RerankWordsData;
  sentences: SentenceTableData;
}

/** An article with nothing to show (the text the store no longer has). */
const NO_ARTICLE: Article = { id: '', title: '', paragraphs: [], date: null, source: null, url: null, addedAt: '' };

export interface TermStatistics {
  documentCount: number;
  documentFrequency(term: string): number;
}

export class ArticleIndex {
  private readonly index: InvertedIndex;
  private readonly rerankWords: RerankWords;
  private sentences: SentenceTable;
  private readonly docs: DocTable;
  private readonly idToSlot = new Map<string, number>();
  private readonly scorer: Scorer;
  /** Per slot: YYYYMMDD of the date (−1 when undated), and the index of the normalized source in `sourceNames`. */
  private dateKey = new Int32Array(1024);
  private sourceKey = new Int32Array(1024);
  private readonly sourceNames: string[] = [''];
  private readonly sourceIndex = new Map<string, number>([['', 0]]);
  private readonly normalizedSources = new Map<string, string>();
  private admitBuffer = new Uint8Array(0);
  /** Copies of one article under other ids (copies.ts): search and suggestions show the first only (matchingIds all). */
  private readonly copies = new SameTextCopies(
    (a, b) => this.isCopy(a, b),
    (a, b) => this.docs.ids[a]! < this.docs.ids[b]!,
  );
  /** live minus the hidden copies, for a search without filters; rebuilt when either changes (see shown()). */
  private shownMask = new Uint8Array(0);
  /** False after any add or remove (holdCopy, removeSlot): the mask is rebuilt on the next search. */
  private shownFresh = false;
  private newestCache: number[] | null = null;
  /** Slots in order of folded title and of id, for prefix suggestions; built on the first suggestion, then kept. */
  private orders: { titles: PrefixOrder; ids: PrefixOrder } | null = null;
  /**
   * Query plans by query string, for the current state of the dictionary: a plan depends only on the query and on
   * which terms live articles hold, so any add or remove clears it. Bounded, least recently used out first. Why:
   * expansion (clitic readings, one-edit variants, prefix completions) was ~11 % of a search, and the same query
   * string comes back (the next page, autocomplete's full-text tier while typing, a repeated /search).
   */
  private readonly plans = new Map<string, QueryPlan>();
  /** Scratch for matchedTerms, by term id: see markExpansions. */
  private expansionMark = new Int32Array(0);
  /**
   * The same marks as one bit per (term id mod 2^16): 8 kB, so testing a shown article's ~250 terms stays in the
   * first-level cache, and only the few whose bit is set read expansionMark (megabytes, one cache miss each).
   */
  private readonly expansionBits = new Uint32Array(1 << 11);
  /** The analyzer of articles added one by one (insert), while a batch comes in. */
  private scratch: BulkAnalyzer | null = null;
  /** Scratch for the snippets of one search (its bitmaps are reused, not reallocated per search). */
  private readonly snippetCounter = new TermCounter([]);

  private constructor(
    private readonly texts: ArticleTexts,
    index?: InvertedIndex,
    docs?: DocTable,
    rerankWords?: RerankWords,
    sentences?: SentenceTable,
  ) {
    this.index = index ?? new InvertedIndex();
    this.rerankWords = rerankWords ?? new RerankWords();
    this.sentences = sentences ?? new SentenceTable();
    this.docs = docs ?? { ids: [], titles: [], dates: [], sources: [], addedAt: [], folded: [] };
    this.scorer = new Scorer(this.index);
    if (docs) {
      for (let slot = 0; slot < docs.ids.length; slot++) {
        const id = docs.ids[slot];
        if (id !== undefined && this.index.live[slot]) {
          this.idToSlot.set(id, slot);
          this.holdCopy(slot);
        }
        this.setFilterKeys(slot, docs.dates[slot], docs.sources[slot]);
      }
    }
  }

  /** A full build over `articles` (each id once; a repeated id replaces the earlier article). */
  static build(articles: Iterable<Article>, texts: ArticleTexts): ArticleIndex {
    const { built, repeated } = ArticleIndex.bulkPass(articles, texts, true);
    // Rare (a corpus with a repeated id): the later article wins, as `add` would have it.
    for (const a of repeated) built.add(a);
    return built;
  }

  /**
   * Another thread's share of a build (engine/index-segment-worker.ts): the bulk pass over `articles`, handed
   * back before its layout, for buildWithSegment. Throws on a repeated id (a segment has no `add`).
   */
  static buildSegment(articles: Iterable<Article>): IndexSegment {
    const { built, repeated } = ArticleIndex.bulkPass(articles, NO_TEXTS, true, false);
    if (repeated.length) throw new Error(`article ${repeated[0].id} is listed twice`);
    const slots = built.docs.ids.length;
    const { docs } = built;
    return {
      docs: { ids: docs.ids as string[], titles: docs.titles, dates: docs.dates, sources: docs.sources, addedAt: docs.addedAt, folded: docs.folded },
      postings: built.index.takeSegment(),
      rerankWords: built.rerankWords.snapshot(slots),
      sentences: built.sentences.snapshot(slots),
    };
  }

  /**
   * `build` over `articles` followed by `rest`, the share of `rest` made meanwhile by another thread as a segment
   * (buildSegment): on two cores a build from the store takes about the time of the larger share plus the
   * merge, not of both. When `segment` fails or holds an id of `articles`, `rest` is read and built here
   * instead, and `onFallback` says why. Answers exactly like `build` over both (tests/search-core.test.ts).
   */
  static async buildWithSegment(
    articles: Iterable<Article>,
    texts: ArticleTexts,
    segment: Promise<IndexSegment>,
    rest: () => Iterable<Article>,
    onFallback: (why: string) => void = () => {},
  ): Promise<ArticleIndex> {
    // Settled before the synchronous pass runs, so a worker failing meanwhile is not an unhandled rejection.
    const made = segment.then(
      (part) => ({ part, error: null }),
      (error: unknown) => ({ part: null, error }),
    );
    const { built, repeated, analyzer } = ArticleIndex.bulkPass(articles, texts, true, false);
    const { part, error } = await made;
    const clash = part?.docs.ids.find((id) => built.idToSlot.has(id));
    if (part && clash === undefined) {
      const offset = built.index.appendSegment(part.postings);
      const slots = part.postings.slotCount;
      built.rerankWords.appendSegment(part.rerankWords, offset, slots);
      built.sentences.appendSegment(part.sentences, offset, slots);
      const { ids, titles, dates, sources, addedAt, folded } = part.docs;
      for (let s = 0; s < slots; s++) {
        built.describe(offset + s, { id: ids[s], title: titles[s], date: dates[s], source: sources[s], addedAt: addedAt[s] }, folded[s]);
      }
    } else {
      onFallback(error ? `the other thread's share failed (${(error as Error).message})` : `the other thread's share holds article ${clash} too`);
      for (const a of rest()) {
        if (built.idToSlot.has(a.id)) repeated.push(a);
        else built.insertScanned(a, analyzer, true);
      }
    }
    built.endBulk();
    for (const a of repeated) built.add(a);
    return built;
  }

  /**
   * The bulk pass of a build: every article inserted once, in order; ids seen again are handed back. Laid out
   * (endBulk) unless `end` is false. The build-time token table (bulk-analyzer.ts) goes with the pass: ~25 MB that
   * single adds do not need.
   */
  private static bulkPass(
    articles: Iterable<Article>,
    texts: ArticleTexts,
    withSentences: boolean,
    end = true,
  ): { built: ArticleIndex; repeated: Article[]; analyzer: BulkAnalyzer } {
    const built = new ArticleIndex(texts);
    built.index.beginBulk();
    const analyzer = new BulkAnalyzer(built.index, built.rerankWords);
    const repeated: Article[] = [];
    for (const a of articles) {
      if (built.idToSlot.has(a.id)) repeated.push(a);
      else built.insertScanned(a, analyzer, withSentences);
    }
    if (end) built.endBulk();
    return { built, repeated, analyzer };
  }

  /** Lay out what the bulk pass collected. */
  private endBulk(): void {
    this.index.endBulk();
    this.sentences.trim();
  }

  /** Insert `article`, or replace the article with its id. The index answers with it as soon as this returns. */
  add(article: Article): void {
    this.removeSlot(article.id);
    this.insert(article);
    if (this.index.needsCompaction()) void this.index.compact();
  }

  /** Take the article out; false when there was none with this id. */
  remove(id: string): boolean {
    if (!this.removeSlot(id)) return false;
    if (this.index.needsCompaction()) void this.index.compact();
    return true;
  }

  /**
   * Whether `id` is a copy search hides behind another (copies.ts); for the quotation search, so that a copy's
   * quotations are not listed twice. Cheap: false at once while the index holds no copy.
   */
  isHiddenCopy(id: string): boolean {
    if (this.copies.hiddenCount === 0) return false;
    const slot = this.idToSlot.get(id);
    return slot !== undefined && this.copies.isHidden(slot);
  }

  has(id: string): boolean {
    return this.idToSlot.has(id);
  }

  get size(): number {
    return this.index.liveCount;
  }

  /** Resolves once no background compaction is running (tests, benchmarks, and saveTo before it writes). */
  settled(): Promise<void> {
    return this.index.idle();
  }

  /**
   * Merge what `add` appended into the compact layout and drop removed articles' postings, in slices of ≤ 10 ms with
   * the event loop free in between. Runs by itself after enough changes; never changes a result.
   */
  compact(): Promise<void> {
    return this.index.compact();
  }

  /**
   * The first-stage ranking alone (before the 4-gram rerank): the best `k` ids with their scores, and the number of
   * matches. For tests (tests/support/plain-bm25.ts states the same ranking plainly) and diagnostics.
   */
  firstStage(query: string, k: number, filters: Pick<SearchOptions, 'from' | 'to' | 'source'> = {}): { ids: string[]; scores: number[]; total: number } {
    const best = this.scorer.rank(this.plan(query), this.admit(filters), k, this.idOf);
    return { ids: best.slots.map(this.idOf), scores: best.scores, total: best.total };
  }

  /**
   * Ranked articles for `query`. `total` counts every match that passes the filters; `results` is the page
   * [offset, offset + limit), each with a snippet. A query made only of stopwords matches nothing.
   */
  search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = wholeNumber(options.limit, DEFAULT_PAGE_SIZE);
    const offset = wholeNumber(options.offset, 0);
    const plan = this.plan(query);
    const ranked = this.rank(query, plan, this.admit(options), offset + limit, offset < RERANK.depth && limit > 0);
    const results: SearchHit[] = [];
    const page = ranked.hits.slice(offset, offset + limit);
    const marked = page.length ? this.markExpansions(plan) : null;
    // One substring counter for the page's snippets (reset to this search's marked terms when first needed),
    // restricted to each article's matched terms.
    let counter: TermCounter | null = null;
    const counterOf = (matched: ReadonlySet<string>) => (counter ??= this.snippetCounter.reset(marked!)).only(matched);
    for (const r of page) {
      const id = this.docs.ids[r.slot]!;
      const article = this.texts.get(id);
      // The store may have lost the text (changed under us): the title still gives a snippet.
      const text: Article = article ?? this.titleOnly(r.slot);
      results.push({
        id,
        title: this.docs.titles[r.slot],
        date: this.docs.dates[r.slot],
        source: this.docs.sources[r.slot],
        score: Math.round(r.score * 1000) / 1000,
        snippet: this.snippet(r.slot, text, this.matchedTerms(marked!, r.slot), counterOf),
      });
    }
    if (marked) this.unmarkExpansions(plan);
    return { query, total: ranked.total, results };
  }

  /**
   * Ids of every article matching `query` and the filters, best first, without snippets: for callers that need the
   * whole match set (a digest narrowed by a query, a briefing's words to exclude) rather than a page to show.
   * Copies are listed too: those callers select among given articles, and a copy must go where its twin goes.
   */
  matchingIds(query: string, filters: Pick<SearchOptions, 'from' | 'to' | 'source'> = {}): string[] {
    const plan = this.plan(query);
    return this.rank(query, plan, this.admit(filters, true), Infinity, true).hits.map((h) => this.docs.ids[h.slot]!);
  }

  /**
   * Article choices for autocomplete. Ranked: whole title equal to the input, then titles (or ids) starting with
   * it, then titles containing all its words (the last as a prefix), then any article the full-text search finds;
   * within a tier, newest first. Spelling variants are tolerated because both sides are normalized and stemmed:
   * «امريكا» = «أمريكا», «بوريطه» = «بوريطة», «والمغرب» = «المغرب», harakat and tatweel ignored. Empty input: the
   * newest articles. Never more than min(limit, 25).
   */
  suggestTitles(prefix: string, limit = MAX_SUGGESTIONS): { id: string; title: string }[] {
    const n = Math.min(MAX_SUGGESTIONS, wholeNumber(limit, MAX_SUGGESTIONS));
    const input = prefix.trim();
    if (n === 0) return [];
    if (!input) return this.newest(n).map((slot) => this.choice(slot));

    const { folded } = this.docs;
    const live = this.shown();
    const foldedInput = foldTitle(input);
    const words = queryWordReadings(input);
    const partialLast = /[\p{L}\p{M}\p{N}]$/u.test(input) && analyzeTerm(tokenize(input).at(-1) ?? '') !== null;
    const tiers: number[][] = [[], [], []];
    const tiered = new Set<number>();
    // Titles (folded) and ids starting with the input: one range each of the sorted orders, not a scan.
    const order = this.prefixOrders();
    if (foldedInput) {
      order.titles.forEachWithPrefix(foldedInput, (slot) => {
        if (!live[slot] || tiered.has(slot)) return;
        tiers[folded[slot] === foldedInput ? 0 : 1].push(slot);
        tiered.add(slot);
      });
    }
    order.ids.forEachWithPrefix(input, (slot) => {
      if (!live[slot] || tiered.has(slot)) return;
      tiers[1].push(slot);
      tiered.add(slot);
    });
    if (words.length) for (const slot of this.titlesWithAllWords(words, partialLast)) if (!tiered.has(slot)) tiers[2].push(slot);
    const picked: number[] = [];
    const pickedSet = new Set<number>();
    for (const tier of tiers) {
      for (const slot of tier.sort(this.newestFirst)) {
        if (picked.length >= n) break;
        picked.push(slot);
        pickedSet.add(slot);
      }
    }
    if (picked.length < n && words.length) {
      const plan = this.plan(input);
      const best = this.scorer.rank(plan, live, n + picked.length, this.idOf);
      for (const slot of best.slots) {
        if (picked.length >= n) break;
        if (!pickedSet.has(slot)) (picked.push(slot), pickedSet.add(slot));
      }
    }
    return picked.map((slot) => this.choice(slot));
  }

  /** Live statistics over the analyzer's terms (title ∪ body), e.g. for digests' word rarity. */
  termStatistics(): TermStatistics {
    const index = this.index;
    return {
      get documentCount() {
        return index.liveCount;
      },
      documentFrequency(term: string): number {
        const id = index.termId(term);
        return id === undefined ? 0 : index.dfAny[id];
      },
    };
  }

  /** Forget the memoized query plans (benchmarks: the latency of a query string the index has not seen). */
  forgetPlans(): void {
    this.plans.clear();
  }

  /**
   * Write a point-in-time snapshot to `file` with the caller's `meta` (small JSON), atomically (temporary file,
   * then rename). The snapshot is taken synchronously in a few milliseconds; encoding and writing then run in
   * slices that leave the event loop free, while the index keeps changing.
   */
  async saveTo(file: string, meta: Record<string, unknown>): Promise<void> {
    await this.settled();
    await saveIndexFile(file, this.snapshot(), meta);
  }

  /** Load a snapshot written by saveTo. Throws when the file is damaged, truncated or of another INDEX_VERSION. */
  static async loadFrom(file: string, texts: ArticleTexts, bytes?: Promise<IndexFileBytes>): Promise<{ index: ArticleIndex; meta: Record<string, unknown> }> {
    const { index, docs, rerankWords, sentences, meta } = await loadIndexFile(file, bytes);
    return { index: new ArticleIndex(texts, index, docs, rerankWords, sentences), meta };
  }

  // ---- internals

  /** planQuery(query, index), memoized (see `plans`). Plans are never mutated by their users. */
  private plan(query: string): QueryPlan {
    const cached = this.plans.get(query);
    if (cached) {
      // Most recently used last: re-insert.
      this.plans.delete(query);
      this.plans.set(query, cached);
      return cached;
    }
    const plan = planQuery(query, this.index);
    if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(query, plan);
    return plan;
  }

  private snapshot(): IndexSnapshot {
    const slots = this.index.slotCount;
    const { docs } = this;
    return {
      postings: this.index.snapshotPostings(),
      rerankWords: this.rerankWords.snapshot(slots),
      sentences: this.sentences.snapshot(slots),
      sortedTerms: this.index.sortedTermsCopy(),
      termIdOf: (term) => this.index.termId(term),
      live: this.index.live.slice(0, slots),
      slotCount: slots,
      docs: {
        ids: docs.ids.slice(0, slots),
        titles: docs.titles.slice(0, slots),
        dates: docs.dates.slice(0, slots),
        sources: docs.sources.slice(0, slots),
        addedAt: docs.addedAt.slice(0, slots),
        folded: docs.folded.slice(0, slots),
      },
    };
  }

  /**
   * The ranking for `query`: the core's best `k` (at least the rerank depth), the first RERANK.depth of them
   * reordered by character 4-gram overlap with the query (rerank.ts, from the words kept in RerankWords) when
   * `rerank` (they are not when the page shown lies below them).
   */
  private rank(query: string, plan: QueryPlan, admit: Uint8Array, k: number, rerank: boolean): { hits: { slot: number; score: number }[]; total: number } {
    const best = this.scorer.rank(plan, admit, Math.max(k, RERANK.depth), this.idOf);
    let hits = best.slots.map((slot, i) => ({ slot, score: best.scores[i] }));
    if (rerank) hits = rerankWith(query, hits, (h, table) => this.rerankWords.gramsPresent(h.slot, table));
    return { hits, total: best.total };
  }

  /**
   * Marks the plan's expansion terms in `expansionMark` (term id → 1 + index of its text in the list returned) for
   * matchedTerms; unmarkExpansions clears them again, so the scratch array is all zeros between searches.
   */
  private markExpansions(plan: QueryPlan): string[] {
    if (this.expansionMark.length < this.index.termCount) this.expansionMark = new Int32Array(Math.max(1024, this.index.termCount * 2));
    const marks = this.expansionMark;
    const texts: string[] = [];
    for (const spec of plan.specs) {
      for (const e of spec.expansions) {
        if (marks[e.term] === 0) marks[e.term] = texts.push(e.text);
        this.expansionBits[(e.term >>> 5) & 0x7ff] |= 1 << (e.term & 31);
      }
    }
    return texts;
  }

  private unmarkExpansions(plan: QueryPlan): void {
    for (const spec of plan.specs) {
      for (const e of spec.expansions) {
        this.expansionMark[e.term] = 0;
        this.expansionBits[(e.term >>> 5) & 0x7ff] = 0;
      }
    }
  }

  /**
   * The index terms (expansions included) this article matched: what its snippet marks. From the article's forward
   * entries (its ~250 distinct terms) against the marked expansions, rather than a posting-list search per expansion
   * and field (fuzzy expansion makes tens of them).
   */
  private matchedTerms(texts: string[], slot: number): Set<string> {
    const terms = new Set<string>();
    const marks = this.expansionMark;
    const bits = this.expansionBits;
    this.index.forEachTermOf(slot, (term) => {
      if ((bits[(term >>> 5) & 0x7ff] & (1 << (term & 31))) === 0) return;
      const m = term < marks.length ? marks[term] : 0;
      if (m !== 0) terms.add(texts[m - 1]);
    });
    return terms;
  }

  /** The snippet of the article in `slot`: from its sentence table when the text is the one indexed, else from the text. */
  private snippet(slot: number, article: Article, matched: ReadonlySet<string>, counterOf: (matched: ReadonlySet<string>) => TermCounter): string {
    const sentences = this.sentences.sentencesOf(slot, article);
    return sentences ? buildSnippetWithTable(article, matched, sentences, counterOf) : buildSnippet(article, matched);
  }

  /**
   * Slots a search may return: live, and passing the date and source filters; hidden copies too with `withCopies`
   * (matchingIds: a briefing selects among the period's articles by id, and a copy that arrived today must be
   * excluded, or kept, with the article it copies).
   */
  private admit(options: Pick<SearchOptions, 'from' | 'to' | 'source'>, withCopies = false): Uint8Array {
    const { from, to } = options;
    const source = options.source?.trim() ? normalizeArabic(options.source.trim()) : null;
    const live = withCopies ? this.index.live : this.shown();
    if (!from && !to && !source) return live;
    const slots = this.index.slotCount;
    if (this.admitBuffer.length < live.length) this.admitBuffer = new Uint8Array(live.length);
    const admit = this.admitBuffer;
    admit.fill(0);
    // Date bounds are inclusive; YYYY-MM-DD strings compare in calendar order, as do their YYYYMMDD numbers.
    // Undated articles cannot be placed in a range, so a bound excludes them.
    const lo = from ? dateNumber(from) : -Infinity;
    const hi = to ? dateNumber(to) : Infinity;
    // A bound that is not YYYY-MM-DD (the Engine refuses those) is compared as a string, as it always was.
    const asStrings = lo === undefined || hi === undefined;
    const sourceOk = this.sourceNames.map((name) => source === null || (name !== '' && name.includes(source)));
    const { dates } = this.docs;
    for (let slot = 0; slot < slots; slot++) {
      if (!live[slot] || !sourceOk[this.sourceKey[slot]]) continue;
      if (from || to) {
        const date = dates[slot];
        if (!date) continue;
        if (asStrings) {
          if ((from && date < from) || (to && date > to)) continue;
        } else {
          const key = this.dateKey[slot];
          if (key < lo! || key > hi!) continue;
        }
      }
      admit[slot] = 1;
    }
    return admit;
  }

  /**
   * One article added after the build: the build's one-scan analyzer (about 3× faster than analyzing the fields,
   * the rerank words and the sentences apart: 1.8 against 5.4 ms for SaudiNewsNet's largest articles), kept
   * while articles keep coming and let go by releaseScratch (its token table is ~6 MB and grows with the
   * vocabulary of what it scanned).
   */
  private insert(a: Article): void {
    this.scratch ??= new BulkAnalyzer(this.index, this.rerankWords);
    this.insertScanned(a, this.scratch, true);
  }

  /** Let go of the analyzer kept for articles added one by one (the engine calls this once a batch is in). */
  releaseScratch(): void {
    this.scratch = null;
  }

  /** insert, from one scan of the article by the build's analyzer (the same postings, words and sentences). */
  private insertScanned(a: Article, analyzer: BulkAnalyzer, withSentences: boolean): void {
    const scan = analyzer.analyzeArticle(a, withSentences);
    const slot = this.index.addDocument([scan.title, scan.body]);
    this.rerankWords.addWordIds(slot, scan.rerankWords.ids, scan.rerankWords.count);
    if (withSentences) this.sentences.addDocument(slot, a, scan.tokens);
    this.describe(slot, a);
  }

  /** The slot's stored fields, filter keys and orders. */
  private describe(slot: number, a: Pick<Article, 'id' | 'title' | 'date' | 'source' | 'addedAt'>, folded = foldTitle(a.title)): void {
    const { docs } = this;
    docs.ids[slot] = a.id;
    docs.titles[slot] = a.title;
    docs.dates[slot] = a.date;
    docs.sources[slot] = a.source;
    docs.addedAt[slot] = a.addedAt;
    docs.folded[slot] = folded;
    this.idToSlot.set(a.id, slot);
    this.holdCopy(slot);
    this.setFilterKeys(slot, a.date, a.source);
    this.newestCache = null;
    this.plans.clear();
    if (this.orders) (this.orders.titles.insert(slot), this.orders.ids.insert(slot));
  }

  private removeSlot(id: string): boolean {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return false;
    this.idToSlot.delete(id);
    this.copies.remove(slot);
    this.shownFresh = false;
    this.index.removeDocument(slot);
    this.plans.clear();
    if (this.orders) (this.orders.titles.delete(slot), this.orders.ids.delete(slot));
    // The slot's strings are not needed any more; the small typed-array entries stay until the next reload.
    const { docs } = this;
    docs.ids[slot] = undefined;
    docs.titles[slot] = docs.folded[slot] = docs.addedAt[slot] = '';
    docs.dates[slot] = docs.sources[slot] = null;
    this.newestCache = null;
    return true;
  }



  /** Register the slot (described, its text in the sentence table) with the copies. */
  private holdCopy(slot: number): void {
    this.shownFresh = false;
    this.copies.add(slot, copyKey(this.docs.sources[slot], this.docs.titles[slot], this.sentences.textHashOf(slot)));
  }

  private isCopy(a: number, b: number): boolean {
    const { titles, sources } = this.docs;
    return titles[a] === titles[b] && sources[a] === sources[b] && this.sentences.textHashOf(a) === this.sentences.textHashOf(b);
  }

  /** Slots a search may show: live, and not a copy of one shown (`live` itself while there is no copy). */
  private shown(): Uint8Array {
    const live = this.index.live;
    if (this.copies.hiddenCount === 0) return live;
    if (!this.shownFresh || this.shownMask.length !== live.length) {
      if (this.shownMask.length !== live.length) this.shownMask = new Uint8Array(live.length);
      const mask = this.shownMask;
      for (let slot = 0; slot < live.length; slot++) mask[slot] = live[slot] & (this.copies.isHidden(slot) ? 0 : 1);
      this.shownFresh = true;
    }
    return this.shownMask;
  }

  private setFilterKeys(slot: number, date: string | null, source: string | null): void {
    if (slot >= this.dateKey.length) {
      const size = Math.max(slot + 1, this.dateKey.length * 2);
      const grow = (a: Int32Array) => {
        const next = new Int32Array(size);
        next.set(a);
        return next;
      };
      this.dateKey = grow(this.dateKey);
      this.sourceKey = grow(this.sourceKey);
    }
    this.dateKey[slot] = date ? (dateNumber(date) ?? -1) : -1;
    // Outlets are few: normalize each raw spelling once.
    let name = source ? this.normalizedSources.get(source) : '';
    if (name === undefined) this.normalizedSources.set(source!, (name = normalizeArabic(source!)));
    let key = this.sourceIndex.get(name);
    if (key === undefined) {
      key = this.sourceNames.length;
      this.sourceNames.push(name);
      this.sourceIndex.set(name, key);
    }
    this.sourceKey[slot] = key;
  }

  /** Slots of live articles whose title holds a reading of every word (the last one as a prefix when typing). */
  private titlesWithAllWords(words: string[][], partialLast: boolean): number[] {
    const matched = new Map<number, number>();
    const runs: PostingRange[] = [];
    const shown = this.shown();
    for (let w = 0; w < words.length; w++) {
      const terms = new Set<number>();
      for (const reading of words[w]) {
        if (partialLast && w === words.length - 1) for (const id of this.index.termsWithPrefix(reading)) terms.add(id);
        else {
          const id = this.index.termId(reading);
          if (id !== undefined) terms.add(id);
        }
      }
      for (const term of terms) {
        const count = this.index.ranges(term, FIELD_TITLE, runs);
        for (let r = 0; r < count; r++) {
          const { docs, start, end } = runs[r];
          for (let p = start; p < end; p++) {
            const slot = docs[p];
            if (shown[slot] && (matched.get(slot) ?? 0) === w) matched.set(slot, w + 1);
          }
        }
      }
    }
    const out: number[] = [];
    for (const [slot, count] of matched) if (count === words.length) out.push(slot);
    return out;
  }

  private prefixOrders(): { titles: PrefixOrder; ids: PrefixOrder } {
    if (!this.orders) {
      const live: number[] = [];
      for (let slot = 0; slot < this.index.slotCount; slot++) if (this.index.live[slot]) live.push(slot);
      const { docs } = this;
      this.orders = { titles: new PrefixOrder((slot) => docs.folded[slot], live.slice()), ids: new PrefixOrder((slot) => docs.ids[slot]!, live) };
    }
    return this.orders;
  }

  /** The `n` newest live slots (date, then time added, then id). */
  private newest(n: number): number[] {
    if (!this.newestCache || this.newestCache.length < Math.min(n, this.size)) {
      const best: number[] = [];
      const shown = this.shown();
      for (let slot = 0; slot < this.index.slotCount; slot++) {
        if (!shown[slot]) continue;
        if (best.length === MAX_SUGGESTIONS && this.newestFirst(slot, best[best.length - 1]) >= 0) continue;
        let at = best.length;
        while (at > 0 && this.newestFirst(slot, best[at - 1]) < 0) at--;
        best.splice(at, 0, slot);
        if (best.length > MAX_SUGGESTIONS) best.pop();
      }
      this.newestCache = best;
    }
    return this.newestCache.slice(0, n);
  }

  private readonly newestFirst = (a: number, b: number): number => {
    const { dates, addedAt, ids } = this.docs;
    const byDate = (dates[b] ?? '').localeCompare(dates[a] ?? '');
    if (byDate !== 0) return byDate;
    const byAdded = addedAt[b].localeCompare(addedAt[a]);
    if (byAdded !== 0) return byAdded;
    return ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0;
  };

  private readonly idOf = (slot: number): string => this.docs.ids[slot]!;

  private choice(slot: number): { id: string; title: string } {
    return { id: this.docs.ids[slot]!, title: this.docs.titles[slot] };
  }

  private titleOnly(slot: number): Article {
    const { ids, titles, dates, sources, addedAt } = this.docs;
    return { id: ids[slot]!, title: titles[slot], date: dates[slot], source: sources[slot], url: null, paragraphs: [], addedAt: addedAt[slot] };
  }
}

/**
 * Live slots sorted by a string key (folded title, id) then slot: the slots whose key starts with a prefix form one
 * range, found by binary search. Kept in order by `insert` / `delete` (a binary search and one array splice: ~30k
 * numbers moved, microseconds), so autocomplete never scans every title.
 */
class PrefixOrder {
  private readonly slots: number[];
  constructor(
    private readonly key: (slot: number) => string,
    slots: number[],
  ) {
    this.slots = slots.sort((a, b) => this.compare(a, b));
  }

  forEachWithPrefix(prefix: string, visit: (slot: number) => void): void {
    const { slots, key } = this;
    let lo = 0;
    let hi = slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(slots[mid]) < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < slots.length && key(slots[i]).startsWith(prefix); i++) visit(slots[i]);
  }

  /** Call after the slot's key is set. */
  insert(slot: number): void {
    this.slots.splice(this.position(slot), 0, slot);
  }

  /** Call before the slot's key is cleared. */
  delete(slot: number): void {
    const at = this.position(slot);
    if (this.slots[at] === slot) this.slots.splice(at, 1);
  }

  private position(slot: number): number {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.slots[mid], slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compare(a: number, b: number): number {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  }
}

function foldTitle(text: string): string {
  return normalizeArabic(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** YYYYMMDD for a YYYY-MM-DD string, undefined for anything else. */
function dateNumber(date: string): number | undefined {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return undefined;
  const n = Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  return Number.isInteger(n) && /^\d{4}-\d{2}-\d{2}$/.test(date) ? n : undefined;
}

/**
 * For each meaningful word of `input`, the index terms it may stand for: its own term, then its de-cliticized
 * readings («بمراكش» → «بمراكش», «مراكش»), as search reads them.
 */
function queryWordReadings(input: string): string[][] {
  const readings: string[][] = [];
  for (const token of tokenize(input)) {
    const own = analyzeTerm(token);
    if (!own) continue;
    const variants = cliticVariants(token).map((v) => analyzeTerm(v)).filter((t): t is string => t !== null);
    readings.push([own, ...variants]);
  }
  return readings;
}

/** A non-negative integer from an optional option, or the fallback when absent or not a finite number. */
function wholeNumber(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(0, Math.floor(value));
}
