/**
 * The Engine's index cache in the data folder: reused when the corpus has not changed, rebuilt when it has, and
 * rebuilt (with a warning, losing nothing) when the saved files are damaged.
 */
import { appendFile, cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine, type Logger } from '../src/engine/engine.js';

let root: string;
let corpusDir: string;
let dataDir: string;
let warnings: string[];
const log: Logger = { info: () => {}, warn: (m) => warnings.push(m) };

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nashra-engine-'));
  corpusDir = path.join(root, 'articles');
  dataDir = path.join(root, 'data');
  await cp(path.resolve('seeds'), corpusDir, { recursive: true });
  warnings = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the saved search index', () => {
  it('is rebuilt at start-up when an article changed, and then finds the new text', async () => {
    const first = await Engine.open({ corpusDir, dataDir, log });
    // «نولاند» appears in seeds 000 and 001 only (checked with grep); a changed 002 must be found too.
    expect(first.search('نولاند').results.map((r) => r.id).sort()).toEqual(['000_d205d9a2c65192af', '001_ac174d486c1c24cb']);
    await appendFile(path.join(corpusDir, '002_9744522dcfbc0ba7.txt'), '\n\nوالتقت فيكتوريا نولاند بالمسؤولين في الرباط.\n');

    const second = await Engine.open({ corpusDir, dataDir, log });
    expect(second.stats().indexFromCache).toBe(false);
    expect(second.stats().fingerprint).not.toBe(first.stats().fingerprint);
    expect(second.search('نولاند').results.map((r) => r.id)).toContain('002_9744522dcfbc0ba7');

    const third = await Engine.open({ corpusDir, dataDir, log });
    expect(third.stats().indexFromCache).toBe(true);
    expect(third.search('نولاند')).toEqual(second.search('نولاند'));
  });

  it('reload() re-indexes only when the folder changed', async () => {
    const engine = await Engine.open({ corpusDir, dataDir, log });
    expect(await engine.reload()).toBe(false);
    await writeFile(path.join(corpusDir, 'extra.txt'), 'اجتماع في طنجة\n\nعقد المسؤولون اجتماعا موسعا في مدينة طنجة لبحث التعاون الإقليمي.\n');
    expect(await engine.reload()).toBe(true);
    expect(engine.search('طنجة').results.map((r) => r.id)).toEqual(['extra']);
    expect(engine.stats().articleCount).toBe(6);
  });

  it('a damaged saved index is rebuilt with a warning, and answers like a fresh one', async () => {
    const fresh = await Engine.open({ corpusDir, dataDir, log });
    const saved = (await readdir(dataDir)).find((f) => f === 'search-index.bin');
    expect(saved).toBeDefined();
    await writeFile(path.join(dataDir, 'search-index.bin'), '{"version": 3, "index": {"truncated');

    const reopened = await Engine.open({ corpusDir, dataDir, log });
    expect(reopened.stats().indexFromCache).toBe(false);
    expect(warnings.some((w) => /rebuilding/.test(w))).toBe(true);
    expect(reopened.search('بوريطة')).toEqual(fresh.search('بوريطة'));
  });
});
