/**
 * The corpus folder → the article store, incrementally. The folder is the archive and the source of truth; the
 * store remembers, per file, what it was (size, time, content hash) and what it held (the parsed article, its
 * quotations), so a start-up lists and stats the folder and parses only files that are new or changed, and files
 * that are gone leave the store. Every change the store records goes to its journal, from which the engine updates
 * the search index (engine.ts): this module never touches the index itself.
 *
 * Work is done in batches of files (BATCH_FILES on a first import, LIVE_BATCH_FILES after): the files of a batch are analyzed in worker threads (parse-pool.ts)
 * while the previous batch is written, each batch in one transaction (a kill -9 loses at most the batch in flight,
 * and since nothing of it was recorded, the next start does it again), and the caller's `onBatch` runs after each
 * write (the engine applies the batch to its index there and yields to the event loop).
 */
import path from 'node:path';
import type { Article } from '../corpus/article.js';
import { articleIdOf, isArticleFileName, listArticleFiles, statArticleFile, type FileEntry } from '../corpus/files.js';
import type { ArticleStore, ArticleWrite, CorpusBatch, ReconciledListing, SkippedFile, StoredFile } from '../store/articles.js';
import { ANALYSIS_VERSION, type AnalyzedFile } from './analyze-file.js';
import type { FileAnalyzer } from './parse-pool.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';

export interface SyncLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface SyncReport {
  added: string[];
  changed: string[];
  removed: string[];
  /** One line per file that is not an article (newly found or remembered), naming it and the reason. */
  warnings: string[];
  /** Files whose stored article did not need re-parsing. */
  unchanged: number;
}

export interface CorpusSyncOptions {
  dir: string;
  store: ArticleStore;
  analyzer: FileAnalyzer;
  log: SyncLogger;
  /** Called after each batch is written to the store, with the articles written by journal entry. */
  onBatch?: (written: Map<number, Article>) => Promise<void> | void;
  clock?: () => Date;
}

const BATCH_FILES = 64;
const LIVE_BATCH_FILES = 16;
/** Rows of file state read between two yields to the event loop (~5 ms). */
const FILE_STATE_PAGE = 2000;
const PROGRESS_EVERY_MS = 5_000;
/** Set once the first complete pass over the folder is recorded; until then files' own times stand for "first seen". */
const INITIAL_IMPORT_DONE = 'initial_import_done';

export class CorpusSync {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CorpusSyncOptions) {}

  /**
   * Compare the whole folder with the store. Syncs never overlap: a call waits for the one running. `listing` is a
   * listing of the folder already under way (start-up lists the folder while the saved index loads).
   */
  full(listing?: Promise<FileEntry[]>): Promise<SyncReport> {
    return this.serialize(async () => {
      const entries = await (listing ?? listArticleFiles(this.options.dir));
      const { store } = this.options;
      let report: SyncReport;
      const previous = store.state(INITIAL_IMPORT_DONE) ? store.reconciledListing() : null;
      if (
        previous &&
        previous.writeGeneration === store.writeGeneration() &&
        previous.analysisVersion === ANALYSIS_VERSION &&
        !store.hasAnalysisOtherThan(ANALYSIS_VERSION)
      ) {
        // Nothing was written to the store since the last full comparison, which recorded the listing it left the
        // store in: the files that differ from that listing are all that can differ from the store, and only their
        // stored state is read. Reading the state of every article was the largest part of a start-up at 31k.
        report = await this.reconcileDifferences(previous, entries);
      } else {
        const present = new Set(entries.map((e) => e.name));
        // Read once, a page at a time: the file state of every article (~100 ms at 31k in one piece).
        const files = new Map<string, StoredFile>();
        for (let after: string | null = null; ; ) {
          const page = store.filesAfter(after, FILE_STATE_PAGE);
          for (const f of page) files.set(f.file, f);
          if (page.length < FILE_STATE_PAGE) break;
          after = page[page.length - 1].file;
          await nextBackgroundTurn();
        }
        const skipped = store.skippedFiles();
        const gone = [...files.keys(), ...skipped.keys()].filter((name) => !present.has(name));
        report = await this.reconcile(entries, gone, files, skipped);
        if (!store.state(INITIAL_IMPORT_DONE)) store.setState(INITIAL_IMPORT_DONE, this.now().toISOString());
      }
      if (report.added.length || report.changed.length || report.removed.length || !previous || previous.writeGeneration !== store.writeGeneration()) {
        store.setReconciledListing({
          writeGeneration: store.writeGeneration(),
          analysisVersion: ANALYSIS_VERSION,
          names: entries.map((e) => e.name),
          sizes: Float64Array.from(entries, (e) => e.size),
          mtimes: Float64Array.from(entries, (e) => e.mtimeMs),
        });
      }
      return report;
    });
  }

  /**
   * A full comparison against the listing the last one recorded (the store unchanged since): files new, gone, or
   * of another size or time are reconciled; the others are unchanged, and those remembered as not articles are
   * named again.
   */
  private async reconcileDifferences(previous: ReconciledListing, entries: FileEntry[]): Promise<SyncReport> {
    const { store, dir } = this.options;
    const before = new Map<string, number>();
    previous.names.forEach((name, i) => before.set(name, i));
    const differing: FileEntry[] = [];
    const same: FileEntry[] = [];
    for (const e of entries) {
      const i = before.get(e.name);
      if (i !== undefined && previous.sizes[i] === e.size && previous.mtimes[i] === e.mtimeMs) same.push(e);
      else differing.push(e);
      before.delete(e.name);
    }
    const gone = [...before.keys()];
    const skipped = store.skippedFiles();
    const freedIds = new Set(gone.map(articleIdOf));
    const remembered: string[] = [];
    let unchanged = 0;
    for (const e of same) {
      const skip = skipped.get(e.name);
      // Skipped for an id whose holder is gone: its turn now, like a changed file.
      if (skip?.reason.startsWith('same id') && freedIds.has(articleIdOf(e.name))) differing.push(e);
      else if (skip) remembered.push(`${path.join(dir, e.name)}: skipped — ${skip.reason}`);
      else unchanged++;
    }
    if (!differing.length && !gone.length) return { added: [], changed: [], removed: [], warnings: remembered, unchanged };
    const names = [...differing.map((e) => e.name), ...gone];
    const files = store.filesNamed(names, names.map(articleIdOf));
    const report = await this.reconcile(differing, gone, files, skipped);
    return { ...report, warnings: [...remembered, ...report.warnings], unchanged: report.unchanged + unchanged };
  }

  /** Only the named files (what the folder watcher saw change): each is added, updated or removed. */
  some(names: Iterable<string>): Promise<SyncReport> {
    return this.serialize(async () => {
      const wanted = [...new Set(names)].filter(isArticleFileName).sort();
      // Stat'ed like a listing (in slices, or a worker for thousands): one promise per file, for a burst of 1,000,
      // ran a thousand completions back to back in one turn of the event loop (~10 ms in a burst's longest stall).
      const entries = await listArticleFiles(this.options.dir, wanted);
      const found = new Set(entries.map((e) => e.name));
      const gone = wanted.filter((n) => !found.has(n));
      // Only what these names can touch: their own state, and the files holding their ids (a.txt beside a.md).
      const files = this.options.store.filesNamed(wanted, wanted.map(articleIdOf));
      return this.reconcile(entries, gone, files, this.options.store.skippedFiles());
    });
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * Bring the store in line with `listedEntries` (files present) and `gone` (files absent). `files` holds the stored
   * state of at least every listed or gone file and of every file holding one of their ids; it is updated in place.
   */
  private async reconcile(
    listedEntries: FileEntry[],
    gone: string[],
    files: Map<string, StoredFile>,
    skipped: Map<string, SkippedFile>,
  ): Promise<SyncReport> {
    let entries = listedEntries;
    const { store, dir, log } = this.options;
    const report: SyncReport = { added: [], changed: [], removed: [], warnings: [], unchanged: 0 };
    const warn = (name: string, reason: string) => report.warnings.push(`${path.join(dir, name)}: skipped — ${reason}`);

    // Removals first: a file renamed from a.txt to a.md frees its id for the new name in the same pass.
    const removedFiles = gone.filter((n) => files.has(n));
    const unskipped = gone.filter((n) => skipped.has(n));
    for (const name of removedFiles) {
      report.removed.push(files.get(name)!.id);
      files.delete(name);
    }
    if (removedFiles.length || unskipped.length) {
      await this.options.onBatch?.(store.write({ removedFiles, unskipped }, this.now().toISOString()).written);
    }
    // A file skipped because another file had its id gets its chance once that file is gone.
    const freed = new Set(removedFiles.map(articleIdOf));
    const listed = new Set(entries.map((e) => e.name));
    for (const [name, skip] of skipped) {
      if (listed.has(name) || !freed.has(articleIdOf(name)) || !skip.reason.startsWith('same id')) continue;
      const entry = await statArticleFile(dir, name);
      if (entry) entries = [...entries, entry];
    }

    const fileOfId = new Map<string, string>();
    for (const f of files.values()) fileOfId.set(f.id, f.file);
    const candidates: FileEntry[] = [];
    for (const entry of entries) {
      const known = files.get(entry.name);
      if (known && sameFile(known, entry) && known.analysisVersion === ANALYSIS_VERSION) {
        report.unchanged++;
        continue;
      }
      const skip = skipped.get(entry.name);
      // A file skipped for its id is looked at again each time: the other file may have gone.
      if (skip && sameFile(skip, entry) && !skip.reason.startsWith('same id')) {
        warn(entry.name, skip.reason);
        continue;
      }
      candidates.push(entry);
    }

    const firstImport = !store.state(INITIAL_IMPORT_DONE);
    const started = Date.now();
    let lastProgress = started;
    const analyzeBatch = (batch: FileEntry[]) =>
      Promise.all(batch.map((e) => this.options.analyzer.analyze(dir, e, new Date(e.mtimeMs).toISOString())));
    // A first import writes big batches (fewer transactions); later, the bot is answering members meanwhile, and a
    // transaction of 16 articles is a few milliseconds where one of 64 on a large store reached ~30.
    const size = firstImport ? BATCH_FILES : LIVE_BATCH_FILES;
    let pending = candidates.length ? analyzeBatch(candidates.slice(0, size)) : null;
    for (let start = 0; pending; start += size) {
      const batchEntries = candidates.slice(start, start + size);
      const results = await pending;
      // Start analyzing the next batch before writing this one: the workers parse while this thread writes.
      const nextEntries = candidates.slice(start + size, start + 2 * size);
      pending = nextEntries.length ? analyzeBatch(nextEntries) : null;

      const now = this.now();
      const batch: Required<Pick<CorpusBatch, 'upserts' | 'removedFiles' | 'skipped' | 'unskipped' | 'touched'>> = {
        upserts: [],
        removedFiles: [],
        skipped: [],
        unskipped: [],
        touched: [],
      };
      batchEntries.forEach((entry, i) => {
        this.classify(entry, results[i], { files, skipped, fileOfId, batch, report, warn, firstImport, now });
      });
      await this.options.onBatch?.(store.write(batch, now.toISOString()).written);

      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        const done = Math.min(start + size, candidates.length);
        log.info(`reading the corpus: ${done.toLocaleString('en')} of ${candidates.length.toLocaleString('en')} files`);
      }
    }
    if (candidates.length >= 1000) {
      const seconds = (Date.now() - started) / 1000;
      log.info(`read ${candidates.length.toLocaleString('en')} files in ${seconds.toFixed(1)} s (${Math.round(candidates.length / seconds)} files/s)`);
    }
    return report;
  }

  /** Decide what one analyzed file does to the store, adding it to `batch`. */
  private classify(
    entry: FileEntry,
    result: AnalyzedFile,
    ctx: {
      files: Map<string, StoredFile>;
      skipped: Map<string, SkippedFile>;
      fileOfId: Map<string, string>;
      batch: Required<Pick<CorpusBatch, 'upserts' | 'removedFiles' | 'skipped' | 'unskipped' | 'touched'>>;
      report: SyncReport;
      warn: (name: string, reason: string) => void;
      firstImport: boolean;
      now: Date;
    },
  ): void {
    const { files, skipped, fileOfId, batch, report, warn } = ctx;
    const known = files.get(entry.name);
    const skip = (reason: string) => {
      warn(entry.name, reason);
      batch.skipped.push({ file: entry.name, size: entry.size, mtimeMs: entry.mtimeMs, reason });
      if (known) {
        // It was an article and is not one any more: its article leaves the store.
        batch.removedFiles.push(entry.name);
        report.removed.push(known.id);
        fileOfId.delete(known.id);
        files.delete(entry.name);
      }
    };
    if (result.kind === 'unusable') return skip(result.reason);

    if (known && known.contentHash === result.contentHash && known.analysisVersion === ANALYSIS_VERSION) {
      batch.touched.push({ file: entry.name, size: entry.size, mtimeMs: entry.mtimeMs });
      report.unchanged++;
      return;
    }
    const id = articleIdOf(entry.name);
    const owner = fileOfId.get(id);
    if (owner && owner !== entry.name) return skip(`same id "${id}" as ${owner}; rename one of them`);

    for (const note of result.notes) report.warnings.push(`${path.join(this.options.dir, entry.name)}: ${note}`);
    // On the first import of an existing archive, a file's own time is the best account of when it arrived;
    // after that, Nashra saw it arrive (a file copied in with an old time is still news).
    const fileTime = Math.min(entry.mtimeMs, ctx.now.getTime());
    const write: ArticleWrite = {
      file: entry.name,
      size: entry.size,
      mtimeMs: entry.mtimeMs,
      contentHash: result.contentHash,
      analysisVersion: ANALYSIS_VERSION,
      article: result.article,
      quotes: result.quotes,
      digestAnalysis: result.digestAnalysis,
      firstSeenAt: new Date(ctx.firstImport ? fileTime : ctx.now.getTime()).toISOString(),
    };
    batch.upserts.push(write);
    if (skipped.has(entry.name)) batch.unskipped.push(entry.name);
    (known ? report.changed : report.added).push(id);
    fileOfId.set(id, entry.name);
    files.set(entry.name, { file: entry.name, id, size: entry.size, mtimeMs: entry.mtimeMs, contentHash: result.contentHash, analysisVersion: ANALYSIS_VERSION });
  }
}

function sameFile(a: { size: number; mtimeMs: number }, b: FileEntry): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}
