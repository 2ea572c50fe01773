import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, analyzeTerm, cleanText, cliticVariants, lightStem, normalizeArabic, STOPWORDS, tokenize } from '../src/arabic/index.js';

const SEEDS = path.join(import.meta.dirname, '..', 'seeds');
const seed = (name: string) => readFile(path.join(SEEDS, name), 'utf8');

describe('normalizeArabic', () => {
  it('applies Lucene ArabicNormalizer rules: hamza alefs, alef maqsura, ta marbuta, tatweel, harakat', () => {
    expect(normalizeArabic('أحمد إسبانيا آسيا')).toBe('احمد اسبانيا اسيا');
    expect(normalizeArabic('مستوى')).toBe('مستوي');
    expect(normalizeArabic('بوريطة')).toBe('بوريطه');
    expect(normalizeArabic('الإرهـــــاب')).toBe('الارهاب');
    expect(normalizeArabic('المُنَسِّقُ الأَمِيرْكِيُّ')).toBe('المنسق الاميركي');
  });

  it('folds the hamza seats ؤ ئ and the bare ء together, so outlets\' spellings of one word match', () => {
    expect(normalizeArabic('مسؤول')).toBe(normalizeArabic('مسئول'));
    expect(normalizeArabic('شؤون')).toBe(normalizeArabic('شئون'));
    expect(normalizeArabic('قائد')).toBe(normalizeArabic('قاءد'));
    expect(normalizeArabic('رئيس')).toBe('رءيس');
    // A word-final ء keeps its letter: «ماء» (water) must not become the stopword «ما».
    expect(analyzeTerm('ماء')).not.toBeNull();
  });

  it('maps Arabic-Indic and Persian digits to ASCII', () => {
    expect(normalizeArabic('سنة ٢٠١٤ و۲۰۲۱')).toBe('سنه 2014 و2021');
  });

  it('folds the presentation forms of seed 002 to the plain word', async () => {
    const raw = await seed('002_9744522dcfbc0ba7.txt');
    // The seed writes «الاستراتيجية» mixing presentation forms (U+FExx) with plain letters: «الاﺳﺘﺮاﺗﻴﺠﻴﺔ».
    const word = raw.match(/الا[\uFE70-\uFEFF][\u0600-\u06FF\uFE70-\uFEFF]+/)?.[0];
    expect(word).toBeDefined();
    expect(word).not.toBe('الاستراتيجية');
    expect(normalizeArabic(word!)).toBe(normalizeArabic('الاستراتيجية'));
    expect(cleanText(word!)).toBe('الاستراتيجية');
    // The same seed: «ﻣﺒﺎدرات ﻣﺸﺘﺮﻛﺔ ﻋﻠﻰ» reads «مبادرات مشتركة على».
    const phrase = raw.match(/[\uFE70-\uFEFF][\u0600-\u06FF\uFE70-\uFEFF]*رات [\uFE70-\uFEFF]+/)?.[0];
    expect(phrase && cleanText(phrase)).toBe('مبادرات مشتركة');
  });

  it('removes zero-width and bidi controls but keeps display text readable in cleanText', () => {
    expect(cleanText('المغرب\u200f\u200b')).toBe('المغرب');
    expect(cleanText('بوريطة')).toBe('بوريطة');
  });
});

describe('lightStem', () => {
  const stem = (w: string) => lightStem(normalizeArabic(w));

  it('strips the article and the clitic groups و ف ب ك ل + ال', () => {
    for (const w of ['المغرب', 'والمغرب', 'بالمغرب', 'كالمغرب', 'فالمغرب', 'للمغرب']) expect(stem(w)).toBe('مغرب');
  });

  it('strips a lone conjunction و only when three letters remain', () => {
    expect(stem('وقال')).toBe('قال');
    // «ولد» (born): the و is a root letter.
    expect(stem('ولد')).toBe('ولد');
  });

  it('does not strip a lone ب ك ل ف that may be a root letter', () => {
    expect(stem('بلينكن')).toBe('بلينكن');
    expect(stem('فيكتوريا')).toBe('فيكتوريا');
    expect(stem('لبنان')).toBe('لبن');
  });

  it('treats ت before a pronoun as ة, and the ت of the plural ات as plural', () => {
    expect(stem('عاصمتها')).toBe(stem('عاصمة'));
    expect(stem('استراتيجيتها')).toBe(stem('الاستراتيجية'));
    expect(stem('سياساتها')).toBe(stem('السياسات'));
    expect(stem('سياساتهم')).toBe(stem('سياسات'));
  });

  it('keeps at least three letters', () => {
    expect(stem('الدول')).toBe('دول');
    expect(stem('حيث')).toBe('حيث');
    expect(stem('يدها').length).toBeGreaterThanOrEqual(3);
  });
});

describe('analyzer', () => {
  it('tokenizes words with their harakat and tatweel, digits included, punctuation dropped', () => {
    expect(tokenize('قال «بوريطة»: 80 دولة، (داعش)!')).toEqual(['قال', 'بوريطة', '80', 'دولة', 'داعش']);
    expect(tokenize('لـ«التحالف')).toEqual(['لـ', 'التحالف']);
  });

  it('drops stopwords, question words and detached one-letter clitics', () => {
    expect(analyzeTerm('في')).toBeNull();
    expect(analyzeTerm('متى')).toBeNull();
    expect(analyzeTerm('ماهي')).toBeNull();
    expect(analyzeTerm('لـ')).toBeNull();
    expect(analyzeTerm('9')).toBe('9');
    expect(STOPWORDS.has(normalizeArabic('إلى'))).toBe(true);
  });

  it('gives every spelling variant of a seed phrase the same terms', () => {
    const plain = analyze('وزير الخارجية المغربي ناصر بوريطة');
    expect(plain).toEqual(['زير', 'خارج', 'مغرب', 'ناصر', 'بوريط']);
    expect(analyze('وزير الخارجيه المغربي ناصر بوريطه')).toEqual(plain);
    expect(analyze('وَزِيرُ الخَارِجِيَّةِ المَغْرِبِيُّ نَاصِر بُورِيطَة')).toEqual(plain);
    expect(analyze('وزيــر الخارجـــية المغربـي ناصـر بوريـطة')).toEqual(plain);
  });

  it('is the same function at index and query time: a seed sentence analyzes like the query typed from it', async () => {
    const raw = await seed('001_ac174d486c1c24cb.txt');
    const sentence = raw.split('\n').find((l) => l.startsWith('وأوضح بوريطة'))!;
    expect(analyze(sentence)).toContain('بوريط');
    expect(analyze(sentence)).toContain('داعش');
    expect(analyze(sentence)).not.toContain('في');
  });
});

describe('cliticVariants (query-time readings)', () => {
  it('takes off a lone ب ك ل و ف and و/ف + ب ك ل when three letters remain', () => {
    expect(cliticVariants('بمراكش')).toEqual(['مراكش']);
    expect(cliticVariants('لمراكش')).toEqual(['مراكش']);
    expect(cliticVariants('وبمراكش')).toContain('مراكش');
    expect(cliticVariants('فلمراكش')).toContain('مراكش');
    // «وبالمغرب»: the stemmer strips only the و; the reading without it analyzes as «المغرب».
    expect(cliticVariants('وبالمغرب').map((v) => analyzeTerm(v))).toContain(analyzeTerm('المغرب'));
  });

  it('offers nothing when the rest would be too short, a stopword, or the same term', () => {
    expect(cliticVariants('بلد')).toEqual([]); // «لد»: two letters
    expect(cliticVariants('لماذا')).toEqual([]); // «ماذا» is a question word
    expect(cliticVariants('بهذا')).toEqual([]);
    expect(cliticVariants('وقال')).toEqual([]); // the stemmer already reads it as «قال»
    expect(cliticVariants('مراكش')).toEqual([]);
  });
});

describe('analyzer on the real seeds', () => {
  let words: string[] = [];
  beforeAll(async () => {
    words = [];
    for (const f of ['000_d205d9a2c65192af.txt', '001_ac174d486c1c24cb.txt', '002_9744522dcfbc0ba7.txt']) {
      words.push(...tokenize(await seed(f)));
    }
  });

  it('never produces an empty term or a term with harakat, tatweel or hamza alef', () => {
    const terms = words.map(analyzeTerm).filter((t): t is string => t !== null);
    expect(terms.length).toBeGreaterThan(500);
    for (const t of terms) {
      expect(t.length).toBeGreaterThan(0);
      expect(t).not.toMatch(/[\u064B-\u065F\u0640أإآة]/);
    }
  });
});
