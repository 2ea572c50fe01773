import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/article.js';
import { loadCorpus } from '../corpus/load.js';
import { buildDigest } from '../digest/digest.js';
import type { Digest } from '../digest/types.js';
import { extractQuotes } from '../quotes/extract.js';
import type { Quote } from '../quotes/quote.js';
import { QuoteIndex, type QuoteQuery } from '../quotes/quote-index.js';
import { ArticleIndex, textsOf } from '../search/article-index.js';
import type { SearchOptions, SearchResponse } from '../search/types.js';
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

const INDEX_FORMAT = 3;

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
    const texts = textsOf(corpus.articles);
    const cache = dataDir ? path.join(dataDir, INDEX_FILE) : null;
    if (cache && (await exists(cache))) {
      try {
        const loaded = await ArticleIndex.loadFrom(cache, texts);
        const meta = loaded.meta as Partial<IndexMeta>;
        if (meta.format === INDEX_FORMAT && meta.fingerprint === corpus.fingerprint && typeof meta.indexedAt === 'string') {
          index = loaded.index;
          indexedAt = meta.indexedAt;
          indexFromCache = true;
        }
      } catch (err) {
        log.warn(`saved search index unreadable, rebuilding (${(err as Error).message})`);
      }
    }
    if (!index) {
      index = ArticleIndex.build(corpus.articles, texts);
      if (cache) {
        const meta: IndexMeta = { format: INDEX_FORMAT, fingerprint: corpus.fingerprint, indexedAt };
        await mkdir(path.dirname(cache), { recursive: true })
          .then(() => index!.saveTo(cache, { ...meta }))
          .catch((err) => log.warn(`could not save the search index in ${dataDir}: ${(err as Error).message}`));
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

/** Accepts YYYY-MM-DD that names a real calendar day. */
export function checkDate(value: string | undefined, name: string): void {
  if (value === undefined) return;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new NashraError('INVALID_DATE', `--${name} must be a date written YYYY-MM-DD, got "${value}"`);
  }
}

/**
 * The index is cached as one file (ArticleIndex.saveTo: written to a temporary file, then renamed) whose meta names
 * the corpus fingerprint it was built from: a different corpus, format or a damaged file means a rebuild.
 */
interface IndexMeta {
  format: number;
  fingerprint: string;
  indexedAt: string;
}

const INDEX_FILE = 'search-index.bin';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
