/**
 * End to end: /feeds through the sandbox with the REAL bot (startBot, discord.js, commands/feeds.ts) and the feed
 * poller wired as src/main.ts wires it, against a local news site on 127.0.0.1. A feed added in Discord is polled
 * in the background, its articles land in the corpus folder, and the folder watcher makes them searchable.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/bot/bot.js';
import { en } from '../src/bot/i18n/en.js';
import { silentBotLogger } from '../src/bot/log.js';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load.js';
import { Engine } from '../src/engine/engine.js';
import { FeedPoller, openIngestion, type Ingestion } from '../src/ingest/index.js';
import { startSandbox, type InteractionRecord, type Sandbox } from '../src/sandbox/index.js';
import { articlePage, rssFeed, serve, startNewsSite, type NewsSite } from '../bench/support/news-site.js';

let site: NewsSite;
let sandbox: Sandbox;
let bot: RunningBot;
let engine: Engine;
let ingestion: Ingestion;
let poller: FeedPoller;
let root: string;
let corpus: string;
let seeds: Article[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'nashra-feeds-e2e-'));
  corpus = path.join(root, 'articles');
  const data = path.join(root, 'data');
  mkdirSync(corpus);
  seeds = (await loadCorpus(path.resolve('seeds'))).articles;
  // The corpus starts with two seeds; the feed brings two others.
  for (const s of seeds.slice(0, 2)) copyFileSync(path.resolve('seeds', `${s.id}.txt`), path.join(corpus, `${s.id}.txt`));

  site = await startNewsSite();
  const entries = seeds.slice(2, 4).map((seed, i) => {
    site.route(`/news/${i}`, serve(articlePage(seed, { siteName: 'هسبريس', date: '2022-05-12', otherHeadlines: seeds.map((s) => s.title) }), 'text/html; charset=utf-8'));
    return { title: seed.title, link: site.url(`/news/${i}`), date: '2022-05-12' };
  });
  site.route('/feed_rss.xml', serve(rssFeed('هسبريس', site.origin, entries), 'application/rss+xml', { etag: '"e2e"' }));
  site.route('/not-a-feed', serve(articlePage(seeds[0], { siteName: 'هسبريس' }), 'text/html; charset=utf-8'));

  sandbox = await startSandbox();
  engine = await Engine.open({ corpusDir: corpus, dataDir: data, watch: { debounceMs: 100 } });
  ingestion = openIngestion({ corpusDir: corpus, dataDir: data, pollMinutes: 15 });
  poller = new FeedPoller({ ingestor: ingestion.ingestor, pollMinutes: 15, log: silentBotLogger, firstPollDelayMs: 60_000 });
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
    feeds: poller,
  });
  poller.start();
  await sandbox.waitForBot();
});

afterAll(async () => {
  // As src/main.ts does: the poller first, so nothing is written while the engine's folder watcher shuts down.
  await poller?.stop();
  await bot?.stop();
  await engine?.close();
  await ingestion?.close();
  await sandbox?.close();
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function replyText(record: InteractionRecord): string {
  const m = record.original;
  if (!m) return '';
  return [m.content, ...m.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

it('registers /feeds with add, list and remove', () => {
  const feeds = sandbox.registeredCommands(sandbox.guildId).find((c) => c.name === 'feeds');
  expect(feeds.options.map((o: any) => o.name)).toEqual(['add', 'list', 'remove']);
});

it('a member without Manage Server is refused privately, and nothing changes', async () => {
  for (const options of [
    [{ name: 'add', options: [{ name: 'url', value: site.url('/feed_rss.xml') }] }],
    [{ name: 'list' }],
    [{ name: 'remove', options: [{ name: 'url', value: site.url('/feed_rss.xml') }] }],
  ]) {
    const denied = await sandbox.slash('feeds', options, { userId: sandbox.readerId });
    expect(denied.ephemeral).toBe(true);
    expect(replyText(denied)).toBe(en.errorNeedsManageServerFeeds);
    expect(denied.original!.allowed_mentions).toEqual({ parse: [] });
  }
  expect(poller.listFeeds()).toEqual([]);
  expect(site.requestsTo('/feed_rss.xml')).toEqual([]);
  // Autocomplete offers nothing to them either.
  expect(await sandbox.autocomplete('feeds', [{ name: 'remove', options: [{ name: 'url', value: '', focused: true }] }], { userId: sandbox.readerId })).toEqual([]);
});

it('/feeds add: deferred, private, and the feed’s articles arrive in the corpus and become searchable', async () => {
  const record = await sandbox.slash('feeds', [{ name: 'add', options: [{ name: 'url', value: site.url('/feed_rss.xml') }] }]);
  expect(record.ackType).toBe(5); // acknowledged at once, answered after the feed was checked
  expect(record.ephemeral).toBe(true);
  const text = replyText(record);
  expect(text).toContain('Now following');
  expect(text).toContain(`<${site.url('/feed_rss.xml')}>`); // wrapped: no preview, no markdown inside
  expect(text).toContain('2 item(s)');
  expect(record.original!.allowed_mentions).toEqual({ parse: [] });

  await poller.idle();
  const written = readdirSync(corpus).filter((f) => f.endsWith('.md'));
  expect(written).toHaveLength(2);
  // The watcher re-indexes the folder; the new articles are found by /search's engine.
  for (let i = 0; i < 100 && engine.stats().articleCount < 4; i++) await sleep(100);
  await engine.idle();
  expect(engine.stats().articleCount).toBe(4);
  const hits = engine.search(seeds[3].title.split(' ').slice(0, 3).join(' '), { limit: 5 }).results.map((r) => r.id);
  expect(hits).toContain(written.map((f) => f.replace(/\.md$/, '')).find((id) => engine.article(id).title === seeds[3].title));

  const again = await sandbox.slash('feeds', [{ name: 'add', options: [{ name: 'url', value: site.url('/feed_rss.xml') }] }]);
  expect(replyText(again)).toContain('already followed');
});

it('/feeds add refuses a page that is not a feed, saying why', async () => {
  const record = await sandbox.slash('feeds', [{ name: 'add', options: [{ name: 'url', value: site.url('/not-a-feed') }] }]);
  expect(record.ephemeral).toBe(true);
  expect(replyText(record)).toMatch(/^That feed could not be added: .*not an RSS or Atom feed/);
  expect(poller.listFeeds().map((f) => f.url)).toEqual([site.url('/feed_rss.xml')]);
});

it('/feeds list shows each feed and its state; remove autocompletes and removes', async () => {
  const list = await sandbox.slash('feeds', [{ name: 'list' }]);
  expect(list.ephemeral).toBe(true);
  const embed = list.original!.embeds[0];
  expect(embed.title).toBe(en.feedsTitle(1));
  expect(embed.fields[0].name).toBe('هسبريس');
  expect(embed.fields[0].value).toMatch(/OK · last polled <t:\d+:R>/);

  const choices = await sandbox.autocomplete('feeds', [{ name: 'remove', options: [{ name: 'url', value: 'feed', focused: true }] }]);
  expect(choices).toEqual([{ name: `هسبريس — ${site.url('/feed_rss.xml')}`, value: site.url('/feed_rss.xml') }]);

  const removed = await sandbox.slash('feeds', [{ name: 'remove', options: [{ name: 'url', value: choices[0].value }] }]);
  expect(replyText(removed)).toContain('Stopped following');
  expect(poller.listFeeds()).toEqual([]);
  // The articles it brought stay.
  expect(readdirSync(corpus).filter((f) => f.endsWith('.md'))).toHaveLength(2);
  const unknown = await sandbox.slash('feeds', [{ name: 'remove', options: [{ name: 'url', value: choices[0].value }] }]);
  expect(replyText(unknown)).toContain('No feed is followed at');
  expect(replyText(await sandbox.slash('feeds', [{ name: 'list' }]))).toBe(en.feedsNone);
  expect(sandbox.violations).toEqual([]);
});
