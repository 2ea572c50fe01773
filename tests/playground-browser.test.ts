// The playground in a real browser: `npm start` without a token (the built dist/src/main.js, as a newcomer runs it)
// over a temporary copy of the seeds, and headless Debian Chromium driven by playwright-core through the page —
// slash commands with the bot's own autocomplete, buttons, menus, private replies, sharing, permissions and a
// scheduled briefing arriving in #briefings. Each step leaves a screenshot in test-output/playground/.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium as playwright, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/bot/i18n/en.js';
import { CHROMIUM, chromium } from './support/prerequisites.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'playground');
const browserReady = chromium();

// An article the team adds while the playground runs (written by us for this test, not taken from any outlet).
const NEW_ARTICLE_TITLE = 'افتتاح معرض الرباط الدولي للكتاب بمشاركة ناشرين من أربعين بلدا';
const NEW_ARTICLE = `${NEW_ARTICLE_TITLE}

الرباط ـ افتتح وزير الثقافة المغربي، صباح اليوم، معرض الرباط الدولي للكتاب في دورته الجديدة، بمشاركة أكثر من سبعمائة ناشر من أربعين بلدا.

وقال الوزير في كلمة الافتتاح إن "المعرض موعد سنوي يجمع القراء والكتاب والناشرين حول الكتاب العربي".

ويستمر المعرض عشرة أيام، ويتضمن برنامجه ندوات ولقاءات مع كتاب من المغرب والعالم العربي.
`;

// Two more reports (ours too), so that a search for «الإرهاب» has a second page to go to.
const MORE_ARTICLES: Record<string, string> = {
  'sahel-workshop.txt': `ورشة إقليمية حول مكافحة الإرهاب في منطقة الساحل

نواكشوط ـ انطلقت اليوم ورشة إقليمية حول مكافحة الإرهاب في منطقة الساحل، بمشاركة خبراء أمنيين من عدة بلدان إفريقية.

وناقش المشاركون سبل تبادل المعلومات وتعزيز قدرات المراقبة على الحدود لمواجهة الجماعات الإرهابية.
`,
  'prevention-conference.txt': `مؤتمر دولي حول الوقاية من التطرف العنيف

تونس ـ يستضيف مؤتمر دولي هذا الأسبوع باحثين ومسؤولين لبحث الوقاية من التطرف العنيف ومكافحة الإرهاب عبر التعليم والإعلام.

وأكد المنظمون أن المقاربة الوقائية تكمل الجهود الأمنية في محاربة الإرهاب.
`,
};

let child: ChildProcess;
let output = '';
let baseUrl: string;
let root: string;
let corpusDir: string;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const outsideRequests: string[] = [];
let step = 0;

async function shot(name: string): Promise<void> {
  step++;
  await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
}

/** Waits for a line of the child's stdout matching `re`. */
function waitForOutput(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no ${re} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    const check = () => {
      const m = re.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(m);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}; output:\n${output}`)));
    check();
  });
}

async function control<T = any>(route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/_sandbox/${route}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as T;
}

/** All the text of an element, its components' shadow DOM included (embed titles, "Only you can see this"). */
function deepText(locator: Locator): Promise<string> {
  // Runs in the page (DOM types are not in this project's TypeScript lib, hence `any`).
  return locator.evaluate((root: any) => {
    const parts: string[] = [];
    const walk = (node: any) => {
      if (node.nodeType === 3) parts.push(node.textContent ?? '');
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
      node.childNodes.forEach(walk);
    };
    walk(root);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

const messages = () => page.locator('#messages > discord-message');
const lastMessage = () => messages().last();

/** Picks a command in the composer: types «/» and the start of its name, then the entry. */
async function pickCommand(typed: string, entry: string): Promise<void> {
  const input = page.locator('#input');
  await input.click();
  await input.pressSequentially(`/${typed}`);
  await page.locator('.popup-item .name', { hasText: new RegExp(`^/${entry}$`) }).click();
}

const option = (name: string) => page.locator(`label[data-option="${name}"] input`);

/** Waits until the newest message is the complete reply to what was just sent (not "thinking…"). */
async function waitForReply(count: number, text?: string | RegExp): Promise<Locator> {
  await expect.poll(() => messages().count(), { timeout: 15_000 }).toBeGreaterThan(count);
  const reply = lastMessage();
  await expect.poll(async () => (await reply.locator('.thinking').count()) === 0, { timeout: 15_000 }).toBe(true);
  if (text) await expect.poll(() => deepText(reply), { timeout: 15_000 }).toMatch(text);
  return reply;
}

describe.skipIf(browserReady.skip)(`the playground, in headless Chromium${browserReady.note}`, () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    root = await mkdtemp(path.join(tmpdir(), 'nashra-playground-'));
    corpusDir = path.join(root, 'articles');
    await cp(path.join(ROOT, 'seeds'), corpusDir, { recursive: true });
    for (const [name, text] of Object.entries(MORE_ARTICLES)) await writeFile(path.join(corpusDir, name), text);
    // Every setting explicit: a developer's .env (dotenv never overrides what is set) cannot turn this into a real bot.
    const env = {
      ...process.env, DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '', DISCORD_GUILD_ID: '', DISCORD_API_URL: '',
      ARTICLES_DIR: corpusDir, DATA_DIR: path.join(root, 'data'), SANDBOX_PORT: '0', BOT_LOCALE: 'en',
      BRIEFING_TIMEZONE: 'Africa/Casablanca', BRIEFING_LOG_CHANNEL_ID: '', BRIEFING_WHEN_EMPTY: 'line', BRIEFING_MAX_PER_GUILD: '10',
    };
    child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    const [, url] = await waitForOutput(/Nashra's playground: (http:\/\/127\.0\.0\.1:\d+)\//, 45_000);
    baseUrl = url;

    // A fresh profile folder (playwright passes it as --user-data-dir). Without the background-networking flags
    // Chromium keeps calling home, which on a closed network only floods it.
    browser = await playwright.launchPersistentContext(path.join(root, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('request', (request) => { if (!request.url().startsWith(baseUrl)) outsideRequests.push(request.url()); });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('prints the address, the channel ids and a /digest subscribe example at start-up', async () => {
    const info = await control('info');
    expect(output).toContain(`#general    ${info.channelId}`);
    expect(output).toContain(`#briefings  ${info.briefingsChannelId}`);
    expect(output).toContain(`{"name":"channel","value":"${info.briefingsChannelId}"},{"name":"cron","value":"0 8 * * *"}`);
    expect(output).toMatch(/demo briefing is scheduled in #briefings every 15 minutes/);
  });

  it('drives the bot like Discord: search, next page, article, quote, share, digest, permissions, a briefing', async () => {
    const info = await control('info');
    await page.goto(`${baseUrl}/`);
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 10_000 }).toBe('live');
    // The Arabic webfont is the package's, served by the sandbox, and in use.
    await page.evaluate('document.fonts.ready');
    expect(await page.evaluate(`document.fonts.check('16px "IBM Plex Sans Arabic"', 'نشرة')`)).toBe(true);

    // 1. /search with an Arabic query, suggestions from the bot's autocomplete as it is typed.
    await pickCommand('se', 'search');
    await option('query').pressSequentially('الإرهاب');
    const suggestions = page.locator('.popup-item .name');
    await expect.poll(() => page.locator('.popup-title').textContent(), { timeout: 10_000 }).toContain('suggestions from Nashra');
    await expect.poll(() => suggestions.count()).toBeGreaterThan(1);
    expect(await suggestions.first().innerText()).toBe('الإرهاب');
    await shot('search-autocomplete');
    let count = await messages().count();
    await option('query').press('Enter');
    const results = await waitForReply(count, en.page(1, 2));
    expect(await results.getAttribute('ephemeral')).not.toBeNull();
    expect(await results.locator('discord-embed').count()).toBe(5); // a page of five, of seven results
    expect(await deepText(results)).toContain('Only you can see this');
    // Arabic lines run right to left: an RTL title ends (its rank «1.») on the right.
    const titleDirection = await results.locator('discord-embed').first().evaluate((embed: any) => {
      const title = embed.shadowRoot.querySelector('.discord-embed-title span');
      const box = embed.shadowRoot.querySelector('.discord-embed-title').getBoundingClientRect();
      const rects: { right: number }[] = [...title.getClientRects()];
      return { unicodeBidi: (globalThis as any).getComputedStyle(title.parentElement).unicodeBidi as string, right: Math.max(...rects.map((r) => r.right)), boxRight: box.right as number };
    });
    expect(titleDirection.unicodeBidi).toBe('plaintext');
    expect(Math.abs(titleDirection.right - titleDirection.boxRight)).toBeLessThan(2);
    await shot('search-results');

    // 2. Next: the same private message is updated in place.
    const resultsId = await results.getAttribute('data-id');
    await results.locator('discord-button', { hasText: en.next }).click();
    const page2 = page.locator(`discord-message[data-id="${resultsId}"]`);
    await expect.poll(() => deepText(page2), { timeout: 10_000 }).toContain(en.page(2, 2));
    await shot('search-next');

    // 3. Open an article from the result menu.
    count = await messages().count();
    await page2.locator('discord-string-select-menu').click();
    await page2.locator('discord-string-select-menu-option').first().click();
    const article = await waitForReply(count);
    expect(await article.locator('discord-embed').count()).toBeGreaterThan(0);
    await shot('article');

    // 4. /quote with a speaker picked from the bot's autocomplete.
    await pickCommand('qu', 'quote');
    await page.locator('[data-add-option="speaker"]').click();
    await option('speaker').pressSequentially('بوريط');
    const speaker = page.locator('.popup-item .name', { hasText: 'بوريطة' }).first();
    await speaker.waitFor({ timeout: 10_000 });
    await shot('quote-autocomplete');
    await speaker.click();
    expect(await option('speaker').inputValue()).toContain('بوريطة');
    count = await messages().count();
    await option('speaker').press('Enter');
    const quotes = await waitForReply(count, /بوريطة/);
    await shot('quote');

    // 5. Share in channel: a message everyone sees, headed by who shared it.
    count = await messages().count();
    await quotes.locator('discord-button', { hasText: en.share }).click();
    const shared = await waitForReply(count, /Shared by @Layla/);
    expect(await shared.getAttribute('ephemeral')).toBeNull();
    const inChannel = await control<any[]>(`messages?channel=${info.channelId}`);
    expect(inChannel.some((m) => m.content.startsWith(en.sharedBy(`<@${info.userId}>`)))).toBe(true);
    await shot('shared');

    // 6. /digest now.
    await pickCommand('dig', 'digest now');
    count = await messages().count();
    await page.locator('[data-add-option="since"]').click();
    await option('since').fill('all');
    await option('since').press('Enter');
    const digest = await waitForReply(count, new RegExp(en.digestTitle));
    expect(await digest.locator('discord-embed').count()).toBeGreaterThan(1);
    await shot('digest-now');

    // 7. Omar has no Manage Server: /digest subscribe is refused, privately.
    await page.locator('#member').selectOption(info.readerId);
    await expect.poll(() => page.locator('#me-perms').innerText()).toBe('no Manage Server');
    await page.locator(`#messages[data-channel="${info.channelId}"]`).waitFor(); // the feed as this member sees it
    await pickCommand('digest s', 'digest subscribe');
    await option('channel').pressSequentially('brief');
    await page.locator('.popup-item .name', { hasText: '#briefings' }).click();
    await option('cron').fill('0 8 * * *');
    count = await messages().count();
    await option('cron').press('Enter');
    const refused = await waitForReply(count, new RegExp(en.errorNeedsManageServer));
    expect(await refused.getAttribute('ephemeral')).not.toBeNull();
    await shot('subscribe-refused');

    // 8. Layla (Manage Server) subscribes #briefings.
    await page.locator('#member').selectOption(info.userId);
    await expect.poll(() => page.locator('#me-perms').innerText()).toBe('Manage Server ✓');
    await page.locator(`#messages[data-channel="${info.channelId}"]`).waitFor(); // the feed as this member sees it
    await pickCommand('digest s', 'digest subscribe');
    await option('channel').pressSequentially('brief');
    await page.locator('.popup-item .name', { hasText: '#briefings' }).click();
    await option('cron').fill('0 7 * * *');
    count = await messages().count();
    await option('cron').press('Enter');
    const subscribed = await waitForReply(count, /Scheduled briefing #\d+ created/);
    const subscriptionId = Number(/#(\d+) created/.exec(await deepText(subscribed))![1]);
    await shot('subscribed');

    // 9. An article arrives in the corpus; "Post the next briefing now" brings it to #briefings, live.
    await writeFile(path.join(corpusDir, 'rabat-book-fair.txt'), NEW_ARTICLE);
    await expect.poll(async () => (await control<any[]>('autocomplete', { name: 'article', options: [{ name: 'id', value: 'معرض الرباط', focused: true }] })).map((c) => c.value), { timeout: 15_000 })
      .toContain('rabat-book-fair');
    await page.locator('#channels li', { hasText: 'briefings' }).click();
    await page.locator(`#messages[data-channel="${info.briefingsChannelId}"]`).waitFor();
    const before = await messages().count();
    await page.locator('button[data-control="post-next-briefing"]').click();
    await expect.poll(() => page.locator('#notice').innerText(), { timeout: 15_000 }).toContain(`#${subscriptionId}`);
    await expect.poll(() => messages().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect.poll(() => deepText(page.locator('#messages')), { timeout: 15_000 }).toContain(NEW_ARTICLE_TITLE);
    const inBriefings = await control<any[]>(`messages?channel=${info.briefingsChannelId}`);
    expect(inBriefings.some((m) => JSON.stringify(m.embeds).includes(NEW_ARTICLE_TITLE))).toBe(true);
    await shot('briefing-arrived');

    // Nothing the bot sent broke a Discord rule; the page loaded nothing from outside the sandbox; no page errors.
    expect(await control('violations')).toEqual([]);
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
