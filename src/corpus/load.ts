/**
 * A corpus folder → articles, all at once: for tests, benchmarks and tools that want a folder as a list. The
 * product reads folders incrementally through the engine's sync (src/engine/sync.ts), which parses each file once
 * and remembers it in the store; both read a file through the same functions (files.ts), so they agree.
 *
 * A file that cannot be an article is skipped with ONE warning naming it and the reason; the other files still
 * load. Files are read in sorted order, so ids and output are stable.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from './article.js';
import { articleIdOf, listArticleFiles, MAX_ARTICLE_BYTES, parseArticleBytes, PARSER_VERSION, tooLargeReason } from './files.js';

export { MAX_ARTICLE_BYTES } from './files.js';

export interface CorpusLoad {
  articles: Article[];
  /** One line per skipped file, naming it and saying why (plus notes on files that loaded with a problem). */
  warnings: string[];
  /** Changes whenever any article file is added, removed or edited. */
  fingerprint: string;
}

export async function loadCorpus(dir: string): Promise<CorpusLoad> {
  const entries = await listArticleFiles(dir);
  const hash = createHash('sha256').update(PARSER_VERSION);
  const articles: Article[] = [];
  const warnings: string[] = [];
  const fileOfId = new Map<string, string>();

  for (const entry of entries) {
    const { name } = entry;
    const file = path.join(dir, name);
    const skip = (reason: string) => warnings.push(`${file}: skipped — ${reason}`);
    if (entry.size > MAX_ARTICLE_BYTES) {
      // Not read at all; its name, size and time still make edits to it change the fingerprint.
      hash.update(`${name}\0${entry.size}\0${entry.mtimeMs}\0`);
      skip(tooLargeReason(entry.size));
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      hash.update(`${name}\0unreadable\0`);
      const code = (err as NodeJS.ErrnoException).code;
      skip(code === 'ENOENT' ? 'the file disappeared while the corpus was being read' : `cannot be read (${code ?? (err as Error).message})`);
      continue;
    }
    // Contents, not mtime: a copy that keeps the time but changes the text must still re-index.
    hash.update(name).update('\0').update(bytes).update('\0');
    const id = articleIdOf(name);
    const clash = fileOfId.get(id);
    const content = parseArticleBytes(name, bytes, new Date(entry.mtimeMs).toISOString());
    if (content.kind === 'unusable') {
      skip(content.reason);
      continue;
    }
    if (clash) {
      skip(`same id "${id}" as ${clash}; rename one of them`);
      continue;
    }
    for (const note of content.notes) warnings.push(`${file}: ${note}`);
    articles.push(content.article);
    fileOfId.set(id, name);
  }
  return { articles, warnings, fingerprint: hash.digest('hex') };
}
