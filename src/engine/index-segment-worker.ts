/**
 * Another thread's share of a build from the store (index-build.ts): the articles after a given id, read through
 * this thread's own read-only connection in id order and put through the same bulk pass as the main thread's share
 * (ArticleIndex.buildSegment). Answers with the segment's arrays, transferred rather than copied; the main thread
 * appends it to its own share before laying out the index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArticleIndex } from '../search/article-index.js';
import { openArticleReader } from '../store/index.js';

export interface IndexSegmentRequest {
  databaseFile: string;
  /** The segment holds the articles whose id sorts after this one. */
  after: string;
  page: number;
}

if (parentPort) {
  const { databaseFile, after, page } = workerData as IndexSegmentRequest;
  const reader = openArticleReader(databaseFile);
  function* articles() {
    let last: string | null = after;
    for (;;) {
      const batch = reader.articlesAfter(last, page);
      if (!batch.length) return;
      yield* batch;
      last = batch[batch.length - 1].id;
    }
  }
  const segment = ArticleIndex.buildSegment(articles());
  reader.close();
  const { postings, rerankWords, sentences } = segment;
  const arrays: ArrayBufferView[] = [
    ...postings.fields.flatMap((f) => [f.terms, f.docs, f.tfs]),
    ...postings.fieldLength,
    postings.forward,
    postings.forwardStart,
    postings.forwardEnd,
    ...Object.values(rerankWords),
    ...Object.values(sentences),
  ];
  parentPort.postMessage(segment, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
}
