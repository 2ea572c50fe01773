import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { readOptions } from '../src/bot/options.js';
import { renderSpeakerChoices } from '../src/bot/render/choices.js';
import { answer, deferPrivately } from '../src/bot/respond.js';
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

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  const o = readOptions(interaction, data.options);
  await answer(interaction, quotesView(ctx, { query: o.query?.trim() || undefined, speaker: o.speaker?.trim() || undefined }));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  await interaction.respond(renderSpeakerChoices(ctx.engine.suggestSpeakers(typed, 25)));
}
