import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../src/bot/i18n/ar.js';
import { en } from '../src/bot/i18n/en.js';
import { parseSince, UserInputError } from '../src/bot/inputs.js';
import { LIMITS } from '../src/bot/limits.js';
import { renderArticlePage, renderArticlePages } from '../src/bot/render/article.js';
import { renderArticleChoices, renderSpeakerChoices } from '../src/bot/render/choices.js';
import { renderBriefingMessages, renderDigestMessages } from '../src/bot/render/digest.js';
import { embedsTextLength, limitProblems, message } from '../src/bot/render/payload.js';
import { renderQuoteCards } from '../src/bot/render/quotes.js';
import { renderSearchPage } from '../src/bot/render/search.js';
import { safeText } from '../src/bot/render/text.js';
import type { Article } from '../src/corpus/article.js';
import type { Digest } from '../src/digest/types.js';
import { Engine } from '../src/engine/engine.js';
import type { Quote } from '../src/quotes/quote.js';

let engine: Engine;
let seeds: readonly Article[];
const controls = { prevId: 'article:page:0:x', nextId: 'article:page:1:x', shareId: 'share:post:abc' };
const HOSTILE = '**عاجل** __هام__ ~~x~~ ||سر|| `code` [رابط](https://evil.example) @everyone @here <@123456789012345678> <@&42> <#43>\n# عنوان\n> اقتباس\n-# صغير';

beforeAll(async () => {
  engine = await Engine.open({ corpusDir: path.resolve('seeds') });
  seeds = engine.articles();
});

/** Sentences of the seed articles, the raw material for synthetic oversize inputs made of real text. */
function seedSentences(): string[] {
  return seeds.flatMap((a) => a.paragraphs.flatMap((p) => p.split(/(?<=[.!؟])\s+/))).filter((s) => s.length > 20);
}

function oversizeArticle(): Article {
  const base = seeds.flatMap((a) => a.paragraphs);
  return {
    id: 'oversize',
    title: `${seeds[0].title} `.repeat(10).trim(), // ~700 characters: more than an embed title allows
    date: '2022-05-11',
    source: 'د ب أ',
    url: 'https://example.org/a',
    // Four copies of every seed paragraph, plus one 6,000-character paragraph without a full stop.
    paragraphs: [...base, ...base, ...base, ...base, seedSentences().join(' ، ').replace(/[.!؟]/g, '').slice(0, 6000)],
    addedAt: new Date().toISOString(),
  };
}

describe('safeText', () => {
  it('neutralizes markdown and every kind of mention', () => {
    const safe = safeText(HOSTILE);
    expect(safe).not.toMatch(/(^|[^\\])\*\*/); // no unescaped bold
    expect(safe).not.toMatch(/(^|[^\\])__/);
    expect(safe).not.toMatch(/(^|[^\\])\|\|/);
    expect(safe).not.toMatch(/(^|[^\\])`/);
    expect(safe).not.toMatch(/(^|[^\\])\[رابط\]/); // masked link broken
    expect(safe).not.toMatch(/@(everyone|here)/);
    expect(safe).not.toMatch(/<[@#]/);
    expect(safe).not.toMatch(/^#\s/m);
    expect(safe).not.toMatch(/^>/m);
    expect(safe).not.toMatch(/^-#/m);
    // The Arabic words themselves are all still there.
    for (const word of ['عاجل', 'هام', 'سر', 'رابط', 'عنوان', 'اقتباس', 'صغير']) expect(safe).toContain(word);
  });
});

describe('article pages', () => {
  it('keep every limit for every seed article, and show all of its words', () => {
    for (const article of seeds) {
      const pages = renderArticlePages(article, engine.quotesFor(article.id), en);
      pages.forEach((_, i) => expect(limitProblems(renderArticlePage(pages, i, en, controls))).toEqual([]));
      const shown = pages.map((p) => p.description ?? '').join(' ').split(/\s+/).filter(Boolean);
      const expected = article.paragraphs.map(safeText).join(' ').split(/\s+/).filter(Boolean);
      expect(shown).toEqual(expected);
    }
  });

  it('page a synthetic oversize article (long title, 40 quotations, a paragraph with no sentence end) within limits', () => {
    const article = oversizeArticle();
    const sentences = seedSentences();
    const quotes: Quote[] = Array.from({ length: 40 }, (_, i) => ({
      articleId: article.id,
      text: sentences[i % sentences.length].repeat(i % 7 === 0 ? 8 : 1), // some longer than a field allows
      speaker: i % 3 === 0 ? null : 'ناصر بوريطة',
      speakerRole: i % 2 === 0 ? 'وزير الخارجية المغربي' : null,
      paragraph: 0,
    }));
    const pages = renderArticlePages(article, quotes, en);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((_, i) => expect(limitProblems(renderArticlePage(pages, i, en, controls))).toEqual([]));
    const fields = pages.flatMap((p) => p.fields ?? []).filter((f) => f.value.startsWith('«'));
    expect(fields).toHaveLength(40);
    // Nothing lost from the body: the words of every page, in order, are the article's words.
    const shown = pages.map((p) => p.description ?? '').join(' ').split(/\s+/).filter(Boolean);
    expect(shown).toEqual(article.paragraphs.map(safeText).join(' ').split(/\s+/).filter(Boolean));
  });

  it('neutralize mentions and markdown inside the article text and title', () => {
    const article: Article = { ...seeds[0], id: 'hostile', title: HOSTILE, paragraphs: [HOSTILE, ...seeds[0].paragraphs] };
    const payload = renderArticlePage(renderArticlePages(article, [], en), 0, en, controls);
    const text = JSON.stringify(payload.embeds);
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&|<#\d/);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('search page', () => {
  it('renders real results within limits with the engine snippet marks kept and mentions neutralized', () => {
    const response = engine.search('الإرهاب', { limit: 5 });
    expect(response.results.length).toBeGreaterThan(0);
    const payload = renderSearchPage({ response, page: 0 }, en, { prevId: 'p', nextId: 'n', shareId: 's', openId: 'o' });
    expect(limitProblems(payload)).toEqual([]);
    expect(payload.embeds!.some((e) => /\*\*[^*]+\*\*/.test(e.description ?? ''))).toBe(true);

    const hostile = { ...response, query: HOSTILE, results: [{ ...response.results[0], title: HOSTILE, snippet: `${'كلمة '.repeat(400)} @everyone <@1>` }] };
    const rendered = renderSearchPage({ response: hostile, page: 0 }, en);
    expect(limitProblems(rendered)).toEqual([]);
    expect(JSON.stringify(rendered)).not.toMatch(/@everyone|<@\d/);
  });

  it('says so when nothing matches', () => {
    const payload = renderSearchPage({ response: { query: 'xyz', total: 0, results: [] }, page: 0 }, ar);
    expect(payload.content).toContain(ar.searchNoResults);
    expect(payload.components).toBeUndefined();
  });
});

describe('digest messages', () => {
  function bigDigest(stories: number): Digest {
    const sentences = seedSentences();
    return {
      generatedAt: new Date().toISOString(),
      articleCount: stories * 2,
      stories: Array.from({ length: stories }, (_, i) => ({
        title: `${i + 1}. ${seeds[i % seeds.length].title}`,
        articleIds: [seeds[i % seeds.length].id],
        summary: [0, 1, 2].map((k) => sentences[(i * 3 + k) % sentences.length]),
        quote: { text: sentences[(i + 7) % sentences.length], speaker: i % 2 ? 'أنتوني بلينكن' : null, articleId: seeds[0].id },
        sourceCount: 1 + (i % 4),
      })),
    };
  }

  it('spread a long digest over several messages, each within limits, every story once and in order', () => {
    const digest = bigDigest(40);
    const messages = renderDigestMessages(digest, en);
    expect(messages.length).toBeGreaterThan(3); // 40 stories: at least 4 messages of ≤ 10 embeds
    for (const m of messages) {
      expect(limitProblems(m)).toEqual([]);
      expect(embedsTextLength(m.embeds ?? [])).toBeLessThanOrEqual(LIMITS.embedTotal);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    const titles = messages.flatMap((m) => m.embeds ?? []).map((e) => e.title);
    expect(titles).toEqual(digest.stories.map((s) => safeText(s.title)));
  });

  it('renderBriefingMessages uses the briefing language, and an empty digest is one short line', () => {
    const digest = bigDigest(3);
    const arabic = renderBriefingMessages(digest, 'ar', { title: 'نشرة الصباح' });
    expect(arabic[0].content).toContain('نشرة الصباح');
    expect(arabic[0].content).toContain(ar.digestSummary(3, 6, 0));
    expect(arabic[0].embeds![0].fields!.some((f) => f.name === ar.source)).toBe(true);
    const empty = renderBriefingMessages({ generatedAt: '', articleCount: 0, stories: [] }, 'en');
    expect(empty).toHaveLength(1);
    expect(empty[0].embeds).toBeUndefined();
    expect(empty[0].content).toContain(en.digestEmpty);
  });
});

describe("digest messages: the stories' dates", () => {
  const story = (over: Partial<Digest['stories'][number]>): Digest['stories'][number] => ({
    title: seeds[0].title,
    articleIds: [seeds[0].id],
    summary: seedSentences().slice(0, 2),
    quote: null,
    sourceCount: 2,
    ...over,
  });
  const digestOfStories = (stories: Digest['stories']): Digest => ({ generatedAt: new Date().toISOString(), articleCount: 4, stories });

  it('show the publication day, a range of days, or the day without a year, in a Date field and the compact line', () => {
    const messages = renderDigestMessages(
      digestOfStories([
        story({ published: { first: '2015-07-24', last: '2015-07-24' } }),
        story({ published: { first: '2015-07-22', last: '2015-07-24' } }),
        story({ publishedDayWithoutYear: { month: 5, day: 12, weekday: 4 } }),
        story({}),
      ]),
      en,
    );
    const dates = messages[0].embeds!.map((e) => e.fields!.find((f) => f.name === en.date)?.value);
    expect(dates).toEqual(['2015-07-24', '2015-07-22 – 2015-07-24', en.dayWithoutYear(4, 12, 5), undefined]);
    expect(limitProblems(messages[0])).toEqual([]);
    const compact = renderDigestMessages(digestOfStories([story({ published: { first: '2015-07-22', last: '2015-07-24' } }), story({})]), ar, { format: 'compact' });
    const lines = compact[0].embeds![0].description!.split('\n\n');
    expect(lines[0]).toContain(`${ar.digestSources(2)} · 2015-07-22 – 2015-07-24`);
    expect(lines[1].endsWith(ar.digestSources(2))).toBe(true);
  });
});

describe('quote cards and autocomplete choices', () => {
  it('show at most five cards within limits, with the words in guillemets and the speaker as author', () => {
    const sentences = seedSentences();
    const cards = Array.from({ length: 12 }, (_, i) => ({
      quote: { articleId: seeds[i % 5].id, text: sentences[i].repeat(i === 3 ? 20 : 1), speaker: i % 2 ? 'ناصر بوريطة' : null, speakerRole: 'وزير', paragraph: 0 },
      article: seeds[i % 5],
    }));
    const payload = renderQuoteCards(cards.slice(0, 5), 12, en, { controls: { prevId: 'quote:page:k:-1', nextId: 'quote:page:k:1', shareId: 'share:post:x' } });
    expect(limitProblems(payload)).toEqual([]);
    expect(payload.embeds).toHaveLength(5);
    expect(payload.content).toContain(en.quotesSummary(1, 5, 12));
    expect(payload.components![0].components).toHaveLength(3); // Prev, Next, Share
    expect(payload.embeds![0].description!.startsWith('«')).toBe(true);
    expect(payload.embeds![0].author!.name).toBe(en.quoteUnattributed);
    expect(payload.embeds![1].author!.name).toBe('ناصر بوريطة — وزير');
  });

  it('autocomplete: at most 25 choices of 1–100 characters; ids too long for a value are left out', () => {
    const suggestions = Array.from({ length: 40 }, (_, i) => ({ id: i === 0 ? 'x'.repeat(101) : `id-${i}`, title: `${seeds[i % 5].title} `.repeat(5) }));
    const choices = renderArticleChoices(suggestions);
    expect(choices).toHaveLength(25);
    expect(choices.map((c) => c.value)).not.toContain('x'.repeat(101));
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
    expect(renderSpeakerChoices(['  ناصر   بوريطة ', '', 'ب'.repeat(120)])).toEqual([{ name: 'ناصر بوريطة', value: 'ناصر بوريطة' }]);
  });
});

describe('limitProblems (the test oracle) and message()', () => {
  it('catches oversize payloads, and message() trims content to 2,000', () => {
    expect(limitProblems({ allowed_mentions: { parse: [] }, embeds: Array.from({ length: 11 }, () => ({ title: 'x' })) })).not.toEqual([]);
    expect(limitProblems({ allowed_mentions: { parse: [] }, content: 'x'.repeat(2001) })).not.toEqual([]);
    const m = message({ content: seedSentences().join(' ').repeat(3) });
    expect(m.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('interface strings', () => {
  it('Arabic and English have the same keys (nested too)', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k])).sort();
    expect(keys(ar)).toEqual(keys(en));
  });
});

describe('parseSince (/digest now since:)', () => {
  const now = new Date('2022-05-12T12:00:00Z');
  it('accepts relative periods, days, ISO times and all', () => {
    expect(parseSince(undefined, now)!.toISOString()).toBe('2022-05-11T12:00:00.000Z'); // default 24h
    expect(parseSince('7d', now)!.toISOString()).toBe('2022-05-05T12:00:00.000Z');
    expect(parseSince('90m', now)!.toISOString()).toBe('2022-05-12T10:30:00.000Z');
    expect(parseSince('2w', now)!.toISOString()).toBe('2022-04-28T12:00:00.000Z');
    expect(parseSince('2022-05-11', now)!.toISOString()).toBe('2022-05-11T00:00:00.000Z');
    expect(parseSince('2022-05-11T08:00+01:00', now)!.toISOString()).toBe('2022-05-11T07:00:00.000Z');
    expect(parseSince('all', now)).toBeNull();
    expect(parseSince('الكل', now)).toBeNull();
  });
  it('refuses what it cannot read, impossible days and the future', () => {
    for (const bad of ['yesterday', '2022-02-30', '24', '7 days', '2022-05-13', '2022-05-11T08:00']) {
      expect(() => parseSince(bad, now), bad).toThrow(UserInputError);
    }
  });
});
