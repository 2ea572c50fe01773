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
