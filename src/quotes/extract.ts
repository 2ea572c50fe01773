import type { Article } from '../corpus/article.js';
import type { Quote } from './quote.js';

/** STUB — replaced by the real extractor (mixed marks, speakers, roles, cross-sentence resolution). */
export function extractQuotes(article: Article): Quote[] {
  const quotes: Quote[] = [];
  article.paragraphs.forEach((p, paragraph) => {
    for (const m of p.matchAll(/«([^»]{20,})»/g)) {
      quotes.push({ articleId: article.id, text: m[1].trim(), speaker: null, speakerRole: null, paragraph });
    }
  });
  return quotes;
}
