/**
 * SIGTERM while Discord is unreachable (issue 13, item 3): the real `node dist/src/main.js` (npm test builds first)
 * against the sandbox, which then stops answering anything — HTTP or gateway, close frames included — as a network
 * that drops packets does. `docker stop` and `systemctl stop` send SIGTERM and wait 10 s before SIGKILL: shutdown
 * must be over by then, with what could be recorded in the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { openStore } from '../src/store/index.js';

const MAIN = path.resolve('dist/src/main.js');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function startMain(sandbox: Sandbox, dirs: { root: string; corpus: string; data: string }) {
  const child = spawn(process.execPath, [MAIN], {
    cwd: dirs.root,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: sandbox.token,
      DISCORD_CLIENT_ID: sandbox.applicationId,
      DISCORD_GUILD_ID: sandbox.guildId,
      DISCORD_API_URL: sandbox.apiUrl,
      ARTICLES_DIR: dirs.corpus,
      DATA_DIR: dirs.data,
      BRIEFING_TIMEZONE: 'UTC',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, log: () => stderr };
}

function folders() {
  const root = mkdtempSync(path.join(tmpdir(), 'nashra-shutdown-'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  const corpus = path.join(root, 'articles');
  cpSync(path.resolve('seeds'), corpus, { recursive: true });
  return { root, corpus, data: path.join(root, 'data') };
}

async function terminate(child: ChildProcess, exited: Promise<{ code: number | null; at: number }>) {
  const sent = Date.now();
  child.kill('SIGTERM');
  const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000));
  const result = await Promise.race([exited, timeout]);
  return { result, seconds: result === 'hung' ? Infinity : (result.at - sent) / 1000 };
}

it('exits within 10 s of SIGTERM, code 0, when Discord stops answering', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const dirs = folders();
  const { child, exited, log } = startMain(sandbox, dirs);
  await expect.poll(log, { timeout: 20_000, interval: 100 }).toMatch(/logged in as/);

  sandbox.setUnreachable(true);
  const { result, seconds } = await terminate(child, exited);
  expect(log()).toMatch(/shutting down/);
  expect(result, `no exit within 15 s of SIGTERM; log:\n${log()}`).not.toBe('hung');
  expect(seconds).toBeLessThanOrEqual(10);
  expect((result as { code: number | null }).code).toBe(0);
}, 60_000);

it('with a briefing stuck in delivery: exits in time and leaves the run in the store to resume', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const dirs = folders();
  const channel = sandbox.addChannel('stuck');
  // A subscription from an earlier run, whose last hourly slot is due at start-up; Discord makes that post wait.
  const store = openStore(dirs.data);
  const createdAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
  const sub = store.subscriptions.insert({ guildId: sandbox.guildId, channelId: channel, cron: '0 * * * *', timezone: 'UTC', query: null, language: 'en', createdBy: sandbox.userId, createdAt });
  store.close();
  sandbox.setChannelFailure(channel, 429, { retryAfterMs: 120_000 });

  const { child, exited, log } = startMain(sandbox, dirs);
  const posted = () => sandbox.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/channels/${channel}/messages`));
  await expect.poll(posted, { timeout: 20_000, interval: 100 }).toBe(true);

  sandbox.setUnreachable(true);
  const { result, seconds } = await terminate(child, exited);
  expect(result, `no exit within 15 s of SIGTERM; log:\n${log()}`).not.toBe('hung');
  expect(seconds).toBeLessThanOrEqual(10);
  expect((result as { code: number | null }).code).toBe(0);

  const after = openStore(dirs.data);
  cleanup.push(() => after.close());
  const runs = after.runs.listForSubscription(sub.id);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: 'posting', messageIds: [null] }); // resumed at the next start
}, 60_000);

it('a stop requested while it is still connecting to an unreachable Discord also ends in time, code 0', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  sandbox.setUnreachable(true);
  const { child, exited, log } = startMain(sandbox, folders());
  await expect.poll(log, { timeout: 20_000, interval: 100 }).toMatch(/corpus .*articles/); // up, now waiting on Discord
  await new Promise((r) => setTimeout(r, 1_000));
  const { result, seconds } = await terminate(child, exited);
  expect(result, `no exit within 15 s of SIGTERM; log:\n${log()}`).not.toBe('hung');
  expect(seconds).toBeLessThanOrEqual(10);
  expect((result as { code: number | null }).code).toBe(0);
  expect(log()).toMatch(/shutting down/);
}, 60_000);
