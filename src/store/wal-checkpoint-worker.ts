/**
 * The write-ahead log's checkpoints, off the main thread (wal-checkpoints.ts): this thread's own connection copies
 * the log's pages into the database file and syncs it, on request, and says how many pages the log holds and how
 * many it copied.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointResult {
  /** Pages in the log, and those of them now in the database file (SQLite's wal_checkpoint answer). */
  logPages: number;
  checkpointedPages: number;
}

if (parentPort) {
  const port = parentPort;
  const db = new Database((workerData as { databaseFile: string }).databaseFile, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
  port.on('message', () => {
    // PASSIVE: copies what no reader still needs, never waits for readers or blocks the writer.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    const result: CheckpointResult = { logPages: row.log, checkpointedPages: row.checkpointed };
    port.postMessage(result);
  });
  port.once('close', () => db.close());
}
