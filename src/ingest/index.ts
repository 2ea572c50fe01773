/**
 * src/ingest: articles from outside — pages by URL, RSS/Atom feeds, files — written into the corpus folder as
 * ordinary article files (article-file.ts), each once. Nothing downstream knows where an article came from: the
 * folder stays the archive and the source of truth, and the engine indexes what appears there.
 */
import { openStore, type CheckpointMode, type Store } from '../store/index.js';
import { FeedRepository } from '../store/feeds.js';
import { Ingestor, type IngestorOptions } from './ingest.js';

export { Ingestor, MAX_ITEM_ATTEMPTS, type AddFeedResult, type FeedPoll, type IngestorOptions } from './ingest.js';
export { FeedPoller, type FeedDesk, type FeedPollerOptions } from './poller.js';
export { USER_AGENT } from './http.js';
export { ExtractionWorker } from './worker-pool.js';
export type { AddedArticle, IngestLogger, IngestReport } from './types.js';
export type { FeedRecord } from '../store/feeds.js';

export interface Ingestion {
  ingestor: Ingestor;
  store: Store;
  close(): Promise<void>;
}

/** An Ingestor over DATA_DIR/nashra.db (its own connection: SQLite in WAL mode serves several at once). */
export function openIngestion(options: Omit<IngestorOptions, 'feeds'> & { dataDir: string; checkpoints?: CheckpointMode }): Ingestion {
  const store = openStore(options.dataDir, { checkpoints: options.checkpoints });
  const ingestor = new Ingestor({ ...options, feeds: new FeedRepository(store.db) });
  return {
    ingestor,
    store,
    async close() {
      await ingestor.close();
      store.close();
    },
  };
}
