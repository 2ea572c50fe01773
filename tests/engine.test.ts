/**
 * The live corpus: the engine parses each article file once, remembers it in the store, starts from the saved
 * index and the store without parsing anything, follows the folder while running, and loses nothing to a kill -9.
 */
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileEntry } from '../src/corpus/files.js';
import { analyzeFile } from '../src/engine/analyze-file.js';
import { Engine, type Logger } from '../src/engine/engine.js';
import type { FileAnalyzer } from '../src/engine/parse-pool.js';
import { SqliteArticleStore } from '../src/store/articles.js';
import { runScript } from './support/run-script.js';

let root: string;
let corpusDir: string;
let dataDir: string;
let warnings: string[];
const log: Logger = { info: () => {}, warn: (m) => warnings.push(m) };
const engines: Engine[] = [];

/** An analyzer that counts the files it is asked to parse. */
function countingAnalyzer(): FileAnalyzer & { parsed: string[] } {
  const parsed: string[] = [];
  return {
    parsed,
    analyze: (dir: string, entry: FileEntry, addedAt: string) => {
      parsed.push(entry.name);
      return analyzeFile(dir, entry, addedAt);
    },
    close: async () => {},
  };
}

async function open(options: Partial<Parameters<typeof Engine.open>[0]> = {}): Promise<Engine> {
  const engine = await Engine.open({ corpusDir, dataDir, log, ...options });
  engines.push(engine);
  return engine;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nashra-engine-'));
  corpusDir = path.join(root, 'articles');
  dataDir = path.join(root, 'data');
  await cp(path.resolve('seeds'), corpusDir, { recursive: true });
  warnings = [];
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  await rm(root, { recursive: true, force: true });
});

const ids = (e: Engine, q: string) => e.search(q).results.map((r) => r.id).sort();
const TANGIER = 'اجتماع في طنجة\n\nعقد المسؤولون اجتماعا موسعا في مدينة طنجة لبحث التعاون الإقليمي.\n';

describe('start-up from the saved state', () => {
  it('parses nothing when the folder has not changed, and answers like the first run', async () => {
    const first = await open({ analyzer: countingAnalyzer() });
    const before = first.search('بوريطة');
    await first.close();

    const analyzer = countingAnalyzer();
    const second = await open({ analyzer });
    expect(analyzer.parsed).toEqual([]);
    expect(second.stats().indexFromCache).toBe(true);
    expect(second.stats().articleCount).toBe(5);
    expect(second.search('بوريطة')).toEqual(before);
    expect(second.quotesFor('001_ac174d486c1c24cb').length).toBeGreaterThan(0);
  });

  it('compares the folder with the listing the last full pass recorded, reading only the files that differ', async () => {
    await writeFile(path.join(corpusDir, 'blank.txt'), '   \n');
    await (await open()).close();
    const files = vi.spyOn(SqliteArticleStore.prototype, 'filesAfter');
    try {
      const analyzer = countingAnalyzer();
      const second = await open({ analyzer });
      expect(files).not.toHaveBeenCalled();
      expect(analyzer.parsed).toEqual([]);
      expect(second.stats().warnings.some((w) => w.includes('blank.txt') && /empty/.test(w))).toBe(true);
      expect(second.stats().articleCount).toBe(5);
      await second.close();

      // A file edited in place and one added: only those two are looked at, against the recorded listing.
      await appendFile(path.join(corpusDir, '001_ac174d486c1c24cb.txt'), `\n\n${TANGIER}`);
      await writeFile(path.join(corpusDir, 'tangier.txt'), TANGIER);
      const thirdAnalyzer = countingAnalyzer();
      const third = await open({ analyzer: thirdAnalyzer });
      expect(files).not.toHaveBeenCalled();
      expect(thirdAnalyzer.parsed.sort()).toEqual(['001_ac174d486c1c24cb.txt', 'tangier.txt']);
      expect(ids(third, 'طنجة')).toEqual(['001_ac174d486c1c24cb', 'tangier']);
      expect(third.stats().warnings.some((w) => w.includes('blank.txt'))).toBe(true);
      await third.close();

      // A file removed: its article leaves, still without reading every article's state.
      await unlink(path.join(corpusDir, 'tangier.txt'));
      const fourth = await open({ analyzer: countingAnalyzer() });
      expect(files).not.toHaveBeenCalled();
      expect(fourth.hasArticle('tangier')).toBe(false);
      expect(fourth.stats().articleCount).toBe(5);
    } finally {
      files.mockRestore();
    }
  });

  it('a file skipped for its id takes over when the file holding that id goes, with no stale warning', async () => {
    await writeFile(path.join(corpusDir, 'tangier.txt'), TANGIER);
    await writeFile(path.join(corpusDir, 'tangier.md'), `${TANGIER}\nوحضر الاجتماع ممثلون عن المجتمع المدني.\n`);
    const first = await open();
    expect(first.stats().warnings.some((w) => /same id "tangier"/.test(w))).toBe(true);
    const holder = first.article('tangier').paragraphs.join('\n').includes('المجتمع المدني') ? 'tangier.md' : 'tangier.txt';
    await first.close();

    await unlink(path.join(corpusDir, holder));
    const second = await open();
    expect(second.hasArticle('tangier')).toBe(true);
    expect(second.stats().warnings.filter((w) => /same id/.test(w))).toEqual([]);
    expect(second.article('tangier').paragraphs.join('\n').includes('المجتمع المدني')).toBe(holder === 'tangier.txt');
  });

  it('compares again after the store changed, even when the folder looks as it did', async () => {
    // A file leaves and the running engine records it (a partial sync, not a full pass), then the file comes back
    // with its size and time: the listing is again the one the last full pass saw, but the store no longer holds it.
    const name = '003_a6a047dd21cfc6cd.txt';
    const file = path.join(corpusDir, name);
    const mtime = new Date('2024-05-01T10:00:00.000Z'); // whole milliseconds: utimes restores it exactly
    await utimes(file, mtime, mtime);
    const running = await open();
    const bytes = await readFile(file);
    await unlink(file);
    await running.syncFiles([name]);
    expect(running.hasArticle('003_a6a047dd21cfc6cd')).toBe(false);
    await writeFile(file, bytes);
    await utimes(file, mtime, mtime);
    await running.close();

    const analyzer = countingAnalyzer();
    const again = await open({ analyzer });
    expect(analyzer.parsed).toEqual([name]);
    expect(again.hasArticle('003_a6a047dd21cfc6cd')).toBe(true);
  });

  it('parses only the file that changed, and then finds its new text', async () => {
    const first = await open();
    // «نولاند» appears in seeds 000 and 001 only (checked with grep); a changed 002 must be found too.
    expect(ids(first, 'نولاند')).toEqual(['000_d205d9a2c65192af', '001_ac174d486c1c24cb']);
    await first.close();
    await appendFile(path.join(corpusDir, '002_9744522dcfbc0ba7.txt'), '\n\nوالتقت فيكتوريا نولاند بالمسؤولين في الرباط.\n');

    const analyzer = countingAnalyzer();
    const second = await open({ analyzer });
    expect(analyzer.parsed).toEqual(['002_9744522dcfbc0ba7.txt']);
    expect(ids(second, 'نولاند')).toContain('002_9744522dcfbc0ba7');
    expect(second.stats().fingerprint).not.toBe(first.stats().fingerprint);
  });

  it('a touched file (new time, same bytes) is not parsed again; an added one is, a removed one leaves', async () => {
    (await open()).close();
    const file = path.join(corpusDir, '000_d205d9a2c65192af.txt');
    await utimes(file, new Date(), new Date(Date.now() + 60_000));
    await writeFile(path.join(corpusDir, 'extra.txt'), TANGIER);
    await unlink(path.join(corpusDir, '004_ac25720035563210.txt'));

    const analyzer = countingAnalyzer();
    const engine = await open({ analyzer });
    // The touched file is read to compare its bytes, but its stored article is kept.
    expect(analyzer.parsed.sort()).toEqual(['000_d205d9a2c65192af.txt', 'extra.txt']);
    expect(ids(engine, 'طنجة')).toEqual(['extra']);
    expect(engine.hasArticle('004_ac25720035563210')).toBe(false);
    expect(() => engine.article('004_ac25720035563210')).toThrow(/no article/);
    expect(engine.stats().articleCount).toBe(5);

    (await engine.close(), void 0);
    const third = await open({ analyzer: countingAnalyzer() });
    expect(third.stats().articleCount).toBe(5);
  });

  it('articles stored by an older parser are parsed again', async () => {
    await (await open()).close();
    const db = new Database(path.join(dataDir, 'nashra.db'));
    db.prepare("UPDATE articles SET analysis_version = 'corpus-parser-0+quotes-0' WHERE id = ?").run('003_a6a047dd21cfc6cd');
    db.close();
    const analyzer = countingAnalyzer();
    const reopened = await open({ analyzer });
    expect(analyzer.parsed).toEqual(['003_a6a047dd21cfc6cd.txt']);
    // The index is built again from the store once the files are parsed (not changed slot by slot), and answers as
    // a fresh start does; the next start reads the snapshot it saved.
    expect(reopened.stats().indexFromCache).toBe(false);
    const fresh = await open({ dataDir: undefined });
    for (const q of ['بوريطة', 'مراكش', 'الإرهاب']) expect(reopened.search(q)).toEqual(fresh.search(q));
    await reopened.close();
    const again = await open({ analyzer: countingAnalyzer() });
    expect(again.stats().indexFromCache).toBe(true);
    expect(again.search('بوريطة')).toEqual(fresh.search('بوريطة'));
  });

  it('a damaged snapshot is rebuilt from the store with a warning, parsing nothing, and answers like a fresh start', async () => {
    const fresh = await open({ dataDir: undefined });
    await (await open()).close();
    const snapshot = (await readdir(dataDir)).find((f) => f.startsWith('search-index'));
    expect(snapshot).toBeDefined();
    const bytes = await readFile(path.join(dataDir, snapshot!));
    await writeFile(path.join(dataDir, snapshot!), bytes.subarray(0, bytes.length >> 1));

    const analyzer = countingAnalyzer();
    const reopened = await open({ analyzer });
    expect(analyzer.parsed).toEqual([]);
    expect(reopened.stats().indexFromCache).toBe(false);
    expect(warnings.some((w) => /rebuilding/.test(w))).toBe(true);
    expect(reopened.search('بوريطة')).toEqual(fresh.search('بوريطة'));
  });

  it('a rebuild split with a worker thread (compiled engine) answers like one made in one thread', async () => {
    for (let i = 0; i < 40; i++) await writeFile(path.join(corpusDir, `gen-${i}.txt`), generatedArticle(i));
    await (await open()).close();
    // The compiled engine in its own process: the snapshot deleted before each start, so each start rebuilds from
    // the store, once with the worker (from 1 article on) and once without.
    const script = `const { Engine, silentLogger } = await import(${JSON.stringify(path.resolve('dist/src/engine/engine.js'))});
      const { rm } = await import('node:fs/promises');
      const answers = [];
      for (const parallelBuildFrom of [1, Infinity]) {
        await rm(${JSON.stringify(path.join(dataDir, 'search-index.snapshot'))});
        const warnings = [];
        const engine = await Engine.open({ corpusDir: ${JSON.stringify(corpusDir)}, dataDir: ${JSON.stringify(dataDir)}, parallelBuildFrom,
          log: { info: () => {}, warn: (m) => warnings.push(m) } });
        answers.push({ cached: engine.stats().indexFromCache, warnings, results: ['بوريطة', 'المغرب', 'التعاون الإقليمي', 'مراكش'].map((q) => engine.search(q, { limit: 20 })) });
        await engine.close();
      }
      process.stdout.write(JSON.stringify(answers));`;
    const out = await runScript(script);
    const [withWorker, inThread] = JSON.parse(out);
    expect(withWorker.cached).toBe(false);
    expect(withWorker.warnings).toEqual([]);
    expect(withWorker.results.every((r: { total: number }) => r.total > 0)).toBe(true);
    expect(withWorker.results).toEqual(inThread.results);
  });

  it('a data folder used for another corpus folder is told so and re-read, not mixed', async () => {
    await (await open()).close();
    const other = path.join(root, 'other');
    await cp(corpusDir, other, { recursive: true });
    await writeFile(path.join(other, 'extra.txt'), TANGIER);
    await rm(path.join(other, '000_d205d9a2c65192af.txt'));
    const engine = await open({ corpusDir: other });
    expect(warnings.some((w) => w.includes(other))).toBe(true);
    expect(engine.stats().articleCount).toBe(5);
    expect(engine.hasArticle('000_d205d9a2c65192af')).toBe(false);
    expect(ids(engine, 'طنجة')).toEqual(['extra']);
  });

  it('a missing corpus folder is an error that creates nothing in the data folder', async () => {
    await expect(Engine.open({ corpusDir: path.join(root, 'nope'), dataDir })).rejects.toMatchObject({ code: 'CORPUS_MISSING' });
    await expect(readdir(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
    // Watching (the bot) starts before the listing: a missing folder is still that one error, with no warning
    // about watching it, and no watcher left running behind it.
    const told: string[] = [];
    const log = { info: () => {}, warn: (m: string) => told.push(m) };
    await expect(Engine.open({ corpusDir: path.join(root, 'nope'), dataDir, watch: true, log })).rejects.toMatchObject({ code: 'CORPUS_MISSING' });
    expect(told).toEqual([]);
    await expect(readdir(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('while running', () => {
  it('reload() and syncFiles() ingest what changed and say whether anything did', async () => {
    const engine = await open();
    expect(await engine.reload()).toBe(false);
    await writeFile(path.join(corpusDir, 'extra.txt'), TANGIER);
    expect(await engine.reload()).toBe(true);
    expect(ids(engine, 'طنجة')).toEqual(['extra']);
    expect(engine.stats().articleCount).toBe(6);

    await unlink(path.join(corpusDir, 'extra.txt'));
    const report = await engine.syncFiles(['extra.txt']);
    expect(report.removed).toEqual(['extra']);
    expect(ids(engine, 'طنجة')).toEqual([]);
  });

  it('follows the folder: an added, an edited and a deleted file, with no re-parse of the others', async () => {
    const analyzer = countingAnalyzer();
    const changes: string[][] = [];
    const engine = await open({ analyzer, watch: { debounceMs: 50 }, onChange: (r) => changes.push([...r.added, ...r.changed, ...r.removed]) });
    analyzer.parsed.length = 0;
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(ok()).toBe(true);
    };

    // Written the way Nashra's own ingestion writes: a hidden temporary file, then a rename.
    await writeFile(path.join(corpusDir, '.extra.tmp'), TANGIER);
    await rename(path.join(corpusDir, '.extra.tmp'), path.join(corpusDir, 'extra.txt'));
    await until(() => ids(engine, 'طنجة').includes('extra'));
    await writeFile(path.join(corpusDir, 'extra.txt'), TANGIER.replace(/طنجة/g, 'تطوان'));
    await until(() => ids(engine, 'تطوان').includes('extra'));
    expect(ids(engine, 'طنجة')).toEqual([]);
    await unlink(path.join(corpusDir, 'extra.txt'));
    await until(() => !engine.hasArticle('extra'));
    await engine.idle();
    expect(new Set(analyzer.parsed)).toEqual(new Set(['extra.txt']));
    expect(changes.flat().every((id) => id === 'extra')).toBe(true);
  });

  it('a file added while the engine is starting is not missed', async () => {
    // Many files, so that the start-up takes a while; the new file arrives during it.
    for (let i = 0; i < 150; i++) await writeFile(path.join(corpusDir, `filler-${i}.txt`), generatedArticle(i));
    const opening = open({ watch: { debounceMs: 50 } });
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(path.join(corpusDir, 'late.txt'), TANGIER);
    const engine = await opening;
    for (let i = 0; i < 100 && !engine.hasArticle('late'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(ids(engine, 'طنجة')).toEqual(['late']);
  });

  it('warming up the search changes no answer and leaves nothing behind', async () => {
    const engine = await open();
    const queries = ['مراكش', 'وزير الخارجية', 'المغرب'];
    const before = queries.map((q) => engine.search(q));
    const suggestionsBefore = engine.suggestArticles('الم');
    const statsBefore = engine.stats();
    await engine.warmSearch();
    expect(queries.map((q) => engine.search(q))).toEqual(before);
    expect(engine.suggestArticles('الم')).toEqual(suggestionsBefore);
    expect(engine.stats()).toEqual(statsBefore);
    expect(before.every((r) => r.results.length > 0)).toBe(true);
  });

  it('quotation search and speakers follow the corpus', async () => {
    const engine = await open();
    await engine.warmQuotes();
    const before = engine.quotes('', { limit: 1000 }).length;
    expect(before).toBe(engine.stats().quoteCount);
    await unlink(path.join(corpusDir, '001_ac174d486c1c24cb.txt'));
    await engine.reload();
    const after = engine.quotes('', { limit: 1000 });
    expect(after.length).toBeLessThan(before);
    expect(after.some((q) => q.articleId === '001_ac174d486c1c24cb')).toBe(false);
    expect(engine.stats().quoteCount).toBe(after.length);
  });

  it('a quotation search while the index is still being built finishes the build and answers in full', async () => {
    // More articles with quotations than the build reads in one page (100), so it is still under way when asked.
    for (let i = 0; i < 150; i++) await writeFile(path.join(corpusDir, `quoted-${i}.txt`), quotedArticle(i));
    const warmed = await open();
    await warmed.warmQuotes();
    const expected = warmed.quotes('مشروع النقل', { limit: 300 });
    expect(expected.filter((q) => q.articleId.startsWith('quoted-'))).toHaveLength(150);
    await warmed.close();
    const engine = await open();
    // Every page of the build takes "long" (a clock that jumps 100 ms per reading), so it yields after the first.
    let clock = performance.now();
    const slowClock = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 100));
    const warming = engine.warmQuotes();
    slowClock.mockRestore();
    // The set-up holds: the build is under way, not done in one go.
    expect((engine as unknown as { quoteBuild: unknown }).quoteBuild).not.toBeNull();
    expect(engine.quotes('مشروع النقل', { limit: 300 })).toEqual(expected);
    await warming;
    expect(engine.quotes('مشروع النقل', { limit: 300 })).toEqual(expected);
    expect(engine.quotes('', { limit: 1000 }).length).toBe(engine.stats().quoteCount);
  });
});

/** A short made-up report whose one distinctive word is built from `n`, so each file can be found alone. */
function generatedArticle(n: number): string {
  return `خبر رقم ${n}\n\nأعلن المسؤولون في مدينة ${uniqueWord(n)} اليوم عن افتتاح مشروع جديد للنقل العام يخدم الأحياء الشمالية.\n`;
}

/** A made-up report with one quotation and its named speaker, distinct for every n. */
function quotedArticle(n: number): string {
  return `تصريح رقم ${n}\n\nقال المهندس سالم ${uniqueWord(n)}: «إن مشروع النقل العام الجديد سيخدم الأحياء الشمالية في المدينة خلال العام المقبل».\n`;
}

/** A word of letters only, different for every n, that the light stemmer leaves whole (no affix letters at its ends). */
function uniqueWord(n: number): string {
  const letters = 'بجدزسشصضطظعغقكخحث';
  let word = '';
  do {
    word += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  } while (n > 0);
  return `ز${word}ق`;
}

describe('a kill -9 during ingestion', () => {
  it('loses nothing and indexes nothing twice: after each kill, a restart holds every file exactly once', async () => {
    const count = 900;
    for (let i = 0; i < count; i++) await writeFile(path.join(corpusDir, `gen-${i}.txt`), generatedArticle(i));
    const total = count + 5;
    // The compiled engine in its own process (npm test builds first), killed while it imports the folder: each
    // round waits until the store holds more articles than the round before, then kills.
    const script = `const { Engine } = await import(${JSON.stringify(path.resolve('dist/src/engine/engine.js'))});
      await Engine.open({ corpusDir: ${JSON.stringify(corpusDir)}, dataDir: ${JSON.stringify(dataDir)} });`;
    const stored = () => {
      try {
        const db = new Database(path.join(dataDir, 'nashra.db'), { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not created yet, or its schema not yet written
      }
    };
    const killedAt: number[] = [];
    for (const atLeast of [1, 300, 600]) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      let done = false;
      void exited.then(() => (done = true));
      while (!done && stored() < atLeast) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      await exited;
      killedAt.push(stored());
    }
    // The kills really fell in the middle of the import (not before it began, not after it ended).
    expect(killedAt.some((n) => n > 0 && n < total), `stored when killed: ${killedAt.join(', ')}`).toBe(true);

    const engine = await open();
    expect(engine.stats().articleCount).toBe(total);
    for (const i of [0, 1, 57, 299, 600, count - 1]) {
      expect(engine.search(uniqueWord(i)).results[0]?.id, `gen-${i}`).toBe(`gen-${i}`);
    }
    for (let i = 0; i < count; i++) expect(engine.hasArticle(`gen-${i}`)).toBe(true);
    await engine.close();
    // And the next start begins from a consistent snapshot: nothing to parse, same answers.
    const analyzer = countingAnalyzer();
    const again = await open({ analyzer });
    expect(analyzer.parsed).toEqual([]);
    expect(again.stats().articleCount).toBe(total);
    expect(again.search(uniqueWord(count - 1)).results[0]?.id).toBe(`gen-${count - 1}`);
  }, 90_000);
});

describe('a digest of many articles (compiled engine: its digest worker)', () => {
  it('reads the analyses stored at parse time, refuses a damaged one, and makes the digest the main thread would', async () => {
    for (let i = 0; i < 150; i++) await writeFile(path.join(corpusDir, `gen-${i}.txt`), generatedArticle(i));
    await (await open()).close();
    const db = new Database(path.join(dataDir, 'nashra.db'));
    const rows = db.prepare('SELECT id, digest_analysis FROM articles').all() as { id: string; digest_analysis: string | null }[];
    expect(rows).toHaveLength(155);
    expect(rows.every((r) => typeof r.digest_analysis === 'string' && r.digest_analysis.startsWith('{'))).toBe(true);
    db.prepare('UPDATE articles SET digest_analysis = ? WHERE id = ?').run('{"d":[],"b":[],"t":[7],"s":[]}', rows[0].id);
    db.close();
    // More than 100 articles: the engine hands the digest to its worker (the store's rows and analyses); the same
    // articles given to it directly are briefed in the main thread, analyzed from their text.
    const script = `const { Engine, silentLogger } = await import(${JSON.stringify(path.resolve('dist/src/engine/engine.js'))});
      const { openStore } = await import(${JSON.stringify(path.resolve('dist/src/store/index.js'))});
      const engine = await Engine.open({ corpusDir: ${JSON.stringify(corpusDir)}, dataDir: ${JSON.stringify(dataDir)}, log: silentLogger });
      const store = openStore(${JSON.stringify(dataDir)});
      const articles = store.articles.ids().map((id) => store.articles.get(id));
      const now = new Date(Date.now() + 60_000);
      const strip = (d) => ({ ...d, generatedAt: '' });
      const inWorker = strip(await engine.digest({ now, maxStories: 12 }));
      const inThread = strip(await engine.digest({ now, maxStories: 12, articles }));
      store.close();
      await engine.close();
      process.stdout.write(JSON.stringify({ inWorker, inThread }));`;
    const out = await runScript(script);
    const { inWorker, inThread } = JSON.parse(out);
    expect(inWorker.articleCount).toBe(155);
    expect(inWorker.stories.length).toBe(12);
    expect(inWorker).toEqual(inThread);
  });
});

describe('digests of a long period', () => {
  it('read only the latest articles of the period and say how many older ones were left out', async () => {
    // First import: an article is first seen at its file's modification time. Make the seeds a day apart.
    const names = (await readdir(corpusDir)).sort();
    for (const [i, name] of names.entries()) {
      const t = new Date(Date.UTC(2026, 0, 1 + i));
      await utimes(path.join(corpusDir, name), t, t);
    }
    const engine = await open({ maxDigestArticles: 3 });
    const digest = await engine.digest({});
    expect(digest.articleCount).toBe(3);
    expect(digest.omittedCount).toBe(2);
    const read = new Set(digest.stories.flatMap((s) => s.articleIds));
    const latest = names.slice(-3).map((n) => n.replace(/\.txt$/, ''));
    expect([...read].every((id) => latest.includes(id))).toBe(true);
    // A period that holds fewer articles than the limit is read whole.
    const recent = await engine.digest({ since: new Date(Date.UTC(2026, 0, 4)) });
    expect(recent.articleCount).toBe(2);
    expect(recent.omittedCount).toBe(0);
  });
});
