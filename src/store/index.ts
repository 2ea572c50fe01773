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

/** DATA_DIR/nashra.db, or an in-memory database with the same schema when `dataDir` is null. */
export function openStore(dataDir: string | null): Store {
  const db = openDatabase(dataDir);
  const checkpoints = dataDir === null ? null : WalCheckpoints.start(db, path.join(dataDir, DATABASE_FILE));
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
