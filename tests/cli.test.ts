/**
 * The CLI contract (README, "CLI"): run through the real `bin/nashra.js` as another tool would, on the seeds.
 * `npm test` builds first, so the binary runs the current sources.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const SEED_IDS = readdirSync(path.join(ROOT, 'seeds')).map((f) => f.replace(/\.txt$/, '')).sort();

function nashra(args: string[], input?: string, corpus = path.join(ROOT, 'seeds')) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nashra-cli-data-'));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nashra.js'), ...args, '--corpus', corpus, '--data', dataDir], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ARTICLES_DIR: '', DATA_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function singleJson(stdout: string): any {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}

describe('nashra search', () => {
  it('prints exactly one search document with the contract fields', () => {
    const { code, stdout } = nashra(['search', 'داعش', '--json']);
    expect(code).toBe(0);
    const doc = singleJson(stdout);
    expect(Object.keys(doc).sort()).toEqual(['query', 'results', 'total']);
    expect(doc.query).toBe('داعش');
    // Every seed article mentions داعش (checked by reading them), so all five match.
    expect(doc.total).toBe(SEED_IDS.length);
    for (const r of doc.results) {
      expect(Object.keys(r).sort()).toEqual(['date', 'id', 'score', 'snippet', 'source', 'title']);
      expect(SEED_IDS).toContain(r.id);
      expect(typeof r.score).toBe('number');
      expect(r.date === null || /^\d{4}-\d{2}-\d{2}$/.test(r.date)).toBe(true);
    }
    const scores = doc.results.map((r: any) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('honours --limit and reports the full total', () => {
    const doc = singleJson(nashra(['search', 'داعش', '--limit', '2', '--json']).stdout);
    expect(doc.results).toHaveLength(2);
    expect(doc.total).toBe(SEED_IDS.length);
  });

  it('reads one query per line with --stdin and answers in JSON Lines', () => {
    const { code, stdout } = nashra(['search', '--stdin', '--json'], 'بوريطة\n\nنايثن سايلس\n');
    expect(code).toBe(0);
    const docs = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => d.query)).toEqual(['بوريطة', 'نايثن سايلس']);
    // سايلس is named only in seed 002.
    expect(docs[1].results[0].id).toBe('002_9744522dcfbc0ba7');
  });

  it('prints readable text without --json', () => {
    const { code, stdout } = nashra(['search', 'سايلس']);
    expect(code).toBe(0);
    expect(stdout).toContain('002_9744522dcfbc0ba7');
    expect(() => JSON.parse(stdout)).toThrow();
  });
});

describe('nashra article, quotes, digest', () => {
  it('article returns the contract fields and its quotations', () => {
    const id = '003_a6a047dd21cfc6cd';
    const { code, stdout } = nashra(['article', id, '--json']);
    expect(code).toBe(0);
    const doc = singleJson(stdout);
    expect(Object.keys(doc).sort()).toEqual(['date', 'id', 'paragraphs', 'quotes', 'source', 'title', 'url']);
    expect(doc.id).toBe(id);
    expect(doc.paragraphs.length).toBeGreaterThan(3);
    expect(doc.quotes.length).toBeGreaterThan(0);
    for (const q of doc.quotes) expect(q.articleId).toBe(id);
  });

  it('quotes returns quotation documents', () => {
    const doc = singleJson(nashra(['quotes', 'الإرهاب', '--json']).stdout);
    expect(Object.keys(doc)).toEqual(['quotes']);
    expect(doc.quotes.length).toBeGreaterThan(0);
    for (const q of doc.quotes) {
      expect(Object.keys(q).sort()).toEqual(['articleId', 'paragraph', 'speaker', 'speakerKind', 'speakerRole', 'text']);
      expect(SEED_IDS).toContain(q.articleId);
    }
  });

  it('digest groups the seed articles into stories', () => {
    const doc = singleJson(nashra(['digest', '--json']).stdout);
    expect(Object.keys(doc).sort()).toEqual(['articleCount', 'generatedAt', 'omittedCount', 'stories']);
    expect(doc.omittedCount).toBe(0);
    expect(doc.articleCount).toBe(SEED_IDS.length);
    const ids = doc.stories.flatMap((s: any) => s.articleIds).sort();
    expect(ids).toEqual(SEED_IDS);
    for (const s of doc.stories) {
      expect(Object.keys(s).sort()).toEqual(['articleIds', 'quote', 'summary', 'title']);
      expect(s.summary.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('digest of more than a hundred articles (built in a worker thread) equals the same digest built in this thread', async () => {
    const corpus = mkdtempSync(path.join(os.tmpdir(), 'nashra-cli-many-'));
    cpSync(path.join(ROOT, 'seeds'), corpus, { recursive: true });
    // 120 short reports written for this test from one template, each with a made-up place name.
    const letters = 'بجدزسشصضطظعغقكخحث';
    const place = (n: number) => `ز${letters[n % letters.length]}${letters[Math.floor(n / letters.length) % letters.length]}ق`;
    for (let i = 0; i < 120; i++) {
      writeFileSync(path.join(corpus, `gen-${i}.txt`), `خبر رقم ${i}\n\nافتتح المسؤولون في مدينة ${place(i)} سوقا جديدا للخضر يخدم ${i + 3} أحياء.\n`);
    }
    const doc = singleJson(nashra(['digest', '--json'], undefined, corpus).stdout);
    expect(doc.articleCount).toBe(125);
    expect(doc.stories.flatMap((s: any) => s.articleIds).sort()).toHaveLength(125);

    // The same articles and statistics through the digest functions directly, in this thread.
    const { Engine } = await import('../src/engine/engine.js');
    const { buildDigest } = await import('../src/digest/digest.js');
    const engine = await Engine.open({ corpusDir: corpus });
    const articles = engine.articles();
    const direct = buildDigest({
      articles,
      quotesByArticle: new Map(articles.map((a) => [a.id, engine.quotesFor(a.id)])),
      termStatistics: (engine as unknown as { index: { termStatistics(): never } }).index.termStatistics(),
    });
    await engine.close();
    const shape = (stories: any[]) => stories.map((s) => ({ title: s.title, articleIds: s.articleIds, summary: s.summary, quote: s.quote }));
    expect(shape(doc.stories)).toEqual(shape(direct.stories));
  });

  it('digest --since in the future selects nothing', () => {
    const doc = singleJson(nashra(['digest', '--since', '2999-01-01', '--json']).stdout);
    expect(doc.articleCount).toBe(0);
    expect(doc.stories).toEqual([]);
  });
});

describe('exit codes and messages', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['unknown command', ['frobnicate'], 2, /unknown command/],
    ['unknown flag', ['search', 'داعش', '--colour'], 2, /--colour/],
    ['empty query', ['search', '   '], 2, /query/],
    ['invalid date', ['search', 'داعش', '--from', '2021-13-40'], 2, /YYYY-MM-DD/],
    ['invalid --since', ['digest', '--since', 'yesterday'], 2, /--since/],
    ['bad --limit', ['search', 'داعش', '--limit', '0'], 2, /--limit/],
    ['oversized query', ['search', 'ا'.repeat(5000)], 2, /limit/],
    ['unknown article', ['article', 'no-such-id'], 1, /no-such-id/],
  ];
  it.each(cases)('%s', (_name, args, code, message) => {
    const run = nashra(args);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('a missing corpus folder is an error, not an empty result', () => {
    const run = nashra(['search', 'داعش', '--json'], undefined, path.join(os.tmpdir(), 'nashra-no-such-folder'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/nashra-no-such-folder/);
  });

  it('a broken file is skipped with a warning on stderr while stdout stays one JSON document', () => {
    const corpus = mkdtempSync(path.join(os.tmpdir(), 'nashra-cli-corpus-'));
    cpSync(path.join(ROOT, 'seeds'), corpus, { recursive: true });
    writeFileSync(path.join(corpus, 'broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28]));
    const run = nashra(['search', 'داعش', '--json'], undefined, corpus);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/broken\.txt/);
    expect(singleJson(run.stdout).total).toBe(SEED_IDS.length);
  });
});
