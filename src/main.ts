import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { startBot } from './bot/bot.js';
import { createLogger, type BotLogger } from './bot/log.js';
import { drivingInstructions, runSandboxDemo, setUpPlaygroundBriefings } from './bot/sandbox-demo.js';
import { ConfigError, explainStartupError, loadConfig, redact, type Config } from './config.js';
import { Engine } from './engine/engine.js';
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
  const engine = await Engine.open({ corpusDir: config.articlesDir, dataDir: config.dataDir, log });
  const stops: Stops = [];
  const stopAll = async () => {
    for (const stop of stops) await stop().catch((err) => log.error('shutdown', err));
  };
  try {
    if (config.discordToken) await startWithDiscord(config, config.discordToken, engine, log, stops);
    else await startWithSandbox(config, engine, log, stops);
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

/** A real bot: Discord (or the REST base in DISCORD_API_URL), commands registered when they changed. */
async function startWithDiscord(config: Config, token: string, engine: Engine, log: BotLogger, stops: Stops): Promise<void> {
  const briefings = briefingWiring(config, engine, config.dataDir, token, config.discordApiUrl, log);
  stops.push(briefings.stop);
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
    onCorpusChanged: briefings.onCorpusChanged,
  });
  stops.unshift(() => bot.stop());
}

/**
 * No token: the local sandbox on 127.0.0.1:SANDBOX_PORT with its playground page, the bot against it, a short demo,
 * a demo briefing subscription in #briefings, and how to drive it all.
 */
async function startWithSandbox(config: Config, engine: Engine, log: BotLogger, stops: Stops): Promise<void> {
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
  stops.unshift(briefings.stop);
  let playground: ReturnType<typeof setUpPlaygroundBriefings> | undefined;
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
    onCorpusChanged: () => (playground ? playground.onCorpusChanged() : briefings.onCorpusChanged()),
  });
  stops.unshift(() => bot.stop());
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
    onCorpusChanged: () => service?.recordArticles(),
    service: () => service,
    stop: async () => {
      await service?.stop();
      store?.close();
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
