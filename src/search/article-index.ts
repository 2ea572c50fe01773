import MiniSearch from 'minisearch';
import { analyze, analyzeTerm, normalizeArabic, splitSentences, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import type { SearchHit, SearchOptions, SearchResponse } from './types.js';

interface IndexedDoc {
  id: string;
  title: string;
  body: string;
}

const MINISEARCH_OPTIONS = {
  fields: ['title', 'body'],
  storeFields: [] as string[],
  // Our analyzer does normalization, stopwords and stemming; MiniSearch only splits.
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => analyzeTerm(term) ?? null,
};

/** STUB (first version) — MiniSearch over title and body with the Arabic analyzer; tuned later by measurement. */
export class ArticleIndex {
  private readonly byId: Map<string, Article>;

  private constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    articles: Article[],
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
  }

  static build(articles: Article[]): ArticleIndex {
    const mini = new MiniSearch<IndexedDoc>(MINISEARCH_OPTIONS);
    mini.addAll(articles.map((a) => ({ id: a.id, title: a.title, body: a.paragraphs.join('\n') })));
    return new ArticleIndex(mini, articles);
  }

  static fromJSON(json: string, articles: Article[]): ArticleIndex {
    return new ArticleIndex(MiniSearch.loadJSON<IndexedDoc>(json, MINISEARCH_OPTIONS), articles);
  }

  toJSON(): string {
    return JSON.stringify(this.mini);
  }

  search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = options.limit ?? 10;
    const offset = options.offset ?? 0;
    const raw = this.mini.search(query, { boost: { title: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' });
    const filtered = raw.filter((r) => {
      const a = this.byId.get(String(r.id));
      if (!a) return false;
      if ((options.from || options.to) && !a.date) return false;
      if (options.from && a.date! < options.from) return false;
      if (options.to && a.date! > options.to) return false;
      if (options.source && !normalizeArabic(a.source ?? '').includes(normalizeArabic(options.source))) return false;
      return true;
    });
    const terms = new Set(analyze(query));
    const results: SearchHit[] = filtered.slice(offset, offset + limit).map((r) => {
      const a = this.byId.get(String(r.id))!;
      return { id: a.id, title: a.title, date: a.date, source: a.source, score: Math.round(r.score * 1000) / 1000, snippet: bestSentence(a, terms) };
    });
    return { query, total: filtered.length, results };
  }

  suggestTitles(prefix: string, limit = 25): { id: string; title: string }[] {
    const articles = [...this.byId.values()];
    if (!prefix.trim()) return articles.slice(0, limit).map((a) => ({ id: a.id, title: a.title }));
    return this.mini
      .search(prefix, { prefix: true, fuzzy: 0.2, boost: { title: 3 } })
      .slice(0, limit)
      .map((r) => this.byId.get(String(r.id))!)
      .map((a) => ({ id: a.id, title: a.title }));
  }
}

function bestSentence(article: Article, terms: Set<string>): string {
  let best = '';
  let bestScore = -1;
  for (const p of article.paragraphs) {
    for (const s of splitSentences(p)) {
      const score = analyze(s).filter((t) => terms.has(t)).length;
      if (score > bestScore) [best, bestScore] = [s, score];
    }
  }
  return best.slice(0, 300);
}
