/**
 * Putting an article file into the corpus folder, atomically and without ever replacing a different article.
 *
 * The text is written to a hidden temporary file in the same folder (the loader and the watcher skip names
 * starting with «.»), flushed, then hard-linked to its final name: link() fails when the name exists, so two
 * writers (the bot and `nashra fetch`) cannot overwrite each other, and a reader sees either no file or the
 * whole file. Where hard links are not supported, an existence check and rename() are used instead.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export type WriteOutcome =
  | { kind: 'written'; file: string }
  /** The name is taken by a file with exactly this text. */
  | { kind: 'identical'; file: string }
  /** The name is taken by a different file; nothing was written. */
  | { kind: 'taken'; file: string }
  | { kind: 'failed'; message: string };

async function sameText(file: string, text: string): Promise<boolean> {
  try {
    return (await readFile(file, 'utf8')) === text;
  } catch {
    return false;
  }
}

export async function writeArticleFile(corpusDir: string, fileName: string, text: string): Promise<WriteOutcome> {
  if (fileName.startsWith('.') || fileName !== path.basename(fileName)) return { kind: 'failed', message: `bad article file name ${fileName}` };
  const target = path.join(corpusDir, fileName);
  const temp = path.join(corpusDir, `.${fileName}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await unlink(temp).catch(() => {});
    return { kind: 'failed', message: `cannot write into the corpus folder ${corpusDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    try {
      await link(temp, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return (await sameText(target, text)) ? { kind: 'identical', file: target } : { kind: 'taken', file: target };
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw err;
      // No hard links here (some network and FAT file systems): check, then rename.
      const exists = await stat(target).then(() => true, () => false);
      if (exists) return (await sameText(target, text)) ? { kind: 'identical', file: target } : { kind: 'taken', file: target };
      await rename(temp, target);
    }
    return { kind: 'written', file: target };
  } catch (err) {
    return { kind: 'failed', message: `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** `name.md` → `name-2.md`, `name-3.md`, …: the next name to try when a different article holds this one. */
export function alternativeName(fileName: string, attempt: number): string {
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}-${attempt}${ext}`;
}
