import { ApplicationCommandOptionType, ChannelType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { logChannelProblems } from '../src/bot/briefing-target.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { stringsFor, type Locale } from '../src/bot/i18n/index.js';
import { UserInputError } from '../src/bot/inputs.js';
import { readOptions, subcommandOptions } from '../src/bot/options.js';
import { renderTimeZoneChoices } from '../src/bot/render/choices.js';
import { renderSettings } from '../src/bot/render/settings.js';
import { renderNotice } from '../src/bot/render/notice.js';
import { answer, deferPrivately } from '../src/bot/respond.js';
import { InvalidTimeZone, type EffectiveServerSettings } from '../src/bot/settings.js';
import { canManageBriefings } from '../src/schedule/permissions.js';
import type { GuildSettingsChange } from '../src/store/index.js';

/**
 * /settings: a server's language, default timezone and log channel (Manage Server, checked when it runs, as for
 * /digest subscribe), and a member's own reply language (/settings me language), which Discord's client cannot
 * say: it offers no Arabic locale. Stored in SQLite; BOT_LOCALE, BRIEFING_TIMEZONE and BRIEFING_LOG_CHANNEL_ID are
 * the defaults of a server that chose nothing. No `default_member_permissions`: `me` and `view` are for everyone.
 */
export const data = {
  name: 'settings',
  description: 'Nashra’s settings for this server, and your language · الإعدادات',
  options: [
    { name: 'view', description: 'The server’s settings and your language', type: ApplicationCommandOptionType.Subcommand },
    {
      name: 'server',
      description: 'Change the server’s language, default timezone or log channel (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        {
          name: 'language',
          description: 'Language of Nashra’s replies and new briefings here',
          type: ApplicationCommandOptionType.String,
          choices: [
            { name: 'English', value: 'en' },
            { name: 'العربية', value: 'ar' },
          ],
        },
        { name: 'timezone', description: 'Default timezone of new briefings, e.g. Africa/Casablanca', type: ApplicationCommandOptionType.String, max_length: 64, autocomplete: true },
        { name: 'log_channel', description: 'Where Nashra reports a paused or missed briefing', type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
        {
          name: 'reset',
          description: 'Back to the default',
          type: ApplicationCommandOptionType.String,
          choices: [
            { name: 'language', value: 'language' },
            { name: 'timezone', value: 'timezone' },
            { name: 'log_channel', value: 'log_channel' },
            { name: 'all', value: 'all' },
          ],
        },
      ],
    },
    {
      name: 'me',
      description: 'The language Nashra answers you in, in every server',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        {
          name: 'language',
          description: 'Your language, or the server’s',
          type: ApplicationCommandOptionType.String,
          required: true,
          choices: [
            { name: 'English', value: 'en' },
            { name: 'العربية', value: 'ar' },
            { name: 'as the server · لغة الخادم', value: 'server' },
          ],
        },
      ],
    },
  ],
} as const satisfies CommandDefinition;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  const settings = ctx.settings;
  if (!settings) throw new UserInputError((t) => t.errorSettingsUnavailable);
  const sub = interaction.options.getSubcommand();

  if (sub === 'me') {
    const o = readOptions(interaction, subcommandOptions(data, 'me'));
    const language = o.language === 'en' || o.language === 'ar' ? (o.language as Locale) : null;
    settings.setUserLanguage(interaction.user.id, language);
    // Answered in the language just chosen (or the server's, when the choice was cleared).
    const locale = settings.languageFor(interaction.guildId, interaction.user.id);
    const t = stringsFor(locale);
    await answer(interaction, renderNotice(language ? t.settingsMeSet(t.localeName) : t.settingsMeCleared));
    return;
  }

  const guild = interaction.guild;
  if (!interaction.guildId || !guild) throw new UserInputError((t) => t.errorGuildOnly);
  // BRIEFING_LOG_CHANNEL_ID serves only the server it is in (the briefing service checks the same): elsewhere, none.
  const shown = (server: EffectiveServerSettings): EffectiveServerSettings =>
    !server.own.logChannelId && server.logChannelId && !guild.channels.cache.has(server.logChannelId) ? { ...server, logChannelId: null } : server;
  if (sub === 'view') {
    await answer(interaction, renderSettings(shown(settings.server(guild.id)), settings.userLanguage(interaction.user.id), ctx.t));
    return;
  }

  // sub === 'server'
  if (!canManageBriefings(interaction.memberPermissions?.bitfield.toString())) throw new UserInputError((t) => t.errorNeedsManageServerSettings);
  const o = readOptions(interaction, subcommandOptions(data, 'server'));
  const change: GuildSettingsChange = {};
  if (o.reset === 'language' || o.reset === 'all') change.language = null;
  if (o.reset === 'timezone' || o.reset === 'all') change.timezone = null;
  if (o.reset === 'log_channel' || o.reset === 'all') change.logChannelId = null;
  if (o.language === 'en' || o.language === 'ar') change.language = o.language;
  if (o.timezone?.trim()) change.timezone = o.timezone.trim();
  if (o.log_channel) {
    const problems = logChannelProblems(guild, o.log_channel);
    if (problems.wrongType) throw new UserInputError((t) => t.errorLogChannelType);
    if (problems.lacking.length) throw new UserInputError((t) => t.errorLogChannelUnusable(`<#${o.log_channel}>`, problems.lacking.join(', ')));
    change.logChannelId = o.log_channel;
  }
  if (Object.keys(change).length === 0) throw new UserInputError((t) => t.settingsNothingChanged);
  let updated;
  try {
    updated = settings.updateServer(guild.id, change, interaction.user.id);
  } catch (err) {
    if (err instanceof InvalidTimeZone) throw new UserInputError((t) => t.errorSubscription.INVALID_TIMEZONE);
    throw err;
  }
  // The reply speaks the server's new language, unless the member chose their own.
  const t = stringsFor(settings.languageFor(guild.id, interaction.user.id));
  await answer(interaction, renderSettings(shown(updated), settings.userLanguage(interaction.user.id), t, t.settingsUpdated));
}

export async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
  await interaction.respond(renderTimeZoneChoices(String(interaction.options.getFocused() ?? '')));
}
