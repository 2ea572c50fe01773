import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { LIMITS } from '../src/bot/limits.js';
import type { ParsedCustomId } from '../src/bot/custom-id.js';
import { readOptions } from '../src/bot/options.js';
import { renderSpeakerChoices } from '../src/bot/render/choices.js';
import { renderNotice } from '../src/bot/render/notice.js';
import { answer, deferPrivately, updateMessage } from '../src/bot/respond.js';
import { quotesView } from '../src/bot/views.js';
import { MAX_QUERY_LENGTH } from '../src/engine/errors.js';

export const data = {
  name: 'quote',
  description: 'Find quotations and who said them · ابحث عن الاقتباسات',
  options: [
    { name: 'query', description: 'Words in the quotation', type: ApplicationCommandOptionType.String, max_length: MAX_QUERY_LENGTH },
    { name: 'speaker', description: 'Who said it (start typing a name)', type: ApplicationCommandOptionType.String, autocomplete: true, max_length: 100 },
  ],
} as const satisfies CommandDefinition;

/** Without options: the corpus's quotations in the engine's order. Private, with Share and paging. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  const o = readOptions(interaction, data.options);
  const session = { query: o.query?.trim() || undefined, speaker: o.speaker?.trim() || undefined };
  await answer(interaction, quotesView(ctx, session, ctx.quoteSearches.put(session), 0));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  await interaction.respond(renderSpeakerChoices(ctx.engine.suggestSpeakers(typed, LIMITS.autocompleteChoices)));
}

/** quote:page:<key>:<page> */
export async function handleComponent(interaction: MessageComponentInteraction, id: ParsedCustomId, ctx: BotContext): Promise<void> {
  const session = ctx.quoteSearches.get(id.args[0] ?? '');
  if (id.action !== 'page' || !session) {
    await answer(interaction, renderNotice(ctx.t.errorExpired));
    return;
  }
  await updateMessage(interaction, quotesView(ctx, session, id.args[0], Math.max(0, Number(id.args[1]) || 0)));
}
