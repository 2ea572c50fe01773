import type { Client } from 'discord.js';
import { StoredSettings, type SettingsDesk } from '../bot/settings.js';
import type { Config } from '../config.js';
import type { Engine, Logger } from '../engine/engine.js';
import { openStore, type Store } from '../store/index.js';
import { BriefingService, type BriefingServiceOptions } from './briefing-service.js';
import { createBriefingRest } from './delivery.js';

export interface BriefingWiring {
  /** startBot's `briefings` factory: builds and starts the service once the bot is logged in. */
  create(client: Client<true>): Promise<BriefingService | undefined>;
  /** The engine's change report: articles just added get their first-seen time (when this store is not the engine's). */
  onArticlesAdded(ids: readonly string[]): void;
  /** Stop the service (bounded, see BriefingService.stop) and close the store. */
  stop(): Promise<void>;
  /** The running service, once created (for tests and shutdown logs). */
  readonly service: BriefingService | undefined;
  /** /settings over the same store (undefined when it could not be opened): startBot's `settings`. */
  readonly settings: SettingsDesk | undefined;
}

/**
 * The scheduled-briefing service (src/schedule) over the SQLite store in `dataDir`, started once the bot is logged
 * in — as src/main.ts runs it, and as the end-to-end tests run it — and the server settings (/settings) over the
 * same store, opened at once (every reply's language reads them). If the store cannot be opened (an unreadable
 * database), the bot still runs: /digest subscribe says scheduling is unavailable, replies use BOT_LOCALE, and the
 * reason is in the log.
 *
 * create() does not wait for the start-up catch-up: it arms the schedule and returns, and the catch-up posts in
 * the background (a slow Discord must not hold up the bot's start, nor another subscription's slot).
 */
export function briefingWiring(
  config: Pick<Config, 'briefing' | 'locale'>,
  engine: Engine,
  dataDir: string,
  token: string,
  apiUrl: string | null,
  log: Logger & { error(message: string, err?: unknown): void },
  /** Tests: a controlled clock, no slot timers, their own timers. */
  overrides: Partial<BriefingServiceOptions> = {},
): BriefingWiring {
  let service: BriefingService | undefined;
  let store: Store | undefined;
  try {
    // The bot's engine checkpoints the shared file in a worker; this connection's small commits must not.
    store = openStore(dataDir, { checkpoints: 'elsewhere' });
  } catch (err) {
    log.error('scheduled briefings and settings unavailable', err);
  }
  const settings = store
    ? new StoredSettings(store.settings, { language: config.locale, timezone: config.briefing.timezone, logChannelId: config.briefing.logChannelId }, overrides.clock)
    : undefined;
  return {
    get service() {
      return service;
    },
    settings,
    create: async (client) => {
      if (!store) return undefined;
      try {
        service = new BriefingService({
          store,
          engine,
          rest: createBriefingRest({ token, api: apiUrl ?? undefined }),
          defaultTimeZone: config.briefing.timezone,
          maxPerGuild: config.briefing.maxPerGuild,
          whenEmpty: config.briefing.whenEmpty,
          logChannelId: config.briefing.logChannelId,
          defaultLanguage: config.locale,
          botUserId: client.user.id,
          log,
          ...overrides,
        });
        const started = service;
        started.start().then(
          (outcomes) => {
            if (outcomes.length) log.info(`scheduled briefings: start-up catch-up done (${outcomes.length} run(s))`);
          },
          (err) => log.error('scheduled briefings: start-up catch-up failed', err),
        );
        return started;
      } catch (err) {
        log.error('scheduled briefings unavailable', err);
        service = undefined;
        return undefined;
      }
    },
    onArticlesAdded: (ids) => {
      if (ids.length) service?.recordArticles(undefined, ids);
    },
    stop: async () => {
      await service?.stop();
      store?.close();
    },
  };
}
