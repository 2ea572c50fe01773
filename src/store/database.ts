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
export function openDatabase(dataDir: string): Database.Database {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the data folder ${dataDir} (DATA_DIR): ${(err as Error).message}`);
  }
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new Error(`cannot open the database ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Another connection (a second process, a test reopening the file) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw new Error(`cannot prepare the database ${file}: ${(err as Error).message}`);
  }
  return db;
}
