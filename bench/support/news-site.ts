/**
 * A local Arabic news site for the ingestion tests and bench/ingest.ts (here, in bench/, because the build
 * compiles bench/ but not tests/): an HTTP server on 127.0.0.1 (port chosen by the OS) serving
 * article pages and RSS/Atom feeds that the tests build from the project's own seed articles — the seeds' text
 * wrapped in realistic HTML with chrome around it (navigation, a breaking-news ticker, share buttons, related
 * headlines, a comment form, scripts), in UTF-8, windows-1256 or ISO-8859-6. Every request is recorded with its
 * headers, so tests can assert what Nashra sent (User-Agent, If-None-Match, If-Modified-Since).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Article } from '../../src/corpus/article.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The status the site answered. */
  status?: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface NewsSite {
  readonly origin: string;
  url(path: string): string;
  /** Serve `path` with this handler (replacing any previous one). */
  route(path: string, handler: Handler): void;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startNewsSite(): Promise<NewsSite> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const record: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
    requests.push(record);
    const handler = routes.get(path);
    res.on('finish', () => (record.status = res.statusCode));
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404 الصفحة غير موجودة</h1>');
      return;
    }
    handler(req, res);
  });
  // Keep-alive sockets would hold close() open; the client under test is the only one.
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => `${origin}${p}`,
    route: (p, h) => routes.set(p, h),
    requests,
    requestsTo: (p) => requests.filter((r) => r.path.split('?')[0] === p),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 200 with a fixed body; conditional GET answered 304 when the validators match. */
export function serve(body: string | Uint8Array, contentType: string, validators: { etag?: string; lastModified?: string } = {}): Handler {
  return (req, res) => {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (validators.etag) headers.etag = validators.etag;
    if (validators.lastModified) headers['last-modified'] = validators.lastModified;
    const etagMatch = validators.etag && req.headers['if-none-match'] === validators.etag;
    const dateMatch = validators.lastModified && req.headers['if-modified-since'] === validators.lastModified;
    if (etagMatch || (!req.headers['if-none-match'] && dateMatch)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers).end(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  };
}

export function redirect(to: string, status = 301): Handler {
  return (_req, res) => res.writeHead(status, { location: to }).end();
}

export function status(code: number, body = ''): Handler {
  return (_req, res) => res.writeHead(code, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

// ------------------------------------------------------------------------------------------- encodings

/**
 * Text → bytes in a single-byte Arabic code page, built from the reverse of Node's decoder table; characters the
 * code page lacks become numeric character references (&#NNNN;), as browsers and CMSs write them. The tests also
 * check known bytes (المغرب = C7 E1 E3 DB D1 C8 in cp1256) so the table is not trusted blindly.
 */
export function encodeSingleByte(text: string, encoding: 'windows-1256' | 'iso-8859-6'): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\uFFFD' && !table.has(ch)) table.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of text) {
    const b = table.get(ch);
    if (b !== undefined) out.push(b);
    else for (const c of `&#${ch.codePointAt(0)};`) out.push(c.charCodeAt(0));
  }
  return Uint8Array.from(out);
}

// ------------------------------------------------------------------------------------------- pages

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PageOptions {
  siteName: string;
  /** Where the page says it lives (canonical). */
  canonical?: string;
  /** The <meta charset> to declare (the bytes are encoded by the caller). */
  charset?: string;
  /** Put the headline / date in JSON-LD only (no og:title, no <time>). */
  metadata?: 'opengraph' | 'json-ld' | 'none';
  date?: string;
  author?: string;
  /** Other headlines for the navigation and related lists (chrome). */
  otherHeadlines?: string[];
  /** Which of two templates: sites differ in markup, not in the wire story they carry. */
  layout?: 'a' | 'b';
}

/** An article page in the style of an Arabic news site, the article's text inside its chrome. */
export function articlePage(article: Pick<Article, 'title' | 'paragraphs'>, o: PageOptions): string {
  const others = o.otherHeadlines ?? [];
  const nav = ['الرئيسية', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'مجتمع', 'دولي', 'رأي', 'فيديو', 'اتصل بنا']
    .map((s, i) => `<li><a href="/section/${i}">${s}</a></li>`)
    .join('');
  const related = others.map((h, i) => `<li class="related-item"><a href="/news/${i}"><img src="/img/${i}.jpg" alt=""><span>${esc(h)}</span></a></li>`).join('');
  const meta: string[] = [`<meta charset="${o.charset ?? 'utf-8'}">`, '<meta name="viewport" content="width=device-width, initial-scale=1">'];
  if (o.canonical) meta.push(`<link rel="canonical" href="${esc(o.canonical)}">`);
  const metadata = o.metadata ?? 'opengraph';
  if (metadata === 'opengraph') {
    meta.push(`<meta property="og:title" content="${esc(article.title)}">`, `<meta property="og:site_name" content="${esc(o.siteName)}">`);
    if (o.date) meta.push(`<meta property="article:published_time" content="${o.date}T09:30:00+01:00">`);
    if (o.author) meta.push(`<meta name="author" content="${esc(o.author)}">`);
  } else if (metadata === 'json-ld') {
    const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: article.title, datePublished: o.date ? `${o.date}T09:30:00+03:00` : undefined, author: o.author ? { '@type': 'Person', name: o.author } : undefined, publisher: { '@type': 'Organization', name: o.siteName } };
    meta.push(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`);
  }
  const body = article.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const time = o.date && metadata === 'opengraph' ? `<time datetime="${o.date}T09:30:00+01:00">${o.date}</time>` : '';
  const byline = o.author ? `<span class="author">بقلم: ${esc(o.author)}</span>` : '';
  const script = `<script>window.dataLayer=window.dataLayer||[];${'function gtag(){dataLayer.push(arguments)}'.repeat(20)}</script>`;
  const ticker = `<div class="breaking"><strong>عاجل</strong><marquee>${others.slice(0, 3).map(esc).join(' • ')}</marquee></div>`;
  const share = '<div class="share"><a href="#">فيسبوك</a><a href="#">تويتر</a><a href="#">واتساب</a><button>نسخ الرابط</button></div>';
  const comments = '<section class="comments"><h3>اترك تعليقاً</h3><form><textarea name="c"></textarea><input name="n" placeholder="الاسم"><button>أرسل</button></form></section>';
  const article_ =
    o.layout === 'b'
      ? `<div class="content-wrapper"><div class="post"><h1 class="post-title">${esc(article.title)}</h1>${time}${byline}<div class="post-body">${body}</div>${share}</div></div>`
      : `<main><article><header><h1>${esc(article.title)}</h1>${time}${byline}</header>${share}<div class="article-body">${body}</div></article></main>`;
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
${meta.join('\n')}
<title>${esc(article.title)} | ${esc(o.siteName)}</title>
<link rel="stylesheet" href="/css/site.css">
${script}
</head>
<body>
<header class="site-header"><a class="logo" href="/">${esc(o.siteName)}</a><nav><ul>${nav}</ul></nav></header>
${ticker}
${article_}
<aside class="related"><h3>مقالات ذات صلة</h3><ul>${related}</ul></aside>
${comments}
<footer><p>جميع الحقوق محفوظة © ${esc(o.siteName)} 2026</p><ul><li><a href="/about">من نحن</a></li><li><a href="/privacy">سياسة الخصوصية</a></li></ul></footer>
</body>
</html>`;
}

// ------------------------------------------------------------------------------------------- feeds

export interface FeedEntry {
  title: string;
  link: string;
  guid?: string;
  date: string;
  author?: string;
  /** HTML content for content:encoded / Atom content. */
  contentHtml?: string;
  summary?: string;
}

export function rssFeed(title: string, siteUrl: string, entries: FeedEntry[]): string {
  const items = entries
    .map(
      (e) => `  <item>
    <title>${esc(e.title)}</title>
    <link>${esc(e.link)}</link>
    <guid isPermaLink="${e.guid ? 'false' : 'true'}">${esc(e.guid ?? e.link)}</guid>
    <pubDate>${new Date(`${e.date}T09:30:00Z`).toUTCString()}</pubDate>
    ${e.author ? `<dc:creator><![CDATA[${e.author}]]></dc:creator>` : ''}
    <description><![CDATA[${e.summary ?? ''}]]></description>
    ${e.contentHtml ? `<content:encoded><![CDATA[${e.contentHtml}]]></content:encoded>` : ''}
  </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>${esc(title)}</title>
  <link>${esc(siteUrl)}</link>
  <description>آخر الأخبار</description>
  <language>ar</language>
${items}
</channel>
</rss>
`;
}

export function atomFeed(title: string, siteUrl: string, entries: FeedEntry[]): string {
  const items = entries
    .map(
      (e) => `  <entry>
    <title type="text">${esc(e.title)}</title>
    <link rel="alternate" type="text/html" href="${esc(e.link)}"/>
    <id>${esc(e.guid ?? `tag:${new URL(siteUrl).host},2026:${createHash('sha1').update(e.link).digest('hex').slice(0, 8)}`)}</id>
    <published>${e.date}T09:30:00+03:00</published>
    <updated>${e.date}T10:00:00+03:00</updated>
    ${e.author ? `<author><name>${esc(e.author)}</name></author>` : ''}
    ${e.summary ? `<summary type="html">${esc(e.summary)}</summary>` : ''}
    ${e.contentHtml ? `<content type="html">${esc(e.contentHtml)}</content>` : ''}
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title>${esc(title)}</title>
  <link rel="alternate" href="${esc(siteUrl)}"/>
  <id>${esc(siteUrl)}</id>
  <updated>2026-11-23T08:00:00Z</updated>
${items}
</feed>
`;
}

export const paragraphsHtml = (paragraphs: readonly string[]) => paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
