import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { startBot } from './bot/bot.js';
import { createLogger, type BotLogger } from './bot/log.js';
import { drivingInstructions, runSandboxDemo, setUpPlaygroundBriefings } from './bot/sandbox-demo.js';
import { ConfigError, explainStartupError, loadConfig, redact, type Config } from './config.js';
import { Engine } from './engine/engine.js';
import { FeedPoller, openIngestion } from './ingest/index.js';
import { BriefingService, createBriefingRest } from './schedule/index.js';
import { openStore } from './store/index.js';

/**
 * `npm start`. With DISCORD_TOKEN: connect to Discord (or DISCORD_API_URL). Without: start the local sandbox, run
 * the bot against it, show a short demo, and keep running for manual driving until Ctrl-C.
 */
async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`nashra: configuration error — ${err.message}\nSee .env.example for every variable.\n`);
      return 1;
    }
    throw err;
  }
  const log = createLogger({ secrets: [config.discordToken] });
  // Articles the engine ingests while running are news for the briefings from the moment they were first seen.
  const corpusListeners: ((addedIds: string[]) => void)[] = [];
  const engine = await Engine.open({
    corpusDir: config.articlesDir,
    dataDir: config.dataDir,
    log,
    watch: true,
    onChange: (report) => {
      for (const listener of corpusListeners) listener(report.added);
    },
  });
  // Measured from process start: what `npm run bench` reports as the bot's start-up (Discord's login aside).
  log.info(`engine ready after ${Math.round(performance.now())} ms`);
  const stops: Stops = [() => engine.close()];
  // The quotation index is built in the background, in slices, so the first /quote does not pay for it.
  const warming = performance.now();
  void engine.warmQuotes().then(
    () => log.info(`quotation index ready (${engine.stats().quoteCount} quotations, ${Math.round(performance.now() - warming)} ms)`),
    (err) => log.error('building the quotation index', err),
  );
  const stopAll = async () => {
    for (const stop of stops) await stop().catch((err) => log.error('shutdown', err));
  };
  try {
    if (config.discordToken) await startWithDiscord(config, config.discordToken, engine, log, stops, corpusListeners);
    else await startWithSandbox(config, engine, log, stops, corpusListeners);
  } catch (err) {
    await stopAll(); // a half-started run (sandbox listening, store open) must not keep the process alive
    throw err;
  }

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('shutting down');
  await stopAll();
  return 0;
}

type Stops = (() => Promise<void>)[];
type CorpusListeners = ((addedIds: string[]) => void)[];

/** A real bot: Discord (or the REST base in DISCORD_API_URL), commands registered when they changed. */
async function startWithDiscord(config: Config, token: string, engine: Engine, log: BotLogger, stops: Stops, corpusListeners: CorpusListeners): Promise<void> {
  const briefings = briefingWiring(config, engine, config.dataDir, token, config.discordApiUrl, log);
  corpusListeners.push(briefings.onArticlesAdded);
  stops.unshift(briefings.stop);
  const feeds = feedWiring(config, config.dataDir, log, engine);
  const bot = await startBot({
    token,
    applicationId: config.discordClientId!,
    guildId: config.discordGuildId,
    apiUrl: config.discordApiUrl,
    engine,
    locale: config.locale,
    dataDir: config.dataDir,
    log,
    briefings: briefings.create,
    feeds: feeds.desk,
  });
  stops.unshift(() => bot.stop());
  // The poller stops first: no article is written into the folder while the bot and its watcher shut down.
  stops.unshift(feeds.stop);
  feeds.start();
}

/**
 * No token: the local sandbox on 127.0.0.1:SANDBOX_PORT with its playground page, the bot against it, a short demo,
 * a demo briefing subscription in #briefings, and how to drive it all.
 */
async function startWithSandbox(config: Config, engine: Engine, log: BotLogger, stops: Stops, corpusListeners: CorpusListeners): Promise<void> {
  log.info('no DISCORD_TOKEN: starting the local Discord sandbox');
  const { startSandbox } = await import('./sandbox/index.js');
  // The sandbox is a server of its own, so its state stays apart from a real bot's: DATA_DIR/sandbox holds its
  // world (the ids of its guild, channels and members), the command hash and the briefing subscriptions, so a
  // restart finds the same server and the same subscriptions.
  const sandboxData = path.join(config.dataDir, 'sandbox');
  const sandbox = await startSandbox({
    port: config.sandboxPort,
    maxRecordedRequests: 10_000,
    worldFile: path.join(sandboxData, 'world.json'),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err?.code === 'EADDRINUSE' || err?.code === 'EACCES') {
      throw new ConfigError('SANDBOX_PORT', `127.0.0.1:${config.sandboxPort} is not available (${err.code}); stop what uses it, or set SANDBOX_PORT to another port (0 picks a free one)`);
    }
    throw err;
  });
  stops.push(() => sandbox.close());
  const briefings = briefingWiring(config, engine, sandboxData, sandbox.token, sandbox.apiUrl, log);
  let playground: ReturnType<typeof setUpPlaygroundBriefings> | undefined;
  corpusListeners.push((ids) => (playground ? playground.onArticlesAdded(ids) : briefings.onArticlesAdded(ids)));
  stops.unshift(briefings.stop);
  const feeds = feedWiring(config, sandboxData, log, engine);
  const bot = await startBot({
    token: sandbox.token,
    applicationId: sandbox.applicationId,
    guildId: sandbox.guildId,
    apiUrl: sandbox.apiUrl,
    engine,
    locale: config.locale,
    dataDir: sandboxData,
    registerCommands: 'always',
    log,
    briefings: briefings.create,
    feeds: feeds.desk,
  });
  stops.unshift(() => bot.stop());
  // The poller stops first: no article is written into the folder while the bot and its watcher shut down.
  stops.unshift(feeds.stop);
  feeds.start();
  await sandbox.waitForBot();
  const service = briefings.service();
  if (service) playground = setUpPlaygroundBriefings(sandbox, service, config.locale);
  const print = (text: string) => process.stdout.write(`${text}\n`);
  await runSandboxDemo(sandbox, print);
  print(drivingInstructions(sandbox, { dataDir: sandboxData, demo: playground?.demo ?? null }));
}

/**
 * The scheduled-briefing service (src/schedule) over the SQLite store in `dataDir`, started once the bot is logged
 * in. If it cannot start (an unreadable database), the bot still runs and /digest subscribe says scheduling is
 * unavailable; the reason is in the log.
 */
function briefingWiring(config: Config, engine: Engine, dataDir: string, token: string, apiUrl: string | null, log: BotLogger) {
  let service: BriefingService | undefined;
  let store: ReturnType<typeof openStore> | undefined;
  return {
    create: async () => {
      try {
        store = openStore(dataDir);
        service = new BriefingService({
          store,
          engine,
          rest: createBriefingRest({ token, api: apiUrl ?? undefined }),
          defaultTimeZone: config.briefing.timezone,
          maxPerGuild: config.briefing.maxPerGuild,
          whenEmpty: config.briefing.whenEmpty,
          logChannelId: config.briefing.logChannelId,
          defaultLanguage: config.locale,
          log,
        });
        await service.start();
        return service;
      } catch (err) {
        log.error('scheduled briefings unavailable', err);
        store?.close();
        service = undefined;
        return undefined;
      }
    },
    onArticlesAdded: (ids: string[]) => {
      if (ids.length) service?.recordArticles(undefined, ids);
    },
    service: () => service,
    stop: async () => {
      await service?.stop();
      store?.close();
    },
  };
}

/**
 * The feed poller (src/ingest) over the SQLite store in `dataDir`, writing into the corpus folder; the folder
 * watcher indexes what it writes. Started after the bot is logged in; stopped (bounded) on shutdown. If the store
 * cannot be opened, the bot still runs and /feeds says feeds are unavailable.
 */
function feedWiring(config: Config, dataDir: string, log: BotLogger, engine: Engine) {
  // Ingested articles are files in the corpus folder; the engine reads the new ones at once rather than waiting
  // for the folder watcher (which would see them too: syncing a file twice is harmless).
  const onArticlesWritten = (files: string[]) => {
    void engine.syncFiles(files.map((f) => path.basename(f))).catch((err) => log.error('ingesting new articles', err));
  };
  let poller: FeedPoller | undefined;
  let ingestion: ReturnType<typeof openIngestion> | undefined;
  try {
    ingestion = openIngestion({ corpusDir: config.articlesDir, dataDir, log, pollMinutes: config.feeds.pollMinutes, onArticlesWritten });
    poller = new FeedPoller({ ingestor: ingestion.ingestor, pollMinutes: config.feeds.pollMinutes, log });
  } catch (err) {
    log.error('feeds unavailable', err);
  }
  return {
    desk: poller,
    start: () => {
      poller?.start();
      if (poller) log.info(`feeds: polling every ${config.feeds.pollMinutes} min`);
    },
    stop: async () => {
      await poller?.stop();
      await ingestion?.close();
    },
  };
}

// A bug must not print the token: everything that leaves through here is redacted.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const text = err instanceof ConfigError
      ? `configuration error — ${err.message}`
      : (explainStartupError(err) ?? (err instanceof Error ? (err.stack ?? err.message) : String(err)));
    process.stderr.write(`nashra: ${redact(text, [process.env.DISCORD_TOKEN])}\n`);
    process.exitCode = 1;
  },
);
