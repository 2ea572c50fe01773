/**
 * Worker-thread side of digest-pool.ts: builds a digest of many articles away from the thread that answers
 * Discord. It reads the articles from the store itself (its own read-only connection), analyzes them, asks the
 * main thread for the document frequencies of the terms it found (the search index lives there), and builds the
 * digest with the same pure functions as the main thread would.
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Article } from '../corpus/article.js';
import { buildDigest } from '../digest/digest.js';
import { decodeAnalysis } from '../digest/stored-analysis.js';
import { analyzeArticle } from '../digest/vectors.js';
import { DATABASE_FILE } from '../store/database.js';
import { SqliteArticleStore } from '../store/articles.js';
import type { DigestJob, DigestWorkerMessage, FormulaJob, FrequencyAnswer } from './digest-pool.js';
import { FormulaCounts } from './formula-counts.js';

const stores = new Map<string, SqliteArticleStore>();

function storeFor(dataDir: string): SqliteArticleStore {
  let store = stores.get(dataDir);
  if (!store) {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    store = new SqliteArticleStore(db);
    stores.set(dataDir, store);
  }
  return store;
}

/**
 * The outlets' formula statistics of each data folder (formula-counts.ts), held here rather than in the main
 * thread: the 32 MB sketch, and the garbage of counting an archive the first time, go when this worker stops idle.
 */
const formulaCounts = new Map<string, FormulaCounts>();
const warn = (message: string) => parentPort!.postMessage({ type: 'warning', message } satisfies DigestWorkerMessage);

function formulasFor(dataDir: string): FormulaCounts {
  let counts = formulaCounts.get(dataDir);
  if (!counts) formulaCounts.set(dataDir, (counts = new FormulaCounts(storeFor(dataDir), dataDir, { warn })));
  return counts;
}

let answer: ((a: FrequencyAnswer) => void) | null = null;

parentPort!.on('message', (message: DigestJob | FormulaJob | FrequencyAnswer) => {
  if (message.type === 'frequencies') {
    answer?.(message);
    return;
  }
  if (message.type === 'formulas') {
    formulasFor(message.dataDir)
      .formulaKeys(message.keys, message.minDays)
      .then(
        (keys) => parentPort!.postMessage({ type: 'formula-keys', id: message.id, keys } satisfies DigestWorkerMessage, [keys.buffer as ArrayBuffer]),
        (err: unknown) => parentPort!.postMessage({ type: 'failed', id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies DigestWorkerMessage),
      );
    return;
  }
  run(message).then(
    (digest) => parentPort!.postMessage({ type: 'done', id: message.id, digest } satisfies DigestWorkerMessage),
    (err: unknown) => parentPort!.postMessage({ type: 'failed', id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies DigestWorkerMessage),
  );
});

async function run(job: DigestJob) {
  const store = storeFor(job.dataDir);
  const articles: Article[] = [];
  for (const [id, addedAt] of job.items) {
    const row = store.getForDigest(id);
    if (!row) continue; // removed since it was selected
    const article = { ...row.article, addedAt };
    // Its analysis as stored when it was parsed, when kept and fitting (else analyzeArticle makes it below).
    if (row.digestAnalysis) decodeAnalysis(article, row.digestAnalysis);
    articles.push(article);
  }
  // Read as the digest asks: only the articles of the stories it makes in full (all of them without maxStories or minSources).
  const quotesByArticle = { get: (id: string) => store.quotesOf(id) };
  const terms = new Set<string>();
  const analyzed = articles.map(analyzeArticle);
  for (const doc of analyzed) {
    for (const t of doc.titleTerms) terms.add(t);
    for (const t of doc.bodyCounts.keys()) terms.add(t);
  }
  const wanted = [...terms];
  const reply = await new Promise<FrequencyAnswer>((resolve) => {
    answer = resolve;
    parentPort!.postMessage({ type: 'frequencies', id: job.id, terms: wanted } satisfies DigestWorkerMessage);
  });
  answer = null;
  const df = new Map<string, number>();
  wanted.forEach((t, i) => df.set(t, reply.counts[i]));
  // Statistics that cannot be had (a store read failing) leave the digest without them rather than without a digest.
  const formulaStatistics = await formulasFor(job.dataDir)
    .current()
    .catch((err: unknown) => (warn(`the outlets' formulas could not be counted: ${(err as Error).message}`), undefined));
  return buildDigest({
    articles,
    quotesByArticle,
    formulaStatistics,
    termStatistics: { documentCount: reply.documentCount, documentFrequency: (t) => df.get(t) ?? 0 },
    now: new Date(job.now),
    maxStories: job.maxStories,
    minSources: job.minSources,
  });
}
