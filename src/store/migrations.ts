import type Database from 'better-sqlite3';

/**
 * Schema migrations, in order. Migration i brings the database to `user_version` i + 1. Never edit a released
 * migration: append a new one (a database in the field has already run the old text).
 *
 * Timestamps are ISO 8601 UTC strings from Date.toISOString(): fixed width, so they sort and compare as text.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    cron TEXT NOT NULL,
    timezone TEXT NOT NULL,
    query TEXT,
    language TEXT NOT NULL CHECK (language IN ('en', 'ar')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing', 'removed')),
    failure_reason TEXT,
    failed_at TEXT,
    -- Set once the guild has been told about the failure, so it is told only once per failure.
    failure_notified_at TEXT,
    failure_notice TEXT,
    removed_at TEXT
  );
  CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id, status);

  CREATE TABLE briefing_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
    -- The cron slot this run answers (ISO instant). One run per subscription and slot: a tick and a start-up
    -- catch-up racing for the same slot cannot both post.
    slot TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'empty', 'failed')),
    nonce_prefix TEXT NOT NULL,
    -- The message bodies, stored before the first is sent, so a run resumed after a crash re-sends exactly the
    -- same parts with the same nonces (Discord then answers with the message it already created).
    payloads TEXT NOT NULL DEFAULT '[]',
    message_ids TEXT NOT NULL DEFAULT '[]',
    article_count INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (subscription_id, slot)
  );
  CREATE INDEX briefing_runs_by_status ON briefing_runs (status);

  CREATE TABLE article_first_seen (
    article_id TEXT PRIMARY KEY,
    first_seen_at TEXT NOT NULL
  );
  `,
  // 2: the live corpus. One row per article file, parsed once: what the file was (size, mtime, content hash) so a
  // start-up parses only new or changed files, the parsed article and its quotations so nothing is re-parsed,
  // and a journal of changes so the saved search index is brought up to date by replaying what it missed.
  `
  CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    content_hash TEXT NOT NULL,
    -- Which parser and quotation extractor produced this row: rows from an older version are parsed again.
    analysis_version TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    added_at TEXT NOT NULL,
    -- Optional Article fields (dateline, titleInferred, author, …) as JSON.
    extra TEXT NOT NULL DEFAULT '{}',
    paragraphs TEXT NOT NULL,
    quotes TEXT NOT NULL DEFAULT '[]',
    quote_count INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL
  );
  -- (added_at, id): a period's ids are read from the index alone (briefings, digests since a time).
  CREATE INDEX articles_by_added_at ON articles (added_at, id);
  -- Start-up compares the folder with what this index holds alone; without it, that comparison reads every
  -- article's text (150 MB for 30k articles) to get at a few numbers per row.
  CREATE INDEX articles_file_state ON articles (file, id, size, mtime_ms, content_hash, analysis_version, quote_count);

  -- Every insert, replacement and removal of an article, in order. The search index snapshot records the last
  -- seq it contains; start-up replays the rest.
  CREATE TABLE article_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('upsert', 'remove')),
    at TEXT NOT NULL
  );

  -- Files that cannot be articles (empty, binary, too large…), remembered with their size and time so they are
  -- not read again on every start, and reported again by the reason stored.
  CREATE TABLE skipped_files (
    file TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    reason TEXT NOT NULL
  );

  CREATE TABLE corpus_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  INSERT INTO corpus_state (key, value) VALUES ('store_id', lower(hex(randomblob(8))));

  -- Briefings select the articles first seen in their period.
  CREATE INDEX article_first_seen_by_time ON article_first_seen (first_seen_at);
  `,
  // 3: ingestion (src/ingest): feeds, and what was ingested, so an item enters the corpus once.
  `
  CREATE TABLE feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    added_at TEXT NOT NULL,
    added_by TEXT,
    -- Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since (304 = nothing new).
    etag TEXT,
    last_modified TEXT,
    last_polled_at TEXT,
    last_ok_at TEXT,
    last_error TEXT,
    -- Consecutive failed polls; the next poll waits interval × 2^(failures − 1), capped (per-feed backoff).
    failures INTEGER NOT NULL DEFAULT 0,
    next_poll_at TEXT
  );

  -- One row per article file ingested (a page, a feed item, a copied file). The content hash is of the parsed
  -- body, normalized: the same wire story under two URLs is one row and one file.
  CREATE TABLE ingested_articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX ingested_articles_by_url ON ingested_articles (url);

  -- Items a feed has shown, keyed by GUID (else link). An item whose page and content both failed is retried on
  -- later polls, up to a few attempts; one ingested or found to be a duplicate is never fetched again.
  CREATE TABLE feed_items (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    ingested_id INTEGER REFERENCES ingested_articles (id),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, item_key)
  );
  `,
  // 4: briefings the way each team wants them (issue 11): where they go (a channel, a thread, a forum), who they
  // ping, under which name, which articles and how much; the webhooks Nashra created; per-server and per-member
  // settings.
  `
  -- 'channel': a text or announcement channel; 'thread': a thread, posted in (parent_channel_id is its channel,
  -- where a webhook would live); 'forum': a forum channel, each briefing a new post (forum_tag_id applied).
  ALTER TABLE subscriptions ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'channel' CHECK (target_kind IN ('channel', 'thread', 'forum'));
  ALTER TABLE subscriptions ADD COLUMN parent_channel_id TEXT;
  ALTER TABLE subscriptions ADD COLUMN forum_tag_id TEXT;
  -- The one role pinged when the briefing lands (allowed_mentions.roles = [it]); NULL pings nobody.
  ALTER TABLE subscriptions ADD COLUMN mention_role_id TEXT;
  -- Posted through the channel's webhook under this name and avatar; NULL: posted by the bot itself.
  ALTER TABLE subscriptions ADD COLUMN identity_name TEXT;
  ALTER TABLE subscriptions ADD COLUMN identity_avatar_url TEXT;
  -- JSON {excludeWords, includeSources, excludeSources, minSources}, keys in that order and lists sorted, so equal
  -- filters are equal text (a subscription made again with the same settings is found, not copied); the default is
  -- what filtersJson (subscriptions.ts) writes for no filters.
  ALTER TABLE subscriptions ADD COLUMN filters TEXT NOT NULL DEFAULT '{"excludeWords":[],"includeSources":[],"excludeSources":[],"minSources":1}';
  ALTER TABLE subscriptions ADD COLUMN format TEXT NOT NULL DEFAULT 'full' CHECK (format IN ('full', 'compact'));
  ALTER TABLE subscriptions ADD COLUMN max_stories INTEGER;
  ALTER TABLE subscriptions ADD COLUMN updated_at TEXT;

  -- Where a run posts, as it was when the run was created (JSON), so a run resumed after /digest edit finishes where
  -- it began. NULL for runs created before this migration: the subscription's channel.
  ALTER TABLE briefing_runs ADD COLUMN target TEXT;
  -- The forum post (thread) a run created with its first part; its other parts go into it.
  ALTER TABLE briefing_runs ADD COLUMN thread_id TEXT;

  -- One webhook per channel, created by Nashra and reused by every subscription posting there under its own name.
  -- The token is a credential: it is stored here and sent to Discord, never logged.
  CREATE TABLE briefing_webhooks (
    channel_id TEXT PRIMARY KEY,
    guild_id TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    token TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  -- /settings: a server's language, default timezone and log channel (NULL: the environment's default).
  CREATE TABLE guild_settings (
    guild_id TEXT PRIMARY KEY,
    language TEXT CHECK (language IN ('en', 'ar')),
    timezone TEXT,
    log_channel_id TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- /settings me language: a member's own reply language, over the server's (Discord's client has no Arabic
  -- locale, so interaction.locale cannot say it).
  CREATE TABLE user_settings (
    user_id TEXT PRIMARY KEY,
    language TEXT NOT NULL CHECK (language IN ('en', 'ar')),
    updated_at TEXT NOT NULL
  );
  `,
  // 5: the corpus folder's listing as the last full comparison left it (sync.ts), so the next start compares the
  // folder with it, in memory, and reads the stored state of only the files that differ.
  `
  CREATE TABLE reconciled_listing (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- The store's write generation right after that comparison: any write since makes the listing stale.
    write_generation INTEGER NOT NULL,
    analysis_version TEXT NOT NULL,
    -- File names in code-unit order, NUL-separated; then per name its size and time as float64 pairs (LE).
    names TEXT NOT NULL,
    numbers BLOB NOT NULL
  );
  `,
  // 6: each article's digest analysis, made when it is parsed (digest/stored-analysis.ts), so a digest of a news
  // day reads it instead of analyzing two thousand articles again. NULL for rows parsed before: analyzed as before.
  `
  ALTER TABLE articles ADD COLUMN digest_analysis TEXT;
  `,
];

/** Bring the database up to the latest schema; each migration commits whole or not at all. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `the database is at schema version ${current}, newer than this Nashra (${migrations.length}); refusing to touch it`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}
