/**
 * The timer wiring: each active subscription gets a slot timer (slot-timer.ts) in ITS timezone, whose tick reaches the
 * service with the slot. Fake timers (Date and setTimeout only) move hours in milliseconds; the delivery path
 * behind tick() is covered against the sandbox in schedule-service.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { REST } from 'discord.js';
import { afterEach, expect, it, vi } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { BriefingService } from '../src/schedule/briefing-service.js';
import { openStore } from '../src/store/index.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

it('fires each subscription’s slot timer at its slot in its own timezone, and not after unsubscribing', async () => {
  const engine = await Engine.open({ corpusDir: path.resolve('seeds') });
  const data = mkdtempSync(path.join(tmpdir(), 'nashra-cron-'));
  const store = openStore(data);
  cleanup.push(() => rmSync(data, { recursive: true, force: true }), () => store.close());

  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(new Date('2026-11-22T23:59:30.000Z')); // 08:59:30 in Tokyo, 00:59:30 in Casablanca
  const service = new BriefingService({
    store,
    engine,
    rest: {} as REST, // never reached: tick() is watched, not run
    defaultTimeZone: 'Africa/Casablanca',
    maxPerGuild: 10,
    whenEmpty: 'silent',
  });
  cleanup.push(() => service.stop());
  const ticks: { id: number; slot: string; at: string }[] = [];
  vi.spyOn(service, 'tick').mockImplementation(async (id, slot) => {
    ticks.push({ id, slot: slot.toISOString(), at: new Date().toISOString() });
    return [];
  });
  await service.start();
  const tokyo = await service.subscribe({ guildId: 'g', channelId: 'c1', cron: '0 9 * * *', timezone: 'Asia/Tokyo', createdBy: 'u' });
  const casablanca = await service.subscribe({ guildId: 'g', channelId: 'c2', cron: '0 9 * * *', createdBy: 'u' });
  expect(casablanca.timezone).toBe('Africa/Casablanca');

  await vi.advanceTimersByTimeAsync(29_000); // 08:59:59 in Tokyo
  expect(ticks).toEqual([]);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(ticks).toEqual([{ id: tokyo.id, slot: '2026-11-23T00:00:00.000Z', at: '2026-11-23T00:00:00.000Z' }]);

  // 09:00 in Casablanca is 08:00 UTC (GMT+1), eight hours later.
  await vi.advanceTimersByTimeAsync(8 * 3_600_000);
  expect(ticks.map((t) => `${t.id}@${t.slot}`)).toEqual([
    `${tokyo.id}@2026-11-23T00:00:00.000Z`,
    `${casablanca.id}@2026-11-23T08:00:00.000Z`,
  ]);

  await service.unsubscribe('g', tokyo.id);
  await vi.advanceTimersByTimeAsync(24 * 3_600_000);
  expect(ticks.map((t) => t.id)).toEqual([tokyo.id, casablanca.id, casablanca.id]);
  expect(ticks.at(-1)?.slot).toBe('2026-11-24T08:00:00.000Z');
});
