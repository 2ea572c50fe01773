/**
 * Ingestion: pages by URL, files, and feed items → article files in the corpus folder, each once.
 *
 * Steps stay separate (MonitoRSS feed-requests style): fetch (http.ts) → extract/parse in the worker (jobs.ts) →
 * commit (dedup against the ledger, write.ts, record). Each step yields a typed outcome; the report of a run lists
 * what was added, what was skipped as a duplicate, and what failed, and a failure changes nothing on disk.
 *
 * An article is one file, and is ingested once:
 * - by URL: the URL asked for (or a feed item's link) and the page's canonical URL are looked up in the ledger;
 * - by content: the hash of the normalized body (article-file.ts) — the same wire story under two URLs, or the
 *   same file given twice under two names, is one file;
 * - by feed item: a feed's GUID (else link) is remembered per feed, so an item is fetched once, and an item whose
 *   page and feed content both failed is retried on later polls, at most MAX_ITEM_ATTEMPTS times.
 * A file the team deletes from the folder stays in the ledger: it is not brought back by the next poll.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedRecord, FeedRepository, IngestedRecord } from '../store/feeds.js';
import { fetchResource, httpUrl, type FetchOptions } from './http.js';
import { emptyReport, type ArticleDraft, type FeedItem, type IngestLogger, type IngestReport } from './types.js';
import { ExtractionWorker } from './worker-pool.js';
import { alternativeName, writeArticleFile } from './write.js';

/** An item that failed this many polls in a row is given up (its error was reported each time). */
export const MAX_ITEM_ATTEMPTS = 3;
/** Backoff never waits longer than a day between polls of a failing feed. */
export const MAX_BACKOFF_MS = 24 * 3_600_000;
/** The corpus loader reads files of at most 2 MB (src/corpus/load.ts). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** How many alternative names to try when different articles hold a file name (a hash collision, a user's file). */
const MAX_NAME_ATTEMPTS = 5;

export interface IngestorOptions {
  corpusDir: string;
  feeds: FeedRepository;
  worker?: ExtractionWorker;
  log?: IngestLogger;
  /** Timeouts and size caps of page and feed requests. */
  http?: Pick<FetchOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>;
  /** The poll interval (for the backoff after failures); default 15. */
  pollMinutes?: number;
  clock?: () => Date;
  /** Called with the paths of the article files a run wrote (the engine indexes them). */
  onArticlesWritten?: (files: string[]) => void;
}

/** One feed poll: new items, nothing new (304, or only items already seen), or a failure (with the backoff). */
export type FeedPoll =
  | { outcome: 'new' | 'unchanged'; feed: FeedRecord; report: IngestReport }
  | { outcome: 'failed'; feed: FeedRecord; error: string; report: IngestReport };

export type AddFeedResult =
  | { kind: 'added' | 'exists'; feed: FeedRecord; itemCount: number }
  | { kind: 'failed'; message: string };

type Commit =
  | { kind: 'added'; record: IngestedRecord; file: string; article: ArticleDraft['article'] }
  | { kind: 'duplicate'; record: IngestedRecord; reason: string }
  | { kind: 'failed'; message: string };

const silent: IngestLogger = { info: () => {}, warn: () => {} };

/** A URL as the ledger keys it: parsed and re-serialized (case of the host, default port, escapes). */
export function normalizeUrl(raw: string): string | null {
  return httpUrl(raw.trim())?.href ?? null;
}

export class Ingestor {
  readonly corpusDir: string;
  private readonly feeds: FeedRepository;
  private readonly worker: ExtractionWorker;
  private readonly ownsWorker: boolean;
  private readonly log: IngestLogger;
  private readonly clock: () => Date;
  private readonly pollMs: number;

  constructor(private readonly options: IngestorOptions) {
    this.corpusDir = options.corpusDir;
    this.feeds = options.feeds;
    this.ownsWorker = !options.worker;
    this.worker = options.worker ?? new ExtractionWorker();
    this.log = options.log ?? silent;
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = (options.pollMinutes ?? 15) * 60_000;
  }

  async close(): Promise<void> {
    if (this.ownsWorker) await this.worker.close();
  }

  // ---------------------------------------------------------------- add: URLs and files

  /** `nashra add`: each argument is an http(s) URL (fetched) or a path to a .txt/.md file (copied). */
  async add(inputs: readonly string[], signal?: AbortSignal): Promise<IngestReport> {
    const report = emptyReport();
    const written: string[] = [];
    for (const input of inputs) {
      if (signal?.aborted) break;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) await this.addUrlInto(input, report, written, signal);
      else await this.addFileInto(input, report, written);
    }
    this.announce(written);
    return report;
  }

  private async addUrlInto(raw: string, report: IngestReport, written: string[], signal?: AbortSignal): Promise<void> {
    const url = normalizeUrl(raw);
    if (!url) {
      report.errors.push({ url: raw, error: `not an http(s) URL: ${raw}` });
      return;
    }
    const known = this.feeds.ingestedByUrl(url);
    if (known) {
      report.skipped.push({ url: raw, reason: `already in the corpus as ${known.file}` });
      return;
    }
    const page = await this.fetchPage(url, {}, signal);
    if (!page.ok) {
      report.errors.push({ url: raw, error: page.message });
      return;
    }
    this.record(await this.commit(page.draft), raw, report, written);
  }

  private async addFileInto(input: string, report: IngestReport, written: string[]): Promise<void> {
    const file = path.resolve(input);
    const name = path.basename(file);
    const fail = (error: string) => report.errors.push({ url: input, error });
    if (!/\.(md|txt)$/i.test(name)) return void fail(`${input}: only .txt and .md article files can be added (for a web page, give its URL)`);
    if (name.startsWith('.')) return void fail(`${input}: hidden files are not read as articles; rename it without the leading «.»`);
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => err);
    if (info instanceof Error) return void fail(`${input}: ${info.code === 'ENOENT' ? 'no such file' : `cannot be read (${info.code})`}`);
    if (!info.isFile()) return void fail(`${input}: not a file`);
    if (info.size > MAX_FILE_BYTES) return void fail(`${input}: too large (${(info.size / 1024 / 1024).toFixed(1)} MB; an article file is at most 2 MB)`);
    if (path.dirname(file) === path.resolve(this.corpusDir)) return void report.skipped.push({ url: input, reason: 'already in the corpus folder' });
    const bytes = await readFile(file);
    if (bytes.includes(0)) return void fail(`${input}: binary file (contains NUL bytes), not text`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return void fail(`${input}: not valid UTF-8 text`);
    }
    const draft = await this.worker.run({ kind: 'file', text, fileName: name, label: input });
    if (!draft.ok) return void fail(draft.message);
    this.record(await this.commit(draft.draft), input, report, written);
  }

  // ---------------------------------------------------------------- pages

  /** Fetch a page and draft its article file (in the worker). */
  private async fetchPage(url: string, fallback: PageFallbackInput, signal?: AbortSignal): Promise<{ ok: true; draft: ArticleDraft } | { ok: false; message: string }> {
    const fetched = await fetchResource(url, { kind: 'page', ...this.options.http, signal });
    if (fetched.kind === 'not-modified') return { ok: false, message: `${url} answered 304 Not Modified to a plain GET` };
    if (fetched.kind === 'failed') return { ok: false, message: fetched.message };
    const result = await this.worker.run({
      kind: 'page',
      body: fetched.body,
      contentType: fetched.contentType,
      finalUrl: fetched.finalUrl,
      fetchedAt: this.clock().toISOString(),
      fallback,
    });
    if (!result.ok) return result;
    if (result.note) this.log.warn(`${url}: ${result.note}`);
    return { ok: true, draft: result.draft };
  }

  // ---------------------------------------------------------------- commit: dedup, write, record

  private async commit(draft: ArticleDraft): Promise<Commit> {
    const sameText = this.feeds.ingestedByHash(draft.contentHash);
    if (sameText) return { kind: 'duplicate', record: sameText, reason: `same text as ${sameText.file}, already in the corpus` };
    if (draft.article.url) {
      const sameUrl = this.feeds.ingestedByUrl(draft.article.url);
      if (sameUrl) return { kind: 'duplicate', record: sameUrl, reason: `already in the corpus as ${sameUrl.file}` };
    }
    let fileName = draft.fileName;
    for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
      const outcome = await writeArticleFile(this.corpusDir, fileName, draft.text);
      if (outcome.kind === 'failed') return { kind: 'failed', message: outcome.message };
      if (outcome.kind === 'taken') {
        // The name is held: by this very article (written before a crash, or by another process), or by another.
        const existing = await this.existingDraft(outcome.file);
        if (existing?.contentHash === draft.contentHash) {
          const { record } = this.remember(path.basename(outcome.file), draft);
          return { kind: 'duplicate', record, reason: `already in the corpus as ${record.file}` };
        }
        fileName = alternativeName(draft.fileName, attempt + 1);
        continue;
      }
      const { record, created } = this.remember(path.basename(outcome.file), draft);
      if (outcome.kind === 'identical' || !created) {
        return { kind: 'duplicate', record, reason: `already in the corpus as ${record.file}` };
      }
      // The id is the file name actually used (an alternative name when a different article held the first).
      const id = path.basename(outcome.file).replace(/\.(md|txt)$/i, '');
      return { kind: 'added', record, file: outcome.file, article: { ...draft.article, id } };
    }
    return { kind: 'failed', message: `${draft.fileName}: ${MAX_NAME_ATTEMPTS} different articles already use this file name` };
  }

  private remember(file: string, draft: ArticleDraft) {
    return this.feeds.recordIngested({ file, url: draft.article.url, contentHash: draft.contentHash, ingestedAt: this.clock().toISOString() });
  }

  private async existingDraft(file: string): Promise<ArticleDraft | null> {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return null;
    const result = await this.worker.run({ kind: 'file', text, fileName: path.basename(file), label: file });
    return result.ok ? result.draft : null;
  }

  /** Put a commit's outcome into the report. */
  private record(commit: Commit, label: string, report: IngestReport, written: string[]): void {
    if (commit.kind === 'failed') {
      report.errors.push({ url: label, error: commit.message });
    } else if (commit.kind === 'duplicate') {
      report.skipped.push({ url: label, reason: commit.reason });
    } else {
      written.push(commit.file);
      const { id, title, date, source, url } = commit.article;
      report.added.push({ id, title, date, source, url, file: commit.file });
    }
  }

  private announce(files: string[]): void {
    if (!files.length) return;
    this.log.info(`ingested ${files.length} article file(s) into ${this.corpusDir}`);
    try {
      this.options.onArticlesWritten?.(files);
    } catch (err) {
      this.log.warn(`onArticlesWritten failed: ${(err as Error).message}`);
    }
  }

  // ---------------------------------------------------------------- feeds

  /** Check that `url` is an RSS/Atom feed (one GET), then store it. Its items come in with the next poll. */
  async addFeed(raw: string, addedBy: string | null, signal?: AbortSignal): Promise<AddFeedResult> {
    const url = normalizeUrl(raw);
    if (!url) return { kind: 'failed', message: `not an http(s) URL: ${raw}` };
    const existing = this.feeds.feedByUrl(url);
    if (existing) return { kind: 'exists', feed: existing, itemCount: 0 };
    const fetched = await fetchResource(url, { kind: 'feed', ...this.options.http, signal });
    if (fetched.kind === 'failed') return { kind: 'failed', message: fetched.message };
    if (fetched.kind === 'not-modified') return { kind: 'failed', message: `${url} answered 304 Not Modified to a plain GET` };
    const parsed = await this.worker.run({ kind: 'feed', body: fetched.body, contentType: fetched.contentType });
    if (!parsed.ok) return { kind: 'failed', message: `${url}: ${parsed.message}` };
    const { feed, created } = this.feeds.addFeed({ url, title: parsed.feed.title, addedBy, addedAt: this.clock().toISOString() });
    if (created) this.log.info(`feed added: ${url} (${parsed.feed.format}, ${parsed.feed.items.length} items)`);
    return { kind: created ? 'added' : 'exists', feed, itemCount: parsed.feed.items.length };
  }

  listFeeds(): FeedRecord[] {
    return this.feeds.listFeeds();
  }

  removeFeed(raw: string): FeedRecord | null {
    const url = normalizeUrl(raw) ?? raw.trim();
    const removed = this.feeds.removeFeed(url);
    if (removed) this.log.info(`feed removed: ${url}`);
    return removed;
  }

  /** Feeds whose backoff has passed (a minute of slack, so a timer firing early does not skip a round). */
  dueFeeds(): FeedRecord[] {
    return this.feeds.dueFeeds(new Date(this.clock().getTime() + 60_000).toISOString());
  }

  /** Poll each feed once, in order, and merge their reports; a feed's failure is one entry in `errors`. */
  async pollFeeds(feeds: readonly FeedRecord[], signal?: AbortSignal): Promise<{ report: IngestReport; polls: FeedPoll[] }> {
    const report = emptyReport();
    const polls: FeedPoll[] = [];
    for (const feed of feeds) {
      if (signal?.aborted) break;
      const poll = await this.pollFeed(feed, signal);
      polls.push(poll);
      report.added.push(...poll.report.added);
      report.skipped.push(...poll.report.skipped);
      report.errors.push(...poll.report.errors);
      if (poll.outcome === 'failed') report.errors.push({ url: feed.url, error: poll.error });
    }
    return { report, polls };
  }

  backoffMs(failures: number): number {
    return Math.min(this.pollMs * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
  }

  async pollFeed(feed: FeedRecord, signal?: AbortSignal): Promise<FeedPoll> {
    const report = emptyReport();
    const at = () => this.clock().toISOString();
    const failed = (error: string): FeedPoll => {
      const now = this.clock().getTime();
      const updated =
        this.feeds.recordPollFailure(feed.id, {
          at: at(),
          error,
          // The first failure retries at the next regular poll; then the waits double (2, 4, 8 … intervals).
          nextPollAt: (failures) => (failures <= 1 ? new Date(now).toISOString() : new Date(now + this.backoffMs(failures)).toISOString()),
        }) ?? feed;
      const next = updated.nextPollAt ? ` next try ${updated.nextPollAt}` : '';
      this.log.warn(`feed ${feed.url} failed (${updated.failures} time(s) in a row): ${error};${next}`);
      return { outcome: 'failed', feed: updated, error, report };
    };

    const fetched = await fetchResource(feed.url, { kind: 'feed', ...this.options.http, etag: feed.etag, lastModified: feed.lastModified, signal });
    if (fetched.kind === 'not-modified') {
      this.feeds.recordPollSuccess(feed.id, { at: at(), nextPollAt: null });
      return { outcome: 'unchanged', feed: this.feeds.feed(feed.id) ?? feed, report };
    }
    if (fetched.kind === 'failed') return failed(fetched.message);
    const parsed = await this.worker.run({ kind: 'feed', body: fetched.body, contentType: fetched.contentType });
    if (!parsed.ok) return failed(parsed.message);

    const written: string[] = [];
    let retryLater = false;
    for (const item of parsed.feed.items) {
      if (signal?.aborted) {
        retryLater = true;
        break;
      }
      const outcome = await this.ingestItem(feed, parsed.feed.title, item, report, written, signal);
      if (outcome === 'retry') retryLater = true;
    }
    this.announce(written);
    // Keep the validators only when every item is settled: with one left to retry, the next poll must get the
    // full feed again rather than a 304 that would hide the item until the feed changes.
    this.feeds.recordPollSuccess(feed.id, {
      at: at(),
      nextPollAt: null,
      title: parsed.feed.title,
      ...(retryLater ? {} : { etag: fetched.etag, lastModified: fetched.lastModified }),
    });
    const outcome = report.added.length || report.skipped.length || report.errors.length ? 'new' : 'unchanged';
    return { outcome, feed: this.feeds.feed(feed.id) ?? feed, report };
  }

  /** One feed item: already known → nothing; else its page, else the feed's own content. */
  private async ingestItem(
    feed: FeedRecord,
    feedTitle: string | null,
    item: FeedItem,
    report: IngestReport,
    written: string[],
    signal?: AbortSignal,
  ): Promise<'done' | 'retry' | 'given-up'> {
    const seen = this.feeds.feedItem(feed.id, item.key);
    if (seen?.ingestedId) return 'done';
    if (seen && seen.attempts >= MAX_ITEM_ATTEMPTS) return 'given-up';
    const label = item.link ?? item.key;
    const link = item.link ? normalizeUrl(item.link) : null;
    if (link) {
      const known = this.feeds.ingestedByUrl(link);
      if (known) {
        this.feeds.markItemDone(feed.id, item.key, known.id, this.clock().toISOString());
        report.skipped.push({ url: label, reason: `already in the corpus as ${known.file}` });
        return 'done';
      }
    }

    let draft: ArticleDraft | null = null;
    let pageError: string | null = null;
    if (link) {
      const page = await this.fetchPage(link, { title: item.title, date: item.published, author: item.author, source: feedTitle }, signal);
      if (page.ok) draft = page.draft;
      else pageError = page.message;
    } else {
      pageError = `${label}: the item has no link`;
    }
    if (!draft && item.contentHtml && !signal?.aborted) {
      const fromFeed = await this.worker.run({
        kind: 'item-content',
        html: item.contentHtml,
        url: link,
        key: item.key,
        feedUrl: feed.url,
        fetchedAt: this.clock().toISOString(),
        title: item.title,
        published: item.published,
        author: item.author,
        source: feedTitle ?? (link ? new URL(link).hostname.replace(/^www\./, '') : null),
      });
      if (fromFeed.ok) {
        draft = fromFeed.draft;
        this.log.info(`${label}: page not used (${pageError}); ingested the feed's own content`);
      } else {
        pageError = `${pageError}; the feed's content: ${fromFeed.message}`;
      }
    }
    if (!draft) {
      const error = pageError ?? `${label}: nothing to ingest`;
      const attempts = this.feeds.markItemFailed(feed.id, item.key, error, this.clock().toISOString());
      report.errors.push({ url: label, error: attempts >= MAX_ITEM_ATTEMPTS ? `${error} (tried ${attempts} times; given up)` : error });
      return attempts >= MAX_ITEM_ATTEMPTS ? 'given-up' : 'retry';
    }
    const commit = await this.commit(draft);
    if (commit.kind === 'failed') {
      this.feeds.markItemFailed(feed.id, item.key, commit.message, this.clock().toISOString());
      report.errors.push({ url: label, error: commit.message });
      return 'retry';
    }
    this.feeds.markItemDone(feed.id, item.key, commit.record.id, this.clock().toISOString());
    this.record(commit, label, report, written);
    return 'done';
  }
}

type PageFallbackInput = { title?: string | null; date?: string | null; author?: string | null; source?: string | null };
