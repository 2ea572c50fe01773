import { rename, writeFile, readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import { analyze, analyzeTerm, cliticVariants, normalizeArabic, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { INDEX_OPTIONS, prepareQuery, type IndexedDoc } from './options.js';
import { rerankByGrams } from './rerank.js';
import { buildSnippet } from './snippet.js';
import type { SearchHit, SearchOptions, SearchResponse } from './types.js';

/**
 * Bumped whenever the analyzer or the indexed fields change, so an index saved by an older version is refused
 * by loadFrom (the Engine then rebuilds) instead of silently answering with stale terms.
 */
export const INDEX_VERSION = 4;

/** Discord allows at most 25 autocomplete choices. */
export const MAX_SUGGESTIONS = 25;
const DEFAULT_PAGE_SIZE = 10;

interface SavedIndex {
  version: number;
  meta: Record<string, unknown>;
  docs: DocMeta[];
  index: ReturnType<MiniSearch<IndexedDoc>['toJSON']>;
}

/** Where the index reads the full text of the few articles it shows or reranks: the store, or memory. */
export interface ArticleTexts {
  get(id: string): Article | undefined;
}

/** What the index keeps per article: enough to filter, list and suggest, never the body. */
type DocMeta = Pick<Article, 'id' | 'title' | 'date' | 'source' | 'addedAt'>;

/** Per-article data for title suggestions, computed once. */
interface TitleEntry {
  article: DocMeta;
  /** Normalized title with punctuation collapsed to single spaces, for whole-title and prefix comparison. */
  folded: string;
  terms: string[];
}

/**
 * Full-text search over articles: MiniSearch over title and body with the Arabic analyzer, ranking tuned on
 * ARCD (see options.ts), filters by date and source, paging, and markdown-safe snippets. The index changes in
 * place (add, replace, remove); bodies are read through `texts` only for the articles it reranks or shows.
 */
export class ArticleIndex {
  private readonly byId = new Map<string, DocMeta>();
  private readonly titles = new Map<string, TitleEntry>();
  /** Newest first: the default suggestions. Recomputed lazily after a change. */
  private newestCache: DocMeta[] | null = null;

  private constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    private readonly texts: ArticleTexts,
    docs: Iterable<DocMeta>,
  ) {
    for (const d of docs) this.remember(d);
  }

  static build(articles: Iterable<Article>, texts: ArticleTexts): ArticleIndex {
    const index = new ArticleIndex(new MiniSearch<IndexedDoc>(INDEX_OPTIONS), texts, []);
    for (const a of articles) index.add(a);
    return index;
  }

  /** Insert the article, or replace the one with the same id. */
  add(article: Article): void {
    if (this.mini.has(article.id)) this.mini.replace(toIndexedDoc(article));
    else this.mini.add(toIndexedDoc(article));
    this.remember(article);
  }

  remove(id: string): boolean {
    if (!this.mini.has(id)) return false;
    this.mini.discard(id);
    this.byId.delete(id);
    this.titles.delete(id);
    this.newestCache = null;
    return true;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Document frequencies over the analyzer's terms (title ∪ body), for digests' word rarity. */
  termStatistics(): { documentCount: number; documentFrequency(term: string): number } {
    // MiniSearch keeps term → field → (doc → frequency); it has no public document-frequency call.
    const tree = (this.mini as unknown as { _index: { get(t: string): Map<number, Map<number, number>> | undefined } })._index;
    return {
      documentCount: this.mini.documentCount,
      documentFrequency: (term) => {
        const fields = tree.get(term);
        if (!fields) return 0;
        const docs = new Set<number>();
        for (const postings of fields.values()) for (const d of postings.keys()) docs.add(d);
        return docs.size;
      },
    };
  }

  /** Save a point-in-time copy with the caller's `meta`, atomically (temporary file, then rename). */
  async saveTo(file: string, meta: Record<string, unknown>): Promise<void> {
    const saved: SavedIndex = { version: INDEX_VERSION, meta, docs: [...this.byId.values()], index: this.mini.toJSON() };
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(saved));
    await rename(tmp, file);
  }

  /** Reload a copy saved by saveTo. Throws when the file is damaged or was written by another INDEX_VERSION. */
  static async loadFrom(file: string, texts: ArticleTexts): Promise<{ index: ArticleIndex; meta: Record<string, unknown> }> {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedIndex>;
    if (saved?.version !== INDEX_VERSION || !saved.index || !Array.isArray(saved.docs) || !saved.meta) {
      throw new Error(`saved index has version ${String(saved?.version)}, this build reads version ${INDEX_VERSION}`);
    }
    const mini = MiniSearch.loadJS<IndexedDoc>(saved.index, INDEX_OPTIONS);
    if (mini.documentCount !== saved.docs.length || saved.docs.some((d) => !mini.has(d.id))) {
      throw new Error('saved index is inconsistent: its documents do not match its article list');
    }
    return { index: new ArticleIndex(mini, texts, saved.docs), meta: saved.meta };
  }

  private remember(a: DocMeta): void {
    const meta: DocMeta = { id: a.id, title: a.title, date: a.date, source: a.source, addedAt: a.addedAt };
    this.byId.set(a.id, meta);
    this.titles.set(a.id, { article: meta, folded: foldTitle(a.title), terms: analyze(a.title) });
    this.newestCache = null;
  }

  private get newest(): DocMeta[] {
    this.newestCache ??= [...this.byId.values()].sort(newestFirst);
    return this.newestCache;
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /**
   * Ranked articles for `query`. `total` counts every match that passes the filters; `results` is the page
   * [offset, offset + limit). A query made only of stopwords matches nothing.
   */
  search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = wholeNumber(options.limit, DEFAULT_PAGE_SIZE);
    const offset = wholeNumber(options.offset, 0);
    const ranked = this.rank(query, options);
    const results: SearchHit[] = [];
    for (const r of ranked.slice(offset, offset + limit)) {
      const a = this.texts.get(String(r.id));
      if (!a) continue;
      results.push({
        id: a.id,
        title: a.title,
        date: a.date,
        source: a.source,
        score: Math.round(r.score * 1000) / 1000,
        // r.terms are the index terms this article matched (fuzzy and prefix expansions included).
        snippet: buildSnippet(a, new Set(r.terms)),
      });
    }
    return { query, total: ranked.length, results };
  }

  /**
   * Ids of every article matching `query` and the filters, best first, without building snippets: for callers
   * that need the whole match set (a digest narrowed by a query) rather than a page to show.
   */
  matchingIds(query: string, options: Pick<SearchOptions, 'from' | 'to' | 'source'> = {}): string[] {
    return this.rank(query, options).map((r) => String(r.id));
  }

  /**
   * The ranking for `query`, restricted to articles passing the filters: MiniSearch with the shared query options,
   * then its best candidates reordered by character 4-gram overlap with the query (rerank.ts).
   */
  private rank(query: string, options: SearchOptions): SearchResult[] {
    const keep = this.filterFor(options);
    const prepared = prepareQuery(query);
    const results = this.mini.search(prepared.query, {
      ...prepared.options,
      filter: keep ? (r: SearchResult) => keep(this.byId.get(String(r.id))) : undefined,
    });
    return rerankByGrams(query, results, (id) => this.texts.get(id));
  }

  /**
   * Article choices for autocomplete. Ranked: whole title equal to the input, then titles (or ids) starting with
   * it, then titles containing all its words (the last as a prefix), then any article the full-text search finds.
   * Spelling variants are tolerated because both sides are normalized and stemmed: «امريكا» = «أمريكا»,
   * «بوريطه» = «بوريطة», «والمغرب» = «المغرب», harakat and tatweel ignored. Empty input: the newest articles.
   * Never more than min(limit, 25).
   */
  suggestTitles(prefix: string, limit = MAX_SUGGESTIONS): { id: string; title: string }[] {
    const n = Math.min(MAX_SUGGESTIONS, wholeNumber(limit, MAX_SUGGESTIONS));
    const input = prefix.trim();
    if (n === 0) return [];
    if (!input) return this.newest.slice(0, n).map(choice);

    const folded = foldTitle(input);
    const queryTerms = queryWordReadings(input);
    const partialLast = /[\p{L}\p{M}\p{N}]$/u.test(input) && analyzeTerm(tokenize(input).at(-1) ?? '') !== null;
    const tiers: DocMeta[][] = [[], [], []];
    for (const entry of this.titles.values()) {
      const id = entry.article.id;
      if (folded && entry.folded === folded) tiers[0].push(entry.article);
      else if ((folded && entry.folded.startsWith(folded)) || id.startsWith(input)) tiers[1].push(entry.article);
      else if (queryTerms.length && containsAllTerms(entry.terms, queryTerms, partialLast)) tiers[2].push(entry.article);
    }
    const picked = new Map<string, DocMeta>();
    for (const tier of tiers) {
      for (const a of tier.sort(newestFirst)) if (picked.size < n) picked.set(a.id, a);
    }
    if (picked.size < n && queryTerms.length) {
      const prepared = prepareQuery(input);
      for (const r of this.mini.search(prepared.query, prepared.options)) {
        if (picked.size >= n) break;
        const a = this.byId.get(String(r.id));
        if (a && !picked.has(a.id)) picked.set(a.id, a);
      }
    }
    return [...picked.values()].map(choice);
  }

  private filterFor(options: SearchOptions): ((a: DocMeta | undefined) => boolean) | null {
    const { from, to } = options;
    const source = options.source?.trim() ? normalizeArabic(options.source.trim()) : null;
    if (!from && !to && !source) return null;
    return (a) => {
      if (!a) return false;
      // Date bounds are inclusive; YYYY-MM-DD strings compare in calendar order. Undated articles cannot be
      // placed in a range, so a bound excludes them.
      if (from && (!a.date || a.date < from)) return false;
      if (to && (!a.date || a.date > to)) return false;
      if (source && !normalizeArabic(a.source ?? '').includes(source)) return false;
      return true;
    };
  }
}

function toIndexedDoc(a: Article): IndexedDoc {
  return { id: a.id, title: a.title, body: a.paragraphs.join('\n') };
}

function foldTitle(text: string): string {
  return normalizeArabic(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

/** Every query word has a reading among the title's terms; with `partialLast`, the last one may be a prefix. */
function containsAllTerms(titleTerms: readonly string[], queryWords: readonly string[][], partialLast: boolean): boolean {
  return queryWords.every((readings, i) =>
    readings.some((q) =>
      partialLast && i === queryWords.length - 1 ? titleTerms.some((t) => t.startsWith(q)) : titleTerms.includes(q),
    ),
  );
}

function newestFirst(a: DocMeta, b: DocMeta): number {
  const byDate = (b.date ?? '').localeCompare(a.date ?? '');
  if (byDate !== 0) return byDate;
  const byAdded = b.addedAt.localeCompare(a.addedAt);
  // Last, the id: the order must not depend on the order articles entered the index.
  return byAdded !== 0 ? byAdded : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function choice(a: DocMeta): { id: string; title: string } {
  return { id: a.id, title: a.title };
}

/** A non-negative integer from an optional option, or the fallback when absent or not a finite number. */
function wholeNumber(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(0, Math.floor(value));
}

/** Texts from articles already in memory (tests, benchmarks, tools that loaded a folder with loadCorpus). */
export function memoryTexts(articles: Iterable<Article>): ArticleTexts {
  const byId = new Map<string, Article>();
  for (const a of articles) byId.set(a.id, a);
  return { get: (id) => byId.get(id) };
}
