/**
 * Ingestion's outcomes as values (MonitoRSS feed-requests style): fetching, extraction and writing each return a
 * typed result instead of throwing, so one bad page or feed is reported and the rest go on.
 */

/** Why a fetch failed. Each comes with a message a person can act on. */
export type FetchFailure =
  | 'invalid-url'
  | 'network'
  | 'timeout'
  | 'too-many-redirects'
  | 'http-status'
  | 'too-large'
  | 'not-html'
  | 'not-a-feed-type'
  | 'aborted';

export type FetchOutcome =
  | {
      kind: 'ok';
      /** The URL that answered, after redirects. */
      finalUrl: string;
      status: number;
      contentType: string | null;
      body: Uint8Array;
      etag: string | null;
      lastModified: string | null;
    }
  /** 304 Not Modified to a conditional GET. */
  | { kind: 'not-modified'; finalUrl: string }
  | { kind: 'failed'; reason: FetchFailure; message: string; status?: number };

/** Metadata and text of an article page, before the corpus parser sees it. */
export interface ExtractedPage {
  title: string | null;
  /** YYYY-MM-DD from the page's own metadata, or null (the parser may still find the text's date). */
  date: string | null;
  source: string | null;
  author: string | null;
  /** canonical / og:url, else the final URL; http(s) only. */
  url: string;
  paragraphs: string[];
}

/** One item of an RSS or Atom feed, normalized. */
export interface FeedItem {
  /** What identifies the item across polls: the GUID/Atom id, else the link. */
  key: string;
  link: string | null;
  title: string | null;
  /** As the feed writes it (ISO or RFC 822); turned into YYYY-MM-DD when the article is written. */
  published: string | null;
  author: string | null;
  /** content:encoded / Atom content, else description / summary: HTML. */
  contentHtml: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string | null;
  items: FeedItem[];
}

/** An article file ready to be written: its text, and what the project's parser read from exactly that text. */
export interface ArticleDraft {
  /** File name in the corpus folder (with .md). */
  fileName: string;
  text: string;
  /** The normalized body's hash: the same story under two URLs has the same hash. */
  contentHash: string;
  /** What the corpus parser read from `text` (the fields of the CLI's `added`). */
  article: { id: string; title: string; date: string | null; source: string | null; url: string | null };
}

/** `added` / `skipped` / `errors` of `nashra add` and `nashra fetch` (README, CLI). */
export interface AddedArticle {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  /** Path of the written file. */
  file: string;
}

export interface IngestReport {
  added: AddedArticle[];
  skipped: { url: string; reason: string }[];
  errors: { url: string; error: string }[];
}

export const emptyReport = (): IngestReport => ({ added: [], skipped: [], errors: [] });

export function mergeReports(into: IngestReport, from: IngestReport): IngestReport {
  into.added.push(...from.added);
  into.skipped.push(...from.skipped);
  into.errors.push(...from.errors);
  return into;
}

/** Where log lines go (the bot's logger, or stderr in the CLI). */
export interface IngestLogger {
  info(message: string): void;
  warn(message: string): void;
}
