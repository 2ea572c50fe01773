import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
// The sandbox against the REAL discord.js client: a tiny inline bot logs in over the sandbox's REST and
// gateway, registers commands and answers interactions; the tests assert on what the sandbox received and
// on how discord.js reacts to the errors Discord would send. Arabic text comes from the seed articles.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, Client, DiscordAPIError, Events, GatewayIntentBits, HTTPError,
  MessageFlags, Routes, StringSelectMenuBuilder, type ChatInputCommandInteraction, type Interaction, type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { checkCommands, checkMessageBody } from '../src/sandbox/rules.js';
import { benchmarkData } from './support/prerequisites.js';

// The sandbox checks bodies against Discord's OpenAPI document from ../shared/data when it is there.
const openapi = benchmarkData('discord-api-spec/openapi.json');

const SEED_DIR = path.resolve('seeds');
const SEEDS = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SEED_DIR, f), 'utf8'));
const TITLES = SEEDS.map((text) => text.trim().split('\n')[0].trim());
const NO_PINGS = { parse: [] as [] };

const COMMANDS = [
  {
    name: 'echo', description: 'Repeat a text',
    options: [
      { type: 3, name: 'text', description: 'The text', required: true },
      { type: 5, name: 'private', description: 'Only for you', required: false },
    ],
  },
  { name: 'article', description: 'Show an article', options: [{ type: 3, name: 'title', description: 'Its title', required: true, autocomplete: true }] },
  {
    name: 'digest', description: 'Briefings', options: [
      { type: 1, name: 'now', description: 'A briefing now', options: [{ type: 3, name: 'since', description: 'Since when', required: false }] },
      { type: 1, name: 'subscribe', description: 'Daily briefing', options: [{ type: 7, name: 'channel', description: 'Where', required: true }] },
    ],
  },
  { name: 'misbehave', description: 'Breaks a Discord rule on purpose', options: [{ type: 3, name: 'case', description: 'Which rule', required: true }] },
  { name: 'briefing', description: 'Deferred, then follow-ups' },
  { name: 'admin', description: 'Needs Manage Server', default_member_permissions: String(1 << 5) },
];

/** Outcomes the bot reports from inside its handlers (errors discord.js threw, ids it got back). */
class Outcomes {
  private readonly waiting = new Map<string, (value: unknown) => void>();
  private readonly values = new Map<string, unknown>();
  set(key: string, value: unknown): void {
    this.values.set(key, value);
    this.waiting.get(key)?.(value);
  }
  get(key: string, timeoutMs = 5000): Promise<any> {
    if (this.values.has(key)) return Promise.resolve(this.values.get(key));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot reported no outcome "${key}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(key, (value) => { clearTimeout(timer); resolve(value); });
    });
  }
}

function buttons(): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId('share').setLabel('Share in channel').setStyle(ButtonStyle.Secondary),
  );
}

async function handle(client: Client, interaction: Interaction, outcomes: Outcomes, lateMs: number): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = String(interaction.options.getFocused());
    if (typed === 'many') {
      // 30 choices: Discord allows 25.
      const tooMany = Array.from({ length: 30 }, (_, i) => ({ name: `${TITLES[i % TITLES.length].slice(0, 90)} ${i}`, value: String(i) }));
      try { await interaction.respond(tooMany); } catch (error) { outcomes.set('autocomplete-many', error); }
      await interaction.respond(tooMany.slice(0, 25));
      return;
    }
    const matches = TITLES.map((title, i) => ({ name: title.slice(0, 100), value: String(i) })).filter((c) => c.name.includes(typed));
    await interaction.respond(matches.slice(0, 25));
    return;
  }
  if (interaction.isButton()) {
    if (interaction.customId === 'more') {
      await interaction.update({ content: `${interaction.message.content} — ${TITLES[2]}`, components: [], allowedMentions: NO_PINGS });
    } else if (interaction.customId === 'share') {
      await interaction.deferUpdate();
      await interaction.followUp({ content: interaction.message.content, allowedMentions: NO_PINGS });
    }
    return;
  }
  if (interaction.isStringSelectMenu()) {
    await interaction.deferUpdate();
    const index = Number(interaction.values[0]);
    await interaction.editReply({ content: TITLES[index], embeds: [], components: [], allowedMentions: NO_PINGS });
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  switch (interaction.commandName) {
    case 'echo': {
      const response = await interaction.reply({
        content: interaction.options.getString('text', true),
        flags: interaction.options.getBoolean('private') ? MessageFlags.Ephemeral : undefined,
        components: [buttons()], allowedMentions: NO_PINGS, withResponse: true,
      });
      outcomes.set(`echo-response:${interaction.id}`, response.resource?.message?.id);
      return;
    }
    case 'article': {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(50); // "slow" work after the deferral
      const index = Number(interaction.options.getString('title', true));
      const select = new StringSelectMenuBuilder().setCustomId('pick').setPlaceholder('Another article')
        .addOptions(TITLES.map((title, i) => ({ label: title.slice(0, 100), value: String(i) })));
      await interaction.editReply({
        embeds: [{ title: TITLES[index].slice(0, 256), description: SEEDS[index].slice(0, 4000) }],
        components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select)],
        allowedMentions: NO_PINGS,
      });
      await interaction.followUp({ content: `${TITLES[index]} (2/2)`, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
      return;
    }
    case 'digest': {
      const detail = interaction.options.getSubcommand() === 'subscribe'
        ? `#${interaction.options.getChannel('channel', true).name}`
        : interaction.options.getString('since') ?? '-';
      await interaction.reply({ content: `${interaction.options.getSubcommand()}:${detail}`, allowedMentions: NO_PINGS });
      return;
    }
    case 'briefing': {
      // deferReply then followUp (no editReply): Discord turns the first follow-up into the original.
      await interaction.deferReply();
      await interaction.followUp({ content: TITLES[4], allowedMentions: NO_PINGS });
      await interaction.followUp({ content: `${TITLES[4]} (2)`, allowedMentions: NO_PINGS });
      return;
    }
    case 'admin': {
      await interaction.reply({ content: 'ok', allowedMentions: NO_PINGS });
      return;
    }
    case 'misbehave':
      await misbehave(client, interaction, interaction.options.getString('case', true), outcomes, lateMs);
  }
}

async function misbehave(client: Client, interaction: ChatInputCommandInteraction, which: string, outcomes: Outcomes, lateMs: number): Promise<void> {
  switch (which) {
    case 'double':
      await interaction.reply({ content: TITLES[0], allowedMentions: NO_PINGS });
      // discord.js refuses a second reply locally, so send the second acknowledgement through its REST client.
      try {
        await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: TITLES[1], allowed_mentions: NO_PINGS } }, auth: false,
        });
      } catch (error) { outcomes.set('double', error); }
      return;
    case 'oversize':
      // A whole seed article is longer than the 2,000 characters a message may hold.
      try { await interaction.reply({ content: SEEDS[0], allowedMentions: NO_PINGS }); } catch (error) { outcomes.set('oversize', error); }
      await interaction.reply({ content: SEEDS[0].slice(0, 2000), allowedMentions: NO_PINGS });
      return;
    case 'oversize-embed':
      await interaction.deferReply();
      try {
        await interaction.editReply({ embeds: [{ title: TITLES[0], description: SEEDS.join('\n\n') }], allowedMentions: NO_PINGS });
      } catch (error) { outcomes.set('oversize-embed', error); }
      await interaction.editReply({ embeds: [{ title: TITLES[0], description: SEEDS[0] }], allowedMentions: NO_PINGS });
      return;
    case 'mentions':
      await interaction.reply({ content: `${TITLES[0]} @everyone` }); // no allowedMentions at all
      return;
    case 'schema':
      // `tts` must be a boolean in Discord's schema; the sandbox's own limits do not cover it.
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 4, data: { content: TITLES[3], tts: 'yes', allowed_mentions: NO_PINGS } }, auth: false,
      });
      return;
    case 'late':
      await sleep(lateMs);
      try { await interaction.reply({ content: TITLES[0], allowedMentions: NO_PINGS }); } catch (error) { outcomes.set('late', error); }
  }
}

async function startBot(sandbox: Sandbox, outcomes: Outcomes, lateMs = 0): Promise<{ client: Client; raw: any[] }> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sandbox.apiUrl } });
  const raw: any[] = [];
  client.on(Events.Raw, (packet: any) => { if (packet.t === 'INTERACTION_CREATE') raw.push(packet.d); });
  client.on(Events.InteractionCreate, (interaction) => {
    handle(client, interaction, outcomes, lateMs).catch((error) => outcomes.set(`unexpected:${interaction.id}`, error));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(sandbox.token);
  await sandbox.waitForBot();
  await ready;
  return { client, raw };
}

describe('sandbox with a real discord.js client', () => {
  let sandbox: Sandbox;
  let client: Client;
  let raw: any[];
  const outcomes = new Outcomes();

  beforeAll(async () => {
    sandbox = await startSandbox({ ackDeadlineMs: 3000 });
    ({ client, raw } = await startBot(sandbox, outcomes));
    await client.application!.commands.set(COMMANDS as any, sandbox.guildId);
  });

  afterAll(async () => {
    await client?.destroy();
    await sandbox?.close();
  });

  it('logs in: READY and GUILD_CREATE fill the discord.js caches', () => {
    expect(client.user?.id).toBe(sandbox.applicationId);
    expect(client.application?.id).toBe(sandbox.applicationId);
    const guild = client.guilds.cache.get(sandbox.guildId);
    expect(guild?.name).toBe('Nashra Newsroom');
    expect(guild?.available).toBe(true);
    expect(client.channels.cache.get(sandbox.channelId)?.isTextBased()).toBe(true);
    expect(guild?.members.me?.id).toBe(sandbox.applicationId);
    const gatewayCall = sandbox.requests.find((r) => r.path === '/api/v10/gateway/bot');
    expect(gatewayCall?.status).toBe(200);
  });

  it('registers guild commands with PUT, returns them with GET, keeps ids and bumps versions only on change', async () => {
    const registered = sandbox.registeredCommands(sandbox.guildId);
    expect(registered.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const command of registered) {
      expect(command.id).toMatch(/^\d{17,20}$/);
      expect(command.version).toMatch(/^\d{17,20}$/);
      expect(command.application_id).toBe(sandbox.applicationId);
      expect(command.guild_id).toBe(sandbox.guildId);
    }
    const fetched = await client.application!.commands.fetch({ guildId: sandbox.guildId });
    expect([...fetched.keys()].sort()).toEqual(registered.map((c) => c.id).sort());
    expect(sandbox.registeredCommands()).toEqual([]); // nothing global

    const changed = COMMANDS.map((c) => (c.name === 'digest' ? { ...c, description: 'Briefings on demand' } : c));
    await client.application!.commands.set(changed as any, sandbox.guildId);
    const after = sandbox.registeredCommands(sandbox.guildId);
    const byName = (list: any[], name: string) => list.find((c) => c.name === name);
    expect(byName(after, 'digest').id).toBe(byName(registered, 'digest').id);
    expect(byName(after, 'digest').version).not.toBe(byName(registered, 'digest').version);
    expect(byName(after, 'echo').version).toBe(byName(registered, 'echo').version);
    await client.application!.commands.set(COMMANDS as any, sandbox.guildId);
  });

  it('rejects commands that break Discord naming and option rules, keeping the registered set', async () => {
    const before = sandbox.registeredCommands(sandbox.guildId);
    const badName = [...COMMANDS, { name: 'Search', description: 'Upper case is not allowed' }];
    const error = await client.application!.commands.set(badName as any, sandbox.guildId).catch((e) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.code).toBe(50035);
    const badOrder = [{ name: 'quote', description: 'Quotes', options: [
      { type: 3, name: 'query', description: 'Words', required: false },
      { type: 3, name: 'speaker', description: 'Who', required: true },
    ] }];
    const error2 = await client.application!.commands.set(badOrder as any, sandbox.guildId).catch((e) => e);
    expect(error2.code).toBe(50035);
    expect(sandbox.registeredCommands(sandbox.guildId)).toEqual(before);
    const rules = sandbox.violations.filter((v) => v.rule === 'command-rules').map((v) => v.detail);
    expect(rules.some((d) => d.includes('lowercase'))).toBe(true);
    expect(rules.some((d) => d.includes('Required options'))).toBe(true);
  });

  it('delivers a slash command with Discord’s full interaction payload and records the reply', async () => {
    const record = await sandbox.slash('echo', [{ name: 'text', value: TITLES[0] }]);
    expect(record.ackType).toBe(4);
    expect(record.ephemeral).toBe(false);
    expect(record.original?.content).toBe(TITLES[0]); // Arabic text arrives byte for byte
    expect(record.original?.components[0].components.map((c: any) => c.custom_id)).toEqual(['more', 'share']);
    expect(record.original?.allowed_mentions).toEqual({ parse: [] });
    // with_response=true: discord.js got an InteractionCallbackResponse naming the same message
    expect(await outcomes.get(`echo-response:${record.id}`)).toBe(record.original?.id);
    expect(sandbox.requests.some((r) => r.path.endsWith('/callback') && r.query.with_response === 'true' && r.status === 200)).toBe(true);
    expect(sandbox.channelMessages().map((m) => m.id)).toContain(record.original?.id);

    const payload = raw.find((p) => p.id === record.id);
    for (const key of ['id', 'application_id', 'type', 'data', 'guild_id', 'channel_id', 'channel', 'member', 'app_permissions',
      'locale', 'guild_locale', 'token', 'version', 'entitlements', 'authorizing_integration_owners', 'context']) {
      expect(payload, key).toHaveProperty(key);
    }
    expect(payload.version).toBe(1);
    expect(payload.member.user.id).toBe(sandbox.userId);
    expect(payload.data.options).toEqual([{ name: 'text', type: 3, value: TITLES[0] }]);
  });

  it('passes subcommands and their options', async () => {
    const record = await sandbox.slash('digest', [{ name: 'now', options: [{ name: 'since', value: '2016-05-11' }] }]);
    expect(record.original?.content).toBe('now:2016-05-11');
    // a channel option arrives with its channel in data.resolved, as discord.js expects
    const subscribed = await sandbox.slash('digest', [{ name: 'subscribe', options: [{ name: 'channel', value: sandbox.channelId }] }]);
    expect(subscribed.original?.content).toBe('subscribe:#general');
    expect(subscribed.data.resolved.channels[sandbox.channelId].name).toBe('general');
  });

  it('completes a deferred ephemeral reply on the @original edit, then records the follow-up', async () => {
    const record = await sandbox.slash('article', [{ name: 'title', value: '2' }]);
    expect(record.ackType).toBe(5);
    expect(record.ephemeral).toBe(true);
    expect(record.original?.embeds[0].title).toBe(TITLES[2]);
    expect(record.original!.flags & 128).toBe(0); // no longer "thinking…"
    expect(record.original?.edited_timestamp).toBeTruthy();
    // Ephemeral messages are not part of the channel.
    expect(sandbox.channelMessages().some((m) => m.id === record.original?.id)).toBe(false);
    await expect.poll(() => record.followups.length).toBe(1);
    expect(record.followups[0].content).toBe(`${TITLES[2]} (2/2)`);
    expect(record.followups[0].ephemeral).toBe(true);
  });

  it('turns the first follow-up after a deferral into the original response, as Discord does', async () => {
    const record = await sandbox.slash('briefing');
    expect(record.ackType).toBe(5);
    expect(record.original?.content).toBe(TITLES[4]);
    await expect.poll(() => record.followups.map((f) => f.content)).toEqual([`${TITLES[4]} (2)`]);
  });

  it('answers autocomplete with the bot’s choices', async () => {
    const choices = await sandbox.autocomplete('article', [{ name: 'title', value: 'المغرب', focused: true }]);
    expect(choices.map((c) => c.name)).toContain(TITLES[0]); // "أمريكا تشيد بدور المغرب ..."
    for (const choice of choices) expect(choice.name).toContain('المغرب');
    const record = sandbox.interactions.at(-1)!;
    expect(record.type).toBe(4);
    expect(record.ackType).toBe(8);
  });

  it('rejects more than 25 autocomplete choices with 50035', async () => {
    const choices = await sandbox.autocomplete('article', [{ name: 'title', value: 'many' }]);
    expect(choices).toHaveLength(25);
    const error = await outcomes.get('autocomplete-many');
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.code).toBe(50035);
    expect(sandbox.violations.some((v) => v.rule === 'autocomplete-limits')).toBe(true);
  });

  it('updates the message on a button press (type 7) and shares with a follow-up after deferUpdate (type 6)', async () => {
    const first = await sandbox.slash('echo', [{ name: 'text', value: TITLES[1] }]);
    const updated = await sandbox.click(first.original!, 'more');
    expect(updated.type).toBe(3);
    expect(updated.ackType).toBe(7);
    expect(updated.original?.id).toBe(first.original?.id);
    expect(updated.original?.content).toBe(`${TITLES[1]} — ${TITLES[2]}`);
    expect(updated.original?.components).toEqual([]);
    expect(sandbox.message(first.original!.id)?.content).toBe(`${TITLES[1]} — ${TITLES[2]}`);
    expect(first.original?.content).toBe(`${TITLES[1]} — ${TITLES[2]}`); // the slash record is a live view
    expect(raw.find((p) => p.id === updated.id).message.id).toBe(first.original?.id);

    const second = await sandbox.slash('echo', [{ name: 'text', value: TITLES[3] }, { name: 'private', value: true }]);
    expect(second.ephemeral).toBe(true);
    const shared = await sandbox.click(second.original!, 'share');
    expect(shared.ackType).toBe(6);
    expect(shared.followups[0].content).toBe(TITLES[3]);
    expect(shared.followups[0].ephemeral).toBe(false);
    expect(sandbox.channelMessages().at(-1)?.content).toBe(TITLES[3]);
    // a button that is gone cannot be pressed
    await expect(sandbox.click(updated.original!, 'more')).rejects.toThrow(/no component/);
  });

  it('edits @original after a select menu deferUpdate', async () => {
    const record = await sandbox.slash('article', [{ name: 'title', value: '0' }]);
    const picked = await sandbox.select(record.original!, 'pick', ['4']);
    expect(picked.ackType).toBe(6);
    expect(picked.original?.content).toBe(TITLES[4]);
    expect(picked.original?.components).toEqual([]);
    await expect(sandbox.select(record.original!, 'pick', ['9'])).rejects.toThrow(/no component|no option/);
  });

  it('answers a double acknowledgement with 40060', async () => {
    const record = await sandbox.slash('misbehave', [{ name: 'case', value: 'double' }]);
    const error = await outcomes.get('double');
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.code).toBe(40060);
    expect(record.callbacks).toHaveLength(2);
    expect(record.original?.content).toBe(TITLES[0]); // the first reply stands
    expect(sandbox.violations.some((v) => v.rule === 'double-ack' && v.interactionId === record.id)).toBe(true);
  });

  it('rejects content over 2,000 characters with 50035 and records the violation', async () => {
    const record = await sandbox.slash('misbehave', [{ name: 'case', value: 'oversize' }]);
    const error = await outcomes.get('oversize');
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.code).toBe(50035);
    expect(error.rawError.errors.data.content._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(record.original?.content).toBe(SEEDS[0].slice(0, 2000));
    expect(sandbox.violations.some((v) => v.rule === 'message-limits' && v.interactionId === record.id && v.detail.includes('data.content'))).toBe(true);
  });

  it('rejects an embed over its limits on @original edit', async () => {
    const record = await sandbox.slash('misbehave', [{ name: 'case', value: 'oversize-embed' }]);
    const error = await outcomes.get('oversize-embed');
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error.code).toBe(50035);
    const details = sandbox.violations.filter((v) => v.interactionId === record.id).map((v) => v.detail);
    expect(details.some((d) => d.includes('embeds.0.description'))).toBe(true);
    expect(details.some((d) => d.includes('6000'))).toBe(true);
    expect(record.original?.embeds[0].description).toBe(SEEDS[0]);
  });

  it('records a policy violation, without rejecting, when allowed_mentions is missing', async () => {
    const record = await sandbox.slash('misbehave', [{ name: 'case', value: 'mentions' }]);
    expect(record.ackType).toBe(4);
    const policy = sandbox.violations.filter((v) => v.rule === 'policy:allowed_mentions' && v.interactionId === record.id);
    expect(policy).toHaveLength(1);
    expect(policy[0].detail).toMatch(/missing/);
  });

  it.skipIf(openapi.skip)(`checks bodies against Discord’s OpenAPI schemas and finds nothing wrong in what discord.js sent${openapi.note}`, async () => {
    expect(sandbox.violations.filter((v) => v.rule === 'schema')).toEqual([]);
    const record = await sandbox.slash('misbehave', [{ name: 'case', value: 'schema' }]);
    expect(record.ackType).toBe(4); // reported, not rejected: the spec is a preview
    const schema = sandbox.violations.filter((v) => v.rule === 'schema');
    expect(schema.length).toBeGreaterThan(0);
    expect(schema.map((v) => v.detail).filter((d) => !d.includes('tts'))).toEqual([]);
  });

  it('refuses commands the member may not use (default_member_permissions)', async () => {
    await expect(sandbox.slash('admin', [], { userId: sandbox.readerId })).rejects.toThrow(/may not use \/admin/);
    expect((await sandbox.slash('admin')).original?.content).toBe('ok');
    await expect(sandbox.slash('nope')).rejects.toThrow(/not registered/);
  });

  it('deduplicates channel messages by nonce when enforce_nonce is set', async () => {
    const channel = (await client.channels.fetch(sandbox.channelId)) as TextChannel;
    const before = sandbox.channelMessages().length;
    const first = await channel.send({ content: TITLES[4], nonce: 'nashra-1', enforceNonce: true, allowedMentions: NO_PINGS });
    const second = await channel.send({ content: TITLES[4], nonce: 'nashra-1', enforceNonce: true, allowedMentions: NO_PINGS });
    expect(second.id).toBe(first.id);
    expect(sandbox.channelMessages()).toHaveLength(before + 1);
    // without enforce_nonce the nonce is only echoed, and a second message is created
    const third = await channel.send({ content: TITLES[4], nonce: 'nashra-1', enforceNonce: false, allowedMentions: NO_PINGS });
    expect(third.id).not.toBe(first.id);
    const fetched = await channel.messages.fetch(first.id);
    expect(fetched.content).toBe(TITLES[4]);
  });

  it('reads the JSON part of a multipart message (discord.js sends files that way)', async () => {
    const channel = (await client.channels.fetch(sandbox.channelId)) as TextChannel;
    const sent = await channel.send({ content: TITLES[3], files: [{ attachment: Buffer.from(SEEDS[3]), name: 'article.txt' }], allowedMentions: NO_PINGS });
    const request = sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${sandbox.channelId}/messages`)).at(-1)!;
    expect(request.body.content).toBe(TITLES[3]);
    expect(request.body.attachments).toHaveLength(1); // the file itself travels in its own part
    expect(sandbox.message(sent.id)?.content).toBe(TITLES[3]);
  });

  it('simulates channel delivery failures: 403, 404, transient 429, 500 and a deleted channel', async () => {
    const id = sandbox.addChannel('briefings');
    await expect.poll(() => client.channels.cache.has(id)).toBe(true);
    const channel = client.channels.cache.get(id) as TextChannel;
    const send = () => channel.send({ content: TITLES[0], allowedMentions: NO_PINGS });

    sandbox.setChannelFailure(id, 403);
    const forbidden = await send().catch((e) => e);
    expect(forbidden).toBeInstanceOf(DiscordAPIError);
    expect([forbidden.status, forbidden.code]).toEqual([403, 50001]);

    sandbox.setChannelFailure(id, 404);
    const missing = await send().catch((e) => e);
    expect([missing.status, missing.code]).toEqual([404, 10003]);

    sandbox.setChannelFailure(id, 429); // discord.js waits retry_after and tries again
    const delivered = await send();
    const attempts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${id}/messages`).slice(-2);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(sandbox.channelMessages(id).map((m) => m.id)).toEqual([delivered.id]);

    sandbox.setChannelFailure(id, 500);
    const broken = await send().catch((e) => e);
    expect(broken).toBeInstanceOf(HTTPError);
    expect(broken.status).toBe(500);

    sandbox.setChannelFailure(id, null);
    sandbox.deleteChannel(id);
    await expect.poll(() => client.channels.cache.has(id)).toBe(false);
    const gone: any = await client.rest.post(Routes.channelMessages(id), { body: { content: 'x', allowed_mentions: NO_PINGS } }).catch((e: any) => e);
    expect([gone.status, gone.code]).toEqual([404, 10003]);
  });

  it('answers 401 to a wrong token and 404 with Discord’s error shape to unknown routes', async () => {
    const wrong = await fetch(`${sandbox.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const none = await fetch(`${sandbox.apiUrl}/v10/gateway/bot`);
    expect(none.status).toBe(401);
    const unknown = await fetch(`${sandbox.apiUrl}/v10/guilds/${sandbox.guildId}/bans`, { headers: { Authorization: `Bot ${sandbox.token}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: expect.any(String), code: 0 });
    expect(unknown.headers.get('x-ratelimit-bucket')).toBeTruthy();

    const intruder = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sandbox.apiUrl } });
    await expect(intruder.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await intruder.destroy();
  });

  it('serves the control API for humans', async () => {
    const response = await fetch(`${sandbox.baseUrl}/_sandbox/slash`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'digest', options: [{ name: 'now', options: [] }] }),
    });
    expect(response.status).toBe(200);
    const record: any = await response.json();
    expect(record.original.content).toBe('now:-');
    const messages: any = await (await fetch(`${sandbox.baseUrl}/_sandbox/messages?channel=${sandbox.channelId}`)).json();
    expect(messages.map((m: any) => m.id)).toContain(record.original.id);
    const withButtons = sandbox.channelMessages().find((m) => m.components.length > 0)!;
    const click = await fetch(`${sandbox.baseUrl}/_sandbox/click`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: withButtons.id, customId: 'more' }),
    });
    expect(((await click.json()) as any).ackType).toBe(7);
    const violations: any = await (await fetch(`${sandbox.baseUrl}/_sandbox/violations`)).json();
    expect(violations.length).toBe(sandbox.violations.length);
  });

  it('let the bot run without unexpected handler errors', async () => {
    expect(sandbox.violations.filter((v) => v.rule === 'unknown-route' && !v.detail.includes('/bans'))).toEqual([]);
    const unexpected = await Promise.all(sandbox.interactions.map((r) => outcomes.get(`unexpected:${r.id}`, 20).catch(() => null)));
    expect(unexpected.filter(Boolean)).toEqual([]);
  });
});

describe('acknowledgement deadline', () => {
  it('answers a late acknowledgement with 10062 Unknown interaction and records the violation', async () => {
    const sandbox = await startSandbox({ ackDeadlineMs: 300, responseTimeoutMs: 1500 });
    const outcomes = new Outcomes();
    const { client } = await startBot(sandbox, outcomes, 600);
    try {
      await client.application!.commands.set(COMMANDS as any, sandbox.guildId);
      const pending = sandbox.slash('misbehave', [{ name: 'case', value: 'late' }]);
      await expect(pending).rejects.toThrow(/no complete response/);
      const error = await outcomes.get('late');
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error.code).toBe(10062);
      const rules = sandbox.violations.map((v) => v.rule);
      expect(rules).toContain('ack-deadline');
      const late = sandbox.requests.find((r) => r.path.endsWith('/callback'));
      expect(late?.status).toBe(404);
    } finally {
      await client.destroy();
      await sandbox.close();
    }
  });
});

describe('without the OpenAPI document', () => {
  it('says so in one log line and skips schema checks', async () => {
    const lines: string[] = [];
    const sandbox = await startSandbox({ openapiPath: path.resolve('no-such-dir/openapi.json'), log: (line) => lines.push(line) });
    try {
      expect(lines.filter((line) => line.includes('schema checks are off'))).toHaveLength(1);
      const response = await fetch(`${sandbox.apiUrl}/v10/channels/${sandbox.channelId}/messages`, {
        method: 'POST', headers: { Authorization: `Bot ${sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: TITLES[0], tts: 'yes', allowed_mentions: { parse: [] } }),
      });
      expect(response.status).toBe(200);
      expect(sandbox.violations).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the gateway protocol, spoken by hand', () => {
  let sandbox: Sandbox;
  beforeAll(async () => { sandbox = await startSandbox(); });
  afterAll(async () => { await sandbox.close(); });

  /** Opens a gateway connection and returns a reader of its decoded payloads. */
  async function connect(query: string, decode: (frames: Buffer[]) => any[] = (frames) => frames.map((f) => JSON.parse(f.toString()))) {
    const socket = new WebSocket(`${sandbox.gatewayUrl}?${query}`);
    const frames: Buffer[] = [];
    let closed: number | null = null;
    socket.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    socket.on('close', (code) => { closed = code; });
    await new Promise((resolve) => socket.once('open', resolve));
    const payloads = async (count: number) => {
      await expect.poll(() => decode(frames).length, { timeout: 3000 }).toBeGreaterThanOrEqual(count);
      return decode(frames);
    };
    return { socket, payloads, closedWith: () => closed };
  }

  it('says HELLO, acknowledges heartbeats and closes 4004 on a wrong token', async () => {
    const { socket, payloads, closedWith } = await connect('v=10&encoding=json');
    const [hello] = await payloads(1);
    expect(hello.op).toBe(10);
    expect(hello.d.heartbeat_interval).toBeGreaterThan(0);
    socket.send(JSON.stringify({ op: 1, d: null }));
    expect((await payloads(2))[1]).toEqual({ op: 11 });
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    await expect.poll(closedWith).toBe(4004);
  });

  it('deflates each payload when IDENTIFY asks for compress: true, and resumes a known session', async () => {
    const decode = (frames: Buffer[]) => frames.map((f, i) => JSON.parse((i === 0 ? f : inflateSync(f)).toString()));
    const first = await connect('v=10&encoding=json', decode);
    await first.payloads(1);
    first.socket.send(JSON.stringify({ op: 2, d: { token: sandbox.token, intents: 1, compress: true, properties: {} } }));
    const [, ready, guild] = await first.payloads(3);
    expect(ready.t).toBe('READY');
    expect(ready.d.guilds).toEqual([{ id: sandbox.guildId, unavailable: true }]);
    expect(ready.d.application.id).toBe(sandbox.applicationId);
    expect(ready.d.resume_gateway_url).toBe(sandbox.gatewayUrl);
    expect(guild.t).toBe('GUILD_CREATE');
    expect(guild.s).toBe(2);
    expect(guild.d.channels.map((c: any) => c.id)).toContain(sandbox.channelId);
    first.socket.close(4000);

    const again = await connect('v=10&encoding=json');
    await again.payloads(1);
    again.socket.send(JSON.stringify({ op: 6, d: { token: sandbox.token, session_id: ready.d.session_id, seq: 2 } }));
    const [, resumed] = await again.payloads(2);
    expect([resumed.t, resumed.s]).toEqual(['RESUMED', 3]);
    again.socket.send(JSON.stringify({ op: 6, d: { token: sandbox.token, session_id: 'no-such-session', seq: 1 } }));
    expect((await again.payloads(3))[2]).toEqual({ op: 9, d: false });
    again.socket.close();
  });

  it('speaks zlib-stream when the connection asks for it', async () => {
    // One zlib context for the whole connection; every payload ends with a sync flush (00 00 ff ff).
    const decode = (frames: Buffer[]) => {
      if (frames.length === 0) return [];
      const text = inflateSync(Buffer.concat(frames), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString();
      return text.split(/(?<=\})(?=\{"op")/).map((part) => JSON.parse(part));
    };
    const { socket, payloads } = await connect('v=10&encoding=json&compress=zlib-stream', decode);
    await payloads(1);
    socket.send(JSON.stringify({ op: 2, d: { token: sandbox.token, intents: 1, properties: {} } }));
    const all = await payloads(3);
    expect(all.map((p) => p.t ?? p.op)).toEqual([10, 'READY', 'GUILD_CREATE']);
    socket.close();
  });
});

describe('Discord limits as pure checks', () => {
  const embed = (over: object) => ({ embeds: [{ title: TITLES[0], description: SEEDS[1].slice(0, 1000), ...over }] });
  const codes = (body: object) => checkMessageBody(body).map((p) => `${p.path} ${p.code}`);

  it('accepts a seed article split to the limits and rejects each limit broken by one', () => {
    expect(checkMessageBody({ content: SEEDS[0].slice(0, 2000), ...embed({}) })).toEqual([]);
    expect(codes({ embeds: Array.from({ length: 11 }, () => ({ title: TITLES[1] })) })).toContain('embeds BASE_TYPE_MAX_LENGTH');
    expect(codes(embed({ title: SEEDS[0].slice(0, 257) }))).toEqual(['embeds.0.title BASE_TYPE_MAX_LENGTH']);
    expect(codes(embed({ footer: { text: (SEEDS[0] + SEEDS[1]).slice(0, 2049) } }))).toEqual(['embeds.0.footer.text BASE_TYPE_MAX_LENGTH']);
    expect(codes(embed({ author: { name: SEEDS[2].slice(0, 257) } }))).toEqual(['embeds.0.author.name BASE_TYPE_MAX_LENGTH']);
    const field = { name: TITLES[2], value: SEEDS[2].slice(0, 1024) };
    expect(codes(embed({ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }))).toEqual(['embeds.0.fields BASE_TYPE_MAX_LENGTH']);
    expect(codes(embed({ fields: [{ ...field, value: SEEDS[2].slice(0, 1025) }] }))).toEqual(['embeds.0.fields.0.value BASE_TYPE_MAX_LENGTH']);
    expect(codes(embed({ fields: [{ ...field, name: SEEDS[2].slice(0, 257) }] }))).toEqual(['embeds.0.fields.0.name BASE_TYPE_MAX_LENGTH']);
    expect(codes(embed({ fields: [{ ...field, value: '' }] }))).toEqual(['embeds.0.fields.0.value BASE_TYPE_REQUIRED']);
    // 6,000 characters over all embeds of a message, each embed within its own limits
    const twoBig = { embeds: [0, 1].map((i) => ({ title: TITLES[i], description: (SEEDS[i] + SEEDS[i + 2]).slice(0, 3500) })) };
    expect(codes(twoBig)).toEqual(['embeds MAX_EMBED_SIZE_EXCEEDED']);
  });

  it('checks component rows, buttons, custom ids and labels', () => {
    const button = (id: string, label = 'التالي') => ({ type: 2, style: 1, custom_id: id, label });
    const row = (...components: object[]) => ({ type: 1, components });
    expect(checkMessageBody({ components: [row(button('prev'), button('next'))] })).toEqual([]);
    expect(codes({ components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) })).toEqual(['components BASE_TYPE_MAX_LENGTH']);
    expect(codes({ components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] })).toEqual(['components.0.components BASE_TYPE_MAX_LENGTH']);
    expect(codes({ components: [row(button('x'.repeat(101)))] })).toEqual(['components.0.components.0.custom_id BASE_TYPE_MAX_LENGTH']);
    expect(codes({ components: [row(button('long', `${TITLES[0]} ${TITLES[2]}`))] })).toEqual(['components.0.components.0.label BASE_TYPE_MAX_LENGTH']);
    expect(codes({ components: [row(button('same'), button('same'))] })).toEqual(['components.0.components.1.custom_id COMPONENT_CUSTOM_ID_DUPLICATED']);
  });

  it('checks command names, descriptions and option order', () => {
    expect(checkCommands(COMMANDS)).toEqual([]);
    expect(checkCommands([{ name: 'بحث', description: 'البحث في الأخبار' }])).toEqual([]); // Arabic names are letters
    const names = (commands: object[]) => checkCommands(commands).map((p) => p.path);
    expect(names([{ name: 'has space', description: 'x' }])).toEqual(['0.name']);
    expect(names([{ name: 'a'.repeat(33), description: 'x' }])).toEqual(['0.name']);
    expect(names([{ name: 'ok', description: '' }])).toEqual(['0.description']);
    expect(names([{ name: 'ok', description: 'd'.repeat(101) }])).toEqual(['0.description']);
    expect(names([{ name: 'ok', description: 'x', options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'x' })) }])).toEqual(['0.options']);
  });
});

describe('a long-running sandbox (npm start)', () => {
  it('keeps only the newest recorded requests when maxRecordedRequests is set', async () => {
    const capped = await startSandbox({ maxRecordedRequests: 3, log: () => {} });
    try {
      const auth = { headers: { Authorization: `Bot ${capped.token}` } };
      for (let i = 0; i < 4; i++) await fetch(`${capped.apiUrl}/v10/users/@me`, auth);
      await fetch(`${capped.apiUrl}/v10/gateway/bot`, auth);
      expect(capped.requests).toHaveLength(3);
      expect(capped.requests.at(-1)?.path).toBe('/api/v10/gateway/bot');
    } finally {
      await capped.close();
    }
  });
});

describe('the playground page and its control API', () => {
  let sandbox: Sandbox;
  let client: Client;
  let dir: string;
  const outcomes = new Outcomes();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-sandbox-world-'));
    sandbox = await startSandbox({ worldFile: path.join(dir, 'world.json') });
    ({ client } = await startBot(sandbox, outcomes));
    await client.application!.commands.set(COMMANDS as any, sandbox.guildId);
  });

  afterAll(async () => {
    await client?.destroy();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the page with its import map, and only the listed packages from node_modules', async () => {
    const page = await fetch(`${sandbox.baseUrl}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/s.exec(html)![1]);
    expect(map.imports['@skyra/discord-components-core']).toBe('/_vendor/@skyra/discord-components-core/dist/index.js');
    expect(map.imports['lit/']).toBe('/_vendor/lit/');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i); // nothing from outside (no CDN)
    const module = await fetch(`${sandbox.baseUrl}${map.imports['@skyra/discord-components-core']}`);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toContain('javascript');
    const font = await fetch(`${sandbox.baseUrl}/_vendor/@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-400-normal.woff2`);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    for (const path of ['/_vendor/better-sqlite3/package.json', '/_vendor/lit/../../package.json', '/playground/../../../package.json', '/_vendor/lit/%2e%2e/%2e%2e/package.json']) {
      expect((await fetch(`${sandbox.baseUrl}${path}`)).status, path).toBe(404);
    }
    // Page files are not Discord traffic: not recorded.
    expect(sandbox.requests.some((r) => r.path.startsWith('/_vendor/'))).toBe(false);
  });

  it('keeps its world in the file: a restarted sandbox is the same server (#general, #briefings, members)', async () => {
    const info: any = await (await fetch(`${sandbox.baseUrl}/_sandbox/info`)).json();
    expect(info.channels.map((c: any) => c.name)).toEqual(['general', 'briefings']);
    expect(info.briefingsChannelId).toBe(sandbox.briefingsChannelId);
    expect(info.members.map((m: any) => [m.name, m.manageServer])).toEqual([['Layla', true], ['Omar', false]]);
    const again = await startSandbox({ worldFile: path.join(dir, 'world.json') });
    try {
      expect([again.guildId, again.channelId, again.briefingsChannelId, again.userId, again.readerId, again.applicationId])
        .toEqual([sandbox.guildId, sandbox.channelId, sandbox.briefingsChannelId, sandbox.userId, sandbox.readerId, sandbox.applicationId]);
    } finally {
      await again.close();
    }
    const fresh = await startSandbox();
    try {
      expect(fresh.guildId).not.toBe(sandbox.guildId);
    } finally {
      await fresh.close();
    }
  });

  it('streams what each member sees (their own ephemeral replies only) and answers the feed the same way', async () => {
    const seen: { viewer: string; events: string[] }[] = [];
    const controller = new AbortController();
    const listen = async (viewer: string) => {
      const entry = { viewer, events: [] as string[] };
      seen.push(entry);
      const res = await fetch(`${sandbox.baseUrl}/_sandbox/events?viewer=${viewer}`, { signal: controller.signal });
      const reader = res.body!.getReader();
      (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            entry.events.push(Buffer.from(value).toString('utf8'));
          }
        } catch { /* aborted */ }
      })();
    };
    await listen(sandbox.userId);
    await listen(sandbox.readerId);
    const record = await sandbox.slash('article', [{ name: 'title', value: '2' }]); // a deferred ephemeral reply, by Layla
    const id = record.original!.id;
    await expect.poll(() => seen[0].events.join('').includes(TITLES[2])).toBe(true);
    const layla = seen[0].events.join('');
    expect(layla).toContain('"loading":true'); // the "thinking…" state, then its edit
    expect(layla).toContain(TITLES[2]);
    expect(layla).toContain('"command":"article"');
    expect(seen[1].events.join('')).not.toContain(id); // Omar does not see Layla's private reply
    controller.abort();

    const feed = async (viewer: string) => ((await (await fetch(`${sandbox.baseUrl}/_sandbox/feed?channel=${sandbox.channelId}&viewer=${viewer}`)).json()) as any[]).map((m: any) => m.id);
    expect(await feed(sandbox.userId)).toContain(id);
    expect(await feed(sandbox.readerId)).not.toContain(id);
  });

  it('has a readable mode: ?format=text answers with what Discord would show', async () => {
    const res = await fetch(`${sandbox.baseUrl}/_sandbox/slash?format=text`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'echo', options: [{ name: 'text', value: TITLES[1] }] }),
    });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('in channel');
    expect(text).toContain(TITLES[1]);
    expect(text).toContain('[Share in channel] customId=share');
    expect(await (await fetch(`${sandbox.baseUrl}/_sandbox/violations?format=text`)).text()).toContain('No Discord rule violations');
    expect(await (await fetch(`${sandbox.baseUrl}/_sandbox/info?format=text`)).text()).toContain(`#briefings  ${sandbox.briefingsChannelId}`);
  });

  it('relays the page’s controls to the code that added them', async () => {
    const calls: { channelId: string; userId: string }[] = [];
    sandbox.addControl({ id: 'post-next-briefing', label: 'Post the next briefing now', channelId: sandbox.briefingsChannelId, run: async (ctx) => { calls.push(ctx); return 'posted'; } });
    const info: any = await (await fetch(`${sandbox.baseUrl}/_sandbox/info`)).json();
    expect(info.controls).toEqual([{ id: 'post-next-briefing', label: 'Post the next briefing now', channelId: sandbox.briefingsChannelId }]);
    const res = await fetch(`${sandbox.baseUrl}/_sandbox/controls/post-next-briefing`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channelId: sandbox.briefingsChannelId, userId: sandbox.readerId }),
    });
    expect(await res.json()).toEqual({ result: 'posted' });
    expect(calls).toEqual([{ channelId: sandbox.briefingsChannelId, userId: sandbox.readerId }]);
    expect((await fetch(`${sandbox.baseUrl}/_sandbox/controls/nope`, { method: 'POST' })).status).toBe(404);
  });
});
