import { ButtonStyle, type MessageComponentInteraction } from 'discord.js';
import type { BotContext } from './command.js';
import { makeCustomId } from './custom-id.js';
import { button } from './render/components.js';
import { renderNotice } from './render/notice.js';
import type { MessagePayload } from './render/payload.js';
import { answer } from './respond.js';
import { LIMITS } from './limits.js';
import { truncate } from './split.js';

/**
 * "Share in channel": private results carry a button whose custom_id points at the rendered messages kept
 * server-side. A click posts them in the channel for the team — as a non-ephemeral reply to the click, so it
 * needs no Send Messages permission of the bot — headed «Shared by @user». The mention is shown but, like every
 * message we send, carries `allowed_mentions: { parse: [] }`: nobody is pinged.
 */
export function shareCustomId(ctx: BotContext, payloads: MessagePayload[]): string {
  return makeCustomId('share', 'post', ctx.shares.put(payloads.map(withoutComponents)));
}

export function shareButton(ctx: BotContext, payloads: MessagePayload[]) {
  return button(shareCustomId(ctx, payloads), ctx.t.share, { style: ButtonStyle.Success });
}

export async function handleShareClick(interaction: MessageComponentInteraction, key: string, ctx: BotContext): Promise<void> {
  const payloads = ctx.shares.get(key);
  if (!payloads) {
    await answer(interaction, renderNotice(ctx.t.errorExpired), true);
    return;
  }
  const header = ctx.t.sharedBy(`<@${interaction.user.id}>`);
  const [first, ...rest] = payloads;
  const headed: MessagePayload = { ...first, content: first.content ? `${header}\n${first.content}` : header };
  // The header adds under 60 characters; cut the content back if it now passes Discord's 2,000.
  headed.content = truncate(headed.content!, LIMITS.content);
  await answer(interaction, [headed, ...rest], false);
}

function withoutComponents(payload: MessagePayload): MessagePayload {
  const { components: _components, ...rest } = payload;
  return rest;
}
