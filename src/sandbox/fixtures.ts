// The sandbox's fixed world (one guild, its roles, members and channels) and the builders that turn it
// into the JSON shapes Discord sends. discord.js builds its caches from these, so they follow Discord's
// API v10 object shapes field for field where discord.js reads them (Guild#_patch, GuildMember, Message).
import { randomBytes } from 'node:crypto';
import type { MessageRecord } from './index.js';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A Discord snowflake for "now": discord.js derives createdTimestamp from it. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

// Permission bits (Discord "Permissions" table).
export const PERMISSION = {
  CreateInstantInvite: 1n << 0n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  ManageWebhooks: 1n << 29n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
  Administrator: 1n << 3n,
} as const;

/** Every permission bit Discord defines today (Administrator grants them all). */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

export const EVERYONE_PERMISSIONS = PERMISSION.ViewChannel | PERMISSION.SendMessages | PERMISSION.ReadMessageHistory
  | PERMISSION.AddReactions | PERMISSION.UseApplicationCommands | PERMISSION.CreateInstantInvite | PERMISSION.ChangeNickname;
// Editors may mention any role (Mention Everyone), as a newsroom's editors usually may; readers may not.
export const EDITOR_PERMISSIONS = EVERYONE_PERMISSIONS | PERMISSION.ManageGuild | PERMISSION.EmbedLinks | PERMISSION.AttachFiles
  | PERMISSION.MentionEveryone | PERMISSION.SendMessagesInThreads | PERMISSION.CreatePublicThreads;
// What an invite link with the bot's usual permissions grants: no Mention Everyone (it pings only mentionable roles)
// and no Manage Threads. Tests take permissions away per channel with overwrites (Sandbox.setBotPermissions).
export const BOT_PERMISSIONS = EVERYONE_PERMISSIONS | PERMISSION.EmbedLinks | PERMISSION.AttachFiles
  | PERMISSION.UseExternalEmojis | PERMISSION.SendMessagesInThreads | PERMISSION.CreatePublicThreads | PERMISSION.ManageWebhooks;

/** Channel types (Discord "Channel Types"). */
export const CHANNEL_TYPE = { text: 0, announcement: 5, announcementThread: 10, publicThread: 11, privateThread: 12, forum: 15 } as const;
export const THREAD_TYPES: readonly number[] = [CHANNEL_TYPE.announcementThread, CHANNEL_TYPE.publicThread, CHANNEL_TYPE.privateThread];
/** Forum channel flag REQUIRE_TAG: a post must have a tag. */
export const REQUIRE_TAG = 1 << 4;

export interface SandboxUser { id: string; username: string; global_name: string | null; bot?: boolean }

/**
 * A failure the next requests on a channel meet (Sandbox.setChannelFailure). 'hang-after-create': the next message
 * created there IS created, and its answer never comes (a crash or a lost connection right after Discord took it).
 */
export type ChannelFailure = 403 | 404 | 429 | 500 | 'hang-after-create';

/** A permission overwrite: type 0 a role, 1 a member. */
export interface Overwrite { id: string; type: 0 | 1; allow: bigint; deny: bigint }

export interface ForumTag { id: string; name: string; moderated: boolean }

export interface SandboxChannel {
  id: string;
  name: string;
  position: number;
  failure: ChannelFailure | null;
  retryAfterMs?: number;
  /** CHANNEL_TYPE: 0 text (the default), 5 announcement, 10/11 threads, 15 forum. */
  type: number;
  /** A thread's channel. */
  parentId?: string | null;
  overwrites: Overwrite[];
  // Threads
  archived?: boolean;
  locked?: boolean;
  ownerId?: string;
  appliedTags?: string[];
  autoArchiveDuration?: number;
  archiveTimestamp?: string;
  // Forums
  tags?: ForumTag[];
  flags?: number;
}

export interface SandboxRole { id: string; name: string; permissions: bigint; position: number; mentionable: boolean; managed: boolean }

/** A channel webhook (type 1, incoming). `applicationId` is set when an app (the bot) created it. */
export interface SandboxWebhook { id: string; token: string; channelId: string; name: string; applicationId: string | null; creatorId: string }

export interface World {
  guildId: string;
  guildName: string;
  everyoneRoleId: string;
  editorRoleId: string;
  botRoleId: string;
  bot: SandboxUser;
  editor: SandboxUser;
  reader: SandboxUser;
  channels: Map<string, SandboxChannel>;
  /** Every role, @everyone (id = guild id), Editors and the bot's managed role included. */
  roles: Map<string, SandboxRole>;
  webhooks: Map<string, SandboxWebhook>;
  createdAt: string;
}

/** The ids that make a world: kept in a file so a restarted sandbox is the same server (subscriptions stay valid). */
export interface WorldIds {
  guildId: string;
  editorRoleId: string;
  botRoleId: string;
  botId: string;
  editorId: string;
  readerId: string;
  /** Text channels in order: #general first (the default for commands), then #briefings. */
  channels: { id: string; name: string; type?: number; parentId?: string }[];
  createdAt: string;
}

/** The channels every sandbox has: where people talk to the bot, and where scheduled briefings go. */
export const DEFAULT_CHANNELS = ['general', 'briefings'] as const;

export function newWorldIds(): WorldIds {
  return {
    guildId: snowflake(),
    editorRoleId: snowflake(),
    botRoleId: snowflake(),
    botId: snowflake(),
    editorId: snowflake(),
    readerId: snowflake(),
    channels: DEFAULT_CHANNELS.map((name) => ({ id: snowflake(), name })),
    createdAt: new Date().toISOString(),
  };
}

/** Reads ids saved by a previous run; null when the value is not a complete set (then a new world is made). */
export function parseWorldIds(value: unknown): WorldIds | null {
  const v = value as Partial<WorldIds> | null;
  const id = (x: unknown) => typeof x === 'string' && /^\d{17,20}$/.test(x);
  if (!v || ![v.guildId, v.editorRoleId, v.botRoleId, v.botId, v.editorId, v.readerId].every(id)) return null;
  if (!Array.isArray(v.channels) || v.channels.length === 0 || !v.channels.every((c) => id(c?.id) && typeof c?.name === 'string')) return null;
  if (typeof v.createdAt !== 'string' || Number.isNaN(Date.parse(v.createdAt))) return null;
  return v as WorldIds;
}

export function createWorld(ids: WorldIds = newWorldIds()): World {
  return {
    guildId: ids.guildId,
    guildName: 'Nashra Newsroom',
    everyoneRoleId: ids.guildId, // @everyone's role id is the guild id
    editorRoleId: ids.editorRoleId,
    botRoleId: ids.botRoleId,
    bot: { id: ids.botId, username: 'Nashra', global_name: null, bot: true },
    editor: { id: ids.editorId, username: 'layla.editor', global_name: 'Layla' },
    reader: { id: ids.readerId, username: 'omar.reader', global_name: 'Omar' },
    channels: new Map(ids.channels.map((c, position) => [c.id, {
      id: c.id, name: c.name, position, failure: null, type: c.type ?? CHANNEL_TYPE.text, overwrites: [],
      ...(c.parentId ? { parentId: c.parentId } : {}),
    }])),
    roles: new Map([
      [ids.guildId, { id: ids.guildId, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0, mentionable: false, managed: false }],
      [ids.editorRoleId, { id: ids.editorRoleId, name: 'Editors', permissions: EDITOR_PERMISSIONS, position: 1, mentionable: false, managed: false }],
      [ids.botRoleId, { id: ids.botRoleId, name: 'Nashra', permissions: BOT_PERMISSIONS, position: 2, mentionable: false, managed: true }],
    ]),
    webhooks: new Map(),
    createdAt: ids.createdAt,
  };
}

export function worldIds(world: World): WorldIds {
  return {
    guildId: world.guildId, editorRoleId: world.editorRoleId, botRoleId: world.botRoleId, botId: world.bot.id,
    editorId: world.editor.id, readerId: world.reader.id,
    channels: [...world.channels.values()].map((c) => ({ id: c.id, name: c.name, ...(c.type ? { type: c.type } : {}), ...(c.parentId ? { parentId: c.parentId } : {}) })),
    createdAt: world.createdAt,
  };
}

export function userJson(user: SandboxUser): any {
  return {
    id: user.id, username: user.username, discriminator: '0', global_name: user.global_name, avatar: null,
    bot: user.bot ?? false, system: false, public_flags: 0, flags: 0, banner: null, accent_color: null,
    avatar_decoration_data: null, primary_guild: null,
  };
}

export function currentUserJson(user: SandboxUser): any {
  return { ...userJson(user), mfa_enabled: false, verified: true, locale: 'en-US', premium_type: 0, email: null };
}

export function applicationJson(world: World): any {
  return {
    id: world.bot.id, name: world.bot.username, icon: null, description: 'Nashra sandbox application',
    bot_public: true, bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: 0,
    owner: userJson(world.editor), team: null, summary: '', tags: [], type: null, cover_image: null,
    bot: userJson(world.bot), approximate_guild_count: 1, redirect_uris: [], interactions_endpoint_url: null,
    integration_types_config: { 0: {} },
  };
}

export function isThread(channel: SandboxChannel): boolean {
  return THREAD_TYPES.includes(channel.type);
}

export function channelJson(world: World, channel: SandboxChannel): any {
  if (isThread(channel)) {
    return {
      id: channel.id, type: channel.type, guild_id: world.guildId, name: channel.name, parent_id: channel.parentId ?? null,
      owner_id: channel.ownerId ?? world.editor.id, last_message_id: null, rate_limit_per_user: 0, flags: 0,
      message_count: 0, member_count: 1, total_message_sent: 0, applied_tags: channel.appliedTags ?? [],
      thread_metadata: {
        archived: channel.archived ?? false, locked: channel.locked ?? false,
        auto_archive_duration: channel.autoArchiveDuration ?? 1440,
        archive_timestamp: channel.archiveTimestamp ?? world.createdAt, create_timestamp: world.createdAt,
      },
    };
  }
  return {
    id: channel.id, type: channel.type, guild_id: world.guildId, name: channel.name, position: channel.position,
    permission_overwrites: channel.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
    parent_id: null, topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, flags: channel.flags ?? 0,
    ...(channel.type === CHANNEL_TYPE.forum ? {
      available_tags: (channel.tags ?? []).map((t) => ({ id: t.id, name: t.name, moderated: t.moderated, emoji_id: null, emoji_name: null })),
      default_reaction_emoji: null, default_thread_rate_limit_per_user: 0, default_sort_order: null, default_forum_layout: 0,
      default_auto_archive_duration: 1440,
    } : {}),
  };
}

export function roleJson(role: SandboxRole): any {
  return {
    id: role.id, name: role.name, permissions: role.permissions.toString(), position: role.position, color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, managed: role.managed, mentionable: role.mentionable, flags: 0,
    ...(role.managed ? { tags: { bot_id: '0' } } : {}),
  };
}

export function memberJson(world: World, user: SandboxUser, permissions?: string): any {
  const roles = user.id === world.bot.id ? [world.botRoleId] : user.id === world.editor.id ? [world.editorRoleId] : [];
  return {
    user: userJson(user), nick: null, avatar: null, banner: null, roles, joined_at: world.createdAt, premium_since: null,
    deaf: false, mute: false, flags: 0, pending: false, communication_disabled_until: null,
    ...(permissions !== undefined ? { permissions } : {}),
  };
}

export function guildCreateJson(world: World): any {
  return {
    id: world.guildId, name: world.guildName, icon: null, splash: null, discovery_splash: null, banner: null,
    description: null, owner_id: world.editor.id, region: 'deprecated', afk_channel_id: null, afk_timeout: 300,
    widget_enabled: false, widget_channel_id: null, verification_level: 0, default_message_notifications: 1,
    explicit_content_filter: 0, mfa_level: 0, application_id: null, system_channel_id: [...world.channels.keys()][0] ?? null,
    system_channel_flags: 0, rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null,
    max_members: 500000, max_presences: null, max_video_channel_users: 25, max_stage_video_channel_users: 50,
    vanity_url_code: null, premium_tier: 0, premium_subscription_count: 0, preferred_locale: 'ar', nsfw_level: 0,
    premium_progress_bar_enabled: false, features: [], incidents_data: null, hub_type: null,
    roles: [...world.roles.values()].map((r) => (r.managed ? { ...roleJson(r), tags: { bot_id: world.bot.id } } : roleJson(r))),
    emojis: [], stickers: [], soundboard_sounds: [],
    // GUILD_CREATE-only fields
    joined_at: world.createdAt, large: false, unavailable: false, member_count: 3,
    voice_states: [], presences: [], stage_instances: [], guild_scheduled_events: [],
    members: [memberJson(world, world.bot), memberJson(world, world.editor), memberJson(world, world.reader)],
    // Active threads come in `threads`, the other channels in `channels` (as in Discord's GUILD_CREATE).
    threads: [...world.channels.values()].filter((c) => isThread(c) && !c.archived).map((c) => channelJson(world, c)),
    channels: [...world.channels.values()].filter((c) => !isThread(c)).map((c) => { const { guild_id: _omit, ...rest } = channelJson(world, c); return rest; }),
  };
}

export interface StoredMessage extends MessageRecord {
  timestamp: string;
  edited_timestamp: string | null;
  /** 0 DEFAULT, 20 CHAT_INPUT_COMMAND (interaction responses), 19 REPLY */
  type: number;
  /** An interaction response (webhook_id = the application) or a channel webhook's message. */
  webhook_id?: string;
  /** For interaction responses: who invoked the interaction and its type (for interaction_metadata). */
  interactionType?: number;
  interactionUser?: SandboxUser;
}

/** The Message object Discord returns and sends in component interactions. */
export function messageJson(world: World, message: StoredMessage): any {
  return {
    id: message.id, channel_id: message.channel_id, guild_id: world.guildId,
    // A channel webhook's message is authored by the webhook, under the name (and avatar) the execute gave.
    author: message.author_id === world.bot.id ? userJson(world.bot) : {
      id: message.author_id, username: message.author_name, discriminator: '0000', global_name: null, avatar: null, bot: true,
    },
    content: message.content, timestamp: message.timestamp, edited_timestamp: message.edited_timestamp,
    tts: false, mention_everyone: message.mention_everyone ?? false,
    mentions: (message.mentions ?? []).map((id) => userJson([world.bot, world.editor, world.reader].find((u) => u.id === id) ?? { id, username: 'unknown', global_name: null })),
    mention_roles: message.mention_roles ?? [], mention_channels: [], attachments: [],
    embeds: message.embeds, reactions: [], pinned: false, type: message.type, flags: message.flags,
    components: message.components, ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
    ...(message.webhook_id ? { webhook_id: message.webhook_id, application_id: world.bot.id } : {}),
    ...(message.interactionId ? {
      interaction_metadata: {
        id: message.interactionId, type: message.interactionType ?? 2, user: userJson(message.interactionUser ?? world.editor),
        authorizing_integration_owners: { 0: world.guildId },
      },
    } : {}),
  };
}

/** Discord echoes embeds with type 'rich' and drops nulls; keep what the bot sent otherwise. */
export function normaliseEmbeds(embeds: unknown): any[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((e) => ({ type: 'rich', ...stripNulls(e) }));
}

function stripNulls(value: any): any {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, stripNulls(v)]));
  }
  return value;
}
