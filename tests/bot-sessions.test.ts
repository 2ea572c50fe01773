import { describe, expect, it } from 'vitest';
import { fitsCustomId, makeCustomId, parseCustomId } from '../src/bot/custom-id.js';
import { SessionStore } from '../src/bot/sessions.js';

describe('SessionStore (server-side state behind buttons)', () => {
  it('returns what was stored until it expires, then nothing', () => {
    let now = 1_000_000;
    const store = new SessionStore<{ query: string }>(15 * 60_000, 100, () => now);
    const key = store.put({ query: 'التحالف الدولي ضد داعش في مراكش' });
    expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(store.get(key)?.query).toBe('التحالف الدولي ضد داعش في مراكش');
    now += 15 * 60_000 - 1;
    expect(store.get(key)).toBeDefined();
    now += 1;
    expect(store.get(key)).toBeUndefined();
    expect(store.get('no-such-key')).toBeUndefined();
  });

  it('drops the oldest entries beyond its cap', () => {
    const store = new SessionStore<number>(60_000, 3);
    const keys = [1, 2, 3, 4].map((n) => store.put(n));
    expect(store.size).toBe(3);
    expect(store.get(keys[0])).toBeUndefined();
    expect(store.get(keys[3])).toBe(4);
  });
});

describe('custom ids', () => {
  it('round-trip, and refuse to exceed Discord\'s 100 characters', () => {
    const id = makeCustomId('article', 'page', 3, '000_d205d9a2c65192af');
    expect(parseCustomId(id)).toEqual({ owner: 'article', action: 'page', args: ['3', '000_d205d9a2c65192af'] });
    expect(fitsCustomId('article', 'page', 3, 'x'.repeat(90))).toBe(false);
    expect(() => makeCustomId('search', 'page', 'مراكش'.repeat(30))).toThrow(RangeError);
  });
});
