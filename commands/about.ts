import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, CommandDefinition } from '../src/bot/command.js';
import { renderAbout } from '../src/bot/render/about.js';
import { answer } from '../src/bot/respond.js';

export const data = {
  name: 'about',
  description: 'What Nashra has indexed · عن نشرة',
} as const satisfies CommandDefinition;

/** Reads counters already in memory: answered at once, no deferral needed. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await answer(interaction, renderAbout(ctx.engine.stats(), ctx.version, ctx.t));
}
