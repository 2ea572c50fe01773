import { DiscordAPIError, HTTPError, REST, Routes } from 'discord.js';

/**
 * Posting one briefing message, and what a failure means for the subscription.
 *
 * Who retries what (so backoff is never doubled):
 * - 429: discord.js's REST waits exactly `retry_after` and retries by itself; that is better than any backoff of
 *   ours, so we leave it there.
 * - 5xx, timeouts, connection errors: discord.js would retry these immediately, without any delay, `retries`
 *   times. The REST we use for briefings is built with `retries: 0` (createBriefingRest) and WE retry with
 *   exponential backoff instead, because an outage rarely ends within milliseconds.
 * - 403 / 404 (Discord codes 50001 Missing Access, 50013 Missing Permissions, 10003 Unknown Channel): permanent
 *   for this channel: no retry; the subscription is marked failing.
 * - Any other 4xx: our message was refused; retrying would fail the same way.
 */
export type DeliveryResult =
  | { ok: true; messageId: string; /** A forum post's thread, created with the message. */ threadId?: string }
  | { ok: false; kind: FailureKind; status: number | null; detail: string; /** Discord's error code, when it gave one. */ code?: number | string };

/** 'aborted': the service is stopping; nothing is known about the request, and nothing may be recorded. */
export type FailureKind = 'channel-gone' | 'forbidden' | 'rejected' | 'transient' | 'aborted';
export type DeliveryFailure = Exclude<DeliveryResult, { ok: true }>;
export type Delivered = Extract<DeliveryResult, { ok: true }>;

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 30_000,
  // The signal is the briefing service's, alive as long as the bot: each wait takes its listener off again when
  // it ends, or every retry of every briefing would leave one on it (Node warns past 10; the bot would grow).
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

const UNKNOWN_CHANNEL = 10003;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;

/** A REST client for briefings: 5xx/network retries off (ours have backoff), a bounded wait per request. */
export function createBriefingRest(options: { token: string; api?: string; timeoutMs?: number }): REST {
  const rest = new REST({
    version: '10',
    retries: 0,
    timeout: options.timeoutMs ?? 15_000,
    ...(options.api ? { api: options.api } : {}),
  });
  return rest.setToken(options.token);
}

export function classifyFailure(err: unknown): DeliveryFailure {
  // An error that already knows what it means for a delivery (WebhookUnavailable).
  const known = (err as { deliveryFailure?: DeliveryFailure } | null)?.deliveryFailure;
  if (known) return known;
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}: ${err.message}`;
    const code = err.code;
    if (err.code === UNKNOWN_CHANNEL || err.status === 404) return { ok: false, kind: 'channel-gone', status: err.status, detail, code };
    if (err.code === MISSING_ACCESS || err.code === MISSING_PERMISSIONS || err.status === 403) {
      return { ok: false, kind: 'forbidden', status: err.status, detail, code };
    }
    if (err.status >= 500) return { ok: false, kind: 'transient', status: err.status, detail, code };
    return { ok: false, kind: 'rejected', status: err.status, detail, code };
  }
  if (err instanceof HTTPError) {
    return { ok: false, kind: err.status >= 500 ? 'transient' : 'rejected', status: err.status, detail: `${err.status}: ${err.message}` };
  }
  // Timeouts (AbortError), refused or reset connections, DNS: the network, not the message.
  return { ok: false, kind: 'transient', status: null, detail: (err as Error)?.message ?? String(err) };
}

/**
 * Send one request with the short burst of retries for transient failures. `send` makes the request; `beforeRetry`
 * (for sends Discord cannot dedupe: webhooks, forum posts) looks for what an earlier attempt may have created before
 * the next attempt is made, and returns it as delivered when found.
 */
export async function sendWithRetries(
  send: (signal?: AbortSignal) => Promise<Delivered>,
  retry: RetryPolicy,
  signal?: AbortSignal,
  beforeRetry?: () => Promise<Delivered | DeliveryFailure | null>,
): Promise<DeliveryResult> {
  let last: DeliveryFailure | null = null;
  for (let attempt = 0; attempt < retry.attempts; attempt++) {
    if (attempt > 0) {
      await retry.sleep(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)), signal);
      if (signal?.aborted) return ABORTED;
      const found = await beforeRetry?.();
      if (found && (found.ok || found.kind !== 'transient')) return found;
    }
    if (signal?.aborted) return ABORTED;
    try {
      return await untilAborted(send, signal);
    } catch (err) {
      if (signal?.aborted) return ABORTED;
      last = classifyFailure(err);
      if (last.kind !== 'transient') return last;
    }
  }
  return last!;
}

/** POST /channels/{id}/messages (a nonce in the body makes a retry safe: Discord answers with the first message). */
export async function postMessage(
  rest: REST,
  channelId: string,
  body: Record<string, unknown>,
  retry: RetryPolicy = DEFAULT_RETRY,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  return sendWithRetries(async (s) => {
    const message = (await rest.post(Routes.channelMessages(channelId), { body, signal: s })) as { id: string };
    return { ok: true, messageId: message.id };
  }, retry, signal);
}

export const ABORTED: DeliveryFailure = { ok: false, kind: 'aborted', status: null, detail: 'stopped' };

/**
 * Run `request` with a signal of its own that follows `signal`, and stop waiting for it when `signal` aborts.
 * - discord.js aborts the HTTP request on the signal, but not its wait for a 429's retry_after: we stop waiting
 *   ourselves (the request it would make later is then ignored, and nothing is recorded from it).
 * - @discordjs/rest (2.6) adds an abort listener to the signal it is given and never takes it off: given the
 *   briefing service's signal, which lives as long as the bot, every request would leave one on it. Each request
 *   gets a signal of its own instead, dropped with it; our own listener on `signal` is taken off when it settles.
 */
export function untilAborted<T>(request: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return request(undefined);
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  const own = new AbortController();
  const promise = request(own.signal);
  promise.catch(() => {}); // may settle after we stopped listening
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => (own.abort(), reject(new Error('aborted')));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (err: unknown) => (signal.removeEventListener('abort', onAbort), reject(err)),
    );
  });
}

/** A message found (with the forum post it opened, when it did), or none, or a failure to look. */
export type LookupResult = { ok: true; messageId: string | null; threadId?: string } | DeliveryFailure;

/** How many pages of 100 recent messages are read when looking for a part that may have been posted. */
const LOOKUP_PAGES = 3;

/**
 * Look for a message already posted: the channel's recent messages (newest first, up to 300), back to `notBefore`,
 * for one by `authorId` (the bot, or a webhook: a webhook's messages are authored by the webhook) whose content is
 * exactly `content`. Discord does not keep a message's nonce (only the answer to the POST carries it), so the content
 * is the marker: every briefing part's content carries its subscription, slot and part (BriefingStrings.caption),
 * which makes it unique. Needs Read Message History (without it Discord lists nothing, and nothing is found).
 */
export async function findPostedMessage(
  rest: REST,
  channelId: string,
  wanted: { authorId: string; content: string; notBefore: number },
  signal?: AbortSignal,
): Promise<LookupResult> {
  let before: string | undefined;
  try {
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const query = new URLSearchParams({ limit: '100', ...(before ? { before } : {}) });
      const messages = (await untilAborted((s) => rest.get(Routes.channelMessages(channelId), { query, signal: s }), signal)) as {
        id: string;
        content?: string;
        timestamp?: string;
        author?: { id: string };
      }[];
      for (const m of messages) {
        if (m.author?.id === wanted.authorId && (m.content ?? '').trim() === wanted.content.trim()) return { ok: true, messageId: m.id };
      }
      const oldest = messages[messages.length - 1];
      if (messages.length < 100 || !oldest || Date.parse(oldest.timestamp ?? '') < wanted.notBefore) break;
      before = oldest.id;
    }
    return { ok: true, messageId: null };
  } catch (err) {
    if (signal?.aborted) return ABORTED;
    return classifyFailure(err);
  }
}
