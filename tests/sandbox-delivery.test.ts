/**
 * The sandbox's rules for what issue 11's briefings use — threads, forum posts, channel webhooks, role mentions and
 * the bot's permissions — through discord.js's own REST client, as the briefing service talks to it. Each rule is
 * Discord's (cited in src/sandbox/server.ts); the tests check both that the happy path works and that breaking the
 * rule gets Discord's answer.
 */
import { Client, DiscordAPIError, Events, GatewayIntentBits, PermissionFlagsBits, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

let sandbox: Sandbox;
let rest: REST;

beforeAll(async () => {
  sandbox = await startSandbox();
  rest = new REST({ version: '10', api: sandbox.apiUrl, retries: 0 }).setToken(sandbox.token);
});
afterAll(async () => {
  await sandbox?.close();
});

const NO_PINGS = { parse: [] as [] };

async function refused(promise: Promise<unknown>): Promise<{ status: number; code: number | string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DiscordAPIError) return { status: err.status, code: err.code };
    throw err;
  }
  throw new Error('expected Discord to refuse the request');
}

describe('threads', () => {
  it('posts in a thread, refuses an archived one (50083), and lets the bot reopen it unless it is locked', async () => {
    const parent = sandbox.addChannel('desk-threads');
    const thread = sandbox.addThread(parent, 'Morning thread');
    const posted = (await rest.post(Routes.channelMessages(thread), { body: { content: 'in the thread', allowed_mentions: NO_PINGS } })) as any;
    expect(posted.channel_id).toBe(thread);
    expect(sandbox.channelMessages(thread).map((m) => m.content)).toEqual(['in the thread']);

    sandbox.setThreadState(thread, { archived: true });
    expect(await refused(rest.post(Routes.channelMessages(thread), { body: { content: 'x', allowed_mentions: NO_PINGS } }))).toEqual({ status: 400, code: 50083 });
    await rest.patch(Routes.channel(thread), { body: { archived: false } });
    expect(sandbox.channelInfo(thread).archived).toBe(false);

    // Locked and archived: only Manage Threads reopens it, and the bot does not have it.
    sandbox.setThreadState(thread, { archived: true, locked: true });
    expect(await refused(rest.patch(Routes.channel(thread), { body: { archived: false } }))).toEqual({ status: 403, code: 50013 });
    sandbox.setBotPermissions(parent, { allow: PermissionFlagsBits.ManageThreads });
    await rest.patch(Routes.channel(thread), { body: { archived: false } });
    expect(sandbox.channelInfo(thread).archived).toBe(false);
    sandbox.setBotPermissions(parent, null);
  });

  it('needs Send Messages in Threads to post there', async () => {
    const parent = sandbox.addChannel('desk-no-threads');
    const thread = sandbox.addThread(parent, 'Quiet');
    sandbox.setBotPermissions(parent, { deny: PermissionFlagsBits.SendMessagesInThreads });
    expect(await refused(rest.post(Routes.channelMessages(thread), { body: { content: 'x', allowed_mentions: NO_PINGS } }))).toEqual({ status: 403, code: 50013 });
    expect(sandbox.channelMessages(thread)).toEqual([]);
  });
});

describe('forum posts', () => {
  it('creates a post (a thread whose starter message has the thread’s id) with a tag; refuses bad titles and tags', async () => {
    const forum = sandbox.addChannel('briefings-forum', { type: 'forum', tags: ['Morning', 'Evening'], requireTag: true });
    const [morning] = sandbox.channelInfo(forum).tags;
    const message = { content: 'briefing', allowed_mentions: NO_PINGS };

    // Messages do not go into a forum itself.
    expect(await refused(rest.post(Routes.channelMessages(forum), { body: message }))).toEqual({ status: 400, code: 50008 });
    // Title: 1–100 characters.
    expect((await refused(rest.post(Routes.threads(forum), { body: { name: 'ن'.repeat(101), message, applied_tags: [morning.id] } }))).code).toBe(50035);
    // This forum requires a tag; an unknown one is refused.
    expect(await refused(rest.post(Routes.threads(forum), { body: { name: 'No tag', message } }))).toEqual({ status: 400, code: 40067 });
    expect((await refused(rest.post(Routes.threads(forum), { body: { name: 'Bad tag', message, applied_tags: ['123'] } }))).code).toBe(50035);
    expect(sandbox.threadsIn(forum)).toEqual([]);

    const post = (await rest.post(Routes.threads(forum), { body: { name: 'نشرة 23 نوفمبر', message, applied_tags: [morning.id], auto_archive_duration: 1440 } })) as any;
    expect(post.message.id).toBe(post.id);
    expect(sandbox.threadsIn(forum)).toMatchObject([{ id: post.id, name: 'نشرة 23 نوفمبر', appliedTags: [morning.id], ownerId: sandbox.applicationId }]);
    expect(sandbox.channelMessages(post.id).map((m) => m.content)).toEqual(['briefing']);
    // The rest of a briefing goes into the post, with nonces as anywhere else.
    await rest.post(Routes.channelMessages(post.id), { body: { content: 'part 2', allowed_mentions: NO_PINGS, nonce: 'n1', enforce_nonce: true } });
    const active = (await rest.get(Routes.guildActiveThreads(sandbox.guildId))) as any;
    expect(active.threads.map((t: any) => t.id)).toContain(post.id);
    expect(sandbox.violations.filter((v) => v.rule === 'schema')).toEqual([]);
  });

  it('needs Send Messages ("Create Posts") in the forum', async () => {
    const forum = sandbox.addChannel('closed-forum', { type: 'forum' });
    sandbox.setBotPermissions(forum, { deny: PermissionFlagsBits.SendMessages });
    expect(await refused(rest.post(Routes.threads(forum), { body: { name: 'x', message: { content: 'x', allowed_mentions: NO_PINGS } } }))).toEqual({ status: 403, code: 50013 });
  });
});

describe('channel webhooks', () => {
  it('are created with Manage Webhooks, and post under the name and avatar given, answering only with ?wait=true', async () => {
    const channel = sandbox.addChannel('desk-webhook');
    expect((await refused(rest.post(Routes.channelWebhooks(channel), { body: { name: 'Discord News' } }))).code).toBe(50035);
    const webhook = (await rest.post(Routes.channelWebhooks(channel), { body: { name: 'Nashra briefings' } })) as any;
    expect(webhook.token).toBeTruthy();
    expect(sandbox.webhooks(channel)).toEqual([{ id: webhook.id, channelId: channel, name: 'Nashra briefings', applicationId: sandbox.applicationId }]);
    const listed = (await rest.get(Routes.channelWebhooks(channel))) as any[];
    expect(listed.map((w) => w.id)).toEqual([webhook.id]);

    const hook = new REST({ version: '10', api: sandbox.apiUrl, retries: 0 }); // no bot token: the webhook's is in the path
    const body = { content: 'الموجز', username: 'Morning Desk', avatar_url: 'https://example.org/a.png', allowed_mentions: NO_PINGS };
    const message = (await hook.post(Routes.webhook(webhook.id, webhook.token), { body, query: new URLSearchParams({ wait: 'true' }), auth: false })) as any;
    expect(message.author).toMatchObject({ id: webhook.id, username: 'Morning Desk' });
    expect(message.webhook_id).toBe(webhook.id);
    await hook.post(Routes.webhook(webhook.id, webhook.token), { body, auth: false });
    expect(sandbox.requests.at(-1)?.status).toBe(204); // no message in the answer: nothing to record
    expect(sandbox.channelMessages(channel).map((m) => [m.author_id, m.author_name])).toEqual([[webhook.id, 'Morning Desk'], [webhook.id, 'Morning Desk']]);
    // Webhooks take no nonce, and their username follows the same rules as a webhook's name.
    expect((await refused(hook.post(Routes.webhook(webhook.id, webhook.token), { body: { ...body, nonce: 'x', enforce_nonce: true }, auth: false }))).code).toBe(50035);
    expect((await refused(hook.post(Routes.webhook(webhook.id, webhook.token), { body: { ...body, username: 'clyde' }, auth: false }))).code).toBe(50035);

    sandbox.deleteWebhook(webhook.id);
    expect(await refused(hook.post(Routes.webhook(webhook.id, webhook.token), { body, auth: false }))).toEqual({ status: 404, code: 10015 });
  });

  it('refuse a bot without Manage Webhooks, and a thread (webhooks live in its channel)', async () => {
    const channel = sandbox.addChannel('desk-no-webhooks');
    const thread = sandbox.addThread(channel, 'T');
    sandbox.setBotPermissions(channel, { deny: PermissionFlagsBits.ManageWebhooks });
    expect(await refused(rest.post(Routes.channelWebhooks(channel), { body: { name: 'Nashra' } }))).toEqual({ status: 403, code: 50013 });
    sandbox.setBotPermissions(channel, null);
    expect((await refused(rest.post(Routes.channelWebhooks(thread), { body: { name: 'Nashra' } }))).status).toBe(400);
    expect(sandbox.webhooks(channel)).toEqual([]);
  });

  it('post into a thread of their channel (reopening it) and make forum posts with thread_name', async () => {
    const channel = sandbox.addChannel('desk-webhook-threads');
    const thread = sandbox.addThread(channel, 'Archived one', { archived: true });
    const webhook = (await rest.post(Routes.channelWebhooks(channel), { body: { name: 'Nashra' } })) as any;
    const hook = new REST({ version: '10', api: sandbox.apiUrl, retries: 0 });
    const wait = (extra: Record<string, string> = {}) => new URLSearchParams({ wait: 'true', ...extra });
    const m = (await hook.post(Routes.webhook(webhook.id, webhook.token), { body: { content: 'x', allowed_mentions: NO_PINGS }, query: wait({ thread_id: thread }), auth: false })) as any;
    expect(m.channel_id).toBe(thread);
    expect(sandbox.channelInfo(thread).archived).toBe(false);

    const forum = sandbox.addChannel('webhook-forum', { type: 'forum', tags: ['Daily'] });
    const forumHook = (await rest.post(Routes.channelWebhooks(forum), { body: { name: 'Nashra' } })) as any;
    expect((await refused(hook.post(Routes.webhook(forumHook.id, forumHook.token), { body: { content: 'x', allowed_mentions: NO_PINGS }, query: wait(), auth: false }))).code).toBe(220001);
    const [tag] = sandbox.channelInfo(forum).tags;
    const post = (await hook.post(Routes.webhook(forumHook.id, forumHook.token), {
      body: { content: 'first', thread_name: 'Post title', applied_tags: [tag.id], allowed_mentions: NO_PINGS }, query: wait(), auth: false,
    })) as any;
    expect(sandbox.threadsIn(forum)).toMatchObject([{ id: post.channel_id, name: 'Post title', appliedTags: [tag.id], ownerId: forumHook.id }]);
    expect(post.id).toBe(post.channel_id);
  });
});

describe('mentions', () => {
  it('pings exactly the roles allowed_mentions lists, when the role is mentionable or the bot may mention everyone', async () => {
    const channel = sandbox.addChannel('desk-pings');
    const desk = sandbox.addRole('Morning desk', { mentionable: true });
    const quiet = sandbox.addRole('Quiet desk');
    const content = `<@&${desk}> <@&${quiet}> @everyone <@${sandbox.userId}> the briefing`;
    const send = (allowed: any) => rest.post(Routes.channelMessages(channel), { body: { content, allowed_mentions: allowed } }) as Promise<any>;

    expect((await send(NO_PINGS)).mention_roles).toEqual([]);
    const one = await send({ parse: [], roles: [desk] });
    expect(one).toMatchObject({ mention_roles: [desk], mention_everyone: false, mentions: [] });
    // A role that is not mentionable is not pinged by a bot without Mention Everyone, even when listed.
    expect((await send({ parse: [], roles: [quiet] })).mention_roles).toEqual([]);
    sandbox.setBotPermissions(channel, { allow: PermissionFlagsBits.MentionEveryone });
    expect((await send({ parse: [], roles: [quiet] })).mention_roles).toEqual([quiet]);
    sandbox.setBotPermissions(channel, null);
    // parse: ['roles'] with a roles list is refused, as Discord refuses it.
    expect((await refused(send({ parse: ['roles'], roles: [desk] }))).code).toBe(50035);
    // The policy: more than one role, or any user, is reported.
    await send({ parse: [], roles: [desk, quiet] });
    expect(sandbox.violations.some((v) => v.rule === 'policy:allowed_mentions' && v.detail.includes('2 roles'))).toBe(true);
    const recorded = sandbox.channelMessages(channel);
    expect(recorded[1].mention_roles).toEqual([desk]);
  });

  it('broken mention syntax (a zero-width space after «<» or «@») pings nobody whatever allowed_mentions says', async () => {
    const channel = sandbox.addChannel('desk-broken-pings');
    const desk = sandbox.addRole('Desk', { mentionable: true });
    const m = (await rest.post(Routes.channelMessages(channel), {
      body: { content: `<\u200B@&${desk}> @\u200Beveryone <\u200B@${sandbox.userId}>` },
    })) as any;
    expect(m).toMatchObject({ mention_roles: [], mention_everyone: false, mentions: [] });
  });
});

describe('the bot’s cache sees it all', () => {
  it('discord.js reads channel types, threads, forum tags, roles and the bot’s overwrites from the gateway', async () => {
    const forum = sandbox.addChannel('cache-forum', { type: 'forum', tags: ['A'] });
    const text = sandbox.addChannel('cache-text', { type: 'announcement' });
    const thread = sandbox.addThread(text, 'cache-thread');
    const role = sandbox.addRole('cache-role', { mentionable: true });
    sandbox.setBotPermissions(text, { deny: PermissionFlagsBits.ManageWebhooks });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sandbox.apiUrl } });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(sandbox.token);
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 200)); // GUILD_CREATE follows READY
    try {
      const guild = client.guilds.cache.get(sandbox.guildId)!;
      const forumChannel = guild.channels.cache.get(forum)!;
      expect(forumChannel.type).toBe(15);
      expect((forumChannel as any).availableTags.map((t: any) => t.name)).toEqual(['A']);
      expect(guild.channels.cache.get(text)!.type).toBe(5);
      const cachedThread = guild.channels.cache.get(thread)!;
      expect(cachedThread.isThread() && cachedThread.parentId).toBe(text);
      expect(guild.roles.cache.get(role)!.mentionable).toBe(true);
      const me = guild.members.me!;
      expect(me.permissionsIn(text).has(PermissionFlagsBits.ManageWebhooks)).toBe(false);
      expect(me.permissionsIn(forum).has(PermissionFlagsBits.ManageWebhooks)).toBe(true);
      expect(me.permissionsIn(thread).has(PermissionFlagsBits.ManageWebhooks)).toBe(false); // a thread takes its channel's
    } finally {
      await client.destroy();
    }
  });
});
