import MiniSearch from 'minisearch';
import { normalizeArabic, tokenize } from '../arabic/index.js';
import { plainFieldPostings } from '../search/bulk-analyzer.js';
import { InvertedIndex } from '../search/postings.js';
import { planQuery } from '../search/query-plan.js';
import { bestOf } from '../search/best-of.js';
import { Scorer } from '../search/top-k.js';
import { HONORIFICS } from './lexicon.js';
import type { Quote } from './quote.js';

export interface QuoteQuery {
  speaker?: string;
  articleId?: string;
  limit?: number;
}

/** Discord autocomplete shows at most 25 choices. */
export const MAX_AUTOCOMPLETE_CHOICES = 25;

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
  return tokensMatch(speakerTokens(filter), speakerTokens(speaker));
}

/** speakerMatches on names already in comparable tokens. */
function tokensMatch(wanted: readonly string[], have: readonly string[]): boolean {
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
  /** Its place in its article's list: with the article id, the order of equally ranked quotations. */
  position: number;
  slot: number;
}

interface Speaker {
  /** The name as first seen. */
  name: string;
  /** Its comparable tokens (the key split). */
  tokens: string[];
  /** Quotations carrying it. */
  count: number;
}

/** Names in Arabic alphabetical order (one collator: localeCompare per call was ~2.5× slower in a sort). */
const ARABIC_ORDER = new Intl.Collator('ar');

/** Typed prefixes shorter than this (in letters, «ال» aside) are looked up by a scan rather than MiniSearch. */
const SHORT_PREFIX = 3;

/** Leading «ال» of a name's word: «الشرقاوي» is also found as «شرقاوي». */
const ARTICLE_PREFIX = /^ال(?=\p{L}{3})/u;

/**
 * Quotations searchable by their words, speaker and role, and the speakers for autocomplete. Changes in place as
 * articles arrive, change or leave (setArticle / removeArticle), so a live corpus never rebuilds it whole; what every
 * query needs — each quotation's importance, the speakers and how often each is quoted — is kept up to date on each
 * change rather than recomputed per query.
 *
 * Two engines, each where it serves (issue 7's memory target, issue 8's split):
 * - **The words**: the same compact ranking core as article search (src/search: typed postings, the Arabic
 *   analyzer, clitic readings, one-edit fuzzy variants, BM25+ top-k), one document per quotation with two fields:
 *   who (speaker and role, boosted ×2 as a title is) and the quoted text. MiniSearch held a Map per term and field
 *   here, 31 MiB of heap for SaudiNewsNet's 25k quotations (116k Maps); this whole index, names included, holds ~8 MiB.
 * - **The speakers**: MiniSearch over the distinct speaker names (7k on SaudiNewsNet), for its radix tree's prefix
 *   and fuzzy lookup as the user types. Scanning every name per keystroke took ~50 ms there.
 *
 * A build (`build`, or `beginBuild` … `endBuild` for one made in slices) lays the postings out once at the end;
 * until `endBuild` the quotation words answer nothing (the engine finishes a build in progress before it searches).
 */
export class QuoteIndex {
  private readonly index = new InvertedIndex();
  private readonly scorer = new Scorer(this.index);
  /** Entry per slot of `index`; undefined for a removed quotation's slot. */
  private readonly bySlot: (Entry | undefined)[] = [];
  private readonly byArticle = new Map<string, number[]>();
  /** Speaker key → the speaker. */
  private readonly speakers_ = new Map<string, Speaker>();
  private readonly names = new MiniSearch<{ id: string; name: string }>({
    fields: ['name'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => {
      const folded = normalizeArabic(term);
      if (!folded || HONORIFICS.has(folded)) return null;
      const bare = folded.replace(ARTICLE_PREFIX, '');
      return bare === folded ? folded : [folded, bare];
    },
    searchOptions: {
      prefix: true,
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      combineWith: 'AND',
    },
  });
  private building = false;
  /**
   * Whether an article is a copy the article search hides (src/search/copies.ts: the same outlet's same text under
   * another id): its quotations are not listed, or each would come twice. An article asked for by id still lists its
   * own. Set by the engine; none hidden by default.
   */
  hiddenArticle: ((articleId: string) => boolean) | null = null;

  static build(quotes: Quote[]): QuoteIndex {
    const index = new QuoteIndex();
    index.beginBuild();
    const byArticle = new Map<string, Quote[]>();
    for (const q of quotes) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
    for (const [articleId, list] of byArticle) index.setArticle(articleId, list);
    index.endBuild();
    return index;
  }

  /** Start a build on an empty index: setArticle / removeArticle collect, endBuild lays the postings out. */
  beginBuild(): void {
    this.index.beginBulk();
    this.building = true;
  }

  endBuild(): void {
    // Quotation queries are submitted whole, never expanded as prefixes (planQuery below): no term order needed.
    this.index.endBulk({ sortDictionary: false });
    this.building = false;
  }

  get size(): number {
    return this.index.liveCount;
  }

  /** The article's quotations are now `quotes` (replacing any it had). */
  setArticle(articleId: string, quotes: readonly Quote[]): void {
    this.removeArticle(articleId);
    if (!quotes.length) return;
    const slots: number[] = [];
    quotes.forEach((quote, position) => {
      const who = [quote.speaker, quote.speakerRole].filter(Boolean).join(' \n ');
      const slot = this.index.addDocument([plainFieldPostings(who, this.intern), plainFieldPostings(quote.text, this.intern)]);
      const tokens = quote.speaker ? speakerTokens(quote.speaker) : [];
      const speakerKey = tokens.length ? tokens.join(' ') : null;
      this.bySlot[slot] = { quote, importance: importance(quote), speakerKey, position, slot };
      if (speakerKey) {
        const speaker = this.speakers_.get(speakerKey);
        if (speaker) speaker.count++;
        else {
          this.speakers_.set(speakerKey, { name: quote.speaker!, tokens, count: 1 });
          this.names.add({ id: speakerKey, name: quote.speaker! });
        }
      }
      slots.push(slot);
    });
    this.byArticle.set(articleId, slots);
    this.changed();
  }

  removeArticle(articleId: string): void {
    const slots = this.byArticle.get(articleId);
    if (!slots) return;
    for (const slot of slots) {
      const entry = this.bySlot[slot]!;
      this.bySlot[slot] = undefined;
      this.index.removeDocument(slot);
      if (entry.speakerKey) {
        const speaker = this.speakers_.get(entry.speakerKey)!;
        if (--speaker.count === 0) {
          this.speakers_.delete(entry.speakerKey);
          this.names.discard(entry.speakerKey);
        }
      }
    }
    this.byArticle.delete(articleId);
    this.changed();
  }

  /**
   * Ranked quotations. A query ranks by relevance; no query lists the most important first. Filters: the speaker
   * (spelling-tolerant, surname alone is enough) and the article id.
   */
  search(query = '', options: QuoteQuery = {}): Quote[] {
    const limit = Math.max(0, options.limit ?? 10);
    const speakerKeys = options.speaker?.trim() ? this.speakersMatching(options.speaker) : null;
    const hidden = options.articleId ? null : this.hiddenArticle;
    const keep = (entry: Entry) =>
      (!options.articleId || entry.quote.articleId === options.articleId) &&
      (!speakerKeys || (entry.speakerKey !== null && speakerKeys.has(entry.speakerKey)));
    if (!query.trim()) {
      if (options.articleId) {
        // One article's quotations: a few, no need to walk the whole ranking.
        return (this.byArticle.get(options.articleId) ?? [])
          .map((slot) => this.bySlot[slot]!)
          .filter(keep)
          .sort((a, b) => b.importance - a.importance || a.position - b.position)
          .slice(0, limit)
          .map((entry) => entry.quote);
      }
      // The first `limit` that pass the filters, in importance order; ties in the order idOf gives (article id,
      // then place), compared without building the id strings. Selected, not sorted: a change (one new article)
      // made the next empty /quote re-sort all 25k quotations on SaudiNewsNet, ~40 ms in one turn.
      const found = bestOf(this.liveEntries(keep, hidden), limit, (a, b) => {
        if (a.importance !== b.importance) return b.importance - a.importance;
        const x = a.quote.articleId;
        const y = b.quote.articleId;
        return x < y ? -1 : x > y ? 1 : a.position - b.position;
      }).map((entry) => entry.quote);
      return found;
    }
    if (this.building || limit === 0) return [];
    // Filters before scoring: only admitted slots are scored (an article's few, or one speaker's).
    let admit = this.index.live;
    if (options.articleId || speakerKeys) {
      admit = new Uint8Array(this.index.slotCount);
      const candidates = options.articleId ? (this.byArticle.get(options.articleId) ?? []) : this.liveSlots();
      for (const slot of candidates) if (keep(this.bySlot[slot]!)) admit[slot] = 1;
    }
    const plan = planQuery(query, this.index, { prefix: false });
    if (!hidden) return this.scorer.rank(plan, admit, limit, this.idOf).slots.map((slot) => this.bySlot[slot]!.quote);
    // Copies are few (under 2 % of SaudiNewsNet): rank a few more than asked and drop theirs; only when that leaves
    // the page short while more matched, rank them all.
    const shown = (slots: number[]) => slots.map((slot) => this.bySlot[slot]!.quote).filter((q) => !hidden(q.articleId));
    const k = 2 * limit + 10;
    const best = this.scorer.rank(plan, admit, k, this.idOf);
    let quotes = shown(best.slots);
    if (quotes.length < limit && best.total > best.slots.length) quotes = shown(this.scorer.rank(plan, admit, Infinity, this.idOf).slots);
    return quotes.slice(0, limit);
  }

  /**
   * Speaker names for autocomplete, at most 25: names starting with what was typed, then names with a word starting
   * with it, then names found by a word's prefix after «ال» or within one typo; within each, speakers with more
   * quotations first. On an empty prefix: the most quoted speakers.
   */
  speakers(prefix = '', limit = MAX_AUTOCOMPLETE_CHOICES): string[] {
    const n = Math.min(Math.max(0, limit), MAX_AUTOCOMPLETE_CHOICES);
    const p = speakerTokens(prefix).join(' ');
    if (!p) {
      return bestOf(this.speakers_.keys(), n, (a, b) => this.bySpeakerCount(a, b)).map(
        (key) => this.speakers_.get(key)!.name,
      );
    }
    const rank = (key: string): number => (key.startsWith(p) ? 0 : key.split(' ').some((w) => w.startsWith(p)) ? 1 : 2);
    // A prefix of one or two letters (or «ال») starts a word of most names: MiniSearch would score thousands of
    // hits (16–47 ms for «ال» on SaudiNewsNet's 7k names), where a scan of the names' words finds them in ~1 ms.
    const ranked =
      p.replace(/^ال/, '').length < SHORT_PREFIX
        ? [...this.speakers_.keys()].map((key) => ({ key, rank: rank(key) })).filter((e) => e.rank < 2)
        : this.names.search(prefix).map((hit) => ({ key: hit.id as string, rank: rank(hit.id as string) }));
    return bestOf(ranked, n, (a, b) => a.rank - b.rank || this.bySpeakerCount(a.key, b.key)).map(
      (e) => this.speakers_.get(e.key)!.name,
    );
  }

  // ---- internals

  private readonly intern = (term: string): number => this.index.intern(term);

  private changed(): void {
    if (this.index.needsCompaction()) void this.index.compact();
  }

  private *liveEntries(keep: (entry: Entry) => boolean, hidden: ((articleId: string) => boolean) | null = null): Generator<Entry> {
    for (const [articleId, list] of this.byArticle) {
      if (hidden?.(articleId)) continue;
      for (const slot of list) {
        const entry = this.bySlot[slot]!;
        if (keep(entry)) yield entry;
      }
    }
  }

  private liveSlots(): number[] {
    const slots: number[] = [];
    for (const list of this.byArticle.values()) slots.push(...list);
    return slots;
  }

  /** Keys of the speakers a filter names (speakerMatches). */
  private speakersMatching(filter: string): Set<string> {
    const wanted = speakerTokens(filter);
    const keys = new Set<string>();
    for (const [key, speaker] of this.speakers_) if (tokensMatch(wanted, speaker.tokens)) keys.add(key);
    return keys;
  }

  /** Equal rank: by article id, then place in the article — never by insertion history. */
  private readonly idOf = (slot: number): string => {
    const entry = this.bySlot[slot]!;
    return `${entry.quote.articleId}\u0000${String(entry.position).padStart(6, '0')}`;
  };

  private bySpeakerCount(a: string, b: string): number {
    const x = this.speakers_.get(a)!;
    const y = this.speakers_.get(b)!;
    return y.count - x.count || ARABIC_ORDER.compare(x.name, y.name);
  }
}
