import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NashraError } from '../engine/errors.js';
import type { Article } from './article.js';
import { parseArticle } from './parse.js';

export interface CorpusLoad {
  articles: Article[];
  /** One line per skipped file, naming it and saying why. */
  warnings: string[];
  /** Changes whenever any article file is added, removed or edited. */
  fingerprint: string;
}

/** STUB — replaced by the real loader (skips empty/binary/non-UTF-8/huge files with a warning). */
export async function loadCorpus(dir: string): Promise<CorpusLoad> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(txt|md)$/i.test(n)).sort();
  } catch {
    throw new NashraError('CORPUS_MISSING', `corpus folder not found: ${dir}`);
  }
  const hash = createHash('sha256');
  const articles: Article[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const [raw, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    hash.update(name).update('\0').update(raw).update('\0');
    articles.push(parseArticle(name.replace(/\.(txt|md)$/i, ''), raw, info.mtime.toISOString()));
  }
  return { articles, warnings: [], fingerprint: hash.digest('hex') };
}
