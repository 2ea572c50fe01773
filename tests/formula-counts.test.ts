/**
 * The engine's formula statistics (src/engine/formula-counts.ts): a digest through the engine, over a corpus
 * folder, tells apart two of one outlet's statements that share its formula (the digest without the statistics
 * joins them: tests/digest-formulas.test.ts), and the counts are saved beside the store, read back without
 * counting the archive again, caught up from the journal, and refused when they do not belong to the store.
 * The statements are written for these tests (made-up names), shaped like the interior ministry's notices.
 */
import { mkdtemp, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { reportShingleKeys, storedShingleKeys } from '../src/digest/formulas.js';
import { storedTermSequences } from '../src/digest/stored-analysis.js';
import { analyzeArticle } from '../src/digest/vectors.js';
import { FORMULA_FILE, FormulaCounts, shingleKeysOf } from '../src/engine/formula-counts.js';
import { openStore } from '../src/store/index.js';
import { EARLIER, type Execution, FIRST, OUTLET_A, OUTLET_B, SECOND, TODAY, executionStatement } from './support/execution-statements.js';
import { runScript } from './support/run-script.js';

function statementFile(source: string, day: string, e: Execution): string {
  const { title, paragraphs } = executionStatement(e);
  return ['---', `title: ${title}`, `date: ${day}`, `source: ${source}`, '---', '', paragraphs.join('\n\n'), ''].join('\n');
}

/** The store's articles, calling `onRead` at each read of one article's stored analysis (what counting costs). */
function countingReads<T extends object>(articles: T, onRead: () => void): T {
  return new Proxy(articles, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'formulaInputOf' || key === 'getForDigest') return (id: string) => (onRead(), (value as (id: string) => unknown).call(target, id));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const A = OUTLET_A;
const B = OUTLET_B;

let root: string;
let corpusDir: string;
let dataDir: string;
let warnings: string[];
const log = { info: () => {}, warn: (m: string) => warnings.push(m) };
const toClose: { close(): unknown }[] = [];

/** Write an article file first seen on `day` (a first import dates an article by its file's time). */
async function put(name: string, text: string, day: string): Promise<void> {
  const file = path.join(corpusDir, name);
  await writeFile(file, text);
  const t = new Date(`${day}T10:00:00Z`);
  await utimes(file, t, t);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nashra-formulas-'));
  corpusDir = path.join(root, 'articles');
  dataDir = path.join(root, 'data');
  await mkdir(corpusDir);
  warnings = [];
  for (const [k, [day, e]] of EARLIER.entries()) {
    await put(`a-old-${k}.md`, statementFile(A, day, e), day);
    await put(`b-old-${k}.md`, statementFile(B, day, e), day);
  }
  await put('a-first.md', statementFile(A, TODAY, FIRST), TODAY);
  await put('a-second.md', statementFile(A, TODAY, SECOND), TODAY);
  await put('b-first.md', statementFile(B, TODAY, FIRST), TODAY);
});
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c.close();
  await rm(root, { recursive: true, force: true });
});

async function openEngine(): Promise<Engine> {
  const engine = await Engine.open({ corpusDir, dataDir, log });
  toClose.push(engine);
  return engine;
}

describe("the engine's formula statistics", () => {
  it("tell apart one outlet's statements that share its formula, and keep two outlets' copies of one together", async () => {
    const engine = await openEngine();
    const digest = await engine.digest({ since: new Date(`${TODAY}T00:00:00Z`), now: new Date(`${TODAY}T12:00:00Z`) });
    expect(digest.articleCount).toBe(3);
    const stories = digest.stories.map((s) => [...s.articleIds].sort());
    expect(stories).toContainEqual(['a-first', 'b-first']);
    expect(stories).toContainEqual(['a-second']);
    // The verse is no summary sentence of the story it opens.
    for (const story of digest.stories) expect(story.summary.join(' ')).not.toContain('إنما جزاء الذين يحاربون');
  });

  it("reach the digest worker (a day's many articles, compiled engine) as they reach the main thread", async () => {
    // Over 100 articles in the period: the engine hands the digest to its worker, which asks the main thread for the
    // days of every shingle. A hundred unrelated reports of the same day make the selection that large.
    const letters = 'بجدزسشصضطظعغقكخحث';
    const word = (n: number) => [0, 1, 2, 3].map((k) => letters[Math.floor(n / letters.length ** k) % letters.length]).join('');
    for (let i = 0; i < 110; i++) {
      await put(`gen-${i}.md`, `---\nsource: صحيفة الوادي\n---\n\nخبر رقم ${i}\n\nأعلن المسؤولون في مدينة ${word(i + 300)} اليوم عن افتتاح مشروع ${word(i + 900)} للنقل العام.\n`, TODAY);
    }
    const script = `const { Engine, silentLogger } = await import(${JSON.stringify(path.resolve('dist/src/engine/engine.js'))});
      const engine = await Engine.open({ corpusDir: ${JSON.stringify(corpusDir)}, dataDir: ${JSON.stringify(dataDir)}, log: silentLogger });
      const period = { since: new Date('${TODAY}T00:00:00Z'), now: new Date('${TODAY}T12:00:00Z') };
      const day = await engine.digest(period);
      // A query leaves three reports: made in this thread, which asks the worker for the formulas of those alone.
      const asked = await engine.digest({ ...period, query: 'تنفيذ حكم القتل' });
      await engine.close();
      const stories = (d) => d.stories.map((s) => [...s.articleIds].sort());
      process.stdout.write(JSON.stringify({ day: stories(day), asked: stories(asked) }));`;
    const { day, asked } = JSON.parse(await runScript(script)) as { day: string[][]; asked: string[][] };
    expect(day.flat()).toHaveLength(113);
    expect(day).toContainEqual(['a-first', 'b-first']);
    expect(day).toContainEqual(['a-second']);
    expect(asked.flat().sort()).toEqual(['a-first', 'a-second', 'b-first']);
    expect(asked).toContainEqual(['a-first', 'b-first']);
    expect(asked).toContainEqual(['a-second']);
  });

  it('are saved beside the store, read back without counting the archive again, and caught up from the journal', async () => {
    await (await openEngine()).close();
    const store = openStore(dataDir);
    toClose.push(store);
    let reads = 0;
    const articles = countingReads(store.articles, () => reads++);
    const first = new FormulaCounts(articles, dataDir, log, { saveFromArticles: 1 });
    const counted = await first.current();
    expect(reads).toBe(11); // every stored article, once
    await first.flush();
    const file = path.join(dataDir, FORMULA_FILE);
    expect(existsSync(file)).toBe(true);

    reads = 0;
    const again = new FormulaCounts(articles, dataDir, log, { saveFromArticles: 1 });
    const loaded = await again.current();
    expect(reads).toBe(0);
    expect(loaded.reports).toBe(counted.reports);
    // The same answer to the digest worker's question: the formula keys among every shingle of today's reports.
    const today = ['a-first', 'a-second', 'b-first'].map((id) => analyzeArticle(store.articles.get(id)!));
    const keys = shingleKeysOf(today);
    const formula = await first.formulaKeys(keys, 3);
    expect(formula.length).toBeGreaterThan(10); // the verse and the court formula, in both outlets
    // Not the shingles that hold the second convict's name, nationality or town: those of his report alone.
    const first1 = new Set(shingleKeysOf([today[0]]));
    const own = [...shingleKeysOf([today[1]])].filter((k) => !first1.has(k));
    expect(own.length).toBeGreaterThan(10);
    expect(own.filter((k) => formula.includes(k))).toEqual([]);
    expect(await again.formulaKeys(keys, 3)).toEqual(formula);
    expect(warnings).toEqual([]);
    store.close();
    toClose.pop();

    // One article more, through the engine (the journal records it): the next process counts that one alone.
    await put('a-third.md', statementFile(A, TODAY, { ...SECOND, name: 'سامي فريد عودة', town: 'رابغ' }), TODAY);
    await (await openEngine()).close();
    const after = openStore(dataDir);
    toClose.push(after);
    reads = 0;
    const counting = countingReads(after.articles, () => reads++);
    const third = new FormulaCounts(counting, dataDir, log, { saveFromArticles: 1 });
    expect((await third.current()).reports).toBe(counted.reports + 1);
    expect(reads).toBe(1);
  });

  it("are counted from the stored analyses' terms exactly as from the articles analyzed again", async () => {
    await (await openEngine()).close();
    const store = openStore(dataDir);
    toClose.push(store);
    const ids = store.articles.ids();
    expect(ids).toHaveLength(11);
    for (const id of ids) {
      const input = store.articles.formulaInputOf(id)!;
      const sequences = storedTermSequences(input.digestAnalysis!);
      expect(sequences).not.toBeNull();
      const fromStore = storedShingleKeys(input.source, sequences!);
      const article = store.articles.get(id)!;
      expect(fromStore).toEqual(reportShingleKeys(analyzeArticle({ ...article })));
      expect(fromStore!.run.length).toBeGreaterThan(50);
    }
    expect(storedTermSequences('{"d":["a"],"b":[1],"t":[3],"s":[]}')).toBeNull(); // a term index out of range
  });

  it('are counted again, with a warning, from a file that is damaged or belongs to another store', async () => {
    await (await openEngine()).close();
    const store = openStore(dataDir);
    toClose.push(store);
    const first = new FormulaCounts(store.articles, dataDir, log, { saveFromArticles: 1 });
    const reports = (await first.current()).reports;
    await first.flush();
    const file = path.join(dataDir, FORMULA_FILE);
    const bytes = await readFile(file);

    await writeFile(file, bytes.subarray(0, bytes.length - 100)); // cut short (a full disk, say)
    const cut = new FormulaCounts(store.articles, dataDir, log, { saveFromArticles: 1 });
    expect((await cut.current()).reports).toBe(reports);
    expect(warnings.some((w) => w.includes('formula statistics not usable'))).toBe(true);

    warnings = [];
    const header = bytes.subarray(0, bytes.indexOf(10)).toString('utf8');
    const otherStore = Buffer.concat([Buffer.from(header.replace(store.articles.storeId, 'another-store'), 'utf8'), bytes.subarray(bytes.indexOf(10))]);
    await writeFile(file, otherStore);
    const foreign = new FormulaCounts(store.articles, dataDir, log, { saveFromArticles: 1 });
    expect((await foreign.current()).reports).toBe(reports);
    expect(warnings.some((w) => w.includes('another database'))).toBe(true);
  });
});
