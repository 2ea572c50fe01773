import {
  ApplicationCommandOptionType,
  ChannelType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Guild,
  type GuildMember,
} from 'discord.js';
import { checkBriefingTarget, forumTagChoices } from '../src/bot/briefing-target.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { parseSince, UserInputError } from '../src/bot/inputs.js';
import { readOptions, subcommandOptions } from '../src/bot/options.js';
import { renderTimeZoneChoices } from '../src/bot/render/choices.js';
import { renderDigestMessages } from '../src/bot/render/digest.js';
import { discordTime } from '../src/bot/render/payload.js';
import { renderSubscribed, renderSubscriptionList, renderUnsubscribed } from '../src/bot/render/subscriptions.js';
import { answer, deferPrivately } from '../src/bot/respond.js';
import { shareButton } from '../src/bot/share.js';
import { row } from '../src/bot/render/components.js';
import { MAX_QUERY_LENGTH } from '../src/engine/errors.js';
import { canManageBriefings } from '../src/schedule/permissions.js';
import { MAX_MIN_SOURCES, MAX_STORIES_LIMIT, splitList } from '../src/schedule/rules.js';
import type { BriefingFilters, SubscriptionChanges } from '../src/schedule/types.js';

/**
 * Stories an on-demand briefing shows unless asked for more: one message of embeds. A day of a national press is
 * over a thousand stories (SaudiNewsNet, 2,038 articles: 1,364), which in full would be some 140 private messages.
 */
const NOW_STORIES = 10;

/** Where a briefing may go: a text or announcement channel, a thread of one, or a forum (a new post each time). */
const TARGET_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.AnnouncementThread, ChannelType.GuildForum] as const;

const LANGUAGE = {
  name: 'language',
  description: 'Language of the briefing labels (default: the server’s)',
  type: ApplicationCommandOptionType.String,
  choices: [
    { name: 'English', value: 'en' },
    { name: 'العربية', value: 'ar' },
  ],
} as const;

/** The delivery options shared by subscribe and edit (issue 11): ping, identity, filters, format, forum tag. */
const DELIVERY_OPTIONS = [
  { name: 'timezone', description: 'IANA timezone, e.g. Africa/Casablanca (default: the server’s)', type: ApplicationCommandOptionType.String, max_length: 64, autocomplete: true },
  { name: 'query', description: 'Only articles matching these words', type: ApplicationCommandOptionType.String, max_length: MAX_QUERY_LENGTH },
  LANGUAGE,
  { name: 'mention', description: 'A role to ping when the briefing lands', type: ApplicationCommandOptionType.Role },
  { name: 'name', description: 'Post under this name (through a webhook Nashra creates)', type: ApplicationCommandOptionType.String, max_length: 80 },
  { name: 'avatar', description: 'Avatar image link for that name', type: ApplicationCommandOptionType.String, max_length: 2048 },
  { name: 'exclude', description: 'Leave out articles with these words (comma-separated)', type: ApplicationCommandOptionType.String, max_length: 1000 },
  { name: 'sources', description: 'Only articles from these sources (comma-separated)', type: ApplicationCommandOptionType.String, max_length: 1000 },
  { name: 'exclude_sources', description: 'Leave out these sources (comma-separated)', type: ApplicationCommandOptionType.String, max_length: 1000 },
  { name: 'min_sources', description: 'List a story only if this many sources report it', type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: MAX_MIN_SOURCES },
  {
    name: 'format',
    description: 'full (default) or compact: titles and one line each',
    type: ApplicationCommandOptionType.String,
    choices: [
      { name: 'full', value: 'full' },
      { name: 'compact', value: 'compact' },
    ],
  },
  { name: 'max_stories', description: 'At most this many stories', type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: MAX_STORIES_LIMIT },
  { name: 'tag', description: 'Forum: the tag of each post', type: ApplicationCommandOptionType.String, max_length: 100, autocomplete: true },
] as const;

/** What /digest edit can clear (an option cannot be given as "nothing" in Discord). */
const CLEARABLE = ['mention', 'name', 'query', 'exclude', 'sources', 'exclude_sources', 'tag', 'filters'] as const;

/**
 * /digest now is for everyone, so the command has no `default_member_permissions` (Discord applies it to the whole
 * command, subcommands included). The subscription subcommands check Manage Server when they run instead; that
 * check is required anyway (issue 4), since a server admin can override a command's default permissions.
 */
export const data = {
  name: 'digest',
  description: 'Briefings: now, or on a schedule · النشرات',
  options: [
    {
      name: 'now',
      description: 'A briefing of the latest articles, now',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'query', description: 'Only articles matching these words', type: ApplicationCommandOptionType.String, max_length: MAX_QUERY_LENGTH },
        { name: 'since', description: 'Period: 24h (default), 7d, 2w, a day YYYY-MM-DD, an ISO time, or all', type: ApplicationCommandOptionType.String, max_length: 40 },
        { name: 'max_stories', description: `At most this many stories, most widely reported first (default ${NOW_STORIES})`, type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: MAX_STORIES_LIMIT },
      ],
    },
    {
      name: 'subscribe',
      description: 'Post a briefing on a schedule in a channel, thread or forum (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'channel', description: 'Where: a channel, a thread or a forum', type: ApplicationCommandOptionType.Channel, required: true, channel_types: TARGET_TYPES },
        { name: 'cron', description: 'Five-field cron: minute hour day month weekday, e.g. 0 8 * * *', type: ApplicationCommandOptionType.String, required: true, max_length: 100 },
        ...DELIVERY_OPTIONS,
      ],
    },
    {
      name: 'edit',
      description: 'Change a scheduled briefing (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'id', description: 'Its number, from /digest list', type: ApplicationCommandOptionType.Integer, required: true, min_value: 1 },
        { name: 'channel', description: 'Move it: a channel, a thread or a forum', type: ApplicationCommandOptionType.Channel, channel_types: TARGET_TYPES },
        { name: 'cron', description: 'New schedule (five-field cron)', type: ApplicationCommandOptionType.String, max_length: 100 },
        ...DELIVERY_OPTIONS,
        {
          name: 'clear',
          description: 'Remove a setting',
          type: ApplicationCommandOptionType.String,
          choices: CLEARABLE.map((c) => ({ name: c, value: c })),
        },
      ],
    },
    { name: 'list', description: 'Scheduled briefings in this server (Manage Server)', type: ApplicationCommandOptionType.Subcommand },
    {
      name: 'unsubscribe',
      description: 'Stop a scheduled briefing (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [{ name: 'id', description: 'Its number, from /digest list', type: ApplicationCommandOptionType.Integer, required: true, min_value: 1 }],
    },
  ],
} as const satisfies CommandDefinition;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === 'now') return digestNow(interaction, ctx);

  const guildId = interaction.guildId;
  if (!guildId || !interaction.guild) throw new UserInputError((t) => t.errorGuildOnly);
  // The same rule as the briefing service (src/schedule/permissions.ts): Manage Server, or Administrator.
  if (!canManageBriefings(interaction.memberPermissions?.bitfield.toString())) throw new UserInputError((t) => t.errorNeedsManageServer);
  const desk = ctx.briefings;
  if (!desk) throw new UserInputError((t) => t.errorSchedulingUnavailable);
  const member = (interaction.member as GuildMember | null) ?? null;
  const guild = interaction.guild;
  const names = { tag: (id: string) => findTagName(guild, id) };

  if (sub === 'subscribe') {
    const o = readOptions(interaction, subcommandOptions(data, 'subscribe'));
    const identity = identityOf(o.name, o.avatar);
    const { target } = checkBriefingTarget(interaction.guild, o.channel, member, { roleId: o.mention, identity: identity !== null, tag: o.tag });
    const subscription = await desk.subscribe({
      guildId,
      channelId: target.channelId,
      target: { kind: target.kind, parentChannelId: target.parentChannelId ?? null, forumTagId: target.forumTagId ?? null },
      cron: o.cron,
      timezone: o.timezone?.trim() || undefined,
      query: o.query?.trim() || undefined,
      // Without a language, the service takes the server's (/settings), not the member's own reply language.
      language: o.language === 'ar' || o.language === 'en' ? o.language : undefined,
      mentionRoleId: o.mention ?? null,
      identity,
      filters: filtersOf(o),
      format: o.format === 'compact' ? 'compact' : 'full',
      maxStories: o.max_stories ?? null,
      createdBy: interaction.user.id,
    });
    await answer(interaction, renderSubscribed(subscription, ctx.t, names));
  } else if (sub === 'edit') {
    const o = readOptions(interaction, subcommandOptions(data, 'edit'));
    const current = desk.get(guildId, o.id);
    const changes = editChanges(o, current.filters);
    if (Object.keys(changes).length === 0) throw new UserInputError((t) => t.errorNothingToEdit);
    // Check the target as it will be: the new channel (or the current one), with the ping, identity and tag it
    // will have, so a permission the edit needs is refused before anything changes.
    const identity = changes.identity !== undefined ? changes.identity : current.identity;
    const roleId = changes.mentionRoleId !== undefined ? changes.mentionRoleId : current.mentionRoleId;
    const channelId = changes.channelId ?? current.channelId;
    const keepTag = changes.forumTagId === undefined && channelId === current.channelId ? current.forumTagId : undefined;
    const tag = o.tag ?? keepTag ?? (changes.forumTagId === null ? null : undefined);
    // The member's own right to mention the role is checked when the edit sets the role; Nashra's, always.
    const checked = checkBriefingTarget(interaction.guild, channelId, member, { roleId, identity: identity !== null, tag, memberPings: changes.mentionRoleId !== undefined });
    changes.target = { kind: checked.target.kind, parentChannelId: checked.target.parentChannelId ?? null, forumTagId: checked.forumTagId };
    if (o.channel) changes.channelId = checked.target.channelId;
    changes.forumTagId = checked.forumTagId;
    await answer(interaction, renderSubscribed(await desk.edit(guildId, o.id, changes, interaction.user.id), ctx.t, names));
  } else if (sub === 'list') {
    await answer(interaction, renderSubscriptionList(desk.list(guildId), ctx.t, names));
  } else if (sub === 'unsubscribe') {
    const o = readOptions(interaction, subcommandOptions(data, 'unsubscribe'));
    await answer(interaction, renderUnsubscribed(await desk.unsubscribe(guildId, o.id), ctx.t, names));
  }
}

/** A forum tag's name, from any forum of the guild that has it. */
function findTagName(guild: Guild, tagId: string): string | undefined {
  for (const channel of guild.channels.cache.values()) {
    if (channel.type !== ChannelType.GuildForum) continue;
    const tag = channel.availableTags.find((x) => x.id === tagId);
    if (tag) return tag.name;
  }
  return undefined;
}

/** A webhook identity from the name and avatar options (an avatar alone is refused: it needs a name to go with). */
function identityOf(name: string | undefined, avatar: string | undefined): { name: string; avatarUrl: string | null } | null {
  if (!name?.trim()) {
    if (avatar?.trim()) throw new UserInputError((t) => t.errorAvatarNeedsName);
    return null;
  }
  return { name: name.trim(), avatarUrl: avatar?.trim() || null };
}

type FilterOptions = { exclude?: string; sources?: string; exclude_sources?: string; min_sources?: number };

function filtersOf(o: FilterOptions): Partial<BriefingFilters> {
  return {
    excludeWords: splitList(o.exclude),
    includeSources: splitList(o.sources),
    excludeSources: splitList(o.exclude_sources),
    minSources: o.min_sources ?? 1,
  };
}

/** /digest edit's options as changes: only what was given (and what `clear` removes). */
function editChanges(
  o: ReturnType<typeof readOptions<ReturnType<typeof subcommandOptions<typeof data, 'edit'>>>>,
  filters: BriefingFilters,
): SubscriptionChanges {
  const changes: SubscriptionChanges = {};
  if (o.channel) changes.channelId = o.channel;
  if (o.cron) changes.cron = o.cron;
  if (o.timezone?.trim()) changes.timezone = o.timezone.trim();
  if (o.query?.trim()) changes.query = o.query.trim();
  if (o.language === 'ar' || o.language === 'en') changes.language = o.language;
  if (o.mention) changes.mentionRoleId = o.mention;
  if (o.name !== undefined || o.avatar !== undefined) {
    changes.identity = identityOf(o.name, o.avatar);
  }
  const next: Partial<BriefingFilters> = {};
  if (o.exclude !== undefined) next.excludeWords = splitList(o.exclude);
  if (o.sources !== undefined) next.includeSources = splitList(o.sources);
  if (o.exclude_sources !== undefined) next.excludeSources = splitList(o.exclude_sources);
  if (o.min_sources !== undefined) next.minSources = o.min_sources;
  if (o.format === 'full' || o.format === 'compact') changes.format = o.format;
  if (o.max_stories !== undefined) changes.maxStories = o.max_stories;
  switch (o.clear) {
    case 'mention': changes.mentionRoleId = null; break;
    case 'name': changes.identity = null; break;
    case 'query': changes.query = null; break;
    case 'exclude': next.excludeWords = []; break;
    case 'sources': next.includeSources = []; break;
    case 'exclude_sources': next.excludeSources = []; break;
    case 'tag': changes.forumTagId = null; break;
    case 'filters': Object.assign(next, { excludeWords: [], includeSources: [], excludeSources: [], minSources: 1 }); break;
  }
  if (Object.keys(next).length) changes.filters = { ...filters, ...next };
  return changes;
}

/** Timezone names, or a forum's tags, matching what has been typed. */
export async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value ?? '');
  if (focused.name === 'tag') {
    const channel = interaction.options.get('channel')?.value;
    await interaction.respond(forumTagChoices(interaction.guild, typeof channel === 'string' ? channel : undefined, typed));
    return;
  }
  await interaction.respond(renderTimeZoneChoices(typed));
}

async function digestNow(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const o = readOptions(interaction, subcommandOptions(data, 'now'));
  const since = parseSince(o.since);
  const query = o.query?.trim() || undefined;
  const digest = await ctx.engine.digest({ since: since ?? undefined, query, maxStories: o.max_stories ?? NOW_STORIES });
  const options = {
    period: since ? ctx.t.digestPeriodSince(discordTime(since, 'f')) : ctx.t.digestPeriodAll,
    query,
    storiesFound: digest.storyCount,
  };
  const payloads = renderDigestMessages(digest, ctx.t, options);
  if (digest.stories.length > 0) {
    payloads[0] = { ...payloads[0], components: [row(shareButton(ctx, payloads))] };
  }
  await answer(interaction, payloads);
}
