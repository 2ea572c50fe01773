/**
 * The bot's feed poller: every FEED_POLL_MINUTES, each feed whose backoff has passed is polled once (conditional
 * GET; new items' pages fetched; the feed's own content when a page fails). One poll runs at a time — a tick that
 * comes while one is running is skipped, never stacked. `/feeds add` asks for the new feed to be polled now.
 * stop() aborts requests in flight and waits at most `stopTimeoutMs` for the current step to finish, so shutdown
 * is bounded; files are written atomically, so stopping mid-poll leaves no half article.
 */
import type { FeedRecord } from '../store/feeds.js';
import type { AddFeedResult, Ingestor } from './ingest.js';
import type { IngestLogger, IngestReport } from './types.js';

/** What the /feeds command needs (commands/feeds.ts); the poller provides it. */
export interface FeedDesk {
  /** Check the URL is a feed, store it, and poll it soon. */
  addFeed(url: string, addedBy: string): Promise<AddFeedResult>;
  listFeeds(): FeedRecord[];
  removeFeed(url: string): FeedRecord | null;
}

export interface FeedPollerOptions {
  ingestor: Ingestor;
  pollMinutes: number;
  log: IngestLogger & { error?(message: string, err?: unknown): void };
  /** Delay before the first poll after start (default 10 s: let the bot finish logging in). */
  firstPollDelayMs?: number;
  stopTimeoutMs?: number;
  /** Called after a poll that added articles. */
  onPolled?: (report: IngestReport) => void;
}

export class FeedPoller implements FeedDesk {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private stopped = false;
  /** Feeds asked for by /feeds add, polled at the next opportunity. */
  private readonly soon = new Set<number>();

  constructor(private readonly options: FeedPollerOptions) {}

  start(): void {
    if (this.stopped || this.timer) return;
    this.schedule(this.options.firstPollDelayMs ?? 10_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    const running = this.running;
    if (running) {
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((r) => (timeout = setTimeout(r, this.options.stopTimeoutMs ?? 5_000)))]);
      clearTimeout(timeout);
    }
    await this.options.ingestor.close();
  }

  /** Resolves when no poll is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async addFeed(url: string, addedBy: string): Promise<AddFeedResult> {
    const result = await this.options.ingestor.addFeed(url, addedBy, this.abort.signal);
    if (result.kind === 'added') {
      this.soon.add(result.feed.id);
      void this.runOnce(); // its items arrive in the background; the reply does not wait for them
    }
    return result;
  }

  listFeeds(): FeedRecord[] {
    return this.options.ingestor.listFeeds();
  }

  removeFeed(url: string): FeedRecord | null {
    return this.options.ingestor.removeFeed(url);
  }

  /** Poll what is due now (and feeds asked for by /feeds add); returns when done. Never overlaps itself. */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running.then(() => (this.soon.size ? this.runOnce() : undefined));
    this.running = this.poll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce().finally(() => this.schedule(this.options.pollMinutes * 60_000));
    }, delayMs);
    this.timer.unref?.();
  }

  private async poll(): Promise<void> {
    const { ingestor, log } = this.options;
    try {
      const due = ingestor.dueFeeds();
      const dueIds = new Set(due.map((f) => f.id));
      const asked = ingestor.listFeeds().filter((f) => this.soon.has(f.id) && !dueIds.has(f.id));
      this.soon.clear();
      const feeds = [...asked, ...due];
      if (!feeds.length) return;
      const { report, polls } = await ingestor.pollFeeds(feeds, this.abort.signal);
      const failed = polls.filter((p) => p.outcome === 'failed').length;
      log.info(`feeds polled: ${polls.length} (${failed} failing), ${report.added.length} article(s) added, ${report.skipped.length} duplicate(s) skipped, ${report.errors.length} error(s)`);
      if (report.added.length) this.options.onPolled?.(report);
    } catch (err) {
      // A bug or a broken database must not take the bot down; the next tick tries again.
      if (log.error) log.error('feed poll failed', err);
      else log.warn(`feed poll failed: ${(err as Error).message}`);
    }
  }
}
