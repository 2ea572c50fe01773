import {
  ChannelFlags,
  ChannelType,
  PermissionFlagsBits,
  type ForumChannel,
  type Guild,
  type GuildBasedChannel,
  type GuildMember,
  type PermissionsBitField,
} from 'discord.js';
import type { BriefingTarget } from '../schedule/types.js';
import type { Strings } from './i18n/index.js';
import { UserInputError } from './inputs.js';
import { plainText } from './render/text.js';

/**
 * What a scheduled briefing's target needs, checked against Discord's cache BEFORE anything is created, so a
 * missing permission is a clear private message and never a half-made subscription (or a webhook for nothing).
 * Permissions are read with discord.js (GuildMember.permissionsIn → PermissionsBitField.has), which applies the
 * channel's overwrites (a thread takes its channel's) and counts Administrator as everything, as Discord does.
 */
export interface TargetWishes {
  /** A role to ping. */
  roleId?: string | null;
  /** Post through a webhook (a name was given). */
  identity: boolean;
  /** A forum tag, by name or id. */
  tag?: string | null;
  /** Check that the member may mention the role (default true; an edit that keeps the role does not re-check them). */
  memberPings?: boolean;
}

export interface CheckedTarget {
  target: BriefingTarget;
  /** The tag's id, when a tag was asked for (forums only). */
  forumTagId: string | null;
}

/** Discord's own names for the permissions, as its settings show them (untranslated: Discord's client shows them so). */
const PERMISSION_NAMES: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
  [PermissionFlagsBits.ManageWebhooks, 'Manage Webhooks'],
  [PermissionFlagsBits.ManageThreads, 'Manage Threads'],
  [PermissionFlagsBits.MentionEveryone, 'Mention @everyone, @here and All Roles'],
];

function missing(bits: Readonly<PermissionsBitField>, needed: bigint[]): string[] {
  return needed.filter((p) => !bits.has(p)).map((p) => PERMISSION_NAMES.find(([bit]) => bit === p)?.[1] ?? String(p));
}

function refuse(describe: (t: Strings) => string): never {
  throw new UserInputError(describe);
}

/**
 * The target of a subscription from the channel the member picked: its kind (a text or announcement channel, a
 * thread, a forum) and the permissions each needs from Nashra:
 * - a channel: View Channel, Send Messages, Embed Links (without it Discord drops a briefing's embeds);
 * - a thread: View Channel, Send Messages in Threads, Embed Links; an archived thread is reopened at delivery, which
 *   a locked one only allows with Manage Threads;
 * - a forum: View Channel, Send Messages ("Create Posts"), Send Messages in Threads (the briefing's further parts go
 *   into the post), Embed Links, and Read Message History (a post that may have been opened is looked for before
 *   opening another: forum posts take no nonce);
 * - a webhook identity: Manage Webhooks in the channel (a thread's channel), and Read Message History (webhooks take
 *   no nonce either, so a message that may have been sent is looked for before sending it again);
 * - a role ping: the member may mention the role (it is mentionable, or they have Mention Everyone there), and so may
 *   Nashra, or Discord would drop the ping silently. @everyone is refused: it is not a role one opts into.
 */
export function checkBriefingTarget(guild: Guild, channelId: string, member: GuildMember | null, wishes: TargetWishes): CheckedTarget {
  const channel = guild.channels.cache.get(channelId);
  const me = guild.members.me;
  if (!channel || !me) refuse((t) => t.errorBotMissingPermissions(`<#${channelId}>`, 'View Channel'));
  const where = `<#${channel.id}>`;
  const bits = me.permissionsIn(channel);
  const needs: bigint[] = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.EmbedLinks];
  let target: BriefingTarget;
  if (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement) {
    target = { kind: 'channel', channelId: channel.id };
    needs.push(PermissionFlagsBits.SendMessages);
  } else if (channel.type === ChannelType.PublicThread || channel.type === ChannelType.AnnouncementThread) {
    target = { kind: 'thread', channelId: channel.id, parentChannelId: channel.parentId };
    needs.push(PermissionFlagsBits.SendMessagesInThreads);
    if (channel.archived && channel.locked && !bits.has(PermissionFlagsBits.ManageThreads)) refuse((t) => t.errorThreadLocked(where));
  } else if (channel.type === ChannelType.GuildForum) {
    target = { kind: 'forum', channelId: channel.id };
    needs.push(PermissionFlagsBits.SendMessages, PermissionFlagsBits.SendMessagesInThreads, PermissionFlagsBits.ReadMessageHistory);
  } else {
    refuse((t) => t.errorBotMissingPermissions(where, 'Send Messages'));
  }
  if (wishes.identity) needs.push(PermissionFlagsBits.ReadMessageHistory);
  const lacking = missing(bits, [...new Set(needs)]);
  if (wishes.identity) {
    const hookChannel = target.kind === 'thread' && target.parentChannelId ? guild.channels.cache.get(target.parentChannelId) : channel;
    if (!hookChannel || !me.permissionsIn(hookChannel).has(PermissionFlagsBits.ManageWebhooks)) lacking.push('Manage Webhooks');
  }
  if (lacking.length) refuse((t) => t.errorBotMissingPermissions(where, [...new Set(lacking)].join(', ')));

  if (wishes.roleId) checkRolePing(guild, channel, wishes.memberPings === false ? null : member, wishes.roleId, bits, wishes.memberPings !== false);

  const forumTagId = wishes.tag ? findTag(channel, wishes.tag, bits) : null;
  if (channel.type === ChannelType.GuildForum && !forumTagId && channel.flags.has(ChannelFlags.RequireTag)) {
    refuse((t) => t.errorTagRequired(tagList(channel)));
  }
  if (forumTagId) target.forumTagId = forumTagId;
  return { target, forumTagId };
}

function checkRolePing(
  guild: Guild,
  channel: GuildBasedChannel,
  member: GuildMember | null,
  roleId: string,
  botBits: Readonly<PermissionsBitField>,
  checkMember: boolean,
): void {
  if (roleId === guild.id) refuse((t) => t.errorMentionEveryone);
  const role = guild.roles.cache.get(roleId);
  const shown = `<@&${roleId}>`;
  if (!role) refuse((t) => t.errorMemberCannotMention(shown));
  const memberMay = role.mentionable || (member !== null && member.permissionsIn(channel).has(PermissionFlagsBits.MentionEveryone));
  if (checkMember && !memberMay) refuse((t) => t.errorMemberCannotMention(shown));
  if (!role.mentionable && !botBits.has(PermissionFlagsBits.MentionEveryone)) refuse((t) => t.errorBotCannotMention(shown, `<#${channel.id}>`));
}

function tagList(channel: ForumChannel): string {
  return channel.availableTags.map((tag) => plainText(tag.name, 100)).join(', ') || '—';
}

function findTag(channel: GuildBasedChannel, wanted: string, bits: Readonly<PermissionsBitField>): string {
  if (channel.type !== ChannelType.GuildForum) refuse((t) => t.errorTagNotForum);
  const key = wanted.trim().toLowerCase();
  const tag = channel.availableTags.find((x) => x.id === wanted.trim() || x.name.toLowerCase() === key);
  if (!tag) refuse((t) => t.errorUnknownTag(plainText(wanted, 100), tagList(channel)));
  if (tag.moderated && !bits.has(PermissionFlagsBits.ManageThreads)) refuse((t) => t.errorTagModerated(plainText(tag.name, 100)));
  return tag.id;
}

/** Forum tags for the `tag` option's autocomplete: the tags of the forum chosen in `channel`, matching what was typed. */
export function forumTagChoices(guild: Guild | null, channelId: string | undefined, typed: string): { name: string; value: string }[] {
  const channel = channelId ? guild?.channels.cache.get(channelId) : undefined;
  if (!channel || channel.type !== ChannelType.GuildForum) return [];
  const key = typed.trim().toLowerCase();
  return channel.availableTags
    .filter((tag) => tag.name.toLowerCase().includes(key))
    .slice(0, 25)
    .map((tag) => ({ name: plainText(tag.name, 100), value: tag.name.slice(0, 100) }));
}

/** Can Nashra post a notice in this channel (a server's log channel)? The permissions it lacks there, if any. */
export function logChannelProblems(guild: Guild, channelId: string): { wrongType: boolean; lacking: string[] } {
  const channel = guild.channels.cache.get(channelId);
  if (!channel || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) return { wrongType: true, lacking: [] };
  const me = guild.members.me;
  const lacking = me ? missing(me.permissionsIn(channel), [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]) : ['View Channel'];
  return { wrongType: false, lacking };
}
