/**
 * The real bot against the sandbox on what the bad-input run of issue 13 sent it: commands Discord still shows but
 * the bot no longer has, and (further down) hostile article text.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/bot/bot.js';
import { ar } from '../src/bot/i18n/ar.js';
import { en } from '../src/bot/i18n/en.js';
import { commandDefinitions } from '../src/bot/register.js';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

let sandbox: Sandbox;
let bot: RunningBot;
let engine: Engine;
let root: string;
let corpusDir: string;
const logLines: { level: string; text: string }[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nashra-robust-'));
  corpusDir = path.join(root, 'articles');
  await cp(path.resolve('seeds'), corpusDir, { recursive: true });
  sandbox = await startSandbox();
  engine = await Engine.open({ corpusDir });
  bot = await startBot({
    token: sandbox.token,
    applicationId: sandbox.applicationId,
    guildId: sandbox.guildId,
    apiUrl: sandbox.apiUrl,
    engine,
    locale: 'en',
    dataDir: path.join(root, 'data'),
    log: {
      info: (m) => logLines.push({ level: 'info', text: m }),
      warn: (m) => logLines.push({ level: 'warn', text: m }),
      error: (m, e) => logLines.push({ level: 'error', text: `${m} ${String(e)}` }),
    },
    registerCommands: 'always',
    watchCorpus: false,
  });
  await sandbox.waitForBot();
});

afterAll(async () => {
  await bot?.stop();
  await sandbox?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const guildCommands = () => Routes.applicationGuildCommands(sandbox.applicationId, sandbox.guildId);

describe('a command Discord still shows but the bot does not have (issue 13, item 8)', () => {
  it('an unknown command is answered privately as unknown or outdated, in both languages, and logged at info', async () => {
    // A command left registered globally by an older deployment.
    await bot.client.rest.post(Routes.applicationCommands(sandbox.applicationId), { body: { name: 'headlines', description: 'old command', type: 1 } });
    logLines.length = 0;
    const record = await sandbox.slash('headlines');
    expect(record.ephemeral).toBe(true);
    const content = record.original!.content;
    expect(content).toContain(en.errorUnknownCommand);
    expect(content).not.toMatch(/error [0-9a-f]{8}/);
    expect(record.original!.allowed_mentions).toEqual({ parse: [] });
    const lines = logLines.filter((l) => l.text.includes('/headlines'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.level === 'info')).toBe(true);

    const kept = bot.ctx.t;
    bot.ctx.t = ar;
    try {
      const arabic = await sandbox.slash('headlines');
      expect(arabic.ephemeral).toBe(true);
      expect(arabic.original!.content).toContain(ar.errorUnknownCommand);
      expect(ar.errorUnknownCommand).not.toBe(en.errorUnknownCommand);
    } finally {
      bot.ctx.t = kept;
    }
  });

  it('an outdated definition (a removed subcommand, a removed option, a changed option type) gets the same answer', async () => {
    const current = commandDefinitions(bot.commands) as any[];
    const digest = current.find((c) => c.name === 'digest');
    const search = current.find((c) => c.name === 'search');
    const stale = [
      ...current.filter((c) => c.name !== 'digest' && c.name !== 'search'),
      // /digest as an older version had it: a «weekly» subcommand, and unsubscribe taking a string id.
      {
        ...digest,
        options: [
          ...digest.options.filter((o: any) => o.name !== 'unsubscribe'),
          { name: 'weekly', description: 'old', type: 1 },
          { name: 'unsubscribe', description: 'old', type: 1, options: [{ name: 'id', description: 'old', type: 3, required: true }] },
        ],
      },
      // /search with a «sort» option that no longer exists.
      { ...search, options: [...search.options, { name: 'sort', description: 'old', type: 3 }] },
    ];
    await bot.client.rest.put(guildCommands(), { body: stale });
    try {
      logLines.length = 0;
      const invocations: [string, any[]][] = [
        ['digest', [{ name: 'weekly', options: [] }]],
        ['digest', [{ name: 'unsubscribe', options: [{ name: 'id', value: '3' }] }]],
        ['search', [{ name: 'query', value: 'المغرب' }, { name: 'sort', value: 'date' }]],
      ];
      for (const [name, options] of invocations) {
        const record = await sandbox.slash(name, options);
        expect(record.ephemeral, JSON.stringify(options)).toBe(true);
        expect(record.original!.content, JSON.stringify(options)).toContain(en.errorUnknownCommand);
      }
      expect(logLines.filter((l) => l.level !== 'info')).toEqual([]);
      expect(logLines.filter((l) => /outdated|unknown/.test(l.text))).toHaveLength(3);
    } finally {
      await bot.client.rest.put(guildCommands(), { body: current });
    }
    // The current definitions still work.
    const ok = await sandbox.slash('search', [{ name: 'query', value: 'المغرب' }]);
    expect(ok.original!.embeds.length).toBeGreaterThan(0);
    expect(sandbox.violations).toEqual([]);
  });
});
