import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/bot/limits.js';
import { splitText, truncate } from '../src/bot/split.js';

const SEED_DIR = path.resolve('seeds');
const SEEDS = readdirSync(SEED_DIR).sort().map((f) => readFileSync(path.join(SEED_DIR, f), 'utf8').normalize('NFKC'));
const LONGEST = SEEDS.reduce((a, b) => (b.length > a.length ? b : a));

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('splitText', () => {
  it.each([LIMITS.content, LIMITS.fieldValue, LIMITS.embedDescription, 300])(
    'splits the longest seed article into chunks of at most %i characters, losing and cutting no word',
    (max) => {
      const chunks = splitText(LONGEST, max);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
      // Same words in the same order: nothing lost, nothing cut in half.
      expect(chunks.flatMap(words)).toEqual(words(LONGEST));
    },
  );

  it('prefers paragraph boundaries: a text of short paragraphs is cut only between them', () => {
    const paragraphs = LONGEST.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && p.length < 500);
    const text = paragraphs.join('\n\n');
    for (const chunk of splitText(text, 1000)) {
      for (const piece of chunk.split('\n\n')) expect(paragraphs).toContain(piece);
    }
  });

  it('cuts a long Arabic paragraph after a sentence end (. ؟ !) rather than mid-sentence', () => {
    // The seeds' longest paragraph, several sentences long.
    const paragraph = LONGEST.split('\n').reduce((a, b) => (b.length > a.length ? b : a)).trim();
    const max = Math.floor(paragraph.length / 2) + 20;
    const chunks = splitText(paragraph, max);
    expect(chunks.length).toBeGreaterThan(1);
    const sentenceEnds = (paragraph.match(/[.!?؟…؛]\s/g) ?? []).length;
    if (sentenceEnds > 0) expect(chunks[0]).toMatch(/[.!?؟…؛]$/);
  });

  it('handles a synthetic oversize text: 30,000 characters of seed text, a 5,000-character "word", no spaces at all', () => {
    const huge = SEEDS.join('\n\n').repeat(2).slice(0, 30_000);
    const chunks = splitText(huge, LIMITS.content);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(LIMITS.content);
    expect(chunks.flatMap(words)).toEqual(words(huge));

    const url = `https://example.org/${'ا'.repeat(5000)}`;
    const withUrl = splitText(`بداية النص ${url} نهاية النص`, 1000);
    for (const c of withUrl) expect(c.length).toBeLessThanOrEqual(1000);
    // Only the one word longer than the limit is cut; the short words around it stay whole.
    expect(withUrl[0].startsWith('بداية النص')).toBe(true);
    expect(withUrl.at(-1)!.endsWith('نهاية النص')).toBe(true);
    expect(withUrl.join('').replace(/\s/g, '')).toBe(`بداية النص ${url} نهاية النص`.replace(/\s/g, ''));
  });

  it('never splits a surrogate pair (emoji) when it must cut inside a word', () => {
    const emoji = '📰'.repeat(100);
    for (const c of splitText(emoji, 15)) expect(c).toMatch(/^(📰)+$/u);
  });

  it('gives no chunk for blank text', () => {
    expect(splitText('  \n\n ', 100)).toEqual([]);
  });
});

describe('truncate', () => {
  it('ends on a word boundary with an ellipsis, within the limit', () => {
    const text = SEEDS[0];
    for (const max of [100, 256, 1024]) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      const lastWord = words(cut.slice(0, -1)).at(-1)!;
      expect(words(text)).toContain(lastWord); // the last word kept is a whole word of the text
    }
  });

  it('leaves short text alone', () => {
    expect(truncate('نص قصير', 100)).toBe('نص قصير');
  });

  it('does not leave an unpaired ** mark or a dangling escape', () => {
    const snippet = 'أكد وزير الخارجية أن **المغرب** شريك في محاربة **الإرهاب** في المنطقة';
    for (let max = 10; max < snippet.length; max++) {
      const cut = truncate(snippet, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect((cut.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
    expect(truncate('abc \\*def ghi', 7)).not.toMatch(/\\…$/);
  });
});
