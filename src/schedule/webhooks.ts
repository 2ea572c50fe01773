import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Logger } from '../engine/engine.js';
import type { StoredWebhook } from '../store/index.js';
import type { WebhookRepository } from '../store/webhooks.js';
import { classifyFailure, type DeliveryFailure } from './delivery.js';

/** The name of the webhooks Nashra creates (a message's own name is the subscription's, given at each execute). */
export const WEBHOOK_NAME = 'Nashra briefings';

const MAX_WEBHOOKS = 30007;
const UNKNOWN_WEBHOOK = 10015;
const INVALID_WEBHOOK_TOKEN = 50027;

/**
 * No webhook to post with: Discord refused to list or create one. `deliveryFailure` is what it means for a delivery
 * (classifyFailure reads it): permanent for the subscription unless Discord was only unreachable.
 */
export class WebhookUnavailable extends Error {
  readonly deliveryFailure: DeliveryFailure;

  constructor(
    readonly failure: DeliveryFailure,
    /** The channel already has Discord's 15 webhooks. */
    readonly limit = false,
  ) {
    super(failure.detail);
    this.name = 'WebhookUnavailable';
    const permanent = failure.kind !== 'transient' && failure.kind !== 'aborted' && failure.kind !== 'channel-gone';
    this.deliveryFailure = permanent
      ? { ...failure, kind: 'forbidden', detail: `no webhook to post with (${limit ? 'the channel has 15 webhooks already' : failure.detail})` }
      : failure;
  }
}

/** Is this error Discord saying the webhook is gone (deleted by an admin, or its token no longer valid)? */
export function isWebhookGone(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.code === UNKNOWN_WEBHOOK || err.code === INVALID_WEBHOOK_TOKEN);
}

/**
 * The webhooks briefings post through: one per channel, created by Nashra (Manage Webhooks) and reused by every
 * subscription there, each message under its subscription's name and avatar (`username`, `avatar_url`). Their
 * tokens are credentials: they go into the store and into request paths, never into a log line or an error shown.
 */
export class BriefingWebhooks {
  constructor(
    private readonly rest: REST,
    private readonly store: WebhookRepository,
    private readonly ownUserId: () => Promise<string | undefined>,
    private readonly log: Logger,
    private readonly clock: () => Date,
  ) {}

  /** The webhook stored for this channel, without asking Discord (null: none was made). */
  stored(channelId: string): StoredWebhook | null {
    return this.store.get(channelId);
  }

  /**
   * This channel's webhook: the one stored; else one Nashra created earlier (found among the channel's webhooks,
   * e.g. after the database was restored from a backup); else a new one. Throws WebhookUnavailable.
   */
  async ensure(channelId: string, guildId: string, signal?: AbortSignal): Promise<StoredWebhook> {
    const stored = this.store.get(channelId);
    if (stored) return stored;
    const appId = await this.ownUserId();
    try {
      const existing = (await this.rest.get(Routes.channelWebhooks(channelId), { signal })) as { id: string; token?: string; application_id?: string | null }[];
      const ours = existing.find((w) => w.token && appId && w.application_id === appId);
      const webhook = ours ?? ((await this.rest.post(Routes.channelWebhooks(channelId), { body: { name: WEBHOOK_NAME }, signal })) as { id: string; token: string });
      const saved: StoredWebhook = { channelId, guildId, webhookId: webhook.id, token: webhook.token!, createdAt: this.clock().toISOString() };
      this.store.save(saved);
      this.log.info(`briefing webhooks: ${ours ? 'found' : 'created'} webhook ${webhook.id} in channel ${channelId}`);
      return saved;
    } catch (err) {
      throw new WebhookUnavailable(classifyFailure(err), err instanceof DiscordAPIError && err.code === MAX_WEBHOOKS);
    }
  }

  /** The stored webhook is gone in Discord: forget it and make another. */
  async replace(stale: StoredWebhook, signal?: AbortSignal): Promise<StoredWebhook> {
    this.store.forget(stale.channelId, stale.webhookId);
    this.log.warn(`briefing webhooks: webhook ${stale.webhookId} in channel ${stale.channelId} is gone; making another`);
    return this.ensure(stale.channelId, stale.guildId, signal);
  }

  /** No subscription posts through this channel's webhook any more: delete it (with its own token), best effort. */
  async release(channelId: string): Promise<void> {
    const stored = this.store.get(channelId);
    if (!stored) return;
    this.store.forget(channelId);
    try {
      await this.rest.delete(Routes.webhook(stored.webhookId, stored.token), { auth: false });
      this.log.info(`briefing webhooks: deleted webhook ${stored.webhookId} of channel ${channelId} (no subscription uses it)`);
    } catch (err) {
      if (!isWebhookGone(err)) this.log.warn(`briefing webhooks: could not delete webhook ${stored.webhookId}: ${classifyFailure(err).detail}`);
    }
  }
}
