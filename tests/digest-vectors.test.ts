/**
 * The digest's fast vectors (TermWeights' cached IDF and its heaviest-terms cut, storyVectors, similarPairs over
 * numbered postings in typed arrays) against a plain statement with string-keyed maps, on random small corpora.
 * Vectors exactly, entry order included: the order decides the sums and the ties of a digest, so a faster
 * representation must keep it. Similarities to rounding (the plain statement sums in another order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, dateFactor, similarPairs, storyVectors } from '../src/digest/cluster.js';
import { newsSpecificity } from '../src/digest/generic-news-vocabulary.js';
import type { TermStatistics } from '../src/digest/term-statistics.js';
import {
  type AnalyzedArticle,
  MAX_EVENT_DF_FLOOR,
  MAX_EVENT_DF_SHARE,
  PRIOR_DOCUMENTS,
  PRIOR_DOCUMENT_SHARE,
  type SparseVector,
  TermWeights,
  countTerms,
} from '../src/digest/vectors.js';

// Few terms and few distinct counts and frequencies: equal weights (ties at the cut-off) are common.
const TERMS = ['أمير', 'مراكش', 'زلزال', 'مباراة', 'وزير', 'سجل', 'بلينكن', 'الرباط', 'نولاند', 'هدف', 'جامعة', 'وفاة'];
const term = fc.constantFrom(...TERMS);

const statisticsArb = fc
  .record({ documentCount: fc.integer({ min: 3, max: 400 }), df: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: TERMS.length, maxLength: TERMS.length }) })
  .map(({ documentCount, df }): TermStatistics => {
    const byTerm = new Map(TERMS.map((t, i) => [t, df[i]]));
    return { documentCount, documentFrequency: (t) => byTerm.get(t) ?? 0 };
  });

const countsArb = fc.array(fc.tuple(term, fc.integer({ min: 1, max: 4 })), { maxLength: 12 }).map((pairs) => {
  const counts = new Map<string, number>();
  for (const [t, n] of pairs) if (!counts.has(t)) counts.set(t, n);
  return counts;
});

const articleArb = fc
  .record({
    body: countsArb,
    title: fc.array(term, { maxLength: 5 }),
    sentences: fc.array(fc.array(term, { maxLength: 6 }), { maxLength: 4 }),
    day: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  })
  .map(({ body, title, sentences, day }): AnalyzedArticle => {
    const article: Article = {
      id: 'a',
      title: '',
      date: day === null ? null : `2015-07-${String(day).padStart(2, '0')}`,
      source: null,
      url: null,
      paragraphs: [],
      addedAt: '2015-07-22T09:00:00.000Z',
    };
    return {
      article,
      titleTerms: title,
      // Sentence terms are usually body terms too (analyzeArticle counts them), but not always here: a hand-made
      // analysis may differ, and storyVectors must then still add them in a map's order.
      sentences: sentences.map((terms, position) => ({ text: terms.join(' '), position, wordCount: terms.length, terms })),
      bodyCounts: body,
      titleCounts: countTerms(title),
    };
  });

const optionsArb = fc.record({
  keepTerms: fc.integer({ min: 1, max: 8 }),
  titleBoost: fc.constantFrom(1, 2, 0.5),
  leadBoost: fc.constantFrom(1, 0.3),
  leadSentences: fc.integer({ min: 0, max: 3 }),
});

/** IDF as vectors.ts states it (TermWeights.computeIdf), asked afresh for every term. */
function plainIdf(stats: TermStatistics, t: string): number {
  const seen = stats.documentFrequency(t);
  if (seen > Math.max(MAX_EVENT_DF_FLOOR, MAX_EVENT_DF_SHARE * stats.documentCount)) return 0;
  const local = Math.max(0, Math.log((stats.documentCount + PRIOR_DOCUMENTS) / (Math.max(2, seen) + PRIOR_DOCUMENTS * PRIOR_DOCUMENT_SHARE)));
  return local * newsSpecificity(t);
}

/** TermWeights.vector stated plainly: weigh, normalize over all, keep the first `keep` by weight then term. */
function plainVector(stats: TermStatistics, counts: ReadonlyMap<string, number>, keep = Infinity): SparseVector {
  const entries: [string, number][] = [];
  for (const [t, tf] of counts) {
    const w = (1 + Math.log(1 + Math.log(tf))) * plainIdf(stats, t);
    if (w > 0) entries.push([t, w]);
  }
  let sq = 0;
  for (const [, w] of entries) sq += w * w;
  const kept = entries.length > keep ? [...entries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep) : entries;
  return new Map(kept.map(([t, w]) => [t, w / Math.sqrt(sq)]));
}

/** storyVectors stated plainly: a copy of the body's counts with the title's and lead's added. */
function plainStoryVectors(stats: TermStatistics, doc: AnalyzedArticle, options: ClusterOptions): { doc: SparseVector; headline: SparseVector } {
  const counts = new Map(doc.bodyCounts);
  for (const [t, n] of doc.titleCounts) counts.set(t, (counts.get(t) ?? 0) + options.titleBoost * n);
  for (const sentence of doc.sentences.slice(0, options.leadSentences)) {
    for (const t of sentence.terms) counts.set(t, (counts.get(t) ?? 0) + options.leadBoost);
  }
  const headline = new Map(doc.titleCounts);
  for (const t of doc.sentences[0]?.terms ?? []) headline.set(t, (headline.get(t) ?? 0) + 1);
  return { doc: plainVector(stats, counts, options.keepTerms), headline: plainVector(stats, headline) };
}

function plainDot(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  for (const [t, w] of a) sum += w * (b.get(t) ?? 0);
  return sum;
}

describe('digest vectors', () => {
  it('TermWeights.vector equals the plain statement, entries in the same order', () => {
    fc.assert(
      fc.property(statisticsArb, fc.array(countsArb, { minLength: 1, maxLength: 6 }), fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), (stats, corpus, keep) => {
        const weights = new TermWeights(stats); // one for the corpus, as a digest has: ids and IDFs are reused
        for (const counts of corpus) expect([...weights.vector(counts, keep)]).toEqual([...plainVector(stats, counts, keep)]);
      }),
      { numRuns: 300 },
    );
  });

  it('storyVectors equals the plain statement', () => {
    fc.assert(
      fc.property(statisticsArb, fc.array(articleArb, { minLength: 1, maxLength: 6 }), optionsArb, (stats, docs, knobs) => {
        const options = { ...DEFAULT_CLUSTER_OPTIONS, ...knobs };
        const weights = new TermWeights(stats);
        for (const doc of docs) {
          const fast = storyVectors(doc, weights, options);
          const plain = plainStoryVectors(stats, doc, options);
          expect([...fast.doc]).toEqual([...plain.doc]);
          expect([...fast.headline]).toEqual([...plain.headline]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('similarPairs equals the plain pairwise similarities', () => {
    fc.assert(
      fc.property(statisticsArb, fc.array(articleArb, { minLength: 2, maxLength: 10 }), optionsArb, (stats, docs, knobs) => {
        const options = { ...DEFAULT_CLUSTER_OPTIONS, ...knobs };
        const weights = new TermWeights(stats);
        const vectors = docs.map((doc) => storyVectors(doc, weights, options));
        const floor = 1e-9;
        const fast = similarPairs(vectors, options, floor);
        // Against every pair compared by maps (sums in another order: equal to rounding).
        const plain = new Map<string, number>();
        for (let i = 0; i < vectors.length; i++) {
          for (let j = i + 1; j < vectors.length; j++) {
            const sim = plainDot(vectors[i].doc, vectors[j].doc) * dateFactor(vectors[i].day, vectors[j].day, options.sameEventDays);
            if (sim >= floor) plain.set(`${i}-${j}`, sim);
          }
        }
        expect(fast.map((e) => `${e.a}-${e.b}`).sort()).toEqual([...plain.keys()].sort());
        for (const e of fast) {
          expect(e.sim).toBeCloseTo(plain.get(`${e.a}-${e.b}`)!, 12);
          if (e.sim >= options.threshold / 2) expect(e.headline).toBeCloseTo(plainDot(vectors[e.a].headline, vectors[e.b].headline), 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
