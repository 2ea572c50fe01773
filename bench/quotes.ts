/**
 * Quotation extraction at volume over SaudiNewsNet (31,030 Saudi newspaper articles, July–August 2015):
 * throughput, how many quotations, the share with a named speaker, and a precision estimate from a hand-checked
 * random sample. Run alone: `npm run bench -- quotes`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { cleanText, normalizeArabic } from '../src/arabic/index.js';
import type { Article } from '../src/corpus/article.js';
import { extractLocatedQuotes, extractQuotes, type LocatedQuote } from '../src/quotes/extract.js';
import { HONORIFICS } from '../src/quotes/lexicon.js';
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
  let slowestMs = 0;
  let slowestId = '';
  let stoppedEarly = false;
  const started = Date.now();
  for await (const line of lines) {
    if (!line.trim()) continue;
    const article = toArticle(JSON.parse(line) as SaudiNewsRecord, articles);
    if (!article) continue;
    const t0 = performance.now();
    quotes.push(...extractQuotes(article));
    const ms = performance.now() - t0;
    extractMs += ms;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestId = article.id;
    }
    articles++;
    if (Date.now() - started > TIME_BUDGET_MS) {
      stoppedEarly = true;
      lines.close();
      break;
    }
  }
  const dev = await scoreDevSet();
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
      ` (wall time with gunzip and JSON parsing: ${((Date.now() - started) / 1000).toFixed(1)} s).` +
      ` Slowest single article: ${slowestMs.toFixed(1)} ms (${slowestId}; budget 50 ms).`,
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
    '',
    ...(dev ? dev.lines : [`_Development set skipped: ${DEV_SET} or the corpus not found._`]),
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

// ---------------------------------------------------------------------------------------------------------------
// Development set (issue 9): hand-annotated quotations in SaudiNewsNet, scored for recall, precision and speaker.
// ---------------------------------------------------------------------------------------------------------------

export const DEV_SET = path.resolve('bench/data/quotes-dev.json');

export type SpeakerKind = 'person' | 'organisation' | 'unnamed';

export interface GoldQuote {
  paragraph: number;
  start: number;
  end: number;
  speakerKind: SpeakerKind;
  speaker: string | null;
  speakerRole?: string;
  alsoAccepted?: string[];
}

/**
 * The development set's splits, in the order the tables list them. tune is the first tune half; tune2–tune4 were
 * added in rounds 4, 5 and 7 (each scored once before any rule was changed for it, then tuned on); tune5 after
 * round 8; tune6–tune11 in rounds 11–13, 17, 18 and 20, tune12 after round 20, tune13–tune15 in rounds 21–22, each scored once unseen and then tuned on (tune16, added last, not
 * yet tuned on); heldout is never read to
 * tune. A new split is one line here.
 */
export const DEV_SPLITS = [
  { key: 'tune', title: 'Tune half' },
  { key: 'tune2', title: 'Tune, second set (tune2, added in round 4)' },
  { key: 'tune3', title: 'Tune, third set (tune3, added in round 5: the outlets weakest on the held-out half)' },
  { key: 'tune4', title: 'Tune, fourth set (tune4, added in round 7: straight-quote wire and economic copy, organisations and unnamed sources)' },
  { key: 'tune5', title: 'Tune, fifth set (tune5, added after round 8: a seeded draw of quoted articles from 13 outlets; tuned on in round 10)' },
  { key: 'tune6', title: 'Tune, sixth set (tune6, added in round 11: the first quoted articles by id of 12 outlets; both right 0.594 before it, tuned on in round 11)' },
  { key: 'tune7', title: 'Tune, seventh set (tune7, added in round 12: the next quoted articles by id of 12 outlets; both right 0.571 before it, tuned on in round 12)' },
  { key: 'tune8', title: 'Tune, eighth set (tune8, added in round 13: the first quoted articles by id of 12 outlets, at most 8 quotations each; both right 0.444 before it, tuned on in round 13)' },
  { key: 'tune9', title: 'Tune, ninth set (tune9, added in round 17: the next quoted articles by id of 12 outlets, at most 8 quotations each; both right 0.597 before it, tuned on in round 17)' },
  { key: 'tune10', title: 'Tune, tenth set (tune10, added in round 18: the next quoted articles by id of 11 outlets; both right 0.800 before it, tuned on in round 18)' },
  { key: 'tune11', title: 'Tune, eleventh set (tune11, added in round 20: the next quoted articles by id of 11 outlets; both right 0.864 before it, tuned on in round 20)' },
  { key: 'tune12', title: 'Tune, twelfth set (tune12, added after round 20: the next quoted articles by id of 11 outlets; both right 0.514 before it, one fix from it in quotes-22, tuned on in round 21)' },
  { key: 'tune13', title: 'Tune, thirteenth set (tune13, added in round 21: the next quoted articles by id of 11 outlets; both right 0.722 before it, tuned on in round 21)' },
  { key: 'tune14', title: 'Tune, fourteenth set (tune14, added in round 21 after quotes-24: the next quoted articles by id of 11 outlets; both right 0.771 before it, tuned on in round 21)' },
  { key: 'tune15', title: 'Tune, fifteenth set (tune15, added in round 21 after quotes-25: the next quoted articles by id of 11 outlets; both right 0.680 unseen, tuned on in round 22)' },
  { key: 'tune16', title: 'Tune, sixteenth set (tune16, added in round 22: the next quoted articles by id of 11 outlets; both right 0.740 unseen under quotes-25, not tuned on yet)' },
  { key: 'heldout', title: 'Held-out half' },
] as const;
export type DevSplit = (typeof DEV_SPLITS)[number]['key'];

export interface DevArticle {
  id: string;
  source: string;
  /** One of DEV_SPLITS (which says where each came from); heldout is never read to tune. */
  split: DevSplit;
  textSha1: string;
  quotes: GoldQuote[];
}

/** A prediction as the scorer sees it: the located quotation and, once the extractor gives one, its kind. */
type Predicted = LocatedQuote & { speakerKind?: SpeakerKind };

/** The product's article id for a SaudiNewsNet record (bench/scale.ts) and the cleaned paragraphs (toArticle). */
function devArticleId(record: SaudiNewsRecord, n: number): string {
  return record.url ? `snn-${createHash('sha1').update(record.url).digest('hex').slice(0, 12)}` : `snn-${n}`;
}

export async function loadDevArticles(wanted: ReadonlySet<string>): Promise<Map<string, Article>> {
  const found = new Map<string, Article>();
  const lines = createInterface({ input: createReadStream(DATA).pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as SaudiNewsRecord;
    const id = devArticleId(record, n++);
    if (!wanted.has(id) || found.has(id)) continue;
    const article = toArticle(record, 0);
    if (article) found.set(id, { ...article, id });
    if (found.size === wanted.size) {
      lines.close();
      break;
    }
  }
  return found;
}

/**
 * A predicted quotation matches a gold one when they are in the same paragraph and each covers at least half of
 * the other (overlap ≥ 50 % of the gold span and ≥ 50 % of the predicted span): a quotation cut at a nested name,
 * or run on into the narration, does not count as found; one that differs by a mark, a comma or a trailing word
 * does. Pairs are matched one to one, largest overlap first.
 */
export const MIN_SPAN_COVER = 0.5;

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function matchQuotes(gold: GoldQuote[], predicted: Predicted[]): Array<[number, number]> {
  const pairs: Array<[number, number, number]> = [];
  gold.forEach((g, i) =>
    predicted.forEach((p, j) => {
      if (p.paragraph !== g.paragraph) return;
      const o = overlap(g, p);
      if (o >= MIN_SPAN_COVER * (g.end - g.start) && o >= MIN_SPAN_COVER * (p.end - p.start)) pairs.push([i, j, o]);
    }),
  );
  pairs.sort((a, b) => b[2] - a[2]);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  const matched: Array<[number, number]> = [];
  for (const [i, j] of pairs) {
    if (usedGold.has(i) || usedPredicted.has(j)) continue;
    usedGold.add(i);
    usedPredicted.add(j);
    matched.push([i, j]);
  }
  return matched;
}

/**
 * Royal titles, compared like honorifics: the extractor reads «الأمير» as the role (as it reads «الملك خالد» in
 * a hospital's name), and every split before tune8 annotated «خالد بن عبد الله» for «الأمير خالد بن عبد الله»;
 * tune8's annotation wrote «الأمير عبدالله بن مساعد». A title is not the name either way (round 13).
 */
const ROYAL_TITLES: ReadonlySet<string> = new Set(['الأمير', 'الأميرة', 'الامير', 'الاميرة'].map((w) => normalizeArabic(w)));

/** Name tokens in search form without honorifics or royal titles: «الدكتور أسامة خياط» and «أسامة خيّاط» compare equal. */
export function nameTokens(name: string): string[] {
  return (name.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])
    .map((w) => normalizeArabic(w))
    .filter((w) => w && !HONORIFICS.has(w) && !ROYAL_TITLES.has(w));
}

/**
 * The speaker is right when the predicted name, read as tokens, equals the gold name or an accepted variant —
 * the full name as the article first gives it, so a surname alone or a name with trailing words is wrong — and
 * when gold has no name (an unnamed source) the prediction has none either.
 */
export function speakerRight(g: GoldQuote, p: Predicted): boolean {
  if (g.speaker === null) return p.speaker === null;
  if (p.speaker === null) return false;
  const predicted = nameTokens(p.speaker).join(' ');
  return [g.speaker, ...(g.alsoAccepted ?? [])].some((name) => nameTokens(name).join(' ') === predicted);
}

type ErrorKind =
  | 'missed'
  | 'spurious'
  | 'speaker empty'
  | 'name given for an unnamed source'
  | 'name incomplete'
  | 'name with extra words'
  | 'wrong source';

function speakerError(g: GoldQuote, p: Predicted): ErrorKind {
  if (p.speaker === null) return 'speaker empty';
  if (g.speaker === null) return 'name given for an unnamed source';
  const predicted = nameTokens(p.speaker);
  const golds = [g.speaker, ...(g.alsoAccepted ?? [])].map(nameTokens);
  if (golds.some((t) => predicted.every((w) => t.includes(w)))) return 'name incomplete';
  if (golds.some((t) => t.every((w) => predicted.includes(w)))) return 'name with extra words';
  return 'wrong source';
}

interface Tally {
  gold: number;
  predicted: number;
  found: number;
  speakerRight: number;
  kindRight: number;
  kindGiven: number;
}

const emptyTally = (): Tally => ({ gold: 0, predicted: 0, found: 0, speakerRight: 0, kindRight: 0, kindGiven: 0 });

interface ScoredError {
  kind: ErrorKind;
  articleId: string;
  source: string;
  paragraph: number;
  gold: GoldQuote | null;
  predicted: Predicted | null;
}

export function scoreDevArticle(
  dev: DevArticle,
  predicted: Predicted[],
  tally: Tally,
  errors: ScoredError[],
): void {
  const matched = matchQuotes(dev.quotes, predicted);
  tally.gold += dev.quotes.length;
  tally.predicted += predicted.length;
  tally.found += matched.length;
  const base = { articleId: dev.id, source: dev.source };
  for (const [i, j] of matched) {
    const g = dev.quotes[i];
    const p = predicted[j];
    if (speakerRight(g, p)) tally.speakerRight++;
    else errors.push({ ...base, kind: speakerError(g, p), paragraph: g.paragraph, gold: g, predicted: p });
    if (p.speakerKind !== undefined) {
      tally.kindGiven++;
      if (p.speakerKind === g.speakerKind) tally.kindRight++;
    }
  }
  const goldMatched = new Set(matched.map(([i]) => i));
  const predictedMatched = new Set(matched.map(([, j]) => j));
  dev.quotes.forEach((g, i) => {
    if (!goldMatched.has(i)) errors.push({ ...base, kind: 'missed', paragraph: g.paragraph, gold: g, predicted: null });
  });
  predicted.forEach((p, j) => {
    if (!predictedMatched.has(j)) errors.push({ ...base, kind: 'spurious', paragraph: p.paragraph, gold: null, predicted: p });
  });
}

const ratio = (n: number, d: number) => (d ? (n / d).toFixed(3) : 'n/a');

function tallyRow(label: string, t: Tally): string {
  return (
    `| ${label} | ${t.gold} | ${t.predicted} | ${ratio(t.found, t.gold)} | ${ratio(t.found, t.predicted)} | ` +
    `${ratio(t.speakerRight, t.found)} | ${ratio(t.speakerRight, t.gold)} | ${t.kindGiven ? ratio(t.kindRight, t.kindGiven) : 'n/a'} |`
  );
}

function splitTable(title: string, overall: Tally, bySource: Map<string, Tally>): string[] {
  return [
    `**${title}**`,
    '',
    '| outlet | gold | predicted | recall | precision | speaker right, of found | text and speaker both right | kind right, of found |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    tallyRow('all', overall),
    ...[...bySource.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([source, t]) => tallyRow(source, t)),
    '',
  ];
}

export interface DevScore {
  totals: Record<DevSplit, Tally>;
  lines: string[];
  errors: ScoredError[];
}

/** Score the extractor on the development set; held-out errors are counted by kind, never printed in full. */
export async function scoreDevSet(extract: (a: Article) => Predicted[] = extractLocatedQuotes): Promise<DevScore | null> {
  if (!existsSync(DEV_SET) || !existsSync(DATA)) return null;
  const devArticles = (JSON.parse(readFileSync(DEV_SET, 'utf8')) as { articles: DevArticle[] }).articles;
  const texts = await loadDevArticles(new Set(devArticles.map((a) => a.id)));
  const totals = Object.fromEntries(DEV_SPLITS.map(({ key }) => [key, emptyTally()])) as Record<DevSplit, Tally>;
  const perSource = Object.fromEntries(DEV_SPLITS.map(({ key }) => [key, new Map<string, Tally>()])) as Record<DevSplit, Map<string, Tally>>;
  const errors: Array<ScoredError & { split: DevArticle['split'] }> = [];
  const stale: string[] = [];
  for (const dev of devArticles) {
    const article = texts.get(dev.id);
    if (!article) {
      stale.push(`${dev.id} (not found)`);
      continue;
    }
    const sha = createHash('sha1').update(article.paragraphs.join('\n')).digest('hex').slice(0, 16);
    if (sha !== dev.textSha1) stale.push(`${dev.id} (text changed)`);
    const predicted = extract(article);
    const bySource = perSource[dev.split];
    if (!bySource.has(dev.source)) bySource.set(dev.source, emptyTally());
    const articleErrors: ScoredError[] = [];
    const articleTally = emptyTally();
    scoreDevArticle(dev, predicted, articleTally, articleErrors);
    for (const t of [totals[dev.split], bySource.get(dev.source) as Tally]) {
      for (const key of Object.keys(articleTally) as Array<keyof Tally>) t[key] += articleTally[key];
    }
    errors.push(...articleErrors.map((e) => ({ ...e, split: dev.split })));
  }
  const heldoutByKind = new Map<ErrorKind, number>();
  for (const e of errors) if (e.split === 'heldout') heldoutByKind.set(e.kind, (heldoutByKind.get(e.kind) ?? 0) + 1);
  const outlets = new Set(devArticles.map((a) => a.source)).size;
  const lines = [
    '### Development set: annotated quotations (bench/data/quotes-dev.json)',
    '',
    `${devArticles.reduce((n, a) => n + a.quotes.length, 0)} quotations in ${devArticles.length} articles from ${outlets} ` +
      'SaudiNewsNet outlets, annotated by reading (ids and offsets only in the repository). Tuned on the tune half and the tune2, tune3 and tune4 sets, ' +
      'and in round 10 on tune5 (both right 0.553 before it, 0.851 after: in-sample now), in round 11 on tune6 (0.594 before it), in round 12 on tune7 (0.571 before it), in round 13 on tune8 (0.444 before it, 0.492 with royal titles compared like honorifics), in round 17 on tune9 (0.597 before it), in round 18 on tune10 (0.800 before it), in round 20 on tune11 (0.864 before it); in round 21 on tune12 (0.514 before it) tune13 (0.722 before it) and tune14 (0.771 before it); in round 22 on tune15 (0.680 under quotes-25); tune16 (0.740 under quotes-25) is not tuned on yet; the held-out half is reported untouched. A prediction is found when it shares its paragraph with a gold ' +
      `quotation and each covers ≥ ${MIN_SPAN_COVER * 100} % of the other; its speaker is right when the name equals ` +
      'the full name the article first gives (an organisation in full when no person speaks; none for an unnamed ' +
      'source). Targets (issue 9, unseen text): both right ≥ 0.85, precision ≥ 0.95, recall ≥ 0.90.',
    '',
    ...(stale.length ? [`Skipped or changed: ${stale.join(', ')}.`, ''] : []),
    // (A split with no articles yet has no table.)
    ...DEV_SPLITS.filter(({ key }) => totals[key].gold + totals[key].predicted > 0 || key === 'heldout').flatMap(({ key, title }) => splitTable(title, totals[key], perSource[key])),
    '**Held-out errors by kind**',
    '',
    '| kind | count |',
    '| --- | --- |',
    ...[...heldoutByKind.entries()].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `| ${kind} | ${n} |`),
  ];
  return { totals, lines, errors: errors.filter((e) => e.split !== 'heldout') };
}

/**
 * Tune-half errors with their text, for the engineer tuning the extractor (never the held-out half, never in
 * docs/benchmarks.md): `node dist/bench/quotes.js --tune-errors`.
 */
async function printTuneErrors(): Promise<void> {
  const score = await scoreDevSet();
  if (!score) return;
  process.stdout.write(`${score.lines.join('\n')}\n\n`);
  const devArticles = (JSON.parse(readFileSync(DEV_SET, 'utf8')) as { articles: DevArticle[] }).articles;
  const texts = await loadDevArticles(new Set(devArticles.filter((a) => a.split !== 'heldout').map((a) => a.id)));
  for (const e of score.errors) {
    const paragraph = texts.get(e.articleId)?.paragraphs[e.paragraph] ?? '';
    const span = e.gold ?? e.predicted;
    const text = span ? paragraph.slice(span.start, span.end).slice(0, 70) : '';
    const context = span ? paragraph.slice(Math.max(0, span.start - 110), span.start) : '';
    process.stdout.write(
      `[${e.kind}] ${e.articleId} p${e.paragraph} gold=${e.gold ? `${e.gold.speaker ?? `(${e.gold.speakerRole})`}/${e.gold.speakerKind}` : '-'} ` +
        `pred=${e.predicted ? `${e.predicted.speaker}/${e.predicted.speakerKind ?? '?'} role=${e.predicted.speakerRole}` : '-'}\n   …${context}⟦${text}⟧\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--tune-errors')) {
  await printTuneErrors();
}
