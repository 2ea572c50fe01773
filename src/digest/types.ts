import type { DayWithoutYear } from '../corpus/dates.js';

export interface StoryQuote {
  text: string;
  speaker: string | null;
  articleId: string;
}

export interface Story {
  title: string;
  articleIds: string[];
  /** 2–3 extractive sentences, no near-duplicates. */
  summary: string[];
  quote: StoryQuote | null;
  /** Number of distinct outlets/articles reporting the story. */
  sourceCount: number;
  /**
   * When its reports were published, shown beside the summary so that "when" survives a briefing read days later:
   * a summary sentence may say only «أمس» or «الخميس». The first and last publication days (YYYY-MM-DD) of the
   * articles that give one; absent when none does.
   */
  published?: { first: string; last: string };
  /** When no article gives a full date: the day one gives without a year (its most central such article). */
  publishedDayWithoutYear?: DayWithoutYear;
}

export interface Digest {
  generatedAt: string;
  /** Articles the digest was made from. */
  articleCount: number;
  /**
   * Older articles of the period left out: a digest reads at most the latest MAX_DIGEST_ARTICLES (a briefing of a
   * whole archive is neither readable nor quick). 0 when the whole period was read.
   */
  omittedCount?: number;
  /** Stories found, when only the first `stories` were made (a digest asked for at most so many); else absent. */
  storyCount?: number;
  stories: Story[];
}

export interface DigestOptions {
  /** Only articles whose addedAt is at or after this instant. */
  since?: Date;
  /** Only articles matching this search query. */
  query?: string;
  /** Clock, for tests. */
  now?: Date;
}
