/**
 * Sparse TF-IDF vectors over the shared analyzer's terms: the one representation that story grouping, summary
 * sentence choice and quotation choice all compare against. Pure functions; nothing here knows about Discord.
 */
import { analyzeTerm, splitSentences, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { newsSpecificity } from './generic-news-vocabulary.js';

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
 * already favours early sentences, and splitting whole bodies into sentences was a third of a news day's time.
 */
export const SENTENCE_WINDOW = 12;

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

export function analyzeArticle(article: Article): AnalyzedArticle {
  const cached = analysisCache.get(article);
  if (cached) return cached;
  const titleTerms = analyzeText(article.title);
  const sentences: AnalyzedSentence[] = [];
  const bodyCounts = new Map<string, number>();
  const add = (terms: readonly string[]) => {
    for (const t of terms) bodyCounts.set(t, (bodyCounts.get(t) ?? 0) + 1);
  };
  for (const paragraph of article.paragraphs) {
    if (sentences.length >= SENTENCE_WINDOW) {
      add(analyzeText(paragraph)); // past the window only the words matter, not the sentence boundaries
      continue;
    }
    for (const text of splitSentences(paragraph)) {
      const tokens = tokenize(text);
      const terms = analyzeTokens(tokens);
      add(terms);
      if (sentences.length < SENTENCE_WINDOW) sentences.push({ text, position: sentences.length, wordCount: tokens.length, terms });
    }
  }
  const analyzed = { article, titleTerms, sentences, bodyCounts, titleCounts: countTerms(titleTerms) };
  analysisCache.set(article, analyzed);
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
 * Term weights: inverse document frequency over the whole corpus (not just the digest's selection: five selected
 * articles say little about which words are rare), smoothed so that a term in every document still weighs a
 * little, times a prior that lowers generic news vocabulary (generic-news-vocabulary.ts), which a small folder
 * cannot recognise as common.
 */
export class TermWeights {
  private readonly df = new Map<string, number>();
  private readonly idfCache = new Map<string, number>();
  readonly documentCount: number;
  private readonly maxDf: number;

  constructor(
    documents: readonly AnalyzedArticle[],
    /** Also lower generic news vocabulary (generic-news-vocabulary.ts); off only for comparisons. */
    private readonly newsPrior = true,
    private readonly minDf = 2,
  ) {
    for (const doc of documents) {
      const seen = new Set<string>([...doc.bodyCounts.keys(), ...doc.titleCounts.keys()]);
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.documentCount = documents.length;
    this.maxDf = Math.max(MAX_EVENT_DF_FLOOR, MAX_EVENT_DF_SHARE * documents.length);
  }

  idf(term: string): number {
    let idf = this.idfCache.get(term);
    if (idf === undefined) {
      idf = this.computeIdf(term);
      this.idfCache.set(term, idf);
    }
    return idf;
  }

  private computeIdf(term: string): number {
    const df = this.df.get(term) ?? 1;
    // A term in more than maxDf documents names a theme of the day (Eid, the Kingdom, an outlet's boilerplate
    // «رابط الخبر بصحيفة …»), not an event: one event is covered by a dozen or two articles, not hundreds.
    if (df > this.maxDf) return 0;
    const local = Math.log((this.documentCount + 1) / (df + 0.5));
    return this.newsPrior ? local * newsSpecificity(term) : local;
  }

  /** Sublinear TF × IDF, keeping only the `keep` heaviest terms, L2-normalized. */
  vector(counts: ReadonlyMap<string, number>, keep = Infinity): SparseVector {
    let entries: [string, number][] = [];
    for (const [term, tf] of counts) {
      // A term found in one document only cannot link it to another; in a small folder such terms are most of
      // each article's vocabulary and would drown every cosine, so they are left out (min_df = 2).
      if (this.minDf > 1 && (this.df.get(term) ?? 0) < this.minDf) continue;
      const w = (1 + Math.log(tf)) * this.idf(term);
      if (w > 0) entries.push([term, w]);
    }
    if (entries.length > keep) entries = entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep);
    return normalize(new Map(entries));
  }
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
