/**
 * Issue 11 end to end: the real bot (startBot, discord.js over the sandbox's gateway) with the briefing service and
 * the settings wired as src/main.ts wires them (briefingWiring), on a controlled clock. Members use /digest
 * subscribe, /digest edit and /settings as they would in Discord; the sandbox enforces Discord's rules for what the
 * briefings use (threads, forum posts, webhooks, allowed mentions, the bot's permissions) and records what each
 * message really pinged.
 *
 * The corpus: twenty unrelated reports (tests/support/unrelated-reports.ts) with front matter naming their source,
 * one of them also told by a second outlet (a story with two sources), and one report whose headline and text try
 * to ping (@everyone, <@user>, <@&role>).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/bot/bot.js';
import { ar } from '../src/bot/i18n/ar.js';
import { en } from '../src/bot/i18n/en.js';
import { silentBotLogger } from '../src/bot/log.js';
import { limitProblems } from '../src/bot/render/payload.js';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type InteractionRecord, type MessageRecord, type Sandbox } from '../src/sandbox/index.js';
import { BriefingService } from '../src/schedule/briefing-service.js';
import { briefingWiring, type BriefingWiring } from '../src/schedule/wiring.js';
import { openStore } from '../src/store/index.js';
import { UNRELATED_REPORTS, type Report } from './support/unrelated-reports.js';

let sandbox: Sandbox;
let bot: RunningBot;
let wiring: BriefingWiring;
let engine: Engine;
let root: string;
let corpus: string;
let data: string;
const clock = { now: new Date('2026-11-23T05:00:00.000Z') }; // 06:00 in Casablanca (GMT+1)
const service = () => wiring.service!;

const SOURCES = ['هسبريس', 'وكالة المغرب العربي للأنباء', 'الشرق الأوسط', 'اليوم 24', 'العربي الجديد'];
let roleForHostile = '';

function articleFile(key: string, report: Report, source: string, extra = ''): void {
  const text = ['---', `title: "${report.title}${extra}"`, 'date: 2026-11-22', `source: "${source}"`, '---', '', ...report.sentences.flatMap((s) => [s, ''])].join('\n');
  writeFileSync(path.join(corpus, `${key}.md`), text);
}

/** Articles arrive: written into the folder, synced by the engine, and seen by the service at the clock's time. */
async function arrive(write: () => void): Promise<void> {
  write();
  await engine.reload();
  service().recordArticles(clock.now);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'nashra-delivery-e2e-'));
  corpus = path.join(root, 'articles');
  data = path.join(root, 'data');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(path.join(corpus, 'old.md'), '---\ntitle: "مقال قديم عن الطقس"\nsource: "هسبريس"\n---\n\nكان الطقس معتدلا أمس في معظم المناطق.\n');
  sandbox = await startSandbox();
  engine = await Engine.open({ corpusDir: corpus, dataDir: data, clock: () => clock.now });
  const config = { locale: 'en' as const, briefing: { timezone: 'Africa/Casablanca', maxPerGuild: 100, whenEmpty: 'line' as const, logChannelId: null } };
  wiring = briefingWiring(config, engine, data, sandbox.token, sandbox.apiUrl, silentBotLogger, { clock: () => clock.now, useCron: false, retry: { attempts: 2, baseDelayMs: 1, sleep: async () => {} } });
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
    briefings: wiring.create,
    settings: wiring.settings,
  });
  await sandbox.waitForBot();
  roleForHostile = sandbox.addRole('Hostile test role', { mentionable: true });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await wiring?.stop();
  await engine?.close();
  await sandbox?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function replyText(record: InteractionRecord): string {
  const m = record.original;
  if (!m) return '';
  return [m.content, ...m.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

function textOf(m: MessageRecord): string {
  return [m.content, ...m.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n');
}

const subscribe = (options: { name: string; value: unknown }[], ctx = {}) =>
  sandbox.slash('digest', [{ name: 'subscribe', options: [{ name: 'cron', value: '0 8 * * *' }, ...options] }], ctx);

let days = 0;
/** The next day, at `hourUtc`: each briefing of these tests gets a day of its own. */
function nextDay(): { at: (hourUtc: number) => Date; key: string } {
  const day = days++;
  const at = (hourUtc: number) => new Date(Date.UTC(2026, 10, 23 + day, hourUtc));
  return { at, key: at(0).toISOString().slice(0, 10) };
}

/** The next 08:00 Casablanca slot (07:00Z), after a fresh batch of articles arrives an hour before it. */
async function nextBriefing(reports: readonly Report[] = UNRELATED_REPORTS.slice(0, 6), keyPrefix = 'r') {
  const day = nextDay();
  clock.now = day.at(6);
  await arrive(() => reports.forEach((r, i) => articleFile(`${keyPrefix}-${day.key}-${r.key}`, r, SOURCES[i % SOURCES.length])));
  clock.now = day.at(7);
  return service().runDue(clock.now);
}

/** The subscription a reply shows (its embed's title is «#id»), in either language. */
function newSubscriptionId(record: InteractionRecord): number {
  const m = /^#(\d+)$/.exec(String(record.original?.embeds[0]?.title ?? ''));
  if (!m) throw new Error(`no subscription in the reply: ${replyText(record)}`);
  return Number(m[1]);
}

describe('targets', () => {
  it('an announcement channel, like a text channel', async () => {
    const channel = sandbox.addChannel('news-announcements', { type: 'announcement' });
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }]));
    expect(service().get(sandbox.guildId, id)).toMatchObject({ targetKind: 'channel', channelId: channel });
    const outcomes = await nextBriefing();
    expect(outcomes.find((o) => o.subscriptionId === id)).toMatchObject({ status: 'posted' });
    expect(sandbox.channelMessages(channel).length).toBeGreaterThan(0);
    expect(sandbox.violations).toEqual([]);
  });

  it('a thread: posted in it, and reopened first when it was archived meanwhile', async () => {
    const parent = sandbox.addChannel('desk');
    const thread = sandbox.addThread(parent, 'Morning briefings');
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: thread }]));
    expect(service().get(sandbox.guildId, id)).toMatchObject({ targetKind: 'thread', channelId: thread, parentChannelId: parent });
    sandbox.setThreadState(thread, { archived: true }); // Discord archived it after a day of silence
    const outcomes = await nextBriefing();
    expect(outcomes.find((o) => o.subscriptionId === id)).toMatchObject({ status: 'posted' });
    expect(sandbox.channelInfo(thread).archived).toBe(false);
    expect(sandbox.channelMessages(thread).length).toBeGreaterThan(0);
    expect(sandbox.channelMessages(parent)).toEqual([]);
    expect(sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/channels/${thread}`)).map((r) => r.body)).toEqual([{ archived: false }]);
  });

  it('a thread archived and locked later: paused with the reason, since Nashra may not reopen it', async () => {
    const parent = sandbox.addChannel('desk-locked-later');
    const thread = sandbox.addThread(parent, 'Locked later');
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: thread }]));
    sandbox.setThreadState(thread, { archived: true, locked: true });
    const outcomes = await nextBriefing();
    expect(outcomes.find((o) => o.subscriptionId === id)).toMatchObject({ status: 'failed' });
    expect(service().get(sandbox.guildId, id)).toMatchObject({ status: 'failing' });
    expect(service().get(sandbox.guildId, id).failureReason).toMatch(/not allowed to post/);
    expect(sandbox.channelMessages(thread)).toEqual([]);
  });

  it('a forum: each briefing a new post titled with its date and top story, with the tag, its parts inside', async () => {
    const forum = sandbox.addChannel('briefings-forum', { type: 'forum', tags: ['Morning', 'Evening'] });
    const reply = await subscribe([{ name: 'channel', value: forum }, { name: 'tag', value: 'morning' }]);
    const id = newSubscriptionId(reply);
    const [morning] = sandbox.channelInfo(forum).tags;
    expect(replyText(reply)).toContain('Morning'); // the tag by its name
    expect(service().get(sandbox.guildId, id)).toMatchObject({ targetKind: 'forum', forumTagId: morning.id });

    const all = await nextBriefing(UNRELATED_REPORTS, 'forum'); // 20 stories: more than one message
    const run = all.find((o) => o.subscriptionId === id)!;
    expect(run.status).toBe('posted');
    const posts = sandbox.threadsIn(forum);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post.appliedTags).toEqual([morning.id]);
    expect(post.name.length).toBeLessThanOrEqual(100);
    expect(post.name).toMatch(/^(\d+) November 2026 · /);
    const inPost = sandbox.channelMessages(post.id);
    expect(inPost.map((m) => m.id)).toEqual(run.messageIds);
    expect(inPost.length).toBeGreaterThan(1);
    expect(post.name).toContain(String(inPost[0].embeds[0].title).replace(/\\/g, '').slice(0, 20));
    expect(sandbox.channelMessages(forum)).toEqual([]);

    // The next briefing is another post.
    await nextBriefing(UNRELATED_REPORTS.slice(0, 3), 'forum-b');
    expect(sandbox.threadsIn(forum)).toHaveLength(2);
    expect(sandbox.violations).toEqual([]);
  });
});

describe('the role ping', () => {
  it('pings exactly that role with the first part; article text with @everyone, <@id> and <@&id> pings nobody', async () => {
    const channel = sandbox.addChannel('desk-pings');
    const desk = sandbox.addRole('Morning desk', { mentionable: true });
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, { name: 'mention', value: desk }]));
    expect(service().get(sandbox.guildId, id).mentionRoleId).toBe(desk);
    const hostile: Report = {
      key: 'hostile',
      title: `@everyone عاجل <@${sandbox.userId}> <@&${roleForHostile}> انقطاع الكهرباء في طنجة`,
      sentences: [
        `@here انقطع التيار الكهربائي عن أحياء واسعة من طنجة مساء الاثنين <@&${roleForHostile}> بسبب عطل في محطة التحويل.`,
        'وقالت الشركة المكلفة بالتوزيع إن فرقها تعمل على إعادة التيار خلال ساعات.',
        `وطالب السكان <@${sandbox.userId}> بتعويض عن الأجهزة التي تضررت.`,
      ],
    };
    const outcomes = await nextBriefing([...UNRELATED_REPORTS.slice(0, 15), hostile], 'pings');
    const run = outcomes.find((o) => o.subscriptionId === id)!;
    expect(run.status).toBe('posted');
    const messages = sandbox.channelMessages(channel);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0].content.startsWith(`<@&${desk}>`)).toBe(true);
    expect(messages[0].allowed_mentions).toEqual({ parse: [], roles: [desk] });
    expect(messages[0].mention_roles).toEqual([desk]);
    for (const m of messages.slice(1)) expect(m.allowed_mentions).toEqual({ parse: [] });
    for (const m of messages) {
      expect(m.mention_everyone).toBe(false);
      expect(m.mentions).toEqual([]);
      expect(m.mention_roles).toEqual(m === messages[0] ? [desk] : []);
    }
    // The hostile article is there, its mentions broken (all but the ping itself, the first line of part 1).
    const all = messages.map(textOf).join('\n').replace(`<@&${desk}>`, '');
    expect(all).toContain('انقطاع الكهرباء');
    expect(all).not.toMatch(/@(everyone|here)/);
    expect(all).not.toMatch(/<@&?\d/);
    expect(sandbox.violations).toEqual([]);
  });

  it('is refused when the member may not mention the role, or Nashra could not ping it — nothing is created', async () => {
    const channel = sandbox.addChannel('desk-ping-refused');
    const quiet = sandbox.addRole('Quiet desk'); // not mentionable
    const before = service().list(sandbox.guildId).length;
    // Omar may manage the server here, but not mention a role that is not mentionable.
    const omar = await subscribe([{ name: 'channel', value: channel }, { name: 'mention', value: quiet }], {
      userId: sandbox.readerId,
      permissions: String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages),
    });
    expect(omar.ephemeral).toBe(true);
    expect(replyText(omar)).toContain(en.errorMemberCannotMention(`<@&${quiet}>`));
    // Layla may (Mention Everyone), but Nashra may not: Discord would drop the ping without a word.
    const layla = await subscribe([{ name: 'channel', value: channel }, { name: 'mention', value: quiet }]);
    expect(replyText(layla)).toContain(en.errorBotCannotMention(`<@&${quiet}>`, `<#${channel}>`));
    const everyone = await subscribe([{ name: 'channel', value: channel }, { name: 'mention', value: sandbox.guildId }]);
    expect(replyText(everyone)).toContain(en.errorMentionEveryone);
    expect(service().list(sandbox.guildId)).toHaveLength(before);
    // Once Nashra may mention everyone in that channel, Layla's subscription is accepted.
    sandbox.setBotPermissions(channel, { allow: PermissionFlagsBits.MentionEveryone });
    expect(replyText(await subscribe([{ name: 'channel', value: channel }, { name: 'mention', value: quiet }]))).toMatch(/#\d+ created/);
    expect(omar.original!.mention_roles).toEqual([]); // the refusal itself pinged nobody
  });
});

describe('webhook identity', () => {
  it('posts through one webhook Nashra creates and reuses, under each subscription’s name and avatar', async () => {
    const channel = sandbox.addChannel('desk-identity');
    const a = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, { name: 'name', value: 'Morning Desk' }, { name: 'avatar', value: 'https://example.org/desk.png' }]));
    const b = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, { name: 'cron', value: '0 8 * * *' }, { name: 'name', value: 'نشرة الصباح' }, { name: 'format', value: 'compact' }]));
    const hooks = sandbox.webhooks(channel);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].applicationId).toBe(sandbox.applicationId);
    const outcomes = await nextBriefing();
    expect(outcomes.filter((o) => o.subscriptionId === a || o.subscriptionId === b).map((o) => o.status)).toEqual(['posted', 'posted']);
    const messages = sandbox.channelMessages(channel);
    expect(new Set(messages.map((m) => m.author_id))).toEqual(new Set([hooks[0].id]));
    expect(new Set(messages.map((m) => m.author_name))).toEqual(new Set(['Morning Desk', 'نشرة الصباح']));
    expect(messages.filter((m) => m.author_name === 'Morning Desk').every((m) => m.avatar_url === 'https://example.org/desk.png')).toBe(true);
    // Webhooks take no nonce: none was sent.
    const executes = sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v10/webhooks/${hooks[0].id}/`));
    expect(executes.length).toBe(messages.length);
    expect(executes.every((r) => r.query.wait === 'true' && r.body.nonce === undefined)).toBe(true);
    // The token never reaches the record of a subscription shown to members.
    expect(JSON.stringify(service().list(sandbox.guildId))).not.toContain(executes[0].path.split('/').at(-1)!);

    // Removing one subscription keeps the webhook (the other uses it); removing the last deletes it.
    await sandbox.slash('digest', [{ name: 'unsubscribe', options: [{ name: 'id', value: a }] }]);
    expect(sandbox.webhooks(channel)).toHaveLength(1);
    await sandbox.slash('digest', [{ name: 'unsubscribe', options: [{ name: 'id', value: b }] }]);
    expect(sandbox.webhooks(channel)).toHaveLength(0);
  });

  it('crash and resume: a message the webhook posted before the crash is found, not posted twice', async () => {
    const channel = sandbox.addChannel('desk-crash');
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, { name: 'name', value: 'Crash Desk' }]));
    const day = nextDay();
    clock.now = day.at(6);
    await arrive(() => UNRELATED_REPORTS.forEach((r, i) => articleFile(`crash-${r.key}`, r, SOURCES[i % SOURCES.length])));
    clock.now = day.at(7);
    // Discord takes the first part, and the answer never comes back; the bot is killed while it waits.
    sandbox.setChannelFailure(channel, 'hang-after-create');
    const running = wiring.service!.runDue(clock.now);
    for (let i = 0; i < 100 && sandbox.channelMessages(channel).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sandbox.channelMessages(channel)).toHaveLength(1);
    await wiring.service!.stop(); // the crash: requests aborted, the run stays 'posting' in the store
    await running;
    const store = openStore(data);
    const [run] = store.runs.listForSubscription(id);
    expect(run).toMatchObject({ status: 'posting' });
    expect(run.messageIds.every((m) => m === null)).toBe(true); // its first part was never recorded
    const parts = run.payloads.length;
    expect(parts).toBeGreaterThan(1);

    // A new process: the same store, the same sandbox. Within the nonce window too, the part is looked for first.
    clock.now = new Date(clock.now.getTime() + 30_000);
    const restarted = new BriefingService({
      store, engine, rest: (wiring.service as any).rest, defaultTimeZone: 'Africa/Casablanca', maxPerGuild: 100, whenEmpty: 'line',
      clock: () => clock.now, useCron: false, botUserId: sandbox.applicationId,
    });
    try {
      const resumed = (await restarted.start()).find((o) => o.subscriptionId === id)!;
      expect(resumed).toMatchObject({ status: 'posted' });
      const messages = sandbox.channelMessages(channel);
      expect(messages).toHaveLength(parts); // no duplicate of part 1
      expect(new Set(messages.map((m) => m.content)).size).toBe(parts);
      expect(resumed.messageIds[0]).toBe(messages[0].id);
    } finally {
      await restarted.stop();
      store.close();
      // Back to the wired service for the other tests.
      await wiring.service!.start();
    }
  });

  it('into a thread (reopened by Discord for the webhook) and a forum (thread_name, then thread_id), under the name', async () => {
    const parent = sandbox.addChannel('desk-webhook-thread');
    const thread = sandbox.addThread(parent, 'Webhook thread', { archived: true });
    const forum = sandbox.addChannel('webhook-forum-e2e', { type: 'forum', tags: ['Daily'] });
    const inThread = newSubscriptionId(await subscribe([{ name: 'channel', value: thread }, { name: 'name', value: 'Thread Desk' }]));
    const inForum = newSubscriptionId(await subscribe([{ name: 'channel', value: forum }, { name: 'name', value: 'Forum Desk' }, { name: 'tag', value: 'Daily' }]));
    // The webhook of a thread lives in its channel.
    expect(sandbox.webhooks(parent)).toHaveLength(1);
    expect(sandbox.webhooks(forum)).toHaveLength(1);
    const outcomes = await nextBriefing(UNRELATED_REPORTS, 'wh-targets');
    expect(outcomes.filter((o) => o.subscriptionId === inThread || o.subscriptionId === inForum).map((o) => o.status)).toEqual(['posted', 'posted']);
    expect(sandbox.channelInfo(thread).archived).toBe(false);
    const threadMessages = sandbox.channelMessages(thread);
    expect(threadMessages.length).toBeGreaterThan(1);
    expect(threadMessages.every((m) => m.author_name === 'Thread Desk')).toBe(true);
    expect(sandbox.channelMessages(parent)).toEqual([]);
    const [post] = sandbox.threadsIn(forum);
    expect(post).toMatchObject({ ownerId: sandbox.webhooks(forum)[0].id, appliedTags: [sandbox.channelInfo(forum).tags[0].id] });
    const postMessages = sandbox.channelMessages(post.id);
    expect(postMessages.length).toBe(outcomes.find((o) => o.subscriptionId === inForum)!.messageIds.length);
    expect(postMessages.every((m) => m.author_name === 'Forum Desk')).toBe(true);
    expect(sandbox.violations).toEqual([]);
  });

  it('crash and resume in a forum: the post opened before the crash is found, not opened twice', async () => {
    const forum = sandbox.addChannel('forum-crash', { type: 'forum' });
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: forum }]));
    const day = nextDay();
    clock.now = day.at(6);
    await arrive(() => UNRELATED_REPORTS.forEach((r, i) => articleFile(`forum-crash-${r.key}`, r, SOURCES[i % SOURCES.length])));
    clock.now = day.at(7);
    sandbox.setChannelFailure(forum, 'hang-after-create'); // Discord opens the post; its answer is lost
    const running = wiring.service!.runDue(clock.now);
    for (let i = 0; i < 100 && sandbox.threadsIn(forum).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sandbox.threadsIn(forum)).toHaveLength(1);
    await wiring.service!.stop();
    await running;
    clock.now = new Date(clock.now.getTime() + 30_000);
    await wiring.service!.start(); // the same store: the run is resumed, the post looked for first
    const [post] = sandbox.threadsIn(forum);
    expect(sandbox.threadsIn(forum)).toHaveLength(1);
    const store = openStore(data);
    try {
      const [run] = store.runs.listForSubscription(id);
      expect(run).toMatchObject({ status: 'posted', threadId: post.id });
      expect(sandbox.channelMessages(post.id).map((m) => m.id)).toEqual(run.messageIds);
    } finally {
      store.close();
    }
  });

  it('a webhook deleted by an admin is made again at the next briefing', async () => {
    const channel = sandbox.addChannel('desk-webhook-deleted');
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, { name: 'name', value: 'Desk' }]));
    const [first] = sandbox.webhooks(channel);
    sandbox.deleteWebhook(first.id);
    const outcomes = await nextBriefing();
    expect(outcomes.find((o) => o.subscriptionId === id)).toMatchObject({ status: 'posted' });
    const [second] = sandbox.webhooks(channel);
    expect(second.id).not.toBe(first.id);
    expect(sandbox.channelMessages(channel).every((m) => m.author_id === second.id)).toBe(true);
  });

  it('without Manage Webhooks: a clear private refusal, and neither a subscription nor a webhook', async () => {
    const channel = sandbox.addChannel('desk-no-webhooks');
    sandbox.setBotPermissions(channel, { deny: PermissionFlagsBits.ManageWebhooks });
    const before = service().list(sandbox.guildId).length;
    const refused = await subscribe([{ name: 'channel', value: channel }, { name: 'name', value: 'Desk' }]);
    expect(refused.ephemeral).toBe(true);
    expect(replyText(refused)).toContain(en.errorBotMissingPermissions(`<#${channel}>`, 'Manage Webhooks'));
    expect(service().list(sandbox.guildId)).toHaveLength(before);
    expect(sandbox.webhooks(channel)).toEqual([]);
    // A name Discord refuses is refused before asking it.
    const badName = await subscribe([{ name: 'channel', value: sandbox.addChannel('desk-bad-name') }, { name: 'name', value: 'Discord News' }]);
    expect(replyText(badName)).toContain(en.errorSubscription.INVALID_IDENTITY);
  });
});

describe('missing permissions, one per feature: a clear private error and nothing half-created', () => {
  const cases: { what: string; setUp: () => { channel: string; options: { name: string; value: unknown }[] }; expected: (channel: string) => string }[] = [
    {
      what: 'a channel where Nashra cannot embed',
      setUp: () => {
        const channel = sandbox.addChannel('no-embeds');
        sandbox.setBotPermissions(channel, { deny: PermissionFlagsBits.EmbedLinks });
        return { channel, options: [{ name: 'channel', value: channel }] };
      },
      expected: (c) => en.errorBotMissingPermissions(`<#${c}>`, 'Embed Links'),
    },
    {
      what: 'a thread where Nashra may not post',
      setUp: () => {
        const parent = sandbox.addChannel('no-threads');
        sandbox.setBotPermissions(parent, { deny: PermissionFlagsBits.SendMessagesInThreads });
        const thread = sandbox.addThread(parent, 'T');
        return { channel: thread, options: [{ name: 'channel', value: thread }] };
      },
      expected: (c) => en.errorBotMissingPermissions(`<#${c}>`, 'Send Messages in Threads'),
    },
    {
      what: 'a thread archived and locked',
      setUp: () => {
        const thread = sandbox.addThread(sandbox.addChannel('locked'), 'Locked', { archived: true, locked: true });
        return { channel: thread, options: [{ name: 'channel', value: thread }] };
      },
      expected: (c) => en.errorThreadLocked(`<#${c}>`),
    },
    {
      what: 'a forum where Nashra may not create posts',
      setUp: () => {
        const forum = sandbox.addChannel('closed-forum', { type: 'forum' });
        sandbox.setBotPermissions(forum, { deny: PermissionFlagsBits.SendMessages });
        return { channel: forum, options: [{ name: 'channel', value: forum }] };
      },
      expected: (c) => en.errorBotMissingPermissions(`<#${c}>`, 'Send Messages'),
    },
    {
      what: 'a forum that requires a tag, without one',
      setUp: () => {
        const forum = sandbox.addChannel('tagged-forum', { type: 'forum', tags: ['Daily'], requireTag: true });
        return { channel: forum, options: [{ name: 'channel', value: forum }] };
      },
      expected: () => en.errorTagRequired('Daily'),
    },
    {
      what: 'a tag the forum does not have',
      setUp: () => {
        const forum = sandbox.addChannel('other-forum', { type: 'forum', tags: ['Daily'] });
        return { channel: forum, options: [{ name: 'channel', value: forum }, { name: 'tag', value: 'Weekly' }] };
      },
      expected: () => en.errorUnknownTag('Weekly', 'Daily'),
    },
  ];
  for (const c of cases) {
    it(c.what, async () => {
      const before = service().list(sandbox.guildId).length;
      const { channel, options } = c.setUp();
      const reply = await subscribe(options);
      expect(reply.ephemeral).toBe(true);
      expect(replyText(reply)).toContain(c.expected(channel));
      expect(service().list(sandbox.guildId)).toHaveLength(before);
      expect(sandbox.webhooks()).not.toContainEqual(expect.objectContaining({ channelId: channel }));
    });
  }
});

describe('filters and formats', () => {
  /** A subscription in a channel of its own, and what its next briefing posted there. */
  async function briefingWith(options: { name: string; value: unknown }[], reports: readonly Report[] = UNRELATED_REPORTS) {
    const channel = sandbox.addChannel(`filters-${options.map((o) => o.name).join('-') || 'none'}`);
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, ...options]));
    const outcomes = await nextBriefing(reports, `f${id}`);
    return { id, outcome: outcomes.find((o) => o.subscriptionId === id)!, messages: sandbox.channelMessages(channel) };
  }
  const storyTitles = (messages: MessageRecord[]) => messages.flatMap((m) => m.embeds.map((e) => String(e.title ?? '').replace(/\\/g, '')));

  it('full (as before): an embed per story, every message within Discord’s limits', async () => {
    const { outcome, messages } = await briefingWith([]);
    expect(outcome.status).toBe('posted');
    expect(storyTitles(messages)).toHaveLength(UNRELATED_REPORTS.length);
    for (const m of messages) expect(limitProblems({ content: m.content, embeds: m.embeds, allowed_mentions: { parse: [] } })).toEqual([]);
  });

  it('compact: titles and one line each, far fewer embeds, within the limits', async () => {
    const { outcome, messages } = await briefingWith([{ name: 'format', value: 'compact' }]);
    expect(outcome.status).toBe('posted');
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds.length).toBeLessThan(UNRELATED_REPORTS.length / 4);
    const listing = embeds.map((e) => e.description).join('\n\n').split('\n\n');
    expect(listing).toHaveLength(UNRELATED_REPORTS.length);
    for (const entry of listing) expect(entry.split('\n')).toHaveLength(2); // the title, then one line
    for (const m of messages) expect(limitProblems({ content: m.content, embeds: m.embeds, allowed_mentions: { parse: [] } })).toEqual([]);
  });

  it('max stories', async () => {
    const { messages } = await briefingWith([{ name: 'max_stories', value: 3 }]);
    expect(storyTitles(messages)).toHaveLength(3);
    expect(messages[0].content).toMatch(/3 stories from 3 articles/);
  });

  it('words to exclude: an article a search for the word finds is left out (clitics and all)', async () => {
    // «الحوز» is in the earthquake report only; «بالحوز» would be the same word to search.
    const { messages } = await briefingWith([{ name: 'exclude', value: 'الحوز, الوداد' }]);
    const titles = storyTitles(messages).join('\n');
    expect(titles).not.toContain('هزة أرضية');
    expect(titles).not.toContain('الوداد');
    expect(storyTitles(messages)).toHaveLength(UNRELATED_REPORTS.length - 2);
  });

  it('sources to include, and to exclude', async () => {
    const only = await briefingWith([{ name: 'sources', value: 'هسبريس' }]);
    // Reports 0, 5, 10, 15 have the source هسبريس (SOURCES cycles).
    expect(storyTitles(only.messages).sort()).toEqual(UNRELATED_REPORTS.filter((_, i) => i % SOURCES.length === 0).map((r) => r.title).sort());
    const without = await briefingWith([{ name: 'exclude_sources', value: 'هسبريس, الشرق الاوسط' }]); // ا for أ: normalized
    expect(storyTitles(without.messages)).toHaveLength(UNRELATED_REPORTS.length - 8);
  });

  it('a minimum number of sources per story', async () => {
    const told: Report = UNRELATED_REPORTS[3];
    const reports = UNRELATED_REPORTS.slice(0, 8);
    const channel = sandbox.addChannel('filters-min-sources');
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }, { name: 'min_sources', value: 2 }]));
    const day = nextDay();
    clock.now = day.at(6);
    await arrive(() => {
      reports.forEach((r, i) => articleFile(`ms-${r.key}`, r, SOURCES[i % SOURCES.length]));
      articleFile('ms-second-outlet', told, 'صحيفة الصباح', ' (تحديث)'); // the same event, from a second outlet
    });
    clock.now = day.at(7);
    const outcome = (await service().runDue(clock.now)).find((o) => o.subscriptionId === id)!;
    expect(outcome.status).toBe('posted');
    const titles = storyTitles(sandbox.channelMessages(channel));
    expect(titles).toHaveLength(1);
    expect(titles[0]).toContain(told.title.slice(0, 15));
  });

  it('/digest edit changes the format and the ping, and clear removes the ping', async () => {
    const channel = sandbox.addChannel('filters-edit');
    const desk = sandbox.addRole('Edit desk', { mentionable: true });
    const id = newSubscriptionId(await subscribe([{ name: 'channel', value: channel }]));
    const edited = await sandbox.slash('digest', [{ name: 'edit', options: [{ name: 'id', value: id }, { name: 'format', value: 'compact' }, { name: 'mention', value: desk }] }]);
    expect(replyText(edited)).toContain(en.subscribedEdited(id));
    expect(service().get(sandbox.guildId, id)).toMatchObject({ format: 'compact', mentionRoleId: desk });
    const cleared = await sandbox.slash('digest', [{ name: 'edit', options: [{ name: 'id', value: id }, { name: 'clear', value: 'mention' }] }]);
    expect(replyText(cleared)).toContain(en.subscribedEdited(id));
    expect(service().get(sandbox.guildId, id)).toMatchObject({ format: 'compact', mentionRoleId: null });
    const nothing = await sandbox.slash('digest', [{ name: 'edit', options: [{ name: 'id', value: id }] }]);
    expect(replyText(nothing)).toContain(en.errorNothingToEdit);
    // Moved to a forum without the permission it needs there: refused, and nothing changed.
    const forum = sandbox.addChannel('edit-closed-forum', { type: 'forum' });
    sandbox.setBotPermissions(forum, { deny: PermissionFlagsBits.SendMessages });
    const moved = await sandbox.slash('digest', [{ name: 'edit', options: [{ name: 'id', value: id }, { name: 'channel', value: forum }] }]);
    expect(replyText(moved)).toContain(en.errorBotMissingPermissions(`<#${forum}>`, 'Send Messages'));
    expect(service().get(sandbox.guildId, id)).toMatchObject({ channelId: channel, targetKind: 'channel' });
  });
});

describe('/settings', () => {
  it('the server’s language, timezone and log channel, in both languages, with each member’s own language', async () => {
    const log = sandbox.addChannel('nashra-log');
    // Omar may not change the server's settings (told in the server's language: English, the default).
    const denied = await sandbox.slash('settings', [{ name: 'server', options: [{ name: 'language', value: 'ar' }] }], { userId: sandbox.readerId });
    expect(denied.ephemeral).toBe(true);
    expect(replyText(denied)).toContain(en.errorNeedsManageServerSettings);

    const set = await sandbox.slash('settings', [{ name: 'server', options: [
      { name: 'language', value: 'ar' }, { name: 'timezone', value: 'asia/riyadh' }, { name: 'log_channel', value: log },
    ] }]);
    expect(set.ephemeral).toBe(true);
    const setText = replyText(set);
    expect(setText).toContain(ar.settingsUpdated); // answered in the server's new language
    expect(setText).toContain('Asia/Riyadh');
    expect(setText).toContain(`<#${log}>`);

    // Every reply now speaks Arabic: Omar's search, and the refusal above would too.
    const omarSearch = await sandbox.slash('search', [{ name: 'query', value: 'الذهب' }], { userId: sandbox.readerId });
    expect(replyText(omarSearch)).toContain(ar.searchQuery);
    const omarDenied = await sandbox.slash('settings', [{ name: 'server', options: [{ name: 'language', value: 'en' }] }], { userId: sandbox.readerId });
    expect(replyText(omarDenied)).toContain(ar.errorNeedsManageServerSettings);

    // Omar prefers English for himself (Discord's client could not tell us): his replies are English, Layla's Arabic.
    const me = await sandbox.slash('settings', [{ name: 'me', options: [{ name: 'language', value: 'en' }] }], { userId: sandbox.readerId });
    expect(replyText(me)).toContain(en.settingsMeSet('English'));
    expect(replyText(await sandbox.slash('search', [{ name: 'query', value: 'الذهب' }], { userId: sandbox.readerId }))).toContain(en.searchQuery);
    expect(replyText(await sandbox.slash('search', [{ name: 'query', value: 'الذهب' }]))).toContain(ar.searchQuery);
    const view = await sandbox.slash('settings', [{ name: 'view' }], { userId: sandbox.readerId });
    expect(replyText(view)).toContain(en.settingsYourLanguage);
    expect(replyText(view)).toContain('العربية');

    // New subscriptions take the server's timezone and language.
    const channel = sandbox.addChannel('riyadh-desk');
    const created = await subscribe([{ name: 'channel', value: channel }]);
    const sub = service().get(sandbox.guildId, newSubscriptionId(created));
    expect(replyText(created)).toContain(ar.subscribed(sub.id));
    expect(sub).toMatchObject({ timezone: 'Asia/Riyadh', language: 'ar' });

    // A paused briefing is reported in the server's log channel.
    sandbox.setChannelFailure(channel, 403);
    await nextBriefing(UNRELATED_REPORTS.slice(0, 2), 'settings');
    sandbox.setChannelFailure(channel, null);
    const notice = sandbox.channelMessages(log).map((m) => m.content).join('\n');
    expect(notice).toContain(`رقم ${sub.id} في <#${channel}>`); // in the subscription's language, Arabic

    // Back to the defaults.
    const reset = await sandbox.slash('settings', [{ name: 'server', options: [{ name: 'reset', value: 'all' }] }]);
    expect(replyText(reset)).toContain(en.settingsUpdated);
    expect(replyText(reset)).toContain(en.settingsDefault('Africa/Casablanca'));
    await sandbox.slash('settings', [{ name: 'me', options: [{ name: 'language', value: 'server' }] }], { userId: sandbox.readerId });
    expect(sandbox.violations).toEqual([]);
  });

  it('refuses a log channel Nashra cannot post in, and an unknown timezone', async () => {
    const closed = sandbox.addChannel('closed-log');
    sandbox.setBotPermissions(closed, { deny: PermissionFlagsBits.SendMessages });
    const refused = await sandbox.slash('settings', [{ name: 'server', options: [{ name: 'log_channel', value: closed }] }]);
    expect(replyText(refused)).toContain(en.errorLogChannelUnusable(`<#${closed}>`, 'Send Messages'));
    const zone = await sandbox.slash('settings', [{ name: 'server', options: [{ name: 'timezone', value: 'Mars/Olympus' }] }]);
    expect(replyText(zone)).toContain(en.errorSubscription.INVALID_TIMEZONE);
    expect(wiring.settings!.server(sandbox.guildId).own).toEqual({ language: false, timezone: false, logChannelId: false });
  });
});
