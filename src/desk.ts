/**
 * The desk around the engine in a running `npm start`: the bot on Discord (or on the local sandbox, with its demo
 * and playground), the briefing service and the feed poller. Imported by main.ts once the engine is open.
 */
import path from 'node:path';
import { startBot } from './bot/bot.js';
import type { BotLogger } from './bot/log.js';
import { drivingInstructions, runSandboxDemo, setUpPlaygroundBriefings } from './bot/sandbox-demo.js';
import { ConfigError, type Config } from './config.js';
import type { Engine } from './engine/engine.js';
import { FeedPoller, openIngestion } from './ingest/index.js';
import { briefingWiring } from './schedule/wiring.js';

export type Stops = (() => Promise<void>)[];
export type CorpusListeners = ((addedIds: string[]) => void)[];

/** A real bot: Discord (or the REST base in DISCORD_API_URL), commands registered when they changed. */
export async function startWithDiscord(config: Config, token: string, engine: Engine, log: BotLogger, stops: Stops, corpusListeners: CorpusListeners): Promise<void> {
  const briefings = briefingWiring(config, engine, config.dataDir, token, config.discordApiUrl, log);
  corpusListeners.push((ids) => briefings.onArticlesAdded(ids));
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
    settings: briefings.settings,
    feeds: feeds.desk,
  });
  stops.unshift(() => bot.stop());
  // The poller stops first: no article is written into the folder while the rest shuts down.
  stops.unshift(feeds.stop);
  feeds.start();
}

/**
 * No token: the local sandbox on 127.0.0.1:SANDBOX_PORT with its playground page, the bot against it, a short demo,
 * a demo briefing subscription in #briefings, and how to drive it all.
 */
export async function startWithSandbox(config: Config, engine: Engine, log: BotLogger, stops: Stops, corpusListeners: CorpusListeners): Promise<void> {
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
  stops.unshift(() => sandbox.close());
  const briefings = briefingWiring(config, engine, sandboxData, sandbox.token, sandbox.apiUrl, log);
  let playground: Awaited<ReturnType<typeof setUpPlaygroundBriefings>> | undefined;
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
    settings: briefings.settings,
    feeds: feeds.desk,
  });
  stops.unshift(() => bot.stop());
  stops.unshift(feeds.stop);
  feeds.start();
  await sandbox.waitForBot();
  const service = briefings.service;
  if (service) playground = await setUpPlaygroundBriefings(sandbox, service, config.locale);
  const print = (text: string) => process.stdout.write(`${text}\n`);
  await runSandboxDemo(sandbox, print);
  print(drivingInstructions(sandbox, { dataDir: sandboxData, demo: playground?.demo ?? null }));
}

/**
 * The feed poller (src/ingest) over the SQLite store in `dataDir`, writing into the corpus folder. Started after
 * the bot is logged in; stopped (bounded) on shutdown. If the store cannot be opened, the bot still runs and /feeds
 * says feeds are unavailable.
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
    // The bot's engine checkpoints the shared file in a worker (CheckpointMode).
    ingestion = openIngestion({ corpusDir: config.articlesDir, dataDir, log, pollMinutes: config.feeds.pollMinutes, onArticlesWritten, checkpoints: 'elsewhere' });
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

