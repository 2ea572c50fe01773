/**
 * Outlets' formulas (src/digest/formulas.ts) on statements shaped like the interior ministry's execution notices
 * (written for these tests, not taken from any outlet; the names are made up): the same opening, the same verse,
 * the same court formula, and the convict, the drug and the town as the only difference. Two such statements of
 * one outlet about different convicts must be two stories, and must be one without the formula statistics (else
 * the test would pass whatever the code does); two outlets' copies of one statement must still be one story; the
 * verse is not summary material.
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { buildDigest } from '../src/digest/digest.js';
import { FormulaSketch, formulaMask, formulaSketchOf, formulaShare, reportShingles, shingleKeys } from '../src/digest/formulas.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import { analyzeArticle } from '../src/digest/vectors.js';
import { EARLIER, type Execution, FIRST, OUTLET_A, OUTLET_B, SECOND, TODAY, VERSE, executionStatement } from './support/execution-statements.js';

function statement(id: string, source: string, day: string, e: Execution, dateline = ''): Article {
  return { id, ...executionStatement(e, dateline), date: day, source, url: null, addedAt: `${day}T10:00:00.000Z` };
}

const A = OUTLET_A;
const B = OUTLET_B;
const history: Article[] = EARLIER.flatMap(([day, e], k) => [statement(`a-old-${k}`, A, day, e), statement(`b-old-${k}`, B, day, e, 'الرياض - واس: ')]);
const a1 = statement('a-first', A, TODAY, FIRST);
const a2 = statement('a-second', A, TODAY, SECOND);
const b1 = statement('b-first', B, TODAY, FIRST, 'الرياض - واس: ');

const corpus = [...history, a1, a2, b1];
const termStatistics = termStatisticsOf(corpus);
const sketch = () => formulaSketchOf(corpus.map(analyzeArticle));

function storiesOf(formulas: FormulaSketch | undefined): string[][] {
  const digest = buildDigest({ articles: [a1, a2, b1], termStatistics, quotesByArticle: new Map(), formulaStatistics: formulas, now: new Date(`${TODAY}T12:00:00Z`) });
  return digest.stories.map((s) => [...s.articleIds].sort());
}

describe('outlet formula statistics', () => {
  it('counts a shingle once per day of its outlet: not again for a copy, a second report that day or another outlet', () => {
    const s = new FormulaSketch();
    const [key] = [...reportShingles(analyzeArticle(a1))];
    s.add(analyzeArticle(statement('x1', A, '2015-07-02', EARLIER[0][1])));
    s.add(analyzeArticle(statement('x2', A, '2015-07-02', EARLIER[1][1]))); // same day: the shared shingles not again
    expect(s.daysWith(key)).toBe(1);
    s.add(analyzeArticle(statement('x3', A, '2015-07-09', EARLIER[0][1]))); // a copy of x1, a week later
    expect(s.copies).toBe(1);
    expect(s.daysWith(key)).toBe(1);
    s.add(analyzeArticle(statement('y1', B, '2015-07-15', EARLIER[2][1]))); // another outlet: its own keys
    expect(s.daysWith(key)).toBe(1);
    s.add(analyzeArticle(statement('x4', A, '2015-07-15', EARLIER[2][1])));
    expect(s.daysWith(key)).toBe(2);
  });

  it('folds the outlet into the key and needs a whole shingle', () => {
    const terms = ['زار', 'داخل', 'تنفيذ', 'حكم', 'قتل', 'تعزيرا'];
    expect(shingleKeys(1, terms)).toHaveLength(1);
    expect(shingleKeys(1, terms)).not.toEqual(shingleKeys(2, terms));
    expect(shingleKeys(1, terms.slice(0, 5))).toHaveLength(0);
  });

  it('marks the verse and the court formula as formula, not the sentence that names the convict and the town', () => {
    const stats = sketch();
    const doc = analyzeArticle(a1);
    const mask = formulaMask(doc, stats);
    const verse = doc.sentences.findIndex((s) => s.text.includes('يصلبوا'));
    const court = doc.sentences.findIndex((s) => s.text.includes('المحكمة العليا'));
    const executed = doc.sentences.findIndex((s) => s.text.includes('وقد تم تنفيذ'));
    expect(formulaShare(mask, verse)).toBeGreaterThan(0.8);
    expect(formulaShare(mask, court)).toBeGreaterThan(0.8);
    // The name and the town are this report's own: whatever of its sentence is formula, they stay.
    const names = doc.sentences[executed].terms.flatMap((t, i) => (mask.sentences[executed][i] ? [] : [t]));
    expect(names.join(' ')).toMatch(/خالد/);
    expect(names.join(' ')).toMatch(/خرج/);
  });
});

describe('stories with outlet formulas', () => {
  it('without the statistics one outlet’s two statements about different convicts share a story (what the test guards)', () => {
    const stories = storiesOf(undefined);
    expect(stories.some((s) => s.includes('a-first') && s.includes('a-second'))).toBe(true);
  });

  it('with them the two convicts are two stories, and the two outlets’ copies of one statement stay one', () => {
    const stories = storiesOf(sketch());
    expect(stories.some((s) => s.includes('a-first') && s.includes('a-second'))).toBe(false);
    expect(stories).toContainEqual(['a-first', 'b-first']);
  });

  it('does not take the verse, a formula sentence, for a summary (it does without the statistics)', () => {
    const summaryOf = (formulas: FormulaSketch | undefined) => {
      const digest = buildDigest({ articles: [a1, b1], termStatistics, quotesByArticle: new Map(), formulaStatistics: formulas, now: new Date(`${TODAY}T12:00:00Z`) });
      expect(digest.stories).toHaveLength(1);
      return digest.stories[0].summary.join(' ');
    };
    expect(summaryOf(undefined)).toMatch(/يصلبوا/);
    const summary = summaryOf(sketch());
    expect(summary).not.toMatch(/يصلبوا/);
    expect(summary).not.toMatch(/المحكمة العليا/);
    expect(summary).toMatch(/خالد جميل منصور/);
  });
});

describe('a story that is nothing but its outlet’s formula', () => {
  // Today's report gives the formula sentences and one sentence of its own that leans on them («وأضاف البيان…»):
  // no sentence of its own can open a summary, so the formula's lead is the summary (better than none).
  const court = executionStatement(FIRST).paragraphs[3];
  const bare: Article = {
    id: 'a-bare',
    title: 'الداخلية تصدر بيانا بشأن تنفيذ حكم القتل تعزيرا',
    paragraphs: [
      'أصدرت وزارة الداخلية اليوم بياناً بشأن تنفيذ حكم القتل تعزيراً في أحد مهربي المخدرات بمنطقة الرياض، فيما يلي نصه:',
      VERSE,
      court,
      'وأضاف البيان أن الجهات المختصة ستواصل جهودها في ملاحقة شبكات التهريب على امتداد الحدود الجنوبية.',
    ],
    date: TODAY,
    source: A,
    url: null,
    addedAt: `${TODAY}T10:00:00.000Z`,
  };
  const bareCorpus = [...history, bare];

  it('opens its summary on the formula lead rather than giving no summary', () => {
    const stats = formulaSketchOf(bareCorpus.map(analyzeArticle));
    const doc = analyzeArticle(bare);
    const mask = formulaMask(doc, stats);
    // What the test guards: every sentence that could open the summary is formula.
    const opening = doc.sentences.findIndex((s) => s.text.startsWith('أصدرت وزارة الداخلية'));
    expect(formulaShare(mask, opening)).toBeGreaterThan(0);
    const digest = buildDigest({ articles: [bare], termStatistics: termStatisticsOf(bareCorpus), quotesByArticle: new Map(), formulaStatistics: stats, now: new Date(`${TODAY}T12:00:00Z`) });
    expect(digest.stories).toHaveLength(1);
    const summary = digest.stories[0].summary;
    expect(summary.length).toBeGreaterThan(0);
    expect(summary[0]).toMatch(/^أصدرت وزارة الداخلية/);
    expect(summary.join(' ')).not.toMatch(/^وأضاف/);
  });
});
