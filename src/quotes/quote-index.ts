import MiniSearch from 'minisearch';
import { analyzeTerm, normalizeArabic, tokenize } from '../arabic/index.js';
import { HONORIFICS } from './lexicon.js';
import type { Quote } from './quote.js';

export interface QuoteQuery {
  speaker?: string;
  articleId?: string;
  limit?: number;
}

/** Discord autocomplete shows at most 25 choices. */
export const MAX_AUTOCOMPLETE_CHOICES = 25;

interface QuoteDoc {
  id: number;
  text: string;
  speaker: string;
  speakerRole: string;
}

/** A speaker name as comparable tokens: search form, honorifics dropped. */
function speakerTokens(name: string): string[] {
  return tokenize(name)
    .map((t) => normalizeArabic(t))
    .filter((t) => !HONORIFICS.has(t));
}

/** One edit apart (typo, a dropped or added letter): «بوريطا» for «بوريطه». Only for words of 5+ letters. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length, b.length) - i - j <= 1;
}

/**
 * Does a speaker filter name this speaker? Every word of the filter must match a word of the name, in any order
 * (so a surname alone, or «الشرقاوي الروداني» for «الروداني الشرقاوي», works), compared in search form
 * (hamza, ة/ه, ى/ي folded) and allowing one typo in long words.
 */
export function speakerMatches(filter: string, speaker: string | null): boolean {
  if (!speaker) return false;
  const wanted = speakerTokens(filter);
  const have = speakerTokens(speaker);
  return wanted.length > 0 && wanted.every((w) => have.some((h) => withinOneEdit(w, h)));
}

/**
 * How much a quotation is worth showing first when nothing was asked: a named speaker, a known role, then a
 * substantial statement (length counts up to ~40 words, beyond that longer is not better).
 */
function importance(q: Quote): number {
  const words = tokenize(q.text).length;
  return (q.speaker ? 2 : 0) + (q.speakerRole ? 0.5 : 0) + Math.min(words, 40) / 40;
}

/** Quotations searchable by their words (and speaker and role, with the shared Arabic analyzer). */
export class QuoteIndex {
  private constructor(
    private readonly quotes: Quote[],
    private readonly index: MiniSearch<QuoteDoc>,
  ) {}

  static build(quotes: Quote[]): QuoteIndex {
    const index = new MiniSearch<QuoteDoc>({
      fields: ['text', 'speaker', 'speakerRole'],
      tokenize: (text) => tokenize(text),
      // The analyzer returns null for stopwords; MiniSearch drops falsy terms.
      processTerm: (term) => analyzeTerm(term) ?? null,
      searchOptions: {
        boost: { speaker: 2 },
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
        combineWith: 'OR',
      },
    });
    index.addAll(
      quotes.map((q, id) => ({ id, text: q.text, speaker: q.speaker ?? '', speakerRole: q.speakerRole ?? '' })),
    );
    return new QuoteIndex(quotes, index);
  }

  get size(): number {
    return this.quotes.length;
  }

  /**
   * Ranked quotations. A query ranks by relevance; no query lists the most important first. Filters: the speaker
   * (spelling-tolerant, surname alone is enough) and the article id.
   */
  search(query = '', options: QuoteQuery = {}): Quote[] {
    const limit = Math.max(0, options.limit ?? 10);
    const keep = (q: Quote) =>
      (!options.articleId || q.articleId === options.articleId) &&
      (!options.speaker?.trim() || speakerMatches(options.speaker, q.speaker));
    if (!query.trim()) {
      return this.quotes
        .map((q, i) => ({ q, i }))
        .filter(({ q }) => keep(q))
        .sort((a, b) => importance(b.q) - importance(a.q) || a.i - b.i)
        .slice(0, limit)
        .map(({ q }) => q);
    }
    return this.index
      .search(query, { filter: (hit) => keep(this.quotes[hit.id as number]) })
      .slice(0, limit)
      .map((hit) => this.quotes[hit.id as number]);
  }

  /**
   * Speaker names for autocomplete, at most 25: names starting with the prefix, then names with a word starting
   * with it, then names that merely contain it; within each, speakers with more quotations first. On an empty
   * prefix: the most quoted speakers.
   */
  speakers(prefix = '', limit = MAX_AUTOCOMPLETE_CHOICES): string[] {
    const counts = new Map<string, { name: string; count: number }>();
    for (const q of this.quotes) {
      if (!q.speaker) continue;
      const key = speakerTokens(q.speaker).join(' ');
      const entry = counts.get(key) ?? { name: q.speaker, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    const p = speakerTokens(prefix).join(' ');
    const rank = (key: string): number => {
      if (!p || key.startsWith(p)) return 0;
      if (key.split(' ').some((w) => w.startsWith(p))) return 1;
      if (key.includes(p)) return 2;
      return speakerMatches(prefix, key) ? 3 : -1;
    };
    return [...counts.entries()]
      .map(([key, e]) => ({ ...e, rank: rank(key) }))
      .filter((e) => e.rank >= 0)
      .sort((a, b) => a.rank - b.rank || b.count - a.count || a.name.localeCompare(b.name, 'ar'))
      .slice(0, Math.min(Math.max(0, limit), MAX_AUTOCOMPLETE_CHOICES))
      .map((e) => e.name);
  }
}
