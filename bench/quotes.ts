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
const SAMPLE_SEED = 20261125;

/**
 * Hand check of the sample printed below (seed 20261125, extractor as of 2026-11-22 14:08: 23,440 quotations), done
 * by reading each quotation in its article. A quotation counts as correct when its text is a real quoted
 * statement (not a title, name or scare-quoted term, not cut in the middle or running into narration) AND its
 * speaker is right: the named person the article attributes it to (surname only is fine), or null where the
 * article names no person (an institution, a group, «مصدر عسكري»). Roles were not graded. Graded strictly: a junk
 * word in the name («البرتغالي جوزيه مورينيو») or one of two joint speakers counts as wrong.
 * Result: 15/30 fully correct, text alone 27/30.
 *   Text misses: a quoted noun phrase («مسؤولا كبيرا في الاستخبارات»), a fake magazine headline, a span cut by
 *   nested "…" marks. Speaker misses (12): nationality/role words kept in the name (البرتغالي جوزيه مورينيو ×2,
 *   أندرياس لوتش كبير المشرفين, وسام حمدان جدارة الأخضر); organisations taken for people (سامسونج) or left out
 *   so a bare «وأضافت» went to the previous person (البطريركية اللاتينية); a description as a name (ناشط إعلامي);
 *   null although named (name after «، النائبة» apposition; «لكن ديريك شكك» then bare «وقال»; «ثم يتوجه "نسيب"»;
 *   a book's author with no verb); the Prophet quoted with «يقول الرسول»; a headline attributed to the last person.
 * History, so the figures can be compared (n = 30 each, so ±9 points of sampling error):
 *   - before this round (seed 20261122, older extractor): 18/30, text 28/30 — misses were unlisted verbs (رحب،
 *     غرّد، انتقد), the subject before the verb («وكان مروان دماج … قد أكد»), a quoted party name inside a role,
 *     «بعدن عبدالله صبيحي», «أحد المقاتلين» as a name, an unknown role noun («المثمن العقاري») and quoted documents.
 *   - the same seed-20261122 sample after fixing those classes: 24/30, text 28/30 — tuned on that sample, so biased.
 *   - fresh samples after the fixes: seed 20261123 19/30 (text 30/30); seed 20261124 13/30 (text 28/30), whose
 *     misses («باسم» as a name, «ويضيف آخر», «لكن/أما X قال», «يدعى X», «لرويترز» in a name) led to the last
 *     round of fixes; seed 20261125 (this one) 15/30.
 *   Read together: the speaker rules fix the classes they target (tests in tests/quotes.test.ts, «speakers on
 *   SaudiNewsNet sentences»), but a fresh sample keeps finding other classes, and measured full precision stays
 *   around 50–63 % — no clear gain over the 60 % before, within sampling error. The named-speaker share rose from
 *   58.4 % to 62.0 % of quotations.
 * Re-check when the extractor changes: the sample is drawn from its output, so it changes too.
 */
const HAND_CHECK = { checked: 30, correct: 15, textCorrect: 27, note: 'checked by reading on 2026-11-22' };

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
      `for the text alone (${HAND_CHECK.note}; the error analysis is in bench/quotes.ts). The sample (printed with NASHRA_BENCH_SAMPLES=1) is drawn ` +
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
