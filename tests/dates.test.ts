/**
 * One date reader for every input (issue 13, item 9): `nashra digest --since`, `nashra search --from/--to`, the
 * bot's /digest now `since` and /search from/to. The same text must be accepted or refused everywhere; before,
 * `digest --since 2022-02-30` was read as 2 March while `search --from 2022-02-30` was refused.
 */
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDay, parseSince as botSince, UserInputError } from '../src/bot/inputs.js';
import { main } from '../src/cli/main.js';
import { parseDay, parseInstant, parseSince } from '../src/engine/dates.js';

const SEEDS = path.resolve('seeds');

/** The CLI in-process (the same main() bin/nashra.js runs), on the seeds. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main([...args, '--corpus', SEEDS], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    cwd: path.resolve('.'),
    isTTY: false,
  });
  return { code, stdout: out, stderr: err };
}

describe('parseDay', () => {
  it('accepts real calendar days only', () => {
    expect(parseDay('2022-05-11')).toBe('2022-05-11');
    expect(parseDay(' 2024-02-29 ')).toBe('2024-02-29'); // leap year
    for (const bad of ['2022-02-30', '2023-02-29', '2022-13-01', '2022-00-10', '2022-04-31', '2022-5-1', '11/05/2022', '2022-05-11T00:00Z', '', '0099-01-01']) {
      expect(parseDay(bad), bad).toBeNull();
    }
  });
});

describe('parseInstant', () => {
  it('reads days and ISO times with a zone, checking every field', () => {
    expect(parseInstant('2022-05-11')?.toISOString()).toBe('2022-05-11T00:00:00.000Z');
    expect(parseInstant('2022-05-11T08:00Z')?.toISOString()).toBe('2022-05-11T08:00:00.000Z');
    expect(parseInstant('2022-05-11 08:00:30+01:00')?.toISOString()).toBe('2022-05-11T07:00:30.000Z');
    expect(parseInstant('2022-05-11T08:00:30.250-0330')?.toISOString()).toBe('2022-05-11T11:30:30.250Z');
    expect(parseInstant('2022-05-11t08:00z')?.toISOString()).toBe('2022-05-11T08:00:00.000Z');
    for (const bad of ['2022-02-30T08:00Z', '2022-05-11T24:00Z', '2022-05-11T08:60Z', '2022-05-11T08:00:61Z', '2022-05-11T08:00', '2022-05-11T08:00+25:00', 'yesterday', '1652256000']) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });
});

describe('parseSince', () => {
  const now = new Date('2022-05-12T12:00:00Z');
  it('reads relative periods, instants and all, and says when the instant is in the future', () => {
    expect(parseSince('24h', now)).toEqual({ ok: true, at: new Date('2022-05-11T12:00:00Z'), inFuture: false });
    expect(parseSince('2W', now)).toEqual({ ok: true, at: new Date('2022-04-28T12:00:00Z'), inFuture: false });
    expect(parseSince('all', now)).toEqual({ ok: true, at: null, inFuture: false });
    expect(parseSince('الكل', now)).toEqual({ ok: true, at: null, inFuture: false });
    expect(parseSince('2022-05-13', now)).toEqual({ ok: true, at: new Date('2022-05-13T00:00:00Z'), inFuture: true });
    expect(parseSince('2022-02-30', now)).toEqual({ ok: false });
  });
});

describe('every surface reads a date the same way', () => {
  // Each value: accepted (true) or refused (false) as a day, and as a `since`.
  const DAYS: [string, boolean][] = [
    ['2022-05-11', true],
    ['2022-02-28', true],
    ['2022-02-30', false], // the case
    ['2021-02-29', false],
    ['2022-13-01', false],
    ['2022-04-31', false],
    ['2022-5-11', false],
  ];
  const SINCES: [string, boolean][] = [
    ...DAYS,
    ['2022-05-11T08:00:00Z', true],
    ['2022-05-11T08:00+01:00', true],
    ['2022-02-30T08:00:00Z', false],
    ['2022-05-11T25:00:00Z', false],
    ['2022-05-11T08:00:00', false], // no zone: which one would it be?
    ['7d', true],
    ['all', true],
    ['yesterday', false],
  ];

  it.each(DAYS)('day %s: accepted=%s by search --from/--to and by /search from/to', async (value, ok) => {
    expect(parseDay(value) !== null).toBe(ok);
    for (const flag of ['--from', '--to']) {
      const run = await cli(['search', 'داعش', flag, value, '--json']);
      expect(run.code, `${flag} ${value}: ${run.stderr}`).toBe(ok ? 0 : 2);
      if (!ok) expect(run.stderr).toMatch(/YYYY-MM-DD/);
    }
    if (ok) expect(checkDay(value)).toBe(value);
    else expect(() => checkDay(value)).toThrow(UserInputError);
  });

  it.each(SINCES)('since %s: accepted=%s by digest --since and by /digest now since', async (value, ok) => {
    const run = await cli(['digest', '--since', value, '--json']);
    expect(run.code, `--since ${value}: ${run.stderr}`).toBe(ok ? 0 : 2);
    if (!ok) expect(run.stderr).toMatch(/--since/);
    const now = new Date('2030-01-01T00:00:00Z'); // every accepted value is in the past here
    if (ok) expect(() => botSince(value, now)).not.toThrow();
    else expect(() => botSince(value, now)).toThrow(UserInputError);
  });

  it('digest --since reads the instant it names: 2022-05-11T08:00+01:00 is 07:00 UTC', async () => {
    const run = await cli(['digest', '--since', '2022-05-11T08:00+01:00', '--json']);
    expect(run.code).toBe(0);
    const all = JSON.parse((await cli(['digest', '--json'])).stdout);
    expect(JSON.parse(run.stdout).articleCount).toBeLessThanOrEqual(all.articleCount);
  });
});
