import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, MIGRATIONS, openStore, type Store } from '../src/store/index.js';
import { migrate } from '../src/store/migrations.js';

let dir: string;
let store: Store | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nashra-store-'));
});
afterEach(() => {
  store?.close();
  store = null;
  rmSync(dir, { recursive: true, force: true });
});

const sub = {
  guildId: '100000000000000001',
  channelId: '100000000000000002',
  cron: '0 8 * * *',
  timezone: 'Africa/Casablanca',
  query: null,
  language: 'ar' as const,
  createdBy: '100000000000000003',
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('the SQLite store', () => {
  it('creates DATA_DIR/nashra.db in WAL mode at the latest schema version', () => {
    store = openStore(path.join(dir, 'nested', 'data'));
    expect(store.db.name).toBe(path.join(dir, 'nested', 'data', DATABASE_FILE));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps subscriptions, runs and first-seen times across a restart (close and reopen)', () => {
    store = openStore(dir);
    const a = store.subscriptions.insert(sub);
    const b = store.subscriptions.insert({ ...sub, channelId: '100000000000000009', query: 'المغرب' });
    const run = store.runs.create({
      subscriptionId: a.id,
      slot: '2026-11-23T07:00:00.000Z',
      periodStart: a.createdAt,
      periodEnd: '2026-11-23T07:00:00.000Z',
      status: 'posting',
      noncePrefix: 'b1.x',
      payloads: [{ content: 'part one' }, { content: 'part two' }],
      articleCount: 3,
      at: '2026-11-23T07:00:00.000Z',
    })!;
    store.runs.recordMessage(run.id, 0, '555', '2026-11-23T07:00:01.000Z');
    expect(store.firstSeen.record(['000_a', '001_b'], '2026-11-22T09:00:00.000Z')).toBe(2);
    store.subscriptions.remove(b.id, '2026-11-22T11:00:00.000Z');
    store.close();

    store = openStore(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.subscriptions.listByGuild(sub.guildId).map((s) => s.id)).toEqual([a.id]);
    expect(store.subscriptions.get(b.id)?.status).toBe('removed');
    expect(store.subscriptions.get(b.id)?.query).toBe('المغرب');
    const again = store.runs.listByStatus('posting');
    expect(again).toHaveLength(1);
    expect(again[0].payloads).toEqual([{ content: 'part one' }, { content: 'part two' }]);
    expect(again[0].messageIds).toEqual(['555', null]);
    expect(store.firstSeen.get('000_a')).toBe('2026-11-22T09:00:00.000Z');
    // Seen again later: the first time stays.
    expect(store.firstSeen.record(['000_a', '002_c'], '2026-11-24T09:00:00.000Z')).toBe(1);
    expect(store.firstSeen.get('000_a')).toBe('2026-11-22T09:00:00.000Z');
    expect(store.firstSeen.all().get('002_c')).toBe('2026-11-24T09:00:00.000Z');
  });

  it('holds one run per subscription and slot', () => {
    store = openStore(dir);
    const a = store.subscriptions.insert(sub);
    const run = {
      subscriptionId: a.id,
      slot: '2026-11-23T07:00:00.000Z',
      periodStart: a.createdAt,
      periodEnd: '2026-11-23T07:00:00.000Z',
      status: 'empty' as const,
      noncePrefix: 'b1.x',
      payloads: [],
      articleCount: 0,
      at: '2026-11-23T07:00:00.000Z',
    };
    expect(store.runs.create(run)).not.toBeNull();
    expect(store.runs.create({ ...run, periodEnd: '2026-11-23T07:00:05.000Z' })).toBeNull();
    expect(store.runs.listForSubscription(a.id)).toHaveLength(1);
    expect(store.runs.latestSlot(a.id)).toBe(run.slot);
    expect(store.runs.latestPeriodEnd(a.id)).toBe(run.periodEnd);
    // A failed run does not consume its period: the next good briefing covers it.
    store.runs.create({ ...run, slot: '2026-11-24T07:00:00.000Z', periodEnd: '2026-11-24T07:00:00.000Z', status: 'posting' });
    const failed = store.runs.listByStatus('posting')[0];
    store.runs.finish(failed.id, 'failed', '2026-11-24T07:00:01.000Z', '403 50001');
    expect(store.runs.latestPeriodEnd(a.id)).toBe(run.periodEnd);
    expect(store.runs.latestSlot(a.id)).toBe('2026-11-24T07:00:00.000Z');
  });

  it('tells about a failure once, and forgets the failure when reactivated', () => {
    store = openStore(dir);
    const a = store.subscriptions.insert(sub);
    store.subscriptions.markFailing(a.id, 'gone', '2026-11-23T07:00:00.000Z');
    expect(store.subscriptions.markNotified(a.id, 'notice', '2026-11-23T07:00:00.000Z')).toBe(true);
    expect(store.subscriptions.markNotified(a.id, 'notice', '2026-11-23T07:00:01.000Z')).toBe(false);
    expect(store.subscriptions.get(a.id)).toMatchObject({ status: 'failing', failureReason: 'gone', failureNotice: 'notice' });
    store.subscriptions.reactivate(a.id);
    expect(store.subscriptions.get(a.id)).toMatchObject({ status: 'active', failureReason: null, failureNotifiedAt: null });
    expect(store.subscriptions.findSame(sub)?.id).toBe(a.id);
    expect(store.subscriptions.findSame({ ...sub, query: 'x' })).toBeNull();
    expect(store.subscriptions.countInGuild(sub.guildId)).toBe(1);
  });

  it('applies migrations in order, each whole or not at all, and refuses a database from a newer Nashra', () => {
    const file = path.join(dir, 'm.db');
    const v1 = ['CREATE TABLE a (x INTEGER);'];
    const v2 = [...v1, 'ALTER TABLE a ADD COLUMN y TEXT;'];
    let db = new Database(file);
    expect(migrate(db, v1)).toBe(1);
    db.prepare('INSERT INTO a (x) VALUES (1)').run();
    db.close();

    db = new Database(file);
    expect(migrate(db, v2)).toBe(2); // only the new one runs
    expect(db.prepare('SELECT x, y FROM a').all()).toEqual([{ x: 1, y: null }]);
    // A broken migration rolls back entirely: version unchanged, no half-made table.
    expect(() => migrate(db, [...v2, 'CREATE TABLE b (z INTEGER); INSERT INTO nowhere VALUES (1);'])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'b'`).all()).toEqual([]);
    expect(() => migrate(db, v1)).toThrow(/newer than this Nashra/);
    db.close();
  });

  it('says which file it could not open', () => {
    const notADir = path.join(dir, 'file');
    new Database(notADir).close(); // a file where the data folder should be
    expect(() => openStore(notADir)).toThrow(/cannot create the data folder .*file \(DATA_DIR\)/);
  });
});

describe('write-ahead log checkpoints (compiled store: its checkpoint worker)', () => {
  it('are taken by the worker, not inside the commits of the main connection, and lose nothing', async () => {
    const { spawn } = await import('node:child_process');
    // The compiled store in its own process (npm test builds first): 8,192 rows of 3,000 bytes (a page each, ~34 MB
    // of log if it were never checkpointed) in commits of 64 over ~5 s; SQLite's default would checkpoint inside
    // some of those commits, on the writing thread.
    const script = `const { openStore } = await import(${JSON.stringify(path.resolve('dist/src/store/index.js'))});
      const { statSync } = await import('node:fs');
      // A command's store checkpoints inline, as SQLite does; the running bot's engine asks for the worker.
      const inline = openStore(${JSON.stringify(dir)});
      const inlineMode = [inline.db.pragma('wal_autocheckpoint', { simple: true }), inline.checkpoints];
      inline.close();
      const store = openStore(${JSON.stringify(dir)}, { checkpoints: 'worker' });
      const own = store.db.pragma('wal_autocheckpoint', { simple: true });
      store.db.exec('CREATE TABLE scratch (n INTEGER PRIMARY KEY, body BLOB)');
      const insert = store.db.prepare('INSERT INTO scratch (n, body) VALUES (?, ?)');
      const many = store.db.transaction((from) => { for (let i = from; i < from + 64; i++) insert.run(i, Buffer.alloc(3000, i % 251)); });
      let walPeak = 0;
      for (let from = 0; from < 8192; from += 64) {
        many(from);
        walPeak = Math.max(walPeak, statSync(${JSON.stringify(path.join(dir, DATABASE_FILE))} + '-wal').size);
        await new Promise((r) => setTimeout(r, 40));
      }
      for (let t = 0; t < 100 && store.checkpoints.done === 0; t++) await new Promise((r) => setTimeout(r, 50));
      // Once the writes have stopped and the last of them is checkpointed, no more passes (the log file keeps its size).
      await new Promise((r) => setTimeout(r, 1000));
      const settled = store.checkpoints.done;
      await new Promise((r) => setTimeout(r, 1500));
      const idlePasses = store.checkpoints.done - settled;
      process.stdout.write(JSON.stringify({ inlineMode, own, done: store.checkpoints.done, walPeak, idlePasses }));
      store.close();`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}`))));
    });
    const { inlineMode, own, done, walPeak, idlePasses } = JSON.parse(out);
    expect(idlePasses).toBe(0);
    expect(inlineMode).toEqual([1000, null]);
    expect(own).toBe(0); // the main connection never checkpoints itself
    expect(done).toBeGreaterThan(1);
    // Checkpointed while written: the log was reused instead of growing to hold all 34 MB.
    expect(walPeak).toBeLessThan(16 * 2 ** 20);
    const reopened = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const row = reopened.prepare('SELECT count(*) AS n, sum(length(body)) AS bytes FROM scratch').get() as { n: number; bytes: number };
    reopened.close();
    expect(row).toEqual({ n: 8192, bytes: 8192 * 3000 });
  });
});
