import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import type { ParsedCustomId } from '../src/bot/custom-id.js';
import { checkDay } from '../src/bot/inputs.js';
import { LIMITS } from '../src/bot/limits.js';
import { readOptions } from '../src/bot/options.js';
import { renderQueryChoices } from '../src/bot/render/choices.js';
import { renderNotice } from '../src/bot/render/notice.js';
import { answer, deferPrivately, updateMessage } from '../src/bot/respond.js';
import { articleView, searchView } from '../src/bot/views.js';
import { MAX_QUERY_LENGTH } from '../src/engine/errors.js';

export const data = {
  name: 'search',
  description: 'Search the articles · ابحث في المقالات',
  options: [
    { name: 'query', description: 'Words to look for (Arabic spelling variants match)', type: ApplicationCommandOptionType.String, required: true, max_length: MAX_QUERY_LENGTH, autocomplete: true },
    { name: 'from', description: 'Only articles dated on or after this day (YYYY-MM-DD)', type: ApplicationCommandOptionType.String, max_length: 10 },
    { name: 'to', description: 'Only articles dated on or before this day (YYYY-MM-DD)', type: ApplicationCommandOptionType.String, max_length: 10 },
    { name: 'source', description: 'Only articles from this outlet or agency', type: ApplicationCommandOptionType.String, max_length: 100 },
  ],
} as const satisfies CommandDefinition;

/** Results are private to the caller (a search is often exploratory); "Share in channel" posts a page for the team. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  const o = readOptions(interaction, data.options);
  const session = { query: o.query, from: checkDay(o.from), to: checkDay(o.to), source: o.source?.trim() || undefined };
  await answer(interaction, searchView(ctx, session, ctx.searches.put(session), 0));
}

/** As the query is typed: the text itself, then the headlines it matches (spelling variants tolerated). */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  await interaction.respond(renderQueryChoices(typed, typed.trim() ? ctx.engine.suggestArticles(typed, LIMITS.autocompleteChoices) : []));
}

/** search:page:<key>:<page> (Prev/Next) and search:open:<key> (the result menu). */
export async function handleComponent(interaction: MessageComponentInteraction, id: ParsedCustomId, ctx: BotContext): Promise<void> {
  const session = ctx.searches.get(id.args[0] ?? '');
  if (!session) {
    await answer(interaction, renderNotice(ctx.t.errorExpired));
    return;
  }
  if (id.action === 'page') {
    await updateMessage(interaction, searchView(ctx, session, id.args[0], Math.max(0, Number(id.args[1]) || 0)));
  } else if (id.action === 'open' && interaction.isStringSelectMenu()) {
    await answer(interaction, articleView(ctx, interaction.values[0], 0));
  }
}
