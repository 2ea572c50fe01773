/**
 * `nashra add`, `nashra feeds`, `nashra fetch` end to end through the real bin/nashra.js (built by `npm test`),
 * against a local news site on 127.0.0.1. The CLI runs as a child process (asynchronously: the site lives in this
 * process and must keep answering while the CLI waits for it).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load.js';
import { parseArticle } from '../src/corpus/parse.js';
import { articlePage, rssFeed, serve, startNewsSite, type NewsSite } from '../bench/support/news-site.js';

const ROOT = path.resolve(__dirname, '..');
let site: NewsSite;
let seeds: Article[];
let root: string;
let corpus: string;
let data: string;

beforeAll(async () => {
  site = await startNewsSite();
  seeds = (await loadCorpus(path.join(ROOT, 'seeds'))).articles;
  for (const [i, seed] of seeds.entries()) {
    site.route(`/news/${i}`, serve(articlePage(seed, { siteName: 'هسبريس', date: '2022-05-11', otherHeadlines: seeds.map((s) => s.title).filter((t) => t !== seed.title) }), 'text/html; charset=utf-8'));
  }
  site.route('/rss.xml', serve(rssFeed('هسبريس', site.origin, [0, 1].map((i) => ({ title: seeds[i].title, link: site.url(`/news/${i}`), date: '2022-05-11' }))), 'application/rss+xml', { etag: '"cli-1"' }));
  site.route('/broken.xml', serve('<rss><channel><title>x</channel>', 'application/rss+xml'));
});

afterAll(async () => {
  await site?.close();
});

beforeEach((ctx) => {
  root = mkdtempSync(path.join(tmpdir(), 'nashra-cli-ingest-'));
  corpus = path.join(root, 'articles');
  data = path.join(root, 'data');
  mkdirSync(corpus);
  ctx.onTestFinished(() => rmSync(root, { recursive: true, force: true }));
});

function nashra(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/nashra.js'), ...args, '--corpus', corpus, '--data', data], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ARTICLES_DIR: '', DATA_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function singleJson(stdout: string): any {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}

describe('nashra add', () => {
  it('fetches pages and copies files, printing one added/skipped/errors document', async () => {
    const seedFile = path.join(ROOT, 'seeds', `${seeds[3].id}.txt`);
    const run = await nashra(['add', site.url('/news/0'), seedFile, site.url('/news/0'), '--json']);
    expect(run.code).toBe(0);
    const doc = singleJson(run.stdout);
    expect(Object.keys(doc).sort()).toEqual(['added', 'errors', 'skipped']);
    expect(doc.errors).toEqual([]);
    expect(doc.added).toHaveLength(2);
    for (const a of doc.added) expect(Object.keys(a).sort()).toEqual(['date', 'file', 'id', 'source', 'title', 'url']);
    // The fields are what the project's parser reads from the written file.
    for (const a of doc.added) {
      const parsed = parseArticle(a.id, readFileSync(a.file, 'utf8'));
      expect(a).toEqual({ id: parsed.id, title: parsed.title, date: parsed.date, source: parsed.source, url: parsed.url, file: a.file });
    }
    expect(doc.added[0]).toMatchObject({ title: seeds[0].title, date: '2022-05-11', source: 'هسبريس', url: site.url('/news/0') });
    expect(doc.added[1]).toMatchObject({ id: seeds[3].id, file: path.join(corpus, `${seeds[3].id}.txt`) });
    // The same URL twice in one run: a duplicate, skipped — not a failure.
    expect(doc.skipped).toEqual([{ url: site.url('/news/0'), reason: expect.stringMatching(/^already in the corpus as /) }]);
    expect(readdirSync(corpus)).toHaveLength(2);

    // The corpus now answers with the new article like any other.
    const search = await nashra(['search', 'بوريطة', '--json']);
    expect(singleJson(search.stdout).results.map((r: any) => r.id)).toContain(doc.added[0].id);
  });

  it('exits 1 when an item failed, still adding the others; 2 on bad usage', async () => {
    const run = await nashra(['add', site.url('/nowhere'), site.url('/news/2'), '--json']);
    expect(run.code).toBe(1);
    const doc = singleJson(run.stdout);
    expect(doc.added).toHaveLength(1);
    expect(doc.errors).toEqual([{ url: site.url('/nowhere'), error: expect.stringMatching(/HTTP 404/) }]);
    const usage = await nashra(['add', '--json']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/add needs at least one URL or file/);
  });

  it('prints readable text without --json', async () => {
    const run = await nashra(['add', site.url('/news/4')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`added    `);
    expect(run.stdout).toContain('1 added, 0 skipped, 0 failed');
  });
});

describe('nashra feeds and nashra fetch', () => {
  it('add, list, fetch (twice: the second finds nothing new), remove', async () => {
    const added = await nashra(['feeds', 'add', site.url('/rss.xml'), '--json']);
    expect(added.code).toBe(0);
    const addDoc = singleJson(added.stdout);
    expect(addDoc).toMatchObject({ outcome: 'added', feed: { url: site.url('/rss.xml'), title: 'هسبريس', failures: 0, lastError: null } });
    expect(Object.keys(addDoc.feed).sort()).toEqual(['addedAt', 'failures', 'lastError', 'lastOkAt', 'lastPolledAt', 'nextPollAt', 'title', 'url']);
    expect(singleJson((await nashra(['feeds', 'add', site.url('/rss.xml'), '--json'])).stdout).outcome).toBe('exists');

    const listed = singleJson((await nashra(['feeds', 'list', '--json'])).stdout);
    expect(listed.feeds.map((f: any) => f.url)).toEqual([site.url('/rss.xml')]);

    const first = await nashra(['fetch', '--json']);
    expect(first.code).toBe(0);
    const firstDoc = singleJson(first.stdout);
    expect(firstDoc.added.map((a: any) => a.title)).toEqual([seeds[0].title, seeds[1].title]);
    expect(firstDoc.errors).toEqual([]);

    const before = site.requestsTo('/rss.xml').length;
    const second = await nashra(['fetch', '--json']);
    expect(second.code).toBe(0);
    expect(singleJson(second.stdout)).toEqual({ added: [], skipped: [], errors: [] });
    const conditional = site.requestsTo('/rss.xml').slice(before);
    expect(conditional).toHaveLength(1);
    expect(conditional[0].headers['if-none-match']).toBe('"cli-1"');
    expect(conditional[0].status).toBe(304);
    expect(readdirSync(corpus)).toHaveLength(2);

    const removed = await nashra(['feeds', 'remove', site.url('/rss.xml'), '--json']);
    expect(removed.code).toBe(0);
    expect(singleJson(removed.stdout).removed.url).toBe(site.url('/rss.xml'));
    expect(singleJson((await nashra(['feeds', 'list', '--json'])).stdout)).toEqual({ feeds: [] });
    const again = await nashra(['feeds', 'remove', site.url('/rss.xml'), '--json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no feed with the URL/);
  });

  it('a page, or a broken feed, is refused when added as a feed (exit 1, nothing on stdout)', async () => {
    const page = await nashra(['feeds', 'add', site.url('/news/0'), '--json']);
    expect(page.code).toBe(1);
    expect(page.stdout).toBe('');
    expect(page.stderr).toMatch(/not an RSS or Atom feed/);

    const broken = await nashra(['feeds', 'add', site.url('/broken.xml')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/malformed feed XML/);
  });

  it('bad usage exits 2 with a one-line message', async () => {
    for (const args of [['feeds'], ['feeds', 'add'], ['feeds', 'drop', 'x'], ['fetch', 'now']]) {
      const run = await nashra([...args, '--json']);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('fetch reports a feed that fails as an error and exits 1', async () => {
    site.route('/flaky.xml', serve(rssFeed('x', site.origin, []), 'application/rss+xml'));
    expect((await nashra(['feeds', 'add', site.url('/flaky.xml')])).code).toBe(0);
    site.route('/flaky.xml', (_req, res) => res.writeHead(500).end());
    const run = await nashra(['fetch', '--json']);
    expect(run.code).toBe(1);
    expect(singleJson(run.stdout).errors).toEqual([{ url: site.url('/flaky.xml'), error: expect.stringMatching(/HTTP 500/) }]);
    const listed = singleJson((await nashra(['feeds', 'list', '--json'])).stdout);
    expect(listed.feeds[0]).toMatchObject({ failures: 1, lastError: expect.stringMatching(/HTTP 500/) });
  });
});
