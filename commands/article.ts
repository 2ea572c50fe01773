import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { LIMITS } from '../src/bot/limits.js';
import type { ParsedCustomId } from '../src/bot/custom-id.js';
import { readOptions } from '../src/bot/options.js';
import { renderArticleChoices } from '../src/bot/render/choices.js';
import { renderNotice } from '../src/bot/render/notice.js';
import { answer, deferPrivately, updateMessage } from '../src/bot/respond.js';
import { articleIdFromRef, articleView } from '../src/bot/views.js';

export const data = {
  name: 'article',
  description: 'Read an article with its quotations · اقرأ مقالا',
  options: [
    { name: 'id', description: 'Start typing a title (Arabic spelling variants match)', type: ApplicationCommandOptionType.String, required: true, autocomplete: true, max_length: 200 },
  ],
} as const satisfies CommandDefinition;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await deferPrivately(interaction);
  const { id } = readOptions(interaction, data.options);
  await answer(interaction, articleView(ctx, id, 0));
}

/** Titles matching what has been typed; on empty input the engine's defaults (the newest articles). */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  await interaction.respond(renderArticleChoices(ctx.engine.suggestArticles(typed, LIMITS.autocompleteChoices)));
}

/** article:page:<page>:<ref> */
export async function handleComponent(interaction: MessageComponentInteraction, id: ParsedCustomId, ctx: BotContext): Promise<void> {
  const articleId = articleIdFromRef(ctx, id.args.slice(1).join(':'));
  if (id.action !== 'page' || !articleId) {
    await answer(interaction, renderNotice(ctx.t.errorExpired));
    return;
  }
  await updateMessage(interaction, articleView(ctx, articleId, Math.max(0, Number(id.args[0]) || 0)));
}
