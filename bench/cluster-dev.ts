/**
 * Story grouping on a labelled development sample (bench/data/cluster-dev.json): multi-article groups of SaudiNewsNet
 * days, each article given an event label by reading (ids only: the text is not redistributed). Measures
 *  - mixed: sampled groups whose articles of different events still share a story (and such article pairs joined);
 *  - split: pairs of articles judged the same event that are no longer in one story.
 * `node dist/bench/cluster-dev.js` scores the current grouping on the tuning and fresh samples; `… fresh2` also
 * scores the second check sample (kept out of the default run so that nobody tunes on it by looking at it every
 * time); `… dump DAY` prints a day's multi-article groups (local reading only: it shows SaudiNewsNet text).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../src/corpus/article.js';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, clusterArticles, storyVectors } from '../src/digest/cluster.js';
import { type FormulaStatistics, NO_FORMULAS, formulaSketchOf } from '../src/digest/formulas.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import type { TermStatistics } from '../src/digest/term-statistics.js';
import { TermWeights, analyzeArticle } from '../src/digest/vectors.js';
import { readSaudiNewsNet } from './digest.js';

export const CLUSTER_DEV_FILE = path.resolve('bench/data/cluster-dev.json');

export interface ClusterDevSample {
  /** One entry per sampled group of the grouping before the change: article id → event label. */
  groups: { day: string; kind: 'systematic' | 'targeted'; events: Record<string, string> }[];
}

/**
 * The file: the tuning sample (`groups`, in-sample since round cluster-s24) and a fresh check sample (`fresh`:
 * every 13th multi-article group of two other days, labelled before round s28 changed anything, never tuned on).
 */
export interface ClusterDevFile extends ClusterDevSample {
  fresh?: ClusterDevSample & { about?: string };
  /**
   * A second check sample (round s30): every 13th multi-article group of two further days, labelled before that
   * round changed anything; scored only on request (`… fresh2`), once before and once after a change.
   */
  fresh2?: ClusterDevSample & { about?: string };
}

export function groupsOf(articles: readonly Article[], stats: TermStatistics, options: ClusterOptions, formulas: FormulaStatistics = NO_FORMULAS): string[][] {
  const sorted = [...articles].sort((a, b) => (Date.parse(a.addedAt) || 0) - (Date.parse(b.addedAt) || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const weights = new TermWeights(stats);
  const vectors = sorted.map((a) => storyVectors(analyzeArticle(a), weights, options, formulas));
  return clusterArticles(vectors, options).map((g) => g.map((i) => sorted[i].id));
}

export interface ClusterDevScore {
  groups: number;
  mixedBefore: number;
  mixedAfter: number;
  differentPairsJoined: number;
  differentPairs: number;
  samePairs: number;
  samePairsSplit: number;
}

export function scoreGrouping(sample: ClusterDevSample, storyOf: ReadonlyMap<string, number>): ClusterDevScore {
  const s: ClusterDevScore = { groups: sample.groups.length, mixedBefore: 0, mixedAfter: 0, differentPairsJoined: 0, differentPairs: 0, samePairs: 0, samePairsSplit: 0 };
  for (const g of sample.groups) {
    const ids = Object.keys(g.events);
    if (new Set(Object.values(g.events)).size > 1) s.mixedBefore++;
    let mixed = false;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const together = storyOf.get(ids[i]) === storyOf.get(ids[j]);
        if (g.events[ids[i]] === g.events[ids[j]]) {
          s.samePairs++;
          if (!together) s.samePairsSplit++;
        } else {
          s.differentPairs++;
          if (together) {
            s.differentPairsJoined++;
            mixed = true;
          }
        }
      }
    }
    if (mixed) s.mixedAfter++;
  }
  return s;
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  const corpus = await readSaudiNewsNet({});
  const stats = termStatisticsOf(corpus);
  // The outlets' formulas over the whole corpus, counted in the order the reports were added (as the engine would).
  const started = performance.now();
  const formulas = formulaSketchOf([...corpus].sort((a, b) => a.addedAt.localeCompare(b.addedAt) || (a.id < b.id ? -1 : 1)).map(analyzeArticle));
  process.stderr.write(`formula sketch: ${formulas.reports} reports, ${formulas.copies} copies, ${(performance.now() - started).toFixed(0)} ms\n`);
  const overrides: Partial<ClusterOptions> = process.env.NASHRA_CLUSTER ? JSON.parse(process.env.NASHRA_CLUSTER) : {};
  const options = { ...DEFAULT_CLUSTER_OPTIONS, ...overrides };
  if (mode === 'dump') {
    const articles = await readSaudiNewsNet({ day: arg });
    const byId = new Map(articles.map((a) => [a.id, a]));
    const multi = groupsOf(articles, stats, options, formulas).filter((g) => g.length > 1);
    multi.forEach((g, k) => {
      process.stdout.write(`\n## ${k} (${g.length})\n`);
      for (const id of g) {
        const a = byId.get(id)!;
        process.stdout.write(`${id} [${a.source}] ${a.title}\n    ${a.paragraphs.join(' ').slice(0, 260)}\n`);
      }
    });
    return;
  }
  const sample = JSON.parse(readFileSync(CLUSTER_DEV_FILE, 'utf8')) as ClusterDevFile;
  const fresh: ClusterDevSample = { groups: sample.fresh?.groups ?? [] };
  const fresh2: ClusterDevSample = { groups: mode === 'fresh2' ? (sample.fresh2?.groups ?? []) : [] };
  const days = [...new Set([...sample.groups, ...fresh.groups, ...fresh2.groups].map((g) => g.day))];
  const storyOf = new Map<string, number>();
  let story = 0;
  for (const day of days) {
    const started = performance.now();
    for (const g of groupsOf(await readSaudiNewsNet({ day }), stats, options, formulas)) {
      for (const id of g) storyOf.set(id, story);
      story++;
    }
    process.stderr.write(`${day}: grouped in ${(performance.now() - started).toFixed(0)} ms\n`);
  }
  for (const kind of ['systematic', 'targeted']) {
    const k = scoreGrouping({ groups: sample.groups.filter((g) => g.kind === kind) }, storyOf);
    process.stdout.write(`  ${kind}: ${k.groups} groups; mixed ${k.mixedBefore} → ${k.mixedAfter}; same-event pairs split ${k.samePairsSplit}/${k.samePairs}\n`);
  }
  if (process.env.NASHRA_CLUSTER_VERBOSE) {
    [...sample.groups, ...fresh.groups, ...fresh2.groups].forEach((g, k) => {
      const one = scoreGrouping({ groups: [g] }, storyOf);
      if (one.samePairsSplit || one.differentPairsJoined) {
        const parts = Object.entries(g.events).map(([id, e]) => `${id.slice(4)}:${e}@${storyOf.get(id)}`);
        process.stdout.write(`  #${k} ${g.day} split ${one.samePairsSplit}/${one.samePairs} joined ${one.differentPairsJoined}/${one.differentPairs}: ${parts.join(' ')}\n`);
      }
    });
  }
  const line = (name: string, s: ClusterDevScore) =>
    `${name}: ${s.groups} groups; mixed ${s.mixedBefore} → ${s.mixedAfter}; different-event pairs joined ${s.differentPairsJoined}/${s.differentPairs}; ` +
    `same-event pairs split ${s.samePairsSplit}/${s.samePairs}`;
  process.stdout.write(`${line('sample (in-sample)', scoreGrouping(sample, storyOf))}; stories ${story}\n`);
  if (fresh.groups.length > 0) process.stdout.write(`${line('fresh (check)', scoreGrouping(fresh, storyOf))}\n`);
  if (fresh2.groups.length > 0) process.stdout.write(`${line('fresh2 (second check)', scoreGrouping(fresh2, storyOf))}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'cluster-dev.js'))) await main();
