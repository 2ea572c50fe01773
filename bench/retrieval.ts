/**
 * Retrieval quality on ARCD (Arabic Reading Comprehension Dataset, SQuAD format): every paragraph is a document
 * titled with its article's title, every question a query whose one relevant document is its paragraph.
 * Reports MRR@10 and Recall@1/5/10 for Nashra's ArticleIndex (the exact code path of `nashra search`) and, in the
 * same run, for MiniSearch with its default options.
 *
 * Run alone: npm run build && node dist/bench/retrieval.js [path/to/arcd.json]
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import type { Article } from '../src/corpus/article.js';
import { ArticleIndex, textsOf } from '../src/search/article-index.js';

export interface RetrievalQuery {
  text: string;
  relevantId: string;
}

export interface RetrievalFigures {
  mrrAt10: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
}

interface SquadFile {
  data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
}

/** The project root (the folder holding package.json), from bench/ in the sources or dist/bench/ when built. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const DEFAULT_ARCD_FILE = '../shared/data/arcd/arcd-train.json';

export async function loadArcd(file: string): Promise<{ articles: Article[]; queries: RetrievalQuery[] }> {
  const squad = JSON.parse(await readFile(file, 'utf8')) as SquadFile;
  const articles: Article[] = [];
  const queries: RetrievalQuery[] = [];
  for (const entry of squad.data) {
    for (const p of entry.paragraphs) {
      const id = `p${articles.length}`;
      articles.push({ id, title: entry.title, date: null, source: null, url: null, paragraphs: [p.context], addedAt: '1970-01-01T00:00:00.000Z' });
      for (const qa of p.qas) queries.push({ text: qa.question, relevantId: id });
    }
  }
  return { articles, queries };
}

/** MRR@10 and Recall@k for a ranking function that returns document ids best first. */
export function evaluateRanking(queries: readonly RetrievalQuery[], rank: (query: string) => string[]): RetrievalFigures {
  let reciprocal = 0;
  const hits = { 1: 0, 5: 0, 10: 0 };
  for (const q of queries) {
    const position = rank(q.text).slice(0, 10).indexOf(q.relevantId);
    if (position < 0) continue;
    reciprocal += 1 / (position + 1);
    if (position < 1) hits[1]++;
    if (position < 5) hits[5]++;
    hits[10]++;
  }
  const n = queries.length || 1;
  return { mrrAt10: reciprocal / n, recallAt1: hits[1] / n, recallAt5: hits[5] / n, recallAt10: hits[10] / n };
}

/**
 * The benchmark split into two halves by ARTICLE (alternate titles), each half indexed and queried on its own. A
 * ranking change is kept only if it helps on both halves: with 693 questions one query is worth 0.0014 MRR@10,
 * so a gain on one half only is noise or overfitting to these articles.
 */
export function articleHalves(articles: readonly Article[], queries: readonly RetrievalQuery[]) {
  const titles = [...new Set(articles.map((a) => a.title))];
  return [0, 1].map((half) => {
    const keep = new Set(titles.filter((_, i) => i % 2 === half));
    const docs = articles.filter((a) => keep.has(a.title));
    const ids = new Set(docs.map((a) => a.id));
    return { articles: docs, queries: queries.filter((q) => ids.has(q.relevantId)) };
  });
}

function measure(articles: readonly Article[], queries: readonly RetrievalQuery[]) {
  const nashraIndex = ArticleIndex.build(articles, textsOf(articles));
  const nashra = evaluateRanking(queries, (q) => nashraIndex.search(q, { limit: 10 }).results.map((r) => r.id));
  const plain = new MiniSearch<{ id: string; title: string; body: string }>({ fields: ['title', 'body'] });
  plain.addAll(articles.map((a) => ({ id: a.id, title: a.title, body: a.paragraphs.join('\n') })));
  const defaults = evaluateRanking(queries, (q) => plain.search(q).map((r) => String(r.id)));
  return { nashra, defaults };
}

export async function runRetrievalBench(file = process.env.NASHRA_ARCD_FILE ?? path.resolve(projectRoot(), DEFAULT_ARCD_FILE)): Promise<string> {
  const started = performance.now();
  const { articles, queries } = await loadArcd(file);
  const all = measure(articles, queries);
  const halves = articleHalves(articles, queries).map((h) => ({ ...h, ...measure(h.articles, h.queries) }));

  const seconds = (performance.now() - started) / 1000;
  const row = (name: string, f: RetrievalFigures) =>
    `| ${name} | ${f.mrrAt10.toFixed(3)} | ${f.recallAt1.toFixed(3)} | ${f.recallAt5.toFixed(3)} | ${f.recallAt10.toFixed(3)} |`;
  return [
    '## Retrieval quality (ARCD)',
    '',
    `Dataset: \`${path.relative(projectRoot(), file)}\`: ${articles.length} paragraphs (documents) from ` +
      `${new Set(articles.map((a) => a.title)).size} articles, ${queries.length} questions (queries), one relevant ` +
      'paragraph per question.',
    '',
    '| System | MRR@10 | Recall@1 | Recall@5 | Recall@10 |',
    '| --- | --- | --- | --- | --- |',
    row('Nashra (ArticleIndex: Arabic analyzer, tuned BM25, 4-gram rerank)', all.nashra),
    row('MiniSearch default options', all.defaults),
    ...halves.flatMap((h, i) => [
      row(`Nashra, article half ${i + 1} only (${h.articles.length} paragraphs, ${h.queries.length} questions)`, h.nashra),
      row(`MiniSearch defaults, article half ${i + 1} only`, h.defaults),
    ]),
    '',
    'The halves split the articles alternately; each is indexed and queried as a collection of its own. A tuning ' +
      'change was kept only if it did not lose on either half.',
    '',
    `Target: MRR@10 ≥ 0.88. Reference points measured on this split: MiniSearch defaults 0.69, Lucene ArabicAnalyzer ` +
      `+ BM25 0.81. Time taken: ${seconds.toFixed(1)} s.`,
    '',
    all.nashra.mrrAt10 >= 0.88
      ? 'The target is met.'
      : `**The target is not met** (${all.nashra.mrrAt10.toFixed(3)} < 0.88). Where the gap is (analysis of 2026-11-22): ` +
        'most questions not answered first have the right article but the wrong paragraph; 70 of the 231 paragraphs ' +
        'open with 150 characters repeated in another paragraph (near-duplicates, costing about 0.03 on their own), ' +
        'and many misses are paraphrases with no shared stem or 4-gram (تزوجت/زواج, يحدها/حدود). Measured and ' +
        'rejected because they did not gain on both halves: RM3 feedback, proximity bonus, ISRI root field, Snowball ' +
        'stemmer, stemmed+unstemmed indexing, bigrams. What would close it: a semantic reranker over the top 20 ' +
        '(a small multilingual embedding model shipped as a package; none is installable here without a model hub).',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  process.stdout.write(await runRetrievalBench(file));
}
