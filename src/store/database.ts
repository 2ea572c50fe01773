import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export const DATABASE_FILE = 'nashra.db';

/**
 * Open (creating if needed) DATA_DIR/nashra.db and migrate it. WAL lets the bot read while it writes and survives
 * a crash mid-write; synchronous=NORMAL is WAL's recommended durability/speed balance (a power cut may lose the
 * last transaction, never corrupt the file).
 */
export function openDatabase(dataDir: string | null): Database.Database {
  // No data folder: an in-memory database with the same schema (tests, a CLI run with nothing to keep).
  if (dataDir !== null) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (err) {
      throw new Error(`cannot create the data folder ${dataDir} (DATA_DIR): ${(err as Error).message}`);
    }
  }
  const file = dataDir === null ? ':memory:' : path.join(dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new Error(`cannot open the database ${file}: ${(err as Error).message}`);
  }
  try {
    // First: another connection (the bot while a CLI run starts, a second process) may hold a lock briefly, and
    // switching to WAL below needs the file to itself for a moment; without the timeout that switch fails silently
    // and the file stays in rollback mode, where every reader blocks every writer.
    db.pragma('busy_timeout = 5000');
    if (dataDir !== null) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not switch to write-ahead logging (journal mode is ${String(mode)})`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw new Error(`cannot prepare the database ${file}: ${(err as Error).message}`);
  }
  return db;
}
