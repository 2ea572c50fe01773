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

interface Entry {
  quote: Quote;
  importance: number;
  /** The speaker in comparable form (speakerTokens joined), or null. */
  speakerKey: string | null;
}

/**
 * Quotations searchable by their words (and speaker and role, with the shared Arabic analyzer). Changes in place
 * as articles arrive, change or leave (setArticle / removeArticle), so a live corpus never rebuilds it whole;
 * what every query needs — each quotation's importance, the speakers and how often each is quoted — is kept up to
 * date on each change rather than recomputed per query.
 */
export class QuoteIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly byArticle = new Map<string, number[]>();
  /** Speaker key → the name as first seen, and how many quotations carry it. */
  private readonly speakerCounts = new Map<string, { name: string; count: number }>();
  /** Entry ids, most important first; recomputed lazily after a change. */
  private byImportance: number[] | null = null;
  private nextId = 0;
  private readonly index = new MiniSearch<QuoteDoc>({
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

  static build(quotes: Quote[]): QuoteIndex {
    const index = new QuoteIndex();
    const byArticle = new Map<string, Quote[]>();
    for (const q of quotes) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
    for (const [articleId, list] of byArticle) index.setArticle(articleId, list);
    return index;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The article's quotations are now `quotes` (replacing any it had). */
  setArticle(articleId: string, quotes: readonly Quote[]): void {
    this.removeArticle(articleId);
    if (!quotes.length) return;
    const ids: number[] = [];
    for (const quote of quotes) {
      const id = this.nextId++;
      const speakerKey = quote.speaker ? speakerTokens(quote.speaker).join(' ') : null;
      this.entries.set(id, { quote, importance: importance(quote), speakerKey });
      this.index.add({ id, text: quote.text, speaker: quote.speaker ?? '', speakerRole: quote.speakerRole ?? '' });
      if (speakerKey) {
        const entry = this.speakerCounts.get(speakerKey) ?? { name: quote.speaker!, count: 0 };
        entry.count++;
        this.speakerCounts.set(speakerKey, entry);
      }
      ids.push(id);
    }
    this.byArticle.set(articleId, ids);
    this.byImportance = null;
  }

  removeArticle(articleId: string): void {
    const ids = this.byArticle.get(articleId);
    if (!ids) return;
    for (const id of ids) {
      const entry = this.entries.get(id)!;
      this.entries.delete(id);
      this.index.discard(id);
      if (entry.speakerKey) {
        const counted = this.speakerCounts.get(entry.speakerKey)!;
        if (--counted.count === 0) this.speakerCounts.delete(entry.speakerKey);
      }
    }
    this.byArticle.delete(articleId);
    this.byImportance = null;
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
      if (options.articleId) {
        // One article's quotations: a few, no need to walk the whole ranking.
        return (this.byArticle.get(options.articleId) ?? [])
          .map((id) => ({ id, entry: this.entries.get(id)! }))
          .filter(({ entry }) => keep(entry.quote))
          .sort((a, b) => b.entry.importance - a.entry.importance || a.id - b.id)
          .slice(0, limit)
          .map(({ entry }) => entry.quote);
      }
      this.byImportance ??= [...this.entries.keys()].sort(
        (a, b) => this.entries.get(b)!.importance - this.entries.get(a)!.importance || a - b,
      );
      const found: Quote[] = [];
      for (const id of this.byImportance) {
        if (found.length >= limit) break;
        const q = this.entries.get(id)!.quote;
        if (keep(q)) found.push(q);
      }
      return found;
    }
    return this.index
      .search(query, { filter: (hit) => keep(this.entries.get(hit.id as number)!.quote) })
      .slice(0, limit)
      .map((hit) => this.entries.get(hit.id as number)!.quote);
  }

  /**
   * Speaker names for autocomplete, at most 25: names starting with the prefix, then names with a word starting
   * with it, then names that merely contain it; within each, speakers with more quotations first. On an empty
   * prefix: the most quoted speakers.
   */
  speakers(prefix = '', limit = MAX_AUTOCOMPLETE_CHOICES): string[] {
    const p = speakerTokens(prefix).join(' ');
    const rank = (key: string): number => {
      if (!p || key.startsWith(p)) return 0;
      if (key.split(' ').some((w) => w.startsWith(p))) return 1;
      if (key.includes(p)) return 2;
      return speakerMatches(prefix, key) ? 3 : -1;
    };
    return [...this.speakerCounts.entries()]
      .map(([key, e]) => ({ ...e, rank: rank(key) }))
      .filter((e) => e.rank >= 0)
      .sort((a, b) => a.rank - b.rank || b.count - a.count || a.name.localeCompare(b.name, 'ar'))
      .slice(0, Math.min(Math.max(0, limit), MAX_AUTOCOMPLETE_CHOICES))
      .map((e) => e.name);
  }
}
