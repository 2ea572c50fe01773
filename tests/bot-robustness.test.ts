/**
 * The real bot against the sandbox on what the bad-input run of issue 13 sent it: commands Discord still shows but
 * the bot no longer has, and (further down) hostile article text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/bot/bot.js';
import { ar } from '../src/bot/i18n/ar.js';
import { en } from '../src/bot/i18n/en.js';
import { commandDefinitions } from '../src/bot/register.js';
import { limitProblems } from '../src/bot/render/payload.js';
import { renderArticlePage, renderArticlePages } from '../src/bot/render/article.js';
import { renderDigestMessages } from '../src/bot/render/digest.js';
import { renderQuoteCards } from '../src/bot/render/quotes.js';
import { renderSearchPage } from '../src/bot/render/search.js';
import { safeText } from '../src/bot/render/text.js';
import { splitText, truncate } from '../src/bot/split.js';
import { main as cliMain } from '../src/cli/main.js';
import { Engine } from '../src/engine/engine.js';
import { startSandbox, type MessageRecord, type Sandbox } from '../src/sandbox/index.js';

let sandbox: Sandbox;
let bot: RunningBot;
let engine: Engine;
let root: string;
let corpusDir: string;
const logLines: { level: string; text: string }[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nashra-robust-'));
  corpusDir = path.join(root, 'articles');
  await cp(path.resolve('seeds'), corpusDir, { recursive: true });
  await writeFile(path.join(corpusDir, 'bidi.txt'), BIDI_ARTICLE);
  await writeFile(path.join(corpusDir, 'giant.txt'), `---\ntitle: ملف: التحالف الدولي\n---\n\n${GIANT_PARAGRAPH}\n`);
  sandbox = await startSandbox();
  engine = await Engine.open({ corpusDir });
  bot = await startBot({
    token: sandbox.token,
    applicationId: sandbox.applicationId,
    guildId: sandbox.guildId,
    apiUrl: sandbox.apiUrl,
    engine,
    locale: 'en',
    dataDir: path.join(root, 'data'),
    log: {
      info: (m) => logLines.push({ level: 'info', text: m }),
      warn: (m) => logLines.push({ level: 'warn', text: m }),
      error: (m, e) => logLines.push({ level: 'error', text: `${m} ${String(e)}` }),
    },
    registerCommands: 'always',
  });
  await sandbox.waitForBot();
});

afterAll(async () => {
  await bot?.stop();
  await engine?.close();
  await sandbox?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/**
 * Every bidi control of Unicode's list, in a title, a paragraph and a quotation: U+202E RIGHT-TO-LEFT OVERRIDE shows
 * «evil» as «live»; an unpaired U+2069 closes the isolate our own sentences put around a value.
 */
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const BIDI_ARTICLE = `---
title: زلزال \u202Elive\u202C يضرب الحوز\u2069
url: javascript:alert(1)
date: 2023-09-09
---

ضرب زلزال \u202Bقوي\u202C إقليم الحوز \u2066ليلة\u2069 الجمعة\u200F، وقال المسؤول \u2067إن\u2069 «الوضع \u202Dتحت\u202C السيطرة\u061C» في المنطقة.
`;
/** No bidi control of the text's own is left: only the FSI…PDI pairs our sentences put around a value, balanced. */
function expectNoBidiControls(text: string): void {
  expect(text).not.toMatch(/[\u202A-\u202E\u2066\u2067\u200E\u200F\u061C]/);
  let depth = 0;
  for (const ch of text) {
    if (ch === '\u2068') depth++;
    if (ch === '\u2069') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

/**
 * 200,000 characters in ONE paragraph: the seeds' own words, joined by «،» (no sentence end, so nothing splits it
 * early), with the markdown and mention syntax an article scraped from a forum may carry.
 */
const SEED_WORDS = readdirSync(path.resolve('seeds'))
  .map((f) => readFileSync(path.resolve('seeds', f), 'utf8'))
  .join(' ')
  .split(/\s+/)
  .filter((w) => /^[\u0621-\u064A]+$/.test(w));
const HOSTILE_BITS = ['**عاجل**', '__هام__', '<a:x:1> _مائل_', '@everyone', '<@123456789012345678>', '[رابط](https://evil.example)', '`رمز`', '||سر||'];
const GIANT_PARAGRAPH = (() => {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 200_000; i++) {
    const word = i % 97 === 96 ? HOSTILE_BITS[Math.floor(i / 97) % HOSTILE_BITS.length] : SEED_WORDS[i % SEED_WORDS.length];
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ، ').slice(0, 200_000).trim();
})();

/** The longest the event loop was blocked while `fn` ran, in ms (perf_hooks, 10 ms resolution). */
async function maxStallDuring(fn: () => Promise<unknown> | unknown): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 30)); // let the monitor sample once more after the last task
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/**
 * Runs `fn` until one run keeps every event-loop stall under `limitMs` (at most `tries` runs). The machine is shared
 * (2 cores, several test suites at once): the OS may deschedule us for a moment, which the monitor also counts. A
 * stall our code causes shows in every run; such noise rarely does. Returns the stalls seen, the last one passing.
 */
async function expectNoStall(label: string, fn: () => Promise<unknown> | unknown, limitMs = 50, tries = 3): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < tries; i++) {
    seen.push(await maxStallDuring(fn));
    if (seen[seen.length - 1] < limitMs) return seen;
  }
  expect.fail(`${label}: the event loop stalled ${seen.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} (limit ${limitMs} ms)`);
}

const guildCommands = () => Routes.applicationGuildCommands(sandbox.applicationId, sandbox.guildId);

describe('a command Discord still shows but the bot does not have (issue 13, item 8)', () => {
  it('an unknown command is answered privately as unknown or outdated, in both languages, and logged at info', async () => {
    // A command left registered globally by an older deployment.
    await bot.client.rest.post(Routes.applicationCommands(sandbox.applicationId), { body: { name: 'headlines', description: 'old command', type: 1 } });
    logLines.length = 0;
    const record = await sandbox.slash('headlines');
    expect(record.ephemeral).toBe(true);
    const content = record.original!.content;
    expect(content).toContain(en.errorUnknownCommand);
    expect(content).not.toMatch(/error [0-9a-f]{8}/);
    expect(record.original!.allowed_mentions).toEqual({ parse: [] });
    const lines = logLines.filter((l) => l.text.includes('/headlines'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.level === 'info')).toBe(true);

    const kept = bot.ctx.t;
    bot.ctx.t = ar;
    try {
      const arabic = await sandbox.slash('headlines');
      expect(arabic.ephemeral).toBe(true);
      expect(arabic.original!.content).toContain(ar.errorUnknownCommand);
      expect(ar.errorUnknownCommand).not.toBe(en.errorUnknownCommand);
    } finally {
      bot.ctx.t = kept;
    }
  });

  it('an outdated definition (a removed subcommand, a removed option, a changed option type) gets the same answer', async () => {
    const current = commandDefinitions(bot.commands) as any[];
    const digest = current.find((c) => c.name === 'digest');
    const search = current.find((c) => c.name === 'search');
    const stale = [
      ...current.filter((c) => c.name !== 'digest' && c.name !== 'search'),
      // /digest as an older version had it: a «weekly» subcommand, and unsubscribe taking a string id.
      {
        ...digest,
        options: [
          ...digest.options.filter((o: any) => o.name !== 'unsubscribe'),
          { name: 'weekly', description: 'old', type: 1 },
          { name: 'unsubscribe', description: 'old', type: 1, options: [{ name: 'id', description: 'old', type: 3, required: true }] },
        ],
      },
      // /search with a «sort» option that no longer exists.
      { ...search, options: [...search.options, { name: 'sort', description: 'old', type: 3 }] },
    ];
    await bot.client.rest.put(guildCommands(), { body: stale });
    try {
      logLines.length = 0;
      const invocations: [string, any[]][] = [
        ['digest', [{ name: 'weekly', options: [] }]],
        ['digest', [{ name: 'unsubscribe', options: [{ name: 'id', value: '3' }] }]],
        ['search', [{ name: 'query', value: 'المغرب' }, { name: 'sort', value: 'date' }]],
      ];
      for (const [name, options] of invocations) {
        const record = await sandbox.slash(name, options);
        expect(record.ephemeral, JSON.stringify(options)).toBe(true);
        expect(record.original!.content, JSON.stringify(options)).toContain(en.errorUnknownCommand);
      }
      expect(logLines.filter((l) => l.level !== 'info')).toEqual([]);
      expect(logLines.filter((l) => /outdated|unknown/.test(l.text))).toHaveLength(3);
    } finally {
      await bot.client.rest.put(guildCommands(), { body: current });
    }
    // The current definitions still work.
    const ok = await sandbox.slash('search', [{ name: 'query', value: 'المغرب' }]);
    expect(ok.original!.embeds.length).toBeGreaterThan(0);
    expect(sandbox.violations).toEqual([]);
  });
});

/** What a reader sees of escaped text: markdown escapes and the zero-width spaces that break mentions removed. */
function shown(text: string): string {
  return text.replace(/\\(.)/g, '$1').replace(/\u200B/g, '');
}

describe('a 200,000-character paragraph (issue 13, item 4)', () => {
  it('the article is in the corpus as one paragraph of 200,000 characters', () => {
    const giant = engine.article('giant');
    expect(Math.max(...giant.paragraphs.map((p) => p.length))).toBeGreaterThanOrEqual(199_000);
  });

  it('/article pages through it without stalling the bot: another member\'s /about is answered at once', async () => {
    let first!: MessageRecord;
    const aboutAcks: number[] = [];
    await expectNoStall('/article with /about alongside', async () => {
      const article = sandbox.slash('article', [{ name: 'id', value: 'giant' }]);
      const about = sandbox.slash('about', [], { userId: sandbox.readerId });
      const [a, b] = await Promise.all([article, about]);
      first = a.original!;
      aboutAcks.push(b.ackAfterMs ?? Infinity);
    });
    // Discord allows 3 s; a stalled bot misses it ("The application did not respond"). Before: 39 s.
    for (const ms of aboutAcks) expect(ms).toBeLessThan(3000);
    expect(Math.min(...aboutAcks)).toBeLessThan(1000);
    expect(first.embeds[0].footer.text).toMatch(/of (\d+)/);
    const pages = Number(/of (\d+)/.exec(first.embeds[0].footer.text)![1]);
    expect(pages).toBeGreaterThan(50); // 200,000 characters at most 3,500 a page

    // Every page: within Discord's limits, no ping, and together the whole paragraph in order, nothing lost. The
    // stall is measured per click: one window over 130 clicks would also collect every moment the shared machine
    // took the CPU away. A stall of ours would show on most pages (each costs the same), so the 90th percentile
    // is held to the limit.
    const descriptions = [first.embeds[0].description as string];
    const clickStalls: number[] = [];
    let current = first;
    for (let i = 1; i < pages; i++) {
      const next = current.components.flatMap((r) => r.components).find((c: any) => c.type === 2 && c.label.includes(en.next));
      clickStalls.push(await maxStallDuring(async () => {
        current = (await sandbox.click(current, next.custom_id)).original!;
      }));
      if (current.embeds[0].description) descriptions.push(current.embeds[0].description);
    }
    const sorted = [...clickStalls].sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length * 0.9)]).toBeLessThan(50);
    for (const d of descriptions) expect(d.length).toBeLessThanOrEqual(4096);
    const words = (t: string) => t.split(/\s+/).filter(Boolean);
    expect(words(shown(descriptions.join(' ')))).toEqual(words(GIANT_PARAGRAPH));
    const text = descriptions.join('\n');
    expect(text).not.toMatch(/(^|[^\\])\*\*عاجل/);
    expect(text).not.toMatch(/(^|[^\\])_مائل/); // discord.js leaves _…_ unescaped after «<a:» on the same line
    expect(text).not.toMatch(/@everyone|<@\d/);
    expect(sandbox.violations).toEqual([]);
  }, 120_000);

  it('no renderer stalls on it either: search results, quotation cards, digests, article pages', async () => {
    const article = engine.article('giant');
    const hit = { id: 'giant', title: GIANT_PARAGRAPH, date: null, source: GIANT_PARAGRAPH, score: 1, snippet: GIANT_PARAGRAPH };
    const quote = { articleId: 'giant', text: GIANT_PARAGRAPH, speaker: GIANT_PARAGRAPH, speakerRole: GIANT_PARAGRAPH, paragraph: 0 };
    const giantArticle = { ...article, title: GIANT_PARAGRAPH, source: GIANT_PARAGRAPH };
    const story = { title: GIANT_PARAGRAPH, articleIds: ['giant'], summary: [GIANT_PARAGRAPH, GIANT_PARAGRAPH], quote: { text: GIANT_PARAGRAPH, speaker: GIANT_PARAGRAPH, articleId: 'giant' }, sourceCount: 1 };
    const cases: [string, () => unknown[]][] = [
      ['search page', () => [renderSearchPage({ response: { query: GIANT_PARAGRAPH, total: 1, results: [hit] }, page: 0, filters: { source: GIANT_PARAGRAPH } }, en)]],
      ['quotation cards', () => [renderQuoteCards([{ quote, article: giantArticle }], 1, en, { query: GIANT_PARAGRAPH, speaker: GIANT_PARAGRAPH })]],
      ['digest', () => renderDigestMessages({ generatedAt: new Date().toISOString(), articleCount: 1, stories: [story, story] }, en, { query: GIANT_PARAGRAPH, title: GIANT_PARAGRAPH })],
      ['article page', () => [renderArticlePage(renderArticlePages(giantArticle, [quote, quote], en), 0, en)]],
      ['safeText', () => [{ allowed_mentions: { parse: [] }, content: truncate(safeText(GIANT_PARAGRAPH), 2000) }]],
    ];
    for (const [name, render] of cases) {
      let payloads: unknown[] = [];
      await expectNoStall(name, () => {
        payloads = render();
      });
      for (const p of payloads) expect(limitProblems(p as any), name).toEqual([]);
    }
  });

  it('splitting is linear: ten times the text is about ten times the work, not a hundred', () => {
    const small = GIANT_PARAGRAPH.slice(0, 20_000);
    // The fastest of several runs: the least disturbed by the other suites sharing the machine.
    const time = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        splitText(text, 3500);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    time(small); // warm up
    const ratio = time(GIANT_PARAGRAPH) / Math.max(time(small), 0.05);
    expect(ratio).toBeLessThan(40);
  });

  it('safeText escapes what discord.js misses: underscores after «<a:» on the same line', () => {
    expect(safeText('<a: انظر _هذا_ و__ذاك__')).not.toMatch(/(^|[^\\])_/);
  });
});

describe('bidi controls and link schemes in user and article text (issue 13, "also")', () => {
  // JSON.stringify leaves these characters as they are (it escapes only C0 controls), so they show in its output.
  const decoded = (m: MessageRecord | null) => JSON.stringify(m ? [m.content, m.embeds, m.components] : null);

  it('the article keeps its words but loses its bidi controls and its javascript: link, in every reply', async () => {
    expect(engine.article('bidi').url).toBeNull();
    // … and in the CLI's JSON, the same article.
    let out = '';
    const stdout = new PassThrough().on('data', (c) => (out += c));
    const code = await cliMain(['article', 'bidi', '--json', '--corpus', corpusDir], { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: root, isTTY: false });
    expect(code).toBe(0);
    expect(JSON.parse(out).url).toBeNull();
    const opened = await sandbox.slash('article', [{ name: 'id', value: 'bidi' }]);
    const flat = decoded(opened.original);
    expectNoBidiControls(flat);
    expect(opened.original!.embeds[0].url).toBeUndefined();
    expect(opened.original!.embeds[0].title).toContain('live');
    expect(flat).not.toContain('javascript:');

    const found = await sandbox.slash('search', [{ name: 'query', value: `زلزال الحوز ${BIDI.join('')}` }]);
    expectNoBidiControls(decoded(found.original));
    // Result footers read as source and date, not ids: the article is the result whose title shows «live».
    const hit = found.original!.embeds.find((e) => e.title.includes('live'));
    expect(hit).toBeDefined();
    expect(hit.url).toBeUndefined();

    const quotes = await sandbox.slash('quote', [{ name: 'query', value: 'الوضع' }]);
    expectNoBidiControls(decoded(quotes.original));

    const choices = await sandbox.autocomplete('article', [{ name: 'id', value: 'زلزال', focused: true }]);
    for (const c of choices) expectNoBidiControls(c.name);
    expect(choices.some((c) => c.value === 'bidi')).toBe(true);
  });

  it('user text echoed in an error keeps our isolate balanced', async () => {
    const unknown = await sandbox.slash('article', [{ name: 'id', value: `\u2069\u202Eabc${BIDI.join('')}` }]);
    expectNoBidiControls(unknown.original!.content);
    const badDate = await sandbox.slash('search', [{ name: 'query', value: 'المغرب' }, { name: 'from', value: '\u2069\u202E2022' }]);
    expectNoBidiControls(badDate.original!.content);
    expect(badDate.original!.content).toContain('\u20682022\u2069');
  });
});
