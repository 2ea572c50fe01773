export interface SearchOptions {
  /** Page size (default 10). */
  limit?: number;
  /** Number of ranked results to skip (for paging). */
  offset?: number;
  /** Inclusive YYYY-MM-DD bounds on Article.date; articles without a date are excluded when a bound is set. */
  from?: string;
  to?: string;
  /** Keep only articles whose source matches (normalized, substring). */
  source?: string;
}

export interface SearchHit {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  score: number;
  /** Best-matching sentence, markdown-escaped, with matched words wrapped in ** **. */
  snippet: string;
}

export interface SearchResponse {
  query: string;
  /** Number of matching articles before paging. */
  total: number;
  results: SearchHit[];
}
