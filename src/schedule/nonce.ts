/**
 * Discord's message nonce: with `enforce_nonce: true`, a second POST with the same nonce from the same author
 * within a few minutes returns the message already created instead of posting it again. Nonces are at most
 * 25 characters. Ours are deterministic per run and part, so a post retried after a crash reuses them:
 *   b<subscription id, base 36>.<slot in minutes since 1970, base 36>.<part>
 * e.g. «b1.ihtqzc.0» — 11 characters for the first subscription in 2026.
 */
export const MAX_NONCE_LENGTH = 25;

export function briefingNoncePrefix(subscriptionId: number, slotMs: number): string {
  return `b${subscriptionId.toString(36)}.${Math.floor(slotMs / 60_000).toString(36)}`;
}

export function partNonce(prefix: string, part: number): string {
  const nonce = `${prefix}.${part.toString(36)}`;
  if (nonce.length > MAX_NONCE_LENGTH) throw new Error(`nonce "${nonce}" is longer than ${MAX_NONCE_LENGTH} characters`);
  return nonce;
}

/** The failure notice for a subscription is also posted at most once per failure. */
export function noticeNonce(subscriptionId: number, failedAtMs: number): string {
  return `f${subscriptionId.toString(36)}.${Math.floor(failedAtMs / 1000).toString(36)}`;
}

/** The report that a run could not be delivered within its retry window: at most once per run. */
export function missedNonce(subscriptionId: number, slotMs: number): string {
  return `m${subscriptionId.toString(36)}.${Math.floor(slotMs / 60_000).toString(36)}`;
}
