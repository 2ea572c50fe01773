/**
 * Scale and speed on SaudiNewsNet (31,030 articles from 14 Saudi newspapers, July–August 2015): index build time
 * and memory for the whole corpus, query latency over real queries, autocomplete latency, and start-up from a
 * saved index (fromJSON) against rebuilding. The corpus is read straight from the gzip'd JSON lines, never copied.
 *
 * Run alone: npm run build && node --expose-gc dist/bench/scale.js [path/to/saudinewsnet.jsonl.gz]
 * (without --expose-gc the memory figures include garbage not yet collected).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { analyze, tokenize } from '../src/arabic/index.js';
import type { Article } from '../src/corpus/article.js';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { ArticleIndex, memoryTexts } from '../src/search/article-index.js';
import { projectRoot } from './retrieval.js';

export const DEFAULT_SAUDINEWSNET_FILE = '../shared/data/saudinewsnet/saudinewsnet.jsonl.gz';
const QUERY_COUNT = 200;

interface SaudiNewsNetRecord {
  source?: string;
  url?: string;
  date_extracted?: string;
  title?: string;
  content?: string;
}

/** One SaudiNewsNet record as an Article: the extraction day is its date, the extraction time when it was added. */
export function recordToArticle(record: SaudiNewsNetRecord, index: number): Article {
  const extracted = record.date_extracted ?? '';
  const day = /^\d{4}-\d{2}-\d{2}/.exec(extracted)?.[0] ?? null;
  const id = record.url ? `snn-${createHash('sha1').update(record.url).digest('hex').slice(0, 12)}` : `snn-${index}`;
  return {
    id,
    title: (record.title ?? '').trim() || id,
    date: day,
    source: record.source ?? null,
    url: record.url ?? null,
    paragraphs: (record.content ?? '').split(/\n+/).map((p) => p.trim()).filter(Boolean),
    addedAt: day ? new Date(`${extracted.replace(' ', 'T')}Z`).toISOString() : new Date(0).toISOString(),
  };
}

export async function loadSaudiNewsNet(file: string): Promise<Article[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const articles: Article[] = [];
  const seen = new Set<string>();
  for await (const line of lines) {
    if (!line.trim()) continue;
    const article = recordToArticle(JSON.parse(line) as SaudiNewsNetRecord, articles.length);
    // The same URL crawled twice would collide on its id: keep the first, as a corpus folder would.
    if (seen.has(article.id)) article.id = `${article.id}-${articles.length}`;
    seen.add(article.id);
    articles.push(article);
  }
  return articles;
}

/** Real queries: 2–3 content words from the titles of evenly spaced articles, as a reader would type them. */
export function titleQueries(articles: readonly Article[], count: number): string[] {
  const queries: string[] = [];
  const step = Math.max(1, Math.floor(articles.length / count));
  for (let i = 0; i < articles.length && queries.length < count; i += step) {
    const words = tokenize(articles[i].title).filter((w) => analyze(w).length > 0 && !/^\d+$/.test(w));
    if (words.length >= 2) queries.push(words.slice(0, 2 + (i % 2)).join(' '));
  }
  return queries;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function timeEach(inputs: readonly string[], run: (input: string) => unknown): { p50: number; p95: number; max: number } {
  const ms = inputs.map((input) => {
    const t = performance.now();
    run(input);
    return performance.now() - t;
  });
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1] };
}

export async function runScaleBench(
  file = process.env.NASHRA_SAUDINEWSNET_FILE ?? path.resolve(projectRoot(), DEFAULT_SAUDINEWSNET_FILE),
): Promise<string> {
  const benchStarted = performance.now();
  let t = performance.now();
  const articles = await loadSaudiNewsNet(file);
  const loadSeconds = (performance.now() - t) / 1000;
  const chars = articles.reduce((n, a) => n + a.title.length + a.paragraphs.reduce((m, p) => m + p.length, 0), 0);

  const heapBefore = heapUsed();
  t = performance.now();
  const texts = memoryTexts(articles);
  let index: ArticleIndex | null = ArticleIndex.build(articles, texts);
  const buildSeconds = (performance.now() - t) / 1000;
  const heapIndex = heapUsed() - heapBefore;
  const rss = process.memoryUsage().rss;

  const queries = titleQueries(articles, QUERY_COUNT);
  // Warm-up: the first searches pay for JIT compilation, which a running bot pays once.
  for (const q of queries.slice(0, 10)) index.search(q);
  const search = timeEach(queries, (q) => index!.search(q, { limit: 10 }));
  const totals = queries.map((q) => index!.search(q, { limit: 0 }).total).sort((a, b) => a - b);
  const filtered = timeEach(queries, (q) => index!.search(q, { limit: 10, from: '2015-08-01', to: '2015-08-07' }));
  // Autocomplete as typed: the first word and the start of the second.
  const prefixes = queries.map((q) => q.slice(0, Math.min(q.length, q.indexOf(' ') + 3)));
  const suggest = timeEach(prefixes, (p) => index!.suggestTitles(p, 25));

  const snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'nashra-scale-'));
  const snapshot = path.join(snapshotDir, 'index.snapshot');
  t = performance.now();
  await index.saveTo(snapshot, {});
  const saveSeconds = (performance.now() - t) / 1000;
  const savedBytes = (await stat(snapshot)).size;
  const sample = queries.slice(0, 20).map((q) => JSON.stringify(index!.search(q).results.map((r) => r.id)));
  index = null;
  const heapBeforeReload = heapUsed();
  t = performance.now();
  const { index: reloaded } = await ArticleIndex.loadFrom(snapshot, texts);
  await rm(snapshotDir, { recursive: true, force: true });
  const reloadSeconds = (performance.now() - t) / 1000;
  const heapReloaded = heapUsed() - heapBeforeReload;
  const sameResults = queries.slice(0, 20).every((q, i) => JSON.stringify(reloaded.search(q).results.map((r) => r.id)) === sample[i]);

  const ms = (v: number) => v.toFixed(1);
  const totalSeconds = (performance.now() - benchStarted) / 1000;
  return [
    '## Scale (SaudiNewsNet)',
    '',
    `Corpus: \`${path.relative(projectRoot(), file)}\`: ${articles.length.toLocaleString('en')} articles, ` +
      `${(chars / 1e6).toFixed(1)} million characters, read and mapped to articles in ${loadSeconds.toFixed(1)} s.`,
    '',
    '| Measure | Value |',
    '| --- | --- |',
    `| Index build, all articles | ${buildSeconds.toFixed(1)} s |`,
    `| Heap held by the index | ${mib(heapIndex)} MiB${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: approximate)'} |`,
    `| Process RSS after build (articles + index) | ${mib(rss)} MiB |`,
    `| Search latency, ${queries.length} title-word queries, limit 10 with snippets | p50 ${ms(search.p50)} ms, p95 ${ms(search.p95)} ms, max ${ms(search.max)} ms |`,
    `| Matches per query (total) | median ${percentile(totals, 50).toLocaleString('en')}, p95 ${percentile(totals, 95).toLocaleString('en')} |`,
    `| Search latency with a 7-day date filter | p50 ${ms(filtered.p50)} ms, p95 ${ms(filtered.p95)} ms |`,
    `| Title autocomplete (suggestTitles, 25 choices) | p50 ${ms(suggest.p50)} ms, p95 ${ms(suggest.p95)} ms, max ${ms(suggest.max)} ms |`,
    `| Saved index snapshot size | ${mib(savedBytes)} MiB, written in ${saveSeconds.toFixed(1)} s |`,
    `| Loading the saved snapshot vs. rebuilding | ${reloadSeconds.toFixed(1)} s vs. ${buildSeconds.toFixed(1)} s |`,
    `| Heap held by the reloaded index | ${mib(heapReloaded)} MiB |`,
    `| Reloaded index gives identical results (20 queries) | ${sameResults ? 'yes' : 'NO'} |`,
    '',
    `Time taken: ${totalSeconds.toFixed(0)} s.`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  process.stdout.write(await runScaleBench(file));
}
