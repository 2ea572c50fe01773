/**
 * Slot clashes (src/digest/slots.ts, cluster.ts): statements of one template that differ only in their slots. Two
 * execution statements of one day and one region (written for these tests in the ministry's shape, the names made
 * up; tests/support/execution-statements.ts), each reprinted by two outlets, are two stories; the two outlets'
 * copies of each stay one. Without the slot rule the four are one story (else the test would pass whatever the
 * code does).
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { buildDigest } from '../src/digest/digest.js';
import { formulaSketchOf } from '../src/digest/formulas.js';
import { reportSlots, sameWordVariants, slotsClash } from '../src/digest/slots.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import { TermWeights, analyzeArticle } from '../src/digest/vectors.js';
import { EARLIER, type Execution, OUTLET_A, OUTLET_B, TODAY, executionStatement } from './support/execution-statements.js';

function statement(id: string, source: string, day: string, e: Execution, dateline = ''): Article {
  return { id, ...executionStatement(e, dateline), date: day, source, url: null, addedAt: `${day}T10:00:00.000Z` };
}

// Two smugglers executed in the Riyadh region on one day: the same drug, the convict and the town tell them apart.
const SYRIAN: Execution = { name: 'قاسم هلال العبدالله', nationality: 'سوري', drug: 'حبوب الإمفيتامين', town: 'حريملاء', region: 'الرياض', weekday: 'الخميس' };
const PAKISTANI: Execution = { name: 'شاه فيصل عظيم', nationality: 'باكستاني', drug: 'حبوب الإمفيتامين', town: 'ثادق', region: 'الرياض', weekday: 'الخميس' };

const history: Article[] = EARLIER.flatMap(([day, e], k) => [statement(`a-old-${k}`, OUTLET_A, day, e), statement(`b-old-${k}`, OUTLET_B, day, e, 'الرياض - واس: ')]);
const today = [
  statement('a-syrian', OUTLET_A, TODAY, SYRIAN),
  statement('b-syrian', OUTLET_B, TODAY, SYRIAN, 'الرياض - واس: '),
  statement('a-pakistani', OUTLET_A, TODAY, PAKISTANI),
  statement('b-pakistani', OUTLET_B, TODAY, PAKISTANI, 'الرياض - واس: '),
];
const corpus = [...history, ...today];
const termStatistics = termStatisticsOf(corpus);
const formulaStatistics = formulaSketchOf(corpus.map(analyzeArticle));

function storiesOf(slotClashCohesion?: number): string[][] {
  const digest = buildDigest({
    articles: today,
    termStatistics,
    formulaStatistics,
    quotesByArticle: new Map(),
    now: new Date(`${TODAY}T12:00:00Z`),
    ...(slotClashCohesion === undefined ? {} : { clusterOptions: { slotClashCohesion } }),
  });
  return digest.stories.map((s) => [...s.articleIds].sort()).sort();
}

describe('slot clashes', () => {
  const weights = new TermWeights(termStatistics);
  const slots = (a: Article) => reportSlots(analyzeArticle(a), weights);

  it('finds the convicts’ names after the same words, not in two outlets’ copies of one statement', () => {
    const [aSyrian, bSyrian, aPakistani, bPakistani] = today.map(slots);
    expect(slotsClash(aSyrian, aPakistani)).toBe(true);
    expect(slotsClash(bSyrian, aPakistani)).toBe(true);
    expect(slotsClash(aSyrian, bSyrian)).toBe(false);
    expect(slotsClash(aPakistani, bPakistani)).toBe(false);
  });

  it('does not take a rewording of the same event for a clash: the other report names the same convict', () => {
    const reworded: Article = {
      ...statement('c-syrian', 'صحيفة الواحة', TODAY, SYRIAN),
      title: 'القتل تعزيراً لمهرب إمفيتامين سوري في حريملاء',
      paragraphs: [
        `نفذت وزارة الداخلية أمس حكم القتل تعزيراً في المدعو ${SYRIAN.name} سوري الجنسية بمحافظة حريملاء بمنطقة الرياض، إثر تهريبه كمية كبيرة من حبوب الإمفيتامين المحظورة.`,
        'وذكر البيان أن التحقيق معه أسفر عن توجيه الاتهام إليه، وصدر بحقه صك شرعي بثبوت ما نسب إليه.',
      ],
    };
    expect(slotsClash(slots(today[0]), slots(reworded))).toBe(false);
    expect(slotsClash(slots(reworded), slots(today[0]))).toBe(false);
  });

  it('tells two spellings of one word from two words', () => {
    expect(sameWordVariants('انجلترا', 'انكلترا')).toBe(true);
    expect(sameWordVariants('لمهرب', 'مهرب')).toBe(true);
    expect(sameWordVariants('قاسم', 'شاه')).toBe(false);
  });

  it('keeps two statements of one template apart and each one’s copies together (one story without the rule)', () => {
    expect(storiesOf(0)).toEqual([['a-pakistani', 'a-syrian', 'b-pakistani', 'b-syrian']]);
    expect(storiesOf()).toEqual([
      ['a-pakistani', 'b-pakistani'],
      ['a-syrian', 'b-syrian'],
    ]);
  });
});
