/**
 * The CPU-heavy part of ingesting one article file: read it, parse it (src/corpus), extract its quotations
 * (src/quotes). Pure of any state, so it runs the same in a worker thread (parse-pool.ts) or in the caller's.
 */
import { PARSER_VERSION, readArticleFile, type FileContent, type FileEntry } from '../corpus/files.js';
import { extractQuotes } from '../quotes/extract.js';
import type { Quote } from '../quotes/quote.js';
import { DIGEST_ANALYSIS_FORMAT, encodeAnalysis } from '../digest/stored-analysis.js';
import { analyzeArticle } from '../digest/vectors.js';
import { QUOTES_VERSION } from '../quotes/version.js';

/**
 * Which parser, extractor and digest analysis produced a stored article: a change of any re-analyzes the corpus
 * once.
 */
export const ANALYSIS_VERSION = `${PARSER_VERSION}+${QUOTES_VERSION}+digest-${DIGEST_ANALYSIS_FORMAT}`;

export type AnalyzedFile = FileContent & { quotes: Quote[]; digestAnalysis: string | null };

export async function analyzeFile(dir: string, entry: FileEntry, addedAt: string): Promise<AnalyzedFile> {
  const content = await readArticleFile(dir, entry, addedAt);
  if (content.kind !== 'article') return { ...content, quotes: [], digestAnalysis: null };
  return { ...content, quotes: extractQuotes(content.article), digestAnalysis: encodeAnalysis(analyzeArticle(content.article)) };
}
