import { setMaxListeners } from 'node:events';
import type { REST } from 'discord.js';
import { discordTime, NO_MENTIONS } from '../bot/render/payload.js';
import { forumPostTitle, renderBriefingMessages } from '../bot/render/digest.js';
import type { Engine, Logger } from '../engine/engine.js';
import type { BriefingRun, MessagePayload, RunStatus, Store, SubscriptionRecord, SubscriptionSettings } from '../store/index.js';
import { Routes } from 'discord.js';
import { truncate } from '../bot/split.js';
import { latestRunAtOrBefore, nextRun, parseCron, type CronSpec } from './cron.js';
import { DEFAULT_RETRY, postMessage, untilAborted, type DeliveryFailure, type RetryPolicy } from './delivery.js';
import { destinationFor, type BriefingDestination, type RunTarget } from './destinations.js';
import { describeCron } from './describe.js';
import { filterArticles, selectStories } from './filters.js';
import { BriefingWebhooks, WebhookUnavailable } from './webhooks.js';
import { briefingNoncePrefix, missedNonce, noticeNonce, partNonce } from './nonce.js';
import { DEADLINE_SLACK_MS, nextRetryAt, REAL_TIMERS, RetryBook, retryDeadline, windowInWords, type Timers } from './retry-window.js';
import { SlotTimers } from './slot-timer.js';

export type { Timers } from './retry-window.js';
import { checkFilters, checkGuildCap, checkIdentity, checkMaxStories, checkQuery, checkSchedule, MAX_STORIES_LIMIT } from './rules.js';
import { briefingStrings } from './strings.js';
import { isValidTimeZone } from './timezone.js';
import {
  SubscriptionError,
  type BriefingDesk,
  type BriefingLanguage,
  type Subscription,
  type SubscriptionChanges,
  type SubscriptionRequest,
} from './types.js';

/** What the service needs from the engine. */
export type BriefingEngine = Pick<Engine, 'articleIds' | 'digest' | 'articlesByIds' | 'matchingIds'>;

export interface BriefingServiceOptions {
  store: Store;
  engine: BriefingEngine;
  /** Use createBriefingRest(): retries of 5xx/network errors are the service's (with backoff), not discord.js's. */
  rest: REST;
  /** BRIEFING_TIMEZONE: for subscriptions that name none, in servers whose /settings name none. */
  defaultTimeZone: string;
  /** BRIEFING_MAX_PER_GUILD */
  maxPerGuild: number;
  /** BRIEFING_WHEN_EMPTY: post one short line when nothing is new, or stay silent. */
  whenEmpty: 'line' | 'silent';
  /**
   * BRIEFING_LOG_CHANNEL_ID: where a failing subscription is reported when its server's /settings name no log
   * channel — only for the server that channel is in (a notice never goes to another server). Without either, the
   * notice is logged and kept (in /digest list).
   */
  logChannelId?: string | null;
  /** Language of subscriptions that name none, in servers whose /settings name none (BOT_LOCALE). */
  defaultLanguage?: BriefingLanguage;
  clock?: () => Date;
  log?: Logger;
  retry?: Partial<RetryPolicy>;
  /** false: start() arms no slot timers (slot-timer.ts); tests then drive runDue(now) with a controlled clock. */
  useCron?: boolean;
  /** Timers for the slots and for the retries of a run Discord would not take (default: setTimeout, unref'd). */
  timers?: Timers;
  /** The bot's user id, to recognize its own messages in a channel; fetched once (GET /users/@me) when omitted. */
  botUserId?: string;
}

/**
 * Discord dedupes a POST with the same nonce (enforce_nonce) for "a few minutes" after the first. We trust it for
 * three; a part whose first attempt may be older than that is looked for in the channel before it is sent again.
 */
export const NONCE_TRUST_MS = 3 * 60_000;

/** stop() waits at most this long for runs in progress (they are aborted first; this bounds the bookkeeping). */
const STOP_WAIT_MS = 3_000;

/** What one briefing run did, for logs and tests. */
export interface BriefingOutcome {
  subscriptionId: number;
  runId: number;
  slot: string;
  periodStart: string;
  periodEnd: string;
  status: RunStatus;
  articleCount: number;
  messageIds: (string | null)[];
  error: string | null;
}

const quietLogger: Logger = { info: () => {}, warn: () => {} };

/**
 * Scheduled briefings: subscriptions per channel, one slot timer per active subscription in its timezone, and
 * runs recorded in SQLite so that nothing is lost and nothing is posted twice.
 *
 * - A run answers one cron slot; (subscription, slot) is unique in the store, and every tick, start-up catch-up
 *   and test goes through runDue → the LATEST due slot after the last recorded one. A bot that was down for three
 *   slots therefore posts once, not three times.
 * - Period: from the end of the previous briefing that consumed its period (posted or empty) to now; the first
 *   briefing covers the articles first seen after the subscription was created (what was already in the corpus
 *   is the team's starting point, not news). Articles are selected on their first-seen time in the store.
 * - Start-up never waits for Discord: start() arms every slot timer at once and runs the catch-up in the
 *   background, so one subscription's slow delivery (a 60 s 429) cannot make another miss its slot. Per
 *   subscription, runs are serialized (one promise chain each), so a tick and the catch-up never overlap, and
 *   UNIQUE(subscription, slot) in the store stops a second run for the same slot.
 * - Delivery: the messages are rendered and stored with the run as 'posting' BEFORE the first is sent, each with
 *   a deterministic nonce and enforce_nonce, and a caption that makes its content unique (subscription, slot,
 *   part); each delivered part's message id is recorded. A run resumed later (retry, restart) re-sends the missing
 *   parts with the same nonces — but when the first missing part may have been sent longer ago than Discord keeps
 *   nonces (NONCE_TRUST_MS), it first looks for it among the channel's recent messages by the bot.
 * - Targets (issue 11, destinations.ts): a channel, a thread (reopened when archived) or a forum (a post per
 *   briefing), by the bot or through the channel's webhook under the subscription's name. Webhooks and the request
 *   that opens a forum post take no nonce: for them a part that may have gone out is looked for on EVERY resume,
 *   nonce window or not, and before every retry of the short burst. The run stores where it was headed (its target)
 *   and the forum post it opened, so an edit while it is being delivered does not split it.
 * - What a briefing holds: the period's articles narrowed by the subscription's filters (filters.ts), the digest's
 *   stories narrowed by sources per story and the number of stories, in its format (full or compact); its first
 *   part opens with the one role it pings, and allowed_mentions lets exactly that role through.
 * - Transient errors (5xx, network) are retried in a short burst (delivery.ts), then the run is retried with
 *   backoff until its window closes (retry-window.ts: min(1 h, half the period)); a restart resumes it. Past the
 *   window it is marked failed and reported once; its period is not consumed.
 * - A deleted channel or missing permission marks the subscription failing, stops its timer, and tells the guild
 *   once (in BRIEFING_LOG_CHANNEL_ID, else in the log and in /digest list); subscribing again with the same
 *   settings resumes it.
 * - stop() is bounded: it aborts requests in flight (their runs stay 'posting' and are resumed at the next start).
 */
export class BriefingService implements BriefingDesk {
  private readonly store: Store;
  private readonly engine: BriefingEngine;
  private readonly rest: REST;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly retry: RetryPolicy;
  /** Wakes each active subscription at its slots (slot-timer.ts: why not node-cron's scheduler). */
  private readonly slots: SlotTimers;
  /** One promise chain per subscription: a tick and a catch-up for the same subscription never overlap. */
  private readonly chains = new Map<number, Promise<unknown>>();
  private started = false;
  /** Runs waiting for a retry (retry-window.ts). */
  private readonly retries: RetryBook;
  private abort = serviceAbort();
  private botUserId: string | undefined;
  private readonly webhooks: BriefingWebhooks;
  /** Which server BRIEFING_LOG_CHANNEL_ID is in (read once from Discord). */
  private defaultLogGuild: Promise<string | null> | undefined;

  constructor(private readonly options: BriefingServiceOptions) {
    if (!isValidTimeZone(options.defaultTimeZone)) throw new Error(`default timezone "${options.defaultTimeZone}" is not an IANA zone`);
    this.store = options.store;
    this.engine = options.engine;
    this.rest = options.rest;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? quietLogger;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.retries = new RetryBook(options.timers);
    this.slots = new SlotTimers(options.timers ?? REAL_TIMERS, () => this.clock().getTime(), (id, slot) => {
      void this.tick(id, new Date(slot));
    });
    this.webhooks = new BriefingWebhooks(this.rest, this.store.webhooks, () => this.ownUserId(), this.log, this.clock);
    this.botUserId = options.botUserId;
  }

  // ---- BriefingDesk: what /digest subscribe|edit|list|unsubscribe call ----------------------------------------

  /** A server's defaults: its /settings, else the environment's. */
  defaultsFor(guildId: string): { timezone: string; language: BriefingLanguage } {
    const settings = this.store.settings.guild(guildId);
    return {
      timezone: settings?.timezone ?? this.options.defaultTimeZone,
      language: settings?.language ?? this.options.defaultLanguage ?? 'en',
    };
  }

  async subscribe(request: SubscriptionRequest): Promise<Subscription> {
    if (!request.guildId || !request.channelId) throw new Error('a subscription needs a guild and a channel');
    const now = this.clock();
    const defaults = this.defaultsFor(request.guildId);
    const settings = this.checkSettings({
      guildId: request.guildId,
      channelId: request.channelId,
      targetKind: request.target?.kind ?? 'channel',
      parentChannelId: request.target?.parentChannelId ?? null,
      forumTagId: request.target?.forumTagId ?? null,
      cron: request.cron,
      timezone: request.timezone?.trim() || defaults.timezone,
      query: request.query ?? null,
      language: request.language ?? defaults.language,
      mentionRoleId: request.mentionRoleId ?? null,
      identityName: request.identity?.name ?? null,
      identityAvatarUrl: request.identity?.avatarUrl ?? null,
      filters: checkFilters(request.filters),
      format: request.format ?? 'full',
      maxStories: request.maxStories ?? null,
    }, now);

    // Subscribing again with the same settings is how a failing subscription is resumed once the channel is
    // fixed; for an active one it changes nothing (and never creates a second, double-posting copy).
    const same = this.store.subscriptions.findSame(settings);
    if (same) {
      const resumed = same.status === 'failing';
      if (resumed) {
        this.store.subscriptions.reactivate(same.id);
        this.log.info(`briefing #${same.id}: resumed by ${request.createdBy}`);
        this.scheduleTask(this.store.subscriptions.get(same.id)!);
      }
      return { ...this.toSubscription(this.store.subscriptions.get(same.id)!, now), outcome: resumed ? 'resumed' : 'existing' };
    }
    checkGuildCap(this.store.subscriptions.countInGuild(request.guildId), this.options.maxPerGuild);
    // The webhook first: if Discord will not make one, nothing is stored.
    if (settings.identityName) await this.ensureWebhookFor(settings);
    // Articles already in the corpus are the starting point, not news for this subscription's first briefing.
    this.recordArticles(now);
    const record = this.store.subscriptions.insert({ ...settings, createdBy: request.createdBy, createdAt: now.toISOString() });
    this.log.info(`briefing #${record.id}: ${record.cron} ${record.timezone} in ${record.targetKind} ${record.channelId}`);
    this.scheduleTask(record);
    return { ...this.toSubscription(record, now), outcome: 'created' };
  }

  /**
   * Change a subscription (/digest edit). Everything is checked before anything changes; a webhook the new settings
   * need is made first. Editing a paused subscription resumes it (the edit is how a broken target gets fixed).
   */
  async edit(guildId: string, id: number, changes: SubscriptionChanges, editedBy: string): Promise<Subscription> {
    const record = this.owned(guildId, id);
    const now = this.clock();
    const identity = changes.identity === undefined ? (record.identityName ? { name: record.identityName, avatarUrl: record.identityAvatarUrl } : null) : changes.identity;
    const movedTo = changes.channelId !== undefined && changes.channelId !== record.channelId;
    const target = changes.target ?? (movedTo ? { kind: 'channel' as const } : { kind: record.targetKind, parentChannelId: record.parentChannelId, forumTagId: record.forumTagId });
    const settings = this.checkSettings({
      guildId,
      channelId: changes.channelId ?? record.channelId,
      targetKind: target.kind,
      parentChannelId: target.parentChannelId ?? null,
      forumTagId: changes.forumTagId !== undefined ? changes.forumTagId : (target.forumTagId ?? null),
      cron: changes.cron ?? record.cron,
      timezone: changes.timezone?.trim() || record.timezone,
      query: changes.query !== undefined ? changes.query : record.query,
      language: changes.language ?? record.language,
      mentionRoleId: changes.mentionRoleId !== undefined ? changes.mentionRoleId : record.mentionRoleId,
      identityName: identity?.name ?? null,
      identityAvatarUrl: identity?.avatarUrl ?? null,
      filters: checkFilters({ ...record.filters, ...changes.filters }),
      format: changes.format ?? record.format,
      maxStories: changes.maxStories !== undefined ? changes.maxStories : record.maxStories,
    }, now);
    if (settings.identityName) await this.ensureWebhookFor(settings);
    const before = hookChannelOf(record);
    let updated = this.store.subscriptions.update(id, settings, now.toISOString());
    const resumed = updated.status === 'failing';
    if (resumed) {
      this.store.subscriptions.reactivate(id);
      updated = this.store.subscriptions.get(id)!;
    }
    this.log.info(`briefing #${id}: edited by ${editedBy}${resumed ? ' (resumed)' : ''}`);
    if (record.identityName && before) await this.releaseWebhookIfUnused(before);
    this.scheduleTask(updated);
    return { ...this.toSubscription(updated, now), outcome: resumed ? 'resumed' : 'edited' };
  }

  get(guildId: string, id: number): Subscription {
    return this.toSubscription(this.owned(guildId, id), this.clock());
  }

  list(guildId: string): Subscription[] {
    const now = this.clock();
    return this.store.subscriptions.listByGuild(guildId).map((r) => this.toSubscription(r, now));
  }

  async unsubscribe(guildId: string, id: number): Promise<Subscription> {
    const record = this.owned(guildId, id);
    this.store.subscriptions.remove(id, this.clock().toISOString());
    this.slots.disarm(id);
    const hook = hookChannelOf(record);
    if (record.identityName && hook) await this.releaseWebhookIfUnused(hook);
    return { ...this.toSubscription(record, this.clock()), nextRunAt: null };
  }

  private owned(guildId: string, id: number): SubscriptionRecord {
    const record = this.store.subscriptions.get(id);
    if (!record || record.guildId !== guildId || record.status === 'removed') {
      throw new SubscriptionError('UNKNOWN_SUBSCRIPTION', `there is no scheduled briefing #${id} in this server`);
    }
    return record;
  }

  /** Every setting the service can check itself, checked (SubscriptionError otherwise) and normalized. */
  private checkSettings(s: SubscriptionSettings, now: Date): SubscriptionSettings {
    const { spec, timeZone } = checkSchedule(s.cron, s.timezone, now.getTime());
    const identity = checkIdentity(s.identityName ? { name: s.identityName, avatarUrl: s.identityAvatarUrl } : null);
    return {
      ...s,
      cron: spec.source,
      timezone: timeZone,
      query: checkQuery(s.query),
      identityName: identity?.name ?? null,
      identityAvatarUrl: identity?.avatarUrl ?? null,
      filters: checkFilters(s.filters),
      maxStories: checkMaxStories(s.maxStories),
      forumTagId: s.targetKind === 'forum' ? s.forumTagId : null,
      parentChannelId: s.targetKind === 'thread' ? s.parentChannelId : null,
    };
  }

  /** The webhook a subscription posts through, made now if needed; SubscriptionError when Discord refuses. */
  private async ensureWebhookFor(s: SubscriptionSettings): Promise<void> {
    const channel = s.targetKind === 'thread' ? (s.parentChannelId ?? s.channelId) : s.channelId;
    try {
      await this.webhooks.ensure(channel, s.guildId, this.abort.signal);
    } catch (err) {
      if (!(err instanceof WebhookUnavailable)) throw err;
      if (err.limit) throw new SubscriptionError('WEBHOOK_LIMIT', `the channel already has Discord's maximum of 15 webhooks`);
      if (err.failure.kind === 'forbidden') throw new SubscriptionError('WEBHOOK_FORBIDDEN', `Discord refused to create a webhook: ${err.failure.detail}`);
      throw new SubscriptionError('WEBHOOK_FAILED', `the webhook could not be created: ${err.failure.detail}`);
    }
  }

  private async releaseWebhookIfUnused(channelId: string): Promise<void> {
    if (this.store.subscriptions.countUsingWebhookIn(channelId) === 0) await this.webhooks.release(channelId);
  }

  describeSchedule(cron: string, timezone: string, language: BriefingLanguage): string {
    const { spec, timeZone } = checkSchedule(cron, timezone, this.clock().getTime());
    return describeCron(spec, timeZone, language);
  }

  /** Next run of a subscription as an ISO instant (null when it is not active). */
  nextRunAt(record: SubscriptionRecord, now: Date = this.clock()): string | null {
    if (record.status !== 'active') return null;
    const next = nextRun(parseCron(record.cron), record.timezone, now.getTime());
    return next === null ? null : new Date(next).toISOString();
  }

  // ---- Life cycle ---------------------------------------------------------------------------------------------

  /**
   * Record the corpus as seen and arm the slot timers — at once — then catch up in the background: finish
   * runs interrupted by a crash or an outage (same nonces), and post ONE briefing per subscription whose latest
   * slot passed while the bot was down. The returned promise settles when the catch-up is done (tests await it;
   * the bot does not, so nothing in start-up waits for Discord).
   */
  start(): Promise<BriefingOutcome[]> {
    this.started = true;
    this.abort = serviceAbort();
    const now = this.clock();
    this.recordArticles(now);
    if (this.options.useCron !== false) {
      for (const record of this.store.subscriptions.listByStatus('active')) this.scheduleTask(record);
    }
    // runDue enqueues every subscription's catch-up on its chain synchronously, before any tick can fire.
    return this.runDue(now);
  }

  /**
   * Stop the slot timers and retries, abort deliveries in flight, and wait (at most STOP_WAIT_MS) for runs to settle.
   * A run cut short stays 'posting' and is resumed at the next start. The store stays open (its owner closes it).
   */
  async stop(): Promise<void> {
    this.started = false;
    this.slots.clear();
    this.retries.clear();
    this.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.chains.values()]),
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  /**
   * Record articles not seen before as first seen now: these ids (the engine's change report: what was just
   * added), or every article of the corpus. Called at start-up, on subscribing, and after each corpus change.
   */
  recordArticles(now: Date = this.clock(), ids: readonly string[] = this.engine.articleIds()): number {
    return this.store.firstSeen.record(ids, now.toISOString());
  }

  /**
   * Run every active subscription whose latest slot at or before `now` has no run yet (and finish interrupted
   * runs). Idempotent: calling it twice for the same `now` posts nothing the second time.
   */
  async runDue(now: Date = this.clock()): Promise<BriefingOutcome[]> {
    const active = this.store.subscriptions.listByStatus('active');
    const results = await Promise.all(active.map((s) => this.serialize(s.id, () => this.runSubscription(s.id, now))));
    return results.flat();
  }

  /** What a slot timer calls at its slot. Public so a test can watch the wiring. */
  async tick(subscriptionId: number, slot: Date): Promise<BriefingOutcome[]> {
    // The timer may fire a hair before the clock reads the slot; the slot itself is certainly due.
    const now = new Date(Math.max(this.clock().getTime(), slot.getTime()));
    try {
      return await this.serialize(subscriptionId, () => this.runSubscription(subscriptionId, now));
    } catch (err) {
      this.log.warn(`briefing #${subscriptionId}: run failed: ${(err as Error).stack ?? err}`);
      return [];
    }
  }

  // ---- Internals ----------------------------------------------------------------------------------------------

  private serialize<T>(subscriptionId: number, fn: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(subscriptionId) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    this.chains.set(
      subscriptionId,
      next.catch(() => {}),
    );
    return next;
  }

  private scheduleTask(record: SubscriptionRecord): void {
    if (!this.started || this.options.useCron === false || record.status !== 'active') return;
    this.slots.arm(record.id, parseCron(record.cron), record.timezone);
  }

  private async runSubscription(subscriptionId: number, now: Date): Promise<BriefingOutcome[]> {
    const outcomes: BriefingOutcome[] = [];
    let record = this.store.subscriptions.get(subscriptionId);
    if (!record || record.status !== 'active') return outcomes;

    for (const run of this.store.runs.listByStatus('posting').filter((r) => r.subscriptionId === subscriptionId)) {
      if (!this.retries.isDue(run.id, now.getTime())) continue; // its retry is booked for later
      outcomes.push(await this.resume(run, record, now));
      if (this.abort.signal.aborted) return outcomes;
      record = this.store.subscriptions.get(subscriptionId)!;
      if (record.status !== 'active') return outcomes;
    }

    const spec = parseCron(record.cron);
    const lastSlot = this.store.runs.latestSlot(record.id);
    const notBefore = Math.max(Date.parse(record.createdAt), lastSlot ? Date.parse(lastSlot) : -Infinity);
    const slot = latestRunAtOrBefore(spec, record.timezone, now.getTime(), notBefore);
    if (slot === null) return outcomes;
    const outcome = await this.runSlot(record, spec, slot, now);
    if (outcome) outcomes.push(outcome);
    return outcomes;
  }

  private async runSlot(record: SubscriptionRecord, spec: CronSpec, slotMs: number, now: Date): Promise<BriefingOutcome | null> {
    const periodStart = this.store.runs.latestPeriodEnd(record.id) ?? record.createdAt;
    const periodEnd = now.toISOString();
    // Period is (start, end]: an article first seen exactly at a briefing's end belongs to that briefing only.
    // Articles removed from the corpus since they were first seen are not found, and not briefed.
    const seenAt = new Map(this.store.firstSeen.between(periodStart, periodEnd).map((s) => [s.id, s.at]));
    // The subscription's filters: words and sources narrow the articles, then sources per story and the number of
    // stories narrow what is listed. What they leave out is consumed with the period (it is not wanted here).
    const wanted = await filterArticles(this.engine, seenAt, record.filters);
    // Without max_stories, as many as it may ask for (25): a day of a national press is over a thousand stories,
    // which in full would be some 140 messages in the channel.
    // The engine makes only the stories listed (a day's 1,400 summaries were half of a briefing's digest time);
    // selectStories then counts the articles listed.
    const maxStories = record.maxStories ?? MAX_STORIES_LIMIT;
    const digest = selectStories(
      await this.engine.digest({ addedAt: wanted, query: record.query ?? undefined, now, maxStories, minSources: record.filters.minSources }),
      record.filters.minSources,
      maxStories,
    );
    const strings = briefingStrings(record.language);
    const scheduleText = describeCron(spec, record.timezone, record.language);

    let payloads: MessagePayload[] = [];
    if (digest.stories.length > 0) {
      payloads = renderBriefingMessages(digest, record.language, {
        title: strings.title,
        period: strings.period(discordTime(periodStart, 'f'), discordTime(periodEnd, 'f')),
        format: record.format,
      }) as unknown as MessagePayload[];
    } else if (this.options.whenEmpty === 'line' && record.targetKind !== 'forum') {
      // A forum gets no "nothing new" post: a post per quiet slot would bury the briefings.
      payloads = [{ content: strings.nothingNew(scheduleText) }];
    }
    const prefix = briefingNoncePrefix(record.id, slotMs);
    const slotTag = discordTime(new Date(slotMs), 'f');
    const bodies = payloads.map((p, part) => {
      // The opt-in ping: the role's mention opens the first part, and allowed_mentions lets exactly that role
      // through. Everything else stays unpingable (article text is escaped by the renderer as well).
      const ping = part === 0 && record.mentionRoleId && digest.stories.length > 0 ? record.mentionRoleId : null;
      const caption = strings.caption(record.id, slotTag, part + 1, payloads.length);
      const content = withCaption(ping ? `<@&${ping}>\n${String(p.content ?? '')}` : p.content, caption);
      return {
        ...p,
        content,
        allowed_mentions: ping ? { parse: [], roles: [ping] } : NO_MENTIONS,
        nonce: partNonce(prefix, part),
        enforce_nonce: true,
      };
    });
    const target: RunTarget = {
      kind: record.targetKind,
      guildId: record.guildId,
      channelId: record.channelId,
      parentChannelId: record.parentChannelId,
      forumTagId: record.forumTagId,
      identity: record.identityName ? { name: record.identityName, avatarUrl: record.identityAvatarUrl } : null,
      threadName: record.targetKind === 'forum' ? forumPostTitle(digest, slotMs, record.timezone, record.language, strings.title) : null,
    };
    const run = this.store.runs.create({
      subscriptionId: record.id,
      slot: new Date(slotMs).toISOString(),
      periodStart,
      periodEnd,
      status: bodies.length > 0 ? 'posting' : 'empty',
      noncePrefix: prefix,
      payloads: bodies,
      articleCount: digest.stories.length > 0 ? digest.articleCount : 0,
      at: now.toISOString(),
      target: target as unknown as Record<string, unknown>,
    });
    if (!run) return null; // another tick recorded this slot first
    if (run.status === 'empty') {
      this.log.info(`briefing #${record.id}: nothing new for slot ${run.slot} (silent)`);
      return outcomeOf(run);
    }
    return this.deliver(run, record, now, false);
  }

  /** A run left 'posting' (by an outage, a crash or a stop): retry it, or give it up once its window is over. */
  private async resume(run: BriefingRun, record: SubscriptionRecord, now: Date): Promise<BriefingOutcome> {
    this.retries.pause(run.id);
    if (now.getTime() > this.deadlineOf(run, record) + DEADLINE_SLACK_MS) return this.giveUp(run, record, now, 'the bot was down or Discord unreachable');
    this.log.info(`briefing #${record.id}: resuming run ${run.id} (slot ${run.slot})`);
    return this.deliver(run, record, now, true);
  }

  /**
   * Send the parts not delivered yet, in order. The first of them may already be there (a crash after Discord took
   * it, or an answer lost in an outage): when Discord's nonce may no longer protect it, or when the destination takes
   * no nonce at all (a webhook, the post that opens a forum thread) and the run is being resumed, look for it first.
   */
  private async deliver(run: BriefingRun, record: SubscriptionRecord, now: Date, resumed: boolean): Promise<BriefingOutcome> {
    const signal = this.abort.signal;
    const destination = this.destinationFor(run, record);
    const firstMissing = run.messageIds.findIndex((id) => !id);
    for (let part = Math.max(0, firstMissing); part < run.payloads.length && firstMissing >= 0; part++) {
      if (run.messageIds[part]) continue;
      let result: { ok: true; messageId: string; threadId?: string } | DeliveryFailure | null = null;
      const mayBeThere = part === firstMissing && (this.maySendTwice(run, now) || (resumed && !destination.nonceDeduped(part)));
      if (mayBeThere) result = await this.lookForPart(destination, run, record, part);
      if (!result) result = await destination.post(part, run.payloads[part], signal);
      // Stopping: nothing about this request is known, and the store may be closing. The run stays 'posting'.
      if (!result.ok && result.kind === 'aborted') return outcomeOf(run, 'stopped');
      if (result.ok) {
        const at = this.clock().toISOString();
        // The forum post first: the other parts go into it, also after a crash right here.
        if (result.threadId && !run.threadId) this.store.runs.recordThread(run.id, result.threadId, at);
        this.store.runs.recordMessage(run.id, part, result.messageId, at);
        run = this.store.runs.get(run.id)!;
        continue;
      }
      if (result.kind === 'transient') return this.retryLater(run, record, result);
      this.store.runs.finish(run.id, 'failed', this.clock().toISOString(), result.detail);
      this.retries.forget(run.id);
      if (result.kind === 'rejected') {
        this.log.warn(`briefing #${record.id}: Discord refused part ${part + 1} of run ${run.id}: ${result.detail}`);
      } else {
        await this.markFailing(record, result);
      }
      return outcomeOf(this.store.runs.get(run.id)!);
    }
    this.store.runs.finish(run.id, run.articleCount > 0 ? 'posted' : 'empty', this.clock().toISOString());
    this.retries.forget(run.id);
    const done = this.store.runs.get(run.id)!;
    this.log.info(`briefing #${record.id}: ${done.status} slot ${done.slot} in ${done.messageIds.length} message(s) (${destination.label})`);
    return outcomeOf(done);
  }

  /**
   * Could the first missing part already be in the channel without Discord's nonce protecting it any more? Parts
   * go out in order, so only the first missing one can have been sent unrecorded; its first attempt began when the
   * previous part was recorded (run.updatedAt, the run's creation for part 1). Older than NONCE_TRUST_MS: look.
   */
  private maySendTwice(run: BriefingRun, now: Date): boolean {
    const since = Math.max(now.getTime(), this.clock().getTime()) - Date.parse(run.updatedAt);
    return since > NONCE_TRUST_MS;
  }

  /** null: not found, send it. A found message is returned as delivered; a failure to look is a failure. */
  private async lookForPart(
    destination: BriefingDestination,
    run: BriefingRun,
    record: SubscriptionRecord,
    part: number,
  ): Promise<{ ok: true; messageId: string; threadId?: string } | DeliveryFailure | null> {
    const content = String(run.payloads[part].content ?? '');
    // A minute of slack for clocks that disagree (ours and Discord's timestamps).
    const found = await destination.findPosted(part, content, Date.parse(run.createdAt) - 60_000, this.abort.signal);
    if (found.ok) {
      if (!found.messageId) return null;
      this.log.info(`briefing #${record.id}: part ${part + 1} of run ${run.id} was already posted (message ${found.messageId}); not sending it again`);
      return { ok: true, messageId: found.messageId, ...(found.threadId ? { threadId: found.threadId } : {}) };
    }
    if (found.kind === 'forbidden') {
      // No Read Message History: we cannot look. Sending with the nonce is the best left (it may duplicate).
      this.log.warn(`briefing #${record.id}: cannot read ${destination.label} to check for part ${part + 1} (${found.detail}); sending it again`);
      return null;
    }
    return found;
  }

  /**
   * Where a run posts: where it was headed when it was created (its stored target), so that a run resumed after
   * /digest edit finishes where its first parts went. Runs from before issue 11 have no target: their channel.
   */
  private destinationFor(run: BriefingRun, record: SubscriptionRecord): BriefingDestination {
    const target = (run.target as unknown as RunTarget | null) ?? {
      kind: 'channel', guildId: record.guildId, channelId: record.channelId, parentChannelId: null, forumTagId: null, identity: null, threadName: null,
    };
    const context = { rest: this.rest, retry: this.retry, ownUserId: () => this.ownUserId(), webhooks: this.webhooks };
    return destinationFor(context, target, run.threadId);
  }

  private async ownUserId(): Promise<string | undefined> {
    if (!this.botUserId) {
      try {
        const me = (await untilAborted((signal) => this.rest.get(Routes.user('@me'), { signal }), this.abort.signal)) as { id: string };
        this.botUserId = me.id;
      } catch (err) {
        this.log.warn(`could not read the bot's own user id: ${(err as Error).message}`);
      }
    }
    return this.botUserId;
  }

  // ---- Retries of a run Discord would not take ---------------------------------------------------------------

  private deadlineOf(run: BriefingRun, record: SubscriptionRecord): number {
    return retryDeadline(parseCron(record.cron), record.timezone, Date.parse(run.slot), Date.parse(run.createdAt));
  }

  /** Leave the run 'posting' and try again later with backoff, or give it up when its window is over. */
  private retryLater(run: BriefingRun, record: SubscriptionRecord, failure: DeliveryFailure): BriefingOutcome | Promise<BriefingOutcome> {
    const now = this.clock();
    const failures = this.retries.failures(run.id) + 1;
    const at = nextRetryAt(now.getTime(), failures, this.deadlineOf(run, record));
    if (at === null) return this.giveUp(run, record, now, failure.detail);
    this.log.warn(
      `briefing #${record.id}: run ${run.id} not delivered yet (${failure.detail}); retrying at ${new Date(at).toISOString()}`,
    );
    const fire = () =>
      void this.serialize(record.id, () => this.retryNow(run.id)).catch((err) =>
        this.log.warn(`briefing #${record.id}: retry of run ${run.id} failed: ${(err as Error).stack ?? err}`),
      );
    this.retries.book(run.id, failures, at, now.getTime(), fire, this.started);
    return outcomeOf(this.store.runs.get(run.id)!, failure.detail);
  }

  private async retryNow(runId: number): Promise<BriefingOutcome | null> {
    const run = this.store.runs.get(runId);
    if (!this.started || !run || run.status !== 'posting') return null;
    const record = this.store.subscriptions.get(run.subscriptionId);
    if (!record || record.status !== 'active') return null;
    return this.resume(run, record, this.clock());
  }

  /** The window is over: mark the run failed (its period is not consumed) and report it once. */
  private async giveUp(run: BriefingRun, record: SubscriptionRecord, now: Date, detail: string): Promise<BriefingOutcome> {
    this.retries.forget(run.id);
    const windowMs = this.deadlineOf(run, record) - Date.parse(run.createdAt);
    const strings = briefingStrings(record.language);
    const windowText = windowInWords(windowMs, record.language);
    this.store.runs.finish(run.id, 'failed', now.toISOString(), `not delivered within ${windowInWords(windowMs, 'en')}: ${detail}`);
    const slotMs = Date.parse(run.slot);
    const notice = strings.missedNotice(
      record.id,
      record.channelId,
      describeCron(parseCron(record.cron), record.timezone, record.language),
      discordTime(new Date(slotMs), 'f'),
      windowText,
      truncate(detail, 200),
    );
    this.log.warn(`briefing #${record.id}: gave up run ${run.id} (slot ${run.slot}) after ${windowInWords(windowMs, 'en')}: ${detail}`);
    await this.report(record, notice, missedNonce(record.id, slotMs));
    return outcomeOf(this.store.runs.get(run.id)!);
  }

  /**
   * A notice for the guild: in its log channel (/settings), else in BRIEFING_LOG_CHANNEL_ID when that channel is
   * in this guild, else in the log. Best effort, one burst.
   */
  private async report(record: SubscriptionRecord, notice: string, nonce: string): Promise<void> {
    const logChannel = await this.logChannelFor(record.guildId);
    if (!logChannel) {
      // No log channel configured: there is nobody we can message (Discord DMs need an open DM channel and the
      // member's consent); the notice stays in the log (and, for a paused subscription, in /digest list).
      this.log.warn(`notice for guild ${record.guildId}: ${notice}`);
      return;
    }
    const posted = await postMessage(this.rest, logChannel, { content: notice, allowed_mentions: NO_MENTIONS, nonce, enforce_nonce: true }, this.retry, this.abort.signal);
    if (!posted.ok) this.log.warn(`could not post the notice to log channel ${logChannel}: ${posted.detail}`);
  }

  private async logChannelFor(guildId: string): Promise<string | null> {
    const own = this.store.settings.guild(guildId)?.logChannelId;
    if (own) return own;
    const fallback = this.options.logChannelId;
    if (!fallback) return null;
    // The environment's log channel serves only the server it is in: a notice about one server's briefings is not
    // posted in another's channel.
    this.defaultLogGuild ??= untilAborted((signal) => this.rest.get(Routes.channel(fallback), { signal }), this.abort.signal)
      .then((c) => (c as { guild_id?: string }).guild_id ?? null)
      .catch((err: unknown) => {
        this.log.warn(`BRIEFING_LOG_CHANNEL_ID ${fallback} could not be read: ${(err as Error).message}`);
        this.defaultLogGuild = undefined;
        return null;
      });
    return (await this.defaultLogGuild) === guildId ? fallback : null;
  }

  private async markFailing(record: SubscriptionRecord, failure: DeliveryFailure): Promise<void> {
    const strings = briefingStrings(record.language);
    const reason = failure.kind === 'channel-gone' ? strings.reasonChannelGone : strings.reasonForbidden;
    const failedAt = this.clock();
    this.store.subscriptions.markFailing(record.id, `${reason} (${failure.detail.split(':')[0]})`, failedAt.toISOString());
    this.slots.disarm(record.id);

    const scheduleText = describeCron(parseCron(record.cron), record.timezone, record.language);
    const notice = strings.failureNotice(record.id, record.channelId, scheduleText, reason);
    // Claim the notice in the store first: at most once, even if two runs fail together or we crash after posting.
    if (!this.store.subscriptions.markNotified(record.id, notice, failedAt.toISOString())) return;
    this.log.warn(`briefing #${record.id} paused (guild ${record.guildId}, channel ${record.channelId}): ${failure.detail}`);
    await this.report(record, notice, noticeNonce(record.id, failedAt.getTime()));
  }

  private toSubscription(record: SubscriptionRecord, now: Date): Subscription {
    const spec = parseCron(record.cron);
    return {
      id: record.id,
      guildId: record.guildId,
      channelId: record.channelId,
      targetKind: record.targetKind,
      parentChannelId: record.parentChannelId,
      forumTagId: record.forumTagId,
      cron: record.cron,
      timezone: record.timezone,
      query: record.query,
      language: record.language,
      mentionRoleId: record.mentionRoleId,
      identity: record.identityName ? { name: record.identityName, avatarUrl: record.identityAvatarUrl } : null,
      filters: record.filters,
      format: record.format,
      maxStories: record.maxStories,
      createdBy: record.createdBy,
      createdAt: record.createdAt,
      status: record.status === 'failing' ? 'failing' : 'active',
      failureReason: record.failureReason,
      nextRunAt: this.nextRunAt(record, now),
      scheduleText: describeCron(spec, record.timezone, record.language),
    };
  }
}

function outcomeOf(run: BriefingRun, error: string | null = run.error): BriefingOutcome {
  return {
    subscriptionId: run.subscriptionId,
    runId: run.id,
    slot: run.slot,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    status: run.status,
    articleCount: run.articleCount,
    messageIds: run.messageIds,
    error,
  };
}

/**
 * A briefing message's content with its caption as the last line (see BriefingStrings.caption), within Discord's
 * 2,000 characters: the renderer's content is cut if needed, never the caption.
 */
function withCaption(content: unknown, caption: string): string {
  const text = typeof content === 'string' ? content : '';
  if (!text) return caption;
  return `${truncate(text, 2000 - caption.length - 1)}\n${caption}`;
}

/** The channel whose webhook a subscription posts through (a thread's channel), or null when it posts as the bot. */
function hookChannelOf(record: SubscriptionRecord): string | null {
  if (!record.identityName) return null;
  return record.targetKind === 'thread' ? (record.parentChannelId ?? record.channelId) : record.channelId;
}

/**
 * The service's stop signal: every request and wait of every briefing listens to it at once (each takes its
 * listener off when it ends: delivery.ts), so a few subscriptions' parts in flight pass Node's default warning
 * threshold of 10 listeners without any leak.
 */
function serviceAbort(): AbortController {
  const controller = new AbortController();
  setMaxListeners(200, controller.signal);
  return controller;
}
