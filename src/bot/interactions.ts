import type { Interaction } from 'discord.js';
import { stringsFor } from './i18n/index.js';
import type { BotContext, CommandModule } from './command.js';
import { parseCustomId } from './custom-id.js';
import { outdatedInvocation } from './invocation.js';
import { renderNotice } from './render/notice.js';
import { answer, answerError, logDiscordError } from './respond.js';
import { handleShareClick } from './share.js';

/**
 * Route every interaction to its command module. Nothing thrown here escapes: user mistakes become private
 * notices, bugs a private "error <id>" plus a log entry, and Discord API failures a log line.
 */
export function createInteractionHandler(commands: Map<string, CommandModule>, shared: BotContext) {
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const ctx = forInteraction(shared, interaction);
    try {
      if (interaction.isChatInputCommand()) {
        const command = commands.get(interaction.commandName);
        const outdated = command ? outdatedInvocation(interaction.options.data, command.data) : `/${interaction.commandName}: unknown command`;
        if (outdated) {
          // Not a bug of ours: Discord still shows a command (or a version of it) we no longer have.
          ctx.log.info(`interaction ${interaction.id}: unknown or outdated command (${outdated})`);
          await answer(interaction, renderNotice(ctx.t.errorUnknownCommand));
          return;
        }
        await command!.execute(interaction, ctx);
      } else if (interaction.isAutocomplete()) {
        const command = commands.get(interaction.commandName);
        if (command?.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
      } else if (interaction.isMessageComponent()) {
        const id = parseCustomId(interaction.customId);
        if (id.owner === 'share') {
          await handleShareClick(interaction, id.args[0] ?? '', ctx);
          return;
        }
        const command = commands.get(id.owner);
        if (command?.handleComponent) await command.handleComponent(interaction, id, ctx);
        else await answer(interaction, renderNotice(ctx.t.errorExpired));
      }
    } catch (err) {
      if (interaction.isAutocomplete()) {
        // Autocomplete cannot show a message; an empty list is the honest answer. Log it like any failure.
        logDiscordError(ctx.log, `autocomplete /${interaction.commandName} failed`, err);
        if (!interaction.responded) await interaction.respond([]).catch(() => {});
        return;
      }
      await answerError(interaction, err, ctx);
    }
  };
}

/**
 * The context for one interaction: the shared one, speaking the member's language (their /settings me language,
 * else their server's, else BOT_LOCALE). A settings store that cannot be read leaves the default.
 */
export function forInteraction(shared: BotContext, interaction: Interaction): BotContext {
  if (!shared.settings) return shared;
  let locale = shared.locale;
  try {
    locale = shared.settings.languageFor(interaction.guildId, interaction.user.id);
  } catch (err) {
    shared.log.warn(`settings could not be read; answering in ${locale}: ${(err as Error).message}`);
  }
  return locale === shared.locale ? shared : { ...shared, locale, t: stringsFor(locale) };
}
