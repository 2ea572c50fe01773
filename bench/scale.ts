/**
 * SaudiNewsNet (31,030 articles from 14 Saudi newspapers, July–August 2015) as Articles, for the benchmarks that
 * measure at scale (bench/search.ts: the search index against its peers; quotations; digests). The corpus is read
 * straight from the gzip'd JSON lines, never copied.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { analyze, tokenize } from '../src/arabic/index.js';
import type { Article } from '../src/corpus/article.js';

export const DEFAULT_SAUDINEWSNET_FILE = '../shared/data/saudinewsnet/saudinewsnet.jsonl.gz';

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

