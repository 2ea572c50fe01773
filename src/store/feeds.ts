import type Database from 'better-sqlite3';

/** A feed as stored (migration 2). Times are ISO 8601 UTC strings. */
export interface FeedRecord {
  id: number;
  url: string;
  title: string | null;
  addedAt: string;
  /** Who added it: a Discord user id, or 'cli'. */
  addedBy: string | null;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  /** The last failure's message while the feed is failing; null once a poll succeeds again. */
  lastError: string | null;
  /** Consecutive failed polls (0 when healthy). */
  failures: number;
  /** When the poller may poll it next (backoff after failures); null = at the next tick. */
  nextPollAt: string | null;
}

interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  added_at: string;
  added_by: string | null;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_ok_at: string | null;
  last_error: string | null;
  failures: number;
  next_poll_at: string | null;
}

function feedFromRow(r: FeedRow): FeedRecord {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    addedAt: r.added_at,
    addedBy: r.added_by,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: r.last_polled_at,
    lastOkAt: r.last_ok_at,
    lastError: r.last_error,
    failures: r.failures,
    nextPollAt: r.next_poll_at,
  };
}

/** One article file that ingestion wrote (or found already written), with its normalized-body hash. */
export interface IngestedRecord {
  id: number;
  file: string;
  url: string | null;
  contentHash: string;
  ingestedAt: string;
}

interface IngestedRow {
  id: number;
  file: string;
  url: string | null;
  content_hash: string;
  ingested_at: string;
}

const ingestedFromRow = (r: IngestedRow): IngestedRecord => ({
  id: r.id,
  file: r.file,
  url: r.url,
  contentHash: r.content_hash,
  ingestedAt: r.ingested_at,
});

/** What a feed has shown before: ingested (or a duplicate of something ingested), or failed `attempts` times. */
export interface FeedItemRecord {
  feedId: number;
  itemKey: string;
  ingestedId: number | null;
  attempts: number;
  lastError: string | null;
}

/** Feeds, their items, and the ledger of ingested articles. */
export class FeedRepository {
  constructor(private readonly db: Database.Database) {}

  // ---- feeds

  /** Insert a feed, or return the existing one with the same URL (created: false). */
  addFeed(feed: { url: string; title: string | null; addedBy: string | null; addedAt: string }): { feed: FeedRecord; created: boolean } {
    const info = this.db
      .prepare('INSERT OR IGNORE INTO feeds (url, title, added_at, added_by) VALUES (?, ?, ?, ?)')
      .run(feed.url, feed.title, feed.addedAt, feed.addedBy);
    return { feed: this.feedByUrl(feed.url)!, created: info.changes === 1 };
  }

  feedByUrl(url: string): FeedRecord | null {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
    return row ? feedFromRow(row) : null;
  }

  feed(id: number): FeedRecord | null {
    const row = this.db.prepare('SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return row ? feedFromRow(row) : null;
  }

  listFeeds(): FeedRecord[] {
    return (this.db.prepare('SELECT * FROM feeds ORDER BY id').all() as FeedRow[]).map(feedFromRow);
  }

  /** Feeds whose backoff has passed (or that were never polled), oldest poll first. */
  dueFeeds(now: string): FeedRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM feeds WHERE next_poll_at IS NULL OR next_poll_at <= ? ORDER BY last_polled_at IS NOT NULL, last_polled_at, id')
      .all(now) as FeedRow[];
    return rows.map(feedFromRow);
  }

  /** Delete a feed and what it has shown (cascade); the articles it brought stay in the corpus and the ledger. */
  removeFeed(url: string): FeedRecord | null {
    const feed = this.feedByUrl(url);
    if (feed) this.db.prepare('DELETE FROM feeds WHERE id = ?').run(feed.id);
    return feed;
  }

  /** A poll answered (200 or 304): validators kept, failures cleared. */
  recordPollSuccess(id: number, poll: { at: string; nextPollAt: string | null; etag?: string | null; lastModified?: string | null; title?: string | null }): void {
    this.db
      .prepare(
        `UPDATE feeds SET last_polled_at = @at, last_ok_at = @at, last_error = NULL, failures = 0, next_poll_at = @next,
           etag = CASE WHEN @setValidators THEN @etag ELSE etag END,
           last_modified = CASE WHEN @setValidators THEN @lastModified ELSE last_modified END,
           title = COALESCE(@title, title)
         WHERE id = @id`,
      )
      .run({
        id,
        at: poll.at,
        next: poll.nextPollAt,
        setValidators: poll.etag !== undefined || poll.lastModified !== undefined ? 1 : 0,
        etag: poll.etag ?? null,
        lastModified: poll.lastModified ?? null,
        title: poll.title ?? null,
      });
  }

  /** A poll failed: count it and push the next poll back. Returns the feed as now stored. */
  recordPollFailure(id: number, failure: { at: string; error: string; nextPollAt: (failures: number) => string }): FeedRecord | null {
    return this.db.transaction(() => {
      const current = this.feed(id);
      if (!current) return null;
      const failures = current.failures + 1;
      this.db
        .prepare('UPDATE feeds SET last_polled_at = ?, last_error = ?, failures = ?, next_poll_at = ? WHERE id = ?')
        .run(failure.at, failure.error, failures, failure.nextPollAt(failures), id);
      return this.feed(id);
    })();
  }

  // ---- feed items

  feedItem(feedId: number, itemKey: string): FeedItemRecord | null {
    const row = this.db.prepare('SELECT * FROM feed_items WHERE feed_id = ? AND item_key = ?').get(feedId, itemKey) as
      | { feed_id: number; item_key: string; ingested_id: number | null; attempts: number; last_error: string | null }
      | undefined;
    return row ? { feedId: row.feed_id, itemKey: row.item_key, ingestedId: row.ingested_id, attempts: row.attempts, lastError: row.last_error } : null;
  }

  /** The item is in the corpus (as `ingestedId`): never fetched again from this feed. */
  markItemDone(feedId: number, itemKey: string, ingestedId: number, at: string): void {
    this.db
      .prepare(
        `INSERT INTO feed_items (feed_id, item_key, ingested_id, attempts, seen_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (feed_id, item_key) DO UPDATE SET ingested_id = excluded.ingested_id, last_error = NULL`,
      )
      .run(feedId, itemKey, ingestedId, at);
  }

  /** The item could not be ingested this time; returns how many attempts it has had. */
  markItemFailed(feedId: number, itemKey: string, error: string, at: string): number {
    this.db
      .prepare(
        `INSERT INTO feed_items (feed_id, item_key, attempts, last_error, seen_at) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (feed_id, item_key) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error`,
      )
      .run(feedId, itemKey, error, at);
    return this.feedItem(feedId, itemKey)!.attempts;
  }

  // ---- the ledger of ingested articles

  ingestedByUrl(url: string): IngestedRecord | null {
    const row = this.db.prepare('SELECT * FROM ingested_articles WHERE url = ? ORDER BY id LIMIT 1').get(url) as IngestedRow | undefined;
    return row ? ingestedFromRow(row) : null;
  }

  ingestedByHash(contentHash: string): IngestedRecord | null {
    const row = this.db.prepare('SELECT * FROM ingested_articles WHERE content_hash = ?').get(contentHash) as IngestedRow | undefined;
    return row ? ingestedFromRow(row) : null;
  }

  /**
   * Record an article file. When another process (the bot and `nashra fetch` at once) recorded the same body
   * first, the existing row is returned with created: false.
   */
  recordIngested(entry: { file: string; url: string | null; contentHash: string; ingestedAt: string }): { record: IngestedRecord; created: boolean } {
    const info = this.db
      .prepare('INSERT OR IGNORE INTO ingested_articles (file, url, content_hash, ingested_at) VALUES (?, ?, ?, ?)')
      .run(entry.file, entry.url, entry.contentHash, entry.ingestedAt);
    return { record: this.ingestedByHash(entry.contentHash)!, created: info.changes === 1 };
  }
}
