import { watch, type FSWatcher } from 'node:fs';
import type { Engine } from '../engine/engine.js';
import type { BotLogger } from './log.js';

export interface CorpusWatcher {
  close(): void;
  /** Resolves when no reload is pending or running (for tests and shutdown). */
  idle(): Promise<void>;
}

/**
 * Re-index when article files are added, changed or removed while the bot runs. fs.watch fires several events per
 * save (editors write, rename, chmod), so reloads are debounced; reloads never overlap, and one that fails is
 * logged, not fatal — the engine keeps serving its previous snapshot, and a broken file is skipped by the loader
 * with a warning.
 */
export function watchCorpus(engine: Engine, log: BotLogger, options: { debounceMs?: number; onChanged?: () => void } = {}): CorpusWatcher {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    try {
      const changed = await engine.reload();
      if (changed) {
        log.info(`corpus changed: re-indexed ${engine.stats().articleCount} articles`);
        options.onChanged?.();
      }
    } catch (err) {
      log.error(`re-indexing ${engine.corpusDir} failed; still serving the previous index`, err);
    }
  };
  const run = () => {
    timer = null;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = reload().finally(() => {
      running = null;
      if (again && !closed) {
        again = false;
        run();
      }
    });
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(engine.corpusDir, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, debounceMs);
    });
    watcher.on('error', (err) => log.warn(`watching ${engine.corpusDir} stopped: ${err.message}`));
  } catch (err) {
    log.warn(`cannot watch ${engine.corpusDir} for changes (${(err as Error).message}); restart to pick up new articles`);
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
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
