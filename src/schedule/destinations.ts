import { Routes, type REST } from 'discord.js';
import type { TargetKind } from '../store/index.js';
import {
  ABORTED, classifyFailure, findPostedMessage, postMessage, sendWithRetries, untilAborted,
  type Delivered, type DeliveryFailure, type DeliveryResult, type LookupResult, type RetryPolicy,
} from './delivery.js';
import { isWebhookGone, type BriefingWebhooks } from './webhooks.js';

/**
 * Where a run posts, as it was when the run was created (stored with it, so a run resumed after /digest edit ends
 * where it began). The identity, when set, means "through the channel's webhook under this name".
 */
export interface RunTarget {
  kind: TargetKind;
  guildId: string;
  /** The channel, the thread, or the forum. */
  channelId: string;
  /** A thread's channel: where its webhook lives. */
  parentChannelId: string | null;
  forumTagId: string | null;
  identity: { name: string; avatarUrl: string | null } | null;
  /** A forum post's title (the briefing's date and top story). */
  threadName: string | null;
}

/**
 * Where a briefing's parts go, and how to find one that may already be there.
 *
 * Dedupe. A part sent by the bot into a channel or a thread carries a nonce with enforce_nonce, and Discord answers
 * a second POST with the same nonce (for a few minutes) with the message it already made. Two sends take no nonce:
 * a webhook's execute (Discord's Execute Webhook has no nonce field) and the request that opens a forum post (its
 * starter message has none either). For those, a part that may have gone out — a retry after a timeout, a run
 * resumed after a crash — is always looked for before it is sent again: among the channel's (or thread's) recent
 * messages by the webhook or the bot, or among the guild's active threads for a forum post, by the part's content,
 * whose caption makes it unique (subscription, slot, part).
 */
export interface BriefingDestination {
  /** For logs: «channel 123», «webhook in thread 456». */
  readonly label: string;
  /** False when Discord cannot dedupe a resend of this part (see above): it is then looked for on every resume. */
  nonceDeduped(part: number): boolean;
  post(part: number, body: Record<string, unknown>, signal?: AbortSignal): Promise<DeliveryResult>;
  /** The part already posted after `notBefore` (ms), by its exact content. */
  findPosted(part: number, content: string, notBefore: number, signal?: AbortSignal): Promise<LookupResult>;
  /** The forum post the run opened (its other parts go there): set from the run, then from part 1's answer. */
  threadId: string | null;
}

export interface DestinationContext {
  rest: REST;
  retry: RetryPolicy;
  ownUserId: () => Promise<string | undefined>;
  webhooks: BriefingWebhooks;
}

/** Discord: "Thread is archived" — a message cannot be posted in it until it is reopened. */
const THREAD_ARCHIVED = 50083;
/**
 * Forum posts Nashra opens stay active a day after their last message: a run is resumed only within its retry
 * window (an hour at most), so the post it may have opened is still among the guild's active threads.
 */
const FORUM_POST_AUTO_ARCHIVE_MINUTES = 1440;
/** How many of a forum's newest active posts by the author are checked when looking for a run's post. */
const FORUM_LOOKUP_CANDIDATES = 20;

export function destinationFor(ctx: DestinationContext, target: RunTarget, threadId: string | null): BriefingDestination {
  if (target.identity) return new WebhookDestination(ctx, target, threadId);
  if (target.kind === 'forum') return new ForumDestination(ctx, target, threadId);
  return new BotDestination(ctx, target);
}

const unknownSelf: DeliveryFailure = { ok: false, kind: 'transient', status: null, detail: "the bot's own user id is unknown" };

/** The bot posting in a text or announcement channel, or in a thread (reopened first when it is archived). */
class BotDestination implements BriefingDestination {
  readonly label: string;
  threadId: string | null = null;

  constructor(
    private readonly ctx: DestinationContext,
    private readonly target: RunTarget,
  ) {
    this.label = `${target.kind === 'thread' ? 'thread' : 'channel'} ${target.channelId}`;
  }

  nonceDeduped(): boolean {
    return true;
  }

  async post(_part: number, body: Record<string, unknown>, signal?: AbortSignal): Promise<DeliveryResult> {
    const result = await postMessage(this.ctx.rest, this.target.channelId, body, this.ctx.retry, signal);
    if (result.ok || this.target.kind !== 'thread' || result.code !== THREAD_ARCHIVED) return result;
    // An archived thread: reopen it when the bot may (Send Messages, or Manage Threads when it is locked), then post.
    try {
      await untilAborted((s) => this.ctx.rest.patch(Routes.channel(this.target.channelId), { body: { archived: false }, signal: s }), signal);
    } catch (err) {
      if (signal?.aborted) return ABORTED;
      const failure = classifyFailure(err);
      return failure.kind === 'transient' ? failure : { ...failure, kind: 'forbidden', detail: `the thread is archived and Nashra may not reopen it (${failure.detail})` };
    }
    return postMessage(this.ctx.rest, this.target.channelId, body, this.ctx.retry, signal);
  }

  async findPosted(_part: number, content: string, notBefore: number, signal?: AbortSignal): Promise<LookupResult> {
    const authorId = await this.ctx.ownUserId();
    if (!authorId) return unknownSelf;
    return findPostedMessage(this.ctx.rest, this.target.channelId, { authorId, content, notBefore }, signal);
  }
}

/** The bot opening a forum post with part 1 (title, tag), then posting the other parts in it. */
class ForumDestination implements BriefingDestination {
  readonly label: string;

  constructor(
    private readonly ctx: DestinationContext,
    private readonly target: RunTarget,
    public threadId: string | null,
  ) {
    this.label = `forum ${target.channelId}`;
  }

  nonceDeduped(part: number): boolean {
    return part > 0;
  }

  async post(part: number, body: Record<string, unknown>, signal?: AbortSignal): Promise<DeliveryResult> {
    if (part > 0 || this.threadId) return postMessage(this.ctx.rest, this.threadId ?? this.target.channelId, body, this.ctx.retry, signal);
    const { nonce: _nonce, enforce_nonce: _enforce, ...message } = body;
    const result = await sendWithRetries(
      async (s) => {
        const thread = (await this.ctx.rest.post(Routes.threads(this.target.channelId), {
          body: {
            name: this.target.threadName ?? 'Nashra',
            auto_archive_duration: FORUM_POST_AUTO_ARCHIVE_MINUTES,
            ...(this.target.forumTagId ? { applied_tags: [this.target.forumTagId] } : {}),
            message,
          },
          signal: s,
        })) as { id: string; message?: { id: string } };
        return { ok: true, messageId: thread.message?.id ?? thread.id, threadId: thread.id };
      },
      this.ctx.retry,
      signal,
      () => this.lookupStarter(String(body.content ?? ''), signal),
    );
    if (result.ok && result.threadId) this.threadId = result.threadId;
    return result;
  }

  async findPosted(part: number, content: string, notBefore: number, signal?: AbortSignal): Promise<LookupResult> {
    const authorId = await this.ctx.ownUserId();
    if (!authorId) return unknownSelf;
    if (part === 0) {
      const found = await this.lookupStarter(content, signal);
      return found ?? { ok: true, messageId: null };
    }
    if (!this.threadId) return { ok: true, messageId: null };
    return findPostedMessage(this.ctx.rest, this.threadId, { authorId, content, notBefore }, signal);
  }

  private async lookupStarter(content: string, signal?: AbortSignal): Promise<Delivered | DeliveryFailure | null> {
    const authorId = await this.ctx.ownUserId();
    if (!authorId) return unknownSelf;
    const found = await findForumPost(this.ctx.rest, this.target, authorId, content, this.threadId, signal);
    if (!found.ok) return found;
    if (found.messageId) this.threadId = found.threadId ?? found.messageId;
    return found.messageId ? { ok: true, messageId: found.messageId, threadId: found.threadId } : null;
  }
}

/**
 * The channel's webhook, under the subscription's name and avatar: into the channel, into a thread of it
 * (`thread_id`; Discord reopens an archived thread for a webhook), or into a forum (part 1 opens a post with
 * `thread_name`, the others follow with `thread_id`). Always `?wait=true`: without it Discord answers 204 with no
 * message, and the part could not be recorded.
 */
class WebhookDestination implements BriefingDestination {
  readonly label: string;
  private readonly hookChannel: string;

  constructor(
    private readonly ctx: DestinationContext,
    private readonly target: RunTarget,
    public threadId: string | null,
  ) {
    this.hookChannel = target.kind === 'thread' ? (target.parentChannelId ?? target.channelId) : target.channelId;
    this.label = `webhook in ${target.kind} ${target.channelId}`;
  }

  nonceDeduped(): boolean {
    return false;
  }

  /** Where a part lands: the thread, the forum post, or the channel. */
  private where(part: number): string | null {
    if (this.target.kind === 'thread') return this.target.channelId;
    if (this.target.kind === 'forum') return part === 0 && !this.threadId ? null : this.threadId;
    return this.target.channelId;
  }

  async post(part: number, body: Record<string, unknown>, signal?: AbortSignal): Promise<DeliveryResult> {
    const { nonce: _nonce, enforce_nonce: _enforce, ...message } = body;
    const opensPost = this.target.kind === 'forum' && part === 0 && !this.threadId;
    const payload = {
      ...message,
      username: this.target.identity!.name,
      ...(this.target.identity!.avatarUrl ? { avatar_url: this.target.identity!.avatarUrl } : {}),
      ...(opensPost ? { thread_name: this.target.threadName ?? 'Nashra', ...(this.target.forumTagId ? { applied_tags: [this.target.forumTagId] } : {}) } : {}),
    };
    const threadParam = this.target.kind === 'thread' ? this.target.channelId : this.target.kind === 'forum' && !opensPost ? this.threadId : null;
    let replaced = false;
    const result = await sendWithRetries(
      async (s) => {
        let webhook = await this.webhook(s);
        const query = new URLSearchParams({ wait: 'true', ...(threadParam ? { thread_id: threadParam } : {}) });
        try {
          const m = (await this.ctx.rest.post(Routes.webhook(webhook.webhookId, webhook.token), { body: payload, query, auth: false, signal: s })) as { id: string; channel_id: string };
          return { ok: true, messageId: m.id, ...(opensPost ? { threadId: m.channel_id } : {}) };
        } catch (err) {
          // Deleted by an admin (or its token revoked): make another once, and send with it.
          if (!isWebhookGone(err) || replaced) throw err;
          replaced = true;
          webhook = await this.ctx.webhooks.replace(webhook, s);
          const m = (await this.ctx.rest.post(Routes.webhook(webhook.webhookId, webhook.token), { body: payload, query, auth: false, signal: s })) as { id: string; channel_id: string };
          return { ok: true, messageId: m.id, ...(opensPost ? { threadId: m.channel_id } : {}) };
        }
      },
      this.ctx.retry,
      signal,
      // An attempt that timed out may have been posted: look before sending again (webhooks take no nonce).
      async () => {
        const found = await this.findPosted(part, String(body.content ?? ''), 0, signal);
        if (!found.ok) return found;
        return found.messageId ? { ok: true, messageId: found.messageId, ...(found.threadId ? { threadId: found.threadId } : {}) } : null;
      },
    );
    if (result.ok && result.threadId) this.threadId = result.threadId;
    // Discord reopens an archived thread for a webhook, but not a locked one: that pauses the subscription.
    if (!result.ok && result.code === THREAD_ARCHIVED) return { ...result, kind: 'forbidden', detail: `the thread is archived and locked (${result.detail})` };
    return result;
  }

  async findPosted(part: number, content: string, notBefore: number, signal?: AbortSignal): Promise<LookupResult> {
    const webhook = this.ctx.webhooks.stored(this.hookChannel);
    if (!webhook) return { ok: true, messageId: null }; // never made: nothing was posted through it
    const where = this.where(part);
    if (where === null) {
      const found = await findForumPost(this.ctx.rest, this.target, webhook.webhookId, content, null, signal);
      if (found.ok && found.threadId) this.threadId = found.threadId;
      return found;
    }
    return findPostedMessage(this.ctx.rest, where, { authorId: webhook.webhookId, content, notBefore }, signal);
  }

  private async webhook(signal?: AbortSignal) {
    return this.ctx.webhooks.ensure(this.hookChannel, this.target.guildId, signal);
  }
}

/**
 * The forum post a run opened, looked for among the guild's active threads: in this forum, opened by `authorId`
 * (the bot or the webhook), whose starter message (same id as the thread) has exactly this content. When the run
 * already knows its thread, only that one is checked.
 */
async function findForumPost(
  rest: REST,
  target: RunTarget,
  authorId: string,
  content: string,
  knownThread: string | null,
  signal?: AbortSignal,
): Promise<LookupResult> {
  try {
    let candidates: string[];
    if (knownThread) {
      candidates = [knownThread];
    } else {
      const active = (await untilAborted((s) => rest.get(Routes.guildActiveThreads(target.guildId), { signal: s }), signal)) as {
        threads: { id: string; parent_id?: string | null; owner_id?: string }[];
      };
      candidates = active.threads
        .filter((t) => t.parent_id === target.channelId && t.owner_id === authorId)
        .map((t) => t.id)
        .sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1))
        .slice(0, FORUM_LOOKUP_CANDIDATES);
    }
    for (const id of candidates) {
      try {
        const starter = (await untilAborted((s) => rest.get(Routes.channelMessage(id, id), { signal: s }), signal)) as { content?: string };
        if ((starter.content ?? '').trim() === content.trim()) return { ok: true, messageId: id, threadId: id };
      } catch (err) {
        if (signal?.aborted) return ABORTED;
        const failure = classifyFailure(err);
        if (failure.kind !== 'channel-gone') return failure; // a post deleted meanwhile is simply not it
      }
    }
    return { ok: true, messageId: null };
  } catch (err) {
    if (signal?.aborted) return ABORTED;
    return classifyFailure(err);
  }
}
