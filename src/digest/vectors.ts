/**
 * Sparse TF-IDF vectors over the shared analyzer's terms: the one representation that story grouping, summary
 * sentence choice and quotation choice all compare against. Pure functions; nothing here knows about Discord.
 */
import { analyze, splitSentences, tokenize } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';

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

export interface AnalyzedArticle {
  article: Article;
  titleTerms: string[];
  sentences: AnalyzedSentence[];
  /** Term counts over the title and the body. */
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
  const titleTerms = analyze(article.title);
  const sentences: AnalyzedSentence[] = [];
  for (const paragraph of article.paragraphs) {
    for (const text of splitSentences(paragraph)) {
      sentences.push({ text, position: sentences.length, wordCount: tokenize(text).length, terms: analyze(text) });
    }
  }
  const bodyCounts = new Map<string, number>();
  for (const s of sentences) for (const t of s.terms) bodyCounts.set(t, (bodyCounts.get(t) ?? 0) + 1);
  const analyzed = { article, titleTerms, sentences, bodyCounts, titleCounts: countTerms(titleTerms) };
  analysisCache.set(article, analyzed);
  return analyzed;
}

export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * Inverse document frequency over a background collection (the whole corpus, not just the digest's selection:
 * five or ten selected articles say little about which words are rare). Smoothed so that a term in every
 * document still weighs a little and a term the background never saw weighs like a term seen once.
 */
export class TermWeights {
  private readonly df = new Map<string, number>();
  readonly documentCount: number;

  constructor(documents: readonly AnalyzedArticle[]) {
    for (const doc of documents) {
      const seen = new Set<string>([...doc.bodyCounts.keys(), ...doc.titleCounts.keys()]);
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.documentCount = documents.length;
  }

  idf(term: string): number {
    const df = this.df.get(term) ?? 1;
    return Math.log((this.documentCount + 1) / (df + 0.5));
  }

  /** Sublinear TF × IDF, keeping only the `keep` heaviest terms, L2-normalized. */
  vector(counts: ReadonlyMap<string, number>, keep = Infinity): SparseVector {
    let entries: [string, number][] = [];
    for (const [term, tf] of counts) {
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

/** Jaccard overlap of two term sets: the near-duplicate test for summary sentences. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}
