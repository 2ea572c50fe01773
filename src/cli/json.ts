/**
 * The CLI's JSON documents. These shapes are a contract other tools rely on (README, "CLI"), so they are built
 * field by field here rather than by dumping internal objects, which may grow fields.
 */
import type { Article } from '../corpus/article.js';
import type { Digest } from '../digest/types.js';
import type { Quote } from '../quotes/quote.js';
import type { SearchResponse } from '../search/types.js';

export function searchJson(response: SearchResponse) {
  return {
    query: response.query,
    total: response.total,
    results: response.results.map((r) => ({
      id: r.id,
      title: r.title,
      date: r.date,
      source: r.source,
      score: r.score,
      snippet: r.snippet,
    })),
  };
}

export function quoteJson(q: Quote) {
  return {
    articleId: q.articleId,
    text: q.text,
    speaker: q.speaker,
    speakerRole: q.speakerRole,
    // A quotation stored by an older extractor has no kind; a name then was always a person's.
    speakerKind: q.speakerKind ?? (q.speaker ? 'person' : 'unnamed'),
    paragraph: q.paragraph,
  };
}

export function articleJson(article: Article, quotes: Quote[]) {
  return {
    id: article.id,
    title: article.title,
    date: article.date,
    source: article.source,
    url: article.url,
    paragraphs: article.paragraphs,
    quotes: quotes.map(quoteJson),
  };
}

export function quotesJson(quotes: Quote[]) {
  return { quotes: quotes.map(quoteJson) };
}

export function digestJson(digest: Digest) {
  return {
    generatedAt: digest.generatedAt,
    articleCount: digest.articleCount,
    omittedCount: digest.omittedCount ?? 0,
    stories: digest.stories.map((s) => ({
      title: s.title,
      articleIds: s.articleIds,
      summary: s.summary,
      quote: s.quote ? { text: s.quote.text, speaker: s.quote.speaker, articleId: s.quote.articleId } : null,
    })),
  };
}
