/**
 * SaudiNewsNet written out as a corpus folder, the way a newsroom's archive would look to Nashra: one `.md` file
 * per article with front matter (title, date, source, url), paragraphs separated by blank lines. The product-path
 * benchmarks (bench/live-corpus.ts) run the real CLI and engine on this folder. It lives in the system's temporary
 * folder, never in the repository (SaudiNewsNet is CC BY-NC-SA and not redistributed).
 *
 * Run alone: node dist/bench/corpus-folder.js [DIR]   (default: $TMPDIR/nashra-saudinewsnet-corpus)
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../src/corpus/article.js';
import { projectRoot } from './retrieval.js';
import { DEFAULT_SAUDINEWSNET_FILE, loadSaudiNewsNet } from './scale.js';

export const DEFAULT_CORPUS_FOLDER = path.join(os.tmpdir(), 'nashra-saudinewsnet-corpus');
const DONE_MARKER = '.complete';

/** The article file Nashra would find in a folder: front matter, then the body's paragraphs. */
export function articleFileText(a: Article): string {
  const field = (key: string, value: string | null) => (value ? `${key}: ${value.replace(/\s+/g, ' ').trim()}\n` : '');
  return `---\n${field('title', a.title)}${field('date', a.date)}${field('source', a.source)}${field('url', a.url)}---\n\n${a.paragraphs.join('\n\n')}\n`;
}

/** SaudiNewsNet records with content, as Nashra articles (the same mapping as bench/scale.ts). */
export async function saudiNewsNetArticles(
  file = process.env.NASHRA_SAUDINEWSNET_FILE ?? path.resolve(projectRoot(), DEFAULT_SAUDINEWSNET_FILE),
): Promise<Article[]> {
  return (await loadSaudiNewsNet(file)).filter((a) => a.paragraphs.length > 0);
}

/**
 * Write the folder once (about 30k files) and reuse it on later runs: a marker file says it was completed, so an
 * interrupted write is redone rather than benchmarked half-written. Returns the folder and its article count.
 */
export async function ensureSaudiNewsNetFolder(dir = DEFAULT_CORPUS_FOLDER): Promise<{ dir: string; count: number }> {
  if (existsSync(path.join(dir, DONE_MARKER))) {
    const count = (await readdir(dir)).filter((n) => n.endsWith('.md')).length;
    return { dir, count };
  }
  const articles = await saudiNewsNetArticles();
  const tmp = `${dir}.partial-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  for (let i = 0; i < articles.length; i += 500) {
    await Promise.all(articles.slice(i, i + 500).map((a) => writeFile(path.join(tmp, `${a.id}.md`), articleFileText(a))));
  }
  await writeFile(path.join(tmp, DONE_MARKER), `${articles.length}\n`);
  await rename(tmp, dir);
  return { dir, count: articles.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { dir, count } = await ensureSaudiNewsNetFolder(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  process.stdout.write(`${dir}: ${count} articles\n`);
}
