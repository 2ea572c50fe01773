/**
 * Issue 9, round 14: «صباح» is the morning («صباح اليوم») and ends a verb's subject, but also a given name (Kuwait's
 * ruling family among others). Statements of «رئيس الوزراء الكويتي الشيخ صباح الخالد» had no speaker at all.
 * Short passages written for the tests, in the style of pan-Arab wire copy, not copied.
 */
import { describe, expect, it } from 'vitest';
import { articleOf as article } from './support/articles.js';
import { extractQuotes } from '../src/quotes/extract.js';

const said = (paragraph: string) => extractQuotes(article(paragraph)).map((q) => ({ speaker: q.speaker, role: q.speakerRole ?? null, kind: q.speakerKind }));
const STATEMENT = '"الحكومة ماضية في الإصلاحات الاقتصادية مهما كانت الصعوبات".';

describe('round 14: «صباح» as a given name', () => {
  it('after a role and an honorific, after a nisba, after an honorific alone', () => {
    expect(said(`وقال رئيس الوزراء الكويتي الشيخ صباح الخالد للصحفيين: ${STATEMENT}`)).toEqual([{ speaker: 'صباح الخالد', role: 'رئيس الوزراء الكويتي', kind: 'person' }]);
    expect(said(`وأكد رئيس الوزراء الكويتي صباح الخالد أن ${STATEMENT}`)).toEqual([{ speaker: 'صباح الخالد', role: 'رئيس الوزراء الكويتي', kind: 'person' }]);
    expect(said(`وقال الشيخ صباح الأحمد في كلمته: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['صباح الأحمد']);
  });

  it('the morning stays a time: «صباح اليوم»، «صباح الخميس»، «صباح أمس» after a role name no one', () => {
    for (const when of ['صباح اليوم إن', 'صباح الخميس أن', 'صباح أمس:', 'صباح الأربعاء للصحفيين:']) {
      expect(said(`وقال وزير الداخلية اللبناني ${when} ${STATEMENT}`)).toEqual([{ speaker: null, role: 'وزير الداخلية اللبناني', kind: 'unnamed' }]);
    }
    expect(said(`وقال اللواء منصور التركي صباح اليوم: ${STATEMENT}`).map((q) => q.speaker)).toEqual(['منصور التركي']);
  });
});
