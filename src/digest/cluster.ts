/**
 * Same-event grouping. Articles become stories by average-link agglomerative clustering over a sparse pairwise
 * similarity: cosine of TF-IDF vectors of each article's terms (title and lead counted twice; vectors.ts), damped
 * when both articles' dates are known and far apart, and when no headlines of the two groups agree.
 *
 * Why these choices (measured on the seeds, on project-written unrelated reports and on SaudiNewsNet days; see the
 * digest section of docs/benchmarks.md):
 * - Same topic is not same event. The five seeds all speak of Morocco, the United States and «داعش»; what tells
 *   the Marrakech ministerial meeting (000, 001, 004) from the coordinator's visit to Rabat (002) and from the
 *   Africa focus group (003) is rarer vocabulary: مراكش، بلينكن، نولاند، فيكتوريا versus سايلس، الجزائر، النيجر.
 *   IDF over the whole corpus (TermStatistics, never the digest's selection) puts weight there,
 *   generic-news-vocabulary.ts takes it off the words every news report uses (شراكة، مكافحة، دور، اجتماع، أشاد),
 *   and the doubly sublinear TF keeps a topic word repeated in every paragraph from outweighing a name said once.
 * - Every term counts, including those of one article only (vectors.ts): two fresh reports that share one word
 *   («سجل»: an earthquake recorded, a goal scored) share one term out of dozens, not their whole vectors. On the
 *   190 pairs of tests/support/unrelated-reports.ts briefed alone, the old min_df = 2 rule merged 130; now none.
 * - Title and lead count twice: news states who, what and where first, background comes last (001 and 003 share a
 *   closing paragraph on the coalition's founding in 2014, «سوريا والعراق»). Three lead sentences, not two:
 *   some outlets open with a standfirst before the dateline sentence (002: two headline-like lines, then «الرباط ـ
 *   بحث…»).
 * - Only each article's `keepTerms` heaviest terms take part in the inverted index (weights normalized over all
 *   terms, so a cosine is at most slightly underestimated): 150, not fewer, because in a five-article folder the
 *   IDF is nearly flat and the heaviest 100 are an arbitrary cut (the seeds no longer group).
 * - Average link, not single link: a chain A~B~C of pairwise-similar articles does not pull A and C into one
 *   story unless the group as a whole hangs together. Absent pairs count as zero similarity. The flip side: a
 *   pair judged alone can merge where the full group would not (000 and 002 share the US–Moroccan partnership
 *   talking points), which is why digest.ts clusters a selection together with its similar earlier articles.
 * - Headlines must agree (headlineFactor): a group's average body similarity counts in full only when some headline
 *   (title and first sentence) of one group agrees with some headline of the other. Different events of one kind
 *   share their bodies' formula (births, condolences, Eid receptions, an emir's titles, a club's squad list, a
 *   country's attacks of the day) and not their headlines. On the labelled sample bench/data/cluster-dev.json (81
 *   groups of SaudiNewsNet 2015-07-22 and 2015-07-25): mixed groups 28 → 21, same-event pairs split 2 → 0 of 524.
 *   Full agreement from 0.2, not 0.3, which gave 28 → 18 there: the seeds' Marrakech reports agree at 0.195–0.205
 *   in a five-document folder, and 0.3 split them. Damping each pair by its own headlines instead (not the best
 *   pair of the two groups) split 87 of the 524, 61 of them in one 14-article story of a death told from several
 *   sides (the family, the inquiry, the university).
 * - threshold 0.2: the seeds group right for 0.184–0.206 alone, beside the two fresh reports of issue 13 and beside
 *   all twenty; the most similar unrelated pair scores 0.144 when briefed alone. SaudiNewsNet with statistics of
 *   the whole corpus (30,676 articles), first 2,000 lines: 1,394 stories, 291 with several articles, 2.2% of their
 *   members linked to their story by at most one distinctive headline word (the old code: 1,463 / 293 / 11 with
 *   the day's own statistics); 0.18 groups more loosely (3.2%), 0.25 fewer (1.8%, 278 multi-article stories).
 */
import { type FormulaStatistics, FORMULA_MIN_DAYS, FORMULA_SENTENCE_SHARE, NO_FORMULAS, formulaMask } from './formulas.js';
import type { AnalyzedArticle, SparseVector, TermWeights } from './vectors.js';
import { dot } from './vectors.js';

export interface ClusterOptions {
  /** Average pairwise similarity two groups need to be merged into one story. */
  threshold: number;
  /** Salient terms kept per article. */
  keepTerms: number;
  /** Title terms count this many times over body terms: a headline states the event. */
  titleBoost: number;
  /** The first `leadSentences` body sentences count this many extra times: the lead states who, what, where. */
  leadBoost: number;
  leadSentences: number;
  /** Dates closer than this (days) do not lower the similarity; farther ones do, down to nothing at 3×. */
  sameEventDays: number;
  /**
   * Headline agreement: a pair whose headlines-plus-first-sentences cosine is under this counts only that share of
   * its similarity (0 turns it off). See headlineFactor.
   */
  headlineAgreement: number;
  /** The least share a pair keeps however little its headlines agree. */
  headlineFloor: number;
  /**
   * Words inside a formula of their outlet (formulas.ts: a shingle its reports used on this many distinct days) do
   * not count (0 turns it off).
   */
  formulaMinDays: number;
  /** …and only sentences (and titles) this much of which is formula (formulas.ts FORMULA_SENTENCE_SHARE). */
  formulaSentenceShare: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.2,
  keepTerms: 150,
  titleBoost: 1,
  leadBoost: 1,
  leadSentences: 3,
  sameEventDays: 3,
  headlineAgreement: 0.2,
  headlineFloor: 0.3,
  formulaMinDays: FORMULA_MIN_DAYS,
  formulaSentenceShare: FORMULA_SENTENCE_SHARE,
};

export interface StoryVectors {
  doc: SparseVector;
  /** Days since the epoch, or null when the article's date is unknown. */
  day: number | null;
  /** The title and first body sentence alone (all their terms): what the report says happened. */
  headline: SparseVector;
}

/**
 * `formulas`: the outlets' formula statistics (formulas.ts). A term said inside its outlet's formula counts only for
 * its occurrences outside it: the execution statement's verse and «تنفيذ حكم القتل» leave the vector and the
 * headline, the convict's and the victim's names stay.
 */
export function storyVectors(doc: AnalyzedArticle, weights: TermWeights, options: ClusterOptions, formulas: FormulaStatistics = NO_FORMULAS): StoryVectors {
  const mask = options.formulaMinDays > 0 ? formulaMask(doc, formulas, options.formulaMinDays, options.formulaSentenceShare) : null;
  const formula = mask?.any ? mask : null;
  const counts = new Map(doc.bodyCounts);
  const headline = new Map<string, number>();
  doc.titleTerms.forEach((t, i) => {
    if (formula?.title[i]) return;
    counts.set(t, (counts.get(t) ?? 0) + options.titleBoost);
    headline.set(t, (headline.get(t) ?? 0) + 1);
  });
  doc.sentences.forEach((sentence, k) => {
    const flags = formula?.sentences[k];
    const lead = k < options.leadSentences;
    sentence.terms.forEach((t, i) => {
      if (flags?.[i]) {
        // Its body occurrence is taken back; the term stays if the report also says it outside the formula.
        const left = (counts.get(t) ?? 0) - 1;
        if (left > 0) counts.set(t, left);
        else counts.delete(t);
        return;
      }
      if (lead) counts.set(t, (counts.get(t) ?? 0) + options.leadBoost);
      if (k === 0) headline.set(t, (headline.get(t) ?? 0) + 1);
    });
  });
  const date = doc.article.date ? Date.parse(`${doc.article.date}T00:00:00Z`) : NaN;
  return {
    doc: weights.vector(counts, options.keepTerms),
    day: Number.isNaN(date) ? null : Math.round(date / 86_400_000),
    headline: weights.vector(headline),
  };
}

/** Articles whose known dates are weeks apart report different events, however alike their words. */
export function dateFactor(a: number | null, b: number | null, sameEventDays: number): number {
  if (a === null || b === null) return 1;
  const gap = Math.abs(a - b);
  if (gap <= sameEventDays) return 1;
  return Math.max(0, 1 - (gap - sameEventDays) / (2 * sameEventDays));
}

/**
 * Two reports of one event say it in their headline and first sentence; two reports of different events of one
 * kind share the rest — the formula of a wedding, a condolence or an Eid reception, a club's squad list, an emir's
 * titles — and their bodies can be as alike as two outlets' versions of one event. So two groups merge on their
 * average body similarity times this factor of the best headline agreement between them (the cosine of one
 * article's title-plus-first-sentence with one of the other's): in full from `headlineAgreement` up, in proportion
 * below, never under `headlineFloor`. The best pair, not every pair: a story told from several sides (a death, the
 * family's account, the ministry's inquiry, the university's statement) is held together by the headlines that do
 * agree. Measured on bench/data/cluster-dev.json (docs/benchmarks.md, digest).
 */
export function headlineFactor(agreement: number, options: ClusterOptions): number {
  if (options.headlineAgreement <= 0) return 1;
  const share = Math.min(1, agreement / options.headlineAgreement);
  return options.headlineFloor + (1 - options.headlineFloor) * share;
}

export function pairSimilarity(a: StoryVectors, b: StoryVectors, options: ClusterOptions): number {
  return dot(a.doc, b.doc) * dateFactor(a.day, b.day, options.sameEventDays) * headlineFactor(dot(a.headline, b.headline), options);
}

interface Edge {
  a: number;
  b: number;
  /** Body similarity (cosine × date factor). */
  sim: number;
  /** Headline agreement: cosine of the two title-plus-first-sentence vectors. */
  headline: number;
}

/** Inverted index over the salient terms: term → (document index, weight), in document order. */
function buildPostings(vectors: readonly StoryVectors[]): Map<string, { doc: number; weight: number }[]> {
  const postings = new Map<string, { doc: number; weight: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [t, weight] of v.doc) {
      const list = postings.get(t);
      if (list) list.push({ doc, weight });
      else postings.set(t, [{ doc, weight }]);
    }
  });
  return postings;
}

/**
 * The salient terms of every vector as numbers: each vector's (term id, weight) entries, and postings per term id
 * in compressed rows (docs ascending). A day of ~2,000 articles makes ~2.3 million pair products; over typed
 * arrays they cost a few milliseconds, where string-keyed maps and posting objects took a third of a second.
 */
function numberedPostings(vectors: readonly StoryVectors[]) {
  const ids = new Map<string, number>();
  let entries = 0;
  for (const v of vectors) entries += v.doc.size;
  const entryStart = new Int32Array(vectors.length + 1);
  const entryTerm = new Int32Array(entries);
  const entryWeight = new Float64Array(entries);
  let at = 0;
  vectors.forEach((v, doc) => {
    entryStart[doc] = at;
    for (const [t, weight] of v.doc) {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      entryTerm[at] = id;
      entryWeight[at++] = weight;
    }
  });
  entryStart[vectors.length] = at;
  const termStart = new Int32Array(ids.size + 1);
  for (let e = 0; e < entries; e++) termStart[entryTerm[e] + 1]++;
  for (let t = 0; t < ids.size; t++) termStart[t + 1] += termStart[t];
  const fill = termStart.slice(0, ids.size);
  const postingDoc = new Int32Array(entries);
  const postingWeight = new Float64Array(entries);
  for (let doc = 0; doc < vectors.length; doc++) {
    for (let e = entryStart[doc]; e < entryStart[doc + 1]; e++) {
      const p = fill[entryTerm[e]]++;
      postingDoc[p] = doc;
      postingWeight[p] = entryWeight[e];
    }
  }
  return { entryStart, entryTerm, entryWeight, termStart, postingDoc, postingWeight };
}

/**
 * Pairs of articles whose similarity reaches `floor`. Dot products are accumulated through an inverted index over
 * the salient terms, so only pairs that share a term cost anything, and each shared term costs one multiply.
 */
export function similarPairs(vectors: readonly StoryVectors[], options: ClusterOptions, floor: number): Edge[] {
  const headlineFloorSim = options.headlineAgreement > 0 ? options.threshold / 2 : Infinity;
  const { entryStart, entryTerm, entryWeight, termStart, postingDoc, postingWeight } = numberedPostings(vectors);
  const edges: Edge[] = [];
  const acc = new Float64Array(vectors.length);
  const touched = new Int32Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) {
    let touchedCount = 0;
    for (let e = entryStart[i]; e < entryStart[i + 1]; e++) {
      const t = entryTerm[e];
      const w = entryWeight[e];
      // Postings are in document order: the pairs (i, j > i) are the tail of the list.
      for (let k = termStart[t + 1] - 1; k >= termStart[t] && postingDoc[k] > i; k--) {
        const j = postingDoc[k];
        if (acc[j] === 0) touched[touchedCount++] = j;
        acc[j] += w * postingWeight[k];
      }
    }
    for (let x = 0; x < touchedCount; x++) {
      const j = touched[x];
      const sim = acc[j] * dateFactor(vectors[i].day, vectors[j].day, options.sameEventDays);
      acc[j] = 0;
      // Headlines compared only for pairs at half the threshold or more: a weaker pair is not what shows two groups
      // tell one event, and comparing every kept pair added 24 % to a news day's digest (SaudiNewsNet 2015-07-22,
      // 823 → 1,020 ms CPU; this way 654 → 708 ms, the same groups on bench/data/cluster-dev.json's days).
      if (sim >= floor) edges.push({ a: i, b: j, sim, headline: sim >= headlineFloorSim ? dot(vectors[i].headline, vectors[j].headline) : 0 });
    }
  }
  return edges;
}

/**
 * Indices of the `others` whose similarity to at least one of the `selected` vectors reaches `floor`. Postings are
 * built over the selection only, so the cost grows with the corpus once, not with its pairs.
 */
export function neighboursOf(
  selected: readonly StoryVectors[],
  others: readonly StoryVectors[],
  options: ClusterOptions,
  floor: number,
): number[] {
  const postings = buildPostings(selected);
  const found: number[] = [];
  const acc = new Float64Array(selected.length);
  const touched: number[] = [];
  others.forEach((other, o) => {
    for (const [t, w] of other.doc) {
      for (const { doc, weight } of postings.get(t) ?? []) {
        if (acc[doc] === 0) touched.push(doc);
        acc[doc] += w * weight;
      }
    }
    if (touched.some((doc) => acc[doc] * dateFactor(other.day, selected[doc].day, options.sameEventDays) >= floor)) found.push(o);
    for (const doc of touched) acc[doc] = 0;
    touched.length = 0;
  });
  return found;
}

/**
 * Average-link agglomerative clustering on a sparse similarity graph (absent pairs count as 0, which only makes
 * merges more cautious). Returns groups of article indices; every index appears in exactly one group.
 */
export function clusterArticles(vectors: readonly StoryVectors[], options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): number[][] {
  const n = vectors.length;
  // Pairs below a fraction of the threshold barely move an average; dropping them keeps the graph small.
  const edges = similarPairs(vectors, options, options.threshold / 4);

  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  const links: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  // Best headline agreement between two groups, over their linked pairs.
  const agree: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const heap = new MaxHeap();
  for (const { a, b, sim, headline } of edges) {
    links[a].set(b, sim);
    links[b].set(a, sim);
    agree[a].set(b, headline);
    agree[b].set(a, headline);
    const score = sim * headlineFactor(headline, options);
    if (score >= options.threshold) heap.push(score, a, b);
  }

  while (heap.size > 0) {
    const top = heap.pop()!;
    const ma = members[top.a];
    const mb = members[top.b];
    if (!ma || !mb) continue; // one side was merged away since this entry was pushed
    const sum = links[top.a].get(top.b) ?? 0;
    const score = (sum / (ma.length * mb.length)) * headlineFactor(agree[top.a].get(top.b) ?? 0, options);
    if (Math.abs(score - top.score) > 1e-12) continue; // stale: the pair's average changed since
    // Merge b into a: link sums add up, so averages to every neighbour can be recomputed exactly.
    ma.push(...mb);
    members[top.b] = null;
    links[top.a].delete(top.b);
    agree[top.a].delete(top.b);
    for (const [k, s] of links[top.b]) {
      if (k === top.a) continue;
      const merged = (links[top.a].get(k) ?? 0) + s;
      links[top.a].set(k, merged);
      links[k].set(top.a, merged);
      links[k].delete(top.b);
      const best = Math.max(agree[top.a].get(k) ?? 0, agree[top.b].get(k) ?? 0);
      agree[top.a].set(k, best);
      agree[k].set(top.a, best);
      agree[k].delete(top.b);
    }
    links[top.b].clear();
    agree[top.b].clear();
    for (const [k, s] of links[top.a]) {
      const scoreK = (s / (ma.length * members[k]!.length)) * headlineFactor(agree[top.a].get(k) ?? 0, options);
      if (scoreK >= options.threshold) heap.push(scoreK, top.a, k);
    }
  }
  return members.filter((m): m is number[] => m !== null).map((m) => m.sort((x, y) => x - y));
}

/** A binary max-heap of candidate merges; entries go stale and are skipped on pop. */
class MaxHeap {
  private items: { score: number; a: number; b: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(score: number, a: number, b: number): void {
    const items = this.items;
    items.push({ score, a, b });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (items[p].score >= items[i].score) break;
      [items[p], items[i]] = [items[i], items[p]];
      i = p;
    }
  }

  pop(): { score: number; a: number; b: number } | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l].score > items[m].score) m = l;
        if (r < items.length && items[r].score > items[m].score) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i], items[m]];
        i = m;
      }
    }
    return top;
  }
}
