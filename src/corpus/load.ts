/**
 * A corpus folder → articles. Every `.txt`/`.md` file directly in the folder is one article (hidden files and
 * subfolders are ignored), read in sorted order so ids and output are stable. A file that cannot be an article
 * is skipped with ONE warning naming it and the reason; the other files still load.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NashraError } from '../engine/errors.js';
import type { Article } from './article.js';
import { parseArticleWithNotes, UnusableArticleError } from './parse.js';

export interface CorpusLoad {
  articles: Article[];
  /** One line per skipped file, naming it and saying why (plus notes on files that loaded with a problem). */
  warnings: string[];
  /** Changes whenever any article file is added, removed or edited. */
  fingerprint: string;
}

/** News articles are a few kilobytes; a bigger file is a dump or a mistake, and would stall indexing. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * Bumped whenever parsing changes what an article looks like, so the fingerprint changes and a search index
 * saved by an older parser is rebuilt instead of reused.
 */
const PARSER_VERSION = 'corpus-parser-2';

const ARTICLE_FILE = /\.(txt|md)$/i;

/** Why these bytes cannot be an article, or null if they can be decoded. */
function decode(bytes: Buffer): { text: string } | { reason: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { reason: 'UTF-16 text; save it as UTF-8' };
  }
  if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes), not text' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips a UTF-8 BOM
  } catch {
    return { reason: 'not valid UTF-8 text' };
  }
  if (!text.trim()) return { reason: 'empty file' };
  return { text };
}

/** Sorted article file names in `dir`; throws CORPUS_MISSING when `dir` is not a readable folder. */
async function listArticleFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code})`;
    throw new NashraError('CORPUS_MISSING', `corpus folder ${why}: ${dir}`);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !ARTICLE_FILE.test(entry.name)) continue;
    if (entry.isFile()) names.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const target = await stat(path.join(dir, entry.name)).catch(() => null);
      if (target?.isFile()) names.push(entry.name);
    }
  }
  // Code-unit order, not locale order: the same on every machine.
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function loadCorpus(dir: string): Promise<CorpusLoad> {
  const names = await listArticleFiles(dir);
  const hash = createHash('sha256').update(PARSER_VERSION);
  const articles: Article[] = [];
  const warnings: string[] = [];
  const fileOfId = new Map<string, string>();

  for (const name of names) {
    const file = path.join(dir, name);
    const skip = (reason: string) => warnings.push(`${file}: skipped — ${reason}`);
    const info = await stat(file).catch(() => null);
    if (!info) {
      hash.update(`${name}\0gone\0`);
      skip('the file disappeared while the corpus was being read');
      continue;
    }
    if (info.size > MAX_ARTICLE_BYTES) {
      // Not read at all; its name, size and time still make edits to it change the fingerprint.
      hash.update(`${name}\0${info.size}\0${info.mtimeMs}\0`);
      skip(`too large (${(info.size / 1024 / 1024).toFixed(1)} MB; an article file is at most 2 MB)`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      hash.update(`${name}\0unreadable\0`);
      skip(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      continue;
    }
    // Contents, not mtime: a copy that keeps the time but changes the text must still re-index.
    hash.update(name).update('\0').update(bytes).update('\0');

    const decoded = decode(bytes);
    if ('reason' in decoded) {
      skip(decoded.reason);
      continue;
    }
    const id = name.replace(ARTICLE_FILE, '');
    const clash = fileOfId.get(id);
    if (clash) {
      skip(`same id "${id}" as ${clash}; rename one of them`);
      continue;
    }
    try {
      const { article, notes } = parseArticleWithNotes(id, decoded.text, info.mtime.toISOString());
      for (const note of notes) warnings.push(`${file}: ${note}`);
      articles.push(article);
      fileOfId.set(id, name);
    } catch (err) {
      if (!(err instanceof UnusableArticleError)) throw err;
      skip(err.message);
    }
  }
  return { articles, warnings, fingerprint: hash.digest('hex') };
}
