/**
 * The extraction worker's entry point (a worker_threads Worker started by worker-pool.ts): runs one job per
 * message and posts its result back. An exception (a bug, or a library choking on a page) is posted as a failed
 * result naming it, so one page never takes the worker down with it.
 *
 * Modules are loaded by the first job that needs them: an article file given to `nashra add` needs the corpus
 * parser only, not the HTML DOM, Readability and the feed parser (~0.5 s of loading on a one-file add).
 */
import { parentPort } from 'node:worker_threads';
import type { FeedParse } from './feed.js';
import type { Job, PageDraft } from './jobs.js';

async function run(job: Job): Promise<FeedParse | PageDraft> {
  if (job.kind === 'file') {
    const { draftFromText } = await import('./article-file.js');
    return draftFromText(job.fileName, job.text, job.label);
  }
  const { runJob } = await import('./jobs.js');
  return runJob(job);
}

parentPort?.on('message', (message: { id: number; job: Job }) => {
  run(message.job)
    .catch((err: unknown) => ({ ok: false as const, message: `extraction failed: ${(err as Error)?.message ?? String(err)}` }))
    .then((result) => parentPort!.postMessage({ id: message.id, result }));
});
