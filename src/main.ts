import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { startBot } from './bot/bot.js';
import { createLogger, type BotLogger } from './bot/log.js';
import { drivingInstructions, runSandboxDemo } from './bot/sandbox-demo.js';
import { ConfigError, explainStartupError, loadConfig, redact, type Config } from './config.js';
import { Engine } from './engine/engine.js';
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

/** No token: a local sandbox, the bot against it, a short demo, and how to drive it by hand. */
async function startWithSandbox(config: Config, engine: Engine, log: BotLogger, stops: Stops): Promise<void> {
  log.info('no DISCORD_TOKEN: starting the local Discord sandbox');
  const { startSandbox } = await import('./sandbox/index.js');
  const sandbox = await startSandbox({ maxRecordedRequests: 10_000 });
  stops.push(() => sandbox.close());
  // Every sandbox is new (new ids, no commands, no channels), so its state — the command hash and the briefing
  // subscriptions — lives in a temporary folder for this run only, never mixed with a real bot's DATA_DIR.
  const sandboxData = await mkdtemp(path.join(tmpdir(), 'nashra-sandbox-'));
  stops.push(() => rm(sandboxData, { recursive: true, force: true }));
  const briefings = briefingWiring(config, engine, sandboxData, sandbox.token, sandbox.apiUrl, log);
  stops.unshift(briefings.stop);
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
    onCorpusChanged: briefings.onCorpusChanged,
  });
  stops.unshift(() => bot.stop());
  await sandbox.waitForBot();
  const print = (text: string) => process.stdout.write(`${text}\n`);
  await runSandboxDemo(sandbox, print);
  print(drivingInstructions(sandbox));
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
