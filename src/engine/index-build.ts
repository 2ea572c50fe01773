import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/article.js';
import { ArticleIndex, type ArticleTexts } from '../search/article-index.js';
import type { BuiltSentenceTable } from '../search/sentence-table.js';
import type { ArticleStore } from '../store/index.js';
import type { SentenceTableRequest } from './sentence-table-worker.js';

/** Below this many articles a worker's start (~150 ms to load the analyzer and SQLite) outweighs what it saves. */
export const PARALLEL_BUILD_FROM = 5_000;
const PAGE = 500;
/**
 * The worker's heap, bounded: what it keeps is ~40 MB at 31k articles (its token table and the sentence table), the
 * rest is the text it reads and drops. Unbounded, V8 let that garbage grow the process by ~200 MB before collecting.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 160 };

/**
 * The search index built in one bulk pass over the store's articles (a few seconds at 31k, during start-up only,
 * before any caller holds the engine). With a database file and enough articles, the sentence table is made by a
 * worker thread reading the same rows meanwhile (sentence-table-worker.ts): on two cores the build takes the
 * longer half of the work, not both.
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
  const articles = everyArticle(store);
  if (!databaseFile || import.meta.url.endsWith('.ts') || store.count() < parallelFrom) return ArticleIndex.build(articles, texts);
  return ArticleIndex.buildWithSentences(articles, texts, sentenceTableInWorker(databaseFile), (why) =>
    warn(`search index: ${why}; sentence table made in the main thread`),
  );
}

function* everyArticle(store: ArticleStore): Generator<Article> {
  let after: string | null = null;
  for (;;) {
    const page = store.articlesAfter(after, PAGE);
    if (!page.length) return;
    yield* page;
    after = page[page.length - 1].id;
  }
}

function sentenceTableInWorker(databaseFile: string): Promise<BuiltSentenceTable> {
  return new Promise((resolve, reject) => {
    const request: SentenceTableRequest = { databaseFile, page: PAGE };
    // Not the parent's execArgv: flags such as --input-type (a script given with -e) make the worker fail to load.
    const worker = new Worker(new URL('./sentence-table-worker.js', import.meta.url), { workerData: request, execArgv: [], resourceLimits: WORKER_LIMITS });
    worker.once('message', (built: BuiltSentenceTable) => resolve(built));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`it stopped (exit code ${code}) before answering`)));
  });
}
