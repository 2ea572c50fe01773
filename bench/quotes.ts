/**
 * Quotation extraction at volume over SaudiNewsNet (31,030 Saudi newspaper articles, July–August 2015):
 * throughput, how many quotations, the share with a named speaker, and a precision estimate from a hand-checked
 * random sample. Run alone: `npm run bench -- quotes`.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { cleanText } from '../src/arabic/index.js';
import type { Article } from '../src/corpus/article.js';
import { extractQuotes } from '../src/quotes/extract.js';
import type { Quote } from '../src/quotes/quote.js';

const DATA = path.resolve('../shared/data/saudinewsnet/saudinewsnet.jsonl.gz');
/** Stay well inside the 2-minute budget on a shared 2-core machine. */
const TIME_BUDGET_MS = 90_000;
const SAMPLE_SIZE = 30;
const SAMPLE_SEED = 20261122;

/**
 * Hand check of the sample printed below (seed 20261122, extractor as of 2026-11-22: 23,364 quotations), done
 * by reading each quotation in its article. A quotation counts as correct when its text is a real quoted
 * statement (not a title, name or scare-quoted term, not cut in the middle or running into narration) AND its
 * speaker is right: the named person the article attributes it to, or null where the article names no person
 * (an institution, a group, «مصدر عسكري»). Roles were not graded.
 * Result: 18/30 fully correct. Text alone 28/30 (the two misses are quoted documents — a law article after
 * «نصت», a reform list after «أبرز بنودها» — not speech). Speaker misses: 5 left null although a person is named
 * (verbs we do not list: رحب، غرّد، انتقد; subject before the verb, «وكان مروان دماج … قد أكد»; a name behind
 * a quoted party name, «رئيس حزب «القوات اللبنانية» الدكتور سمير جعجع»); 5 wrong (a junk word kept in the
 * name, «بعدن عبدالله صبيحي»; «أحد المقاتلين» taken as a name; a bare «وقال» given to the previous speaker when
 * the subject was an unrecognised «المثمن العقاري عبدالله الأحمري»; a quote of Morsi reported by his lawyer).
 * Re-check when the extractor changes: the sample is drawn from its output, so it changes too.
 */
const HAND_CHECK = { checked: 30, correct: 18, textCorrect: 28, note: 'checked by reading on 2026-11-22' };

interface SaudiNewsRecord {
  source?: string;
  url?: string;
  date_extracted?: string;
  title?: string;
  content?: string;
}

function toArticle(record: SaudiNewsRecord, n: number): Article | null {
  const paragraphs = cleanText(record.content ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return null;
  return {
    id: `snn-${n}`,
    title: cleanText(record.title ?? ''),
    date: record.date_extracted?.slice(0, 10) ?? null,
    source: record.source ?? null,
    url: record.url ?? null,
    paragraphs,
    addedAt: new Date(0).toISOString(),
  };
}

/** Small deterministic PRNG so the hand-checked sample can be drawn again. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleQuotes(quotes: Quote[], size = SAMPLE_SIZE, seed = SAMPLE_SEED): Quote[] {
  const random = mulberry32(seed);
  const pool = [...quotes];
  const sample: Quote[] = [];
  while (sample.length < size && pool.length > 0) {
    sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  }
  return sample;
}

const cell = (s: string | null, max: number) =>
  s === null ? '—' : (s.length > max ? `${s.slice(0, max)}…` : s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export async function runQuotesBench(): Promise<string> {
  if (!existsSync(DATA)) return `## Quotations\n\nSkipped: ${DATA} not found.`;
  const lines = createInterface({ input: createReadStream(DATA).pipe(createGunzip()), crlfDelay: Infinity });
  const quotes: Quote[] = [];
  let articles = 0;
  let extractMs = 0;
  let stoppedEarly = false;
  const started = Date.now();
  for await (const line of lines) {
    if (!line.trim()) continue;
    const article = toArticle(JSON.parse(line) as SaudiNewsRecord, articles);
    if (!article) continue;
    const t0 = performance.now();
    quotes.push(...extractQuotes(article));
    extractMs += performance.now() - t0;
    articles++;
    if (Date.now() - started > TIME_BUDGET_MS) {
      stoppedEarly = true;
      lines.close();
      break;
    }
  }
  const named = quotes.filter((q) => q.speaker !== null).length;
  const withRole = quotes.filter((q) => q.speakerRole !== null).length;
  const sample = sampleQuotes(quotes);
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');
  const rows = sample.map(
    (q, i) => `| ${i + 1} | ${q.articleId} | ${cell(q.text, 90)} | ${cell(q.speaker, 30)} | ${cell(q.speakerRole, 30)} |`,
  );
  return [
    '## Quotations (SaudiNewsNet)',
    '',
    `Articles: ${articles.toLocaleString('en')} with content${stoppedEarly ? ` (stopped at the ${TIME_BUDGET_MS / 1000} s budget)` : ''}.`,
    `Extraction alone: ${(extractMs / 1000).toFixed(1)} s, ${Math.round(articles / (extractMs / 1000)).toLocaleString('en')} articles/s` +
      ` (wall time with gunzip and JSON parsing: ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    '',
    '| quotations | per 100 articles | with a named speaker | with a role or group |',
    '| --- | --- | --- | --- |',
    `| ${quotes.length.toLocaleString('en')} | ${((100 * quotes.length) / Math.max(1, articles)).toFixed(1)} | ${pct(named, quotes.length)} | ${pct(withRole, quotes.length)} |`,
    '',
    `Precision, hand-checked on a random sample of ${HAND_CHECK.checked} (seed ${SAMPLE_SEED}): ` +
      `${HAND_CHECK.correct}/${HAND_CHECK.checked} correct for text and speaker, ${HAND_CHECK.textCorrect}/${HAND_CHECK.checked} ` +
      `for the text alone (${HAND_CHECK.note}; the error analysis is in bench/quotes.ts). The sample below is drawn ` +
      'from the current output: after a change to the extractor it differs and must be checked again.',
    '',
    ...(showSaudiNewsNetText()
      ? ['| # | article | quotation | speaker | role |', '| --- | --- | --- | --- | --- |', ...rows]
      : [SAMPLES_WITHHELD]),
  ].join('\n');
}

/**
 * SaudiNewsNet is CC BY-NC-SA and may not be redistributed inside the project, so the text of the sample stays out
 * of docs/benchmarks.md; `NASHRA_BENCH_SAMPLES=1 npm run bench -- quotes` prints it for the hand check.
 */
export function showSaudiNewsNetText(): boolean {
  return process.env.NASHRA_BENCH_SAMPLES === '1';
}

export const SAMPLES_WITHHELD =
  '_SaudiNewsNet text is not reproduced here (CC BY-NC-SA, not redistributed with the project); run with ' +
  '`NASHRA_BENCH_SAMPLES=1` to print the sample._';
