/**
 * Following the corpus folder while the bot runs. fs.watch names the file that changed, so a new article is
 * ingested on its own (no pass over the other files); events come several per save (editors write, rename,
 * chmod) and are gathered for `debounceMs`. fs.watch can drop events (an overflowing queue, a network drive) or
 * stop, so the whole folder is also compared with the store every `rescanMs` — a few hundred milliseconds of stats
 * for 30k files, done asynchronously.
 */
import { watch, type FSWatcher } from 'node:fs';

export interface FolderWatcher {
  close(): void;
  /** Resolves when no sync started by the watcher is pending or running. */
  idle(): Promise<void>;
}

export interface WatchOptions {
  debounceMs?: number;
  rescanMs?: number;
  /** Sync these file names. */
  onNames: (names: string[]) => Promise<void>;
  /** Compare the whole folder. */
  onRescan: () => Promise<void>;
}

export function watchFolder(dir: string, log: { warn(m: string): void }, options: WatchOptions): FolderWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const rescanMs = options.rescanMs ?? 10 * 60_000;
  const names = new Set<string>();
  let rescan = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;

  const run = () => {
    timer = null;
    if (closed || running) return;
    const batch = [...names];
    const whole = rescan;
    names.clear();
    rescan = false;
    if (!whole && !batch.length) return;
    running = (whole ? options.onRescan() : options.onNames(batch)).finally(() => {
      running = null;
      if ((names.size || rescan) && !closed) schedule(0);
    });
  };
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, (_event, filename) => {
      // No name: the platform could not say which file; look at them all.
      if (filename) names.add(filename.toString());
      else rescan = true;
      schedule(debounceMs);
    });
    watcher.on('error', (err) => {
      log.warn(`watching ${dir} stopped (${err.message}); the folder is still compared every ${Math.round(rescanMs / 1000)} s`);
      watcher?.close();
      watcher = null;
    });
  } catch (err) {
    log.warn(`cannot watch ${dir} for changes (${(err as Error).message}); the folder is compared every ${Math.round(rescanMs / 1000)} s`);
  }
  const periodic = setInterval(() => {
    rescan = true;
    schedule(0);
  }, rescanMs);
  periodic.unref();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null; // idle() waits while a timer is set
      clearInterval(periodic);
      watcher?.close();
    },
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, debounceMs));
      }
    },
  };
}
