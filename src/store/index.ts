import type Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from './database.js';
import { WalCheckpoints } from './wal-checkpoints.js';
import { SqliteArticleStore, type ArticleStore } from './articles.js';
import { FirstSeenRepository } from './first-seen.js';
import { RunRepository } from './runs.js';
import { SettingsRepository } from './settings.js';
import { SubscriptionRepository } from './subscriptions.js';
import { WebhookRepository } from './webhooks.js';

export { openArticleReader } from './articles.js';
export type { ArticleChange, ArticleReader, ArticleStore, ArticleWrite, CorpusBatch, SkippedFile, StoredFile } from './articles.js';
export type { BriefingRun, MessagePayload, RunStatus } from './runs.js';
export type { BriefingFilters, BriefingFormat, NewSubscription, SubscriptionRecord, SubscriptionSettings, SubscriptionStatus, TargetKind } from './subscriptions.js';
export { filtersJson, NO_FILTERS } from './subscriptions.js';
export type { GuildSettingsChange, GuildSettingsRecord, SettingsLanguage } from './settings.js';
export type { StoredWebhook } from './webhooks.js';
export { DATABASE_FILE } from './database.js';
export { MIGRATIONS } from './migrations.js';

/** Nashra's persistent state: one SQLite file, small repositories. */
export interface Store {
  readonly db: Database.Database;
  readonly articles: ArticleStore;
  readonly subscriptions: SubscriptionRepository;
  readonly runs: RunRepository;
  readonly firstSeen: FirstSeenRepository;
  readonly webhooks: WebhookRepository;
  readonly settings: SettingsRepository;
  /** The log's checkpoints, taken in a worker thread (null: in memory, or SQLite's own on this thread). */
  readonly checkpoints: WalCheckpoints | null;
  close(): void;
}

/**
 * Who checkpoints this connection's write-ahead log (wal-checkpoints.ts): SQLite inside its commits ('inline', for
 * a command that no one waits on while it writes: off-thread checkpoints slowed a first import by ~7 %), a worker
 * thread ('worker': the running bot's main writer, whose commits must not hold the event loop), or another
 * connection of the same process that has the worker ('elsewhere': the bot's other connections).
 */
export type CheckpointMode = 'inline' | 'worker' | 'elsewhere';

/** DATA_DIR/nashra.db, or an in-memory database with the same schema when `dataDir` is null. */
export function openStore(dataDir: string | null, options: { checkpoints?: CheckpointMode } = {}): Store {
  const db = openDatabase(dataDir);
  const mode = options.checkpoints ?? 'inline';
  const checkpoints = dataDir !== null && mode === 'worker' ? WalCheckpoints.start(db, path.join(dataDir, DATABASE_FILE)) : null;
  if (dataDir !== null && mode === 'elsewhere') db.pragma('wal_autocheckpoint = 0');
  return {
    checkpoints,
    db,
    articles: new SqliteArticleStore(db),
    subscriptions: new SubscriptionRepository(db),
    runs: new RunRepository(db),
    firstSeen: new FirstSeenRepository(db),
    webhooks: new WebhookRepository(db),
    settings: new SettingsRepository(db),
    close: () => {
      checkpoints?.stop();
      if (db.open) db.close();
    },
  };
}
