/**
 * The Nashra engine: one corpus folder, kept as a live corpus. The CLI and the bot are thin shells around it.
 *
 * Data flows one way: the folder (source of truth) → the article store (parsed once, with quotations, and a journal
 * of changes; src/store/articles.ts) → the search index and the quotation index, which are derived and brought up
 * to date by replaying the journal. Start-up is: open the store, load the saved index snapshot, replay what the
 * journal has after it, then compare the folder with the store (stats only) and parse just what is new or changed.
 * A kill -9 at any moment loses nothing: each batch of files is one store transaction, the index is only ever
 * rebuilt from the store, and applying a journal entry twice is harmless (insert-or-replace by id).
 *
 * Article bodies are not held on the heap: the indexes keep what ranking and listing need, and the few articles a
 * reply shows are read from the store.
 */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { warmNfkcTable } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { listArticleFileNames, listArticleFiles } from '../corpus/files.js';
import { buildDigest, compareAdded, selectArticles } from '../digest/digest.js';
import { FORMULA_MIN_DAYS, type FormulaStatistics } from '../digest/formulas.js';
import { analyzeArticle } from '../digest/vectors.js';
import type { Digest } from '../digest/types.js';
import type { Quote } from '../quotes/quote.js';
import { QuoteIndex, type QuoteQuery } from '../quotes/quote-index.js';
import { ArticleIndex, type ArticleTexts } from '../search/article-index.js';
import type { SearchOptions, SearchResponse } from '../search/types.js';
import { readIndexFile, type IndexFileBytes } from '../search/persist.js';
import { ANALYSIS_VERSION } from './analyze-file.js';
import { DATABASE_FILE, openStore, type ArticleStore, type Store } from '../store/index.js';
import { buildIndexFromStore } from './index-build.js';
import { parseDay } from './dates.js';
import { MAX_QUERY_LENGTH, NashraError } from './errors.js';
import { DigestPool } from './digest-pool.js';
import { FormulaCounts, shingleKeysOf } from './formula-counts.js';
import { createFileAnalyzer, type FileAnalyzer } from './parse-pool.js';
import { CorpusSync, type SyncReport } from './sync.js';
import { watchFolder, type FolderWatcher } from './watch.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {} };

export interface EngineOptions {
  corpusDir: string;
  /** Where the store and the index snapshot live; without it, an in-memory store for this run only. */
  dataDir?: string;
  log?: Logger;
  /**
   * Follow the folder while running (the bot): files added, changed or removed are ingested as they appear.
   * Watching starts before the first comparison of the folder, so a file added during start-up is not missed.
   */
  watch?: boolean | { debounceMs?: number; rescanMs?: number };
  /** Called after the corpus changed (articles added, changed or removed) and the indexes caught up. */
  onChange?: (report: SyncReport) => void;
  /** How files are parsed (default: worker threads when running compiled code). */
  analyzer?: FileAnalyzer;
  /**
   * The clock that says when an article was first seen (tests share one with the briefing service, which selects
   * a period's articles by that time).
   */
  clock?: () => Date;
  /** At most this many articles, the latest of the period, make a digest (default MAX_DIGEST_ARTICLES). */
  maxDigestArticles?: number;
  /** From this many articles a build from the store is split with a worker thread (index-build.ts). */
  parallelBuildFrom?: number;
}

export interface EngineStats {
  articleCount: number;
  quoteCount: number;
  /** When the index last changed (ISO), possibly in an earlier run when it came from the saved snapshot. */
  indexedAt: string;
  /** True when the index came from the saved snapshot rather than being built at this start. */
  indexFromCache: boolean;
  /** Changes whenever the corpus does: the store's identity and journal position. */
  fingerprint: string;
  warnings: string[];
}

/** The saved index is brought up to date by replaying the journal; past this many entries a new one is written. */
export const SNAPSHOT_AFTER_CHANGES = 200;
/** Journal entries are kept this long after a snapshot covers them: another process may still be catching up. */
const JOURNAL_RETENTION_MS = 24 * 3600_000;
/**
 * Longest stretch of index work between two yields to the event loop. Short: one article can take ~10 ms more to
 * index past the check, and an interaction waiting behind the slice must still be answered well inside 50 ms.
 */
const SLICE_MS = 8;
/** How long the index keeps its analyzer for added articles after the last batch (releaseScratchWhenIdle). */
const SCRATCH_IDLE_MS = 10_000;
const SNAPSHOT_FILE = 'search-index.snapshot';
const CORPUS_DIR_KEY = 'corpus_dir';
/** Digest context (see digestContext): for selections up to this size, this many search hits per headline. */
const DIGEST_CONTEXT_MAX_SELECTION = 100;
const DIGEST_CONTEXT_PER_ARTICLE = 5;
/**
 * A digest reads at most this many articles, the latest of its period: a day of a large newsroom (~2,000) fits,
 * while `since: all` over a 30k archive would keep a worker busy for minutes and hold a gigabyte for a briefing no
 * one can read. What is left out is counted in the digest and said in its header.
 */
export const MAX_DIGEST_ARTICLES = 3_000;

export class Engine {
  private readonly log: Logger;
  private readonly dataDir: string | null;
  private readonly store: Store;
  private readonly articles_: ArticleStore;
  private readonly analyzer: FileAnalyzer;
  private readonly texts: StoreTexts;
  private readonly sync: CorpusSync;
  private index!: ArticleIndex;
  /** The last journal entry the search index reflects. */
  private indexSeq = 0;
  /** The journal position of the snapshot on disk (0: none). */
  private snapshotSeq = 0;
  private indexFromSnapshot = false;
  private indexedAt = new Date().toISOString();
  private quoteIndex: QuoteIndex | null = null;
  /** A quotation index being built by warmQuotes, and the last article id it has read. */
  private quoteBuild: { index: QuoteIndex; after: string | null } | null = null;
  private quoteCount = 0;
  private warnings: string[] = [];
  private catchingUp: Promise<boolean> | null = null;
  private scratchTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private watcher: FolderWatcher | null = null;
  /** Resolved once start() is done (succeeded or not): the watcher's changes wait for it. */
  private markStartedUp!: () => void;
  private readonly startedUp = new Promise<void>((resolve) => (this.markStartedUp = resolve));
  private digests: DigestPool | null = null;
  /**
   * The outlets' formula statistics over the stored corpus (formula-counts.ts) when there is no digest worker to hold
   * them (no data folder, or the TypeScript sources run by tests); counted at the first digest or warm-up.
   */
  private readonly formulas: FormulaCounts;
  private closed = false;
  /**
   * True during a first import (the index started empty): batches written by the sync are not indexed one by one;
   * the index is built in bulk from the store once the folder is read, about five times faster.
   */
  private bulkImport = false;

  private constructor(private readonly options: EngineOptions) {
    this.log = options.log ?? silentLogger;
    this.dataDir = options.dataDir ?? null;
    // A watching engine is the running bot's: its commits must not checkpoint on the event loop.
    this.store = openStore(this.dataDir, { checkpoints: options.watch ? 'worker' : 'inline' });
    this.articles_ = this.store.articles;
    this.analyzer = options.analyzer ?? createFileAnalyzer();
    this.texts = new StoreTexts(this.articles_);
    this.formulas = new FormulaCounts(this.articles_, this.dataDir, this.log);
    this.sync = new CorpusSync({
      dir: options.corpusDir,
      store: this.articles_,
      analyzer: this.analyzer,
      log: this.log,
      clock: options.clock,
      onBatch: async (written) => {
        if (!this.bulkImport) await this.catchUp(written);
      },
    });
  }

  static async open(options: EngineOptions): Promise<Engine> {
    // The saved index is read from disk while the folder is listed (two waits of ~60 ms each at 31k): reading
    // creates nothing, and what is read is only used once the store has vouched for it (openIndex).
    const snapshotBytes = options.dataDir ? readIndexFile(path.join(options.dataDir, SNAPSHOT_FILE)) : undefined;
    snapshotBytes?.catch(() => {}); // a missing or unreadable file is handled where it is used
    // Watching starts before the folder is listed: a file that arrives at any moment of the start-up is either in
    // the listing or seen by the watcher, whose changes wait until the start-up is done. (It used to start after
    // the listing, and the folder was listed a second time behind it: ~60 ms of every bot start at 31k files.) A
    // missing folder is left to the listing to report, without a warning about watching it first.
    let created: (engine: Engine) => void = () => {};
    const engineCreated = new Promise<Engine>((resolve) => (created = resolve));
    const watcher = options.watch && (await isFolder(options.corpusDir)) ? Engine.watch(options, engineCreated) : null;
    let names: string[];
    let engine: Engine;
    try {
      // A missing folder is the user's mistake: say so before creating anything in the data folder.
      names = await listArticleFileNames(options.corpusDir);
      engine = new Engine(options); // throws when the data folder cannot hold the store
    } catch (err) {
      watcher?.close();
      throw err;
    }
    engine.watcher = watcher;
    created(engine);
    try {
      await engine.start(names, snapshotBytes);
    } catch (err) {
      await engine.close();
      throw err;
    }
    // A running bot parses its start-up import on every core, then the files that arrive one parser thread at a
    // time: each thread holds its own V8 heap (40–60 MB while busy), and a burst of 1,000 articles is indexed in
    // seconds either way (the main thread's indexing is the longer part). Peak RSS during such a burst: 445 → 384 MiB.
    if (options.watch) engine.analyzer.limitWorkers?.(1);
    return engine;
  }

  /** The folder's watcher: what it sees is synced once the engine exists and its start-up is done. */
  private static watch(options: EngineOptions, engine: Promise<Engine>): FolderWatcher {
    const w = typeof options.watch === 'object' ? options.watch : {};
    const whenStarted = () => engine.then((e) => e.startedUp.then(() => e));
    return watchFolder(options.corpusDir, options.log ?? silentLogger, {
      debounceMs: w.debounceMs,
      rescanMs: w.rescanMs,
      onNames: (names) => whenStarted().then((e) => e.ingest(e.sync.some(names))),
      onRescan: () => whenStarted().then((e) => e.ingest(e.sync.full())),
    });
  }

  get corpusDir(): string {
    return this.options.corpusDir;
  }

  /** `names`: the folder's article files, listed by open() (after the watcher started, when watching). */
  private async start(names: string[], snapshotBytes?: Promise<IndexFileBytes>): Promise<void> {
    const corpus = path.resolve(this.options.corpusDir);
    const previous = this.articles_.state(CORPUS_DIR_KEY);
    if (previous && previous !== corpus && this.articles_.count() > 0) {
      this.log.warn(`the data folder ${this.dataDir} described the corpus ${previous}; reading ${corpus} afresh`);
      this.articles_.clearArticles(new Date().toISOString());
    }
    this.articles_.setState(CORPUS_DIR_KEY, corpus);

    // The folder is listed and stat'ed while the saved index is read from disk: the two overlap.
    const listing = listArticleFiles(this.options.corpusDir, names);
    listing.catch(() => {}); // awaited by the sync below; a failure is reported there
    let report: SyncReport;
    try {
      await this.openIndex(snapshotBytes);
      await this.catchUp();
      // A first import, or a store parsed by another version (every file is parsed again): the index is built once
      // from the store afterwards rather than changed article by article as the batches land (a re-analysis of 31k
      // articles replaced every slot in place: minutes, and twice the memory of a build).
      this.bulkImport = this.index.size === 0 || this.articles_.hasAnalysisOtherThan(ANALYSIS_VERSION);
      report = await this.sync.full(listing);
      if (this.bulkImport) {
        this.bulkImport = false;
        this.indexFromSnapshot = false;
        if (this.articles_.count() > 0) await this.buildIndexFromStore();
        else this.index = ArticleIndex.build([], this.texts);
        await this.catchUp();
      }
    } finally {
      this.bulkImport = false;
      this.markStartedUp();
    }
    this.warnings = report.warnings;
    for (const w of report.warnings) this.log.warn(w);
    this.log.info(
      `corpus ${this.options.corpusDir}: ${this.index.size} articles, ${this.quoteCountNow()} quotations` +
        (this.indexFromSnapshot ? ' (index from the saved snapshot)' : ' (indexed)') +
        (report.added.length + report.changed.length + report.removed.length
          ? `; ${report.added.length} new, ${report.changed.length} changed, ${report.removed.length} removed files`
          : ''),
    );
    this.maybeSnapshot(!this.indexFromSnapshot);
  }

  /** The saved snapshot when it belongs to this store, else a build from the store's articles. */
  private async openIndex(snapshotBytes?: Promise<IndexFileBytes>): Promise<void> {
    const file = this.snapshotFile();
    if (file) {
      try {
        const { index, meta } = await ArticleIndex.loadFrom(file, this.texts, snapshotBytes);
        const seq = Number(meta.seq);
        if (meta.storeId !== this.articles_.storeId) throw new Error('it belongs to another database');
        if (!Number.isInteger(seq) || seq > this.articles_.lastSeq()) throw new Error('it is newer than the database');
        if (this.articles_.changesSince(seq, 1).length && seq < this.oldestNeededSeq()) {
          throw new Error('the changes since it are no longer recorded');
        }
        this.index = index;
        this.indexSeq = this.snapshotSeq = seq;
        this.indexFromSnapshot = true;
        if (typeof meta.indexedAt === 'string') this.indexedAt = meta.indexedAt;
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') this.log.warn(`saved search index not usable, rebuilding it from the store (${(err as Error).message})`);
      }
      // The index format before the store (one big JSON): never read again.
      await rm(path.join(this.dataDir!, 'search-index.json'), { force: true });
      await rm(path.join(this.dataDir!, 'search-index.meta.json'), { force: true });
    }
    await this.buildIndexFromStore();
  }

  /** The search index built from the store's articles (index-build.ts); changes written meanwhile are replayed after. */
  private async buildIndexFromStore(): Promise<void> {
    const seq = this.articles_.lastSeq();
    const databaseFile = this.dataDir ? path.join(this.dataDir, DATABASE_FILE) : null;
    this.index = await buildIndexFromStore(this.articles_, this.texts, { databaseFile, parallelFrom: this.options.parallelBuildFrom, warn: (m) => this.log.warn(m) });
    this.indexSeq = seq;
  }

  /** The first journal entry still recorded (entries before it were pruned). */
  private oldestNeededSeq(): number {
    return this.articles_.changesSince(0, 1)[0]?.seq ?? this.articles_.lastSeq() + 1;
  }

  /**
   * Bring the indexes up to the store's journal. Applies entries in order, yielding to the event loop every
   * SLICE_MS, so a batch of a thousand articles never holds up an interaction. Returns whether anything changed.
   */
  private catchUp(inHand: ReadonlyMap<number, Article> = new Map()): Promise<boolean> {
    if (this.catchingUp) return this.catchingUp.then(() => this.catchUp(inHand));
    this.catchingUp = (async () => {
      let changed = false;
      let sliceStart = performance.now();
      for (;;) {
        const changes = this.articles_.changesSince(this.indexSeq, 256);
        if (!changes.length) break;
        for (const change of changes) {
          this.texts.forget(change.id);
          // The article as written by this entry when this process wrote it, else its current row. An upsert whose
          // row is gone was removed later in the journal; that entry removes it.
          const article = change.kind === 'upsert' ? (inHand.get(change.seq) ?? this.articles_.get(change.id)) : undefined;
          if (article) this.index.add(article);
          else this.index.remove(change.id);
          const quotations = this.quotationsToUpdate();
          if (quotations) {
            if (article) quotations.setArticle(change.id, this.articles_.quotesOf(change.id));
            else quotations.removeArticle(change.id);
          }
          this.indexSeq = change.seq;
          changed = true;
          if (performance.now() - sliceStart > SLICE_MS) {
            await nextBackgroundTurn();
            sliceStart = performance.now();
          }
        }
      }
      this.releaseScratchWhenIdle();
      if (changed) {
        this.indexedAt = new Date().toISOString();
        this.quoteCount = 0; // counted again when asked (a sum over every article: ~10 ms at 31k)
      }
      return changed;
    })().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /**
   * The index's analyzer for added articles is let go once no batch has come for a while: kept across the batches
   * of one burst, its token table grows once rather than again from empty in each batch's first turn.
   */
  private releaseScratchWhenIdle(): void {
    if (this.scratchTimer) clearTimeout(this.scratchTimer);
    const index = this.index;
    this.scratchTimer = setTimeout(() => {
      this.scratchTimer = null;
      index.releaseScratch();
    }, SCRATCH_IDLE_MS);
    this.scratchTimer.unref();
  }

  /** Run a sync started by the watcher; report the change and save a snapshot when due. Never throws. */
  private ingest(sync: Promise<SyncReport>): Promise<void> {
    return sync.then(
      (report) => {
        for (const w of report.warnings) this.log.warn(w);
        if (report.added.length || report.changed.length || report.removed.length) {
          this.log.info(
            `corpus changed: ${report.added.length} new, ${report.changed.length} changed, ${report.removed.length} removed; ${this.index.size} articles`,
          );
          this.options.onChange?.(report);
          this.formulas.refresh();
        }
        this.maybeSnapshot(false);
      },
      (err: unknown) => this.log.warn(`reading ${this.options.corpusDir} failed; still serving the previous state (${(err as Error).message})`),
    );
  }

  /** Save the index when the journal since the last snapshot is long enough (or `force`), in the background. */
  private maybeSnapshot(force: boolean): void {
    const file = this.snapshotFile();
    if (!file || this.saving || this.closed) return;
    const behind = this.indexSeq - this.snapshotSeq;
    if (behind === 0 && this.snapshotSeq !== 0) return;
    if (!force && behind < SNAPSHOT_AFTER_CHANGES) return;
    const seq = this.indexSeq;
    this.saving = this.index
      .saveTo(file, { storeId: this.articles_.storeId, seq, indexedAt: this.indexedAt, savedAt: new Date().toISOString() })
      .then(() => {
        this.snapshotSeq = seq;
        if (this.store.db.open) this.articles_.pruneChanges(seq, new Date(Date.now() - JOURNAL_RETENTION_MS).toISOString());
      })
      .catch((err: unknown) => this.log.warn(`could not save the search index in ${this.dataDir}: ${(err as Error).message}`))
      .finally(() => {
        this.saving = null;
      });
  }

  private snapshotFile(): string | null {
    return this.dataDir ? path.join(this.dataDir, SNAPSHOT_FILE) : null;
  }

  /** Compare the whole folder with the store now. Returns whether anything changed. */
  async reload(): Promise<boolean> {
    const report = await this.sync.full();
    this.warnings = report.warnings;
    const changed = report.added.length + report.changed.length + report.removed.length > 0;
    if (changed) this.options.onChange?.(report);
    this.maybeSnapshot(false);
    return changed;
  }

  /** Ingest these files of the corpus folder now (new, changed or gone); the answer says what happened. */
  async syncFiles(names: string[]): Promise<SyncReport> {
    const report = await this.sync.some(names);
    if (report.added.length || report.changed.length || report.removed.length) this.options.onChange?.(report);
    this.maybeSnapshot(false);
    return report;
  }

  /** Resolves when no sync, index update or snapshot is running (tests and shutdown). */
  async idle(): Promise<void> {
    await this.watcher?.idle();
    while (this.catchingUp || this.saving) await (this.catchingUp ?? this.saving);
  }

  /** Stop watching, finish what is running (a snapshot being written), close the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.watcher?.close();
    await this.idle().catch(() => {});
    this.closed = true;
    if (this.scratchTimer) clearTimeout(this.scratchTimer);
    await this.analyzer.close();
    await this.digests?.close();
    await this.formulas.flush().catch((err: unknown) => this.log.warn(`could not save the formula statistics: ${(err as Error).message}`));
    this.store.close();
  }

  /**
   * Every article, read from the store. O(corpus): for tests and tools on small folders; the product reads what it
   * shows (article, search, addedBetween).
   */
  articles(): Article[] {
    const all: Article[] = [];
    let after: string | null = null;
    for (;;) {
      const page = this.articles_.articlesAfter(after, 1000);
      if (!page.length) return all;
      all.push(...page);
      after = page[page.length - 1].id;
    }
  }

  /** The ids of every article in the corpus. */
  articleIds(): string[] {
    return this.articles_.ids();
  }

  /** These articles, in the order given; ids not in the corpus are left out. */
  articlesByIds(ids: readonly string[]): Article[] {
    return ids.map((id) => this.articles_.get(id)).filter((a): a is Article => a !== undefined);
  }

  /** Articles first seen in (after, until], oldest first: what a briefing for that period covers. */
  articlesAddedBetween(after: string | null, until: string | null): Article[] {
    return this.articles_.addedBetween(after, until);
  }

  /** The article with this id; throws UNKNOWN_ARTICLE otherwise. */
  article(id: string): Article {
    const article = this.texts.get(id.trim());
    if (!article) throw new NashraError('UNKNOWN_ARTICLE', `no article with id "${id}"`);
    return article;
  }

  hasArticle(id: string): boolean {
    return this.index.has(id.trim());
  }

  search(query: string, options: SearchOptions = {}): SearchResponse {
    const q = checkQuery(query);
    checkDate(options.from, 'from');
    checkDate(options.to, 'to');
    return this.index.search(q, options);
  }

  /** Ids of every article a search for `query` finds, best first, without snippets (a briefing's words to exclude). */
  matchingIds(query: string): string[] {
    return this.index.matchingIds(checkQuery(query));
  }

  /** Article choices for autocomplete: tolerant of spelling variants; sensible defaults on empty input. */
  suggestArticles(prefix: string, limit = 25): { id: string; title: string }[] {
    return this.index.suggestTitles(prefix.slice(0, MAX_QUERY_LENGTH), limit);
  }

  quotes(query = '', options: QuoteQuery = {}): Quote[] {
    if (query.length > MAX_QUERY_LENGTH) checkQuery(query);
    if (options.articleId) this.article(options.articleId);
    return this.quotations().search(query.trim(), options);
  }

  quotesFor(articleId: string): Quote[] {
    return this.articles_.quotesOf(articleId);
  }

  suggestSpeakers(prefix: string, limit = 25): string[] {
    return this.quotations().speakers(prefix.slice(0, MAX_QUERY_LENGTH), limit);
  }

  /**
   * Run the query path once on the corpus's own words — a word, a phrase and a whole headline of one article, each
   * in its own event-loop turn — so that the first user's /search does not pay for compiling it (a fresh process's
   * first searches took 25–60 ms against 3 ms warm, and its first title autocomplete ~110 ms, sorting the titles for
   * prefix lookups: the largest pauses of a busy minute). The bot calls this while discord.js logs in, before any
   * interaction can arrive.
   */
  async warmSearch(): Promise<void> {
    // The analyzer's NFKC table, which the first article added would otherwise build in its own turn.
    await nextBackgroundTurn();
    warmNfkcTable();
    const [sample] = this.articles_.articlesAfter(null, 1);
    const words = sample?.title.split(/\s+/).filter((w) => w.length >= 3) ?? [];
    if (!words.length) return;
    for (const query of [words[0], words.slice(0, 3).join(' '), sample.title, words[words.length - 1]]) {
      for (const run of [() => this.search(query.slice(0, MAX_QUERY_LENGTH)), () => this.suggestArticles(query.slice(0, 4))]) {
        await nextBackgroundTurn();
        if (this.closed) return;
        try {
          run();
        } catch (err) {
          // A title that is no valid query (stopwords only, say) warms nothing; anything else is a bug to report.
          if (!(err instanceof NashraError)) throw err;
        }
      }
    }
  }

  /**
   * Build the quotation index now, in slices that yield to the event loop (the bot calls this after start-up, so
   * the first /quote does not pay for it). A quotation search meanwhile finishes the build first (quotations()).
   */
  async warmQuotes(): Promise<void> {
    if (this.quoteIndex || this.quoteBuild) return;
    // Registered first: changes caught up meanwhile go into it, and the pages below read each article's current state.
    const build = this.startQuoteBuild();
    let sliceStart = performance.now();
    while (!this.closed && this.quoteBuild === build) {
      if (!this.continueQuoteBuild(build, 100)) return this.finishQuoteBuild(build);
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextBackgroundTurn();
        sliceStart = performance.now();
      }
    }
  }

  /**
   * Count the outlets' formulas now, in slices (the bot calls this after start-up, so that the first digest does not
   * read 32 MB or, after an upgrade, count the archive).
   */
  async warmDigest(): Promise<void> {
    const pool = this.digestPool();
    if (pool) await pool.formulaKeys(this.dataDir!, new Uint32Array(0), FORMULA_MIN_DAYS);
    else await this.formulas.current();
  }

  /** The quotation index; built (or its build in progress finished) at first use. */
  private quotations(): QuoteIndex {
    if (this.quoteIndex) return this.quoteIndex;
    const build = this.quoteBuild ?? this.startQuoteBuild();
    while (this.continueQuoteBuild(build, 1000));
    this.finishQuoteBuild(build);
    return this.quoteIndex!;
  }

  /** The quotation index to keep up to date with a change: the built one, or the one being built. */
  private quotationsToUpdate(): QuoteIndex | null {
    return this.quoteIndex ?? this.quoteBuild?.index ?? null;
  }

  private startQuoteBuild(): { index: QuoteIndex; after: string | null } {
    const index = new QuoteIndex();
    // Read at each search: the article index may be replaced (a rebuild) after this one is made.
    index.hiddenArticle = (articleId) => this.index.isHiddenCopy(articleId);
    index.beginBuild();
    this.quoteBuild = { index, after: null };
    return this.quoteBuild;
  }

  /** Add the next page of articles with quotations; false when there were none left. */
  private continueQuoteBuild(build: { index: QuoteIndex; after: string | null }, pageSize: number): boolean {
    const page = this.articles_.quotesAfter(build.after, pageSize);
    if (!page.length) return false;
    for (const { id, quotes } of page) build.index.setArticle(id, quotes);
    build.after = page[page.length - 1].id;
    return true;
  }

  private finishQuoteBuild(build: { index: QuoteIndex; after: string | null }): void {
    build.index.endBuild();
    this.quoteIndex = build.index;
    this.quoteBuild = null;
  }

  /**
   * Stories among the articles added since `since` (all articles when absent), among `addedAt`'s articles (id →
   * the time to treat as first seen: a briefing's period), or among `articles` when given; narrowed to those
   * matching `query`. Word rarity comes from the whole corpus (the search index's document frequencies), never
   * from the few articles briefed: two fresh reports sharing one word are not one story. A digest of more than
   * DIGEST_CONTEXT_MAX_SELECTION articles is built in a worker thread (digest-pool.ts): a day's news takes seconds,
   * which must not stall interactions. `maxStories`: only the most important stories made in full (storyCount
   * says how many were found), as `/digest now` shows them; `minSources`: only stories told by that many sources (a
   * briefing's filter), so that what is not listed is not summarized.
   */
  async digest(
    options: { since?: Date; query?: string; now?: Date; maxStories?: number; minSources?: number; articles?: readonly Article[]; addedAt?: ReadonlyMap<string, string> } = {},
  ): Promise<Digest> {
    let onlyIds: Set<string> | undefined;
    if (options.query !== undefined) {
      const q = checkQuery(options.query);
      onlyIds = new Set(this.index.matchingIds(q));
    }
    if (options.since && Number.isNaN(options.since.getTime())) {
      throw new NashraError('INVALID_DATE', 'the digest start time ("since") is not a valid date');
    }
    const now = options.now ?? new Date();
    let articles: Article[];
    let omittedCount = 0;
    const most = this.options.maxDigestArticles ?? MAX_DIGEST_ARTICLES;
    if (options.articles) {
      articles = selectArticles(options.articles, { since: options.since, onlyIds });
      if (articles.length > most) {
        omittedCount = articles.length - most;
        articles = articles.sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0)).slice(0, most);
      }
    } else {
      const sinceIso = options.since?.toISOString();
      const candidates =
        options.addedAt ?? this.articles_.idsAddedBetween(options.since ? new Date(options.since.getTime() - 1).toISOString() : null, null);
      let inPeriod: [string, string][] = [];
      for (const [id, addedAt] of candidates) {
        if ((!onlyIds || onlyIds.has(id)) && (!sinceIso || addedAt >= sinceIso)) inPeriod.push([id, addedAt]);
      }
      if (inPeriod.length > most) {
        omittedCount = inPeriod.length - most;
        inPeriod = inPeriod.sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)).slice(0, most);
      }
      const items = new Map(inPeriod);
      const pool = this.digestPool();
      if (pool && items.size > DIGEST_CONTEXT_MAX_SELECTION) {
        const digest = await pool.run(this.dataDir!, items, now, () => this.index.termStatistics(), {
          maxStories: options.maxStories,
          minSources: options.minSources,
        });
        return { ...digest, omittedCount };
      }
      articles = this.articlesByIds([...items.keys()]).map((a) => ({ ...a, addedAt: items.get(a.id)! }));
    }
    const quotesByArticle = { get: (id: string) => this.articles_.quotesOf(id) };
    // The context is found first (as buildDigest would ask for it: the selection in its order), so that the formula
    // statistics can be asked about every report the digest will read.
    const context = this.digestContext([...articles].sort(compareAdded));
    const formulaStatistics = await this.formulaStatisticsFor([...articles, ...context]);
    const digest = buildDigest({
      articles,
      termStatistics: this.index.termStatistics(),
      formulaStatistics,
      quotesByArticle,
      context: () => context,
      now,
      maxStories: options.maxStories,
      minSources: options.minSources,
    });
    return { ...digest, omittedCount };
  }

  /** The digest worker, when there is a database file for it to read and compiled code for it to run. */
  private digestPool(): DigestPool | null {
    if (!this.dataDir || import.meta.url.endsWith('.ts')) return null;
    this.digests ??= new DigestPool(undefined, (m) => this.log.warn(m));
    return this.digests;
  }

  /**
   * The outlets' formula statistics for a digest of these reports made here: asked of the digest worker, which holds
   * them (formula-counts.ts), or counted in this thread when there is none (no data folder: a small in-memory store).
   * Statistics that cannot be had leave the digest without them rather than without a digest.
   */
  private async formulaStatisticsFor(articles: readonly Article[]): Promise<FormulaStatistics | undefined> {
    const pool = this.digestPool();
    if (!pool) return this.formulas.current();
    try {
      const formula = new Set(await pool.formulaKeys(this.dataDir!, shingleKeysOf(articles.map(analyzeArticle)), FORMULA_MIN_DAYS));
      // Only whether a key reaches the minimum matters (formulas.ts daysWith with `atLeast`).
      return { daysWith: (k) => (formula.has(k >>> 0) ? FORMULA_MIN_DAYS : 0) };
    } catch (err) {
      this.log.warn(`the outlets' formulas could not be read; the digest is made without them (${(err as Error).message})`);
      return undefined;
    }
  }

  /**
   * Earlier reports of the selection's stories, found through search on each selected headline: a follow-up
   * briefed alone still groups with the reports it follows. Only for small selections (an on-demand digest, an
   * hourly briefing); a day's worth of news is its own context, and a search per article would cost seconds.
   */
  private digestContext(selection: readonly Article[]): Article[] {
    if (selection.length > DIGEST_CONTEXT_MAX_SELECTION) return [];
    const selected = new Set(selection.map((a) => a.id));
    const context = new Map<string, Article>();
    for (const a of selection) {
      let hits: string[];
      try {
        hits = this.index.search(a.title.slice(0, MAX_QUERY_LENGTH), { limit: DIGEST_CONTEXT_PER_ARTICLE }).results.map((r) => r.id);
      } catch {
        continue; // a title of stopwords only
      }
      for (const id of hits) {
        if (selected.has(id) || context.has(id)) continue;
        const article = this.articles_.get(id);
        if (article) context.set(id, article);
      }
    }
    return [...context.values()];
  }

  stats(): EngineStats {
    return {
      articleCount: this.index.size,
      quoteCount: this.quoteCountNow(),
      indexedAt: this.indexedAt,
      indexFromCache: this.indexFromSnapshot,
      fingerprint: `${this.articles_.storeId}:${this.indexSeq}`,
      warnings: this.warnings,
    };
  }

  private quoteCountNow(): number {
    this.quoteCount ||= this.articles_.quoteCount();
    return this.quoteCount;
  }
}

/**
 * Article texts for the search index, read from the store. The few most recently read are kept: one query reads
 * the same article for its rerank and for its snippet.
 */
class StoreTexts implements ArticleTexts {
  private readonly recent = new Map<string, Article>();

  constructor(private readonly store: ArticleStore) {}

  get(id: string): Article | undefined {
    const hit = this.recent.get(id);
    if (hit) {
      this.recent.delete(id);
      this.recent.set(id, hit);
      return hit;
    }
    const article = this.store.get(id);
    if (!article) return undefined;
    this.recent.set(id, article);
    if (this.recent.size > 64) this.recent.delete(this.recent.keys().next().value!);
    return article;
  }

  forget(id: string): void {
    this.recent.delete(id);
  }
}

function checkQuery(query: string): string {
  const q = query.trim();
  if (!q) throw new NashraError('EMPTY_QUERY', 'the query is empty');
  if (q.length > MAX_QUERY_LENGTH) {
    throw new NashraError('QUERY_TOO_LONG', `the query is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  }
  return q;
}

/** Accepts YYYY-MM-DD that names a real calendar day (read by src/engine/dates.ts, like every date input). */
export function checkDate(value: string | undefined, name: string): void {
  if (value === undefined) return;
  if (parseDay(value) === null) {
    throw new NashraError('INVALID_DATE', `--${name} must be a date written YYYY-MM-DD, got "${value}"`);
  }
}

/** True when `dir` is a folder (symlinks followed). */
async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
