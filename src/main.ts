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
    for (const stop of stops) await boundedStop(stop, log);
  };
  // Listen for SIGINT/SIGTERM from the start: a stop requested while we are still logging in (or registering)
  // shuts down what has started instead of killing the process mid-way.
  const signalled = new Promise<'signal'>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
  });
  const starting = (async () => {
    if (config.discordToken) await startWithDiscord(config, config.discordToken, engine, log, stops);
    else await startWithSandbox(config, engine, log, stops);
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
  // A second Ctrl-C (or SIGTERM) means "now". The store is SQLite in WAL mode: nothing written is lost.
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
 * Shutdown bounds. Each step (bot, briefings, sandbox) gets STOP_STEP_MS: a Discord that does not answer would
 * otherwise hold the gateway's close handshake for 30 s (ws's close timeout) and a briefing post for as long as
 * its 429 says. What can be recorded is recorded before that: deliveries are aborted (their runs stay 'posting'
 * and are resumed at the next start) and the store is closed.
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

let shuttingDown = false;

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
    // After a shutdown, sockets to an unreachable Discord (and discord.js's wait for a 429) may still hold the
    // event loop; everything worth keeping is written, so do not wait for them.
    if (shuttingDown) process.exit(code);
  },
  (err: unknown) => {
    const text = explainStartupError(err) ?? (err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.stderr.write(`nashra: ${redact(text, [process.env.DISCORD_TOKEN])}\n`);
    process.exitCode = 1;
  },
);
