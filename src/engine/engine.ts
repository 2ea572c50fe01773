import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/article.js';
import { loadCorpus } from '../corpus/load.js';
import { buildDigest } from '../digest/digest.js';
import type { Digest } from '../digest/types.js';
import { extractQuotes } from '../quotes/extract.js';
import type { Quote } from '../quotes/quote.js';
import { QuoteIndex, type QuoteQuery } from '../quotes/quote-index.js';
import { ArticleIndex } from '../search/article-index.js';
import type { SearchOptions, SearchResponse } from '../search/types.js';
import { parseDay } from './dates.js';
import { MAX_QUERY_LENGTH, NashraError } from './errors.js';

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
  /** Where the search index is cached between runs; no caching when omitted. */
  dataDir?: string;
  log?: Logger;
}

export interface EngineStats {
  articleCount: number;
  quoteCount: number;
  /** When the current index was built (ISO), possibly in an earlier run when it was reloaded from disk. */
  indexedAt: string;
  /** True when the index came from the data folder rather than being rebuilt. */
  indexFromCache: boolean;
  fingerprint: string;
  warnings: string[];
}

interface Snapshot {
  articles: Article[];
  byId: Map<string, Article>;
  index: ArticleIndex;
  quotes: Quote[];
  quotesByArticle: Map<string, Quote[]>;
  quoteIndex: QuoteIndex;
  stats: EngineStats;
}

const INDEX_FORMAT = 2;

/**
 * The Nashra engine: one corpus folder, its search index, quotations and digests. The CLI and the bot are
 * thin shells around this class. State is an immutable snapshot swapped whole on reload, so a query never
 * sees half an index.
 */
export class Engine {
  private snapshot!: Snapshot;

  private constructor(private readonly options: EngineOptions & { log: Logger }) {}

  static async open(options: EngineOptions): Promise<Engine> {
    const engine = new Engine({ log: silentLogger, ...options });
    await engine.reload();
    return engine;
  }

  get corpusDir(): string {
    return this.options.corpusDir;
  }

  /** Re-read the corpus folder; re-index only when its fingerprint changed. Returns whether anything changed. */
  async reload(): Promise<boolean> {
    const { log, corpusDir, dataDir } = this.options;
    const corpus = await loadCorpus(corpusDir);
    for (const w of corpus.warnings) log.warn(w);
    if (this.snapshot && this.snapshot.stats.fingerprint === corpus.fingerprint) return false;

    let index: ArticleIndex | null = null;
    let indexedAt = new Date().toISOString();
    let indexFromCache = false;
    const cache = dataDir ? indexCachePaths(dataDir) : null;
    if (cache) {
      const meta = await readMeta(cache.meta);
      if (meta && meta.format === INDEX_FORMAT && meta.fingerprint === corpus.fingerprint) {
        try {
          index = ArticleIndex.fromJSON(await readFile(cache.index, 'utf8'), corpus.articles);
          indexedAt = meta.indexedAt;
          indexFromCache = true;
        } catch (err) {
          log.warn(`saved search index unreadable, rebuilding (${(err as Error).message})`);
        }
      }
    }
    if (!index) {
      index = ArticleIndex.build(corpus.articles);
      if (cache) {
        const meta: IndexMeta = { format: INDEX_FORMAT, fingerprint: corpus.fingerprint, indexedAt };
        await writeIndexCache(cache, index.toJSON(), meta).catch((err) =>
          log.warn(`could not save the search index in ${dataDir}: ${(err as Error).message}`),
        );
      }
    }

    const quotes = corpus.articles.flatMap((a) => extractQuotes(a));
    const quotesByArticle = new Map<string, Quote[]>();
    for (const q of quotes) {
      const list = quotesByArticle.get(q.articleId) ?? [];
      list.push(q);
      quotesByArticle.set(q.articleId, list);
    }
    this.snapshot = {
      articles: corpus.articles,
      byId: new Map(corpus.articles.map((a) => [a.id, a])),
      index,
      quotes,
      quotesByArticle,
      quoteIndex: QuoteIndex.build(quotes),
      stats: {
        articleCount: corpus.articles.length,
        quoteCount: quotes.length,
        indexedAt,
        indexFromCache,
        fingerprint: corpus.fingerprint,
        warnings: corpus.warnings,
      },
    };
    log.info(
      `corpus ${corpusDir}: ${corpus.articles.length} articles, ${quotes.length} quotations` +
        (indexFromCache ? ' (index reloaded from disk)' : ' (indexed)'),
    );
    return true;
  }

  articles(): readonly Article[] {
    return this.snapshot.articles;
  }

  /** The article with this id; throws UNKNOWN_ARTICLE otherwise. */
  article(id: string): Article {
    const article = this.snapshot.byId.get(id.trim());
    if (!article) throw new NashraError('UNKNOWN_ARTICLE', `no article with id "${id}"`);
    return article;
  }

  hasArticle(id: string): boolean {
    return this.snapshot.byId.has(id.trim());
  }

  search(query: string, options: SearchOptions = {}): SearchResponse {
    const q = checkQuery(query);
    checkDate(options.from, 'from');
    checkDate(options.to, 'to');
    return this.snapshot.index.search(q, options);
  }

  /** Article choices for autocomplete: tolerant of spelling variants; sensible defaults on empty input. */
  suggestArticles(prefix: string, limit = 25): { id: string; title: string }[] {
    return this.snapshot.index.suggestTitles(prefix.slice(0, MAX_QUERY_LENGTH), limit);
  }

  quotes(query = '', options: QuoteQuery = {}): Quote[] {
    if (query.length > MAX_QUERY_LENGTH) checkQuery(query);
    if (options.articleId) this.article(options.articleId);
    return this.snapshot.quoteIndex.search(query.trim(), options);
  }

  quotesFor(articleId: string): Quote[] {
    return this.snapshot.quotesByArticle.get(articleId) ?? [];
  }

  suggestSpeakers(prefix: string, limit = 25): string[] {
    return this.snapshot.quoteIndex.speakers(prefix.slice(0, MAX_QUERY_LENGTH), limit);
  }

  digest(options: { since?: Date; query?: string; now?: Date; articles?: readonly Article[] } = {}): Digest {
    let onlyIds: Set<string> | undefined;
    if (options.query !== undefined) {
      const q = checkQuery(options.query);
      onlyIds = new Set(this.snapshot.index.matchingIds(q));
    }
    return buildDigest({
      articles: [...(options.articles ?? this.snapshot.articles)],
      quotesByArticle: this.snapshot.quotesByArticle,
      since: options.since,
      onlyIds,
      now: options.now,
    });
  }

  stats(): EngineStats {
    return this.snapshot.stats;
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

/**
 * The index is cached as two files: the MiniSearch JSON itself, and a small meta file naming the corpus
 * fingerprint it was built from. The meta file is written last, so a crash mid-write leaves a mismatch
 * (rebuild), never a half-read index; keeping the big JSON separate avoids encoding it twice.
 */
interface IndexMeta {
  format: number;
  fingerprint: string;
  indexedAt: string;
}

function indexCachePaths(dataDir: string) {
  return { index: path.join(dataDir, 'search-index.json'), meta: path.join(dataDir, 'search-index.meta.json') };
}

async function readMeta(file: string): Promise<IndexMeta | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as IndexMeta;
  } catch {
    return null;
  }
}

async function writeIndexCache(paths: { index: string; meta: string }, indexJson: string, meta: IndexMeta): Promise<void> {
  await mkdir(path.dirname(paths.index), { recursive: true });
  await atomicWrite(paths.meta, JSON.stringify({ ...meta, fingerprint: 'pending' }));
  await atomicWrite(paths.index, indexJson);
  await atomicWrite(paths.meta, JSON.stringify(meta));
}

/** Write to a temporary file then rename, so readers never see a partly written file. */
async function atomicWrite(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}
