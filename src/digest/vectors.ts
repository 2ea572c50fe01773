/**
 * Sparse TF-IDF vectors over the shared analyzer's terms: the one representation that story grouping, summary
 * sentence choice and quotation choice all compare against. Pure functions; nothing here knows about Discord.
 */
import { analyzeTerm, forEachTermSpan, splitSentences, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { newsSpecificity } from './generic-news-vocabulary.js';
import type { TermStatistics } from './term-statistics.js';

/** A sparse vector: term → weight. Vectors built here are L2-normalized unless said otherwise. */
export type SparseVector = Map<string, number>;

export interface AnalyzedSentence {
  text: string;
  /** Position of the sentence in its article's body, counting from 0 (the lead is 0). */
  position: number;
  /** Words as a reader counts them (tokens, stopwords included). */
  wordCount: number;
  terms: string[];
}

/**
 * Summary sentences come from the top of each article: news is written lead first, the summary's lead prior
 * already favours early sentences, and sentence splitting is a fifth of a news day's digest time. Eight, not
 * twelve: the same EASC ROUGE (tuning half), two thirds of the candidates.
 */
export const SENTENCE_WINDOW = 8;

export interface AnalyzedArticle {
  article: Article;
  titleTerms: string[];
  /** The first SENTENCE_WINDOW sentences of the body. */
  sentences: AnalyzedSentence[];
  /** Term counts over the whole body (all paragraphs, not only the sentence window). */
  bodyCounts: Map<string, number>;
  titleCounts: Map<string, number>;
}

/**
 * Analysis depends only on an article's title and paragraphs, and the engine hands us the same immutable Article
 * objects on every digest (one per subscription per schedule tick), so it is computed once per object.
 */
const analysisCache = new WeakMap<Article, AnalyzedArticle>();

/**
 * Words of an article's body that are analyzed (title not counted). A news report says who, what and where first;
 * its end is background and boilerplate. 400 keeps the seeds nearly whole (300–440 words; at 250 the Marrakech
 * reports no longer group) and skips 22% of a SaudiNewsNet day's words (its columns run to thousands), with the
 * same grouping of that day.
 */
export const BODY_WORD_BUDGET = 400;

/**
 * Sentence splitting of a window paragraph stops after this many characters: some outlets put a whole article in
 * one paragraph (SaudiNewsNet), and splitting all of it to keep its first dozen sentences was a fifth of a news
 * day's digest time. The cut sentence is dropped; the rest of the paragraph still counts its words.
 */
export const WINDOW_PARAGRAPH_CHARS = 4000;

export function analyzeArticle(article: Article): AnalyzedArticle {
  const cached = analysisCache.get(article);
  if (cached) return cached;
  const titleTerms = analyzeText(article.title);
  const sentences: AnalyzedSentence[] = [];
  const bodyCounts = new Map<string, number>();
  let budget = BODY_WORD_BUDGET;
  // Body words go through forEachTermSpan rather than a regular expression and analyzeTerm per token: article text
  // is NFKC already (cleanText), and its memo by code units creates no string for a word seen before (a day's digest
  // reads ~600k words, most of them seen before).
  const add = (text: string): void => {
    if (budget <= 0) return;
    forEachTermSpan(text, (t) => {
      budget--;
      if (t) bodyCounts.set(t, (bodyCounts.get(t) ?? 0) + 1);
    });
  };
  for (const paragraph of article.paragraphs) {
    if (sentences.length >= SENTENCE_WINDOW) {
      if (budget <= 0) break;
      add(paragraph); // past the window only the words matter, not the sentence boundaries
      continue;
    }
    const cut = paragraph.length > WINDOW_PARAGRAPH_CHARS;
    const split = splitSentences(cut ? paragraph.slice(0, WINDOW_PARAGRAPH_CHARS) : paragraph);
    if (cut) split.pop(); // cut mid-sentence: its words are counted with the rest below
    for (const text of split) {
      if (sentences.length >= SENTENCE_WINDOW) {
        add(text);
        continue;
      }
      const terms: string[] = [];
      let wordCount = 0;
      forEachTermSpan(text, (t) => {
        wordCount++;
        if (t) terms.push(t);
      });
      budget -= wordCount;
      for (const t of terms) bodyCounts.set(t, (bodyCounts.get(t) ?? 0) + 1);
      sentences.push({ text, position: sentences.length, wordCount, terms });
    }
    if (cut) add(paragraph.slice(split.reduce((n, x) => Math.max(n, paragraph.indexOf(x) + x.length), 0)));
  }
  const analyzed = { article, titleTerms, sentences, bodyCounts, titleCounts: countTerms(titleTerms) };
  analysisCache.set(article, analyzed);
  return analyzed;
}

/** Register `analyzed` as its article's analysis (a stored one: stored-analysis.ts); analyzeArticle answers with it. */
export function primeAnalysis(analyzed: AnalyzedArticle): AnalyzedArticle {
  analysisCache.set(analyzed.article, analyzed);
  return analyzed;
}

/** The shared analyzer's `analyze` on tokens we already have (the sentence's word count needs them too). */
function analyzeTokens(tokens: readonly string[]): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    const term = analyzeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

export function analyzeText(text: string): string[] {
  return analyzeTokens(tokenize(text));
}

export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** See TermWeights.computeIdf: terms in more documents than this share (and this floor) carry no weight. */
export const MAX_EVENT_DF_SHARE = 0.05;
export const MAX_EVENT_DF_FLOOR = 20;
/**
 * The fixed part of the term statistics (see TermWeights.computeIdf): a prior of PRIOR_DOCUMENTS imaginary
 * documents in which every word has the document share of a typical content word.
 */
export const PRIOR_DOCUMENTS = 50;
export const PRIOR_DOCUMENT_SHARE = 0.01;

/**
 * Term weights: inverse document frequency over the whole corpus (TermStatistics: never the digest's few
 * selected articles, whose own counts say nothing about which words are rare), times a prior that lowers generic
 * news vocabulary (generic-news-vocabulary.ts).
 *
 * Every term of an article takes part, including those no other document has: they are most of what makes a
 * report itself, and leaving them out (min_df = 2, as before) made two reports that share a single word identical
 * vectors of that word (issue 13, item 7: an earthquake and a football match sharing «سجل»; 130 of the 190 pairs
 * of tests/support/unrelated-reports.ts merged when each pair was briefed alone).
 */
export class TermWeights {
  private readonly idfCache = new Map<string, number>();
  readonly documentCount: number;
  private readonly maxDf: number;

  constructor(
    private readonly stats: TermStatistics,
    /** Also lower generic news vocabulary (generic-news-vocabulary.ts); off only for comparisons. */
    private readonly newsPrior = true,
  ) {
    this.documentCount = stats.documentCount;
    this.maxDf = Math.max(MAX_EVENT_DF_FLOOR, MAX_EVENT_DF_SHARE * stats.documentCount);
  }

  idf(term: string): number {
    let idf = this.idfCache.get(term);
    if (idf === undefined) {
      idf = this.computeIdf(term);
      this.idfCache.set(term, idf);
    }
    return idf;
  }

  /**
   * log((N + P) / (df + P·s)): the corpus's N documents plus the prior's P documents (PRIOR_DOCUMENTS) in which the
   * term has share s (PRIOR_DOCUMENT_SHARE). On a news archive (31k SaudiNewsNet articles) the prior changes
   * nothing; in a folder of five it keeps one article's words from counting three times more than the words the
   * folder's reports share, which a plain IDF over five documents does (cosines then measure each article's own
   * vocabulary, and the seeds' Marrakech reports look no closer to each other than to the Rabat visit).
   * A term seen in one document, or in none (an article not indexed yet), counts as seen in two: a single
   * occurrence says the word is rare, not how rare.
   */
  private computeIdf(term: string): number {
    const seen = this.stats.documentFrequency(term);
    // A term in more than maxDf documents names a theme (Eid, the Kingdom, an outlet's boilerplate «رابط الخبر
    // بصحيفة …»), not an event: one event is covered by a dozen or two articles, not hundreds.
    if (seen > this.maxDf) return 0;
    const df = Math.max(2, seen);
    const local = Math.max(0, Math.log((this.documentCount + PRIOR_DOCUMENTS) / (df + PRIOR_DOCUMENTS * PRIOR_DOCUMENT_SHARE)));
    return this.newsPrior ? local * newsSpecificity(term) : local;
  }

  /**
   * Doubly sublinear TF (1 + ln(1 + ln tf)) × IDF, L2-normalized over all the terms, then only the `keep` heaviest
   * kept: a dot product of two kept vectors is the cosine minus the products of light terms, a slight
   * underestimate that keeps the inverted index of a 2,000-article day small.
   * Why TF so flat: the words of a topic recur in every paragraph (الإرهاب ten times in each seed, المغرب as
   * often), the names that tell one event from another appear once or twice (مراكش، بلينكن، سايلس). With 1 + ln tf
   * the topic won: 000 (Marrakech) was as close to 002 (Rabat) as to 004 (Marrakech), and the seeds' grouping held
   * for a 0.006-wide threshold window that moved whenever two unrelated reports joined the folder; with the double
   * log the window is 0.19–0.21 on the seeds alone, beside two reports and beside twenty.
   */
  vector(counts: ReadonlyMap<string, number>, keep = Infinity): SparseVector {
    let entries: [string, number][] = [];
    let sq = 0;
    for (const [term, tf] of counts) {
      const w = (1 + Math.log(1 + Math.log(tf))) * this.idf(term);
      if (w > 0) {
        entries.push([term, w]);
        sq += w * w;
      }
    }
    if (entries.length > keep) entries = heaviest(entries, keep);
    const n = Math.sqrt(sq);
    return new Map(entries.map(([t, w]) => [t, w / n]));
  }
}

/**
 * The `keep` heaviest entries, heaviest first, ties by term: the first `keep` of the entries sorted so. Sorting all
 * of them with a comparator was most of a digest's vector building (an article has 300–900 terms, 150 are kept);
 * the cut-off weight comes from a native numeric sort, and only the kept entries are sorted by the comparator.
 */
function heaviest(entries: [string, number][], keep: number): [string, number][] {
  const weights = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) weights[i] = entries[i][1];
  const cutoff = weights.sort()[entries.length - keep];
  const above = entries.filter((e) => e[1] > cutoff);
  const atCutoff = entries.filter((e) => e[1] === cutoff).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return above.concat(atCutoff.slice(0, keep - above.length)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function normalize(v: SparseVector): SparseVector {
  let sq = 0;
  for (const w of v.values()) sq += w * w;
  if (sq === 0) return v;
  const n = Math.sqrt(sq);
  const out: SparseVector = new Map();
  for (const [t, w] of v) out.set(t, w / n);
  return out;
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) sum += w * o;
  }
  return sum;
}

/** Mean of vectors, re-normalized: the story's centroid. */
export function centroid(vectors: readonly SparseVector[]): SparseVector {
  const sum: SparseVector = new Map();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  return normalize(sum);
}
