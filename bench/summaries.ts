/**
 * Summary benchmark on EASC's Wikipedia part (../shared/data/easc-wikipedia: 106 articles, five human extractive
 * summaries each). Every article goes through the product path: parsed by src/corpus (hard wraps re-joined), then
 * briefed alone by buildDigest with the term statistics of all 106 articles, as a one-article story. Baselines in
 * the same run, every system cut to the same number of words per article (Nashra's summary length):
 * - Lead: the article's first words; Lead-2 / Lead-3: its first two / three sentences (cut to the length);
 * - TextRank (Mihalcea & Tarau 2004): PageRank over sentences linked by shared normalized words;
 * - Oracle: greedy best sentences for ROUGE-2 against the references themselves, an upper bound.
 * Tuning half / held-out half: topics in numeric order, alternately (see eascHalf). The summarizer's choices were
 * made on the tuning half only; the held-out half is reported as it came out.
 *
 * Encyclopedic text is a development set: what matters is news, evaluated elsewhere on text we do not have.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../src/arabic/index.js';
import type { Article } from '../src/corpus/article.js';
import { parseArticle } from '../src/corpus/parse.js';
import { buildDigest } from '../src/digest/digest.js';
import type { SentenceScorer } from '../src/digest/summary.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import { type RougeScores, rougeAgainst, rougeN, rougeTokens } from './rouge.js';

export const EASC_DIR = path.resolve('../shared/data/easc-wikipedia');

export interface EascDocument {
  topic: number;
  article: Article;
  references: string[];
}

export function readEasc(dir = EASC_DIR): EascDocument[] {
  const docs: EascDocument[] = [];
  for (const folder of readdirSync(path.join(dir, 'Articles'))) {
    const topic = Number(folder.replace(/^Topic/, ''));
    const [file] = readdirSync(path.join(dir, 'Articles', folder));
    const raw = readFileSync(path.join(dir, 'Articles', folder, file), 'utf8');
    const refDir = path.join(dir, 'MTurk', folder);
    const references = readdirSync(refDir)
      .sort()
      .map((f) => readFileSync(path.join(refDir, f), 'utf8').replace(/^\uFEFF/, ''));
    docs.push({ topic, article: parseArticle(`easc-${topic}`, raw, '2010-02-01T00:00:00.000Z'), references });
  }
  return docs.sort((a, b) => a.topic - b.topic);
}

/** Topics in numeric order, alternately: 'tune' (1st, 3rd, …) and 'held-out' (2nd, 4th, …). */
export function eascHalf(docs: readonly EascDocument[], half: 'tune' | 'held-out'): EascDocument[] {
  return docs.filter((_, i) => (i % 2 === 0) === (half === 'tune'));
}

function articleSentences(article: Article): string[] {
  return article.paragraphs.flatMap((p) => splitSentences(p));
}

function cut(sentences: readonly string[], words: number): string[] {
  return rougeTokens(sentences.join(' ')).slice(0, words);
}

/** TextRank: sentence graph weighted by shared words over log lengths, PageRank with damping 0.85. */
export function textRank(sentences: readonly string[]): number[] {
  const sets = sentences.map((s) => new Set(rougeTokens(s)));
  const n = sentences.length;
  const w: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let shared = 0;
      for (const t of sets[i]) if (sets[j].has(t)) shared++;
      const denom = Math.log(sets[i].size + 1) + Math.log(sets[j].size + 1);
      w[i][j] = w[j][i] = denom > 0 ? shared / denom : 0;
    }
  }
  const out = w.map((row) => row.reduce((a, b) => a + b, 0));
  let score = new Array<number>(n).fill(1);
  for (let iter = 0; iter < 50; iter++) {
    score = score.map((_, i) => 0.15 + 0.85 * w.reduce((s, row, j) => s + (out[j] > 0 ? (row[i] * score[j]) / out[j] : 0), 0));
  }
  return score;
}

function byRankInOrder(sentences: readonly string[], scores: readonly number[], words: number): string[] {
  const order = sentences.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const chosen: number[] = [];
  let length = 0;
  for (const i of order) {
    if (length >= words) break;
    chosen.push(i);
    length += rougeTokens(sentences[i]).length;
  }
  return chosen.sort((a, b) => a - b).map((i) => sentences[i]);
}

function oracle(sentences: readonly string[], references: readonly (readonly string[])[], words: number): string[] {
  const chosen: number[] = [];
  let best = 0;
  for (;;) {
    let pick = -1;
    for (let i = 0; i < sentences.length; i++) {
      if (chosen.includes(i)) continue;
      const trial = cut([...chosen, i].sort((a, b) => a - b).map((k) => sentences[k]), words);
      const score = references.reduce((s, r) => s + rougeN(trial, r, 2), 0) / references.length;
      if (score > best + 1e-9) {
        best = score;
        pick = i;
      }
    }
    if (pick < 0) break;
    chosen.push(pick);
  }
  return chosen.sort((a, b) => a - b).map((k) => sentences[k]);
}

export const SYSTEMS = ['Nashra', 'Lead (words)', 'Lead-2', 'Lead-3', 'TextRank', 'Oracle'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface EascRun {
  /** Per system, per document (in `docs` order). */
  scores: Record<SystemName, RougeScores[]>;
  /** Nashra's summaries (the sentences as the digest prints them), per document. */
  summaries: string[][];
  words: number[];
}

export function runEasc(docs: readonly EascDocument[], all: readonly EascDocument[] = docs, summaryScorer?: SentenceScorer): EascRun {
  const termStatistics = termStatisticsOf(all.map((d) => d.article));
  const scores = Object.fromEntries(SYSTEMS.map((s) => [s, [] as RougeScores[]])) as Record<SystemName, RougeScores[]>;
  const summaries: string[][] = [];
  const words: number[] = [];
  for (const doc of docs) {
    const refs = doc.references.map(rougeTokens);
    const digest = buildDigest({ articles: [doc.article], termStatistics, quotesByArticle: new Map(), summaryScorer });
    const summary = digest.stories[0]?.summary ?? [];
    summaries.push(summary);
    const nashra = rougeTokens(summary.join(' '));
    const length = nashra.length;
    words.push(length);
    const sentences = articleSentences(doc.article);
    const outputs: Record<SystemName, string[]> = {
      Nashra: nashra,
      'Lead (words)': cut(sentences, length),
      'Lead-2': cut(sentences.slice(0, 2), length),
      'Lead-3': cut(sentences.slice(0, 3), length),
      TextRank: cut(byRankInOrder(sentences, textRank(sentences), length), length),
      Oracle: cut(oracle(sentences, refs, length), length),
    };
    for (const s of SYSTEMS) scores[s].push(rougeAgainst(outputs[s], refs));
  }
  return { scores, summaries, words };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
}

function table(run: EascRun): string[] {
  const rows = ['| system | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 |', '|---|---|---|---|'];
  for (const s of SYSTEMS) {
    const sc = run.scores[s];
    rows.push(`| ${s} | ${mean(sc.map((x) => x.r1)).toFixed(3)} | ${mean(sc.map((x) => x.r2)).toFixed(3)} | ${mean(sc.map((x) => x.rl)).toFixed(3)} |`);
  }
  return rows;
}

export async function runSummariesBench(): Promise<string> {
  const out = ['## summaries', ''];
  if (!existsSync(path.join(EASC_DIR, 'Articles'))) {
    out.push(`Skipped: ${EASC_DIR} not found.`);
    return out.join('\n');
  }
  const docs = readEasc();
  out.push(
    `EASC Wikipedia part: ${docs.length} articles, five human extractive summaries each. Each article is briefed`,
    'alone through buildDigest (parsed by src/corpus, term statistics of all the articles); every system is cut to',
    "the number of words of Nashra's summary for that article. ROUGE F1 after Arabic normalization, no stemming,",
    'averaged over the five references, then over articles. Oracle = greedy best sentences for ROUGE-2 against the',
    'references (an upper bound). Halves: topics in numeric order, alternately; choices were tuned on the first.',
    'Encyclopedic text, not news: a development set only.',
    '',
  );
  for (const half of ['tune', 'held-out'] as const) {
    const part = eascHalf(docs, half);
    const run = runEasc(part, docs);
    const lead = mean(run.scores['Lead (words)'].map((x) => x.r2));
    const ours = mean(run.scores.Nashra.map((x) => x.r2));
    out.push(
      `### ${half === 'tune' ? 'Tuning half' : 'Held-out half (untouched)'}: ${part.length} articles, summaries of ${mean(run.words).toFixed(0)} words on average`,
      '',
      ...table(run),
      '',
      `ROUGE-2 F1, Nashra against the lead at the same length: ${(((ours - lead) / lead) * 100).toFixed(1)} % (target on news: +10 %).`,
      '',
    );
  }
  return out.join('\n');
}
