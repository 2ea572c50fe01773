import type { Article } from '../../src/corpus/article.js';

/** An article of these paragraphs and nothing else (no date, source or url): for tests on sentences written for them. */
export const articleOf = (...paragraphs: string[]): Article => ({
  id: 't',
  title: 't',
  date: null,
  source: null,
  url: null,
  addedAt: new Date(0).toISOString(),
  paragraphs,
});
