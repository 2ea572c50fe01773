/**
 * End to end: the real bot (startBot, discord.js Client over the sandbox gateway) with the briefing service built
 * the way src/main.ts builds it, on a controlled clock. /digest subscribe → the briefing is posted in the channel
 * at the scheduled minute; /digest list and unsubscribe; the Manage Server check.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/bot/bot.js';
import { silentBotLogger } from '../src/bot/log.js';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type InteractionRecord, type Sandbox } from '../src/sandbox/index.js';
import { BriefingService, createBriefingRest } from '../src/schedule/index.js';
import { openStore, type Store } from '../src/store/index.js';

const SEEDS = path.resolve('seeds');
const SEED_FILES = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

let sandbox: Sandbox;
let bot: RunningBot;
let service: BriefingService;
let store: Store;
let engine: Engine;
let root: string;
let corpus: string;
const clock = { now: new Date('2026-11-23T04:00:00.000Z') }; // 07:00 in Riyadh (UTC+3)

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'nashra-briefing-e2e-'));
  corpus = path.join(root, 'articles');
  const data = path.join(root, 'data');
  mkdirSync(corpus, { recursive: true });
  for (const f of SEED_FILES.slice(0, 3)) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));

  sandbox = await startSandbox();
  // One clock for the engine (when an article was first seen) and the service (which period it belongs to).
  engine = await Engine.open({ corpusDir: corpus, dataDir: data, clock: () => clock.now });
  store = openStore(data);
  bot = await startBot({
    token: sandbox.token,
    applicationId: sandbox.applicationId,
    guildId: sandbox.guildId,
    apiUrl: sandbox.apiUrl,
    engine,
    locale: 'en',
    dataDir: data,
    log: silentBotLogger,
    registerCommands: 'always',
    briefings: async (client) => {
      service = new BriefingService({
        store,
        engine,
        rest: createBriefingRest({ token: client.token, api: sandbox.apiUrl }),
        defaultTimeZone: 'Africa/Casablanca',
        maxPerGuild: 10,
        whenEmpty: 'line',
        defaultLanguage: 'en',
        clock: () => clock.now,
        useCron: false, // the clock is the test's; the slot timers' wiring has its own test
      });
      await service.start();
      return service;
    },
  });
  await sandbox.waitForBot();
});

afterAll(async () => {
  await bot?.stop();
  await service?.stop();
  await engine?.close();
  store?.close();
  await sandbox?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function replyText(record: InteractionRecord): string {
  const m = record.original;
  if (!m) return '';
  return [m.content, ...m.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

it('/digest subscribe, then the briefing is posted in the channel at the scheduled time', async () => {
  const channel = sandbox.addChannel('morning-briefing');
  const reply = await sandbox.slash('digest', [
    {
      name: 'subscribe',
      options: [
        { name: 'channel', value: channel },
        { name: 'cron', value: '30 8 * * *' },
        { name: 'timezone', value: 'Asia/Riyadh' },
      ],
    },
  ]);
  expect(reply.ephemeral).toBe(true);
  const text = replyText(reply);
  expect(text).toContain('every day at 08:30, Asia/Riyadh');
  const [sub] = service.list(sandbox.guildId);
  expect(sub).toMatchObject({ channelId: channel, cron: '30 8 * * *', timezone: 'Asia/Riyadh', createdBy: sandbox.userId });
  expect(sub.nextRunAt).toBe('2026-11-23T05:30:00.000Z');
  expect(text).toContain(`<t:${Date.parse(sub.nextRunAt!) / 1000}:F>`); // the next run, shown in each reader's timezone
  expect(text).toContain(`#${sub.id} created`);

  // The same subscription again changes nothing, and the reply says so rather than claiming a new one.
  const again = await sandbox.slash('digest', [
    {
      name: 'subscribe',
      options: [
        { name: 'channel', value: channel },
        { name: 'cron', value: '30 8 * * *' },
        { name: 'timezone', value: 'Asia/Riyadh' },
      ],
    },
  ]);
  expect(replyText(again)).toContain(`#${sub.id} already exists`);
  expect(service.list(sandbox.guildId)).toHaveLength(1);

  // Two articles arrive after subscribing.
  clock.now = new Date('2026-11-23T05:00:00.000Z');
  for (const f of SEED_FILES.slice(3)) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
  await engine.reload();
  service.recordArticles();

  clock.now = new Date('2026-11-23T05:29:59.000Z');
  await service.runDue();
  expect(sandbox.channelMessages(channel)).toHaveLength(0);

  clock.now = new Date('2026-11-23T05:30:00.000Z');
  const [run] = await service.runDue();
  expect(run).toMatchObject({ status: 'posted', articleCount: 2 });
  const posted = sandbox.channelMessages(channel);
  expect(posted.map((m) => m.id)).toEqual(run.messageIds);
  expect(posted[0].content).toContain('Nashra briefing');
  expect(posted[0].content).toContain('from 2 articles');
  expect(posted.every((m) => m.author_id === sandbox.applicationId && !m.ephemeral)).toBe(true);
  expect(sandbox.violations).toEqual([]);

  const list = await sandbox.slash('digest', [{ name: 'list' }]);
  expect(replyText(list)).toContain(`#${sub.id}`);
  const removed = await sandbox.slash('digest', [{ name: 'unsubscribe', options: [{ name: 'id', value: sub.id }] }]);
  expect(replyText(removed)).toContain(`#${sub.id}`);
  expect(service.list(sandbox.guildId)).toEqual([]);
});

it('only members with Manage Server may change subscriptions', async () => {
  const before = service.list(sandbox.guildId).length;
  const denied = await sandbox.slash(
    'digest',
    [{ name: 'subscribe', options: [{ name: 'channel', value: sandbox.channelId }, { name: 'cron', value: '0 8 * * *' }] }],
    { userId: sandbox.readerId },
  );
  expect(denied.ephemeral).toBe(true);
  expect(replyText(denied)).toMatch(/Manage Server/);
  expect(service.list(sandbox.guildId)).toHaveLength(before);
  // The same member with Manage Server granted in the channel may.
  const allowed = await sandbox.slash(
    'digest',
    [{ name: 'subscribe', options: [{ name: 'channel', value: sandbox.channelId }, { name: 'cron', value: '0 8 * * *' }] }],
    { userId: sandbox.readerId, permissions: String(0x20 | 0x400 | 0x800) },
  );
  expect(replyText(allowed)).toContain('every day at 08:00, Africa/Casablanca');
  expect(service.list(sandbox.guildId)).toHaveLength(before + 1);
});

it('a bad schedule gets a clear private error', async () => {
  const tooOften = await sandbox.slash('digest', [
    { name: 'subscribe', options: [{ name: 'channel', value: sandbox.channelId }, { name: 'cron', value: '*/5 * * * *' }] },
  ]);
  expect(tooOften.ephemeral).toBe(true);
  expect(replyText(tooOften)).toMatch(/too frequent|15 minutes/i);
  const badZone = await sandbox.slash('digest', [
    { name: 'subscribe', options: [{ name: 'channel', value: sandbox.channelId }, { name: 'cron', value: '0 8 * * *' }, { name: 'timezone', value: 'Mars/Base' }] },
  ]);
  expect(badZone.ephemeral).toBe(true);
  expect(replyText(badZone)).toMatch(/timezone/i);
});
