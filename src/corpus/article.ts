import type { DayWithoutYear } from './dates.js';

/** One news article, cleaned of site chrome. Produced by src/corpus, consumed by everything downstream. */
export interface Article {
  /** File name without its extension: stable, unique within a corpus folder. */
  id: string;
  title: string;
  /** Publication date as YYYY-MM-DD, or null when the text gives no full date. */
  date: string | null;
  /** Outlet, agency or dateline source (e.g. «د ب أ»), or null. */
  source: string | null;
  url: string | null;
  /**
   * Optional: the place line that opens a wire story (seed 001 «مراكش/المغرب-(د ب أ):» → «مراكش/المغرب»; seed 002
   * «الرباط ـ» → «الرباط»). Absent when the article has none.
   */
  dateline?: string;
  /**
   * Optional: true when the text had no headline and `title` was cut from the first sentence (seed 004). Digests
   * then prefer another report's real headline as the story's title.
   */
  titleInferred?: boolean;
  /** Optional: the byline's author, from front matter (pages and feeds fetched by src/ingest carry it when known). */
  author?: string;
  /** Optional: when src/ingest fetched the page (ISO 8601), from front matter. */
  fetchedAt?: string;
  /**
   * Optional: the publication day when the text gives it without a year that can be told («أمس الأربعاء 11 مايو»,
   * seed 004 → Thursday 12 May); `date` is then null. Renderers show it as written rather than "no date".
   */
  dayWithoutYear?: DayWithoutYear;
  /** Body paragraphs in reading order (the title is not repeated here). */
  paragraphs: string[];
  /**
   * When the article entered the corpus (ISO 8601 timestamp). The file's modification time by default; the bot's
   * store replaces it with the time the article was first seen. Digests select "articles added since" on this.
   */
  addedAt: string;
}
