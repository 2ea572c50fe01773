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
  | { ok: true; messageId: string }
  | { ok: false; kind: 'channel-gone' | 'forbidden' | 'rejected' | 'transient'; status: number | null; detail: string };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
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

export function classifyFailure(err: unknown): Exclude<DeliveryResult, { ok: true }> {
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}: ${err.message}`;
    if (err.code === UNKNOWN_CHANNEL || err.status === 404) return { ok: false, kind: 'channel-gone', status: err.status, detail };
    if (err.code === MISSING_ACCESS || err.code === MISSING_PERMISSIONS || err.status === 403) {
      return { ok: false, kind: 'forbidden', status: err.status, detail };
    }
    if (err.status >= 500) return { ok: false, kind: 'transient', status: err.status, detail };
    return { ok: false, kind: 'rejected', status: err.status, detail };
  }
  if (err instanceof HTTPError) {
    return { ok: false, kind: err.status >= 500 ? 'transient' : 'rejected', status: err.status, detail: `${err.status}: ${err.message}` };
  }
  // Timeouts (AbortError), refused or reset connections, DNS: the network, not the message.
  return { ok: false, kind: 'transient', status: null, detail: (err as Error)?.message ?? String(err) };
}

export async function postMessage(
  rest: REST,
  channelId: string,
  body: Record<string, unknown>,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<DeliveryResult> {
  let last: Exclude<DeliveryResult, { ok: true }> | null = null;
  for (let attempt = 0; attempt < retry.attempts; attempt++) {
    if (attempt > 0) await retry.sleep(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)));
    try {
      const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
      return { ok: true, messageId: message.id };
    } catch (err) {
      last = classifyFailure(err);
      if (last.kind !== 'transient') return last;
    }
  }
  return last!;
}
