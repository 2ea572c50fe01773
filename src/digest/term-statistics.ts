/**
 * Corpus-wide term statistics: how many documents of the whole corpus contain a term. Same-event judgement and
 * sentence salience weigh words by how rare they are in the CORPUS, never in the few articles a digest is asked
 * to brief: two fresh reports (an earthquake and a football match) that share «سجل» must not look alike just
 * because «سجل» is the only word the pair has in common (issue 13, item 7).
 *
 * The engine answers this from its search index (terms of the shared analyzer over title ∪ body); tests and the
 * benchmark build it in memory from a list of articles with `termStatisticsOf`.
 */
import { analyzeTerm, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';

export interface TermStatistics {
  /** Documents in the corpus. */
  readonly documentCount: number;
  /** Documents containing the analyzed term (shared analyzer, title ∪ body); 0 for a term never seen. */
  documentFrequency(term: string): number;
}

/** Distinct analyzed terms of an article's title and body. */
export function articleTermSet(article: Article): Set<string> {
  const terms = new Set<string>();
  const add = (text: string) => {
    for (const token of tokenize(text)) {
      const term = analyzeTerm(token);
      if (term) terms.add(term);
    }
  };
  add(article.title);
  for (const paragraph of article.paragraphs) add(paragraph);
  return terms;
}

/** In-memory statistics over a list of articles (tests, the benchmark, a small folder). */
export function termStatisticsOf(articles: Iterable<Article>): TermStatistics {
  const df = new Map<string, number>();
  let documentCount = 0;
  for (const article of articles) {
    documentCount++;
    for (const term of articleTermSet(article)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { documentCount, documentFrequency: (term) => df.get(term) ?? 0 };
}
