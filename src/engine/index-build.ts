import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/article.js';
import { ArticleIndex, type ArticleTexts, type IndexSegment } from '../search/article-index.js';
import type { ArticleStore } from '../store/index.js';
import type { IndexSegmentRequest } from './index-segment-worker.js';

/** Below this many articles a worker's start (~150 ms to load the analyzer and SQLite) outweighs what it saves. */
export const PARALLEL_BUILD_FROM = 5_000;
const PAGE = 500;
/**
 * The worker's heap, bounded: what it keeps is its token table and dictionaries (its postings are typed arrays,
 * outside the heap); the rest is the text it reads and drops. Unbounded, V8 let that garbage grow the process by
 * ~200 MB before collecting.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 192 };

/**
 * The main thread's share of a parallel build: the rest goes to the worker. Less than half, because the main thread
 * also takes in the worker's segment and lays out the whole index (tuned on the 31k-article corpus, bench/live-corpus.ts).
 */
export const MAIN_THREAD_SHARE = 0.48;

/**
 * The search index built in one bulk pass over the store's articles (a few seconds at 31k, during start-up only,
 * before any caller holds the engine). With a database file and enough articles, the build is split in two by id:
 * a worker thread builds the later share as a segment (index-segment-worker.ts) while this thread builds the
 * first, then this thread appends the segment and lays out the index. The work is not duplicated: each article is
 * read and analyzed once, by one of the two threads.
 *
 * Only when running the compiled JavaScript: from TypeScript sources (vitest) a worker cannot load the .ts module,
 * and the build stays in this thread. The end-to-end tests run the compiled engine.
 */
export async function buildIndexFromStore(
  store: ArticleStore,
  texts: ArticleTexts,
  options: { databaseFile: string | null; parallelFrom?: number; warn: (message: string) => void },
): Promise<ArticleIndex> {
  const { databaseFile, parallelFrom = PARALLEL_BUILD_FROM, warn } = options;
  if (!databaseFile || import.meta.url.endsWith('.ts') || store.count() < parallelFrom) return ArticleIndex.build(articlesAfter(store, null), texts);
  const ids = store.ids();
  const split = ids[Math.max(0, Math.floor(ids.length * MAIN_THREAD_SHARE) - 1)];
  return ArticleIndex.buildWithSegment(
    articlesUpTo(store, split),
    texts,
    segmentInWorker({ databaseFile, after: split, page: PAGE }),
    () => articlesAfter(store, split),
    (why) => warn(`search index: ${why}; built in the main thread instead`),
  );
}

/** The store's articles whose id sorts after `after` (all with null), in id order. */
function* articlesAfter(store: ArticleStore, after: string | null): Generator<Article> {
  for (;;) {
    const page = store.articlesAfter(after, PAGE);
    if (!page.length) return;
    yield* page;
    after = page[page.length - 1].id;
  }
}

/** The store's articles up to id `last`, in id order. */
function* articlesUpTo(store: ArticleStore, last: string): Generator<Article> {
  for (const a of articlesAfter(store, null)) {
    if (a.id > last) return;
    yield a;
  }
}

function segmentInWorker(request: IndexSegmentRequest): Promise<IndexSegment> {
  return new Promise((resolve, reject) => {
    // Not the parent's execArgv: flags such as --input-type (a script given with -e) make the worker fail to load.
    const worker = new Worker(new URL('./index-segment-worker.js', import.meta.url), { workerData: request, execArgv: [], resourceLimits: WORKER_LIMITS });
    worker.once('message', (segment: IndexSegment) => resolve(segment));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`it stopped (exit code ${code}) before answering`)));
  });
}
