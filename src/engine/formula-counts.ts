/**
 * The outlets' formula statistics (src/digest/formulas.ts) for the live corpus: one sketch of every stored
 * article, kept up to date from the store's journal and saved beside the store so a restart reads 32 MB instead
 * of counting the archive again. It is held by the digest worker (digest-worker.ts, which the engine asks for the
 * formula keys of a digest it makes itself), so that the sketch and the garbage of counting an archive leave with
 * the worker when it stops idle; an engine without a worker (no data folder) holds it itself.
 *
 * Why from the journal, at the time a digest asks, rather than in the index's catch-up: a formula is a matter of
 * weeks of an outlet's reports, so the few articles a digest would miss between two journal reads change nothing,
 * while counting each arrival in the catch-up would put a store read and a decode into every indexed article's
 * slice. The journal is kept at least a day (engine.ts JOURNAL_RETENTION_MS); a sketch left further behind than the
 * journal reaches is counted again from the store, in the worker, off the thread that answers Discord.
 *
 * What a count is, and what it is not: counts only grow. An article removed or rewritten still counts for the days
 * it was seen on (a count-min sketch cannot forget, and a formula is a habit of the outlet, not of one report); a
 * rewritten article is counted again, which only makes its outlet's phrases a little more formula-like. When most
 * of the store was rewritten (a new parser version re-reads every file), the sketch is counted again from scratch.
 *
 * The file (FORMULA_FILE): a JSON header line (layout, store id, journal position, counts) and the counters. It is
 * written to a temporary name and renamed, so a kill at any moment leaves the old file or the new one; a file that
 * does not match (another store, layout, length or a newer journal position than the store's) is not used.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FormulaSketch, ROW_BITS, reportShingleKeys, storedShingleKeys } from '../digest/formulas.js';
import { storedTermSequences } from '../digest/stored-analysis.js';
import { analyzeArticle, type AnalyzedArticle } from '../digest/vectors.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';
import type { ArticleStore } from '../store/index.js';

export const FORMULA_FILE = 'formulas.bin';
/** Slice of counting work between turns of the event loop (as the index catch-up's). */
const SLICE_MS = 8;
/** Counted articles since the last save after which a catch-up saves the file again. */
const SAVE_AFTER = 500;
/** Stores smaller than this are counted at each process's first digest instead (a few hundred milliseconds). */
const SAVE_FROM_ARTICLES = 1000;
/** Row size of a small store's sketch (4 × 256 KB). */
const SMALL_ROW_BITS = 18;

interface Header {
  layout: string;
  storeId: string;
  seq: number;
  reports: number;
  copies: number;
}

export class FormulaCounts {
  private sketch: FormulaSketch | null = null;
  /** The journal position the sketch has counted up to. */
  private seq = 0;
  private unsaved = 0;
  private updating: Promise<FormulaSketch> | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Set by flush (shutdown): a count in progress stops at its next slice. */
  private stopping = false;

  constructor(
    private readonly store: ArticleStore,
    private readonly dataDir: string | null,
    private readonly log: { warn(message: string): void },
    private readonly options: { saveFromArticles?: number } = {},
  ) {}

  /**
   * The sketch, having counted every article the journal holds now: read from its file or counted from the store
   * the first time, then brought up to date. Runs in slices; concurrent callers share one update.
   */
  current(): Promise<FormulaSketch> {
    this.updating ??= this.update().finally(() => {
      this.updating = null;
    });
    return this.updating;
  }

  /**
   * The keys among `keys` (sorted, each once) that are formula: used on `atLeast` days or more. A day's digest asks
   * ~300 thousand and a few thousand are; the answer is read in slices (each key one to four counter reads).
   */
  async formulaKeys(keys: Uint32Array, atLeast: number): Promise<Uint32Array> {
    const sketch = await this.current();
    const found: number[] = [];
    let sliceStart = performance.now();
    for (let i = 0; i < keys.length; i++) {
      if (sketch.daysWith(keys[i], atLeast) >= atLeast) found.push(keys[i]);
      if ((i & 4095) === 4095 && performance.now() - sliceStart > SLICE_MS) {
        await nextBackgroundTurn();
        sliceStart = performance.now();
      }
    }
    return Uint32Array.from(found);
  }

  /**
   * Count what the journal added, in the background, when the sketch is in memory (the running bot's, after a burst
   * of arrivals): kept current this way it never falls further behind than the journal reaches.
   */
  refresh(): void {
    if (!this.sketch || this.updating || this.stopping) return;
    this.current().catch((err: unknown) => this.log.warn(`counting the outlets' formulas failed: ${(err as Error).message}`));
  }

  /** Save what is not saved yet (shutdown). */
  async flush(): Promise<void> {
    this.stopping = true;
    await this.updating?.catch(() => {});
    if (this.sketch && this.unsaved > 0) this.save();
    await this.saving;
  }

  private async update(): Promise<FormulaSketch> {
    if (!this.sketch) {
      const loaded = await this.load();
      if (loaded) [this.sketch, this.seq] = loaded;
    }
    // No COUNT(*) here: on a 30k-article store it reads the whole table (a tenth of a second at every digest).
    const counted = this.sketch ? this.sketch.reports + this.sketch.copies : 0;
    const behind = this.sketch ? this.changesSince(this.seq) : null;
    const outgrown = this.sketch !== null && this.sketch.layout !== FormulaSketch.layoutOf(ROW_BITS) && counted >= this.saveFrom();
    if (!this.sketch || outgrown || behind === null || behind > Math.max(1000, counted / 2)) await this.countAll();
    else await this.countJournal();
    if (this.unsaved >= SAVE_AFTER) this.save();
    return this.sketch!;
  }

  /** How many journal entries follow `seq`, or null when the journal no longer reaches back to it. */
  private changesSince(seq: number): number | null {
    const last = this.store.lastSeq();
    if (seq > last) return null;
    if (seq === last) return 0;
    const first = this.store.changesSince(seq, 1)[0];
    if (!first || first.seq !== seq + 1) {
      // Pruned up to some later entry: entries between are gone (unless nothing was written between).
      const oldest = this.store.changesSince(0, 1)[0]?.seq ?? last + 1;
      if (oldest > seq + 1) return null;
    }
    return last - seq;
  }

  /** A new sketch of every stored article, oldest first (a day is counted once per outlet: order matters). */
  private async countAll(): Promise<void> {
    const seq = this.store.lastSeq();
    // A store too small to save gets a small sketch (1 MB instead of 32: at a few hundred articles, as few false
    // formulas); the first update after it has grown past that counts it again at full size, and saves it.
    const ids = [...this.store.idsAddedBetween(null, null)].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const sketch = new FormulaSketch(undefined, this.dataDir && ids.length >= this.saveFrom() ? ROW_BITS : SMALL_ROW_BITS);
    let sliceStart = performance.now();
    for (const [id] of ids) {
      this.count(sketch, id);
      if (performance.now() - sliceStart > SLICE_MS) {
        if (this.stopping) throw new Error('the engine is closing');
        await nextBackgroundTurn();
        sliceStart = performance.now();
      }
    }
    this.sketch = sketch;
    this.seq = seq;
    this.unsaved = Math.max(ids.length, 1);
    // Articles written while it counted are in the journal after `seq`: the next update counts them.
  }

  /** Count the articles the journal wrote since the sketch's position. */
  private async countJournal(): Promise<void> {
    let sliceStart = performance.now();
    for (;;) {
      const changes = this.store.changesSince(this.seq, 256);
      if (!changes.length) return;
      for (const change of changes) {
        if (change.kind === 'upsert') this.count(this.sketch!, change.id);
        this.seq = change.seq;
        this.unsaved++;
        if (performance.now() - sliceStart > SLICE_MS) {
          if (this.stopping) throw new Error('the engine is closing');
          await nextBackgroundTurn();
          sliceStart = performance.now();
        }
      }
    }
  }

  /**
   * Count one stored article: from its stored analysis when it has one that reads (its terms only, not its text: a
   * third of the time of decoding the analysis), else analyzed from the article.
   */
  private count(sketch: FormulaSketch, id: string): void {
    const input = this.store.formulaInputOf(id);
    if (!input) return; // removed since
    const day = input.date ?? input.addedAt.slice(0, 10);
    const sequences = input.digestAnalysis ? storedTermSequences(input.digestAnalysis) : null;
    if (sequences) {
      const keys = storedShingleKeys(input.source, sequences);
      if (keys) sketch.addReport(keys, day);
      return;
    }
    const row = this.store.getForDigest(id);
    if (row) sketch.add(analyzeArticle(row.article));
  }

  /** Where the sketch is saved (only a full-size one: a small store's counting again costs less than reading 32 MB). */
  private file(): string | null {
    return this.dataDir ? path.join(this.dataDir, FORMULA_FILE) : null;
  }

  private saveFrom(): number {
    return this.options.saveFromArticles ?? SAVE_FROM_ARTICLES;
  }

  private async load(): Promise<[FormulaSketch, number] | null> {
    const file = this.file();
    if (!file) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`formula statistics not readable, counting them again (${(err as Error).message})`);
      return null;
    }
    const newline = bytes.indexOf(10);
    try {
      if (newline < 0) throw new Error('no header');
      const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
      if (header.layout !== FormulaSketch.layoutOf(ROW_BITS)) throw new Error('another layout');
      if (header.storeId !== this.store.storeId) throw new Error('it belongs to another database');
      if (!Number.isInteger(header.seq) || header.seq > this.store.lastSeq()) throw new Error('it is newer than the database');
      const counters = new Uint8Array(bytes.buffer, bytes.byteOffset + newline + 1, bytes.length - newline - 1);
      const sketch = new FormulaSketch(counters);
      sketch.reports = header.reports;
      sketch.copies = header.copies;
      return [sketch, header.seq];
    } catch (err) {
      this.log.warn(`formula statistics not usable, counting them again (${(err as Error).message})`);
      return null;
    }
  }

  /** Write the sketch as it is now, in the background, one write at a time. */
  private save(): void {
    const file = this.file();
    const sketch = this.sketch;
    if (!file || !sketch || sketch.layout !== FormulaSketch.layoutOf(ROW_BITS)) return;
    const header: Header = { layout: sketch.layout, storeId: this.store.storeId, seq: this.seq, reports: sketch.reports, copies: sketch.copies };
    // The counters are copied now: counting goes on while the file is written.
    const bytes = Buffer.concat([Buffer.from(JSON.stringify(header) + '\n', 'utf8'), ...sketch.rowsForSaving()]);
    this.unsaved = 0;
    const tmp = `${file}.${process.pid}.tmp`;
    this.saving = this.saving
      .then(() => writeFile(tmp, bytes))
      .then(() => rename(tmp, file))
      .catch(async (err: unknown) => {
        this.log.warn(`could not save the formula statistics in ${this.dataDir}: ${(err as Error).message}`);
        await rm(tmp, { force: true }).catch(() => {});
      });
  }
}

/**
 * Every shingle key of these reports (formulas.ts reportShingleKeys), sorted and each once: the digest worker's
 * question to the main thread.
 */
export function shingleKeysOf(docs: Iterable<AnalyzedArticle>): Uint32Array {
  const parts: (readonly number[])[] = [];
  let total = 0;
  for (const d of docs) {
    const keys = reportShingleKeys(d);
    if (!keys) continue;
    parts.push(keys.title, keys.run);
    total += keys.title.length + keys.run.length;
  }
  const all = new Uint32Array(total);
  let at = 0;
  for (const part of parts) for (const k of part) all[at++] = k;
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.slice(0, n);
}
