/**
 * An article page's HTML → its main text and metadata. Pure (no I/O); CPU-heavy, so it runs in the extraction
 * worker (src/ingest/worker.ts): Readability over linkedom takes ~170 ms on a 150 KB page on this machine, far
 * past the 50 ms the event loop may be blocked.
 *
 * The main text is chosen by @mozilla/readability (Firefox Reader View's algorithm) over a linkedom DOM. The
 * metadata is read from the page's own declarations, in this order:
 * - title: og:title → JSON-LD headline → the first <h1> → <title> (minus a « | Site» suffix);
 * - date: article:published_time → <time datetime> → JSON-LD datePublished; else null, and the corpus parser
 *   looks for the text's own date;
 * - source: og:site_name → JSON-LD publisher → the host;
 * - author: <meta name=author> → JSON-LD author → article:author (when not a URL) → Readability's byline;
 * - url: <link rel=canonical> → og:url → the URL that answered; http(s) only. A canonical that points at the
 *   site's home page (a common misconfiguration) is ignored: it would make every article the same URL.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToParagraphs } from './html-text.js';
import { httpUrl } from './http.js';
import type { ExtractedPage } from './types.js';

/** Less text than this is navigation, a paywall stub or an error page, not an article. */
export const MIN_ARTICLE_CHARS = 140;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|BlogPosting|LiveBlogPosting|Report|WebPage)$/;

/** linkedom's DOM, as far as this module reads it (the project compiles without the DOM lib). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Doc {
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  body: unknown;
}

export type PageExtraction = { ok: true; page: ExtractedPage } | { ok: false; message: string };

const oneLine = (s: string | null | undefined): string | null => {
  const t = s?.replace(/\s+/gu, ' ').trim();
  return t ? t : null;
};

/** YYYY-MM-DD of a timestamp, in the writer's own offset: «2021-12-03T00:30:00+01:00» is the 3rd, not the 2nd. */
export function dayOf(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v);
  if (iso) return realDay(+iso[1], +iso[2], +iso[3]);
  // RFC 822 (RSS pubDate): «Fri, 03 Dec 2021 00:30:00 +0100».
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const offset = /([+-])(\d{2}):?(\d{2})\s*$/.exec(v);
  const shift = offset ? (offset[1] === '-' ? -1 : 1) * (+offset[2] * 60 + +offset[3]) * 60_000 : 0;
  const d = new Date(ms + shift);
  return realDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function realDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  publisher: string | null;
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return oneLine(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => Boolean(n));
    return names.length ? names.join('، ') : null;
  }
  if (value && typeof value === 'object' && 'name' in value) return nameOf((value as { name: unknown }).name);
  return null;
}

/** The first Article-like object of the page's JSON-LD blocks (inside @graph or arrays too). */
function jsonLdArticle(doc: Doc): JsonLdArticle | null {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i].textContent ?? '');
    } catch {
      continue; // a broken block on a page is common; the others may still be fine
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const node = queue.shift();
      if (Array.isArray(node)) {
        queue.push(...node);
        continue;
      }
      if (!node || typeof node !== 'object') continue;
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]));
      const types = ([] as unknown[]).concat(o['@type'] ?? []);
      if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) && (o.headline || o.datePublished)) {
        return {
          headline: typeof o.headline === 'string' ? oneLine(o.headline) : null,
          datePublished: typeof o.datePublished === 'string' ? o.datePublished : null,
          author: nameOf(o.author),
          publisher: nameOf(o.publisher),
        };
      }
    }
  }
  return null;
}

const meta = (doc: Doc, selector: string): string | null => oneLine(doc.querySelector(selector)?.getAttribute('content'));

function resolveHttp(href: string | null | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    return httpUrl(new URL(href.trim(), base).href)?.href ?? null;
  } catch {
    return null;
  }
}

/** The article's own address: canonical, og:url, else where it was fetched; never a home page for an article. */
function canonicalUrl(doc: Doc, finalUrl: string): string {
  const final = new URL(finalUrl);
  for (const href of [doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), meta(doc, 'meta[property="og:url"]')]) {
    const url = resolveHttp(href, finalUrl);
    if (!url) continue;
    const path = new URL(url).pathname;
    if ((path === '/' || path === '') && final.pathname !== '/' && final.pathname !== '') continue;
    return url;
  }
  return final.href;
}

/** «عنوان الخبر | هسبريس» → «عنوان الخبر» when the suffix is the site's name. */
function withoutSiteSuffix(title: string, site: string | null): string {
  if (!site) return title;
  const m = /^(.*\S)\s+[|\-–—:·»]\s+(.+)$/u.exec(title);
  return m && m[2].trim() === site.trim() ? m[1] : title;
}

function hostName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/** What a feed item says about its article: used where the page itself is silent. */
export interface PageFallback {
  title?: string | null;
  date?: string | null;
  author?: string | null;
  source?: string | null;
}

/** Extract the article from `html`, fetched from `finalUrl`; `fallback` fills what the page does not declare. */
export function extractPage(html: string, finalUrl: string, fallback: PageFallback = {}): PageExtraction {
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(wrapped);
  const doc = document as unknown as Doc;
  if (!doc.body) return { ok: false, message: `${finalUrl}: the page has no body` };

  // Metadata first: Readability rewrites the DOM it is given.
  const ld = jsonLdArticle(doc);
  const siteName = meta(doc, 'meta[property="og:site_name"]') ?? ld?.publisher ?? null;
  const source = siteName ?? oneLine(fallback.source) ?? hostName(finalUrl);
  const h1 = oneLine(doc.querySelector('h1')?.textContent);
  const htmlTitle = oneLine(doc.querySelector('title')?.textContent);
  const title =
    meta(doc, 'meta[property="og:title"]') ?? ld?.headline ?? h1 ?? (htmlTitle ? withoutSiteSuffix(htmlTitle, siteName) : null);
  const date =
    dayOf(meta(doc, 'meta[property="article:published_time"]')) ??
    dayOf(doc.querySelector('time[datetime]')?.getAttribute('datetime')) ??
    dayOf(ld?.datePublished) ??
    dayOf(fallback.date) ??
    null;
  const articleAuthor = meta(doc, 'meta[property="article:author"]');
  let author = meta(doc, 'meta[name="author"]') ?? ld?.author ?? (articleAuthor && !/^https?:/i.test(articleAuthor) ? articleAuthor : null);
  const url = canonicalUrl(doc, finalUrl);

  const result = new Readability(document as never, { charThreshold: 250 }).parse();
  if (!result?.content) return { ok: false, message: `${finalUrl}: no article text found on the page` };
  author ??= oneLine(result.byline) ?? oneLine(fallback.author);
  let paragraphs = htmlToParagraphs(result.content);
  // Readability keeps the headline when it sits inside the article block; the file carries it as `title`.
  if (title) paragraphs = paragraphs.filter((p, i) => !(i < 3 && p === title));
  const chars = paragraphs.reduce((n, p) => n + p.length, 0);
  if (chars < MIN_ARTICLE_CHARS) {
    return { ok: false, message: `${finalUrl}: no article text found on the page (${chars} characters of text)` };
  }
  return { ok: true, page: { title: title ?? oneLine(fallback.title) ?? oneLine(result.title), date, source, author, url, paragraphs } };
}
