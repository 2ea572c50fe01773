/**
 * The corpus folder as files: which names are article files, and what one file holds (an article, or why it
 * cannot be one). Every `.txt`/`.md` file directly in the folder is one article; hidden files (a `.` name: editors'
 * swap files, Nashra's own temporary files while it writes an article) and subfolders are ignored.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { NashraError } from '../engine/errors.js';
import type { Article } from './article.js';
import type { StatRequest, StatResponse } from './stat-worker.js';
import { parseArticleWithNotes, UnusableArticleError } from './parse.js';
import { nextBackgroundTurn } from '../event-loop/background-turns.js';

/** News articles are a few kilobytes; a bigger file is a dump or a mistake, and would stall indexing. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * Bumped whenever parsing changes what an article looks like, so articles parsed by an older parser (in the store,
 * or behind a saved fingerprint) are parsed again instead of reused.
 */
export const PARSER_VERSION = 'corpus-parser-3';

export const ARTICLE_FILE = /\.(txt|md)$/i;

export function isArticleFileName(name: string): boolean {
  return !name.startsWith('.') && ARTICLE_FILE.test(name);
}

/** The article id a file name gives: the name without its extension. */
export function articleIdOf(name: string): string {
  return name.replace(ARTICLE_FILE, '');
}

export interface FileEntry {
  name: string;
  size: number;
  mtimeMs: number;
}

/** Throws CORPUS_MISSING when `dir` is not a readable folder. */
function corpusMissing(dir: string, err: unknown): NashraError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'not found' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code})`;
  return new NashraError('CORPUS_MISSING', `corpus folder ${why}: ${dir}`);
}

/** Article file names in `dir`, in code-unit order (the same on every machine, unlike locale order). */
export async function listArticleFileNames(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw corpusMissing(dir, err);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (!isArticleFileName(entry.name)) continue;
    if (entry.isFile() || entry.isSymbolicLink()) names.push(entry.name);
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Size and modification time of an article file; null when it is gone or not a regular file (symlinks followed). */
export async function statArticleFile(dir: string, name: string): Promise<FileEntry | null> {
  const info = await stat(path.join(dir, name)).catch(() => null);
  return info?.isFile() ? { name, size: info.size, mtimeMs: info.mtimeMs } : null;
}

/**
 * Every article file with its size and time (`names`: the folder's listing when the caller has it already).
 *
 * A large folder is stat'ed in a worker thread (stat-worker.ts), so the calling thread is free meanwhile: a
 * start-up reads the saved index while the stats run, and a running bot's rescan never holds the event loop. A
 * small one, or code run from its TypeScript sources (tests), is stat'ed here: synchronously, in slices of
 * STAT_SLICE files with a yield between. A stat is a few microseconds of system call, while the same stats sent
 * through libuv's thread pool one promise each cost five times as long (30k files: ~130 ms against ~700 ms).
 */
export async function listArticleFiles(dir: string, names?: string[]): Promise<FileEntry[]> {
  names ??= await listArticleFileNames(dir);
  if (names.length >= STAT_IN_WORKER_FROM && !import.meta.url.endsWith('.ts')) {
    const stats = await statInWorker(dir, names).catch(() => null); // a worker that cannot start: stat here
    if (stats) {
      const entries: FileEntry[] = [];
      for (let i = 0; i < names.length; i++) {
        if (stats.isFile[i]) entries.push({ name: names[i], size: stats.sizes[i], mtimeMs: stats.mtimes[i] });
      }
      return entries;
    }
  }
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const entries: FileEntry[] = [];
  for (let i = 0; i < names.length; i += STAT_SLICE) {
    if (i > 0) await nextBackgroundTurn();
    for (const name of names.slice(i, i + STAT_SLICE)) {
      const info = statSync(prefix + name, { throwIfNoEntry: false }); // undefined: gone since the listing
      if (info?.isFile()) entries.push({ name, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return entries;
}

const STAT_SLICE = 1000;
/** Below this many files the stats take less time than starting a worker (~20 ms). */
const STAT_IN_WORKER_FROM = 4000;

function statInWorker(dir: string, names: string[]): Promise<StatResponse> {
  return new Promise((resolve, reject) => {
    const request: StatRequest = { dir, names: names.join('\0') };
    // Not the parent's execArgv: flags such as --input-type (a script given with -e) make the worker fail to load.
    const worker = new Worker(new URL('./stat-worker.js', import.meta.url), { workerData: request, execArgv: [] });
    worker.once('message', (response: StatResponse) => resolve(response));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the stat worker stopped (exit code ${code}) before answering`)));
  });
}

/** What one article file holds. */
export type FileContent =
  | { kind: 'article'; article: Article; notes: string[]; contentHash: string }
  | { kind: 'unusable'; reason: string; contentHash: string | null };

/** Why these bytes cannot be an article, or the text they hold. */
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

export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function tooLargeReason(size: number): string {
  return `too large (${(size / 1024 / 1024).toFixed(1)} MB; an article file is at most 2 MB)`;
}

/** Parse the bytes of the file `name` (already read). `addedAt` becomes the article's addedAt. */
export function parseArticleBytes(name: string, bytes: Buffer, addedAt: string): FileContent {
  const hash = contentHash(bytes);
  if (bytes.length > MAX_ARTICLE_BYTES) return { kind: 'unusable', reason: tooLargeReason(bytes.length), contentHash: hash };
  const decoded = decode(bytes);
  if ('reason' in decoded) return { kind: 'unusable', reason: decoded.reason, contentHash: hash };
  try {
    const { article, notes } = parseArticleWithNotes(articleIdOf(name), decoded.text, addedAt);
    return { kind: 'article', article, notes, contentHash: hash };
  } catch (err) {
    if (!(err instanceof UnusableArticleError)) throw err;
    return { kind: 'unusable', reason: err.message, contentHash: hash };
  }
}

/**
 * Read and parse one article file. A file larger than MAX_ARTICLE_BYTES is not read at all. A file that vanished
 * or cannot be read is `unusable` with the reason.
 */
export async function readArticleFile(dir: string, entry: FileEntry, addedAt: string): Promise<FileContent> {
  if (entry.size > MAX_ARTICLE_BYTES) return { kind: 'unusable', reason: tooLargeReason(entry.size), contentHash: null };
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, entry.name));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file disappeared while the corpus was being read' : `cannot be read (${code ?? (err as Error).message})`;
    return { kind: 'unusable', reason, contentHash: null };
  }
  return parseArticleBytes(entry.name, bytes, addedAt);
}
