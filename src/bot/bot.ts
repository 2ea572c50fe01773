import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Engine } from '../engine/engine.js';
import type { FeedDesk } from '../ingest/poller.js';
import type { BriefingDesk } from '../schedule/types.js';
import type { BotContext, CommandModule, QuoteSession, SearchSession } from './command.js';
import { stringsFor, type Locale } from './i18n/index.js';
import { createInteractionHandler } from './interactions.js';
import { loadCommands } from './loader.js';
import type { BotLogger } from './log.js';
import type { MessagePayload } from './render/payload.js';
import { SEARCH_PAGE_SIZE } from './render/search.js';
import { commandDefinitions, registerIfChanged } from './register.js';
import { logDiscordError } from './respond.js';
import { SessionStore } from './sessions.js';
import type { SettingsDesk } from './settings.js';
import { packageVersion } from './version.js';

export interface StartBotOptions {
  token: string;
  applicationId: string;
  guildId?: string | null;
  /** REST base URL without the version (DISCORD_API_URL, or the sandbox's apiUrl); Discord's own when omitted. */
  apiUrl?: string | null;
  engine: Engine;
  locale: Locale;
  dataDir: string;
  log: BotLogger;
  /**
   * The scheduled-briefing service, or a factory that builds it from the logged-in client (it posts through it).
   * Without one, the /digest subscription commands answer that scheduling is unavailable.
   */
  briefings?: BriefingDesk | ((client: Client<true>) => BriefingDesk | undefined | Promise<BriefingDesk | undefined>);
  /** The feed poller behind /feeds (src/ingest); without it, /feeds answers that feeds are unavailable. */
  feeds?: FeedDesk;
  /** Stored per-server and per-member settings (/settings, the language of every reply); without them, BOT_LOCALE. */
  settings?: SettingsDesk;
  /** 'if-changed' (default) compares with the hash stored in dataDir; 'always' for a fresh sandbox. */
  registerCommands?: 'if-changed' | 'always' | 'never';
  /** Results per /search page (default 5). */
  searchPageSize?: number;
  /** How long to wait for the gateway READY (default 30 s). */
  readyTimeoutMs?: number;
}

export interface RunningBot {
  client: Client<true>;
  ctx: BotContext;
  commands: Map<string, CommandModule>;
  stop(): Promise<void>;
}

/** Load the commands, register them if needed, log in, and answer interactions until stop(). */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { log, engine } = options;
  const commands = await loadCommands();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Also the default for anything sent through the client; every payload sets it explicitly as well.
    allowedMentions: { parse: [] },
    rest: options.apiUrl ? { api: options.apiUrl } : {},
  });
  client.rest.setToken(options.token);

  const ctx: BotContext = {
    engine,
    locale: options.locale,
    t: stringsFor(options.locale),
    searches: new SessionStore<SearchSession>(),
    quoteSearches: new SessionStore<QuoteSession>(),
    // Every private page registers its shareable copy (a few KB; a digest tens of KB): a tighter cap than searches.
    shares: new SessionStore<MessagePayload[]>(15 * 60_000, 500),
    articleRefs: new SessionStore<string>(),
    feeds: options.feeds,
    settings: options.settings,
    log,
    version: packageVersion(),
    searchPageSize: options.searchPageSize ?? SEARCH_PAGE_SIZE,
  };

  const mode = options.registerCommands ?? 'if-changed';
  if (mode !== 'never') {
    const target = { applicationId: options.applicationId, guildId: options.guildId ?? null };
    const outcome = await registerIfChanged(client.rest, target, commandDefinitions(commands), options.dataDir, mode === 'always');
    log.info(`slash commands ${outcome === 'registered' ? 'registered' : 'unchanged, not re-registered'} (${target.guildId ? `guild ${target.guildId}` : 'global'})`);
  }

  const handle = createInteractionHandler(commands, ctx);
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((err) => logDiscordError(log, 'interaction handler', err));
  });
  client.on(Events.Error, (err) => log.error('discord client error', err));
  client.on(Events.Warn, (message) => log.warn(`discord: ${message}`));

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    readyTimer = setTimeout(() => reject(new Error('timed out waiting for the Discord gateway (READY)')), options.readyTimeoutMs ?? 30_000);
    client.once(Events.ClientReady, (c) => resolve(c));
  });
  ready.catch(() => {}); // awaited below; this only stops an early login failure from leaving it unhandled
  let readyClient: Client<true>;
  try {
    await client.login(options.token);
    readyClient = await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  } finally {
    clearTimeout(readyTimer);
  }
  log.info(`logged in as ${readyClient.user.tag} (${commands.size} commands: ${[...commands.keys()].map((n) => `/${n}`).join(' ')})`);

  if (options.briefings) {
    // The factory arms the schedule and returns; its start-up catch-up runs in the background.
    ctx.briefings = typeof options.briefings === 'function' ? await options.briefings(readyClient) : options.briefings;
  }

  return {
    client: readyClient,
    ctx,
    commands,
    async stop() {
      await client.destroy();
    },
  };
}
