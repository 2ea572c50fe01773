import nodeCron, { type ScheduledTask } from 'node-cron';
import type { REST } from 'discord.js';
import { discordTime, NO_MENTIONS } from '../bot/render/payload.js';
import { renderBriefingMessages } from '../bot/render/digest.js';
import type { Engine, Logger } from '../engine/engine.js';
import type { BriefingRun, MessagePayload, RunStatus, Store, SubscriptionRecord } from '../store/index.js';
import { Routes } from 'discord.js';
import { truncate } from '../bot/split.js';
import { latestRunAtOrBefore, nextRun, parseCron, type CronSpec } from './cron.js';
import { channelDestination, DEFAULT_RETRY, type BriefingDestination, type DeliveryFailure, type RetryPolicy } from './delivery.js';
import { describeCron } from './describe.js';
import { briefingNoncePrefix, missedNonce, noticeNonce, partNonce } from './nonce.js';
import { DEADLINE_SLACK_MS, nextRetryAt, RetryBook, retryDeadline, windowInWords, type Timers } from './retry-window.js';

export type { Timers } from './retry-window.js';
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
  /** Timers for the retries of a run Discord would not take (default: setTimeout, unref'd); tests pass their own. */
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
 * Scheduled briefings: subscriptions per channel, one node-cron task per active subscription in its timezone, and
 * runs recorded in SQLite so that nothing is lost and nothing is posted twice.
 *
 * - A run answers one cron slot; (subscription, slot) is unique in the store, and every tick, start-up catch-up
 *   and test goes through runDue → the LATEST due slot after the last recorded one. A bot that was down for three
 *   slots therefore posts once, not three times.
 * - Period: from the end of the previous briefing that consumed its period (posted or empty) to now; the first
 *   briefing covers the articles first seen after the subscription was created (what was already in the corpus
 *   is the team's starting point, not news). Articles are selected on their first-seen time in the store.
 * - Start-up never waits for Discord: start() arms every node-cron task at once and runs the catch-up in the
 *   background, so one subscription's slow delivery (a 60 s 429) cannot make another miss its slot. Per
 *   subscription, runs are serialized (one promise chain each), so a tick and the catch-up never overlap, and
 *   UNIQUE(subscription, slot) in the store stops a second run for the same slot.
 * - Delivery: the messages are rendered and stored with the run as 'posting' BEFORE the first is sent, each with
 *   a deterministic nonce and enforce_nonce, and a caption that makes its content unique (subscription, slot,
 *   part); each delivered part's message id is recorded. A run resumed later (retry, restart) re-sends the missing
 *   parts with the same nonces — but when the first missing part may have been sent longer ago than Discord keeps
 *   nonces (NONCE_TRUST_MS), it first looks for it among the channel's recent messages by the bot.
 * - Transient errors (5xx, network) are retried in a short burst (delivery.ts), then the run is retried with
 *   backoff until its window closes (retry-window.ts: min(1 h, half the period)); a restart resumes it. Past the
 *   window it is marked failed and reported once; its period is not consumed.
 * - A deleted channel or missing permission marks the subscription failing, stops its task, and tells the guild
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
  private readonly tasks = new Map<number, ScheduledTask>();
  /** One promise chain per subscription: a tick and a catch-up for the same subscription never overlap. */
  private readonly chains = new Map<number, Promise<unknown>>();
  private started = false;
  /** Runs waiting for a retry (retry-window.ts). */
  private readonly retries: RetryBook;
  private abort = new AbortController();
  private botUserId: string | undefined;

  constructor(private readonly options: BriefingServiceOptions) {
    if (!isValidTimeZone(options.defaultTimeZone)) throw new Error(`default timezone "${options.defaultTimeZone}" is not an IANA zone`);
    this.store = options.store;
    this.engine = options.engine;
    this.rest = options.rest;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? quietLogger;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.retries = new RetryBook(options.timers);
    this.botUserId = options.botUserId;
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
   * Record the corpus as seen and arm the node-cron tasks — at once — then catch up in the background: finish
   * runs interrupted by a crash or an outage (same nonces), and post ONE briefing per subscription whose latest
   * slot passed while the bot was down. The returned promise settles when the catch-up is done (tests await it;
   * the bot does not, so nothing in start-up waits for Discord).
   */
  start(): Promise<BriefingOutcome[]> {
    this.started = true;
    this.abort = new AbortController();
    const now = this.clock();
    this.recordArticles(now);
    if (this.options.useCron !== false) {
      for (const record of this.store.subscriptions.listByStatus('active')) this.scheduleTask(record);
    }
    // runDue enqueues every subscription's catch-up on its chain synchronously, before any tick can fire.
    return this.runDue(now);
  }

  /**
   * Stop the tasks and retries, abort deliveries in flight, and wait (at most STOP_WAIT_MS) for runs to settle.
   * A run cut short stays 'posting' and is resumed at the next start. The store stays open (its owner closes it).
   */
  async stop(): Promise<void> {
    this.started = false;
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
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
    const slotTag = discordTime(new Date(slotMs), 'f');
    const bodies = payloads.map((p, part) => ({
      ...p,
      content: withCaption(p.content, strings.caption(record.id, slotTag, part + 1, payloads.length)),
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
    return this.deliver(run, record, now);
  }

  /** A run left 'posting' (by an outage, a crash or a stop): retry it, or give it up once its window is over. */
  private async resume(run: BriefingRun, record: SubscriptionRecord, now: Date): Promise<BriefingOutcome> {
    this.retries.pause(run.id);
    if (now.getTime() > this.deadlineOf(run, record) + DEADLINE_SLACK_MS) return this.giveUp(run, record, now, 'the bot was down or Discord unreachable');
    this.log.info(`briefing #${record.id}: resuming run ${run.id} (slot ${run.slot})`);
    return this.deliver(run, record, now);
  }

  /**
   * Send the parts not delivered yet, in order. The first of them may already be in the channel (a crash after
   * Discord took it, or an answer lost in an outage): when that may be longer ago than Discord keeps nonces, look
   * for it before sending it again.
   */
  private async deliver(run: BriefingRun, record: SubscriptionRecord, now: Date): Promise<BriefingOutcome> {
    const signal = this.abort.signal;
    const destination = this.destinationFor(record);
    const firstMissing = run.messageIds.findIndex((id) => !id);
    for (let part = Math.max(0, firstMissing); part < run.payloads.length && firstMissing >= 0; part++) {
      if (run.messageIds[part]) continue;
      let result: { ok: true; messageId: string } | DeliveryFailure | null = null;
      if (part === firstMissing && this.maySendTwice(run, now)) result = await this.lookForPart(destination, run, record, part);
      if (!result) result = await destination.post(run.payloads[part], signal);
      // Stopping: nothing about this request is known, and the store may be closing. The run stays 'posting'.
      if (!result.ok && result.kind === 'aborted') return outcomeOf(run, 'stopped');
      if (result.ok) {
        this.store.runs.recordMessage(run.id, part, result.messageId, this.clock().toISOString());
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
    this.log.info(`briefing #${record.id}: ${done.status} slot ${done.slot} in ${done.messageIds.length} message(s)`);
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
  ): Promise<{ ok: true; messageId: string } | DeliveryFailure | null> {
    const content = String(run.payloads[part].content ?? '');
    // A minute of slack for clocks that disagree (ours and Discord's timestamps).
    const found = await destination.findPosted(content, Date.parse(run.createdAt) - 60_000, this.abort.signal);
    if (found.ok) {
      if (!found.messageId) return null;
      this.log.info(`briefing #${record.id}: part ${part + 1} of run ${run.id} was already posted (message ${found.messageId}); not sending it again`);
      return { ok: true, messageId: found.messageId };
    }
    if (found.kind === 'forbidden') {
      // No Read Message History: we cannot look. Sending with the nonce is the best left (it may duplicate).
      this.log.warn(`briefing #${record.id}: cannot read ${destination.label} to check for part ${part + 1} (${found.detail}); sending it again`);
      return null;
    }
    return found;
  }

  /** Where this subscription's briefings go: its channel (the seam for threads, forums and webhooks). */
  private destinationFor(record: SubscriptionRecord): BriefingDestination {
    return channelDestination(this.rest, record.channelId, this.retry, () => this.ownUserId());
  }

  private async ownUserId(): Promise<string | undefined> {
    if (!this.botUserId) {
      try {
        const me = (await this.rest.get(Routes.user('@me'), { signal: this.abort.signal })) as { id: string };
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

  /** A notice for the guild: in BRIEFING_LOG_CHANNEL_ID when set, else in the log. Best effort, one burst. */
  private async report(record: SubscriptionRecord, notice: string, nonce: string): Promise<void> {
    const logChannel = this.options.logChannelId;
    if (!logChannel) {
      // No log channel configured: there is nobody we can message (Discord DMs need an open DM channel and the
      // member's consent); the notice stays in the log (and, for a paused subscription, in /digest list).
      this.log.warn(`notice for guild ${record.guildId}: ${notice}`);
      return;
    }
    const posted = await channelDestination(this.rest, logChannel, this.retry, () => this.ownUserId()).post(
      { content: notice, allowed_mentions: NO_MENTIONS, nonce, enforce_nonce: true },
      this.abort.signal,
    );
    if (!posted.ok) this.log.warn(`could not post the notice to log channel ${logChannel}: ${posted.detail}`);
  }

  private async markFailing(record: SubscriptionRecord, failure: DeliveryFailure): Promise<void> {
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
    await this.report(record, notice, noticeNonce(record.id, failedAt.getTime()));
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

/**
 * A briefing message's content with its caption as the last line (see BriefingStrings.caption), within Discord's
 * 2,000 characters: the renderer's content is cut if needed, never the caption.
 */
function withCaption(content: unknown, caption: string): string {
  const text = typeof content === 'string' ? content : '';
  if (!text) return caption;
  return `${truncate(text, 2000 - caption.length - 1)}\n${caption}`;
}
