/**
 * Digest benchmark on SaudiNewsNet: one extraction day (~1,300–3,200 articles from up to 14 Saudi outlets) is
 * one daily briefing, with term statistics of the whole corpus. Reports the grouping's shape (stories,
 * multi-article stories, largest story), the time to build the digest, counts on the multi-article summaries,
 * and the top stories, so a reader can judge the grouping by eye.
 */
import { SAMPLES_WITHHELD, showSaudiNewsNetText } from './quotes.js';
import { existsSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { analyze, cleanText } from '../src/arabic/index.js';
import { needsPreviousSentence } from '../src/arabic/discourse.js';
import type { Article } from '../src/corpus/article.js';
import { buildDigest } from '../src/digest/digest.js';
import { isNearDuplicate } from '../src/digest/summary.js';
import type { Story } from '../src/digest/types.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import { type FormulaStatistics, formulaSketchOf } from '../src/digest/formulas.js';
import { analyzeArticle } from '../src/digest/vectors.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { MAX_STORIES_LIMIT } from '../src/schedule/rules.js';
import type { Quote } from '../src/quotes/quote.js';

/** Relative to the project root (where `npm run bench` and vitest run). */
export const SAUDINEWSNET_FILE = path.resolve('../shared/data/saudinewsnet/saudinewsnet.jsonl.gz');

interface SaudiNewsNetRecord {
  source: string;
  url: string;
  date_extracted: string;
  title: string;
  author: string;
  content: string;
}

export interface SaudiNewsNetSlice {
  /** Keep only records extracted on this day (YYYY-MM-DD); the file is ordered by extraction day. */
  day?: string;
  /** Stop after this many lines of the file. */
  maxLines?: number;
}

/**
 * SaudiNewsNet records as Articles: the outlet is the source, the extraction time is addedAt (what a bot would
 * have seen), the content's lines are the paragraphs. Records without content are skipped.
 */
export async function readSaudiNewsNet(slice: SaudiNewsNetSlice, file = SAUDINEWSNET_FILE): Promise<Article[]> {
  const stream = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const articles: Article[] = [];
  let lineNo = 0;
  let inDay = false;
  try {
    for await (const line of lines) {
      lineNo++;
      if (slice.maxLines !== undefined && lineNo > slice.maxLines) break;
      const record = JSON.parse(line) as SaudiNewsNetRecord;
      const day = record.date_extracted.slice(0, 10);
      if (slice.day !== undefined && day !== slice.day) {
        if (inDay) break; // past the requested day
        continue;
      }
      inDay = true;
      const paragraphs = decodeEntities(cleanText(record.content))
        .split(/\n+/)
        .map((p) => p.trim())
        .filter(Boolean);
      if (paragraphs.length === 0) continue;
      articles.push({
        id: `snn-${lineNo}`,
        title: decodeEntities(cleanText(record.title)).replace(/\s+/g, ' ').trim(), // some titles carry runs of tabs
        date: day,
        source: record.source,
        url: record.url,
        paragraphs,
        addedAt: new Date(`${record.date_extracted.replace(' ', 'T')}Z`).toISOString(),
      });
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return articles;
}

/** Some outlets' records keep HTML entities (&#39;سول&#39;، &#8220;موجة حر&#8221;). */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, code: string) => {
    if (code[0] !== '#') return named[code.toLowerCase()] ?? m;
    const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

export function quotesByArticle(articles: readonly Article[]): Map<string, Quote[]> {
  return new Map(articles.map((a) => [a.id, extractQuotes(a)]));
}

const BENCH_DAYS = ['2015-07-22', '2015-08-10'];
/** Target for `/digest now` over a day of ~2,000 articles. */
const BUILD_TARGET_MS = 1000;
const BUILD_RUNS = 3;
/** The most stories a briefing lists. */
const BRIEFING_STORIES = MAX_STORIES_LIMIT;

export async function runDigestBench(): Promise<string> {
  const out = ['## digest', ''];
  if (!existsSync(SAUDINEWSNET_FILE)) {
    out.push(`Skipped: ${SAUDINEWSNET_FILE} not found.`);
    return out.join('\n');
  }
  let started = performance.now();
  // Word rarity comes from the whole corpus, as the engine's search index gives it (never from the day alone).
  const corpus = await readSaudiNewsNet({});
  const termStatistics = termStatisticsOf(corpus);
  const statsMs = performance.now() - started;
  // The outlets' formulas (src/digest/formulas.ts), counted over the corpus in the order it was added.
  started = performance.now();
  const formulas = formulaSketchOf(corpus.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || (a.id < b.id ? -1 : 1)).map(analyzeArticle));
  const formulaMs = performance.now() - started;
  corpus.length = 0; // the articles themselves are not kept
  out.push(
    'One SaudiNewsNet extraction day = one daily briefing. Stories are same-event groups: average link over the',
    'cosine of TF-IDF vectors of all of an article\'s terms (title and lead counted twice, doubly sublinear TF, IDF',
    `over the whole corpus: ${termStatistics.documentCount} articles, statistics built once in ${(statsMs / 1000).toFixed(1)} s, as the search index holds`,
    'them; src/digest/cluster.ts, vectors.ts). "Build digest" is `buildDigest` alone (analysis, grouping, titles,',
    'summaries, quotation choice) of every story, on Article objects it has not seen before, the median of',
    `${BUILD_RUNS} runs; target ≤ ${BUILD_TARGET_MS / 1000} s. Quotation extraction (src/quotes) runs first and is timed separately.`,
    'Wall-clock on a shared 2-core machine (other jobs running: compare within a run, not across runs).',
    `Outlets' formulas (src/digest/formulas.ts) counted over the same corpus once, ${(formulaMs / 1000).toFixed(1)} s with its analysis (${formulas.reports} reports, ${formulas.copies} copies).`,
    '',
    '| day | articles | outlets | stories | multi-article stories | articles in them | largest story | quotes extraction | build digest | as a briefing makes it (25 stories) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  const tops: string[] = [];
  const comparison: string[] = ['', "Formulas on and off, interleaved in this process (buildDigest, CPU time, median of 5; stories as the table, the summary row without them):", ''];
  const quality: string[] = [
    '',
    'Summaries of the multi-article stories, counted (the text itself is not reproduced):',
    '',
    '| day | multi-article stories | sentences (mean) | words (mean) | drawing on 2+ articles | opening on a dependent sentence | near-duplicate pairs | title ≠ most central headline | date made explicit |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const day of BENCH_DAYS) {
    const articles = await readSaudiNewsNet({ day });
    started = performance.now();
    const quotes = quotesByArticle(articles);
    const quoteMs = performance.now() - started;
    // Median of BUILD_RUNS builds on new objects each time, as a store hands them: no analysis reused.
    const timedBuilds = (maxStories?: number) => {
      const times: number[] = [];
      let built!: ReturnType<typeof buildDigest>;
      for (let run = 0; run < BUILD_RUNS; run++) {
        const fresh = articles.map((a) => ({ ...a }));
        const t0 = performance.now();
        built = buildDigest({ articles: fresh, termStatistics, formulaStatistics: formulas, quotesByArticle: quotes, now: new Date(`${day}T23:59:59Z`), maxStories });
        times.push(performance.now() - t0);
      }
      return { digest: built, ms: times.sort((x, y) => x - y)[Math.floor(BUILD_RUNS / 2)] };
    };
    const { digest, ms: buildMs } = timedBuilds();
    // A briefing lists at most 25 stories and the engine makes only those (titles, summaries, quotations).
    const briefingMs = timedBuilds(BRIEFING_STORIES).ms;
    const multi = digest.stories.filter((s) => s.articleIds.length > 1);
    const outlets = new Set(articles.map((a) => a.source)).size;
    const largest = Math.max(...digest.stories.map((s) => s.articleIds.length));
    out.push(
      `| ${day} | ${articles.length} | ${outlets} | ${digest.stories.length} | ${multi.length} | ` +
        `${multi.reduce((n, s) => n + s.articleIds.length, 0)} | ${largest} | ${(quoteMs / 1000).toFixed(2)} s | ${(buildMs / 1000).toFixed(2)} s | ${(briefingMs / 1000).toFixed(2)} s |`,
    );
    quality.push(summaryQualityRow(day, multi, articles));
    comparison.push(formulaComparison(day, articles, termStatistics, formulas, quotes));
    tops.push('', `Top 5 stories, ${day}:`, '');
    digest.stories.slice(0, 5).forEach((s, i) => {
      const title = showSaudiNewsNetText() ? `${s.title.replace(/\|/g, '/')} — ` : '';
      tops.push(`${i + 1}. ${title}${s.sourceCount} outlets, ${s.articleIds.length} articles`);
      if (showSaudiNewsNetText()) for (const sentence of s.summary) tops.push(`   - ${sentence}`);
    });
  }
  if (!showSaudiNewsNetText()) tops.push('', SAMPLES_WITHHELD);
  out.push(...quality, ...comparison, ...tops);
  return out.join('\n');
}

/** buildDigest with and without the formula statistics, alternately, on new objects each time: CPU ms, median of 5. */
function formulaComparison(
  day: string,
  articles: readonly Article[],
  termStatistics: ReturnType<typeof termStatisticsOf>,
  formulas: FormulaStatistics,
  quotes: Map<string, Quote[]>,
): string {
  const runs = 5;
  const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
  let off!: ReturnType<typeof buildDigest>;
  for (let run = 0; run < runs; run++) {
    for (const mode of ['off', 'on'] as const) {
      const fresh = articles.map((a) => ({ ...a }));
      const t0 = process.cpuUsage();
      const built = buildDigest({ articles: fresh, termStatistics, formulaStatistics: mode === 'on' ? formulas : undefined, quotesByArticle: quotes, now: new Date(`${day}T23:59:59Z`) });
      const t = process.cpuUsage(t0);
      times[mode].push((t.user + t.system) / 1000);
      if (mode === 'off') off = built;
    }
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const multi = off.stories.filter((s) => s.articleIds.length > 1);
  return `- ${day}: off ${median(times.off).toFixed(0)} ms, on ${median(times.on).toFixed(0)} ms; without formulas ${off.stories.length} stories, ${multi.length} multi-article; summaries ${summaryQualityRow(day, multi, articles)}`;
}

/** Counts that say whether multi-article summaries do what issue 12 asks, without printing their text. */
function summaryQualityRow(day: string, multi: readonly Story[], articles: readonly Article[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  let sentences = 0;
  let words = 0;
  let spread = 0;
  let dependent = 0;
  let duplicates = 0;
  let retitled = 0;
  let dated = 0;
  for (const story of multi) {
    sentences += story.summary.length;
    words += story.summary.reduce((n, x) => n + x.split(/\s+/).length, 0);
    const sources = new Set(
      story.summary.map((x) => story.articleIds.find((id) => byId.get(id)!.paragraphs.some((p) => p.includes(x.slice(0, 40))))),
    );
    if (sources.size >= 2) spread++;
    if (story.summary.length && needsPreviousSentence(story.summary[0])) dependent++;
    const sets = story.summary.map((x) => new Set(analyze(x)));
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) if (isNearDuplicate(sets[i], sets[j])) duplicates++;
    if (story.title !== byId.get(story.articleIds[0])!.title) retitled++;
    // A sentence that is not verbatim in its article had a relative date made explicit (a sentence ended at a
    // clause, trimAtClause, is its article's words up to the full stop it was given).
    const verbatim = (x: string) => story.articleIds.some((id) => byId.get(id)!.paragraphs.some((p) => p.includes(x) || p.includes(x.replace(/\.$/u, ''))));
    if (story.summary.some((x) => !verbatim(x))) dated++;
  }
  const n = multi.length || 1;
  const pct = (k: number) => `${k} (${((100 * k) / n).toFixed(0)} %)`;
  return `| ${day} | ${multi.length} | ${(sentences / n).toFixed(2)} | ${(words / n).toFixed(0)} | ${pct(spread)} | ${dependent} | ${duplicates} | ${pct(retitled)} | ${pct(dated)} |`;
}
