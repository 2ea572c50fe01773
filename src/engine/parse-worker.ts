/** Worker-thread side of parse-pool.ts: analyzes the files it is sent, one message per file. */
import { parentPort } from 'node:worker_threads';
import { analyzeFile } from './analyze-file.js';
import type { AnalyzeRequest, AnalyzeResponse } from './parse-pool.js';

parentPort!.on('message', (request: AnalyzeRequest) => {
  analyzeFile(request.dir, request.entry, request.addedAt).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies AnalyzeResponse),
    (err: unknown) => parentPort!.postMessage({ id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies AnalyzeResponse),
  );
});
