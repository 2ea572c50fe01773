/**
 * The sentence table of a build from the store (search/sentence-table.ts), made in a worker thread while the main
 * thread builds the postings and rerank words of the same articles (index-build.ts). Reads the articles in id
 * order, as the main thread does, through its own read-only connection; answers with the ids of the table's slots
 * (the main thread checks they are its own) and the table's arrays, transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BulkAnalyzer } from '../search/bulk-analyzer.js';
import { SentenceTable, type BuiltSentenceTable } from '../search/sentence-table.js';
import { openArticleReader } from '../store/index.js';

export interface SentenceTableRequest {
  databaseFile: string;
  page: number;
}

if (parentPort) {
  const { databaseFile, page } = workerData as SentenceTableRequest;
  const reader = openArticleReader(databaseFile);
  // Terms only hashed, not interned: the table needs their filter bits, not the index's term ids.
  const analyzer = new BulkAnalyzer(null);
  const table = new SentenceTable();
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const articles = reader.articlesAfter(after, page);
    if (!articles.length) break;
    for (const a of articles) {
      table.addDocument(ids.length, a, analyzer.analyzeArticle(a).tokens);
      ids.push(a.id);
    }
    after = articles[articles.length - 1].id;
  }
  reader.close();
  table.trim();
  const data = table.snapshot(ids.length);
  const built: BuiltSentenceTable = { ids, data };
  const buffers = new Set(Object.values(data).map((array: ArrayBufferView) => array.buffer as ArrayBuffer));
  parentPort.postMessage(built, [...buffers]);
}
