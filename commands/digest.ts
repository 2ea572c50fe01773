import {
  ApplicationCommandOptionType,
  ChannelType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
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
      ],
    },
    {
      name: 'subscribe',
      description: 'Post a briefing in a channel on a schedule (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'channel', description: 'Where to post', type: ApplicationCommandOptionType.Channel, required: true, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
        { name: 'cron', description: 'Five-field cron: minute hour day month weekday, e.g. 0 8 * * *', type: ApplicationCommandOptionType.String, required: true, max_length: 100 },
        { name: 'timezone', description: 'IANA timezone, e.g. Africa/Casablanca (default from the bot settings)', type: ApplicationCommandOptionType.String, max_length: 64, autocomplete: true },
        { name: 'query', description: 'Only articles matching these words', type: ApplicationCommandOptionType.String, max_length: MAX_QUERY_LENGTH },
        {
          name: 'language',
          description: 'Language of the briefing labels',
          type: ApplicationCommandOptionType.String,
          choices: [
            { name: 'English', value: 'en' },
            { name: 'العربية', value: 'ar' },
          ],
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
  if (!guildId) throw new UserInputError((t) => t.errorGuildOnly);
  // The same rule as the briefing service (src/schedule/permissions.ts): Manage Server, or Administrator.
  if (!canManageBriefings(interaction.memberPermissions?.bitfield.toString())) throw new UserInputError((t) => t.errorNeedsManageServer);
  const desk = ctx.briefings;
  if (!desk) throw new UserInputError((t) => t.errorSchedulingUnavailable);

  if (sub === 'subscribe') {
    const o = readOptions(interaction, subcommandOptions(data, 'subscribe'));
    const subscription = desk.subscribe({
      guildId,
      channelId: o.channel,
      cron: o.cron,
      timezone: o.timezone?.trim() || undefined,
      query: o.query?.trim() || undefined,
      language: o.language === 'ar' || o.language === 'en' ? o.language : ctx.locale,
      createdBy: interaction.user.id,
    });
    await answer(interaction, renderSubscribed(subscription, ctx.t));
  } else if (sub === 'list') {
    await answer(interaction, renderSubscriptionList(desk.list(guildId), ctx.t));
  } else if (sub === 'unsubscribe') {
    const o = readOptions(interaction, subcommandOptions(data, 'unsubscribe'));
    await answer(interaction, renderUnsubscribed(desk.unsubscribe(guildId, o.id), ctx.t));
  }
}

/** Timezone names for /digest subscribe: the IANA zones this Node knows, matching what has been typed. */
export async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  await interaction.respond(renderTimeZoneChoices(typed));
}

async function digestNow(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const o = readOptions(interaction, subcommandOptions(data, 'now'));
  const since = parseSince(o.since);
  const query = o.query?.trim() || undefined;
  const digest = await ctx.engine.digest({ since: since ?? undefined, query });
  const options = { period: since ? ctx.t.digestPeriodSince(discordTime(since, 'f')) : ctx.t.digestPeriodAll, query };
  const payloads = renderDigestMessages(digest, ctx.t, options);
  if (digest.stories.length > 0) {
    payloads[0] = { ...payloads[0], components: [row(shareButton(ctx, payloads))] };
  }
  await answer(interaction, payloads);
}
