/**
 * Delivery when Discord is down at slot time (issue 13, item 5) and after a crash followed by a downtime longer than
 * Discord's nonce window (item 6). The briefing service against the sandbox through a real discord.js REST, with
 * one controlled clock for the service AND the sandbox (so its nonce window really expires), and the service's
 * retry timers in the test's hands.
 */
import { copyFileSync, createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { BriefingService, NONCE_TRUST_MS, type BriefingServiceOptions, type Timers } from '../src/schedule/briefing-service.js';
import { parseCron } from '../src/schedule/cron.js';
import { createBriefingRest } from '../src/schedule/delivery.js';
import { retryDeadline } from '../src/schedule/retry-window.js';
import { openStore } from '../src/store/index.js';

const SEEDS = path.resolve('seeds');
const SEED_FILES = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const SAUDI_NEWS = path.resolve('../shared/data/saudinewsnet/saudinewsnet.jsonl.gz');

const clock = { now: new Date('2026-11-23T06:00:00.000Z') };
const at = (iso: string) => new Date(iso);
let sandbox: Sandbox;
let rest: REST;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ clock: () => clock.now.getTime() });
  rest = createBriefingRest({ token: sandbox.token, api: sandbox.apiUrl });
});
afterAll(async () => {
  await sandbox?.close();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** Timers the test fires by moving the clock: what setTimeout would do, in controlled time. */
function manualTimers() {
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(++next, { at: clock.now.getTime() + ms, fn });
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    get count() {
      return pending.size;
    },
    /** Move the clock to the next timer and fire it; false when none is pending. */
    async fireNext(): Promise<boolean> {
      const [id, first] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (!first) return false;
      pending.delete(id!);
      if (first.at > clock.now.getTime()) clock.now = new Date(first.at);
      first.fn();
      return true;
    },
  };
}

async function harness(options: { dirs?: { corpus: string; data: string }; service?: Partial<BriefingServiceOptions> } = {}) {
  const corpus = options.dirs?.corpus ?? mkdtempSync(path.join(tmpdir(), 'nashra-retry-corpus-'));
  const data = options.dirs?.data ?? mkdtempSync(path.join(tmpdir(), 'nashra-retry-data-'));
  if (!options.dirs) {
    for (const f of SEED_FILES.slice(0, 3)) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
    cleanup.push(() => rmSync(corpus, { recursive: true, force: true }), () => rmSync(data, { recursive: true, force: true }));
  }
  const engine = await Engine.open({ corpusDir: corpus });
  const store = openStore(data);
  const timers = manualTimers();
  const service = new BriefingService({
    store,
    engine,
    rest,
    defaultTimeZone: 'Africa/Casablanca',
    maxPerGuild: 10,
    whenEmpty: 'line',
    clock: () => clock.now,
    useCron: false,
    timers: timers.timers,
    // The burst of retries inside one attempt takes controlled time too.
    retry: { attempts: 3, baseDelayMs: 2_000, sleep: async (ms) => void (clock.now = new Date(clock.now.getTime() + ms)) },
    ...options.service,
  });
  cleanup.push(async () => {
    await service.stop();
    store.close();
  });
  const addSeeds = async (files: string[]) => {
    for (const f of files) copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
    await engine.reload();
    service.recordArticles();
  };
  return { corpus, data, engine, store, service, timers, addSeeds };
}

const postsTo = (channelId: string) => sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${channelId}/messages`));

/** Let the chain a fired timer started finish (it runs on the service's own promise chain). */
async function settle(service: BriefingService, subscriptionId: number) {
  await (service as unknown as { chains: Map<number, Promise<unknown>> }).chains.get(subscriptionId);
}

describe('a short outage at slot time (item 5)', () => {
  it('is retried with backoff until it ends, and the briefing comes minutes late, not a period late', async () => {
    const channel = sandbox.addChannel('outage-short');
    clock.now = at('2026-11-23T06:00:00.000Z');
    const h = await harness();
    await h.service.start();
    const sub = await h.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    clock.now = at('2026-11-23T06:30:00.000Z');
    await h.addSeeds(SEED_FILES.slice(3));

    sandbox.setChannelFailure(channel, 500); // Discord down from 07:00 to 07:03
    clock.now = at('2026-11-23T07:00:00.000Z');
    const [first] = await h.service.runDue();
    expect(first.status).toBe('posting');
    expect(h.timers.count).toBe(1); // a retry is scheduled, not left for tomorrow's slot

    const attempts: string[] = [];
    while (h.store.runs.get(first.runId)!.status === 'posting') {
      if (clock.now.getTime() >= at('2026-11-23T07:03:00.000Z').getTime()) sandbox.setChannelFailure(channel, null);
      expect(await h.timers.fireNext()).toBe(true);
      attempts.push(clock.now.toISOString().slice(11, 19));
      await settle(h.service, sub.id);
      expect(attempts.length).toBeLessThan(20);
    }
    const run = h.store.runs.get(first.runId)!;
    expect(run.status).toBe('posted');
    expect(run.articleCount).toBe(2);
    // Backoff: each wait longer than the one before.
    const seconds = attempts.map((t) => Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60 + Number(t.slice(6, 8)));
    for (let i = 2; i < seconds.length; i++) expect(seconds[i] - seconds[i - 1]).toBeGreaterThan(seconds[i - 1] - seconds[i - 2]);
    // Delivered within minutes of the end of the outage, once.
    expect(Date.parse(run.updatedAt) - Date.parse('2026-11-23T07:03:00.000Z')).toBeLessThan(5 * 60_000);
    expect(sandbox.channelMessages(channel).map((m) => m.id)).toEqual(run.messageIds);
    expect(h.timers.count).toBe(0);
  });

  it('an outage longer than the window: given up after an hour, reported once, and the next briefing carries its articles', async () => {
    const channel = sandbox.addChannel('outage-long');
    const logChannel = sandbox.addChannel('outage-log');
    clock.now = at('2026-11-23T06:00:00.000Z');
    const h = await harness({ service: { logChannelId: logChannel } });
    await h.service.start();
    const sub = await h.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    clock.now = at('2026-11-23T06:30:00.000Z');
    await h.addSeeds(SEED_FILES.slice(3));

    sandbox.setChannelFailure(channel, 500);
    clock.now = at('2026-11-23T07:00:00.000Z');
    const [first] = await h.service.runDue();
    let fired = 0;
    while (await h.timers.fireNext()) {
      await settle(h.service, sub.id);
      expect(++fired).toBeLessThan(30);
    }
    const run = h.store.runs.get(first.runId)!;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/within 1 hour/);
    // The last attempt was at the end of the window (07:00 + 1 h), none after.
    const lastPost = postsTo(channel).at(-1)!;
    expect(clock.now.getTime()).toBeLessThanOrEqual(at('2026-11-23T08:01:00.000Z').getTime());
    expect(lastPost).toBeDefined();
    const notices = sandbox.channelMessages(logChannel);
    expect(notices).toHaveLength(1);
    expect(notices[0].content).toMatch(new RegExp(`#${sub.id} for <#${channel}>.*could not be delivered.*within 1 hour`));
    expect(notices[0].allowed_mentions).toEqual({ parse: [] });
    // The subscription stays active (it is Discord, not the channel), and the next morning carries both articles.
    expect(h.service.list(sandbox.guildId).find((s) => s.id === sub.id)?.status).toBe('active');
    sandbox.setChannelFailure(channel, null);
    clock.now = at('2026-11-24T07:00:00.000Z');
    const [next] = await h.service.runDue();
    // The failed run consumed nothing: the period starts where the subscription did.
    expect(next).toMatchObject({ status: 'posted', articleCount: 2, periodStart: '2026-11-23T06:00:00.000Z' });
    expect(sandbox.channelMessages(logChannel)).toHaveLength(1);
  });

  it('a restart inside the window resumes the run at start-up; one after the window gives it up and reports it', async () => {
    const channel = sandbox.addChannel('outage-restart');
    clock.now = at('2026-11-23T06:00:00.000Z');
    const first = await harness();
    await first.service.start();
    await first.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    sandbox.setChannelFailure(channel, 500);
    clock.now = at('2026-11-23T07:00:00.000Z');
    const [stuck] = await first.service.runDue();
    expect(stuck.status).toBe('posting');
    await first.service.stop(); // the bot goes down at 07:01 …
    first.store.close();

    sandbox.setChannelFailure(channel, null);
    clock.now = at('2026-11-23T07:30:00.000Z'); // … and is back at 07:30, inside the hour
    const second = await harness({ dirs: { corpus: first.corpus, data: first.data } });
    const outcomes = await second.service.start();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ runId: stuck.runId, status: 'empty' });
    expect(sandbox.channelMessages(channel)).toHaveLength(1);

    // Next morning it fails again; the bot is down from 07:01 until 09:00, past the window.
    sandbox.setChannelFailure(channel, 500);
    clock.now = at('2026-11-24T07:00:00.000Z');
    const [again] = await second.service.runDue();
    await second.service.stop();
    second.store.close();
    sandbox.setChannelFailure(channel, null);
    clock.now = at('2026-11-24T09:00:00.000Z');
    const warnings: string[] = [];
    const third = await harness({ dirs: { corpus: first.corpus, data: first.data }, service: { log: { info: () => {}, warn: (m) => warnings.push(m) } } });
    const late = await third.service.start();
    expect(late).toEqual([expect.objectContaining({ runId: again.runId, status: 'failed' })]);
    expect(warnings.filter((w) => w.includes('could not be delivered'))).toHaveLength(1);
    expect(sandbox.channelMessages(channel)).toHaveLength(1); // no briefing hours late
  });

  it('the window fits the schedule: an hour for a daily briefing, half the period for a frequent one', () => {
    const slot = Date.parse('2026-11-23T07:00:00.000Z');
    expect(retryDeadline(parseCron('0 8 * * *'), 'Africa/Casablanca', slot, slot) - slot).toBe(60 * 60_000);
    expect(retryDeadline(parseCron('*/15 * * * *'), 'UTC', slot, slot) - slot).toBe(7.5 * 60_000);
    expect(retryDeadline(parseCron('0 7,8 * * *'), 'UTC', slot, slot) - slot).toBe(30 * 60_000);
    // A catch-up run starts at start-up, long after its slot: its window starts then.
    expect(retryDeadline(parseCron('0 8 * * *'), 'Africa/Casablanca', slot, slot + 3 * 3_600_000) - slot).toBe(4 * 3_600_000);
  });
});

describe('a crash right after posting, then a downtime longer than the nonce window (item 6)', () => {
  /** A REST whose request reaches Discord but whose process "dies" before the answer is handled. */
  function dyingAfter(posts: number) {
    let reached = 0;
    const dying = {
      post: async (route: string, options: unknown) => {
        const answer = await rest.post(route as any, options as any);
        if (++reached < posts) return answer;
        return new Promise(() => {}); // never returns: the process is gone
      },
      get: (route: string, options: unknown) => rest.get(route as any, options as any),
    } as unknown as REST;
    return { dying, reached: () => reached };
  }

  it('a one-message briefing is found in the channel, not posted again', async () => {
    const channel = sandbox.addChannel('crash-window');
    clock.now = at('2026-11-23T06:00:00.000Z');
    const first = await harness();
    await first.service.start();
    await first.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    clock.now = at('2026-11-23T06:30:00.000Z');
    await first.addSeeds(SEED_FILES.slice(3));

    const { dying, reached } = dyingAfter(1);
    clock.now = at('2026-11-23T07:00:00.000Z');
    const crashed = new BriefingService({
      store: first.store, engine: first.engine, rest: dying, defaultTimeZone: 'Africa/Casablanca', maxPerGuild: 10, whenEmpty: 'line',
      clock: () => clock.now, useCron: false, timers: manualTimers().timers,
    });
    void crashed.runDue();
    await expect.poll(() => reached()).toBe(1);
    expect(sandbox.channelMessages(channel)).toHaveLength(1);
    first.store.close();

    // Down for ten minutes: Discord (the sandbox, on the same clock) has forgotten the nonce.
    clock.now = at('2026-11-23T07:10:00.000Z');
    expect(clock.now.getTime() - at('2026-11-23T07:00:00.000Z').getTime()).toBeGreaterThan(NONCE_TRUST_MS);
    const second = await harness({ dirs: { corpus: first.corpus, data: first.data } });
    const [resumed] = await second.service.start();
    expect(resumed.status).toBe('posted');
    const visible = sandbox.channelMessages(channel);
    expect(visible).toHaveLength(1); // not two
    expect(resumed.messageIds).toEqual([visible[0].id]);
    expect(postsTo(channel)).toHaveLength(1); // found, not re-sent
    expect(visible[0].content).toMatch(/Briefing #\d+ · <t:\d+:f>/); // the caption that makes it findable
  });

  it('a briefing of several messages: the part sent before the crash is found, the rest are posted once', async () => {
    const channel = sandbox.addChannel('crash-multipart');
    clock.now = at('2026-11-23T06:00:00.000Z');
    const first = await harness();
    await first.service.start();
    await first.service.subscribe({ guildId: sandbox.guildId, channelId: channel, cron: '0 8 * * *', createdBy: sandbox.userId });
    const articles = await readSaudiNews(30);
    articles.forEach((a, i) => {
      const body = `---\ntitle: ${a.title.replace(/\n/g, ' ')}\nsource: ${a.source}\n---\n${a.content}`;
      writeFileSync(path.join(first.corpus, `snn_${String(i).padStart(2, '0')}.txt`), body);
    });
    clock.now = at('2026-11-23T06:40:00.000Z');
    await first.engine.reload();
    first.service.recordArticles();

    // Part 1 delivered and recorded; part 2 reaches Discord, then the process dies.
    const { dying, reached } = dyingAfter(2);
    clock.now = at('2026-11-23T07:00:00.000Z');
    const crashed = new BriefingService({
      store: first.store, engine: first.engine, rest: dying, defaultTimeZone: 'Africa/Casablanca', maxPerGuild: 10, whenEmpty: 'line',
      clock: () => clock.now, useCron: false, timers: manualTimers().timers,
    });
    void crashed.runDue();
    await expect.poll(() => reached()).toBe(2);
    const [inFlight] = first.store.runs.listByStatus('posting');
    expect(inFlight.payloads.length).toBeGreaterThan(2);
    await expect.poll(() => first.store.runs.get(inFlight.id)!.messageIds.filter(Boolean).length).toBe(1);
    first.store.close();

    clock.now = at('2026-11-23T07:20:00.000Z');
    const second = await harness({ dirs: { corpus: first.corpus, data: first.data } });
    const [resumed] = await second.service.start();
    expect(resumed.status).toBe('posted');
    const visible = sandbox.channelMessages(channel);
    expect(visible.map((m) => m.id)).toEqual(resumed.messageIds);
    expect(visible).toHaveLength(inFlight.payloads.length);
    expect(postsTo(channel)).toHaveLength(inFlight.payloads.length); // part 2 was not sent again
    expect(new Set(visible.map((m) => m.content)).size).toBe(visible.length);
    expect(sandbox.violations.filter((v) => v.path.includes(channel))).toEqual([]);
  });
});

async function readSaudiNews(count: number): Promise<{ title: string; source: string; content: string }[]> {
  const out: { title: string; source: string; content: string }[] = [];
  const lines = createInterface({ input: createReadStream(SAUDI_NEWS).pipe(createGunzip()) });
  for await (const line of lines) {
    const a = JSON.parse(line) as { title: string; source: string; content: string };
    if (a.content?.length > 400 && a.title && !out.some((o) => o.title === a.title)) out.push(a);
    if (out.length === count) break;
  }
  lines.close();
  return out;
}
