/**
 * An outlet's formulas: the word sequences it repeats across many of its different reports (the interior
 * ministry's execution statement with its Qur'an verse, «إنفاذاً لتوجيهات خادم الحرمين الشريفين… لتقديم المساعدات
 * العاجلة», a ministry's weekly case-report template). Two reports of different events that share such a formula
 * look alike to a bag of words — on the fresh check sample of issue 12 one group of execution statements alone
 * joined 45 of 90 wrong pairs — while what tells the events apart (the convict, the victim, the region) is a few
 * words after it. So the words an article says inside its outlet's formulas do not count as content it shares
 * with another article (cluster.ts storyVectors), and a sentence made of a formula is not summary material
 * (summary.ts).
 *
 * What is counted: shingles, SHINGLE_TERMS consecutive analyzed terms (the shared analyzer: normalized, light-
 * stemmed, stopwords left out, so «وأوضح البيان» and «أوضح البيان» are one shingle) of a report's title and of its
 * sentence window (vectors.ts SENTENCE_WINDOW, the part that is weighted twice and read for the summary), each keyed
 * by its outlet, and for each on how many distinct days that outlet's reports held it:
 * - per outlet, because a formula is an outlet's habit: SPA's statement reprinted by five papers is one event
 *   told five times, and those copies must still group (their names and places remain after the formula);
 * - distinct days, not reports, because an outlet retells a story it follows closely in several reports of a day
 *   or two, quoting the same statement each time (al-Riyadh's four reports of the Tabuk lecturer's death and the
 *   ministry's inquiry, SaudiNewsNet 2015-07-25: counted by report, its statement became formula and 40 of the
 *   tuning sample's same-event pairs split), while a formula comes back week after week. A report whose shingles
 *   its outlet nearly all had already (COPY_SHARE: al-Madina publishes many reports twice) is a copy and adds
 *   nothing.
 *
 * Why statistics over the whole corpus, not over the digest's own articles: an outlet issues two or three
 * execution statements a day but a dozen a month, and two or three is also how often it retells a day's event in
 * updates; only the archive tells a formula from a story followed closely. The counts sit in a count-min sketch
 * (FormulaSketch: four rows of 2^23 saturating one-byte counters, 32 MB whatever the corpus size) behind the
 * one-method FormulaStatistics interface, so a digest worker can ask for the keys it needs as it asks for document
 * frequencies. `add` is O(the report's shingles), to be called when an article arrives; the shingles come from the
 * digest analysis the store already keeps (stored-analysis.ts), so a process can rebuild the sketch from it at
 * start without a new stored format. Its errors only over-count, and by little: at SaudiNewsNet's 4.5 million shingles
 * a rare one is taken for formula about once in ten thousand (ROWS); a corpus several times larger wants more rows.
 * Not wired into the engine yet: buildDigest takes the statistics as DigestInput.formulaStatistics and without
 * them every word counts, as before.
 */
import type { AnalyzedArticle } from './vectors.js';

/**
 * Shingle length in analyzed terms (stopwords left out): seven to ten words of text. Measured on the tuning sample
 * (bench/data/cluster-dev.json, counted by report, minimum 3): 4 or 5 terms also catch the names and titles an outlet repeats
 * all week (13 same-event pairs split at 5), 8 catch fewer formulas (60 of 137 wrong pairs left, 55 at 6).
 */
export const SHINGLE_TERMS = 6;
/**
 * A shingle its outlet used on at least this many distinct days is formula. Three: SaudiNewsNet's month holds only
 * a handful of one outlet's execution statements (at 4 none of the fresh sample's wrong pairs is undone); counted
 * by report, 2 split 265 of the tuning sample's 524 same-event pairs (a story told twice lost its words).
 */
export const FORMULA_MIN_DAYS = 3;
/**
 * Formula shingles count only in a sentence (or title) at least this share of whose terms lie in them; elsewhere
 * none of its terms is formula. An outlet also repeats the names and titles of the people it reports on all week
 * («وزير الدفاع الأمريكي آشتون كارتر», «الأمير سلطان بن سلمان… رئيس الهيئة العامة للسياحة والتراث الوطني»), and
 * those are what two reports of one event share: masked wherever they occur, 48 of the tuning sample's 524
 * same-event pairs split; a formula is mostly a whole sentence said again (the verse, «أصدرت وزارة الداخلية بياناً
 * بشأن تنفيذ حكم…»). Within such a sentence only the shingles' terms go: the convict's name after the formula stays.
 * 0.4 against 0.6 and 0.8: 52, 55 and 64 of 137 wrong pairs left, none split at any.
 */
export const FORMULA_SENTENCE_SHARE = 0.4;
/** A report whose shingles its outlet had already at least this share of is a copy of an earlier one. */
export const COPY_SHARE = 0.9;

/** On how many distinct days an outlet's reports held a shingle (keys from shingleKeys, which fold the outlet in). */
export interface FormulaStatistics {
  /**
   * The count; with `atLeast`, it may stop looking once the answer is known to be under it (a caller asking only
   * whether a shingle reaches it gets a number under `atLeast` exactly when the count is).
   */
  daysWith(shingle: number, atLeast?: number): number;
}

/** Statistics that know no formula (an outlet-less folder, a test): every word counts. */
export const NO_FORMULAS: FormulaStatistics = { daysWith: () => 0 };

/** 32-bit FNV-1a of a string. */
function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Murmur3's finalizer: spreads the bits of a combined hash over all 32. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The outlet as a key: articles without one have no formulas (each may be a different sender). */
function outletKey(source: string | null): number | null {
  const s = source?.trim();
  return s ? hashString(s) : null;
}

/**
 * Keys of the shingles of a term sequence, one per starting position (position i covers terms i … i+k−1), with
 * the outlet folded in. A sequence shorter than SHINGLE_TERMS has none: a three-word title is not a formula.
 */
export function shingleKeys(outlet: number, terms: readonly string[]): number[] {
  const hashes = scratch(terms.length);
  for (let i = 0; i < terms.length; i++) hashes[i] = hashString(terms[i]);
  return keysOfHashes(outlet, hashes, terms.length);
}

/**
 * Term hashes are computed again at each occurrence rather than looked up: a day's digest hashes ~300 thousand
 * term occurrences, and FNV over a word's few letters is several times cheaper than a Map lookup of a string that
 * is equal but not identical to the key (each decoded analysis has its own strings): 13 ms against 100 ms for the
 * keys of a 2,000-report day. They go into one reused buffer, not an array per report.
 */
let hashBuffer = new Uint32Array(1 << 12);
function scratch(length: number): Uint32Array {
  if (hashBuffer.length < length) hashBuffer = new Uint32Array(Math.max(length, hashBuffer.length * 2));
  return hashBuffer;
}

function keysOfHashes(outlet: number, hashes: ArrayLike<number>, length = hashes.length): number[] {
  const keys = new Array<number>(Math.max(0, length - SHINGLE_TERMS + 1));
  for (let i = 0; i + SHINGLE_TERMS <= length; i++) {
    let h = outlet;
    for (let j = 0; j < SHINGLE_TERMS; j++) h = Math.imul(h ^ hashes[i + j], 0x01000193);
    keys[i] = mix(h);
  }
  return keys;
}

/**
 * The shingle keys of a report's title and of its sentence window read as one run (position i of each covers terms
 * i … i+k−1), or null when it has no outlet. Kept per report: counting it, asking for its counts and masking it
 * read the same keys (a day's ~300 thousand shingles, about 15 ms to hash).
 */
export interface ReportShingleKeys {
  title: readonly number[];
  run: readonly number[];
}
const keysCache = new WeakMap<AnalyzedArticle, ReportShingleKeys | null>();

export function reportShingleKeys(doc: AnalyzedArticle): ReportShingleKeys | null {
  let keys = keysCache.get(doc);
  if (keys === undefined) {
    const outlet = outletKey(doc.article.source);
    keys = outlet === null ? null : { title: shingleKeys(outlet, doc.titleTerms), run: windowKeys(outlet, doc) };
    keysCache.set(doc, keys);
  }
  return keys;
}

/** Keys of the sentence window read as one run (the sentences' terms one after another). */
function windowKeys(outlet: number, doc: AnalyzedArticle): number[] {
  let length = 0;
  for (const sentence of doc.sentences) length += sentence.terms.length;
  const hashes = scratch(length);
  let n = 0;
  for (const sentence of doc.sentences) for (const term of sentence.terms) hashes[n++] = hashString(term);
  return keysOfHashes(outlet, hashes, n);
}

/**
 * The same keys as reportShingleKeys, from a stored analysis's term sequences (stored-analysis.ts
 * storedTermSequences) and the report's outlet: each distinct term is hashed once.
 */
export function storedShingleKeys(source: string | null, sequences: { terms: readonly string[]; title: readonly number[]; run: readonly number[] }): ReportShingleKeys | null {
  const outlet = outletKey(source);
  if (outlet === null) return null;
  const hashes = sequences.terms.map((t) => hashString(t));
  return { title: keysOfHashes(outlet, sequences.title.map((i) => hashes[i])), run: keysOfHashes(outlet, sequences.run.map((i) => hashes[i])) };
}

/** Every distinct shingle key of a report, or none when it has no outlet. */
export function reportShingles(doc: AnalyzedArticle): Set<number> {
  const keys = reportShingleKeys(doc);
  return new Set(keys ? [...keys.title, ...keys.run] : []);
}

/**
 * Four rows of 2^23 one-byte counters (32 MB). Measured on SaudiNewsNet (30,676 articles, 4.5 million distinct
 * outlet shingles of which 16 thousand are in 3 or more reports, counted by report): two rows of 2^22 took 1.2 % of the rare
 * shingles (54 thousand, more than the true formulas) for formula; four of 2^23 take about one in ten thousand.
 * A byte is enough: only whether a count reaches FORMULA_MIN_DAYS matters, and counters stop at 255.
 */
const ROWS = 4;
export const ROW_BITS = 23;
const SATURATED = 0xff;
const ROW_SEEDS = [0, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];

/**
 * Count-min sketch of distinct days per outlet shingle, with conservative update (only the smallest of a key's
 * counters grow), which keeps the over-count of rare keys near nothing. `add` is O(the report's shingles).
 */
export class FormulaSketch implements FormulaStatistics {
  private readonly rows: Uint8Array[];
  /** Reports counted, and reports taken for copies of earlier ones of their outlet (not counted). */
  reports = 0;
  copies = 0;

  /** Counter index mask of a row (2^rowBits counters). */
  private readonly mask: number;
  /** What the counters mean: a sketch saved under another layout or shingle length must be counted again. */
  readonly layout: string;

  /**
   * An empty sketch of rows of 2^rowBits counters (ROW_BITS: 32 MB, the corpus's; a store of a few hundred
   * articles counts into rows of 2^18, 1 MB), or one read back from `bytes` (rowsForSaving, the same row size).
   */
  constructor(bytes?: Uint8Array, rowBits = ROW_BITS) {
    const size = ROWS << rowBits;
    if (bytes && bytes.length !== size) throw new RangeError(`a formula sketch of rows of 2^${rowBits} is ${size} bytes, not ${bytes.length}`);
    this.rows = Array.from({ length: ROWS }, (_, r) => (bytes ? bytes.subarray(r << rowBits, (r + 1) << rowBits) : new Uint8Array(1 << rowBits)));
    this.mask = (1 << rowBits) - 1;
    this.layout = FormulaSketch.layoutOf(rowBits);
  }

  static layoutOf(rowBits = ROW_BITS): string {
    return `rows=${ROWS} bits=${rowBits} terms=${SHINGLE_TERMS} unit=day`;
  }

  /** The counters, row after row (their own memory: a copy is not made). */
  rowsForSaving(): readonly Uint8Array[] {
    return this.rows;
  }
  private readonly slot = new Int32Array(ROWS);
  /** The keys already counted on each recent day (at most RECENT_DAYS days remembered). */
  private readonly countedOn = new Map<string, Set<number>>();

  /**
   * The key's counter in each row, into `this.slot`; returns the smallest count, or as soon as a row's is under
   * `stopUnder` that one (rows not looked at are then left out of `this.slot`).
   */
  private locate(key: number, stopUnder = 0): number {
    let low = SATURATED;
    for (let r = 0; r < ROWS; r++) {
      const at = (r === 0 ? key : mix(key ^ ROW_SEEDS[r])) & this.mask;
      this.slot[r] = at;
      const n = this.rows[r][at];
      if (n < low) low = n;
      if (n < stopUnder) break;
    }
    return low;
  }

  /**
   * Most shingles are in one report, and their first counter already says so: with `atLeast` the other rows are
   * read only for the few that may reach it (each row is a random read in 8 MB, a cache miss; a news day's digest
   * asks ~300 thousand keys).
   */
  daysWith(key: number, atLeast = 0): number {
    return this.locate(key, atLeast);
  }

  /** Count one report (its analysis, vectors.ts analyzeArticle); a copy of an earlier report of its outlet is not. */
  add(doc: AnalyzedArticle): void {
    const keys = reportShingleKeys(doc);
    if (keys) this.addReport(keys, doc.article.date ?? doc.article.addedAt.slice(0, 10));
  }

  /** Count one report by its shingle keys (reportShingleKeys, storedShingleKeys) and its day (YYYY-MM-DD). */
  addReport(report: ReportShingleKeys, day: string): void {
    const keys = new Set([...report.title, ...report.run]);
    if (keys.size === 0) return;
    let seen = 0;
    for (const k of keys) if (this.daysWith(k, 1) > 0) seen++;
    if (seen >= COPY_SHARE * keys.size) {
      this.copies++;
      return;
    }
    this.reports++;
    let today = this.countedOn.get(day);
    if (!today) {
      this.countedOn.set(day, (today = new Set()));
      if (this.countedOn.size > RECENT_DAYS) this.countedOn.delete(this.countedOn.keys().next().value!);
    }
    for (const k of keys) {
      if (today.has(k)) continue;
      today.add(k);
      const low = this.locate(k);
      if (low === SATURATED) continue;
      for (let r = 0; r < ROWS; r++) if (this.rows[r][this.slot[r]] === low) this.rows[r][this.slot[r]]++;
    }
  }
}

/**
 * Days whose counted shingles are remembered: articles arrive in about date order, a few days late at most (an
 * archive loaded out of order only counts some days twice, which makes formulas of a little more).
 */
const RECENT_DAYS = 4;

/** A sketch of the given reports, in the order given (tests, the benchmark; the engine adds as articles arrive). */
export function formulaSketchOf(docs: Iterable<AnalyzedArticle>): FormulaSketch {
  const sketch = new FormulaSketch();
  for (const d of docs) sketch.add(d);
  return sketch;
}

/**
 * Which terms of a report lie inside its outlet's formulas: per title term, and per term of each window sentence.
 * When `any` is false the arrays may be empty (nothing is formula).
 */
export interface FormulaMask {
  title: boolean[];
  sentences: boolean[][];
  /** Some term is formula (else the report is used as it is). */
  any: boolean;
}

/** The last mask made for each report, with what it was made from: grouping and the summary ask for the same. */
const maskCache = new WeakMap<AnalyzedArticle, { stats: FormulaStatistics; minDays: number; sentenceShare: number; mask: FormulaMask }>();

/**
 * The formula mask of a report: a term is formula when some shingle it is part of was used by the report's outlet
 * on `minDays` distinct days or more. Read at the time of asking: a sketch that has counted more reports
 * since may answer otherwise, so a cached mask is only reused for the same statistics within one digest.
 */
export function formulaMask(
  doc: AnalyzedArticle,
  stats: FormulaStatistics,
  minDays = FORMULA_MIN_DAYS,
  sentenceShare = FORMULA_SENTENCE_SHARE,
): FormulaMask {
  const cached = maskCache.get(doc);
  if (cached && cached.stats === stats && cached.minDays === minDays && cached.sentenceShare === sentenceShare) return cached.mask;
  const mask = computeMask(doc, stats, minDays, sentenceShare);
  maskCache.set(doc, { stats, minDays, sentenceShare, mask });
  return mask;
}

/** What a report without formulas gets (most reports): nothing marked. */
const NO_MASK: FormulaMask = { title: [], sentences: [], any: false };

function computeMask(doc: AnalyzedArticle, stats: FormulaStatistics, minDays: number, sentenceShare: number): FormulaMask {
  const keys = stats === NO_FORMULAS ? null : reportShingleKeys(doc);
  if (keys === null) return NO_MASK;
  const titleFlags = markedRun(keys.title, doc.titleTerms.length, stats, minDays);
  const runFlags = markedRun(keys.run, doc.sentences.reduce((n, s) => n + s.terms.length, 0), stats, minDays);
  if (!titleFlags && !runFlags) return NO_MASK;
  // Whole sentences only (FORMULA_SENTENCE_SHARE): a name said in every report of a week stays.
  let any = false;
  const kept = (flags: Uint8Array | null, from: number, to: number): boolean[] => {
    const out = new Array<boolean>(to - from).fill(false);
    if (!flags || to === from) return out;
    let n = 0;
    for (let i = from; i < to; i++) n += flags[i];
    if (n / (to - from) < sentenceShare) return out;
    any = true;
    for (let i = from; i < to; i++) out[i - from] = flags[i] === 1;
    return out;
  };
  const title = kept(titleFlags, 0, doc.titleTerms.length);
  let at = 0;
  const sentences = doc.sentences.map((sentence) => kept(runFlags, at, (at += sentence.terms.length)));
  return any ? { title, sentences, any } : NO_MASK;
}

/** Flags of a run's `length` terms inside a formula shingle of the outlet (`keys`: the run's), or null when none is. */
function markedRun(keys: readonly number[], length: number, stats: FormulaStatistics, minDays: number): Uint8Array | null {
  let flags: Uint8Array | null = null;
  keys.forEach((k, i) => {
    if (stats.daysWith(k, minDays) < minDays) return;
    flags ??= new Uint8Array(length);
    flags.fill(1, i, i + SHINGLE_TERMS);
  });
  return flags;
}

function share(flags: readonly boolean[]): number {
  if (flags.length === 0) return 0;
  let n = 0;
  for (const f of flags) if (f) n++;
  return n / flags.length;
}

/** Share of a sentence's terms (the k-th of the window) that lie inside its outlet's formulas. */
export function formulaShare(mask: FormulaMask, k: number): number {
  return share(mask.sentences[k] ?? []);
}
