import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { startBot, type RunningBot } from './bot/bot.js';
import { createLogger } from './bot/log.js';
import { drivingInstructions, runSandboxDemo } from './bot/sandbox-demo.js';
import { ConfigError, explainStartupError, loadConfig, redact, type Config } from './config.js';
import { Engine } from './engine/engine.js';
import type { BotLogger } from './bot/log.js';
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
  const stops: (() => Promise<void>)[] = [];
  let bot: RunningBot;

  if (config.discordToken) {
    const briefings = briefingWiring(config, engine, config.dataDir, config.discordToken, config.discordApiUrl, log);
    bot = await startBot({
      token: config.discordToken,
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
    stops.push(briefings.stop);
    stops.push(() => bot.stop());
  } else {
    log.info('no DISCORD_TOKEN: starting the local Discord sandbox');
    const { startSandbox } = await import('./sandbox/index.js');
    const sandbox = await startSandbox();
    stops.push(() => sandbox.close());
    // A fresh sandbox knows no commands or channels: keep its state (command hash, subscriptions) apart from Discord's.
    const sandboxData = path.join(config.dataDir, 'sandbox');
    const briefings = briefingWiring(config, engine, sandboxData, sandbox.token, sandbox.apiUrl, log);
    stops.unshift(briefings.stop);
    bot = await startBot({
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
      onCorpusChanged: briefings.onCorpusChanged,
    });
    stops.unshift(() => bot.stop());
    await sandbox.waitForBot();
    const print = (text: string) => process.stdout.write(`${text}\n`);
    await runSandboxDemo(sandbox, print);
    print(drivingInstructions(sandbox));
  }

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('shutting down');
  for (const stop of stops) await stop().catch((err) => log.error('shutdown', err));
  return 0;
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
    const text = explainStartupError(err) ?? (err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.stderr.write(`nashra: ${redact(text, [process.env.DISCORD_TOKEN])}\n`);
    process.exitCode = 1;
  },
);
