import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from './bot/i18n/index.js';

/**
 * The bot's configuration, read from the environment (and .env through dotenv in src/main.ts) and validated in
 * one place at start-up. A bad or missing variable throws a ConfigError that names it; main prints it and exits.
 * .env.example documents every variable.
 */
export interface Config {
  /** Absent → sandbox mode: `npm start` runs a local Discord-compatible server and the bot against it. */
  discordToken: string | null;
  discordClientId: string | null;
  discordGuildId: string | null;
  /** REST base URL without the version, e.g. https://discord.com/api (discord.js appends /v10). */
  discordApiUrl: string | null;
  articlesDir: string;
  dataDir: string;
  locale: Locale;
  /** Sandbox mode only: the playground's port on 127.0.0.1 (0 = any free port). */
  sandboxPort: number;
  briefing: {
    timezone: string;
    maxPerGuild: number;
    whenEmpty: 'line' | 'silent';
    logChannelId: string | null;
  };
  feeds: {
    /** Minutes between feed polls (FEED_POLL_MINUTES). */
    pollMinutes: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The playground's default address is http://127.0.0.1:3977/ — fixed, so the printed links stay valid across runs. */
export const DEFAULT_SANDBOX_PORT = 3977;

/** Discord ids are 64-bit integers written in decimal: 17 to 20 digits for anything created since 2015. */
const SNOWFLAKE = /^\d{17,20}$/;

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };

  const discordToken = read('DISCORD_TOKEN');
  // Never echo the token back, even in an error: say what is wrong with it without showing it.
  if (discordToken && /\s/.test(discordToken)) throw new ConfigError('DISCORD_TOKEN', 'contains whitespace; paste the bot token exactly');

  const discordClientId = snowflake('DISCORD_CLIENT_ID', read('DISCORD_CLIENT_ID'));
  if (discordToken && !discordClientId) {
    throw new ConfigError('DISCORD_CLIENT_ID', 'is required when DISCORD_TOKEN is set (the application id from the Discord developer portal)');
  }
  const discordGuildId = snowflake('DISCORD_GUILD_ID', read('DISCORD_GUILD_ID'));

  const discordApiUrl = read('DISCORD_API_URL');
  if (discordApiUrl) {
    let url: URL | null = null;
    try {
      url = new URL(discordApiUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError('DISCORD_API_URL', `must be an http(s) URL such as https://discord.com/api, got "${discordApiUrl}"`);
    }
    if (/\/v\d+\/?$/.test(url.pathname)) {
      throw new ConfigError('DISCORD_API_URL', 'must not end with the API version (/v10): discord.js adds it');
    }
  }

  const articlesDir = path.resolve(cwd, read('ARTICLES_DIR') ?? 'seeds');
  if (!existsSync(articlesDir) || !statSync(articlesDir).isDirectory()) {
    throw new ConfigError('ARTICLES_DIR', `folder "${articlesDir}" does not exist`);
  }
  const dataDir = path.resolve(cwd, read('DATA_DIR') ?? 'data');
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new ConfigError('DATA_DIR', `"${dataDir}" exists and is not a folder`);
  }

  const locale = read('BOT_LOCALE') ?? 'en';
  if (locale !== 'en' && locale !== 'ar') throw new ConfigError('BOT_LOCALE', `must be "en" or "ar", got "${locale}"`);

  const portRaw = read('SANDBOX_PORT') ?? String(DEFAULT_SANDBOX_PORT);
  const sandboxPort = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || sandboxPort > 65535) {
    throw new ConfigError('SANDBOX_PORT', `must be a port number from 1 to 65535 (or 0 for any free port), got "${portRaw}"`);
  }

  const timezone = read('BRIEFING_TIMEZONE') ?? 'Africa/Casablanca';
  if (!isTimeZone(timezone)) {
    throw new ConfigError('BRIEFING_TIMEZONE', `"${timezone}" is not an IANA timezone (e.g. Africa/Casablanca, Asia/Riyadh, UTC)`);
  }
  const maxRaw = read('BRIEFING_MAX_PER_GUILD') ?? '10';
  const maxPerGuild = Number(maxRaw);
  if (!/^\d+$/.test(maxRaw) || maxPerGuild < 1 || maxPerGuild > 100) {
    throw new ConfigError('BRIEFING_MAX_PER_GUILD', `must be a whole number from 1 to 100, got "${maxRaw}"`);
  }
  const whenEmpty = read('BRIEFING_WHEN_EMPTY') ?? 'line';
  if (whenEmpty !== 'line' && whenEmpty !== 'silent') {
    throw new ConfigError('BRIEFING_WHEN_EMPTY', `must be "line" or "silent", got "${whenEmpty}"`);
  }
  const logChannelId = snowflake('BRIEFING_LOG_CHANNEL_ID', read('BRIEFING_LOG_CHANNEL_ID'));

  // Feeds publish every few minutes at most; polling more often than every 5 minutes only loads the sites (and
  // MonitoRSS's floor is higher still). A day is the longest interval that still makes a news desk.
  const pollRaw = read('FEED_POLL_MINUTES') ?? '15';
  const pollMinutes = Number(pollRaw);
  if (!/^\d+$/.test(pollRaw) || pollMinutes < 5 || pollMinutes > 1440) {
    throw new ConfigError('FEED_POLL_MINUTES', `must be a whole number of minutes from 5 to 1440, got "${pollRaw}"`);
  }

  return {
    discordToken,
    discordClientId,
    discordGuildId,
    discordApiUrl,
    articlesDir,
    dataDir,
    locale,
    sandboxPort,
    briefing: { timezone, maxPerGuild, whenEmpty, logChannelId },
    feeds: { pollMinutes },
  };
}

function snowflake(name: string, value: string | null): string | null {
  if (value !== null && !SNOWFLAKE.test(value)) {
    throw new ConfigError(name, `must be a Discord id (17–20 digits), got "${value}"`);
  }
  return value;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A start-up failure explained in terms of the configuration when it is one: Discord refusing the token (401, or
 * discord.js's TokenInvalid) is a DISCORD_TOKEN problem, a 50001 on command registration a DISCORD_GUILD_ID one.
 * Null for anything else.
 */
export function explainStartupError(err: unknown): string | null {
  const e = err as { status?: number; code?: unknown } | null;
  if (e && (e.status === 401 || e.code === 'TokenInvalid')) {
    return 'DISCORD_TOKEN: Discord refused this token (401 Unauthorized). Copy it again from the developer portal (Bot → Reset Token).';
  }
  if (e && e.status === 403 && e.code === 50001) {
    return 'DISCORD_GUILD_ID: Discord refused to register the commands there (50001 Missing Access). Invite the bot to that server with the applications.commands scope, or unset DISCORD_GUILD_ID to register globally.';
  }
  // Network failures reach us as Node system errors (possibly wrapped as `cause` by fetch).
  const net = (e as { cause?: { code?: unknown } } | null)?.cause?.code ?? e?.code;
  if (net === 'ECONNREFUSED' || net === 'ENOTFOUND' || net === 'EAI_AGAIN' || net === 'ETIMEDOUT' || net === 'ECONNRESET') {
    return `DISCORD_API_URL: Discord's API could not be reached (${String(net)}). Check the network, or the URL in DISCORD_API_URL when it is set.`;
  }
  return null;
}

/** Replace every occurrence of the secrets in a text (log lines, error messages) before it leaves the process. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}
