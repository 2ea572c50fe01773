/**
 * The digest: the stories among the articles added since a given time, most important first. Grouping lives in
 * cluster.ts, sentence and quotation choice in summary.ts; this module selects, assembles and orders.
 */
import { normalizeArabic } from '../arabic/index.js';
import type { Article } from '../corpus/article.js';
import { NashraError } from '../engine/errors.js';
import type { Quote } from '../quotes/quote.js';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, type StoryVectors, clusterArticles, neighboursOf, storyVectors } from './cluster.js';
import { type FormulaStatistics, NO_FORMULAS, formulaMask, formulaShare } from './formulas.js';
import { pickQuote, type SentenceScorer, summarizeStory } from './summary.js';
import { commonContent, leadClauseTitle, pickHeadline, storyTitle } from './title.js';
import type { TermStatistics } from './term-statistics.js';
import type { Digest, Story } from './types.js';
import { TermWeights, analyzeArticle, centroid, dot } from './vectors.js';

export interface DigestInput {
  /** The articles to brief, already selected by the caller (see selectArticles): a day's news, a query's hits. */
  articles: readonly Article[];
  /** Corpus-wide document frequencies, the background for word rarity (term-statistics.ts). */
  termStatistics: TermStatistics;
  /**
   * The outlets' formulas over the corpus (formulas.ts): their words do not make two reports one story, nor their
   * sentences a summary. Absent: none known, every word counts.
   */
  formulaStatistics?: FormulaStatistics;
  /** Each article's quotations; only the shown stories' articles are asked (a store can answer as asked). */
  quotesByArticle: Pick<ReadonlyMap<string, Quote[]>, 'get'>;
  /**
   * Earlier articles that may belong to a story of the selection (the engine answers through search). Optional:
   * they change only which selected articles are grouped together, never what a story shows (see groupInContext).
   */
  context?: (selection: readonly Article[]) => readonly Article[];
  now?: Date;
  /** Only the first this many stories (by importance) are made in full; storyCount still counts them all. */
  maxStories?: number;
  /**
   * Only stories told by at least this many sources are made (a briefing's «min sources»), before maxStories takes
   * the first of them; storyCount still counts them all. A briefing that lists 25 of a day's 1,400 stories then
   * summarizes 25.
   */
  minSources?: number;
  /** Grouping knobs, for the benchmark and tests; the defaults were tuned on SaudiNewsNet (see cluster.ts). */
  clusterOptions?: Partial<ClusterOptions>;
  /** A sentence scorer in place of the summary's position prior (summary.ts SentenceScorer), for the benchmark. */
  summaryScorer?: SentenceScorer;
}

export interface Selection {
  /** Only articles whose addedAt is at or after this instant. */
  since?: Date;
  /** When set, only these article ids (the engine resolves a query to ids through search). */
  onlyIds?: ReadonlySet<string>;
}

/** The articles a digest briefs: added since `since`, among `onlyIds` when given. */
export function selectArticles(articles: Iterable<Article>, selection: Selection): Article[] {
  if (selection.since && Number.isNaN(selection.since.getTime())) {
    throw new NashraError('INVALID_DATE', 'the digest start time ("since") is not a valid date');
  }
  const sinceMs = selection.since?.getTime();
  const selected: Article[] = [];
  for (const a of articles) {
    if ((sinceMs === undefined || Date.parse(a.addedAt) >= sinceMs) && (!selection.onlyIds || selection.onlyIds.has(a.id))) selected.push(a);
  }
  return selected;
}

export function buildDigest(input: DigestInput): Digest {
  const now = input.now ?? new Date();
  const selected = [...input.articles].sort((a, b) => compareAdded(a, b));
  if (selected.length === 0) return { generatedAt: now.toISOString(), articleCount: 0, stories: [] };

  const options = { ...DEFAULT_CLUSTER_OPTIONS, ...input.clusterOptions };
  const weights = new TermWeights(input.termStatistics);
  const docs = selected.map(analyzeArticle);
  const formulas = input.formulaStatistics ?? NO_FORMULAS;
  const vectors = docs.map((d) => storyVectors(d, weights, options, formulas));
  const context = input.context ? input.context(selected) : [];
  const groups = groupInContext(selected, vectors, context, weights, options, formulas);

  const ranked = groups.map((group) => {
    const center = centroid(group.map((i) => vectors[i].doc));
    // Most central first; among equals the earliest, which is usually the outlet that broke the story.
    const order = group
      .map((i) => ({ i, centrality: dot(vectors[i].doc, center) }))
      .sort((x, y) => y.centrality - x.centrality || compareAdded(selected[x.i], selected[y.i]))
      .map((x) => x.i);
    const articles = order.map((i) => selected[i]);
    return {
      order,
      articles,
      center,
      sourceCount: countSources(articles),
      newest: Math.max(...articles.map((a) => Date.parse(a.addedAt) || 0)),
      // Substance: how much the story's reports say, in analyzed words.
      substance: order.reduce((n, i) => n + [...docs[i].bodyCounts.values()].reduce((a, b) => a + b, 0), 0),
    };
  });

  // Importance: more outlets, then more articles, then the newest, then the one with more to say.
  ranked.sort(
    (x, y) =>
      y.sourceCount - x.sourceCount ||
      y.articles.length - x.articles.length ||
      y.newest - x.newest ||
      y.substance - x.substance ||
      (x.articles[0].id < y.articles[0].id ? -1 : 1),
  );
  // Titles, summaries and quotations only for the stories shown: they are most of a digest's cost after grouping.
  const wide = input.minSources && input.minSources > 1 ? ranked.filter((s) => s.sourceCount >= input.minSources!) : ranked;
  const shown = input.maxStories === undefined ? wide : wide.slice(0, Math.max(0, input.maxStories));
  const stories = shown.map(({ order, articles, center, sourceCount }): Story => {
    const storyDocs = order.map((i) => docs[i]);
    const common = commonContent(storyDocs, center);
    const headline = pickHeadline(storyDocs, common, weights);
    const sentences = summarizeStory(storyDocs, center, weights, {
      headlineTerms: headline?.titleTerms,
      common,
      scorer: input.summaryScorer,
      isFormula:
        formulas === NO_FORMULAS || options.formulaMinDays <= 0
          ? undefined
          : (doc, k) => formulaShare(formulaMask(doc, formulas, options.formulaMinDays, options.formulaSentenceShare), k) > 0,
    });
    const summary = sentences.map((s) => s.text);
    return {
      title: headline ? storyTitle(headline.article.title) : sentences.length ? leadClauseTitle(sentences[0].original) : articles[0].title,
      articleIds: articles.map((a) => a.id),
      summary,
      quote: pickQuote(articles.flatMap((a) => input.quotesByArticle.get(a.id) ?? []), center, weights, summary),
      sourceCount,
      ...publication(articles),
    };
  });
  return { generatedAt: now.toISOString(), articleCount: selected.length, ...(input.maxStories !== undefined || shown.length < ranked.length ? { storyCount: ranked.length } : {}), stories };
}

/** A story's publication days (Story.published), or the day without a year one of its articles gives. */
function publication(articles: readonly Article[]): Pick<Story, 'published' | 'publishedDayWithoutYear'> {
  const days = articles.map((a) => a.date).filter((d): d is string => d !== null).sort();
  if (days.length > 0) return { published: { first: days[0], last: days[days.length - 1] } };
  const withDay = articles.find((a) => a.dayWithoutYear);
  return withDay?.dayWithoutYear ? { publishedDayWithoutYear: withDay.dayWithoutYear } : {};
}

/**
 * Stories of the selection, decided with earlier similar articles as context. Whether two articles report the same
 * event does not depend on which of them a digest happens to show: with only 000 (Marrakech meeting) and 002 (the
 * coordinator's visit to Rabat) selected, average link sees one pair that shares the US–Moroccan partnership
 * vocabulary and merges it; with the other Marrakech reports present, 000 joins them and 002 stays apart. So the
 * context articles that could belong to a story of the selection (similar enough to one selected article to be
 * linked in clustering) are clustered with it, and each story then keeps only its selected articles. The caller
 * decides what the context is (the engine: earlier articles found through search); it only ever changes which
 * selected articles share a story.
 */
function groupInContext(
  selected: readonly Article[],
  vectors: readonly StoryVectors[],
  candidates: readonly Article[],
  weights: TermWeights,
  options: ClusterOptions,
  formulas: FormulaStatistics,
): number[][] {
  const chosen = new Set(selected.map((a) => a.id));
  const rest = candidates.filter((a) => !chosen.has(a.id));
  if (rest.length === 0) return clusterArticles(vectors, options);
  const restVectors = rest.map((a) => storyVectors(analyzeArticle(a), weights, options, formulas));
  // The same floor as the clustering's own edges: pairs below it are left out of its similarity graph anyway.
  const context = neighboursOf(vectors, restVectors, options, options.threshold / 4).map((i) => restVectors[i]);
  if (context.length === 0) return clusterArticles(vectors, options);
  return clusterArticles([...vectors, ...context], options)
    .map((group) => group.filter((i) => i < vectors.length))
    .filter((group) => group.length > 0);
}

/**
 * Distinct outlets. An article without a known source counts as its own: it is still another report, and
 * merging all unknowns into one would undercount stories from a folder of hand-copied articles.
 */
export function countSources(articles: readonly Article[]): number {
  const known = new Set<string>();
  let unknown = 0;
  for (const a of articles) {
    const s = a.source ? normalizeArabic(a.source).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : '';
    if (s) known.add(s);
    else unknown++;
  }
  return known.size + unknown;
}

/** The order buildDigest reads its articles in (and hands them to `context`): first seen, then id. */
export function compareAdded(a: Article, b: Article): number {
  return (Date.parse(a.addedAt) || 0) - (Date.parse(b.addedAt) || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
