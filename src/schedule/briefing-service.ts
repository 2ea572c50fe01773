import nodeCron, { type ScheduledTask } from 'node-cron';
import type { REST } from 'discord.js';
import { discordTime, NO_MENTIONS } from '../bot/render/payload.js';
import { renderBriefingMessages } from '../bot/render/digest.js';
import type { Engine, Logger } from '../engine/engine.js';
import type { BriefingRun, MessagePayload, RunStatus, Store, SubscriptionRecord } from '../store/index.js';
import { latestRunAtOrBefore, nextRun, parseCron, type CronSpec } from './cron.js';
import { DEFAULT_RETRY, postMessage, type DeliveryResult, type RetryPolicy } from './delivery.js';
import { describeCron } from './describe.js';
import { briefingNoncePrefix, noticeNonce, partNonce } from './nonce.js';
import { checkGuildCap, checkQuery, checkSchedule } from './rules.js';
import { briefingStrings } from './strings.js';
import { isValidTimeZone } from './timezone.js';
import {
  SubscriptionError,
  type BriefingDesk,
  type BriefingLanguage,
  type Subscription,
  type SubscriptionRequest,
} from './types.js';

/** What the service needs from the engine. */
export type BriefingEngine = Pick<Engine, 'articleIds' | 'digest'>;

export interface BriefingServiceOptions {
  store: Store;
  engine: BriefingEngine;
  /** Use createBriefingRest(): retries of 5xx/network errors are the service's (with backoff), not discord.js's. */
  rest: REST;
  /** BRIEFING_TIMEZONE: for subscriptions that name none. */
  defaultTimeZone: string;
  /** BRIEFING_MAX_PER_GUILD */
  maxPerGuild: number;
  /** BRIEFING_WHEN_EMPTY: post one short line when nothing is new, or stay silent. */
  whenEmpty: 'line' | 'silent';
  /** BRIEFING_LOG_CHANNEL_ID: where a failing subscription is reported; without it, the notice is logged and kept. */
  logChannelId?: string | null;
  /** Language of subscriptions that name none (BOT_LOCALE). */
  defaultLanguage?: BriefingLanguage;
  clock?: () => Date;
  log?: Logger;
  retry?: Partial<RetryPolicy>;
  /** false: start() creates no node-cron tasks; tests then drive runDue(now) with a controlled clock. */
  useCron?: boolean;
}

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
 * Scheduled briefings: subscriptions per channel, one node-cron task per active subscription in its timezone, and
 * runs recorded in SQLite so that nothing is lost and nothing is posted twice.
 *
 * - A run answers one cron slot; (subscription, slot) is unique in the store, and every tick, start-up catch-up
 *   and test goes through runDue → the LATEST due slot after the last recorded one. A bot that was down for three
 *   slots therefore posts once, not three times.
 * - Period: from the end of the previous briefing that consumed its period (posted or empty) to now; the first
 *   briefing covers the articles first seen after the subscription was created (what was already in the corpus
 *   is the team's starting point, not news). Articles are selected on their first-seen time in the store.
 * - Delivery: the messages are rendered and stored with the run as 'posting' BEFORE the first is sent, each with
 *   a deterministic nonce and enforce_nonce; each delivered part's message id is recorded. After a crash, start()
 *   re-sends the missing parts with the same nonces, so Discord answers with the message it already has.
 * - A deleted channel or missing permission marks the subscription failing, stops its task, and tells the guild
 *   once (in BRIEFING_LOG_CHANNEL_ID, else in the log and in /digest list); subscribing again with the same
 *   settings resumes it. Transient errors are retried with backoff; a run still unfinished after that stays
 *   'posting' and is resumed at the next tick or start-up.
 */
export class BriefingService implements BriefingDesk {
  private readonly store: Store;
  private readonly engine: BriefingEngine;
  private readonly rest: REST;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly retry: RetryPolicy;
  private readonly tasks = new Map<number, ScheduledTask>();
  /** One promise chain per subscription: a tick and a catch-up for the same subscription never overlap. */
  private readonly chains = new Map<number, Promise<unknown>>();
  private started = false;

  constructor(private readonly options: BriefingServiceOptions) {
    if (!isValidTimeZone(options.defaultTimeZone)) throw new Error(`default timezone "${options.defaultTimeZone}" is not an IANA zone`);
    this.store = options.store;
    this.engine = options.engine;
    this.rest = options.rest;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? quietLogger;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  // ---- BriefingDesk: what /digest subscribe|list|unsubscribe call --------------------------------------------

  subscribe(request: SubscriptionRequest): Subscription {
    if (!request.guildId || !request.channelId) throw new Error('a subscription needs a guild and a channel');
    const now = this.clock();
    const { spec, timeZone } = checkSchedule(request.cron, request.timezone?.trim() || this.options.defaultTimeZone, now.getTime());
    const query = checkQuery(request.query);
    const language = request.language ?? this.options.defaultLanguage ?? 'en';
    const settings = { guildId: request.guildId, channelId: request.channelId, cron: spec.source, timezone: timeZone, query, language };

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
    // Articles already in the corpus are the starting point, not news for this subscription's first briefing.
    this.recordArticles(now);
    const record = this.store.subscriptions.insert({ ...settings, createdBy: request.createdBy, createdAt: now.toISOString() });
    this.log.info(`briefing #${record.id}: ${record.cron} ${record.timezone} in channel ${record.channelId}`);
    this.scheduleTask(record);
    return { ...this.toSubscription(record, now), outcome: 'created' };
  }

  list(guildId: string): Subscription[] {
    const now = this.clock();
    return this.store.subscriptions.listByGuild(guildId).map((r) => this.toSubscription(r, now));
  }

  unsubscribe(guildId: string, id: number): Subscription {
    const record = this.store.subscriptions.get(id);
    if (!record || record.guildId !== guildId || record.status === 'removed') {
      throw new SubscriptionError('UNKNOWN_SUBSCRIPTION', `there is no scheduled briefing #${id} in this server`);
    }
    this.store.subscriptions.remove(id, this.clock().toISOString());
    this.tasks.get(id)?.destroy();
    this.tasks.delete(id);
    return { ...this.toSubscription(record, this.clock()), nextRunAt: null };
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
   * Record the corpus as seen, finish runs interrupted by a crash (same nonces), post ONE catch-up briefing per
   * subscription whose latest slot passed while the bot was down, then arm the node-cron tasks.
   */
  async start(): Promise<BriefingOutcome[]> {
    this.started = true;
    const now = this.clock();
    this.recordArticles(now);
    const outcomes = await this.runDue(now);
    if (this.options.useCron !== false) {
      for (const record of this.store.subscriptions.listByStatus('active')) this.scheduleTask(record);
    }
    return outcomes;
  }

  /** Stop the tasks and wait for runs in progress. The store stays open (its owner closes it). */
  async stop(): Promise<void> {
    this.started = false;
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    await Promise.allSettled([...this.chains.values()]);
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

  /** What a node-cron task calls at its slot. Public so a test can watch the wiring. */
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
    this.tasks.get(record.id)?.destroy();
    const task = nodeCron.schedule(record.cron, (context) => this.tick(record.id, context.date), {
      timezone: record.timezone,
      name: `nashra-briefing-${record.id}`,
      noOverlap: true,
    });
    this.tasks.set(record.id, task);
  }

  private async runSubscription(subscriptionId: number, now: Date): Promise<BriefingOutcome[]> {
    const outcomes: BriefingOutcome[] = [];
    let record = this.store.subscriptions.get(subscriptionId);
    if (!record || record.status !== 'active') return outcomes;

    for (const run of this.store.runs.listByStatus('posting').filter((r) => r.subscriptionId === subscriptionId)) {
      this.log.info(`briefing #${subscriptionId}: resuming run ${run.id} (slot ${run.slot})`);
      outcomes.push(await this.deliver(run, record));
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
    const digest = await this.engine.digest({ addedAt: seenAt, query: record.query ?? undefined, now });
    const strings = briefingStrings(record.language);
    const scheduleText = describeCron(spec, record.timezone, record.language);

    let payloads: MessagePayload[] = [];
    if (digest.stories.length > 0) {
      payloads = renderBriefingMessages(digest, record.language, {
        title: strings.title,
        period: strings.period(discordTime(periodStart, 'f'), discordTime(periodEnd, 'f')),
      }) as unknown as MessagePayload[];
    } else if (this.options.whenEmpty === 'line') {
      payloads = [{ content: strings.nothingNew(scheduleText) }];
    }
    const prefix = briefingNoncePrefix(record.id, slotMs);
    const bodies = payloads.map((p, part) => ({
      ...p,
      allowed_mentions: NO_MENTIONS,
      nonce: partNonce(prefix, part),
      enforce_nonce: true,
    }));
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
    });
    if (!run) return null; // another tick recorded this slot first
    if (run.status === 'empty') {
      this.log.info(`briefing #${record.id}: nothing new for slot ${run.slot} (silent)`);
      return outcomeOf(run);
    }
    return this.deliver(run, record);
  }

  private async deliver(run: BriefingRun, record: SubscriptionRecord): Promise<BriefingOutcome> {
    for (let part = 0; part < run.payloads.length; part++) {
      if (run.messageIds[part]) continue;
      const result = await postMessage(this.rest, record.channelId, run.payloads[part], this.retry);
      if (result.ok) {
        this.store.runs.recordMessage(run.id, part, result.messageId, this.clock().toISOString());
        continue;
      }
      if (result.kind === 'transient') {
        // Left 'posting': the next tick or start-up resumes it with the same nonces.
        this.log.warn(`briefing #${record.id}: part ${part + 1} of run ${run.id} not delivered yet: ${result.detail}`);
        return outcomeOf(this.store.runs.get(run.id)!, result.detail);
      }
      this.store.runs.finish(run.id, 'failed', this.clock().toISOString(), result.detail);
      if (result.kind === 'rejected') {
        this.log.warn(`briefing #${record.id}: Discord refused part ${part + 1} of run ${run.id}: ${result.detail}`);
      } else {
        await this.markFailing(record, result);
      }
      return outcomeOf(this.store.runs.get(run.id)!);
    }
    this.store.runs.finish(run.id, run.articleCount > 0 ? 'posted' : 'empty', this.clock().toISOString());
    const done = this.store.runs.get(run.id)!;
    this.log.info(`briefing #${record.id}: ${done.status} slot ${done.slot} in ${done.messageIds.length} message(s)`);
    return outcomeOf(done);
  }

  private async markFailing(record: SubscriptionRecord, failure: Exclude<DeliveryResult, { ok: true }>): Promise<void> {
    const strings = briefingStrings(record.language);
    const reason = failure.kind === 'channel-gone' ? strings.reasonChannelGone : strings.reasonForbidden;
    const failedAt = this.clock();
    this.store.subscriptions.markFailing(record.id, `${reason} (${failure.detail.split(':')[0]})`, failedAt.toISOString());
    this.tasks.get(record.id)?.destroy();
    this.tasks.delete(record.id);

    const scheduleText = describeCron(parseCron(record.cron), record.timezone, record.language);
    const notice = strings.failureNotice(record.id, record.channelId, scheduleText, reason);
    // Claim the notice in the store first: at most once, even if two runs fail together or we crash after posting.
    if (!this.store.subscriptions.markNotified(record.id, notice, failedAt.toISOString())) return;
    this.log.warn(`briefing #${record.id} paused (guild ${record.guildId}, channel ${record.channelId}): ${failure.detail}`);
    const logChannel = this.options.logChannelId;
    if (!logChannel) {
      // No log channel configured: there is nobody we can message (Discord DMs need an open DM channel and the
      // member's consent); the notice stays in the store and /digest list shows the subscription as paused.
      this.log.warn(`notice for guild ${record.guildId}: ${notice}`);
      return;
    }
    const posted = await postMessage(
      this.rest,
      logChannel,
      { content: notice, allowed_mentions: NO_MENTIONS, nonce: noticeNonce(record.id, failedAt.getTime()), enforce_nonce: true },
      this.retry,
    );
    if (!posted.ok) this.log.warn(`could not post the failure notice to log channel ${logChannel}: ${posted.detail}`);
  }

  private toSubscription(record: SubscriptionRecord, now: Date): Subscription {
    const spec = parseCron(record.cron);
    return {
      id: record.id,
      guildId: record.guildId,
      channelId: record.channelId,
      cron: record.cron,
      timezone: record.timezone,
      query: record.query,
      language: record.language,
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
