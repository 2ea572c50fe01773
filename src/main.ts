import { config as loadDotenv } from 'dotenv';
import { createLogger, type BotLogger } from './bot/log.js';
import { ConfigError, explainStartupError, loadConfig, redact, type Config } from './config.js';
import type { CorpusListeners, Stops } from './desk.js';
import { Engine } from './engine/engine.js';

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
  // The query path is run once and the quotation index built in the background, in slices, so that the first
  // /search and /quote do not pay for them. It starts once the bot's modules are loaded: module loading is many
  // small steps, and each would wait behind a slice.
  const warmUp = () => {
    void engine.warmSearch().catch((err) => log.error('warming up the search', err));
    const warming = performance.now();
    void engine.warmQuotes().then(
      () => log.info(`quotation index ready (${engine.stats().quoteCount} quotations, ${Math.round(performance.now() - warming)} ms)`),
      (err) => log.error('building the quotation index', err),
    );
    void engine.warmDigest().catch((err) => log.error('counting the outlets\' formulas', err));
  };
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
    // Loaded once the engine is open: discord.js and the briefing service are half of a start-up's module loading,
    // and nothing in them is needed to open the corpus.
    const { startWithDiscord, startWithSandbox } = await import('./desk.js');
    log.info(`bot modules loaded after ${Math.round(performance.now())} ms`);
    warmUp();
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

let shuttingDown = false;

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
