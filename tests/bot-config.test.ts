import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/bot/log.js';
import { createServer, type AddressInfo } from 'node:net';
import { ConfigError, explainStartupError, loadConfig, redact } from '../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.fake-token-for-tests_0123456789abcdef';
const CLIENT = '123456789012345678';
const cwd = path.resolve('.');

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults: sandbox mode (no token), seeds, data, English, Casablanca briefings', () => {
    const config = loadConfig({}, cwd);
    expect(config.discordToken).toBeNull();
    expect(config.articlesDir).toBe(path.resolve('seeds'));
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.locale).toBe('en');
    expect(config.briefing).toEqual({ timezone: 'Africa/Casablanca', maxPerGuild: 10, whenEmpty: 'line', logChannelId: null });
    expect(config.feeds).toEqual({ pollMinutes: 15 });
  });

  it('reads FEED_POLL_MINUTES', () => {
    expect(loadConfig({ FEED_POLL_MINUTES: '60' }, cwd).feeds).toEqual({ pollMinutes: 60 });
  });

  it('SANDBOX_PORT: a fixed default (3977) so printed addresses stay valid; 0 for any free port; nonsense named', () => {
    expect(loadConfig({}, cwd).sandboxPort).toBe(3977);
    expect(loadConfig({ SANDBOX_PORT: '0' }, cwd).sandboxPort).toBe(0);
    expect(loadConfig({ SANDBOX_PORT: '8080' }, cwd).sandboxPort).toBe(8080);
    for (const bad of ['http', '70000', '-1', '80.5']) {
      const error = errorFor({ SANDBOX_PORT: bad });
      expect(error.variable).toBe('SANDBOX_PORT');
      expect(error.message).toContain(bad);
    }
  });

  it('reads a full Discord configuration', () => {
    const config = loadConfig(
      {
        DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT, DISCORD_GUILD_ID: '223456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api', BOT_LOCALE: 'ar', BRIEFING_TIMEZONE: 'Asia/Riyadh',
        BRIEFING_MAX_PER_GUILD: '3', BRIEFING_WHEN_EMPTY: 'silent', BRIEFING_LOG_CHANNEL_ID: '323456789012345678',
      },
      cwd,
    );
    expect(config).toMatchObject({ discordToken: TOKEN, discordClientId: CLIENT, discordGuildId: '223456789012345678', locale: 'ar' });
    expect(config.briefing).toEqual({ timezone: 'Asia/Riyadh', maxPerGuild: 3, whenEmpty: 'silent', logChannelId: '323456789012345678' });
  });

  it.each([
    [{ DISCORD_TOKEN: TOKEN }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'my-bot' }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: `${TOKEN} x`, DISCORD_CLIENT_ID: CLIENT }, 'DISCORD_TOKEN'],
    [{ DISCORD_GUILD_ID: '12' }, 'DISCORD_GUILD_ID'],
    [{ DISCORD_API_URL: 'discord.com' }, 'DISCORD_API_URL'],
    [{ DISCORD_API_URL: 'https://discord.com/api/v10' }, 'DISCORD_API_URL'],
    [{ ARTICLES_DIR: 'no/such/folder' }, 'ARTICLES_DIR'],
    [{ DATA_DIR: 'package.json' }, 'DATA_DIR'],
    [{ BOT_LOCALE: 'fr' }, 'BOT_LOCALE'],
    [{ BRIEFING_TIMEZONE: 'Morocco/Marrakech' }, 'BRIEFING_TIMEZONE'],
    [{ BRIEFING_MAX_PER_GUILD: '0' }, 'BRIEFING_MAX_PER_GUILD'],
    [{ BRIEFING_MAX_PER_GUILD: 'ten' }, 'BRIEFING_MAX_PER_GUILD'],
    [{ BRIEFING_WHEN_EMPTY: 'quiet' }, 'BRIEFING_WHEN_EMPTY'],
    [{ BRIEFING_LOG_CHANNEL_ID: '#general' }, 'BRIEFING_LOG_CHANNEL_ID'],
    [{ FEED_POLL_MINUTES: '1' }, 'FEED_POLL_MINUTES'],
    [{ FEED_POLL_MINUTES: '15m' }, 'FEED_POLL_MINUTES'],
  ])('a bad setting stops start-up with an error naming the variable: %j', (env, variable) => {
    const err = errorFor(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}:`)).toBe(true);
  });

  it('never shows the token in an error about it', () => {
    const err = errorFor({ DISCORD_TOKEN: `${TOKEN} trailing`, DISCORD_CLIENT_ID: CLIENT });
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('redaction', () => {
  it('removes the token from every log line and error', () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: [TOKEN], write: (l) => lines.push(l) });
    log.info(`connecting with ${TOKEN}`);
    log.error('request failed', new Error(`401 for Bot ${TOKEN}`));
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).toContain('[redacted]');
    expect(redact(`a ${TOKEN} b ${TOKEN}`, [TOKEN])).toBe('a [redacted] b [redacted]');
  });
});

describe('explainStartupError', () => {
  it('turns Discord refusing the token or the guild into a message naming the variable', () => {
    expect(explainStartupError({ status: 401 })).toMatch(/^DISCORD_TOKEN:/);
    expect(explainStartupError({ code: 'TokenInvalid' })).toMatch(/^DISCORD_TOKEN:/);
    expect(explainStartupError({ status: 403, code: 50001 })).toMatch(/^DISCORD_GUILD_ID:/);
    expect(explainStartupError(new Error('ECONNREFUSED'))).toBeNull();
  });

  it('names DISCORD_API_URL when the API cannot be reached (a real refused connection on 127.0.0.1)', async () => {
    // A port that was just free: listen on any, note it, close it (fetch itself refuses "bad ports" such as 9).
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const err = await fetch(`http://127.0.0.1:${port}/api/v10/gateway/bot`).catch((e: unknown) => e);
    expect(explainStartupError(err)).toMatch(/^DISCORD_API_URL: .*ECONNREFUSED/);
  });
});
