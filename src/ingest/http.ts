/**
 * HTTP for ingestion: one GET with Node's global fetch, made safe for pages and feeds written by strangers.
 * - a User-Agent naming Nashra, its version and project page (sites and their operators can see who polls them);
 * - one deadline for the whole exchange, headers AND body (a server that trickles bytes is still cut off);
 * - redirects followed by hand, at most MAX_REDIRECTS, each hop http(s) only, the final URL returned;
 * - the body read as a stream and abandoned as soon as it passes the size cap: a 20 MB answer is refused after
 *   reading a little more than the cap, never buffered whole;
 * - content types checked before the body is read (no PDF or image is downloaded as a "page");
 * - conditional GET: If-None-Match / If-Modified-Since, 304 → `not-modified`.
 * Every failure is a value (`kind: 'failed'`) with a message naming the URL's problem; nothing throws.
 */
import { readFileSync } from 'node:fs';
import type { FetchOutcome } from './types.js';

/**
 * `Nashra/0.1.0 (+https://…)`: the project page is package.json's `homepage`; until the project has one, the
 * agent says what Nashra is instead of inventing an address.
 */
export const USER_AGENT = userAgent();

function userAgent(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (pkg.name !== 'nashra') continue;
      const about = pkg.homepage ? `+${pkg.homepage}` : 'Arabic news briefing bot';
      return `Nashra/${pkg.version ?? 'unknown'} (${about})`;
    } catch {
      // try the next location (sources: src/ingest; build: dist/src/ingest)
    }
  }
  return 'Nashra (Arabic news briefing bot)';
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** News pages are 50–500 KB of HTML; 5 MB leaves room for heavy sites and bounds memory and extraction time. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

export type ResourceKind = 'page' | 'feed';

export interface FetchOptions {
  kind: ResourceKind;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  etag?: string | null;
  lastModified?: string | null;
  /** Aborts the request (shutdown). */
  signal?: AbortSignal;
}

const ACCEPT: Record<ResourceKind, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1',
};

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** The media type without parameters, lower-cased: `text/html; charset=windows-1256` → `text/html`. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type ? type : null;
}

/** Pages must be HTML. A missing Content-Type is let through: the extractor then judges the bytes. */
function acceptable(kind: ResourceKind, contentType: string | null): boolean {
  const type = mediaType(contentType);
  if (!type) return true;
  if (kind === 'page') return type === 'text/html' || type === 'application/xhtml+xml';
  // Feeds are served under many types (text/xml, application/xml, text/plain, even text/html); the feed parser
  // judges the text. Only what is certainly not a feed is refused before download.
  return !/^(image|audio|video|font)\//.test(type) && !/^application\/(pdf|zip|gzip|octet-stream|json|javascript)$/.test(type);
}

export function httpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export async function fetchResource(rawUrl: string, options: FetchOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const first = httpUrl(rawUrl);
  if (!first) return { kind: 'failed', reason: 'invalid-url', message: `not an http(s) URL: ${rawUrl}` };
  let url: URL = first;

  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: ACCEPT[options.kind], 'accept-language': 'ar,en;q=0.5' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  const failure = (err: unknown): FetchOutcome => {
    if (deadline.aborted) return { kind: 'failed', reason: 'timeout', message: `${url.href} did not answer within ${timeoutMs / 1000} s` };
    if (options.signal?.aborted) return { kind: 'failed', reason: 'aborted', message: `fetching ${url.href} was stopped (shutting down)` };
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    const why = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
    return { kind: 'failed', reason: 'network', message: `${url.href} could not be reached (${why})` };
  };

  let response: Response;
  for (let hop = 0; ; hop++) {
    try {
      response = await fetch(url, { headers, redirect: 'manual', signal });
    } catch (err) {
      return failure(err);
    }
    if (!REDIRECT.has(response.status)) break;
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get('location');
    let next: URL | null = null;
    try {
      next = location ? httpUrl(new URL(location, url).href) : null;
    } catch {
      next = null; // an unparsable Location
    }
    if (!next) {
      return { kind: 'failed', reason: 'invalid-url', message: `${url.href} redirects to ${location ? `a non-http(s) address (${location})` : 'nowhere (no Location header)'}` };
    }
    if (hop + 1 > maxRedirects) {
      return { kind: 'failed', reason: 'too-many-redirects', message: `${rawUrl} redirects more than ${maxRedirects} times (last to ${next.href})` };
    }
    url = next;
  }

  const finalUrl = url.href;
  if (response.status === 304) {
    await response.body?.cancel().catch(() => {});
    return { kind: 'not-modified', finalUrl };
  }
  if (response.status >= 400 || response.status < 200 || response.status >= 300) {
    await response.body?.cancel().catch(() => {});
    const text = response.statusText ? ` ${response.statusText}` : '';
    return { kind: 'failed', reason: 'http-status', status: response.status, message: `${finalUrl} answered HTTP ${response.status}${text}` };
  }
  const contentType = response.headers.get('content-type');
  if (!acceptable(options.kind, contentType)) {
    await response.body?.cancel().catch(() => {});
    return options.kind === 'page'
      ? { kind: 'failed', reason: 'not-html', message: `${finalUrl} is not an HTML page (Content-Type: ${mediaType(contentType)})` }
      : { kind: 'failed', reason: 'not-a-feed-type', message: `${finalUrl} is not a feed (Content-Type: ${mediaType(contentType)})` };
  }
  const tooLarge = (): FetchOutcome => ({
    kind: 'failed',
    reason: 'too-large',
    message: `${finalUrl} is larger than ${(maxBytes / 1024 / 1024).toFixed(0)} MB; refused`,
  });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return tooLarge();
  }

  // Stream the body and stop at the cap: Content-Length may be absent (chunked) or lie.
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => {});
          return tooLarge();
        }
        chunks.push(value);
      }
    } catch (err) {
      return failure(err);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return {
    kind: 'ok',
    finalUrl,
    status: response.status,
    contentType,
    body,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}
