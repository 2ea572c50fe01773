/**
 * Copies of one article under other ids (src/search/copies.ts): the same outlet's same headline over the same text.
 * Search and suggestions show one of them (the id that sorts first; matchingIds, the whole match set, lists them all),
 * keep the others openable, and
 * bring the next one back when the shown copy goes; on random corpora seeded with copies the ranking still equals
 * the plain BM25 (which states the rule) and an index changed in place still answers like a fresh build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load.js';
import { ArticleIndex, textsOf } from '../src/search/article-index.js';
import { plainRanking } from './support/plain-bm25.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEEDS = path.join(ROOT, 'seeds');
const SILES = '002_9744522dcfbc0ba7'; // the one seed naming «سايلس»

let seeds: Article[];
beforeAll(async () => {
  seeds = (await loadCorpus(SEEDS)).articles;
});

const seed = (id: string) => seeds.find((a) => a.id === id)!;
const copyOf = (a: Article, id: string, changes: Partial<Article> = {}): Article => ({ ...a, id, ...changes });
const ids = (index: ArticleIndex, query: string) => index.search(query, { limit: 25 }).results.map((r) => r.id);

describe('copies of one article on the seeds', () => {
  it('shows one copy, counts one, and keeps the other openable', () => {
    const copy = copyOf(seed(SILES), 'zz_copy_of_002');
    const articles = [...seeds, copy];
    const index = ArticleIndex.build(articles, textsOf(articles));
    const found = index.search('سايلس', { limit: 10 });
    expect(found.results.map((r) => r.id)).toEqual([SILES]);
    expect(found.total).toBe(1);
    expect(index.has(copy.id)).toBe(true);
    // A query every seed answers: still five results, not six.
    expect(ids(index, 'المغرب')).toHaveLength(seeds.length);
    // The whole match set keeps every copy: a briefing excluding «سايلس» must leave out the copy that came today.
    expect(index.matchingIds('سايلس').sort()).toEqual([SILES, copy.id].sort());
  });

  it('shows the copy whose id sorts first, whatever the order they came in, and the next when it goes', () => {
    const earlier = copyOf(seed(SILES), '001_aaaa_copy');
    const index = ArticleIndex.build(seeds, textsOf(seeds));
    index.add(earlier);
    expect(ids(index, 'سايلس')).toEqual([earlier.id]);
    expect(index.remove(earlier.id)).toBe(true);
    expect(ids(index, 'سايلس')).toEqual([SILES]);
    index.add(earlier);
    expect(index.remove(SILES)).toBe(true);
    expect(ids(index, 'سايلس')).toEqual([earlier.id]);
  });

  it('does not take another outlet, another headline or another text for a copy', () => {
    const base = seed(SILES);
    const others = [
      copyOf(base, 'x1', { source: 'وكالة أخرى' }),
      copyOf(base, 'x2', { title: `${base.title} (محدث)` }),
      copyOf(base, 'x3', { paragraphs: [...base.paragraphs, 'فقرة أضيفت إلى الخبر بعد نشره.'] }),
    ];
    const articles = [...seeds, ...others];
    const index = ArticleIndex.build(articles, textsOf(articles));
    expect(ids(index, 'سايلس').sort()).toEqual([SILES, 'x1', 'x2', 'x3']);
  });

  it('suggests one title for two copies, also after a save and reload', async () => {
    const copy = copyOf(seed(SILES), 'zz_copy_of_002');
    const articles = [...seeds, copy];
    const texts = textsOf(articles);
    const index = ArticleIndex.build(articles, texts);
    const prefix = seed(SILES).title.slice(0, 12);
    const suggested = index.suggestTitles(prefix).map((c) => c.id);
    expect(suggested).toContain(SILES);
    expect(suggested).not.toContain(copy.id);
    expect(index.suggestTitles('').map((c) => c.id)).not.toContain(copy.id);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'nashra-copies-'));
    try {
      await index.saveTo(path.join(dir, 'index.bin'), {});
      const { index: reloaded } = await ArticleIndex.loadFrom(path.join(dir, 'index.bin'), texts);
      expect(ids(reloaded, 'سايلس')).toEqual([SILES]);
      expect(reloaded.suggestTitles(prefix).map((c) => c.id)).not.toContain(copy.id);
      // Changed after the reload: the copy comes back when the article goes.
      reloaded.remove(SILES);
      expect(ids(reloaded, 'سايلس')).toEqual([copy.id]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the CLI over a folder holding one article twice lists it, and its quotations, once', () => {
    const corpus = mkdtempSync(path.join(os.tmpdir(), 'nashra-copies-corpus-'));
    const data = mkdtempSync(path.join(os.tmpdir(), 'nashra-copies-data-'));
    const again = `${SILES}-again`;
    const nashra = (...args: string[]) => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nashra.js'), ...args, '--json', '--corpus', corpus, '--data', data], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ARTICLES_DIR: '', DATA_DIR: '' },
      });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout.trim().split('\n')[0]);
    };
    try {
      cpSync(SEEDS, corpus, { recursive: true });
      cpSync(path.join(SEEDS, `${SILES}.txt`), path.join(corpus, `${again}.txt`));
      const doc = nashra('search', 'سايلس');
      expect(doc.results.map((r: { id: string }) => r.id)).toEqual([SILES]);
      expect(doc.total).toBe(1);
      // Its quotations once, by query and in the list of all; the copy's own, when asked for by its id.
      type Q = { articleId: string; text: string };
      const bySiles: Q[] = nashra('quotes', 'الإرهابية').quotes;
      expect(bySiles.length).toBeGreaterThan(0);
      expect(bySiles.map((q) => q.articleId)).not.toContain(again);
      expect(new Set(bySiles.map((q) => q.text)).size).toBe(bySiles.length);
      const all: Q[] = nashra('quotes', '--limit', '50').quotes;
      expect(all.map((q) => q.articleId)).toContain(SILES);
      expect(all.map((q) => q.articleId)).not.toContain(again);
      const own: Q[] = nashra('quotes', '--article', again).quotes;
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((q) => q.articleId === again)).toBe(true);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  });
});

// Random corpora with copies in them: a few articles, each listed up to three times under other ids.
const WORDS = ['المغرب', 'والمغرب', 'مراكش', 'الرباط', 'وزير', 'الخارجية', 'داعش', 'الإرهاب', 'سايلس', 'بوريطة', 'في', 'قال'];
const text = (max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: max }).map((w) => w.join(' '));
const original = fc.record({
  title: text(4),
  paragraphs: fc.array(text(12), { minLength: 1, maxLength: 2 }),
  source: fc.option(fc.constantFrom('الرياض', 'عكاظ'), { nil: null }),
  date: fc.constant('2015-07-01'),
});
const withCopies = fc
  .array(fc.tuple(original, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 8 })
  .chain((items) => fc.shuffledSubarray(items.flatMap(([a, times]) => Array.from({ length: times }, () => a)), { minLength: 1 }))
  .map((list) => list.map((a, i): Article => ({ ...a, id: `c${String((i * 7) % 97).padStart(2, '0')}-${i}`, url: null, addedAt: '2015-08-01T00:00:00.000Z' })));
const query = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

describe('copies on random corpora', () => {
  it('the first stage equals the plain BM25 that hides every copy but the first id', () => {
    fc.assert(
      fc.property(withCopies, query, (articles, q) => {
        const index = ArticleIndex.build(articles, textsOf(articles));
        const plain = plainRanking(articles, q);
        const core = index.firstStage(q, 50);
        expect(core.ids).toEqual(plain.ids.slice(0, 50));
        expect(core.total).toBe(plain.total);
      }),
      { numRuns: 80 },
    );
  });

  it('added and removed one by one in any order, answers like a fresh build of what is left', () => {
    fc.assert(
      fc.property(withCopies, fc.array(fc.nat(), { maxLength: 6 }), query, (articles, removals, q) => {
        const index = ArticleIndex.build([], textsOf(articles));
        for (const a of [...articles].reverse()) index.add(a);
        const left = [...articles];
        for (const r of removals) {
          if (!left.length) break;
          const [gone] = left.splice(r % left.length, 1);
          index.remove(gone.id);
        }
        const fresh = ArticleIndex.build(left, textsOf(left));
        expect(index.search(q, { limit: 50 })).toEqual(fresh.search(q, { limit: 50 }));
        expect(index.suggestTitles('')).toEqual(fresh.suggestTitles(''));
      }),
      { numRuns: 60 },
    );
  });
});
