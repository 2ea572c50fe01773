/**
 * Checkpoints of the write-ahead log in a worker thread. SQLite checkpoints automatically inside the commit that
 * takes the log past 1,000 pages, on the committing thread, and a checkpoint syncs the database file to disk: during
 * a burst of 1,000 arriving articles those commits held the bot's event loop for 150–160 ms each (the 3 s Discord
 * gives an interaction is safe, but every timer and briefing waits). Here the main connection never checkpoints; a
 * timer looks at the log's size and, past the same 1,000 pages, asks a worker with its own connection to do it.
 * When the worker cannot run, the connection goes back to checkpointing itself: slower turns, nothing lost.
 */
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CheckpointResult } from './wal-checkpoint-worker.js';

/** SQLite's own automatic threshold (wal_autocheckpoint's default, in pages). */
const CHECKPOINT_PAGES = 1000;
/**
 * The worker is started (without a request) once the log is half-way to the threshold: starting it loads a V8
 * isolate and better-sqlite3, 0.3 s on an idle machine and 2 s on a loaded one, during which the log kept growing
 * (to 14.5 MB of a 4 MB threshold with four busy processes beside it).
 */
const WARM_UP_FRACTION = 0.5;
/**
 * Past this many thresholds the worker is not keeping up (still starting, or starved of CPU: with eight busy
 * processes beside it its passes stayed one behind the writer and the log grew to 34 MB): the connection takes a
 * pass itself, between its own commits, as SQLite would have at one threshold. A stalled turn is the price of a log
 * that stays bounded.
 */
const CATCH_UP_FACTOR = 3;
/** A stat of the log: a few microseconds. */
const LOOK_EVERY_MS = 250;
/**
 * The worker stops this long after its last checkpoint and starts again at the next: it is needed during bursts
 * only, and its own V8 heap and SQLite connection were ~10 MB of the bot's RSS for as long as the bot ran after one.
 */
const WORKER_IDLE_MS = 20_000;

export class WalCheckpoints {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private inFlight = false;
  /** The connection's total_changes() when the log was last checkpointed in full, and at the current request. */
  private checkpointedChanges = -1;
  private requestedAtChanges = -1;
  private readonly totalChanges: Database.Statement;
  private stopped = false;
  /** The log file's size at the connection's last own pass (the file keeps its size once the log starts over). */
  private sizeAtInlinePass = 0;
  private readonly timer: NodeJS.Timeout;
  /** Checkpoints done by the worker, and passes the connection took itself while the worker lagged (diagnostics). */
  done = 0;
  inlineDone = 0;

  private constructor(
    private readonly db: Database.Database,
    private readonly databaseFile: string,
    private readonly thresholdBytes: number,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    this.timer = setInterval(() => this.look(), LOOK_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Take the checkpoints of `db` (a WAL connection to `databaseFile`) off its thread. Null when the code runs from
   * its TypeScript sources (tests import them directly; a worker needs the compiled module): SQLite then
   * checkpoints as it does by default.
   */
  static start(db: Database.Database, databaseFile: string): WalCheckpoints | null {
    if (import.meta.url.endsWith('.ts')) return null;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return new WalCheckpoints(db, databaseFile, CHECKPOINT_PAGES * pageSize);
  }

  /** Checkpoint now when the log is past the threshold (the timer calls this every LOOK_EVERY_MS). */
  look(): void {
    if (this.stopped) return;
    const size = statSync(`${this.databaseFile}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    // The file only grows when the log did not start over: past the cap, and past where the last inline pass left
    // it, the worker is behind (its request still waits, or its passes never catch up with the writer).
    if (size >= CATCH_UP_FACTOR * this.thresholdBytes && size > this.sizeAtInlinePass) this.checkpointInline(size);
    if (this.inFlight) return;
    if (size < WARM_UP_FRACTION * this.thresholdBytes) return;
    // The file keeps its size after a checkpoint (SQLite writes the log over from its start once every page is
    // copied), so its size alone said "checkpoint" four times a second forever after a bot's first burst, each pass
    // syncing the database file. Nothing written since the last full checkpoint: nothing to copy.
    const changes = this.totalChanges.get() as number;
    if (changes === this.checkpointedChanges) return;
    if (!this.worker && this.ensureWorker()) this.retireWhenIdle();
    if (size < this.thresholdBytes) return;
    this.inFlight = true;
    this.requestedAtChanges = changes;
    this.ensureWorker()?.postMessage('checkpoint');
  }

  /** Stop the timer and the worker. The connection's own close checkpoints what is left. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    void this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), { workerData: { databaseFile: this.databaseFile }, execArgv: [] });
      worker.unref();
      worker.on('message', (result: CheckpointResult) => {
        this.inFlight = false;
        if (result.checkpointedPages >= result.logPages) this.checkpointedChanges = this.requestedAtChanges;
        this.done++;
        this.retireWhenIdle();
      });
      worker.on('error', () => this.fallBack());
      worker.on('exit', () => {
        // Stopped by retireWhenIdle (no longer this.worker) is planned; any other exit is a failure.
        if (!this.stopped && this.worker === worker) this.fallBack();
      });
      this.worker = worker;
      return worker;
    } catch {
      this.fallBack();
      return null;
    }
  }

  private retireWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.inFlight || !this.worker) return;
      const worker = this.worker;
      this.worker = null;
      void worker.terminate();
    }, WORKER_IDLE_MS);
    this.idleTimer.unref();
  }

  /** One PASSIVE pass on the main connection (it returns at once, copying nothing, while the worker's pass runs). */
  private checkpointInline(size: number): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.sizeAtInlinePass = size;
      this.inlineDone++;
    } catch {
      // A busy database or a closing connection: the worker's request is still in flight, the next look tries again.
    }
  }

  /** The worker failed: the connection checkpoints itself again, as SQLite does by default. */
  private fallBack(): void {
    this.stop();
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  }
}
