/** The pure pieces of ingestion: charsets, dates, the article file format, feed normalization, the /feeds renderer. */
import { describe, expect, it } from 'vitest';
import { en } from '../src/bot/i18n/en.js';
import { ar } from '../src/bot/i18n/ar.js';
import { renderFeedList } from '../src/bot/render/feeds.js';
import { limitProblems } from '../src/bot/render/payload.js';
import { parseArticle } from '../src/corpus/parse.js';
import { articleFileName, contentHash, renderArticleFile } from '../src/ingest/article-file.js';
import { decodeBody, declaredCharset } from '../src/ingest/charset.js';
import { dayOf } from '../src/ingest/extract.js';
import { parseFeedXml } from '../src/ingest/feed.js';
import { htmlToParagraphs } from '../src/ingest/html-text.js';
import type { FeedRecord } from '../src/store/feeds.js';
import { encodeSingleByte } from '../bench/support/news-site.js';

describe('charset', () => {
  const page = (meta: string, text: string) => `<html><head>${meta}</head><body><p>${text}</p></body></html>`;

  it('takes the header over the page, the page (meta charset or http-equiv) over the UTF-8 default', () => {
    const bytes = encodeSingleByte(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', 'وزارة الخارجية'), 'windows-1256');
    expect(declaredCharset(bytes, 'html')).toBe('windows-1256');
    expect(decodeBody(bytes, 'text/html', 'html')).toMatchObject({ encoding: 'windows-1256', from: 'meta' });
    expect(decodeBody(bytes, 'text/html', 'html').text).toContain('وزارة الخارجية');
    // A header that says otherwise wins (as in browsers).
    const iso = encodeSingleByte(page('<meta charset="utf-8">', 'وزارة'), 'iso-8859-6');
    expect(decodeBody(iso, 'text/html; charset="ISO-8859-6"', 'html')).toMatchObject({ encoding: 'iso-8859-6', from: 'header' });
    expect(decodeBody(Buffer.from(page('', 'وزارة')), null, 'html')).toMatchObject({ encoding: 'utf-8', from: 'default' });
  });

  it('reads the XML declaration of a feed, and a BOM before anything', () => {
    const xml = encodeSingleByte('<?xml version="1.0" encoding="windows-1256"?><rss><channel><title>الشروق</title></channel></rss>', 'windows-1256');
    expect(decodeBody(xml, 'application/xml', 'xml')).toMatchObject({ encoding: 'windows-1256', from: 'xml-declaration' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>نص</p>')]);
    expect(decodeBody(bom, 'text/html; charset=windows-1256', 'html')).toMatchObject({ encoding: 'utf-8', from: 'bom', text: '<p>نص</p>' });
  });

  it('an unknown label falls back to UTF-8 with a note instead of refusing the page', () => {
    const decoded = decodeBody(Buffer.from('<p>نص</p>'), 'text/html; charset=x-klingon', 'html');
    expect(decoded).toMatchObject({ encoding: 'utf-8', text: '<p>نص</p>', note: expect.stringMatching(/unknown charset "x-klingon"/) });
  });
});

describe('dayOf', () => {
  it('keeps the writer’s own day: ISO with an offset, RFC 822 with one', () => {
    expect(dayOf('2021-12-03T00:30:00+01:00')).toBe('2021-12-03');
    expect(dayOf('Fri, 03 Dec 2021 00:30:00 +0100')).toBe('2021-12-03');
    expect(dayOf('Thu, 02 Dec 2021 23:30:00 GMT')).toBe('2021-12-02');
    expect(dayOf('2022-02-30')).toBeNull();
    expect(dayOf('قبل ساعة')).toBeNull();
  });
});

describe('the article file', () => {
  it('round-trips through the corpus parser: quotes in a title, a «# » paragraph, author and fetchedAt', () => {
    const text = renderArticleFile({
      title: '"الحكومة" تصادق على مشروع قانون المالية',
      date: '2022-05-11',
      source: 'هسبريس',
      url: 'https://www.hespress.com/x-123.html',
      author: 'محمد الرداف',
      fetchedAt: '2026-11-23T08:00:00.000Z',
      paragraphs: ['صادق مجلس الحكومة، اليوم الخميس، على مشروع قانون المالية للسنة المقبلة.', '# وأوضح الناطق الرسمي باسم الحكومة أن المشروع يهدف إلى دعم الاستثمار.'],
    });
    const article = parseArticle('x', text);
    expect(article).toMatchObject({
      title: '"الحكومة" تصادق على مشروع قانون المالية',
      date: '2022-05-11',
      source: 'هسبريس',
      url: 'https://www.hespress.com/x-123.html',
      author: 'محمد الرداف',
      fetchedAt: '2026-11-23T08:00:00.000Z',
    });
    expect(article.paragraphs).toEqual([
      'صادق مجلس الحكومة، اليوم الخميس، على مشروع قانون المالية للسنة المقبلة.',
      'وأوضح الناطق الرسمي باسم الحكومة أن المشروع يهدف إلى دعم الاستثمار.',
    ]);
  });

  it('a stable name per URL; one hash for the same body whatever the hamza seat or punctuation', () => {
    expect(articleFileName('https://www.hespress.com/a.html')).toBe(articleFileName('https://www.hespress.com/a.html'));
    expect(articleFileName('https://www.hespress.com/a.html')).toMatch(/^hespress\.com_[0-9a-f]{16}\.md$/);
    expect(articleFileName('https://www.hespress.com/a.html')).not.toBe(articleFileName('https://www.hespress.com/b.html'));
    expect(contentHash(['قال المسؤول إن الوضع مستقر.'])).toBe(contentHash(['قال المسئول: إن الوضع مستقر']));
    expect(contentHash(['قال المسؤول إن الوضع مستقر.'])).not.toBe(contentHash(['قال المسؤول إن الوضع متوتر.']));
  });
});

describe('html → paragraphs', () => {
  it('splits at blocks and <br>, skips scripts, collapses whitespace', () => {
    expect(htmlToParagraphs('<div>أولى<br><br>ثانية <b>مهمة</b><script>x()</script></div><p>  ثالثة\n  هنا </p><ul><li>بند</li></ul>')).toEqual([
      'أولى',
      'ثانية مهمة',
      'ثالثة هنا',
      'بند',
    ]);
  });
});

describe('feed normalization', () => {
  it('RSS: GUID as the key (link when the GUID is absent), content:encoded over description, dc:creator', () => {
    const parsed = parseFeedXml(`<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>هسبريس &amp; شركاؤها</title>
      <item><title>أ &amp; ب</title><link>https://h.ma/1</link><guid isPermaLink="false">id-1</guid><pubDate>Fri, 03 Dec 2021 12:30:00 +0100</pubDate><dc:creator>سارة</dc:creator><description>ملخص</description><content:encoded><![CDATA[<p>كامل</p>]]></content:encoded></item>
      <item><title>بلا معرّف</title><link>https://h.ma/2</link><description><![CDATA[<p>نص</p>]]></description></item>
      <item><title>مكرر</title><link>https://h.ma/3</link><guid isPermaLink="false">id-1</guid></item>
    </channel></rss>`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.feed.title).toBe('هسبريس & شركاؤها');
    expect(parsed.feed.items).toEqual([
      { key: 'id-1', link: 'https://h.ma/1', title: 'أ & ب', published: 'Fri, 03 Dec 2021 12:30:00 +0100', author: 'سارة', contentHtml: '<p>كامل</p>' },
      { key: 'https://h.ma/2', link: 'https://h.ma/2', title: 'بلا معرّف', published: null, author: null, contentHtml: '<p>نص</p>' },
    ]);
  });

  it('Atom: the alternate link, the entry id, content over summary', () => {
    const parsed = parseFeedXml(`<feed xmlns="http://www.w3.org/2005/Atom"><title>الجزيرة</title><id>urn:x</id>
      <entry><id>tag:x,2021:1</id><title>عنوان</title><link rel="self" href="https://x/self"/><link rel="alternate" href="https://x/news/1"/><published>2021-12-03T10:00:00Z</published><author><name>سارة</name></author><summary>ملخص</summary><content type="html">&lt;p&gt;نص&lt;/p&gt;</content></entry></feed>`);
    expect(parsed).toEqual({
      ok: true,
      feed: { format: 'atom', title: 'الجزيرة', items: [{ key: 'tag:x,2021:1', link: 'https://x/news/1', title: 'عنوان', published: '2021-12-03T10:00:00Z', author: 'سارة', contentHtml: '<p>نص</p>' }] },
    });
  });

  it('names the problem: malformed XML, and a document that is not a feed', () => {
    expect(parseFeedXml('<rss><channel><title>x</item></channel></rss>')).toEqual({ ok: false, message: expect.stringMatching(/^malformed feed XML \(/) });
    expect(parseFeedXml('<html><body>x</body></html>')).toEqual({ ok: false, message: expect.stringMatching(/not an RSS or Atom feed/) });
  });
});

describe('/feeds list renderer', () => {
  const feed = (i: number, over: Partial<FeedRecord> = {}): FeedRecord => ({
    id: i, url: `https://site${i}.example/feed_${i}.xml?a=1&b=*x*`, title: `موقع *${i}* @everyone`, addedAt: '2026-11-23T08:00:00.000Z', addedBy: 'u',
    etag: null, lastModified: null, lastPolledAt: null, lastOkAt: '2026-11-23T08:00:00.000Z', lastError: null, failures: 0, nextPollAt: null, ...over,
  });

  it('stays within Discord’s limits with 40 feeds and long errors, in both languages, and escapes what sites wrote', () => {
    const feeds = Array.from({ length: 40 }, (_, i) => feed(i, i % 3 ? {} : { failures: 3, lastError: `**boom** ${'x'.repeat(2000)}`, nextPollAt: '2026-11-23T10:00:00.000Z' }));
    for (const t of [en, ar]) {
      const payload = renderFeedList(feeds, t);
      expect(limitProblems(payload)).toEqual([]);
      expect(payload.embeds![0].fields).toHaveLength(25);
      expect(payload.content).toBe(t.feedsMore(15));
      expect(payload.allowed_mentions).toEqual({ parse: [] });
      const field = payload.embeds![0].fields![0];
      expect(field.name).not.toContain('*0*'); // markdown escaped
      expect(field.name).not.toMatch(/@everyone/); // mention broken
      expect(field.value).toContain('<https://site0.example/feed_0.xml?a=1&b=*x*>');
    }
  });
});

describe('the extraction worker between polls', () => {
  it('stops when idle and starts again for the next job, answering as before', async () => {
    const { ExtractionWorker } = await import('../src/ingest/worker-pool.js');
    const worker = new ExtractionWorker({ idleMs: 150 });
    const feed = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>نشرة</title>' +
        '<item><title>وزير الخارجية يصل الرباط</title><link>http://127.0.0.1/a</link><guid>a</guid></item></channel></rss>',
    );
    try {
      const first = await worker.run({ kind: 'feed', body: feed.slice(), contentType: 'application/rss+xml' });
      expect(first.ok).toBe(true);
      expect(worker.running).toBe(true);
      await new Promise((r) => setTimeout(r, 400));
      expect(worker.running).toBe(false);
      const again = await worker.run({ kind: 'feed', body: feed.slice(), contentType: 'application/rss+xml' });
      expect(again).toEqual(first);
    } finally {
      await worker.close();
    }
  });
});
