/**
 * Start-up while Discord is slow (issue 13, items 1 and 2). Subscriptions A «45 * * * *» and B «46 * * * *»; the
 * bot was stopped before 10:45 and starts at 10:45:20 while Discord answers A's catch-up post with a 60-second
 * 429. B's 10:46 briefing must still come, and an article added during start-up must be noticed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { REST } from 'discord.js';
import { afterEach, expect, it, vi } from 'vitest';
import { startBot, type RunningBot } from '../src/bot/bot.js';
import { en } from '../src/bot/i18n/en.js';
import { silentBotLogger } from '../src/bot/log.js';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { BriefingService } from '../src/schedule/briefing-service.js';
import { briefingWiring } from '../src/schedule/wiring.js';
import { openStore } from '../src/store/index.js';

const SEEDS = path.resolve('seeds');
const SEED_FILES = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function folders() {
  const root = mkdtempSync(path.join(tmpdir(), 'nashra-startup-'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  const corpus = path.join(root, 'articles');
  const data = path.join(root, 'data');
  mkdirSync(corpus);
  for (const f of SEED_FILES.slice(0, 3)) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
  return { root, corpus, data };
}

/**
 * What the previous run of the bot left in the store: A and B created at 09:00 UTC, the three seed articles seen
 * then, and the 09:45 and 09:46 briefings done. It was stopped before 10:45.
 */
function subscriptionsFromAnEarlierRun(data: string, channels: { a: string; b: string }) {
  const store = openStore(data);
  const base = { guildId: 'g', timezone: 'UTC', query: null, language: 'en' as const, createdBy: 'u', createdAt: '2026-11-23T09:00:00.000Z' };
  const a = store.subscriptions.insert({ ...base, channelId: channels.a, cron: '45 * * * *' });
  const b = store.subscriptions.insert({ ...base, channelId: channels.b, cron: '46 * * * *' });
  store.firstSeen.record(SEED_FILES.slice(0, 3).map((f) => f.replace(/\.txt$/, '')), '2026-11-23T09:00:00.000Z');
  for (const [id, slot] of [[a.id, '2026-11-23T09:45:00.000Z'], [b.id, '2026-11-23T09:46:00.000Z']] as const) {
    store.runs.create({ subscriptionId: id, slot, periodStart: base.createdAt, periodEnd: slot, status: 'empty', noncePrefix: `x${id}`, payloads: [], articleCount: 0, at: slot });
  }
  store.close();
  return { a: a.id, b: b.id };
}

it('arms every slot timer at start-up, while a catch-up post is still waiting on Discord', async () => {
  const { data } = folders();
  const ids = subscriptionsFromAnEarlierRun(data, { a: 'channel-a', b: 'channel-b' });
  const engine = await Engine.open({ corpusDir: path.join(path.dirname(data), 'articles') });
  const store = openStore(data);
  cleanup.push(() => store.close());

  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(new Date('2026-11-23T10:45:20.000Z'));
  // Discord answers A's catch-up post with a long 429: discord.js waits it out, so the post does not return.
  const posted: string[] = [];
  const rest = {
    post: (route: string) => {
      posted.push(route);
      return route.includes('channel-a') ? new Promise(() => {}) : Promise.resolve({ id: `m${posted.length}` });
    },
    get: async () => ({ id: 'bot', content: '' }),
  } as unknown as REST;
  const service = new BriefingService({ store, engine, rest, defaultTimeZone: 'UTC', maxPerGuild: 10, whenEmpty: 'line' });
  cleanup.push(() => service.stop());
  void service.start();
  await vi.advanceTimersByTimeAsync(0);
  expect(posted).toEqual(['/channels/channel-a/messages']); // A's catch-up, hanging

  await vi.advanceTimersByTimeAsync(40_000); // 10:46:00
  expect(posted).toContain('/channels/channel-b/messages'); // B's slot came, on time
  expect(store.runs.listForSubscription(ids.b).map((r) => [r.slot, r.status]).at(-1)).toEqual(['2026-11-23T10:46:00.000Z', 'empty']);
  expect(store.runs.listForSubscription(ids.a).map((r) => [r.slot, r.status]).at(-1)).toEqual(['2026-11-23T10:45:00.000Z', 'posting']);
});

it('the real bot starts at once, notices an article added during start-up, and B posts at 10:46 while A waits', async () => {
  const { corpus, data } = folders();
  const clock = { now: new Date('2026-11-23T10:45:20.000Z') };
  const sandbox: Sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const channels = { a: sandbox.addChannel('a'), b: sandbox.addChannel('b') };
  const ids = subscriptionsFromAnEarlierRun(data, channels);
  sandbox.setChannelFailure(channels.a, 429, { retryAfterMs: 60_000 });

  // The engine follows the folder (watching from its start) on the test's clock, shared with the service.
  let onAdded: (ids: string[]) => void = () => {};
  const engine = await Engine.open({
    corpusDir: corpus,
    dataDir: data,
    watch: { debounceMs: 100 },
    clock: () => clock.now,
    onChange: (report) => onAdded(report.added),
  });
  cleanup.push(() => engine.close());
  const before = engine.stats().articleCount;
  const config = { locale: 'en' as const, briefing: { timezone: 'UTC', maxPerGuild: 10, whenEmpty: 'line' as const, logChannelId: null } };
  const wiring = briefingWiring(config, engine, data, sandbox.token, sandbox.apiUrl, silentBotLogger, {
    clock: () => clock.now,
    useCron: false, // the clock is the test's; the first test covers the timers' arming
  });
  cleanup.push(() => wiring.stop());
  onAdded = (ids) => wiring.onArticlesAdded(ids);
  let bot: RunningBot | undefined;
  cleanup.push(() => bot?.stop());
  const starting = startBot({
    token: sandbox.token,
    applicationId: sandbox.applicationId,
    guildId: sandbox.guildId,
    apiUrl: sandbox.apiUrl,
    engine,
    locale: 'en',
    dataDir: data,
    log: silentBotLogger,
    registerCommands: 'always',
    briefings: wiring.create,
  });
  // An article lands while the bot is starting and A's catch-up is stuck behind Discord's 429.
  const postsTo = (ch: string) => sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${ch}/messages`));
  await expect.poll(() => postsTo(channels.a).length, { timeout: 15_000 }).toBe(1);
  clock.now = new Date('2026-11-23T10:45:35.000Z');
  copyFileSync(path.join(SEEDS, SEED_FILES[3]), path.join(corpus, SEED_FILES[3]));

  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 8_000).unref());
  const result = await Promise.race([starting, timeout]);
  expect(result, 'startBot waited for the catch-up (A’s 60 s 429)').not.toBe('timeout');
  bot = result as RunningBot;

  // The article is noticed without another change or a restart: /about counts it, and it has a first-seen time.
  await expect.poll(async () => {
    const about = await sandbox.slash('about');
    return about.original!.embeds[0].fields.find((f: { name: string }) => f.name === en.aboutArticles).value;
  }, { timeout: 10_000 }).toBe(String(before + 1));
  const store = openStore(data);
  cleanup.push(() => store.close());
  expect(store.firstSeen.get(SEED_FILES[3].replace(/\.txt$/, ''))).not.toBeNull();

  // 10:46: B's slot, while A's post still waits out the 429. B's briefing has the new article.
  clock.now = new Date('2026-11-23T10:46:00.000Z');
  const [b] = await wiring.service!.tick(ids.b, clock.now);
  expect(b).toMatchObject({ subscriptionId: ids.b, slot: '2026-11-23T10:46:00.000Z', status: 'posted', articleCount: 1 });
  expect(sandbox.channelMessages(channels.b).map((m) => m.id)).toEqual(b.messageIds);
  expect(sandbox.channelMessages(channels.a)).toHaveLength(0);
  expect(store.runs.listForSubscription(ids.a).map((r) => r.status)).toEqual(['empty', 'posting']);

  // And stopping does not wait for the 429 either.
  const stopped = Date.now();
  await bot.stop();
  await wiring.stop();
  expect(Date.now() - stopped).toBeLessThan(5_000);
}, 60_000);
