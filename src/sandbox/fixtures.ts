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
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
  Administrator: 1n << 3n,
} as const;

export const EVERYONE_PERMISSIONS = PERMISSION.ViewChannel | PERMISSION.SendMessages | PERMISSION.ReadMessageHistory
  | PERMISSION.AddReactions | PERMISSION.UseApplicationCommands | PERMISSION.CreateInstantInvite | PERMISSION.ChangeNickname;
export const EDITOR_PERMISSIONS = EVERYONE_PERMISSIONS | PERMISSION.ManageGuild | PERMISSION.EmbedLinks | PERMISSION.AttachFiles;
export const BOT_PERMISSIONS = EVERYONE_PERMISSIONS | PERMISSION.EmbedLinks | PERMISSION.AttachFiles
  | PERMISSION.UseExternalEmojis | PERMISSION.SendMessagesInThreads;

export interface SandboxUser { id: string; username: string; global_name: string | null; bot?: boolean }
export interface SandboxChannel { id: string; name: string; position: number; failure: 403 | 404 | 429 | 500 | null; retryAfterMs?: number }

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
  channels: { id: string; name: string }[];
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
    channels: new Map(ids.channels.map((c, position) => [c.id, { id: c.id, name: c.name, position, failure: null }])),
    createdAt: ids.createdAt,
  };
}

export function worldIds(world: World): WorldIds {
  return {
    guildId: world.guildId, editorRoleId: world.editorRoleId, botRoleId: world.botRoleId, botId: world.bot.id,
    editorId: world.editor.id, readerId: world.reader.id,
    channels: [...world.channels.values()].map((c) => ({ id: c.id, name: c.name })), createdAt: world.createdAt,
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

export function channelJson(world: World, channel: SandboxChannel): any {
  return {
    id: channel.id, type: 0, guild_id: world.guildId, name: channel.name, position: channel.position,
    permission_overwrites: [], parent_id: null, topic: null, nsfw: false, last_message_id: null,
    rate_limit_per_user: 0, flags: 0,
  };
}

function roleJson(id: string, name: string, permissions: bigint, position: number, managed = false): any {
  return {
    id, name, permissions: permissions.toString(), position, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, managed, mentionable: false, flags: 0,
    ...(managed ? { tags: {} } : {}),
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
    roles: [
      roleJson(world.everyoneRoleId, '@everyone', EVERYONE_PERMISSIONS, 0),
      roleJson(world.editorRoleId, 'Editors', EDITOR_PERMISSIONS, 1),
      roleJson(world.botRoleId, 'Nashra', BOT_PERMISSIONS, 2, true),
    ],
    emojis: [], stickers: [], soundboard_sounds: [],
    // GUILD_CREATE-only fields
    joined_at: world.createdAt, large: false, unavailable: false, member_count: 3,
    voice_states: [], presences: [], threads: [], stage_instances: [], guild_scheduled_events: [],
    members: [memberJson(world, world.bot), memberJson(world, world.editor), memberJson(world, world.reader)],
    channels: [...world.channels.values()].map((c) => { const { guild_id: _omit, ...rest } = channelJson(world, c); return rest; }),
  };
}

export interface StoredMessage extends MessageRecord {
  timestamp: string;
  edited_timestamp: string | null;
  /** 0 DEFAULT, 20 CHAT_INPUT_COMMAND (interaction responses), 19 REPLY */
  type: number;
  webhook_id?: string;
  /** For interaction responses: who invoked the interaction and its type (for interaction_metadata). */
  interactionType?: number;
  interactionUser?: SandboxUser;
}

/** The Message object Discord returns and sends in component interactions. */
export function messageJson(world: World, message: StoredMessage): any {
  return {
    id: message.id, channel_id: message.channel_id, guild_id: world.guildId, author: userJson(world.bot),
    content: message.content, timestamp: message.timestamp, edited_timestamp: message.edited_timestamp,
    tts: false, mention_everyone: false, mentions: [], mention_roles: [], mention_channels: [], attachments: [],
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
