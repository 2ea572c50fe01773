/**
 * The briefing service against the sandbox (a local Discord-compatible server) through a real discord.js REST
 * client, with a controlled clock: runDue(now) is exactly what a slot timer's tick and the start-up catch-up call.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { BriefingService, type BriefingServiceOptions } from '../src/schedule/briefing-service.js';
import { createBriefingRest } from '../src/schedule/delivery.js';
import { SubscriptionError } from '../src/schedule/types.js';
import { openStore, type Store } from '../src/store/index.js';
import { benchmarkData } from './support/prerequisites.js';

const SEEDS = path.resolve('seeds');
const SEED_FILES = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const saudiNews = benchmarkData('saudinewsnet/saudinewsnet.jsonl.gz');
const SAUDI_NEWS = saudiNews.file;

let sandbox: Sandbox;
let rest: REST;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  rest = createBriefingRest({ token: sandbox.token, api: sandbox.apiUrl });
});
afterAll(async () => {
  await sandbox?.close();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const at = (iso: string) => new Date(iso);

/** A corpus folder, a data folder, an engine, a store and a service on a clock the test moves. */
async function harness(options: { seeds?: string[]; service?: Partial<BriefingServiceOptions>; dirs?: { corpus: string; data: string } } = {}) {
  const corpus = options.dirs?.corpus ?? mkdtempSync(path.join(tmpdir(), 'nashra-corpus-'));
  const data = options.dirs?.data ?? mkdtempSync(path.join(tmpdir(), 'nashra-data-'));
  if (!options.dirs) {
    for (const f of options.seeds ?? SEED_FILES.slice(0, 3)) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
    cleanup.push(() => rmSync(corpus, { recursive: true, force: true }), () => rmSync(data, { recursive: true, force: true }));
  }
  const engine = await Engine.open({ corpusDir: corpus });
  const store = openStore(data);
  const clock = { now: at('2026-11-23T06:00:00.000Z') }; // 07:00 in Casablanca (GMT+1)
  const service = new BriefingService({
    store,
    engine,
    rest,
    defaultTimeZone: 'Africa/Casablanca',
    maxPerGuild: 10,
    whenEmpty: 'line',
    clock: () => clock.now,
    useCron: false,
    retry: { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
    ...options.service,
  });
  cleanup.push(async () => {
    await service.stop();
    store.close();
  });
  /** Add seed files to the corpus as if they had just arrived, and let the service see them. */
  const addSeeds = async (files: string[]) => {
    for (const f of files) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
    await engine.reload();
    service.recordArticles();
  };
  return { corpus, data, engine, store, clock, service, addSeeds };
}

function messagesIn(channelId: string) {
  return sandbox.channelMessages(channelId);
}

/** All text Discord received in a message: content and every embed's text. */
function textOf(m: { content: string; embeds: any[] }): string {
  return [m.content, ...m.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

function postsTo(channelId: string) {
  return sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${channelId}/messages`));
}

describe('scheduled briefings against the sandbox', () => {
  it('posts at the scheduled minute in the subscription’s timezone, only the articles first seen since, once', async () => {
    const channel = sandbox.addChannel('briefing-timing');
    const h = await harness();
    await h.service.start();
    const sub = await h.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    expect(sub.timezone).toBe('Africa/Casablanca'); // the configured default
    expect(sub.scheduleText).toBe('every day at 08:00, Africa/Casablanca');
    expect(sub.nextRunAt).toBe('2026-11-23T07:00:00.000Z'); // 08:00 at GMT+1

    const fresh = SEED_FILES.slice(3);
    h.clock.now = at('2026-11-23T06:30:00.000Z');
    await h.addSeeds(fresh);

    h.clock.now = at('2026-11-23T06:59:59.000Z');
    expect(await h.service.runDue()).toEqual([]);
    expect(messagesIn(channel)).toHaveLength(0);

    h.clock.now = at('2026-11-23T07:00:00.000Z');
    const [run] = await h.service.runDue();
    expect(run).toMatchObject({ status: 'posted', slot: '2026-11-23T07:00:00.000Z', articleCount: fresh.length });
    const posted = messagesIn(channel);
    expect(posted.map((m) => m.id)).toEqual(run.messageIds);
    const text = posted.map(textOf).join('\n');
    // Only the two articles that arrived after subscribing are in it (the digest may group them into one story);
    // the three that were already in the corpus are not.
    const titleOf = (f: string) => h.engine.article(f.replace(/\.txt$/, '')).title.slice(0, 30);
    const storyTitles = posted.flatMap((m) => m.embeds.map((e: any) => String(e.title).slice(0, 30)));
    expect(storyTitles.length).toBeGreaterThan(0);
    for (const t of storyTitles) expect(fresh.map(titleOf)).toContain(t);
    for (const f of SEED_FILES.slice(0, 3)) expect(text).not.toContain(titleOf(f));
    expect(text).toContain('from 2 articles');
    for (const m of posted) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(String(m.nonce).length).toBeLessThanOrEqual(25);
    }
    expect(postsTo(channel).every((r) => r.body.enforce_nonce === true)).toBe(true);

    // Same minute again (a second tick, a catch-up racing it): nothing more.
    expect(await h.service.runDue()).toEqual([]);
    expect(messagesIn(channel)).toHaveLength(posted.length);

    // Next morning with nothing new: one short line (BRIEFING_WHEN_EMPTY=line).
    h.clock.now = at('2026-11-24T07:00:30.000Z');
    const [empty] = await h.service.runDue();
    expect(empty.status).toBe('empty');
    const last = messagesIn(channel).at(-1)!;
    expect(last.content).toMatch(/nothing new since the last briefing/);
    expect(last.embeds).toHaveLength(0);
    expect(sandbox.violations.filter((v) => v.path.includes(channel))).toEqual([]);
  });

  it('follows each subscription’s own timezone and DST (Tokyo, Paris across the spring-forward night)', async () => {
    const h = await harness({ service: { whenEmpty: 'silent' } });
    const tokyoChannel = sandbox.addChannel('tokyo');
    const parisChannel = sandbox.addChannel('paris');
    h.clock.now = at('2027-03-26T12:00:00.000Z');
    await h.service.start();
    const tokyo = await h.service.subscribe({ guildId: sandbox.guildId, channelId: tokyoChannel, cron: '0 9 * * *', timezone: 'Asia/Tokyo', createdBy: sandbox.userId });
    const paris = await h.service.subscribe({ guildId: sandbox.guildId, channelId: parisChannel, cron: '30 2 * * *', timezone: 'Europe/Paris', language: 'ar', createdBy: sandbox.userId });
    expect(tokyo.nextRunAt).toBe('2027-03-27T00:00:00.000Z'); // 09:00 JST = 00:00 UTC
    expect(paris.nextRunAt).toBe('2027-03-27T01:30:00.000Z'); // 02:30 CET
    expect(paris.scheduleText).toBe('كل يوم الساعة 02:30، Europe/Paris');

    const slots = async (iso: string) => {
      h.clock.now = at(iso);
      return (await h.service.runDue()).map((o) => `${o.subscriptionId}@${o.slot}`).sort();
    };
    expect(await slots('2027-03-27T00:00:00.000Z')).toEqual([`${tokyo.id}@2027-03-27T00:00:00.000Z`]);
    expect(await slots('2027-03-27T01:30:00.000Z')).toEqual([`${paris.id}@2027-03-27T01:30:00.000Z`]);
    // 28 March: Paris jumps 02:00 → 03:00, so there is no 02:30 and no Paris run that night.
    expect(await slots('2027-03-28T00:00:00.000Z')).toEqual([`${tokyo.id}@2027-03-28T00:00:00.000Z`]);
    expect(await slots('2027-03-28T01:30:00.000Z')).toEqual([]);
    expect(await slots('2027-03-28T12:00:00.000Z')).toEqual([]);
    // 29 March: 02:30 CEST is 00:30 UTC, an hour earlier in UTC than before.
    expect(await slots('2027-03-29T00:30:00.000Z')).toEqual([
      `${tokyo.id}@2027-03-29T00:00:00.000Z`,
      `${paris.id}@2027-03-29T00:30:00.000Z`,
    ]);
    // Silent when nothing is new: runs recorded, nothing posted.
    expect(messagesIn(tokyoChannel)).toHaveLength(0);
    expect(h.store.runs.listForSubscription(paris.id).map((r) => r.status)).toEqual(['empty', 'empty']);
  });

  it('after a restart, posts a missed briefing once (not once per missed slot) and repeats nothing', async () => {
    const channel = sandbox.addChannel('catch-up');
    const first = await harness();
    await first.service.start();
    const sub = await first.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    first.clock.now = at('2026-11-23T07:00:00.000Z');
    expect(await first.service.runDue()).toHaveLength(1);
    await first.service.stop();
    first.store.close();

    // Down for three mornings; meanwhile two articles arrive.
    for (const f of SEED_FILES.slice(3)) copyFileSync(path.join(SEEDS, f), path.join(first.corpus, f));
    const second = await harness({ dirs: { corpus: first.corpus, data: first.data } });
    second.clock.now = at('2026-11-26T09:15:00.000Z');
    const before = messagesIn(channel).length;
    const outcomes = await second.service.start();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ subscriptionId: sub.id, slot: '2026-11-26T07:00:00.000Z', status: 'posted', articleCount: 2 });
    expect(outcomes[0].periodStart).toBe('2026-11-23T07:00:00.000Z'); // continues where the last briefing ended
    expect(messagesIn(channel).length - before).toBe(outcomes[0].messageIds.length);
    expect(second.store.runs.listForSubscription(sub.id).map((r) => r.slot)).toEqual([
      '2026-11-23T07:00:00.000Z',
      '2026-11-26T07:00:00.000Z',
    ]);
    // The subscription survived the restart, and a second start-up the same morning posts nothing.
    expect(second.service.list(sandbox.guildId).map((s) => s.id)).toContain(sub.id);
    expect(await second.service.runDue()).toEqual([]);
  });

  it('a crash after Discord accepted a message but before it was recorded does not post it twice', async () => {
    const channel = sandbox.addChannel('crash');
    const first = await harness();
    await first.service.start();
    await first.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    first.clock.now = at('2026-11-23T06:30:00.000Z');
    await first.addSeeds(SEED_FILES.slice(3));

    // A REST whose request reaches Discord but whose process "dies" before the answer is handled.
    let reached = 0;
    const dying = {
      post: async (route: string, options: unknown) => {
        await rest.post(route as any, options as any);
        reached++;
        return new Promise(() => {}); // never returns: the process is gone
      },
    } as unknown as REST;
    const crashed = new BriefingService({
      store: first.store,
      engine: first.engine,
      rest: dying,
      defaultTimeZone: 'Africa/Casablanca',
      maxPerGuild: 10,
      whenEmpty: 'line',
      clock: () => at('2026-11-23T07:00:00.000Z'),
      useCron: false,
    });
    void crashed.runDue();
    await expect.poll(() => reached).toBe(1);
    const [inFlight] = first.store.runs.listByStatus('posting');
    expect(inFlight.messageIds.every((id) => id === null)).toBe(true);
    expect(messagesIn(channel)).toHaveLength(1);
    first.store.close();

    // Restart: the run is resumed with the same nonce; Discord (the sandbox) returns the message it already has.
    const second = await harness({ dirs: { corpus: first.corpus, data: first.data } });
    second.clock.now = at('2026-11-23T07:02:00.000Z');
    const outcomes = await second.service.start();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ runId: inFlight.id, status: 'posted' });
    const visible = messagesIn(channel);
    expect(visible).toHaveLength(inFlight.payloads.length);
    expect(visible.map((m) => m.id)).toEqual(outcomes[0].messageIds);
    const nonces = postsTo(channel).map((r) => r.body.nonce);
    expect(nonces[0]).toBe(nonces[1]); // the same nonce was sent twice …
    expect(new Set(visible.map((m) => m.nonce)).size).toBe(visible.length); // … and produced one message
  });

  it('a forbidden or deleted channel pauses that subscription, tells the guild once, and the others go on', async () => {
    const logChannel = sandbox.addChannel('nashra-log');
    const forbidden = sandbox.addChannel('forbidden');
    const doomed = sandbox.addChannel('doomed');
    const healthy = sandbox.addChannel('healthy');
    const h = await harness({ service: { logChannelId: logChannel } });
    await h.service.start();
    const subscribe = (channelId: string) =>
      h.service.subscribe({ guildId: sandbox.guildId, channelId, cron: '0 8 * * *', createdBy: sandbox.userId });
    const a = await subscribe(forbidden);
    const b = await subscribe(doomed);
    const c = await subscribe(healthy);
    sandbox.setChannelFailure(forbidden, 403);
    sandbox.deleteChannel(doomed);

    h.clock.now = at('2026-11-23T07:00:00.000Z');
    const outcomes = await h.service.runDue();
    const byId = new Map(outcomes.map((o) => [o.subscriptionId, o]));
    expect(byId.get(a.id)?.status).toBe('failed');
    expect(byId.get(b.id)?.status).toBe('failed');
    expect(byId.get(c.id)?.status).toBe('empty'); // posted its "nothing new" line
    expect(messagesIn(healthy)).toHaveLength(1);

    const listed = new Map(h.service.list(sandbox.guildId).map((s) => [s.id, s]));
    expect(listed.get(a.id)).toMatchObject({ status: 'failing', nextRunAt: null });
    expect(listed.get(a.id)?.failureReason).toMatch(/not allowed to post.*403/);
    expect(listed.get(b.id)?.failureReason).toMatch(/no longer exists.*404/);
    expect(listed.get(c.id)).toMatchObject({ status: 'active', nextRunAt: '2026-11-24T07:00:00.000Z' });
    const notices = messagesIn(logChannel);
    expect(notices).toHaveLength(2);
    expect(notices.map((m) => m.content).join('\n')).toMatch(new RegExp(`#${a.id} for <#${forbidden}>`));
    expect(notices.every((m) => m.allowed_mentions?.parse?.length === 0)).toBe(true);

    // Next morning: no retry against the broken channels, no second notice, the healthy one posts again.
    const tried = postsTo(forbidden).length + postsTo(doomed).length;
    h.clock.now = at('2026-11-24T07:00:00.000Z');
    expect((await h.service.runDue()).map((o) => o.subscriptionId)).toEqual([c.id]);
    expect(postsTo(forbidden).length + postsTo(doomed).length).toBe(tried);
    expect(messagesIn(logChannel)).toHaveLength(2);
    expect(messagesIn(healthy)).toHaveLength(2);

    // Fixed, then subscribed again with the same settings: the same subscription resumes.
    sandbox.setChannelFailure(forbidden, null);
    const resumed = await subscribe(forbidden);
    expect(resumed).toMatchObject({ id: a.id, status: 'active', failureReason: null });
    h.clock.now = at('2026-11-25T07:00:00.000Z');
    expect((await h.service.runDue()).map((o) => o.subscriptionId).sort()).toEqual([a.id, c.id].sort());
    expect(messagesIn(forbidden)).toHaveLength(1);
  });

  it('without a log channel, the notice is kept with the subscription and logged once', async () => {
    const gone = sandbox.addChannel('gone-too');
    const warnings: string[] = [];
    const h = await harness({ service: { log: { info: () => {}, warn: (m) => warnings.push(m) } } });
    await h.service.start();
    const sub = await h.service.subscribe({ guildId: sandbox.guildId, channelId: gone, cron: '0 8 * * *', language: 'ar', createdBy: sandbox.userId });
    sandbox.deleteChannel(gone);
    h.clock.now = at('2026-11-23T07:00:00.000Z');
    await h.service.runDue();
    h.clock.now = at('2026-11-24T07:00:00.000Z');
    await h.service.runDue();
    const record = h.store.subscriptions.get(sub.id)!;
    expect(record.failureNotice).toMatch(/القناة لم تعد موجودة/);
    expect(warnings.filter((w) => w.startsWith('notice for guild'))).toHaveLength(1);
  });

  it('retries a 500 with backoff, leaves a 429 to discord.js, and resumes a run the outage interrupted', async () => {
    const channel = sandbox.addChannel('flaky');
    const delays: number[] = [];
    const h = await harness({
      service: {
        retry: {
          attempts: 3,
          baseDelayMs: 1000,
          sleep: async (ms) => {
            delays.push(ms);
            if (delays.length === 2) sandbox.setChannelFailure(channel, null); // the outage ends
          },
        },
      },
    });
    await h.service.start();
    await h.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    sandbox.setChannelFailure(channel, 500);
    h.clock.now = at('2026-11-23T07:00:00.000Z');
    const [ok] = await h.service.runDue();
    expect(ok.status).toBe('empty'); // the "nothing new" line got through on the third attempt
    expect(delays).toEqual([1000, 2000]); // exponential, and ours only: discord.js made no extra attempts
    expect(postsTo(channel).map((r) => r.status)).toEqual([500, 500, 200]);

    // 429: discord.js honours retry_after itself; our retry is not involved.
    sandbox.setChannelFailure(channel, 429);
    h.clock.now = at('2026-11-24T07:00:00.000Z');
    expect((await h.service.runDue())[0].status).toBe('empty');
    expect(delays).toHaveLength(2);
    expect(postsTo(channel).slice(-2).map((r) => r.status)).toEqual([429, 200]);

    // An outage longer than our retries: the run stays 'posting' and the next tick finishes it (same nonce).
    sandbox.setChannelFailure(channel, 500);
    delays.length = 5; // past the point where the sleep above clears the failure
    h.clock.now = at('2026-11-25T07:00:00.000Z');
    const [stuck] = await h.service.runDue();
    expect(stuck.status).toBe('posting');
    sandbox.setChannelFailure(channel, null);
    h.clock.now = at('2026-11-25T07:20:00.000Z');
    const [finished] = await h.service.runDue();
    expect(finished).toMatchObject({ runId: stuck.runId, status: 'empty' });
    expect(messagesIn(channel)).toHaveLength(3);
  });

  it.skipIf(saudiNews.skip)(`spreads a long briefing over several messages within Discord’s limits, at most 25 stories when no max is set${saudiNews.note}`, async () => {
    const channel = sandbox.addChannel('long-briefing');
    const h = await harness({ seeds: SEED_FILES.slice(0, 1) });
    await h.service.start();
    await h.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    // Thirty real articles from SaudiNewsNet arrive (written to the temporary corpus, not the repository).
    const articles = await readSaudiNews(30);
    articles.forEach((a, i) => {
      const body = `---\ntitle: ${a.title.replace(/\n/g, ' ')}\nsource: ${a.source}\n---\n${a.content}`;
      writeFileSync(path.join(h.corpus, `snn_${String(i).padStart(2, '0')}.txt`), body);
    });
    await h.engine.reload();
    h.clock.now = at('2026-11-23T06:40:00.000Z');
    h.service.recordArticles();

    h.clock.now = at('2026-11-23T07:00:00.000Z');
    const [run] = await h.service.runDue();
    expect(run.status).toBe('posted');
    // Thirty real articles are more than 25 stories: the 25 most widely reported are listed, and counted.
    const stories = (await h.engine.digest({})).stories;
    expect(stories.length).toBeGreaterThan(25);
    const listed = stories.slice(0, 25);
    expect(run.articleCount).toBe(new Set(listed.flatMap((st) => st.articleIds)).size);
    const posted = messagesIn(channel);
    expect(posted.flatMap((m) => m.embeds)).toHaveLength(25);
    expect(posted.length).toBeGreaterThan(1);
    expect(posted.map((m) => m.id)).toEqual(run.messageIds);
    expect(new Set(posted.map((m) => m.nonce)).size).toBe(posted.length);
    expect(sandbox.violations.filter((v) => v.path.includes(channel))).toEqual([]);
    for (const m of posted) {
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.embeds.length).toBeLessThanOrEqual(10);
    }
  });

  it('refuses bad subscriptions with SubscriptionError codes, and enforces the per-guild cap', async () => {
    const h = await harness({ service: { maxPerGuild: 2 } });
    await h.service.start();
    const base = { guildId: 'cap-guild', channelId: sandbox.channelId, createdBy: sandbox.userId };
    const code = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return 'no error';
      } catch (err) {
        expect(err).toBeInstanceOf(SubscriptionError);
        return (err as SubscriptionError).code;
      }
    };
    expect(await code(() => h.service.subscribe({ ...base, cron: 'every morning' }))).toBe('INVALID_CRON');
    expect(await code(() => h.service.subscribe({ ...base, cron: '0 8 * * *', timezone: 'Morocco/Rabat' }))).toBe('INVALID_TIMEZONE');
    expect(await code(() => h.service.subscribe({ ...base, cron: '*/5 * * * *' }))).toBe('TOO_FREQUENT');
    expect(await code(() => h.service.subscribe({ ...base, cron: '0 8 * * *', query: 'x'.repeat(400) }))).toBe('INVALID_QUERY');
    const one = await h.service.subscribe({ ...base, cron: '0 8 * * *' });
    expect((await h.service.subscribe({ ...base, cron: '0  8 * * *' })).id).toBe(one.id); // the same subscription, not a copy
    await h.service.subscribe({ ...base, cron: '0 18 * * *' });
    expect(await code(() => h.service.subscribe({ ...base, cron: '0 12 * * *' }))).toBe('GUILD_CAP_REACHED');
    expect(await code(() => h.service.unsubscribe('another-guild', one.id))).toBe('UNKNOWN_SUBSCRIPTION');
    expect((await h.service.unsubscribe('cap-guild', one.id)).id).toBe(one.id);
    expect(await code(() => h.service.unsubscribe('cap-guild', one.id))).toBe('UNKNOWN_SUBSCRIPTION');
    expect((await h.service.subscribe({ ...base, cron: '0 12 * * *' })).id).not.toBe(one.id); // room again
    expect(h.service.describeSchedule('0 9 * * 1', 'Asia/Riyadh', 'en')).toBe('every Monday at 09:00, Asia/Riyadh');
  });
});

async function readSaudiNews(count: number): Promise<{ title: string; source: string; content: string }[]> {
  const out: { title: string; source: string; content: string }[] = [];
  const lines = createInterface({ input: createReadStream(SAUDI_NEWS).pipe(createGunzip()) });
  for await (const line of lines) {
    const a = JSON.parse(line) as { title: string; source: string; content: string };
    // Distinct titles and real bodies, so each becomes its own story.
    if (a.content?.length > 400 && a.title && !out.some((o) => o.title === a.title)) out.push(a);
    if (out.length === count) break;
  }
  lines.close();
  return out;
}
