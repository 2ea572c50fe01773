/**
 * Article pages by URL (and files) into the corpus: the real Ingestor (fetch → extraction worker → commit) against
 * a local news site on 127.0.0.1 that serves the seeds' text inside realistic page chrome.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load.js';
import { parseArticle } from '../src/corpus/parse.js';
import { USER_AGENT } from '../src/ingest/http.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { ExtractionWorker } from '../src/ingest/worker-pool.js';
import { FeedRepository } from '../src/store/feeds.js';
import { openStore, type Store } from '../src/store/index.js';
import { articlePage, encodeSingleByte, redirect, serve, startNewsSite, status, type NewsSite } from '../bench/support/news-site.js';

let site: NewsSite;
let seeds: Article[];
let root: string;
let corpus: string;
let store: Store;
let worker: ExtractionWorker;
let ingestor: Ingestor;
let written: string[][];

const HTML = 'text/html; charset=utf-8';

beforeAll(async () => {
  site = await startNewsSite();
  seeds = (await loadCorpus(path.resolve('seeds'))).articles;
  worker = new ExtractionWorker();
});

afterAll(async () => {
  await worker?.close();
  await site?.close();
});

beforeEach((ctx) => {
  root = mkdtempSync(path.join(tmpdir(), 'nashra-ingest-pages-'));
  corpus = path.join(root, 'articles');
  store = openStore(path.join(root, 'data'));
  mkdirSync(corpus);
  written = [];
  ingestor = new Ingestor({
    corpusDir: corpus,
    feeds: new FeedRepository(store.db),
    worker,
    http: { timeoutMs: 2000 },
    onArticlesWritten: (files) => written.push(files),
  });
  ctx.onTestFinished(() => {
    store.close();
    rmSync(root, { recursive: true, force: true });
  });
});

const others = (a: Article) => seeds.filter((s) => s.id !== a.id).map((s) => s.title);
const files = () => readdirSync(corpus).sort();
const readArticle = (file: string) => parseArticle(path.basename(file).replace(/\.md$/, ''), readFileSync(file, 'utf8'));

describe('an article page by URL', () => {
  it('becomes one article file: the text without the chrome, metadata in front matter, the parser read what `added` says', async () => {
    const seed = seeds[1];
    site.route('/news/2022/05/alliance.html', serve(articlePage(seed, { siteName: 'هسبريس', date: '2022-05-11', author: 'محمد الرداف', otherHeadlines: others(seed), canonical: site.url('/news/2022/05/alliance.html') }), HTML));
    const report = await ingestor.add([site.url('/news/2022/05/alliance.html')]);
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(1);
    expect(files()).toHaveLength(1);
    expect(files()[0]).toMatch(/^127\.0\.0\.1_[0-9a-f]{16}\.md$/);
    const [added] = report.added;
    expect(added.file).toBe(path.join(corpus, files()[0]));
    expect(written).toEqual([[added.file]]);

    const text = readFileSync(added.file, 'utf8');
    expect(text).toMatch(/^---\ntitle: "التحالف الدولي لمحاربة داعش يجتمع في المغرب وسط مخاوف بتهديده أفريقيا"\ndate: 2022-05-11\nsource: "هسبريس"\nurl: http:\/\/127\.0\.0\.1:\d+\/news\/2022\/05\/alliance\.html\nauthor: "محمد الرداف"\nfetchedAt: \d{4}-\d\d-\d\dT[\d:.]+Z\n---\n\n/);
    const article = readArticle(added.file);
    expect(article.paragraphs).toEqual(seed.paragraphs);
    expect(article.author).toBe('محمد الرداف');
    expect(added).toEqual({ id: article.id, title: article.title, date: '2022-05-11', source: 'هسبريس', url: site.url('/news/2022/05/alliance.html'), file: added.file });
    // None of the chrome: other articles' headlines, the ticker, share and comment buttons, the footer.
    for (const headline of others(seed)) expect(text).not.toContain(headline);
    for (const chrome of ['عاجل', 'اترك تعليقاً', 'واتساب', 'جميع الحقوق محفوظة', 'سياسة الخصوصية']) expect(text).not.toContain(chrome);
    // Nashra said who it is.
    expect(site.requestsTo('/news/2022/05/alliance.html')[0].headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^Nashra\/\d+\.\d+\.\d+ \(/);
  });

  it('reads the headline, date and author from JSON-LD when the page has no Open Graph tags', async () => {
    const seed = seeds[2];
    site.route('/ld/article', serve(articlePage(seed, { siteName: 'العمق المغربي', metadata: 'json-ld', date: '2021-12-03', author: 'سارة بنعلي', otherHeadlines: others(seed) }), HTML));
    const report = await ingestor.add([site.url('/ld/article')]);
    expect(report.added).toHaveLength(1);
    const article = readArticle(report.added[0].file);
    expect(article).toMatchObject({ title: seed.title, date: '2021-12-03', source: 'العمق المغربي', author: 'سارة بنعلي', url: site.url('/ld/article') });
    expect(article.paragraphs).toEqual(seed.paragraphs);
  });

  it('falls back to the host as source, and ignores a canonical that points at the home page', async () => {
    const seed = seeds[0];
    site.route('/plain/1', serve(articlePage(seed, { siteName: 'x', metadata: 'none', canonical: site.url('/'), otherHeadlines: others(seed) }), HTML));
    const report = await ingestor.add([site.url('/plain/1')]);
    const [added] = report.added;
    expect(added.url).toBe(site.url('/plain/1'));
    expect(added.source).toBe('127.0.0.1');
    expect(added.title).toBe(seed.title); // from the <h1>
  });

  it('decodes a windows-1256 page (charset in the Content-Type header)', async () => {
    const seed = seeds[3];
    // The code page really is cp1256: «المغرب» is C7 E1 E3 DB D1 C8 there (independent of Node's table).
    expect([...encodeSingleByte('المغرب', 'windows-1256')]).toEqual([0xc7, 0xe1, 0xe3, 0xdb, 0xd1, 0xc8]);
    const bytes = encodeSingleByte(articlePage(seed, { siteName: 'الشروق', date: '2021-12-03', charset: 'windows-1256', otherHeadlines: others(seed) }), 'windows-1256');
    expect(bytes.length).toBeLessThan(Buffer.byteLength(articlePage(seed, { siteName: 'الشروق', otherHeadlines: others(seed) }))); // one byte per letter, not two
    site.route('/cp1256', serve(bytes, 'text/html; charset=windows-1256'));
    const report = await ingestor.add([site.url('/cp1256')]);
    expect(report.errors).toEqual([]);
    const article = readArticle(report.added[0].file);
    expect(article.title).toBe(seed.title);
    expect(article.source).toBe('الشروق');
    expect(article.paragraphs).toEqual(seed.paragraphs);
  });

  it('decodes an ISO-8859-6 page declared only in <meta charset> (no charset in the header)', async () => {
    const seed = seeds[4];
    expect([...encodeSingleByte('المغرب', 'iso-8859-6')]).toEqual([0xc7, 0xe4, 0xe5, 0xda, 0xd1, 0xc8]);
    const bytes = encodeSingleByte(articlePage(seed, { siteName: 'الأهرام', date: '2022-05-12', charset: 'iso-8859-6', otherHeadlines: others(seed) }), 'iso-8859-6');
    site.route('/iso-8859-6', serve(bytes, 'text/html'));
    const report = await ingestor.add([site.url('/iso-8859-6')]);
    expect(report.errors).toEqual([]);
    const article = readArticle(report.added[0].file);
    expect(article.source).toBe('الأهرام');
    expect(article.date).toBe('2022-05-12');
    expect(article.paragraphs).toEqual(seed.paragraphs);
  });

  it('follows redirects and records the final URL', async () => {
    const seed = seeds[1];
    site.route('/r/short', redirect('/r/middle', 302));
    site.route('/r/middle', redirect(site.url('/news/final'), 301));
    site.route('/news/final', serve(articlePage(seed, { siteName: 'هسبريس', otherHeadlines: others(seed) }), HTML));
    const report = await ingestor.add([site.url('/r/short')]);
    expect(report.errors).toEqual([]);
    expect(report.added[0].url).toBe(site.url('/news/final'));
    expect(readFileSync(report.added[0].file, 'utf8')).toContain(`url: ${site.url('/news/final')}\n`);
  });

  it('gives up after 5 redirects', async () => {
    for (let i = 0; i < 7; i++) site.route(`/loop/${i}`, redirect(`/loop/${i + 1}`));
    const report = await ingestor.add([site.url('/loop/0')]);
    expect(report.errors).toEqual([{ url: site.url('/loop/0'), error: expect.stringMatching(/redirects more than 5 times/) }]);
    expect(site.requestsTo('/loop/6')).toHaveLength(0);
    expect(files()).toEqual([]);
  });

  it('reports a 404 and a 500, and writes nothing', async () => {
    site.route('/boom', status(500, 'Internal Server Error'));
    const report = await ingestor.add([site.url('/missing'), site.url('/boom')]);
    expect(report.added).toEqual([]);
    expect(report.errors.map((e) => e.error)).toEqual([
      expect.stringMatching(/answered HTTP 404/),
      expect.stringMatching(/answered HTTP 500/),
    ]);
    expect(files()).toEqual([]);
    expect(written).toEqual([]);
  });

  it('times out a page that never finishes, with a clear message', async () => {
    site.route('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': HTML });
      res.write('<html><body><p>'); // … and never more
    });
    const started = Date.now();
    const report = await ingestor.add([site.url('/slow')]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.errors).toEqual([{ url: site.url('/slow'), error: expect.stringMatching(/did not answer within 2 s/) }]);
    expect(files()).toEqual([]);
  });

  it('refuses a 20 MB body after reading little more than the 5 MB cap, without a Content-Length to warn it', async () => {
    let sent = 0;
    let finished: () => void;
    const done = new Promise<void>((r) => (finished = r));
    site.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': HTML }); // chunked: the size is only known by reading
      const chunk = Buffer.alloc(64 * 1024, '<p>نص</p>');
      const pump = () => {
        while (sent < 20 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => finished());
      pump();
    });
    const report = await ingestor.add([site.url('/huge')]);
    await done;
    expect(report.errors).toEqual([{ url: site.url('/huge'), error: expect.stringMatching(/larger than 5 MB; refused/) }]);
    // What the server managed to push before the client hung up: the cap plus socket buffers, not 20 MB.
    expect(sent).toBeLessThan(12 * 1024 * 1024);
    expect(files()).toEqual([]);
  });

  it('refuses a declared 20 MB body before reading it', async () => {
    site.route('/declared', (_req, res) => {
      res.writeHead(200, { 'content-type': HTML, 'content-length': String(20 * 1024 * 1024) });
      res.write('<html>');
    });
    const report = await ingestor.add([site.url('/declared')]);
    expect(report.errors[0].error).toMatch(/larger than 5 MB/);
  });

  it('refuses what is not HTML', async () => {
    site.route('/report.pdf', serve(Buffer.from('%PDF-1.7\n'), 'application/pdf'));
    const report = await ingestor.add([site.url('/report.pdf'), 'ftp://example.org/x']);
    expect(report.errors).toEqual([
      { url: site.url('/report.pdf'), error: expect.stringMatching(/is not an HTML page \(Content-Type: application\/pdf\)/) },
      { url: 'ftp://example.org/x', error: 'not an http(s) URL: ftp://example.org/x' },
    ]);
    expect(files()).toEqual([]);
  });

  it('reports a page without article text (navigation only) and writes nothing', async () => {
    site.route('/section', serve('<html><body><nav><a href="/a">سياسة</a><a href="/b">اقتصاد</a></nav><p>قريبا</p></body></html>', HTML));
    const report = await ingestor.add([site.url('/section')]);
    expect(report.errors[0].error).toMatch(/no article text found/);
    expect(files()).toEqual([]);
  });
});

describe('one story, one file', () => {
  it('the same wire story under two URLs (two sites, two layouts, two headlines) is written once', async () => {
    const seed = seeds[1];
    site.route('/site-a/story', serve(articlePage(seed, { siteName: 'هسبريس', layout: 'a', otherHeadlines: others(seed) }), HTML));
    const retitled = { ...seed, title: 'المغرب يحتضن اجتماع التحالف الدولي ضد داعش' };
    site.route('/site-b/wire/8812', serve(articlePage(retitled, { siteName: 'اليوم 24', layout: 'b', otherHeadlines: others(seed).reverse() }), HTML));
    const report = await ingestor.add([site.url('/site-a/story'), site.url('/site-b/wire/8812')]);
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(1);
    expect(report.skipped).toEqual([{ url: site.url('/site-b/wire/8812'), reason: expect.stringMatching(/^same text as 127\.0\.0\.1_[0-9a-f]{16}\.md/) }]);
    expect(files()).toHaveLength(1);
  });

  it('a URL already ingested is skipped without fetching it again', async () => {
    const seed = seeds[0];
    site.route('/again', serve(articlePage(seed, { siteName: 'هسبريس', otherHeadlines: others(seed) }), HTML));
    await ingestor.add([site.url('/again')]);
    const fetches = site.requestsTo('/again').length;
    const second = await ingestor.add([site.url('/again')]);
    expect(second).toEqual({ added: [], skipped: [{ url: site.url('/again'), reason: expect.stringMatching(/^already in the corpus as /) }], errors: [] });
    expect(site.requestsTo('/again')).toHaveLength(fetches);
  });

  it('never overwrites a different article that holds the file name', async () => {
    const seed = seeds[2];
    site.route('/clash', serve(articlePage(seed, { siteName: 'هسبريس', otherHeadlines: others(seed) }), HTML));
    // A first run reveals the file name; a different article then takes that name (a team member's file).
    const first = await ingestor.add([site.url('/clash')]);
    const name = path.basename(first.added[0].file);
    store.db.exec('DELETE FROM ingested_articles');
    const theirs = readFileSync(path.resolve('seeds', `${seeds[0].id}.txt`), 'utf8');
    writeFileSync(path.join(corpus, name), theirs);
    const second = await ingestor.add([site.url('/clash')]);
    expect(readFileSync(path.join(corpus, name), 'utf8')).toBe(theirs);
    expect(path.basename(second.added[0].file)).toBe(name.replace(/\.md$/, '-2.md'));
    expect(second.added[0].id).toBe(name.replace(/\.md$/, '-2'));
  });

  it('an article written before a crash (file on disk, not in the ledger) is recognised, not written twice', async () => {
    const seed = seeds[3];
    site.route('/crash', serve(articlePage(seed, { siteName: 'هسبريس', otherHeadlines: others(seed) }), HTML));
    await ingestor.add([site.url('/crash')]);
    store.db.exec('DELETE FROM ingested_articles'); // the record that the crash lost
    const again = await ingestor.add([site.url('/crash')]);
    expect(again.added).toEqual([]);
    expect(again.skipped[0].reason).toMatch(/^already in the corpus as /);
    expect(files()).toHaveLength(1);
  });
});

describe('files', () => {
  it('copies an article file into the corpus once; the same text under another name is skipped', async () => {
    const source = path.resolve('seeds', `${seeds[0].id}.txt`);
    const report = await ingestor.add([source]);
    expect(report.added).toEqual([{ id: seeds[0].id, title: seeds[0].title, date: seeds[0].date, source: seeds[0].source, url: seeds[0].url, file: path.join(corpus, `${seeds[0].id}.txt`) }]);
    expect(readFileSync(path.join(corpus, `${seeds[0].id}.txt`))).toEqual(readFileSync(source));
    const copy = path.join(root, 'copy-of-it.txt');
    copyFileSync(source, copy);
    const again = await ingestor.add([copy]);
    expect(again.added).toEqual([]);
    expect(again.skipped).toEqual([{ url: copy, reason: expect.stringMatching(/^same text as /) }]);
  });

  it('refuses what cannot be an article file, naming it', async () => {
    const binary = path.join(root, 'photo.md');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const report = await ingestor.add([binary, path.join(root, 'nope.txt'), path.join(root, 'page.html')]);
    expect(report.errors.map((e) => e.error)).toEqual([
      expect.stringMatching(/photo\.md: binary file/),
      expect.stringMatching(/nope\.txt: no such file/),
      expect.stringMatching(/page\.html: only \.txt and \.md/),
    ]);
    expect(files()).toEqual([]);
  });
});
