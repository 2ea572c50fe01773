import type { Article } from '../corpus/article.js';
import type { Quote } from '../quotes/quote.js';
import type { Digest } from './types.js';

export interface DigestInput {
  articles: Article[];
  quotesByArticle: ReadonlyMap<string, Quote[]>;
  since?: Date;
  /** When set, only these article ids (the engine resolves a query to ids through search). */
  onlyIds?: ReadonlySet<string>;
  now?: Date;
}

/** STUB — replaced by the real story grouping and extractive summaries. */
export function buildDigest(input: DigestInput): Digest {
  const now = input.now ?? new Date();
  const selected = input.articles.filter(
    (a) => (!input.since || Date.parse(a.addedAt) >= input.since.getTime()) && (!input.onlyIds || input.onlyIds.has(a.id)),
  );
  return {
    generatedAt: now.toISOString(),
    articleCount: selected.length,
    stories: selected.map((a) => {
      const q = input.quotesByArticle.get(a.id)?.[0];
      return {
        title: a.title,
        articleIds: [a.id],
        summary: a.paragraphs.slice(0, 2),
        quote: q ? { text: q.text, speaker: q.speaker, articleId: a.id } : null,
        sourceCount: 1,
      };
    }),
  };
}
