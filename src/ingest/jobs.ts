/**
 * The CPU-heavy steps of ingestion as plain functions of plain data: decode the bytes, extract or parse, render
 * the article file and parse it with the corpus parser. They run in the extraction worker (worker.ts), so a big
 * page never blocks the bot's event loop; tests may call them directly.
 */
import { articleFileName, draftArticle, draftFromText, type DraftResult } from './article-file.js';
import { decodeBody } from './charset.js';
import { dayOf, extractPage, type PageFallback } from './extract.js';
import { parseFeedXml, type FeedParse } from './feed.js';
import { htmlToParagraphs } from './html-text.js';

export type Job =
  /** An article page as fetched. */
  | { kind: 'page'; body: Uint8Array; contentType: string | null; finalUrl: string; fetchedAt: string; fallback?: PageFallback }
  /** A feed item's own content, when its page could not be fetched. */
  | {
      kind: 'item-content';
      html: string;
      url: string | null;
      /** Names the file when the item has no link (its GUID). */
      key: string;
      feedUrl: string;
      fetchedAt: string;
      title: string | null;
      published: string | null;
      author: string | null;
      source: string | null;
    }
  /** A feed document as fetched. */
  | { kind: 'feed'; body: Uint8Array; contentType: string | null }
  /** An article file given to `nashra add`. */
  | { kind: 'file'; text: string; fileName: string; label: string };

export type JobResult<J extends Job> = J extends { kind: 'feed' } ? FeedParse : PageDraft;

/** A draft, plus the charset the page was read in (for the log). */
export type PageDraft = (DraftResult & { encoding?: string; note?: string });

export function runJob(job: Job): FeedParse | PageDraft {
  switch (job.kind) {
    case 'page': {
      const decoded = decodeBody(job.body, job.contentType, 'html');
      const extraction = extractPage(decoded.text, job.finalUrl, job.fallback);
      if (!extraction.ok) return { ok: false, message: extraction.message };
      const { page } = extraction;
      const result = draftArticle(
        articleFileName(page.url),
        { ...page, fetchedAt: job.fetchedAt },
        page.url,
      );
      return { ...result, encoding: decoded.encoding, ...(decoded.note ? { note: decoded.note } : {}) };
    }
    case 'item-content': {
      const paragraphs = htmlToParagraphs(job.html);
      // An item without a link is named after its GUID within its feed: stable across polls.
      const nameUrl = job.url ?? `${job.feedUrl}#${encodeURIComponent(job.key)}`;
      return draftArticle(
        articleFileName(nameUrl),
        {
          title: job.title,
          date: dayOf(job.published),
          source: job.source,
          url: job.url,
          author: job.author,
          fetchedAt: job.fetchedAt,
          paragraphs,
        },
        job.url ?? job.key,
      );
    }
    case 'feed': {
      const decoded = decodeBody(job.body, job.contentType, 'xml');
      return parseFeedXml(decoded.text);
    }
    case 'file':
      return draftFromText(job.fileName, job.text, job.label);
  }
}
