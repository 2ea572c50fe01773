import { randomBytes } from 'node:crypto';
import {
  DiscordAPIError,
  MessageFlags,
  type InteractionReplyOptions,
  type Interaction,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { MAX_QUERY_LENGTH, NashraError } from '../engine/errors.js';
import { SubscriptionError } from '../schedule/types.js';
import type { BotContext } from './command.js';
import type { Strings } from './i18n/index.js';
import { UserInputError } from './inputs.js';
import type { MessagePayload } from './render/payload.js';
import { renderNotice } from './render/notice.js';

/** discord.js wants camelCase `allowedMentions`; our payloads are Discord's REST shape. */
export function toReplyOptions(payload: MessagePayload, ephemeral: boolean) {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: payload.allowed_mentions,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  } satisfies InteractionReplyOptions;
}

/** Defer privately: shows "thinking…" to the caller only and buys 15 minutes instead of 3 seconds. */
export async function deferPrivately(interaction: RepliableInteraction): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}

/**
 * Send the answer to a slash command: into the deferred reply when there is one, else as a new reply.
 * Further payloads (a digest that needs several messages) go out as follow-ups with the same visibility.
 */
export async function answer(interaction: RepliableInteraction | MessageComponentInteraction, payloads: MessagePayload | MessagePayload[], ephemeral = true): Promise<void> {
  const list = Array.isArray(payloads) ? payloads : [payloads];
  const [first, ...rest] = list;
  if (interaction.deferred && !interaction.replied) {
    const { flags: _flags, ...edit } = toReplyOptions(first, ephemeral);
    await interaction.editReply(edit);
  } else if (interaction.replied) {
    await interaction.followUp(toReplyOptions(first, ephemeral));
  } else {
    await interaction.reply(toReplyOptions(first, ephemeral));
  }
  for (const payload of rest) await interaction.followUp(toReplyOptions(payload, ephemeral));
}

/** The user-facing text for an error the user caused, or null for a bug. */
export function userMessageFor(err: unknown, t: Strings): { text: string; detail?: string } | null {
  if (err instanceof UserInputError) return { text: err.describe(t) };
  if (err instanceof NashraError) {
    switch (err.code) {
      case 'EMPTY_QUERY':
        return { text: t.errorEmptyQuery };
      case 'QUERY_TOO_LONG':
        return { text: t.errorQueryTooLong(MAX_QUERY_LENGTH) };
      case 'INVALID_DATE':
        // Commands check dates themselves (naming the value); this is the fallback with the engine's wording.
        return { text: t.errorInvalidDate('?'), detail: err.message };
      case 'UNKNOWN_ARTICLE':
        // articleView names the id itself (a UserInputError); this is the generic fallback.
        return { text: t.errorUnknownArticle('?') };
      case 'CORPUS_MISSING':
        return { text: t.errorCorpusMissing };
    }
  }
  if (err instanceof SubscriptionError) {
    return { text: (t.errorSubscription as Record<string, string>)[err.code] ?? err.message, detail: err.message };
  }
  return null;
}

/**
 * The last line of defence of every handler: tell the user privately what went wrong (with an error id for a bug),
 * log the details, and never throw — a failing reply (the interaction expired, the channel vanished) is logged.
 */
export async function answerError(interaction: Interaction, err: unknown, ctx: Pick<BotContext, 't' | 'log'>): Promise<void> {
  if (err instanceof DiscordAPIError && INTERACTION_GONE.has(Number(err.code))) {
    // The interaction itself can no longer be answered (too late, or already answered): nothing to tell the user.
    logDiscordError(ctx.log, `interaction ${interaction.id} ${describeInteraction(interaction)} could not be answered`, err);
    return;
  }
  const known = userMessageFor(err, ctx.t);
  let payload: MessagePayload;
  if (known) {
    payload = renderNotice(known.text, known.detail, ctx.t);
    ctx.log.info(`interaction ${interaction.id}: user error: ${err instanceof Error ? err.message : String(err)}`);
  } else {
    const errorId = randomBytes(4).toString('hex');
    payload = renderNotice(ctx.t.errorInternal(errorId));
    if (err instanceof DiscordAPIError) {
      // e.g. 50001 Missing Access, 10003 Unknown Channel: Discord refused something the handler asked for.
      logDiscordError(ctx.log, `interaction ${interaction.id} failed (error ${errorId}) ${describeInteraction(interaction)}`, err);
    } else {
      ctx.log.error(`interaction ${interaction.id} failed (error ${errorId}) ${describeInteraction(interaction)}`, err);
    }
  }
  if (!interaction.isRepliable()) return;
  try {
    if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied) {
      // Slash commands defer privately, so editing the deferred reply keeps the error private.
      const { flags: _flags, ...edit } = toReplyOptions(payload, true);
      await interaction.editReply(edit);
    } else if (interaction.deferred || interaction.replied) {
      await interaction.followUp(toReplyOptions(payload, true));
    } else {
      await interaction.reply(toReplyOptions(payload, true));
    }
  } catch (replyErr) {
    logDiscordError(ctx.log, `could not tell the user about the error in interaction ${interaction.id}`, replyErr);
  }
}

/**
 * Discord error codes meaning the interaction cannot be answered any more: 10062 Unknown interaction (the 3-second
 * deadline passed, or the 15-minute token expired), 10015 Unknown webhook (same, for follow-ups), 40060 Interaction
 * has already been acknowledged.
 */
const INTERACTION_GONE = new Set([10062, 10015, 40060]);

/** Discord API errors are expected in production (missing permissions, unknown channel, expired interaction). */
export function logDiscordError(log: BotContext['log'], what: string, err: unknown): void {
  if (err instanceof DiscordAPIError) {
    log.warn(`${what}: Discord API error ${err.status} code ${err.code} (${err.message}) on ${err.method} ${redactInteractionTokens(err.url)}`);
  } else {
    log.error(what, err);
  }
}

function describeInteraction(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent()) return `component ${interaction.customId}`;
  if (interaction.isAutocomplete()) return `autocomplete /${interaction.commandName}`;
  return `type ${interaction.type}`;
}

/** Interaction tokens in webhook and callback URLs act as credentials for 15 minutes: keep them out of the log. */
function redactInteractionTokens(url: string): string {
  return url.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?]+/g, '/$1/$2/[token]');
}

/**
 * Replace the message a button sits on (interaction response type 7): paging, not a new message. Not deferred:
 * a page is one in-memory index query (milliseconds, measured in the e2e suite), far inside the 3 s deadline;
 * slash commands, which may build a digest over the whole corpus, do defer.
 */
export async function updateMessage(interaction: MessageComponentInteraction, payload: MessagePayload): Promise<void> {
  const { flags: _flags, ...update } = toReplyOptions(payload, false);
  if (interaction.deferred || interaction.replied) await interaction.editReply(update);
  else await interaction.update(update);
}
