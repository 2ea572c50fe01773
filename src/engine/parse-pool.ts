/**
 * Where article files are parsed: in worker threads, so that parsing and quotation extraction — the slow,
 * input-dependent part of ingestion (a 200,000-character paragraph, a pathological line) — never stalls the
 * thread that answers Discord, and so a first import of a large folder uses every core.
 *
 * Workers start when there is work and stop after 15 s idle (a running bot holds no parser threads while the
 * corpus is quiet). A file whose analysis crashes its worker or takes longer than ANALYZE_TIMEOUT_MS is reported
 * as unusable with the reason; the worker is replaced and the other files go on.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from '../corpus/files.js';
import { analyzeFile, type AnalyzedFile } from './analyze-file.js';

/**
 * A parser's heap, bounded: one article needs a few megabytes, but unbounded V8 let each worker's garbage (texts,
 * sentences, term maps) grow to ~100 MB before collecting, most of a first import's peak memory. A file that would
 * need more than this is skipped with the reason, like one that crashes the parser.
 */
const PARSER_LIMITS = { maxOldGenerationSizeMb: 128 };

export interface FileAnalyzer {
  analyze(dir: string, entry: FileEntry, addedAt: string): Promise<AnalyzedFile>;
  close(): Promise<void>;
  /** At most this many parser threads from now on (a running bot, once its start-up import is done). */
  limitWorkers?(count: number): void;
}

export interface AnalyzeRequest {
  id: number;
  dir: string;
  entry: FileEntry;
  addedAt: string;
}

export type AnalyzeResponse = { id: number; result: AnalyzedFile } | { id: number; error: string };

/** Parsing one article takes about a millisecond; ten seconds means something is wrong with the file. */
export const ANALYZE_TIMEOUT_MS = 10_000;
/**
 * Idle parser workers stop after this long: each holds its own V8 heap (~40–60 MB after a burst), which a running
 * bot should not keep for articles that come in bursts minutes apart; starting one again costs ~50 ms.
 */
const IDLE_MS = 15_000;

/** Analysis in the calling thread: for tests run from TypeScript sources, and tools with no event loop to keep. */
export const inThreadAnalyzer: FileAnalyzer = {
  analyze: (dir, entry, addedAt) => analyzeFile(dir, entry, addedAt),
  close: async () => {},
};

interface Pending {
  request: AnalyzeRequest;
  resolve: (r: AnalyzedFile) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

export class WorkerPoolAnalyzer implements FileAnalyzer {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly script: URL,
    private size = Math.max(1, Math.min(4, os.availableParallelism())),
  ) {}

  analyze(dir: string, entry: FileEntry, addedAt: string): Promise<AnalyzedFile> {
    if (this.closed) return Promise.reject(new Error('the parser pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, dir, entry, addedAt }, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const p of this.queue.splice(0)) p.resolve(unusable('Nashra was shutting down before this file was read'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  limitWorkers(count: number): void {
    this.size = Math.max(1, Math.min(this.size, count));
    // Threads over the limit finish their file and are retired by remove() below; idle ones stop now.
    for (const slot of this.slots.filter((s) => !s.busy).slice(0, Math.max(0, this.slots.length - this.size))) {
      this.remove(slot);
      void slot.worker.terminate();
    }
  }

  private pump(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.ref();
      pending.timer = setTimeout(() => this.fail(slot!, `parsing took longer than ${ANALYZE_TIMEOUT_MS / 1000} s`), ANALYZE_TIMEOUT_MS);
      slot.worker.postMessage(pending.request);
    }
    if (this.slots.every((s) => !s.busy) && this.slots.length) {
      this.idleTimer = setTimeout(() => {
        for (const s of this.slots.splice(0)) void s.worker.terminate();
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private spawn(): Slot {
    // Not the parent's execArgv: flags such as --input-type (a script given with -e) make the worker fail to load.
    const worker = new Worker(this.script, { execArgv: [], resourceLimits: PARSER_LIMITS });
    // A busy worker keeps the process alive (the caller awaits its answer); an idle one must not keep a finished
    // CLI run from exiting.
    const slot: Slot = { worker, busy: null };
    worker.on('message', (response: AnalyzeResponse) => {
      const pending = slot.busy;
      if (!pending || pending.request.id !== response.id) return;
      clearTimeout(pending.timer);
      slot.busy = null;
      slot.worker.unref();
      if (this.slots.length > this.size) {
        this.remove(slot);
        void slot.worker.terminate();
      }
      pending.resolve('result' in response ? response.result : unusable(`could not be parsed (${firstLine(response.error)})`));
      this.pump();
    });
    worker.on('error', (err) => this.fail(slot, `could not be parsed (${firstLine(err.message)})`));
    worker.on('exit', () => {
      if (slot.busy) this.fail(slot, 'could not be parsed (the parser stopped)');
      else this.remove(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  /** The file in `slot` failed: answer it, replace the worker, go on with the queue. */
  private fail(slot: Slot, reason: string): void {
    const pending = slot.busy;
    slot.busy = null;
    this.remove(slot);
    void slot.worker.terminate();
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve(unusable(reason));
    }
    if (!this.closed) this.pump();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}

function unusable(reason: string): AnalyzedFile {
  return { kind: 'unusable', reason, contentHash: null, quotes: [], digestAnalysis: null };
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/**
 * Worker threads when running the compiled JavaScript (the CLI, the bot); the calling thread when running from
 * TypeScript sources (vitest), where a worker cannot load the .ts module. End-to-end tests run the compiled bot
 * and CLI, so the worker path is the one they exercise.
 *
 * `inlineFiles`: the first this many files are parsed in the calling thread, for a one-shot command (the CLI)
 * whose run would otherwise wait for a worker to start and load the parser (~200 ms) to read the one or two files
 * added since its last run. Not for the bot: its thread answers interactions, and only a worker can be stopped
 * when a file takes too long.
 */
export function createFileAnalyzer(options: { inlineFiles?: number } = {}): FileAnalyzer {
  const script = new URL('./parse-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.ts')) return inThreadAnalyzer;
  const pool = new WorkerPoolAnalyzer(script);
  let inline = options.inlineFiles ?? 0;
  if (inline <= 0) return pool;
  return {
    analyze: (dir, entry, addedAt) => (inline-- > 0 ? inThreadAnalyzer.analyze(dir, entry, addedAt) : pool.analyze(dir, entry, addedAt)),
    close: () => pool.close(),
    limitWorkers: (count) => pool.limitWorkers(count),
  };
}
