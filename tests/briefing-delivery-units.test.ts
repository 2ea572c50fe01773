/**
 * The pieces of issue 11's delivery that are pure or local: option reading and checks, story selection, the compact
 * format and forum titles within Discord's limits, the stored settings, and migration 4 on a database from before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../src/bot/i18n/en.js';
import { forumPostTitle, renderDigestMessages } from '../src/bot/render/digest.js';
import { limitProblems } from '../src/bot/render/payload.js';
import { StoredSettings } from '../src/bot/settings.js';
import type { Digest, Story } from '../src/digest/types.js';
import { selectStories } from '../src/schedule/filters.js';
import { checkFilters, checkIdentity, checkMaxStories, splitList } from '../src/schedule/rules.js';
import { SubscriptionError } from '../src/schedule/types.js';
import { MIGRATIONS, openStore } from '../src/store/index.js';
import { migrate } from '../src/store/migrations.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function code(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(SubscriptionError);
    return (err as SubscriptionError).code;
  }
}

describe('subscription options', () => {
  it('reads comma-separated lists as typed, Arabic comma included', () => {
    expect(splitList(' المغرب ،  الجزائر,, تونس;المغرب ')).toEqual(['المغرب', 'الجزائر', 'تونس']);
    expect(splitList(undefined)).toEqual([]);
  });

  it('checks filters, the number of stories and the webhook identity as Discord would', () => {
    expect(checkFilters({ excludeWords: ['كرة'] })).toEqual({ excludeWords: ['كرة'], includeSources: [], excludeSources: [], minSources: 1 });
    expect(code(() => checkFilters({ excludeWords: Array.from({ length: 11 }, (_, i) => `w${i}`) }))).toBe('INVALID_FILTER');
    expect(code(() => checkFilters({ includeSources: ['x'.repeat(101)] }))).toBe('INVALID_FILTER');
    expect(code(() => checkFilters({ minSources: 0 }))).toBe('INVALID_FILTER');
    expect(checkMaxStories(5)).toBe(5);
    expect(checkMaxStories(null)).toBeNull();
    expect(code(() => checkMaxStories(26))).toBe('INVALID_MAX_STORIES');
    expect(checkIdentity({ name: '  نشرة   الصباح ', avatarUrl: 'https://example.org/a.png' })).toEqual({ name: 'نشرة الصباح', avatarUrl: 'https://example.org/a.png' });
    expect(code(() => checkIdentity({ name: 'My Discord bot' }))).toBe('INVALID_IDENTITY'); // Discord refuses «discord»
    expect(code(() => checkIdentity({ name: 'Clyde' }))).toBe('INVALID_IDENTITY');
    expect(code(() => checkIdentity({ name: 'x'.repeat(81) }))).toBe('INVALID_IDENTITY');
    expect(code(() => checkIdentity({ name: 'Desk', avatarUrl: 'javascript:alert(1)' }))).toBe('INVALID_IDENTITY');
  });
});

function story(i: number, sources: number, long = false): Story {
  const sentence = long ? `${'جملة طويلة جدا عن حدث مهم '.repeat(60)}.` : `جملة ملخص القصة رقم ${i}.`;
  return {
    title: `**عاجل** @everyone ${long ? 'عنوان طويل '.repeat(30) : 'عنوان'} ${i}`,
    articleIds: Array.from({ length: sources }, (_, k) => `a${i}-${k}`),
    summary: [sentence, sentence, sentence],
    quote: { text: 'قال المتحدث إن الوضع مستقر '.repeat(long ? 40 : 1), speaker: 'المتحدث', articleId: `a${i}-0` },
    sourceCount: sources,
  };
}

const digestOf = (stories: Story[]): Digest => ({
  generatedAt: '2026-11-23T07:00:00.000Z',
  articleCount: new Set(stories.flatMap((s) => s.articleIds)).size,
  stories,
});

describe('which stories a subscription lists', () => {
  it('keeps stories with enough sources, then the first few, and counts only the articles listed', () => {
    const digest = digestOf([story(1, 3), story(2, 1), story(3, 2), story(4, 2)]);
    expect(selectStories(digest, 1, null)).toBe(digest);
    const two = selectStories(digest, 2, null);
    expect(two.stories.map((s) => s.title.split(' ').at(-1))).toEqual(['1', '3', '4']);
    expect(two.articleCount).toBe(7);
    const first = selectStories(digest, 2, 2);
    expect(first.stories).toHaveLength(2);
    expect(first.articleCount).toBe(5);
  });

  it('counts only the articles listed when the engine already made just the stories to list', () => {
    // The engine makes the first stories only (storyCount says how many it found); its articleCount is the day's.
    const all = [story(1, 3), story(2, 2), story(3, 1)];
    const made: Digest = { ...digestOf(all.slice(0, 2)), articleCount: 6, storyCount: 3 };
    const listed = selectStories(made, 1, 2);
    expect(listed.stories).toHaveLength(2);
    expect(listed.articleCount).toBe(5);
  });
});

describe('formats', () => {
  it('compact and full stay within Discord’s limits on 25 long stories, and compact is titles and one line each', () => {
    const digest = digestOf(Array.from({ length: 25 }, (_, i) => story(i + 1, 1 + (i % 3), true)));
    const full = renderDigestMessages(digest, en, { title: 'Nashra briefing', period: 'today' });
    const compact = renderDigestMessages(digest, en, { title: 'Nashra briefing', period: 'today', format: 'compact' });
    for (const payload of [...full, ...compact]) expect(limitProblems(payload)).toEqual([]);
    expect(full.flatMap((p) => p.embeds ?? [])).toHaveLength(25);
    const entries = compact.flatMap((p) => p.embeds ?? []).map((e) => e.description!).join('\n\n').split('\n\n');
    expect(entries).toHaveLength(25);
    for (const [i, entry] of entries.entries()) {
      const [title, line, more] = entry.split('\n');
      expect(title).toMatch(new RegExp(`^\\*\\*${i + 1}\\. `));
      expect(line.length).toBeLessThan(260); // one line: the first sentence, cut
      expect(line).toMatch(/sources?$/);
      expect(more).toBeUndefined();
    }
    expect(compact.length).toBeLessThan(full.length);
    // Article text stays escaped: no bold from the title, no @everyone.
    const text = JSON.stringify(compact);
    expect(text).not.toContain('@everyone');
    expect(text).toContain('\\\\*\\\\*عاجل\\\\*\\\\*');
  });

  it('a forum post’s title: the day in the subscription’s zone and language, then the top story, within 100', () => {
    const digest = digestOf([{ ...story(1, 2, true), title: `‮ ${'انتخابات '.repeat(20)}\nتشريعية` }]);
    const slot = Date.parse('2026-11-23T23:30:00Z'); // already the 24th in Riyadh
    const arabic = forumPostTitle(digest, slot, 'Asia/Riyadh', 'ar', 'نشرة');
    expect(arabic.startsWith('24 نوفمبر 2026 · انتخابات')).toBe(true);
    expect(arabic.length).toBeLessThanOrEqual(100);
    expect(arabic).not.toMatch(/[\u202E\n]/);
    expect(forumPostTitle(digestOf([]), slot, 'UTC', 'en', 'Nashra briefing')).toBe('23 November 2026 · Nashra briefing');
  });
});

describe('stored settings', () => {
  it('answers in the member’s language, else the server’s, else BOT_LOCALE; stores zones as Intl spells them', () => {
    const store = openStore(null);
    const settings = new StoredSettings(store.settings, { language: 'en', timezone: 'Africa/Casablanca', logChannelId: null });
    expect(settings.languageFor('g1', 'u1')).toBe('en');
    settings.updateServer('g1', { language: 'ar', timezone: 'asia/riyadh' }, 'admin');
    expect(settings.server('g1')).toMatchObject({ language: 'ar', timezone: 'Asia/Riyadh', logChannelId: null, own: { language: true, timezone: true, logChannelId: false } });
    expect(settings.languageFor('g1', 'u1')).toBe('ar');
    expect(settings.languageFor('g2', 'u1')).toBe('en');
    settings.setUserLanguage('u1', 'en');
    expect(settings.languageFor('g1', 'u1')).toBe('en');
    expect(settings.languageFor(null, 'u1')).toBe('en');
    settings.setUserLanguage('u1', null);
    expect(settings.languageFor('g1', 'u1')).toBe('ar');
    expect(() => settings.updateServer('g1', { timezone: 'Mars/Base' }, 'admin')).toThrow(/not an IANA timezone/);
    settings.updateServer('g1', { language: null }, 'admin'); // back to the default, the timezone kept
    expect(settings.server('g1')).toMatchObject({ language: 'en', timezone: 'Asia/Riyadh', own: { language: false, timezone: true } });
    store.close();
  });
});

describe('migration 4', () => {
  it('brings a database from before issue 11 up: its subscriptions post as before (a channel, full, no ping)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nashra-m4-'));
    dirs.push(dir);
    const db = new Database(path.join(dir, 'nashra.db'));
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(`INSERT INTO subscriptions (guild_id, channel_id, cron, timezone, query, language, created_by, created_at)
      VALUES ('g', 'c', '0 8 * * *', 'UTC', NULL, 'en', 'u', '2026-01-01T00:00:00.000Z')`).run();
    db.prepare(`INSERT INTO briefing_runs (subscription_id, slot, period_start, period_end, status, nonce_prefix, created_at, updated_at)
      VALUES (1, '2026-01-02T08:00:00.000Z', 'a', 'b', 'posting', 'p', 'x', 'x')`).run();
    db.close();
    const store = openStore(dir);
    const sub = store.subscriptions.get(1)!;
    expect(sub).toMatchObject({
      targetKind: 'channel', parentChannelId: null, forumTagId: null, mentionRoleId: null, identityName: null,
      filters: { excludeWords: [], includeSources: [], excludeSources: [], minSources: 1 }, format: 'full', maxStories: null,
    });
    expect(store.runs.get(1)).toMatchObject({ target: null, threadId: null });
    // Subscribing again with the same settings finds it (the same row, not a copy), whatever the filters' order.
    expect(store.subscriptions.findSame({ guildId: 'g', channelId: 'c', cron: '0 8 * * *', timezone: 'UTC', query: null, language: 'en' })?.id).toBe(1);
    const withFilters = { guildId: 'g', channelId: 'c2', cron: '0 8 * * *', timezone: 'UTC', query: null, language: 'en' as const };
    store.subscriptions.insert({ ...withFilters, filters: { excludeWords: ['b', 'a'], includeSources: [], excludeSources: [], minSources: 2 }, createdBy: 'u', createdAt: 'x' });
    expect(store.subscriptions.findSame({ ...withFilters, filters: { excludeWords: ['a', 'b'], includeSources: [], excludeSources: [], minSources: 2 } })).not.toBeNull();
    expect(store.subscriptions.findSame({ ...withFilters, filters: { excludeWords: ['a'], includeSources: [], excludeSources: [], minSources: 2 } })).toBeNull();
    store.close();
  });
});

describe('waits on the briefing service’s long-lived abort signal', () => {
  it('take their abort listener off when they end, and give each request a signal of its own', async () => {
    const { EventEmitter } = await import('node:events');
    const { DEFAULT_RETRY, untilAborted } = await import('../src/schedule/delivery.js');
    const service = new AbortController();
    // As @discordjs/rest 2.6 does: a listener on the signal it is given, never taken off.
    const leakyRequest = <T>(answer: () => Promise<T>) => (signal?: AbortSignal) => {
      signal?.addEventListener('abort', () => {});
      return answer();
    };
    for (let i = 0; i < 12; i++) {
      await DEFAULT_RETRY.sleep(1, service.signal);
      await untilAborted(leakyRequest(() => Promise.resolve(i)), service.signal);
      await untilAborted(leakyRequest(() => Promise.reject(new Error('500'))), service.signal).catch(() => {});
    }
    expect(EventEmitter.getEventListeners(service.signal, 'abort')).toHaveLength(0);
    // And still end at once when the service stops, aborting the request's own signal.
    let requestSignal: AbortSignal | undefined;
    const waiting = DEFAULT_RETRY.sleep(60_000, service.signal);
    const pending = untilAborted((signal) => ((requestSignal = signal), new Promise(() => {})), service.signal);
    expect(requestSignal).not.toBe(service.signal);
    service.abort();
    await waiting;
    await expect(pending).rejects.toThrow('aborted');
    expect(requestSignal?.aborted).toBe(true);
  });
});
