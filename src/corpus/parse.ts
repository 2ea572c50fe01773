import { cleanText } from '../arabic/normalize.js';
import type { Article } from './article.js';

/** STUB — replaced by the real parser (front matter, chrome, title, date, source). */
export function parseArticle(id: string, raw: string, addedAt: string = new Date(0).toISOString()): Article {
  const lines = cleanText(raw)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const [title = id, ...paragraphs] = lines;
  return { id, title, date: null, source: null, url: null, paragraphs, addedAt };
}
