/**
 * The CPU-heavy part of ingesting one article file: read it, parse it (src/corpus), extract its quotations
 * (src/quotes). Pure of any state, so it runs the same in a worker thread (parse-pool.ts) or in the caller's.
 */
import { PARSER_VERSION, readArticleFile, type FileContent, type FileEntry } from '../corpus/files.js';
import { extractQuotes } from '../quotes/extract.js';
import type { Quote } from '../quotes/quote.js';
import { QUOTES_VERSION } from '../quotes/version.js';

/** Which parser and extractor produced a stored article: a change of either re-analyzes the corpus once. */
export const ANALYSIS_VERSION = `${PARSER_VERSION}+${QUOTES_VERSION}`;

export type AnalyzedFile = FileContent & { quotes: Quote[] };

export async function analyzeFile(dir: string, entry: FileEntry, addedAt: string): Promise<AnalyzedFile> {
  const content = await readArticleFile(dir, entry, addedAt);
  return content.kind === 'article' ? { ...content, quotes: extractQuotes(content.article) } : { ...content, quotes: [] };
}
