import { httpUrl } from './url.js';

/**
 * Optional front matter at the top of an article file:
 *
 *   ---
 *   title: …
 *   date: 2021-12-03        (any form parseArabicDate reads)
 *   source: …
 *   url: https://…
 *   author: …              (optional; pages and feeds written by src/ingest carry it when known)
 *   fetchedAt: 2021-12-03T12:30:00.000Z   (optional; when src/ingest fetched the page)
 *   ---
 *
 * It overrides what the parser infers. Unknown keys are ignored (a file exported from a CMS may carry more);
 * values may be quoted. `url` is kept only when it is an http(s) URL (src/corpus/url.ts). An opening `---` with no closing `---` is not front matter: the lines stay text.
 */
export interface FrontMatter {
  title?: string;
  date?: string;
  source?: string;
  url?: string;
  dateline?: string;
  author?: string;
  fetchedAt?: string;
}

const KEYS = new Set<keyof FrontMatter>(['title', 'date', 'source', 'url', 'dateline', 'author', 'fetchedAt']);
const KEY_BY_LOWER = new Map([...KEYS].map((k) => [k.toLowerCase(), k] as const));
/** Front matter is short; a `---` further down is a separator in the text, not the end of a header. */
const MAX_FRONT_MATTER_LINES = 40;

/** Splits `lines` into front matter and the remaining body lines. */
export function splitFrontMatter(lines: string[]): { frontMatter: FrontMatter; body: string[]; unclosed?: boolean } {
  let first = 0;
  while (first < lines.length && !lines[first].trim()) first++;
  if (lines[first]?.trim() !== '---') return { frontMatter: {}, body: lines };
  const end = lines.findIndex((l, i) => i > first && i <= first + MAX_FRONT_MATTER_LINES && /^(---|\.\.\.)$/.test(l.trim()));
  if (end < 0) return { frontMatter: {}, body: lines, unclosed: true };
  const frontMatter: FrontMatter = {};
  for (const line of lines.slice(first + 1, end)) {
    const m = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    // Keys are case-insensitive («Title:», «fetchedat:»); KEY_BY_LOWER maps them back to the camelCase field.
    const key = KEY_BY_LOWER.get(m[1].toLowerCase());
    const value = m[2].replace(/^(["'])(.*)\1$/, '$2').trim();
    if (!key || !value) continue;
    if (key === 'url') {
      // Only http(s): anything else is dropped, and the parser falls back to a URL line in the text, if any.
      const url = httpUrl(value);
      if (url) frontMatter.url = url;
      continue;
    }
    frontMatter[key] = value;
  }
  return { frontMatter, body: lines.slice(end + 1) };
}
