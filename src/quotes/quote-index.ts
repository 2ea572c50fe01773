import { analyze, normalizeArabic } from '../arabic/index.js';
import type { Quote } from './quote.js';

export interface QuoteQuery {
  speaker?: string;
  articleId?: string;
  limit?: number;
}

/** STUB — replaced by the real quote search (ranked by words, speaker matching tolerant of spelling). */
export class QuoteIndex {
  private constructor(private readonly quotes: Quote[]) {}

  static build(quotes: Quote[]): QuoteIndex {
    return new QuoteIndex(quotes);
  }

  search(query = '', options: QuoteQuery = {}): Quote[] {
    const terms = new Set(analyze(query));
    const speaker = options.speaker ? normalizeArabic(options.speaker) : null;
    return this.quotes
      .filter((q) => !options.articleId || q.articleId === options.articleId)
      .filter((q) => !speaker || normalizeArabic(q.speaker ?? '').includes(speaker))
      .filter((q) => terms.size === 0 || analyze(q.text).some((t) => terms.has(t)))
      .slice(0, options.limit ?? 10);
  }

  /** Distinct speakers whose name contains the prefix, for autocomplete. */
  speakers(prefix = '', limit = 25): string[] {
    const p = normalizeArabic(prefix);
    const names = new Set(this.quotes.map((q) => q.speaker).filter((s): s is string => !!s));
    return [...names].filter((n) => normalizeArabic(n).includes(p)).slice(0, limit);
  }
}
