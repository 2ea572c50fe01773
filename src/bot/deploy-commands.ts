import { REST } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, explainStartupError, loadConfig, redact } from '../config.js';
import { loadCommands } from './loader.js';
import { commandDefinitions, registerIfChanged } from './register.js';

/**
 * `npm run deploy-commands`: register the slash commands now — in DISCORD_GUILD_ID when set (instant, for
 * development), else globally (production; Discord may take a while to show them everywhere).
 */
async function deploy(): Promise<number> {
  loadDotenv({ quiet: true });
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`deploy-commands: configuration error — ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (!config.discordToken || !config.discordClientId) {
    process.stderr.write('deploy-commands: DISCORD_TOKEN is not set; there is nothing to deploy to (npm start uses the local sandbox).\n');
    return 1;
  }
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
  const definitions = commandDefinitions(await loadCommands());
  // Forced, and recorded in DATA_DIR like a start-up registration, so the next `npm start` does not repeat it.
  const target = { applicationId: config.discordClientId, guildId: config.discordGuildId };
  await registerIfChanged(rest, target, definitions, config.dataDir, true);
  process.stdout.write(
    `registered ${definitions.length} commands (${definitions.map((d) => `/${d.name}`).join(' ')}) ` +
      `${config.discordGuildId ? `in guild ${config.discordGuildId}` : 'globally'}\n`,
  );
  return 0;
}

deploy().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const text = explainStartupError(err) ?? (err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.stderr.write(`deploy-commands: ${redact(text, [process.env.DISCORD_TOKEN])}\n`);
    process.exitCode = 1;
  },
);
