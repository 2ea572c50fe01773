/**
 * Digests of many articles (a day's news: ~2,000 articles, a second or more of analysis and grouping) are built
 * in a worker thread, so a briefing or a `/digest now` never holds up the interactions of everyone else. One
 * worker, started at the first large digest and stopped after a minute idle; jobs run one at a time.
 */
import { Worker } from 'node:worker_threads';
import type { Digest } from '../digest/types.js';

export interface DigestJob {
  type: 'digest';
  id: number;
  dataDir: string;
  /** Article id → the addedAt to use (when it was first seen, for a briefing's period). */
  items: [string, string][];
  now: string;
  /** Which stories are made in full (see DigestInput.maxStories and minSources). */
  maxStories?: number;
  minSources?: number;
}

/** Which of a digest's stories are made in full: the first `maxStories` of those told by `minSources` sources. */
export interface StoryChoice {
  maxStories?: number;
  minSources?: number;
}

export interface FrequencyAnswer {
  type: 'frequencies';
  documentCount: number;
  counts: number[];
}

export type DigestWorkerMessage =
  | { type: 'frequencies'; id: number; terms: string[] }
  | { type: 'formula-keys'; id: number; keys: Uint32Array }
  | { type: 'warning'; message: string }
  | { type: 'done'; id: number; digest: Digest }
  | { type: 'failed'; id: number; error: string };

/**
 * A question to the worker about the outlets' formulas (formula-counts.ts, which lives in the worker: its 32 MB sketch
 * and the counting of an archive go when the worker stops): which of these shingle keys are formula.
 */
export interface FormulaJob {
  type: 'formulas';
  id: number;
  dataDir: string;
  keys: Uint32Array;
  minDays: number;
}

/** Answers the worker's question: how many documents of the corpus contain each term. */
export interface FrequencySource {
  documentCount: number;
  documentFrequency(term: string): number;
}

/**
 * An idle worker is stopped after this long: it holds its own heap (100–200 MB after a day's digest), and starting
 * one again costs a fraction of a second against briefings minutes apart.
 */
const IDLE_MS = 15_000;
/** Far more than a day's digest takes; a job past it is abandoned and the worker replaced. */
const DIGEST_TIMEOUT_MS = 120_000;

export class DigestPool {
  private worker: Worker | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly script: URL = new URL('./digest-worker.js', import.meta.url),
    /** Where the worker's warnings go (a damaged statistics file, a failed save). */
    private readonly warn: (message: string) => void = () => {},
  ) {}

  /** Build the digest of `items` from the store in `dataDir`; frequencies come from `frequencies` (main thread). */
  run(dataDir: string, items: Map<string, string>, now: Date, frequencies: () => FrequencySource, choice: StoryChoice = {}): Promise<Digest> {
    const job = () =>
      this.runOne<Digest>(
        { type: 'digest', id: this.nextId++, dataDir, items: [...items], now: now.toISOString(), maxStories: choice.maxStories, minSources: choice.minSources },
        frequencies,
      );
    const result = this.chain.then(job, job);
    this.chain = result.catch(() => {});
    return result;
  }

  /**
   * Which of `keys` (sorted, each once) the outlets' formula statistics of the store in `dataDir` hold to be formula
   * (used on `minDays` days or more). The worker reads the statistics' file, or counts them from the store the first
   * time and saves them; with no keys it does only that (a warm-up).
   */
  formulaKeys(dataDir: string, keys: Uint32Array, minDays: number): Promise<Uint32Array> {
    const job = () => this.runOne<Uint32Array>({ type: 'formulas', id: this.nextId++, dataDir, keys, minDays });
    const result = this.chain.then(job, job);
    this.chain = result.catch(() => {});
    return result;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private runOne<T>(job: DigestJob | FormulaJob, frequencies?: () => FrequencySource): Promise<T> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = (this.worker ??= new Worker(this.script, { execArgv: [] }));
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`the digest took longer than ${DIGEST_TIMEOUT_MS / 1000} s`), true), DIGEST_TIMEOUT_MS);
      const onMessage = (m: DigestWorkerMessage) => {
        if (m.type === 'warning') return this.warn(m.message);
        if (m.id !== job.id) return;
        if (m.type === 'frequencies') {
          // The index answers in microseconds per term: a few thousand terms are a few milliseconds here.
          const source = frequencies!();
          const answer: FrequencyAnswer = { type: 'frequencies', documentCount: source.documentCount, counts: m.terms.map((t) => source.documentFrequency(t)) };
          worker.postMessage(answer);
        } else if (m.type === 'done') finish(null, false, m.digest as T);
        else if (m.type === 'formula-keys') finish(null, false, m.keys as T);
        else finish(new Error(`the digest failed in its worker: ${m.error.split('\n')[0]}`), false);
      };
      const onError = (err: Error) => finish(err, true);
      const onExit = () => finish(new Error('the digest worker stopped'), true);
      const finish = (err: Error | null, replace: boolean, result?: T) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (replace) {
          if (this.worker === worker) this.worker = null;
          void worker.terminate();
        } else {
          worker.unref();
          this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
          this.idleTimer.unref();
        }
        if (err) reject(err);
        else resolve(result!);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job, job.type === 'formulas' ? [job.keys.buffer as ArrayBuffer] : []);
    });
  }
}
