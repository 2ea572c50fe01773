/**
 * One worker thread for the CPU-heavy ingestion steps (jobs.ts), so the event loop that answers Discord stays
 * free: Readability over linkedom takes ~170 ms on a 150 KB page and seconds on a 3 MB one (measured on this
 * machine; bench/ingest.ts), while the rule is ≤ 50 ms per stall.
 *
 * Jobs run one at a time in arrival order. A job that runs past its deadline (a pathological page) terminates the
 * worker and fails with a clear message; the next job gets a fresh worker. The worker is unref'd while idle, so a
 * CLI run that forgets close() still exits.
 *
 * The worker runs compiled JavaScript. From the build (dist/src/ingest) that is the sibling worker.js; from the
 * TypeScript sources (vitest), the built copy in dist/ — `npm test` builds first, as the CLI tests also require.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FeedParse } from './feed.js';
import type { Job, PageDraft } from './jobs.js';

export const DEFAULT_JOB_TIMEOUT_MS = 30_000;
/**
 * The worker stops this long after its last job and starts again (~50 ms) at the next: a bot polls its feeds every
 * 15 minutes, and between polls the worker's own V8 heap (tens of MB after Readability over large pages) would
 * otherwise stay in the bot's RSS.
 */
export const WORKER_IDLE_MS = 30_000;

function workerFile(): URL {
  const sibling = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  // Running from src/ingest/*.ts: the build of the same file.
  const built = new URL('../../dist/src/ingest/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`the extraction worker ${fileURLToPath(built)} is missing; run \`npm run build\` first`);
}

interface Pending {
  id: number;
  job: Job;
  transfer: ArrayBuffer[];
  resolve: (result: FeedParse | PageDraft) => void;
}

export class ExtractionWorker {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private current: (Pending & { timer: NodeJS.Timeout }) | null = null;
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: { jobTimeoutMs?: number; idleMs?: number } = {}) {}

  /** Whether a worker thread is alive now (tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  run(job: Extract<Job, { kind: 'feed' }>): Promise<FeedParse>;
  run(job: Exclude<Job, { kind: 'feed' }>): Promise<PageDraft>;
  run(job: Job): Promise<FeedParse | PageDraft> {
    if (this.closed) return Promise.resolve({ ok: false, message: 'ingestion is shutting down' });
    return new Promise((resolve) => {
      // The fetched bytes move to the worker instead of being copied (a page can be 5 MB).
      const transfer = 'body' in job && job.body.byteOffset === 0 && job.body.byteLength === job.body.buffer.byteLength
        ? [job.body.buffer as ArrayBuffer]
        : [];
      this.queue.push({ id: this.nextId++, job, transfer, resolve });
      this.pump();
    });
  }

  /** Stop the worker; queued and running jobs resolve as failed. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const waiting = [...(this.current ? [this.current] : []), ...this.queue];
    this.queue = [];
    if (this.current) clearTimeout(this.current.timer);
    this.current = null;
    for (const p of waiting) p.resolve({ ok: false, message: 'ingestion is shutting down' });
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(workerFile());
    worker.on('message', (message: { id: number; result: FeedParse | PageDraft }) => {
      const current = this.current;
      if (!current || current.id !== message.id) return;
      clearTimeout(current.timer);
      this.current = null;
      current.resolve(message.result);
      this.pump();
    });
    worker.on('error', (err) => this.fail(`the extraction worker failed: ${err.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
        this.fail('the extraction worker stopped');
      }
    });
    return worker;
  }

  private fail(message: string): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    this.current = null;
    current.resolve({ ok: false, message });
    this.pump();
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) {
      this.worker?.unref();
      this.stopWhenIdle();
      return;
    }
    if (this.idleTimer) (clearTimeout(this.idleTimer), (this.idleTimer = null));
    if (!this.worker) this.worker = this.spawn();
    this.worker.ref();
    const timeoutMs = this.options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    const timer = setTimeout(() => {
      // Terminate, so a runaway extraction stops using the CPU; the next job starts a new worker.
      const stuck = this.worker;
      this.worker = null;
      void stuck?.terminate();
      this.fail(`extraction took longer than ${timeoutMs / 1000} s and was stopped`);
    }, timeoutMs);
    this.current = { ...next, timer };
    this.worker.postMessage({ id: next.id, job: next.job }, next.transfer);
  }

  private stopWhenIdle(): void {
    if (!this.worker || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.current || this.queue.length || !this.worker) return;
      const idle = this.worker;
      this.worker = null; // its exit is then no failure (see spawn)
      void idle.terminate();
    }, this.options.idleMs ?? WORKER_IDLE_MS);
    this.idleTimer.unref();
  }
}
