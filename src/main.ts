import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { startBot } from './bot/bot.js';
import { createLogger, type BotLogger } from './bot/log.js';
import { drivingInstructions, runSandboxDemo, setUpPlaygroundBriefings } from './bot/sandbox-demo.js';
import { ConfigError, explainStartupError, loadConfig, redact, type Config } from './config.js';
import { Engine } from './engine/engine.js';
import { FeedPoller, openIngestion } from './ingest/index.js';
import { briefingWiring } from './schedule/wiring.js';

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
  const corpusListeners: CorpusListeners = [];
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
  // The engine closes last: the bot, the poller and the briefings stop before it.
  const stops: Stops = [() => engine.close()];
  // The quotation index is built in the background, in slices, so the first /quote does not pay for it.
  const warming = performance.now();
  void engine.warmQuotes().then(
    () => log.info(`quotation index ready (${engine.stats().quoteCount} quotations, ${Math.round(performance.now() - warming)} ms)`),
    (err) => log.error('building the quotation index', err),
  );
  const stopAll = async () => {
    for (const stop of stops) await boundedStop(stop, log);
  };
  // Listen for SIGINT/SIGTERM from the start: a stop requested while we are still logging in (or registering)
  // shuts down what has started instead of killing the process mid-way.
  const signalled = new Promise<'signal'>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
  });
  const starting = (async () => {
    if (config.discordToken) await startWithDiscord(config, config.discordToken, engine, log, stops, corpusListeners);
    else await startWithSandbox(config, engine, log, stops, corpusListeners);
    return 'started' as const;
  })();
  starting.catch(() => {}); // awaited below; a failure after a stop request is only logged by the stop
  try {
    if ((await Promise.race([starting, signalled])) === 'started') await signalled;
  } catch (err) {
    await stopAll(); // a half-started run (sandbox listening, store open) must not keep the process alive
    throw err;
  }
  log.info('shutting down');
  shuttingDown = true;
  // A second Ctrl-C (or SIGTERM) means "now". The stores are SQLite in WAL mode: nothing written is lost.
  const now = () => {
    log.warn('second signal: exiting without waiting');
    process.exit(1);
  };
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  // The safety net behind the per-step bounds: whatever the network does, the process is gone before the 10 s
  // after which docker stop / systemctl stop send SIGKILL.
  setTimeout(() => {
    log.error('shutdown did not finish in time; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  await stopAll();
  log.info('stopped');
  return 0;
}

/**
 * Shutdown bounds. Each step (poller, bot, briefings, sandbox, engine) gets STOP_STEP_MS: a Discord that does not
 * answer would otherwise hold the gateway's close handshake for 30 s (ws's close timeout) and a briefing post for
 * as long as its 429 says. What can be recorded is recorded before that: deliveries are aborted (their runs stay
 * 'posting' and are resumed at the next start) and the stores are closed. A kill at any point loses nothing either.
 */
const STOP_STEP_MS = 3_000;
const SHUTDOWN_DEADLINE_MS = 9_500;

async function boundedStop(stop: () => Promise<void>, log: BotLogger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STOP_STEP_MS);
  });
  try {
    const outcome = await Promise.race([stop().then(() => 'done' as const), late]);
    if (outcome === 'late') log.warn(`shutdown: a step took longer than ${STOP_STEP_MS / 1000} s (Discord unreachable?); going on`);
  } catch (err) {
    log.error('shutdown', err);
  } finally {
    clearTimeout(timer);
  }
}

type Stops = (() => Promise<void>)[];
type CorpusListeners = ((addedIds: string[]) => void)[];

let shuttingDown = false;

/** A real bot: Discord (or the REST base in DISCORD_API_URL), commands registered when they changed. */
async function startWithDiscord(config: Config, token: string, engine: Engine, log: BotLogger, stops: Stops, corpusListeners: CorpusListeners): Promise<void> {
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
    // After a shutdown, sockets to an unreachable Discord (and discord.js's wait for a 429) may still hold the
    // event loop; everything worth keeping is written, so do not wait for them.
    if (shuttingDown) process.exit(code);
  },
  (err: unknown) => {
    const text = err instanceof ConfigError
      ? `configuration error — ${err.message}`
      : (explainStartupError(err) ?? (err instanceof Error ? (err.stack ?? err.message) : String(err)));
    process.stderr.write(`nashra: ${redact(text, [process.env.DISCORD_TOKEN])}\n`);
    process.exitCode = 1;
  },
);
