/**
 * RSS 2.0 and Atom feeds into the corpus: the real Ingestor and FeedPoller against a local news site on 127.0.0.1
 * whose feeds list article pages built from the seeds' text.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load.js';
import { parseArticle } from '../src/corpus/parse.js';
import { FeedPoller } from '../src/ingest/poller.js';
import { Ingestor, MAX_ITEM_ATTEMPTS } from '../src/ingest/ingest.js';
import { ExtractionWorker } from '../src/ingest/worker-pool.js';
import { FeedRepository } from '../src/store/feeds.js';
import { openStore, type Store } from '../src/store/index.js';
import {
  articlePage,
  atomFeed,
  encodeSingleByte,
  paragraphsHtml,
  rssFeed,
  serve,
  startNewsSite,
  type FeedEntry,
  type NewsSite,
} from '../bench/support/news-site.js';

let site: NewsSite;
let seeds: Article[];
let worker: ExtractionWorker;
let root: string;
let corpus: string;
let store: Store;
let repo: FeedRepository;
let ingestor: Ingestor;
const clock = { now: new Date('2026-11-23T08:00:00.000Z') };
const HTML = 'text/html; charset=utf-8';
const RSS = 'application/rss+xml; charset=utf-8';

beforeAll(async () => {
  site = await startNewsSite();
  seeds = (await loadCorpus(path.resolve('seeds'))).articles;
  worker = new ExtractionWorker();
});

afterAll(async () => {
  await worker?.close();
  await site?.close();
});

let prefix = 0;
let base: string;
beforeEach((ctx) => {
  root = mkdtempSync(path.join(tmpdir(), 'nashra-ingest-feeds-'));
  corpus = path.join(root, 'articles');
  mkdirSync(corpus);
  store = openStore(path.join(root, 'data'));
  repo = new FeedRepository(store.db);
  clock.now = new Date('2026-11-23T08:00:00.000Z');
  ingestor = new Ingestor({ corpusDir: corpus, feeds: repo, worker, http: { timeoutMs: 3000 }, clock: () => clock.now, pollMinutes: 15 });
  base = `/t${++prefix}`; // every test its own paths on the shared site
  ctx.onTestFinished(() => {
    store.close();
    rmSync(root, { recursive: true, force: true });
  });
});

const files = () => readdirSync(corpus).sort();
const others = (a: Article) => seeds.filter((s) => s.id !== a.id).map((s) => s.title);

/** Serve the seed as an article page at `${base}/news/${n}` and return its feed entry. */
function publish(seed: Article, n: number, date = '2022-05-11', extra: Partial<FeedEntry> = {}): FeedEntry {
  const p = `${base}/news/${n}`;
  site.route(p, serve(articlePage(seed, { siteName: 'هسبريس', otherHeadlines: others(seed) }), HTML));
  return { title: seed.title, link: site.url(p), date, summary: seed.paragraphs[0], ...extra };
}

async function addFeed(p: string) {
  const result = await ingestor.addFeed(site.url(p), 'test');
  if (result.kind === 'failed') throw new Error(result.message);
  return result.feed;
}

describe('an RSS 2.0 feed', () => {
  it('polled twice: every item once, then a conditional GET answered 304 and nothing new', async () => {
    const entries = seeds.slice(0, 3).map((s, i) => publish(s, i));
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, entries), RSS, { etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 07:00:00 GMT' }));
    const feed = await addFeed(`${base}/rss.xml`);
    expect(feed.title).toBe('هسبريس');

    const first = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(first.polls[0].outcome).toBe('new');
    expect(first.report.errors).toEqual([]);
    expect(first.report.added.map((a) => a.title)).toEqual(seeds.slice(0, 3).map((s) => s.title));
    expect(files()).toHaveLength(3);
    for (const [i, added] of first.report.added.entries()) {
      const article = parseArticle(added.id, readFileSync(added.file, 'utf8'));
      expect(article.paragraphs).toEqual(seeds[i].paragraphs);
      expect(article.url).toBe(entries[i].link);
    }
    expect(repo.feed(feed.id)).toMatchObject({ etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 07:00:00 GMT', failures: 0, lastError: null });

    const pageFetches = site.requests.filter((r) => r.path.startsWith(`${base}/news/`)).length;
    const second = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(second.polls[0].outcome).toBe('unchanged');
    expect(second.report).toEqual({ added: [], skipped: [], errors: [] });
    const feedRequests = site.requestsTo(`${base}/rss.xml`);
    const last = feedRequests[feedRequests.length - 1];
    expect(last.headers['if-none-match']).toBe('"v1"');
    expect(last.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 07:00:00 GMT');
    expect(last.status).toBe(304);
    expect(site.requests.filter((r) => r.path.startsWith(`${base}/news/`))).toHaveLength(pageFetches);
    expect(files()).toHaveLength(3);
  });

  it('when the feed changes, only the new item is fetched', async () => {
    const entries = seeds.slice(0, 2).map((s, i) => publish(s, i));
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, entries), RSS, { etag: '"a"' }));
    const feed = await addFeed(`${base}/rss.xml`);
    await ingestor.pollFeeds([repo.feed(feed.id)!]);
    const fresh = publish(seeds[3], 3, '2022-05-12');
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, [fresh, ...entries]), RSS, { etag: '"b"' }));
    const before = site.requests.length;
    const { report } = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(report.added.map((a) => a.title)).toEqual([seeds[3].title]);
    const fetched = site.requests.slice(before).map((r) => r.path);
    expect(fetched).toEqual([`${base}/rss.xml`, `${base}/news/3`]);
    expect(repo.feed(feed.id)!.etag).toBe('"b"');
  });

  it("falls back to the feed's own content when the item's page cannot be fetched", async () => {
    const seed = seeds[4];
    const entry: FeedEntry = { title: seed.title, link: site.url(`${base}/gone`), date: '2022-05-12', author: 'هيئة التحرير', contentHtml: paragraphsHtml(seed.paragraphs) };
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, [entry]), RSS));
    const feed = await addFeed(`${base}/rss.xml`);
    const { report } = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(1);
    const article = parseArticle(report.added[0].id, readFileSync(report.added[0].file, 'utf8'));
    expect(article.paragraphs).toEqual(seed.paragraphs);
    // RSS pubDate is 09:30 UTC → the day of the item.
    expect(article).toMatchObject({ date: '2022-05-12', source: 'هسبريس', author: 'هيئة التحرير', url: entry.link });
    expect(site.requestsTo(`${base}/gone`)[0].status).toBe(404);
  });

  it('an item with neither page nor content is reported, retried on later polls (full GET), then given up', async () => {
    const entry: FeedEntry = { title: 'خبر بلا صفحة', link: site.url(`${base}/missing`), date: '2022-05-12', summary: '' };
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, [entry]), RSS, { etag: '"x"' }));
    const feed = await addFeed(`${base}/rss.xml`);
    for (let attempt = 1; attempt <= MAX_ITEM_ATTEMPTS; attempt++) {
      const { report } = await ingestor.pollFeeds([repo.feed(feed.id)!]);
      expect(report.errors).toEqual([{ url: entry.link, error: expect.stringMatching(/answered HTTP 404/) }]);
      if (attempt === MAX_ITEM_ATTEMPTS) expect(report.errors[0].error).toMatch(/given up/);
      // The validators are not kept while an item waits for a retry: the next poll must see the items again.
      const requests = site.requestsTo(`${base}/rss.xml`);
      expect(requests[requests.length - 1].headers['if-none-match']).toBeUndefined();
    }
    const after = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(after.report.errors).toEqual([]);
    expect(site.requestsTo(`${base}/missing`)).toHaveLength(MAX_ITEM_ATTEMPTS);
    expect(files()).toEqual([]);
  });

  it('reads a windows-1256 feed (encoding in the XML declaration)', async () => {
    const seed = seeds[2];
    const entry: FeedEntry = { title: seed.title, link: site.url(`${base}/none`), date: '2022-05-11', contentHtml: paragraphsHtml(seed.paragraphs) };
    const xml = rssFeed('الشروق', site.origin, [entry]).replace('encoding="UTF-8"', 'encoding="windows-1256"');
    site.route(`${base}/rss.xml`, serve(encodeSingleByte(xml, 'windows-1256'), 'application/rss+xml'));
    const feed = await addFeed(`${base}/rss.xml`);
    expect(feed.title).toBe('الشروق');
    const { report } = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(report.added[0].title).toBe(seed.title);
    expect(parseArticle('x', readFileSync(report.added[0].file, 'utf8')).paragraphs).toEqual(seed.paragraphs);
  });
});

describe('an Atom feed', () => {
  it('is ingested, and polled again with If-Modified-Since when it sends only Last-Modified', async () => {
    const entries = [publish(seeds[1], 1, '2022-05-11', { author: 'رويترز' }), publish(seeds[2], 2, '2022-05-11')];
    site.route(`${base}/atom.xml`, serve(atomFeed('اليوم 24', site.origin, entries), 'application/atom+xml', { lastModified: 'Mon, 23 Nov 2026 06:00:00 GMT' }));
    const feed = await addFeed(`${base}/atom.xml`);
    const first = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(first.report.added.map((a) => a.title)).toEqual([seeds[1].title, seeds[2].title]);
    // Page metadata wins where it exists (og:site_name), the feed fills the rest (author from <author>).
    expect(parseArticle('x', readFileSync(first.report.added[0].file, 'utf8'))).toMatchObject({ source: 'هسبريس', author: 'رويترز', date: '2022-05-11' });
    const second = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(second.polls[0].outcome).toBe('unchanged');
    const last = site.requestsTo(`${base}/atom.xml`).at(-1)!;
    expect(last.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 06:00:00 GMT');
    expect(last.headers['if-none-match']).toBeUndefined();
    expect(last.status).toBe(304);
  });
});

describe('failures and backoff', () => {
  it('malformed XML: a clear error, nothing written, nothing lost, and the feed backs off', async () => {
    const entries = [publish(seeds[0], 0)];
    const good = rssFeed('هسبريس', site.origin, entries);
    site.route(`${base}/rss.xml`, serve(good, RSS, { etag: '"good"' }));
    const feed = await addFeed(`${base}/rss.xml`);
    await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(files()).toHaveLength(1);

    // The feed breaks: an unclosed element, cut off mid-document.
    const broken = good.replace('</title>', '').slice(0, good.length - 40);
    site.route(`${base}/rss.xml`, serve(broken, RSS, { etag: '"broken"' }));
    store.db.prepare('UPDATE feeds SET etag = NULL').run();
    const { report, polls } = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(polls[0].outcome).toBe('failed');
    expect(report.errors).toEqual([{ url: site.url(`${base}/rss.xml`), error: expect.stringMatching(/^malformed feed XML \(.+\)$/) }]);
    expect(files()).toHaveLength(1);
    let stored = repo.feed(feed.id)!;
    expect(stored).toMatchObject({ failures: 1, lastError: expect.stringMatching(/malformed feed XML/), etag: null });
    // The first failure retries at the next regular poll…
    expect(ingestor.dueFeeds().map((f) => f.id)).toContain(feed.id);
    await ingestor.pollFeeds([stored]);
    stored = repo.feed(feed.id)!;
    // …then the waits double: 2 intervals after the second failure, so the feed is not due at the next tick.
    expect(stored.failures).toBe(2);
    expect(Date.parse(stored.nextPollAt!) - clock.now.getTime()).toBe(30 * 60_000);
    clock.now = new Date(clock.now.getTime() + 15 * 60_000);
    expect(ingestor.dueFeeds().map((f) => f.id)).not.toContain(feed.id);
    clock.now = new Date(clock.now.getTime() + 15 * 60_000);
    expect(ingestor.dueFeeds().map((f) => f.id)).toContain(feed.id);

    // Fixed: the failures are cleared, and the item already ingested is not ingested again.
    site.route(`${base}/rss.xml`, serve(good, RSS, { etag: '"fixed"' }));
    const healed = await ingestor.pollFeeds([repo.feed(feed.id)!]);
    expect(healed.report).toEqual({ added: [], skipped: [], errors: [] });
    expect(repo.feed(feed.id)).toMatchObject({ failures: 0, lastError: null, nextPollAt: null, etag: '"fixed"' });
    expect(files()).toHaveLength(1);
  });

  it('a URL that is not a feed is refused when added, and not stored', async () => {
    site.route(`${base}/page`, serve(articlePage(seeds[0], { siteName: 'هسبريس' }), HTML));
    const result = await ingestor.addFeed(site.url(`${base}/page`), 'test');
    expect(result).toEqual({ kind: 'failed', message: expect.stringMatching(/not an RSS or Atom feed/) });
    expect(repo.listFeeds()).toEqual([]);
    const missing = await ingestor.addFeed(site.url(`${base}/nothing.xml`), 'test');
    expect(missing).toEqual({ kind: 'failed', message: expect.stringMatching(/answered HTTP 404/) });
  });

  it('adding the same feed twice keeps one', async () => {
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, []), RSS));
    await addFeed(`${base}/rss.xml`);
    const again = await ingestor.addFeed(site.url(`${base}/rss.xml`), 'test');
    expect(again.kind).toBe('exists');
    expect(repo.listFeeds()).toHaveLength(1);
  });
});

describe('one story, one file, across feeds', () => {
  it('the same wire story in two feeds under two URLs is written once', async () => {
    const seed = seeds[1];
    const a = publish(seed, 10);
    const retitled = { ...seed, title: 'المغرب يحتضن اجتماع التحالف الدولي' };
    site.route(`${base}/other-site/8812`, serve(articlePage(retitled, { siteName: 'اليوم 24', layout: 'b', otherHeadlines: others(seed) }), HTML));
    const b: FeedEntry = { title: retitled.title, link: site.url(`${base}/other-site/8812`), date: '2022-05-11' };
    site.route(`${base}/a.xml`, serve(rssFeed('هسبريس', site.origin, [a]), RSS));
    site.route(`${base}/b.xml`, serve(atomFeed('اليوم 24', site.origin, [b]), 'application/atom+xml'));
    await addFeed(`${base}/a.xml`);
    await addFeed(`${base}/b.xml`);
    const { report } = await ingestor.pollFeeds(repo.listFeeds());
    expect(report.added).toHaveLength(1);
    expect(report.skipped).toEqual([{ url: b.link, reason: expect.stringMatching(/^same text as /) }]);
    expect(files()).toHaveLength(1);
  });
});

describe('the poller', () => {
  it('polls due feeds on its own, polls a feed added through it right away, and stops promptly', async () => {
    const entries = [publish(seeds[0], 0), publish(seeds[3], 3)];
    site.route(`${base}/rss.xml`, serve(rssFeed('هسبريس', site.origin, entries), RSS, { etag: '"p"' }));
    const polled: number[] = [];
    const poller = new FeedPoller({
      ingestor,
      pollMinutes: 15,
      log: { info: () => {}, warn: () => {} },
      firstPollDelayMs: 60_000, // not during this test: the add below triggers the poll
      onPolled: (r) => polled.push(r.added.length),
    });
    poller.start();
    const result = await poller.addFeed(site.url(`${base}/rss.xml`), 'user-1');
    expect(result.kind).toBe('added');
    await poller.idle();
    expect(polled).toEqual([2]);
    expect(files()).toHaveLength(2);
    expect(poller.listFeeds().map((f) => f.url)).toEqual([site.url(`${base}/rss.xml`)]);
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(6000);
    expect(poller.removeFeed(site.url(`${base}/rss.xml`))?.url).toBe(site.url(`${base}/rss.xml`));
  });
});
