import Database from 'better-sqlite3';
import type { Article } from '../corpus/article.js';
import type { Quote } from '../quotes/quote.js';

/** What the store knows of one article file, to tell at start-up whether the file changed since it was parsed. */
export interface StoredFile {
  file: string;
  id: string;
  size: number;
  mtimeMs: number;
  contentHash: string;
  analysisVersion: string;
}

/** A folder listing (names in code-unit order) as a full comparison left the store. */
export interface ReconciledListing {
  writeGeneration: number;
  analysisVersion: string;
  names: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
}

/** A file that is not an article, remembered so it is not read again until it changes. */
export interface SkippedFile {
  file: string;
  size: number;
  mtimeMs: number;
  reason: string;
}

/** One parsed article file to store (insert, or replace the row of the same file). */
export interface ArticleWrite {
  file: string;
  size: number;
  mtimeMs: number;
  contentHash: string;
  analysisVersion: string;
  /** `addedAt` is ignored: the store sets it to the time the article was first seen. */
  article: Article;
  quotes: Quote[];
  /** Its digest analysis as digest/stored-analysis.ts encodes it (null: none kept; a digest analyzes it then). */
  digestAnalysis?: string | null;
  /** When this article is first seen if the store has never seen its id (the file's time on a first import). */
  firstSeenAt: string;
}

export interface CorpusBatch {
  upserts?: ArticleWrite[];
  /** Files gone from the folder (their articles leave the store). */
  removedFiles?: string[];
  skipped?: SkippedFile[];
  /** Files no longer skipped (gone, or now an article). */
  unskipped?: string[];
  /** Files whose bytes did not change although their size/time did (a `touch`, a copy): new time, same article. */
  touched?: { file: string; size: number; mtimeMs: number }[];
}

export interface ArticleChange {
  seq: number;
  id: string;
  kind: 'upsert' | 'remove';
}

/**
 * Where parsed articles live: the source of truth after the corpus folder itself. Kept small and synchronous so a
 * shared database (several bot processes over one corpus) can implement it later; everything above it (sync,
 * search index, quotations, digests) sees only this interface.
 */
export interface ArticleStore {
  /** Random, fixed when the store was created: a saved search index from another store is refused. */
  readonly storeId: string;
  /**
   * The stored files in name order after `afterFile` (null: from the first), at most `limit`: the whole file state
   * is read page by page, so a comparison of 30k files can yield between pages.
   */
  filesAfter(afterFile: string | null, limit: number): StoredFile[];
  /** The stored state of these files, and of the files holding these article ids. */
  filesNamed(names: readonly string[], ids: readonly string[]): Map<string, StoredFile>;
  skippedFiles(): Map<string, SkippedFile>;
  /**
   * Apply a batch atomically (all of it or none). Returns the journal position after it and the journal entry
   * of each article written, so the caller can index what it has in hand instead of reading it back.
   */
  write(batch: CorpusBatch, at: string): { seq: number; written: Map<number, Article> };
  /** Journal entries after `seq`, oldest first (at most `limit`). */
  changesSince(seq: number, limit?: number): ArticleChange[];
  lastSeq(): number;
  /**
   * Counts every write (articles, skipped files, touched times, a clear): two equal readings mean the store's file
   * state did not change in between, which lets a start-up trust a listing it has already reconciled (sync.ts).
   */
  writeGeneration(): number;
  /** The folder listing recorded by the last full comparison, with the write generation it was recorded at. */
  reconciledListing(): ReconciledListing | null;
  setReconciledListing(listing: ReconciledListing): void;
  /** Whether any stored article was analyzed by another parser or extractor version than `version`. */
  hasAnalysisOtherThan(version: string): boolean;
  get(id: string): Article | undefined;
  /** The article with its stored digest analysis (null when none was kept), for the digest worker. */
  getForDigest(id: string): { article: Article; digestAnalysis: string | null } | undefined;
  /**
   * What counting an article's outlet formulas needs (src/engine/formula-counts.ts): its outlet, day and stored
   * digest analysis, without its text (a whole archive is read this way).
   */
  formulaInputOf(id: string): { source: string | null; date: string | null; addedAt: string; digestAnalysis: string | null } | undefined;
  quotesOf(id: string): Quote[];
  /**
   * Articles in id order after `afterId` (null: from the first), at most `limit`: a whole corpus is read page by
   * page, so a caller can yield between pages (an open SQLite cursor would block every other read meanwhile).
   */
  articlesAfter(afterId: string | null, limit: number): Article[];
  /** The quotations of articles that have some, in id order after `afterId`, at most `limit` articles. */
  quotesAfter(afterId: string | null, limit: number): { id: string; quotes: Quote[] }[];
  /** Articles first seen in (after, until], oldest first. */
  addedBetween(after: string | null, until: string | null): Article[];
  /** The ids and first-seen times of those articles, without reading the articles. */
  idsAddedBetween(after: string | null, until: string | null): Map<string, string>;
  ids(): string[];
  count(): number;
  quoteCount(): number;
  state(key: string): string | null;
  setState(key: string, value: string): void;
  /** Drop journal entries at or before `seq` written before `before`: the snapshot no longer needs them. */
  pruneChanges(seq: number, before: string): number;
  /** Forget every article (the folder the store described is not the one being opened). */
  clearArticles(at: string): void;
}

interface ArticleRow {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  added_at: string;
  extra: string;
  paragraphs: string;
}

const FILE_COLUMNS = 'file, id, size, mtime_ms, content_hash, analysis_version';
type FileRow = [string, string, number, number, string, string];

function fileOfRow([file, id, size, mtimeMs, contentHash, analysisVersion]: FileRow): StoredFile {
  return { file, id, size, mtimeMs, contentHash, analysisVersion };
}

/** The corpus_state key counting writes (writeGeneration). */
const WRITE_GENERATION = 'write_generation';

const ARTICLE_COLUMNS = 'id, title, date, source, url, added_at, extra, paragraphs';

function rowToArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    source: row.source,
    url: row.url,
    ...(JSON.parse(row.extra) as Partial<Article>),
    paragraphs: JSON.parse(row.paragraphs) as string[],
    addedAt: row.added_at,
  };
}

/** The article store in DATA_DIR/nashra.db (tables from migration 2). */
export class SqliteArticleStore implements ArticleStore {
  readonly storeId: string;
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.storeId = (db.prepare("SELECT value FROM corpus_state WHERE key = 'store_id'").get() as { value: string }).value;
    this.stmt = {
      get: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`),
      getForDigest: db.prepare(`SELECT ${ARTICLE_COLUMNS}, digest_analysis FROM articles WHERE id = ?`),
      formulaInputOf: db.prepare('SELECT source, date, added_at, digest_analysis FROM articles WHERE id = ?'),
      quotes: db.prepare('SELECT quotes FROM articles WHERE id = ?'),
      idOfFile: db.prepare('SELECT id FROM articles WHERE file = ?'),
      firstSeen: db.prepare('INSERT OR IGNORE INTO article_first_seen (article_id, first_seen_at) VALUES (?, ?)'),
      firstSeenOf: db.prepare('SELECT first_seen_at FROM article_first_seen WHERE article_id = ?'),
      upsert: db.prepare(`
        INSERT INTO articles (id, file, size, mtime_ms, content_hash, analysis_version, title, date, source, url,
                              added_at, extra, paragraphs, quotes, quote_count, seq, digest_analysis)
        VALUES (@id, @file, @size, @mtimeMs, @contentHash, @analysisVersion, @title, @date, @source, @url,
                @addedAt, @extra, @paragraphs, @quotes, @quoteCount, @seq, @digestAnalysis)
        ON CONFLICT (id) DO UPDATE SET file = excluded.file, size = excluded.size, mtime_ms = excluded.mtime_ms,
          content_hash = excluded.content_hash, analysis_version = excluded.analysis_version, title = excluded.title,
          date = excluded.date, source = excluded.source, url = excluded.url, added_at = excluded.added_at,
          extra = excluded.extra, paragraphs = excluded.paragraphs, quotes = excluded.quotes,
          quote_count = excluded.quote_count, seq = excluded.seq, digest_analysis = excluded.digest_analysis`),
      deleteById: db.prepare('DELETE FROM articles WHERE id = ?'),
      change: db.prepare('INSERT INTO article_changes (article_id, kind, at) VALUES (?, ?, ?)'),
      touch: db.prepare('UPDATE articles SET size = ?, mtime_ms = ? WHERE file = ?'),
      skip: db.prepare(
        'INSERT INTO skipped_files (file, size, mtime_ms, reason) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (file) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, reason = excluded.reason',
      ),
      unskip: db.prepare('DELETE FROM skipped_files WHERE file = ?'),
      changesSince: db.prepare('SELECT seq, article_id AS id, kind FROM article_changes WHERE seq > ? ORDER BY seq LIMIT ?'),
      // AUTOINCREMENT keeps the highest seq ever used in sqlite_sequence, even after old entries are pruned.
      lastSeq: db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'article_changes'), 0) AS seq"),
      state: db.prepare('SELECT value FROM corpus_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO corpus_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      filesAfter: db.prepare(
        `SELECT ${FILE_COLUMNS} FROM articles INDEXED BY articles_file_state WHERE (? IS NULL OR file > ?) ORDER BY file LIMIT ?`,
      ),
      bumpGeneration: db.prepare(
        `INSERT INTO corpus_state (key, value) VALUES ('${WRITE_GENERATION}', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
      ),
    };
  }

  filesAfter(afterFile: string | null, limit: number): StoredFile[] {
    // Raw rows (arrays) rather than objects: this runs over every article at a full comparison.
    const rows = this.stmt.filesAfter.raw().all(afterFile, afterFile, limit) as FileRow[];
    return rows.map(fileOfRow);
  }

  filesNamed(names: readonly string[], ids: readonly string[]): Map<string, StoredFile> {
    const files = new Map<string, StoredFile>();
    const take = (column: 'file' | 'id', values: readonly string[]) => {
      for (let i = 0; i < values.length; i += 500) {
        const chunk = values.slice(i, i + 500);
        const rows = this.db
          .prepare(`SELECT ${FILE_COLUMNS} FROM articles WHERE ${column} IN (${chunk.map(() => '?').join(', ')})`)
          .raw()
          .all(...chunk) as FileRow[];
        for (const row of rows) files.set(row[0], fileOfRow(row));
      }
    };
    take('file', names);
    take('id', ids);
    return files;
  }

  skippedFiles(): Map<string, SkippedFile> {
    const rows = this.db.prepare('SELECT file, size, mtime_ms AS mtimeMs, reason FROM skipped_files').all() as SkippedFile[];
    return new Map(rows.map((r) => [r.file, r]));
  }

  write(batch: CorpusBatch, at: string): { seq: number; written: Map<number, Article> } {
    const { stmt } = this;
    const written = new Map<number, Article>();
    const run = this.db.transaction(() => {
      for (const file of batch.removedFiles ?? []) {
        const row = stmt.idOfFile.get(file) as { id: string } | undefined;
        if (!row) continue;
        stmt.deleteById.run(row.id);
        stmt.change.run(row.id, 'remove', at);
      }
      for (const w of batch.upserts ?? []) {
        const { id, title, date, source, url, paragraphs, addedAt: _ignored, ...extra } = w.article;
        stmt.firstSeen.run(id, w.firstSeenAt);
        const addedAt = (stmt.firstSeenOf.get(id) as { first_seen_at: string }).first_seen_at;
        const seq = Number(stmt.change.run(id, 'upsert', at).lastInsertRowid);
        written.set(seq, { ...w.article, addedAt });
        stmt.upsert.run({
          id,
          file: w.file,
          size: w.size,
          mtimeMs: w.mtimeMs,
          contentHash: w.contentHash,
          analysisVersion: w.analysisVersion,
          title,
          date,
          source,
          url,
          addedAt,
          extra: JSON.stringify(extra),
          paragraphs: JSON.stringify(paragraphs),
          quotes: JSON.stringify(w.quotes),
          quoteCount: w.quotes.length,
          seq,
          digestAnalysis: w.digestAnalysis ?? null,
        });
      }
      for (const t of batch.touched ?? []) stmt.touch.run(t.size, t.mtimeMs, t.file);
      for (const s of batch.skipped ?? []) stmt.skip.run(s.file, s.size, s.mtimeMs, s.reason);
      for (const file of batch.unskipped ?? []) stmt.unskip.run(file);
      stmt.bumpGeneration.run();
      return (stmt.lastSeq.get() as { seq: number }).seq;
    });
    return { seq: run(), written };
  }

  changesSince(seq: number, limit = 1_000_000): ArticleChange[] {
    return this.stmt.changesSince.all(seq, limit) as ArticleChange[];
  }

  lastSeq(): number {
    return (this.stmt.lastSeq.get() as { seq: number }).seq;
  }

  writeGeneration(): number {
    return Number(this.state(WRITE_GENERATION) ?? 0);
  }

  reconciledListing(): ReconciledListing | null {
    const row = this.db.prepare('SELECT write_generation, analysis_version, names, numbers FROM reconciled_listing WHERE id = 1').get() as
      | { write_generation: number; analysis_version: string; names: string; numbers: Buffer }
      | undefined;
    if (!row) return null;
    const names = row.names ? row.names.split('\0') : [];
    if (row.numbers.length !== names.length * 16) return null; // not what setReconciledListing writes: ignore it
    const numbers = new Float64Array(names.length * 2);
    new Uint8Array(numbers.buffer).set(row.numbers);
    const sizes = new Float64Array(names.length);
    const mtimes = new Float64Array(names.length);
    for (let i = 0; i < names.length; i++) {
      sizes[i] = numbers[2 * i];
      mtimes[i] = numbers[2 * i + 1];
    }
    return { writeGeneration: row.write_generation, analysisVersion: row.analysis_version, names, sizes, mtimes };
  }

  setReconciledListing(listing: ReconciledListing): void {
    const numbers = new Float64Array(listing.names.length * 2);
    for (let i = 0; i < listing.names.length; i++) {
      numbers[2 * i] = listing.sizes[i];
      numbers[2 * i + 1] = listing.mtimes[i];
    }
    this.db
      .prepare(
        `INSERT INTO reconciled_listing (id, write_generation, analysis_version, names, numbers) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET write_generation = excluded.write_generation, analysis_version = excluded.analysis_version,
           names = excluded.names, numbers = excluded.numbers`,
      )
      .run(listing.writeGeneration, listing.analysisVersion, listing.names.join('\0'), Buffer.from(numbers.buffer));
  }

  hasAnalysisOtherThan(version: string): boolean {
    // A scan of the covering index (~5 ms at 31k articles), not of the rows.
    const row = this.db
      .prepare('SELECT EXISTS (SELECT 1 FROM articles INDEXED BY articles_file_state WHERE analysis_version <> ?) AS other')
      .get(version) as { other: number };
    return row.other === 1;
  }

  get(id: string): Article | undefined {
    const row = this.stmt.get.get(id) as ArticleRow | undefined;
    return row ? rowToArticle(row) : undefined;
  }

  formulaInputOf(id: string): { source: string | null; date: string | null; addedAt: string; digestAnalysis: string | null } | undefined {
    const row = this.stmt.formulaInputOf.get(id) as { source: string | null; date: string | null; added_at: string; digest_analysis: string | null } | undefined;
    return row ? { source: row.source, date: row.date, addedAt: row.added_at, digestAnalysis: row.digest_analysis } : undefined;
  }

  getForDigest(id: string): { article: Article; digestAnalysis: string | null } | undefined {
    const row = this.stmt.getForDigest.get(id) as (ArticleRow & { digest_analysis: string | null }) | undefined;
    return row ? { article: rowToArticle(row), digestAnalysis: row.digest_analysis } : undefined;
  }

  quotesOf(id: string): Quote[] {
    const row = this.stmt.quotes.get(id) as { quotes: string } | undefined;
    return row ? (JSON.parse(row.quotes) as Quote[]) : [];
  }

  articlesAfter(afterId: string | null, limit: number): Article[] {
    const rows = this.db
      .prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE (? IS NULL OR id > ?) ORDER BY id LIMIT ?`)
      .all(afterId, afterId, limit) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  quotesAfter(afterId: string | null, limit: number): { id: string; quotes: Quote[] }[] {
    const rows = this.db
      .prepare('SELECT id, quotes FROM articles WHERE quote_count > 0 AND (? IS NULL OR id > ?) ORDER BY id LIMIT ?')
      .all(afterId, afterId, limit) as { id: string; quotes: string }[];
    return rows.map((r) => ({ id: r.id, quotes: JSON.parse(r.quotes) as Quote[] }));
  }

  addedBetween(after: string | null, until: string | null): Article[] {
    const rows = this.db
      .prepare(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE (? IS NULL OR added_at > ?) AND (? IS NULL OR added_at <= ?) ORDER BY added_at, id`,
      )
      .all(after, after, until, until) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  ids(): string[] {
    return (this.db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }

  idsAddedBetween(after: string | null, until: string | null): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT id, added_at FROM articles INDEXED BY articles_by_added_at WHERE (? IS NULL OR added_at > ?) AND (? IS NULL OR added_at <= ?) ORDER BY added_at, id',
      )
      .raw()
      .all(after, after, until, until) as [string, string][];
    return new Map(rows);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  }

  quoteCount(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(quote_count), 0) AS n FROM articles INDEXED BY articles_file_state').get() as { n: number }).n;
  }

  state(key: string): string | null {
    return (this.stmt.state.get(key) as { value: string } | undefined)?.value ?? null;
  }

  setState(key: string, value: string): void {
    this.stmt.setState.run(key, value);
  }

  pruneChanges(seq: number, before: string): number {
    return this.db.prepare('DELETE FROM article_changes WHERE seq <= ? AND at < ?').run(seq, before).changes;
  }

  clearArticles(at: string): void {
    this.db.transaction(() => {
      for (const { id } of this.db.prepare('SELECT id FROM articles').all() as { id: string }[]) {
        this.stmt.change.run(id, 'remove', at);
      }
      this.db.exec('DELETE FROM articles; DELETE FROM skipped_files;');
      this.stmt.bumpGeneration.run();
    })();
  }
}

/** The store's articles in id order, read by another thread than the store's owner (engine/index-segment-worker.ts). */
export interface ArticleReader {
  articlesAfter(afterId: string | null, limit: number): Article[];
  close(): void;
}

/**
 * A read-only connection to DATA_DIR's database, for a worker thread that reads articles while the main thread
 * reads the same rows through its own connection (WAL: readers never block each other or the writer).
 */
export function openArticleReader(databaseFile: string): ArticleReader {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const page = db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE (? IS NULL OR id > ?) ORDER BY id LIMIT ?`);
  return {
    articlesAfter: (afterId, limit) => (page.all(afterId, afterId, limit) as ArticleRow[]).map(rowToArticle),
    close: () => db.close(),
  };
}
