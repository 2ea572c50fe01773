/**
 * `npm run bench`: every speed, memory and quality figure the project reports, measured on real data
 * (ARCD for retrieval quality, SaudiNewsNet for scale, quotations and digests, EASC for summaries), written to
 * docs/benchmarks.md.
 * Speed targets live here and never in unit tests. Run one section with `npm run bench -- retrieval`.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runDigestBench } from './digest.js';
import { runIngestBench } from './ingest.js';
import { runLiveCorpusBench } from './live-corpus.js';
import { runQuotesBench } from './quotes.js';
import { runRetrievalBench } from './retrieval.js';
import { runSearchBench } from './search.js';
import { runSummariesBench } from './summaries.js';
import { mergeIntoDoc } from './support/doc-merge.js';

const SECTIONS: Record<string, () => Promise<string>> = {
  retrieval: runRetrievalBench,
  search: runSearchBench,
  'live-corpus': runLiveCorpusBench,
  quotes: runQuotesBench,
  digest: runDigestBench,
  summaries: runSummariesBench,
  ingest: runIngestBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in SECTIONS));
  if (unknown.length) {
    process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}\n`);
    process.exit(2);
  }
  const names = wanted.length ? wanted : Object.keys(SECTIONS);
  const parts: string[] = [];
  for (const name of names) {
    process.stderr.write(`bench: ${name}…\n`);
    const started = Date.now();
    parts.push(await SECTIONS[name]());
    process.stderr.write(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const header = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}:`,
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
    'Data: `../shared/data` (ARCD train split; SaudiNewsNet; EASC Wikipedia part) — read in place, never copied into the repository.',
    '',
  ].join('\n');
  const doc = `${header}\n${parts.join('\n\n')}\n`;
  process.stdout.write(doc);
  if (!wanted.length) {
    // The notes written beside the generated sections are kept: only the marked sections are replaced (see
    // bench/support/doc-merge.ts).
    const file = path.resolve('docs/benchmarks.md');
    const existing = existsSync(file) ? await readFile(file, 'utf8') : '';
    await writeFile(file, mergeIntoDoc(existing || `${header}\n`, names.map((n, i) => [n, parts[i]] as const)));
    process.stderr.write(`bench: wrote ${file}\n`);
  }
}

await main();
