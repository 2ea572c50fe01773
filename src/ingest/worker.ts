/**
 * The extraction worker's entry point (a worker_threads Worker started by worker-pool.ts): runs one job per
 * message and posts its result back. An exception (a bug, or a library choking on a page) is posted as a failed
 * result naming it, so one page never takes the worker down with it.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './jobs.js';

parentPort?.on('message', (message: { id: number; job: Job }) => {
  let result;
  try {
    result = runJob(message.job);
  } catch (err) {
    result = { ok: false, message: `extraction failed: ${(err as Error)?.message ?? String(err)}` };
  }
  parentPort!.postMessage({ id: message.id, result });
});
