import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { UserInputError } from '../src/bot/inputs.js';
import { LIMITS } from '../src/bot/limits.js';
import { readOptions, subcommandOptions } from '../src/bot/options.js';
import { renderFeedAdded, renderFeedList, renderFeedRemoved } from '../src/bot/render/feeds.js';
import { answer, deferPrivately } from '../src/bot/respond.js';
import { truncate } from '../src/bot/split.js';
import { canManageBriefings } from '../src/schedule/permissions.js';

/**
 * /feeds add | list | remove — the RSS/Atom feeds whose articles flow into the corpus. Every subcommand needs
 * Manage Server, checked each time it runs (like /digest subscribe): no `default_member_permissions`, so the
 * check cannot be bypassed by a server's command-permission overrides and the refusal is a private, explained
 * reply. Adding fetches the feed once to check it (up to the fetch timeout), so the reply is deferred first.
 */
export const data = {
  name: 'feeds',
  description: 'RSS and Atom feeds that bring articles in (Manage Server) · المصادر',
  options: [
    {
      name: 'add',
      description: 'Follow an RSS or Atom feed: its new articles are added to the archive (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [{ name: 'url', description: 'The feed address, https://…', type: ApplicationCommandOptionType.String, required: true, max_length: 2000 }],
    },
    { name: 'list', description: 'The feeds this bot follows, and how they are doing (Manage Server)', type: ApplicationCommandOptionType.Subcommand },
    {
      name: 'remove',
      description: 'Stop following a feed; its articles stay in the archive (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [{ name: 'url', description: 'The feed address (from /feeds list)', type: ApplicationCommandOptionType.String, required: true, max_length: 2000, autocomplete: true }],
    },
  ],
} as const satisfies CommandDefinition;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  if (!interaction.guildId) throw new UserInputError((t) => t.errorGuildOnly);
  // The same rule as for scheduled briefings: Manage Server, or Administrator.
  if (!canManageBriefings(interaction.memberPermissions?.bitfield.toString())) throw new UserInputError((t) => t.errorNeedsManageServerFeeds);
  const desk = ctx.feeds;
  if (!desk) throw new UserInputError((t) => t.errorFeedsUnavailable);

  const sub = interaction.options.getSubcommand();
  if (sub === 'add') {
    const { url } = readOptions(interaction, subcommandOptions(data, 'add'));
    await answer(interaction, renderFeedAdded(await desk.addFeed(url.trim(), interaction.user.id), ctx.t));
  } else if (sub === 'list') {
    await answer(interaction, renderFeedList(desk.listFeeds(), ctx.t));
  } else if (sub === 'remove') {
    const { url } = readOptions(interaction, subcommandOptions(data, 'remove'));
    await answer(interaction, renderFeedRemoved(desk.removeFeed(url.trim()), url.trim(), ctx.t));
  }
}

/** Followed feeds matching what was typed (title or URL). Only for members who may remove them. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  if (!ctx.feeds || !canManageBriefings(interaction.memberPermissions?.bitfield.toString())) {
    await interaction.respond([]);
    return;
  }
  const typed = String(interaction.options.getFocused() ?? '').trim().toLowerCase();
  const choices = ctx.feeds
    .listFeeds()
    // A value longer than 100 characters cannot be a choice (Discord's limit); such a feed is typed in full.
    .filter((f) => f.url.length <= LIMITS.autocompleteChoiceValue)
    .filter((f) => !typed || f.url.toLowerCase().includes(typed) || (f.title ?? '').toLowerCase().includes(typed))
    .slice(0, LIMITS.autocompleteChoices)
    .map((f) => ({ name: truncate((f.title ? `${f.title} — ${f.url}` : f.url).replace(/\s+/g, ' '), LIMITS.autocompleteChoiceName), value: f.url }));
  await interaction.respond(choices);
}
