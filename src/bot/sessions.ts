import { randomBytes } from 'node:crypto';

/**
 * Short-lived server-side state for buttons and menus (search paging, content waiting to be shared). Entries
 * expire after `ttlMs`; the oldest are dropped beyond `maxEntries` so a busy server cannot grow it without bound.
 * In memory on purpose: after a restart a button answers "expired", which is what a user expects of old results.
 */
export class SessionStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number = 15 * 60_000,
    private readonly maxEntries: number = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  put(value: T): string {
    this.sweep();
    // 60 bits of randomness in 12 url-safe characters: unguessable enough for a key that is shown only to its user.
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return key;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
