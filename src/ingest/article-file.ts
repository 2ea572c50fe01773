/**
 * What ingestion writes into the corpus folder: an ordinary article file, so a team can read, edit, back up or
 * delete its archive with ordinary tools, and everything downstream reads it like any other file.
 *
 *   ---
 *   title: "…"
 *   date: 2021-12-03
 *   source: "…"
 *   url: https://…
 *   author: "…"
 *   fetchedAt: 2026-11-23T08:00:00.000Z
 *   ---
 *
 *   paragraph
 *
 *   paragraph
 *
 * Pure: the draft (text, file name, content hash, and what the project's parser reads from exactly that text) is
 * computed here; src/ingest/write.ts puts it on disk.
 */
import { createHash } from 'node:crypto';
import { normalizeArabic } from '../arabic/normalize.js';
import { parseArticleWithNotes, UnusableArticleError } from '../corpus/parse.js';
import type { ArticleDraft } from './types.js';

export interface ArticleFields {
  title: string | null;
  date: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
  fetchedAt: string | null;
  paragraphs: string[];
}

/** The parser reads a corpus file of at most 2 MB (src/corpus/load.ts); a page's text is far below that. */
const MAX_FILE_CHARS = 1_000_000;

/**
 * A front-matter value on one line. Quoted, because the front-matter reader strips one pair of matching quotes
 * and keeps everything inside as it is (no escapes): a title that itself starts and ends with «"» survives.
 */
function value(v: string): string {
  return `"${v.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

/**
 * A body paragraph as one line. «# » at its start would make the parser read it as a Markdown heading (a headline
 * candidate); the marks are dropped, the words kept. (A hashtag, «#المغرب», has no space and stays.)
 */
function paragraphLine(p: string): string {
  return p.replace(/\s+/gu, ' ').trim().replace(/^#{1,6}\s+/, '');
}

export function renderArticleFile(fields: ArticleFields): string {
  const lines = ['---'];
  if (fields.title) lines.push(`title: ${value(fields.title)}`);
  if (fields.date) lines.push(`date: ${fields.date}`);
  if (fields.source) lines.push(`source: ${value(fields.source)}`);
  if (fields.url) lines.push(`url: ${fields.url}`);
  if (fields.author) lines.push(`author: ${value(fields.author)}`);
  if (fields.fetchedAt) lines.push(`fetchedAt: ${fields.fetchedAt}`);
  lines.push('---', '');
  const body = fields.paragraphs.map(paragraphLine).filter(Boolean).join('\n\n');
  return `${lines.join('\n')}\n${body}\n`;
}

/**
 * A stable file name for an article from its canonical URL: the host (readable in a folder listing) and 16 hex
 * digits of the URL's SHA-256, e.g. `hespress.com_3f2a…`. The same URL always maps to the same name; two URLs
 * collide with probability ~2^-64 — and the writer never overwrites a different article anyway.
 */
export function articleFileName(canonicalUrl: string): string {
  const url = new URL(canonicalUrl);
  const host = url.hostname.replace(/^www\./, '').replace(/[^a-z0-9.-]/gi, '-').slice(0, 60) || 'article';
  const hash = createHash('sha256').update(url.href).digest('hex').slice(0, 16);
  return `${host}_${hash}.md`;
}

/**
 * The normalized body's hash: paragraphs in their search form (NFKC, hamza seats, ة/ه, harakat, digits), only
 * letters and digits kept, joined. Two sites carrying the same wire story with different chrome, punctuation or
 * spelling of hamza produce one hash; the title is left out because sites retitle wire copy.
 */
export function contentHash(paragraphs: readonly string[]): string {
  const folded = paragraphs
    .map((p) => normalizeArabic(p).replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return createHash('sha256').update(folded).digest('hex');
}

export type DraftResult = { ok: true; draft: ArticleDraft } | { ok: false; message: string };

/** Render the file and parse it with the project's parser: what `added` reports is what the corpus will read. */
export function draftArticle(fileName: string, fields: ArticleFields, label: string): DraftResult {
  const text = renderArticleFile(fields);
  if (text.length > MAX_FILE_CHARS) return { ok: false, message: `${label}: the article text is too long (${text.length} characters)` };
  return draftFromText(fileName, text, label);
}

/** Parse an article file's text (ours, or a file given to `nashra add`) into a draft. */
export function draftFromText(fileName: string, text: string, label: string): DraftResult {
  const id = fileName.replace(/\.(md|txt)$/i, '');
  try {
    const { article } = parseArticleWithNotes(id, text);
    return {
      ok: true,
      draft: {
        fileName,
        text,
        contentHash: contentHash(article.paragraphs),
        article: { id: article.id, title: article.title, date: article.date, source: article.source, url: article.url },
      },
    };
  } catch (err) {
    if (err instanceof UnusableArticleError) return { ok: false, message: `${label}: ${err.message}` };
    throw err;
  }
}
