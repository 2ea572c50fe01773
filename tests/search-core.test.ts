/**
 * Property tests of the ranking core on random corpora: its top k equals a plain exhaustive BM25 (support/
 * plain-bm25.ts); any sequence of add / remove / replace (and compaction) answers exactly like a fresh build; a
 * saved and reloaded index answers exactly like the original; the fast text scanners agree with the rules they
 * implement.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeTerm, cleanText, forEachNormalizedWord, forEachWordSpan, isNfkcAsItIs, normalizeArabic, normalizeArabicByRules, tokenize, tokenSpans } from '../src/arabic/index.js';
import type { Article } from '../src/corpus/article.js';
import { ArticleIndex, textsOf } from '../src/search/article-index.js';
import { bestOf } from '../src/search/best-of.js';
import { TailPool, tailLength, type TailView } from '../src/search/tails.js';
import { BulkAnalyzer } from '../src/search/bulk-analyzer.js';
import { InvertedIndex } from '../src/search/postings.js';
import { oneEditTerms, oneEditVariants } from '../src/search/query-plan.js';
import { gramsPresent, gramsPresentPlain, GramTable, rerankWith } from '../src/search/rerank.js';
import { RerankWords } from '../src/search/rerank-words.js';
import { escapeMarkdown, markSpans } from '../src/search/markdown.js';
import { buildSnippet, buildSnippetPlain, buildSnippetWithTable, displayForm, findMatches, TermCounter, termCounter } from '../src/search/snippet.js';
import { repeatOf, SentenceTable, wordsOf } from '../src/search/sentence-table.js';
import { splitSentences } from '../src/arabic/sentences.js';
import { plainSplitSentences } from './support/plain-sentences.js';
import { plainRanking } from './support/plain-bm25.js';
import { RANKING } from '../src/search/ranking.js';

// A small vocabulary with the shapes the analyzer and the expansions care about: shared stems under different
// proclitics and suffixes (stemming), one-letter spelling variants (fuzzy), words that prefix others (typing),
// hamza seats and ة/ه, stopwords, numbers, Latin words, diacritics and tatweel.
const WORDS = [
  'المغرب', 'والمغرب', 'بالمغرب', 'مغربي', 'المغربية', 'مراكش', 'بمراكش', 'مراكيش', 'الرباط', 'للرباط', 'رباط',
  'وزير', 'الوزير', 'وزراء', 'وزيرة', 'الخارجية', 'خارجي', 'مسؤول', 'مسئول', 'المسؤولين', 'بوريطة', 'بوريطه',
  'التحالف', 'تحالف', 'الدولي', 'دولي', 'داعش', 'الإرهاب', 'الارهاب', 'إرهابي', 'استقلال', 'الاستقلال', 'استقلت',
  'في', 'من', 'على', 'هل', 'ماذا', '2014', '2015', '٢٠١٤', 'Rabat', 'rabat', 'Morocco', 'المُغرب', 'المغـــرب',
  'سايلس', 'سايلز', 'نولاند', 'نول', 'كتاب', 'بكتاب', 'لبنان', 'فرنسا', 'قال', 'قالت', 'وقال',
];

const word = fc.constantFrom(...WORDS);
const text = (max: number) => fc.array(word, { minLength: 0, maxLength: max }).map((w) => w.join(' '));
const article = (id: string) =>
  fc.record({
    title: text(5),
    paragraphs: fc.array(text(25), { minLength: 0, maxLength: 3 }),
    date: fc.option(fc.constantFrom('2015-07-01', '2015-07-15', '2015-08-02'), { nil: null }),
    source: fc.option(fc.constantFrom('الرياض', 'عكاظ', 'سبق'), { nil: null }),
  }).map((a): Article => ({ id, url: null, addedAt: '2015-08-01T00:00:00.000Z', ...a }));
const corpus = fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => article(`a${String(i).padStart(2, '0')}`))));
// Queries: words, sometimes a half-typed last word (prefix), sometimes a finished question.
const query = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '؟', 'cut'))
  .map(([words, end]) => {
    const q = words.join(' ');
    return end === 'cut' ? q.slice(0, Math.max(1, q.length - 2)) : q + end;
  });

/** What a sentence table holds for `a` in `slot`: its sentences' paragraphs, bounds, word counts and filters. */
function tableView(table: SentenceTable, slot: number, a: Article) {
  const v = table.sentencesOf(slot, a)!;
  const range = (xs: Uint16Array | Uint32Array, k = 1) => Array.from(xs.subarray(v.first * k, (v.first + v.length) * k));
  return [range(v.para), range(v.from), range(v.to), range(v.words), range(v.bloom, 4)];
}

const build = (articles: readonly Article[]) => ArticleIndex.build(articles, textsOf(articles));

describe('the ranking core against a plain exhaustive BM25', () => {
  it('gives the same top k, with bit-identical scores and the same total', () => {
    fc.assert(
      fc.property(corpus, fc.array(query, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 35 }), (articles, queries, k) => {
        const index = build(articles);
        for (const q of queries) {
          const plain = plainRanking(articles, q);
          const core = index.firstStage(q, k);
          expect(core.total, q).toBe(plain.total);
          expect(core.ids, q).toEqual(plain.ids.slice(0, k));
          expect(core.scores, q).toEqual(plain.scores.slice(0, k));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('applies date and source filters before ranking', () => {
    fc.assert(
      fc.property(corpus, query, (articles, q) => {
        const index = build(articles);
        const kept = articles.filter((a) => a.date !== null && a.date >= '2015-07-10' && a.source === 'عكاظ');
        const filtered = index.firstStage(q, 50, { from: '2015-07-10', source: 'عكاظ' });
        const all = index.firstStage(q, 50);
        const keptIds = new Set(kept.map((a) => a.id));
        expect(filtered.ids).toEqual(all.ids.filter((id) => keptIds.has(id)));
        expect(filtered.total).toBe(plainRanking(articles, q).ids.filter((id) => keptIds.has(id)).length);
      }),
      { numRuns: 60 },
    );
  });
});

/** Everything a caller can observe for a query. */
function observe(index: ArticleIndex, queries: readonly string[]) {
  const stats = index.termStatistics();
  return {
    size: index.size,
    searches: queries.map((q) => index.search(q, { limit: 7 })),
    paged: queries.map((q) => index.search(q, { limit: 3, offset: 2 })),
    matching: queries.map((q) => index.matchingIds(q)),
    suggestions: queries.map((q) => index.suggestTitles(q.slice(0, 6), 25)),
    newest: index.suggestTitles('', 25),
    df: WORDS.map((w) => analyzeTerm(w)).map((t) => (t ? stats.documentFrequency(t) : 0)),
    documentCount: stats.documentCount,
  };
}

type Op = { kind: 'add'; article: Article } | { kind: 'remove'; at: number };

describe('fuzzy matching only for terms few articles hold (RANKING.fuzzyMaxDf)', () => {
  const many = (n: number, words: string, from = 0) =>
    Array.from({ length: n }, (_, i): Article => ({
      id: `m${String(from + i).padStart(3, '0')}`,
      title: '',
      paragraphs: [`${words} ${['لبنان', 'فرنسا', 'داعش'][i % 3]} ${from + i}`], // (distinct texts: no copies)
      date: null,
      source: null,
      url: null,
      addedAt: '2015-08-01T00:00:00.000Z',
    }));

  it('a word held by that many articles does not reach its one-edit neighbour; a rarer or misspelled one does', () => {
    const atLimit = [...many(RANKING.fuzzyMaxDf, 'مراكش'), ...many(1, 'مراكيش', 900)];
    const below = [...many(RANKING.fuzzyMaxDf - 1, 'مراكش'), ...many(1, 'مراكيش', 900)];
    expect(build(atLimit).firstStage('مراكش', 5).total).toBe(RANKING.fuzzyMaxDf);
    expect(build(below).firstStage('مراكش', 5).total).toBe(RANKING.fuzzyMaxDf);
    expect(build(below).firstStage('مراكش', 200).ids).toContain('m900');
    // The misspelling (one article) still expands to the common word.
    expect(build(atLimit).firstStage('مراكيش', 5).total).toBe(RANKING.fuzzyMaxDf + 1);
  });

  it('on corpora around the limit, the core equals the plain BM25 stating the same rule', () => {
    const big = fc
      .tuple(fc.integer({ min: RANKING.fuzzyMaxDf - 3, max: RANKING.fuzzyMaxDf + 3 }), fc.array(article('x'), { minLength: 1, maxLength: 8 }))
      .map(([n, extra]) => [...many(n, 'وزير مراكش'), ...extra.map((a, i) => ({ ...a, id: `x${i}` }))]);
    fc.assert(
      fc.property(big, fc.array(query, { minLength: 1, maxLength: 4 }), (articles, queries) => {
        const index = build(articles);
        for (const q of queries) {
          const plain = plainRanking(articles, q);
          const core = index.firstStage(q, 10);
          expect(core.total, q).toBe(plain.total);
          expect(core.ids, q).toEqual(plain.ids.slice(0, 10));
          expect(core.scores, q).toEqual(plain.scores.slice(0, 10));
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('bestOf, the top-k selection of short pages', () => {
  it('equals a stable sort cut to k, ties and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 6 }), at: fc.nat() }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 30 }),
        (items, k) => {
          const byKey = (a: { key: number }, b: { key: number }) => b.key - a.key;
          expect(bestOf(items, k, byKey)).toEqual([...items].sort(byKey).slice(0, k));
        },
      ),
    );
  });
});

describe('the dictionary in term order, for prefixes', () => {
  it('after thousands of terms added one at a time (merged in runs), prefixes find exactly the terms a plain scan does', () => {
    const index = new InvertedIndex();
    // A bulk-built base, then 10,000 new terms in single adds: more than one merge of the recent terms.
    index.beginBulk();
    const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
    const word = (n: number) => {
      let w = '';
      for (let k = 0; k < 3 || n > 0; k++, n = Math.floor(n / letters.length)) w += letters[n % letters.length];
      return w;
    };
    const addWith = (terms: string[]) => {
      const ids = terms.map((t) => index.intern(t));
      index.addDocument([
        { termIds: [], tfs: [], count: 0, length: 0 },
        { termIds: ids, tfs: ids.map(() => 1), count: ids.length, length: ids.length },
      ]);
    };
    const all: string[] = [];
    for (let i = 0; i < 2000; i += 10) {
      const terms = Array.from({ length: 10 }, (_, k) => word((i + k) * 7919));
      all.push(...terms);
      addWith(terms);
    }
    index.endBulk();
    for (let i = 0; i < 10_000; i++) {
      const term = word(i * 104729 + 13);
      if (all.includes(term)) continue;
      all.push(term);
      addWith([term]);
    }
    const sorted = [...new Set(all)].sort();
    expect(index.sortedTermsCopy()).toEqual(sorted);
    for (const prefix of ['ب', 'با', 'سم', 'يي', 'قلم', 'ثاء']) {
      expect(index.termsWithPrefix(prefix).map((id) => index.termText[id])).toEqual(sorted.filter((t) => t.startsWith(prefix)));
    }
  });
});

describe('an index changed in place', () => {
  const ops = (existing: number) =>
    fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 40 }).chain((n) => article(`a${String(n).padStart(2, '0')}`).map((a): Op => ({ kind: 'add', article: a }))),
        fc.integer({ min: 0, max: Math.max(0, existing + 10) }).map((at): Op => ({ kind: 'remove', at })),
      ),
      { minLength: 1, maxLength: 25 },
    );

  it('answers exactly like a fresh build after any adds, replaces and removes, and after compaction', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus.chain((c) => fc.tuple(fc.constant(c), ops(c.length), fc.array(query, { minLength: 1, maxLength: 4 }))),
        async ([initial, changes, queries]) => {
          const live = new Map(initial.map((a) => [a.id, a]));
          const texts = textsOf(initial);
          const index = ArticleIndex.build(initial, texts);
          for (const op of changes) {
            if (op.kind === 'add') {
              live.set(op.article.id, op.article);
              texts.set(op.article);
              index.add(op.article);
            } else {
              const id = `a${String(op.at).padStart(2, '0')}`;
              expect(index.remove(id)).toBe(live.delete(id));
              texts.delete(id);
            }
            // Searching between changes exercises state carried across them (per-search memos, scratch arrays).
            index.search(queries[0], { limit: 5 });
          }
          const fresh = build([...live.values()]);
          expect(observe(index, queries)).toEqual(observe(fresh, queries));
          await index.compact();
          expect(observe(index, queries)).toEqual(observe(fresh, queries));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('saveTo / loadFrom', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nashra-core-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips an index with appended and removed articles to identical answers, and keeps changing correctly', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(corpus, corpus, fc.array(query, { minLength: 1, maxLength: 4 }), async (first, second, queries) => {
        const texts = textsOf(first);
        const index = ArticleIndex.build(first, texts);
        // As built (saved as it is held, no renumbering), prefix search's term order included.
        const fresh = path.join(dir, `index-${run++}.bin`);
        await index.saveTo(fresh, { run });
        expect(observe((await ArticleIndex.loadFrom(fresh, texts)).index, queries)).toEqual(observe(index, queries));
        // Replace half of the articles through `add` and remove one: tails and dead slots in the saved state.
        const replaced = second.slice(0, Math.ceil(second.length / 2));
        for (const a of replaced) (texts.set(a), index.add(a));
        if (first.length > 1) (index.remove(first[first.length - 1].id), texts.delete(first[first.length - 1].id));
        const file = path.join(dir, `index-${run++}.bin`);
        await index.saveTo(file, { run });
        const { index: reloaded, meta } = await ArticleIndex.loadFrom(file, texts);
        expect(meta).toEqual({ run });
        expect(observe(reloaded, queries)).toEqual(observe(index, queries));
        // And it goes on changing like the original.
        const more = second.slice(Math.ceil(second.length / 2));
        for (const a of more) (texts.set(a), index.add(a), reloaded.add(a));
        expect(observe(reloaded, queries)).toEqual(observe(index, queries));
      }),
      { numRuns: 30 },
    );
  });
});

describe('a build split with another thread', () => {
  // The worker's way (engine/index-segment-worker.ts): the later share put through buildSegment, posted as data.
  it('answers as the one-thread build and keeps changing like it; a failed or clashing share is built here', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.nat(),
        fc.array(query, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('share', 'failed', 'clash'),
        async (articles, cut, queries, how) => {
          const k = cut % (articles.length + 1);
          const [first, rest] = [articles.slice(0, k), articles.slice(k)];
          const texts = textsOf(articles);
          const fallbacks: string[] = [];
          const made =
            how === 'failed'
              ? Promise.reject(new Error('worker gone'))
              : Promise.resolve().then(() => structuredClone(ArticleIndex.buildSegment(how === 'clash' ? articles : rest)));
          const split = await ArticleIndex.buildWithSegment(first, texts, made, () => rest, (why) => fallbacks.push(why));
          const whole = ArticleIndex.build(articles, texts);
          expect(observe(split, queries)).toEqual(observe(whole, queries));
          expect(fallbacks.length).toBe(how === 'failed' || (how === 'clash' && k > 0) ? 1 : 0);
          if (how === 'failed') expect(fallbacks[0]).toContain('worker gone');
          // Changes after the build: a replaced article (tails, a dead slot) and one taken out.
          const changed = { ...articles[articles.length - 1], title: `${articles[0].title} ${articles[articles.length - 1].title}` };
          for (const index of [split, whole]) (index.add(changed), index.remove(articles[0].id));
          texts.set(changed);
          expect(observe(split, queries)).toEqual(observe(whole, queries));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('fast text scanners agree with the rules they implement', () => {
  // Code units from the ranges that matter: Arabic letters and marks, presentation forms, digits, Latin (both
  // cases), Greek (final sigma), invisible controls, surrogates (lone and paired), spaces and punctuation.
  const unit = fc.oneof(
    fc.integer({ min: 0x0600, max: 0x06ff }),
    fc.integer({ min: 0xfb50, max: 0xfeff }),
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0x0370, max: 0x03ff }),
    fc.integer({ min: 0x2000, max: 0x206f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.constantFrom(0x130, 0xc0, 0xdf, 0x1e9e, 0x0640, 0x0651, 0x200c),
  );
  const messy = fc.array(unit, { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));
  const mixed = fc.oneof(messy, text(12), fc.string({ unit: 'binary', maxLength: 30 }));

  it('normalizeArabic in one pass = the rules one by one', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        expect(normalizeArabic(s)).toBe(normalizeArabicByRules(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('a text taken as its own NFKC is its own NFKC', () => {
    // Hangul jamo compose, marks reorder and compose, presentation forms and ligatures decompose: the table must
    // let none of them through, and let plain Arabic and Latin text through.
    const risky = fc.oneof(unit, fc.integer({ min: 0x1100, max: 0x11ff }), fc.integer({ min: 0xac00, max: 0xac20 }), fc.integer({ min: 0x0300, max: 0x036f }), fc.integer({ min: 0xfb00, max: 0xfdff }));
    fc.assert(
      fc.property(fc.oneof(fc.array(risky, { maxLength: 12 }).map((c) => String.fromCharCode(...c)), mixed), (s) => {
        if (isNfkcAsItIs(s)) expect(s.normalize('NFKC')).toBe(s);
      }),
      { numRuns: 5000 },
    );
    expect(isNfkcAsItIs('قال وزير الخارجية، Rabat 2015.\n«نعم»')).toBe(true);
    expect(isNfkcAsItIs('ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ')).toBe(false);
  });

  it('forEachNormalizedWord = the word pattern over normalizeArabic', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const words: string[] = [];
        forEachNormalizedWord(s, (units, start, end) => words.push(String.fromCharCode(...units.subarray(start, end))));
        expect(words).toEqual(normalizeArabicByRules(s).match(/[\p{L}\p{M}\p{N}]+/gu) ?? []);
      }),
      { numRuns: 2000 },
    );
  });

  it('the build-time field analyzer = tokenize + analyzeTerm', () => {
    const index = new InvertedIndex();
    const analyzer = new BulkAnalyzer(index);
    fc.assert(
      fc.property(mixed, (s) => {
        const fast = analyzer.analyze(s);
        const tokens = tokenize(s);
        const tf = new Map<string, number>();
        for (const t of tokens) {
          const term = analyzeTerm(t);
          if (term) tf.set(term, (tf.get(term) ?? 0) + 1);
        }
        const got = new Map<string, number>();
        for (let i = 0; i < fast.count; i++) got.set(index.termText[fast.termIds[i]], fast.tfs[i]);
        expect(got).toEqual(tf);
        expect(fast.length).toBe(new Set(tokens).size);
      }),
      { numRuns: 2000 },
    );
  });

  it('one scan of an article (bulk build) = its postings, rerank words and sentence terms found apart', () => {
    // Paragraphs glued from pieces, so that invisibles, Σ, İ, tatweel, marks and astral letters sit inside and
    // between words; the same analyzer across articles, as in a build (its token table carries over).
    const piece = fc.oneof(word, word, fc.constantFrom(' ', ' ', '.', '؟', '\n', '«', '»', 'ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ', '\u200b', '\u200f', '\u00ad', '𝐀', 'المـغرب', 'ΟΔΟΣ', 'Σ', 'İ', 'ـ', 'ً', 'د.'));
    const paragraph = fc.oneof(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), mixed);
    const articles = fc.array(fc.tuple(paragraph, fc.array(paragraph, { maxLength: 5 })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(articles, (drawn) => {
        const index = new InvertedIndex();
        const words = new RerankWords();
        const analyzer = new BulkAnalyzer(index, words);
        const apart = new RerankWords();
        drawn.forEach(([title, paragraphs], slot) => {
          const a: Article = { id: `a${slot}`, title, paragraphs, date: null, source: null, url: null, addedAt: '' };
          const scan = analyzer.analyzeArticle(a);
          for (const [field, text] of [[scan.title, title], [scan.body, paragraphs.join('\n')]] as const) {
            const tokens = tokenize(text);
            const tf = new Map<string, number>();
            for (const t of tokens) {
              const term = analyzeTerm(t);
              if (term) tf.set(term, (tf.get(term) ?? 0) + 1);
            }
            const got = new Map<string, number>();
            for (let i = 0; i < field.count; i++) got.set(index.termText[field.termIds[i]], field.tfs[i]);
            expect(got).toEqual(tf);
            expect(field.length).toBe(new Set(tokens).size);
          }
          words.addWordIds(slot, scan.rerankWords.ids, scan.rerankWords.count);
          apart.addDocument(slot, a);
          const wordsOf = (w: RerankWords) => {
            const data = w.snapshot(slot + 1);
            return w.idsOf(data, slot).map((id) => String.fromCharCode(...data.arena.subarray(data.wordStart[id], data.wordStart[id + 1]))).sort();
          };
          expect(wordsOf(words)).toEqual(wordsOf(apart));
          const bulk = new SentenceTable();
          bulk.addDocument(0, a, scan.tokens);
          const plain = new SentenceTable();
          plain.addDocument(0, a);
          expect(tableView(bulk, 0, a)).toEqual(tableView(plain, 0, a));
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('one-edit terms found by hashes = the dictionary\'s terms among the one-edit variants', () => {
    fc.assert(
      fc.property(fc.array(mixed, { minLength: 1, maxLength: 8 }), fc.oneof(word, mixed), (texts, probe) => {
        const index = new InvertedIndex();
        const analyzer = new BulkAnalyzer(index);
        for (const t of texts) analyzer.analyze(t);
        // Terms one edit from the probe, so that hits are frequent: its deletions and a substitution.
        for (let i = 0; i < probe.length; i++) index.intern(probe.slice(0, i) + probe.slice(i + 1));
        index.intern(probe.slice(1) + 'ب');
        const expected = [...oneEditVariants(probe, index)].map((v) => index.termId(v)).filter((id): id is number => id !== undefined);
        expect(oneEditTerms(probe, index).sort((a, b) => a - b)).toEqual([...new Set(expected)].sort((a, b) => a - b));
      }),
      { numRuns: 1500 },
    );
  });

  it('splitSentences on code units = the rules stated plainly', () => {
    // Pieces that the rules look at: terminators, dot runs, quotation marks of every kind, closers, one-letter
    // abbreviations, numbers, Latin, Arabic words glued to dots, spaces of several kinds, line breaks.
    const piece = fc.oneof(
      word,
      fc.constantFrom('.', '..', '...', '!', '?', '؟', '…', '؛', '«', '»', '“', '”', '„', '"', '’', ')', ']', '(', ' ', ' ', ' ', '  ', '\n', '\r\n', '\u2028', '\u00a0', '\u3000', '\t'),
      fc.constantFrom('د.', 'م.', 'ه.', 'U.S.', '2.5', '1990 م.', 'hespress.com', 'الإرهاب.وأكد', 'J. Smith', '𝐀.', 'a'),
      // «..» before a word that opens a sentence, glued stops after numbers, closers and Latin, stray and omission stops.
      fc.constantFrom('وأضاف', 'كما', 'هل', '..وأضاف', '2014.كما', '3.نسبة', '”.ووعدت', 'GTA.كما', '(...)', '[…]', ' . ', '. .'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), (s) => {
        expect(splitSentences(s)).toEqual(plainSplitSentences(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('the bounded snippet = every sentence analyzed', () => {
    // Sentences of the test vocabulary with ends, quotations and line breaks; matched terms drawn from the same words.
    const sentence = fc.tuple(text(12), fc.constantFrom('.', '؟', '!', '..', '', '\n', ' «قال نعم.»')).map(([t, end]) => t + end);
    const paragraph = fc.array(sentence, { maxLength: 5 }).map((s) => s.join(' '));
    const terms = fc.array(word, { maxLength: 5 }).map((ws) => new Set(ws.map((w) => analyzeTerm(w)).filter((t): t is string => t !== null)));
    fc.assert(
      fc.property(text(5), fc.array(paragraph, { maxLength: 6 }), terms, (title, paragraphs, matched) => {
        const a: Article = { id: 'x', title, paragraphs, date: null, source: null, url: null, addedAt: '' };
        const plain = buildSnippetPlain(a, matched);
        expect(buildSnippet(a, matched)).toBe(plain);
        const table = new SentenceTable();
        table.addDocument(3, a);
        const sentences = table.sentencesOf(3, a);
        expect(sentences).not.toBeNull();
        expect(buildSnippetWithTable(a, matched, sentences!)).toBe(plain);
      }),
      { numRuns: 3000 },
    );
  });

  it('the table\'s per-sentence repeat bounds each term\'s words, and one matched term gives the plain snippet', () => {
    // Few distinct words, so that sentences repeat a term (the repeat bound above 1) and several hold the one
    // matched term once (bound 1001, analyzed without a substring count); messy pieces take the per-sentence path.
    const few = fc.constantFrom(...WORDS.slice(0, 4), '.', '؟', '\n', 'ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ', '\u200b');
    const paragraph = fc.array(few, { maxLength: 40 }).map((p) => p.join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 5 }), fc.constantFrom(...WORDS.slice(0, 5)), fc.boolean(), (ps, w, bulk) => {
        const a: Article = { id: 'x', title: 'عنوان', paragraphs: ps, date: null, source: null, url: null, addedAt: '' };
        const table = new SentenceTable();
        table.addDocument(0, a, bulk ? new BulkAnalyzer(new InvertedIndex(), new RerankWords()).analyzeArticle(a).tokens : undefined);
        const v = table.sentencesOf(0, a)!;
        expect(v).not.toBeNull();
        for (let i = 0; i < v.length; i++) {
          const s = v.first + i;
          const times = new Map<string, number>();
          const shown = displayForm(ps[v.para[s]].slice(v.from[s], v.to[s]));
          let words = 0;
          for (const t of tokenize(shown).map(analyzeTerm)) if (t !== null) (words++, times.set(t, (times.get(t) ?? 0) + 1));
          expect(wordsOf(v.words[s])).toBe(Math.min(words, 0xfff));
          for (const n of times.values()) expect(n).toBeLessThanOrEqual(repeatOf(v.words[s]) === 0xf ? Infinity : repeatOf(v.words[s]));
        }
        const term = analyzeTerm(w);
        const matched = new Set(term === null ? [] : [term]);
        expect(buildSnippetWithTable(a, matched, v)).toBe(buildSnippetPlain(a, matched));
      }),
      { numRuns: 2000 },
    );
  });

  it('the snippet from the sentence table = every sentence analyzed, on messy text too; a changed text is refused', () => {
    // Messy paragraphs (presentation forms, invisibles, surrogates, line breaks) take the per-sentence path of the
    // table; clean ones the one-pass path. Matched terms: drawn from the text's own words, so that many match.
    const piece = fc.oneof(word, word, fc.constantFrom('.', '؟', '!', '..', ' ', '\n', '«', '»', 'د.', 'ﺍﺳﺘﺮاﺗﻴﺠﻴﺔ', '\u200b', '𝐀', 'المـغرب'));
    const paragraph = fc.array(piece, { maxLength: 30 }).map((p) => p.join(' '));
    const paragraphs = fc.array(fc.oneof(paragraph, mixed), { maxLength: 5 });
    fc.assert(
      fc.property(paragraphs, fc.array(word, { maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (ps, extra, slot) => {
        const a: Article = { id: 'x', title: 'عنوان', paragraphs: ps, date: null, source: null, url: null, addedAt: '' };
        const own = tokenize(ps.join(' ')).slice(0, 6).concat(extra);
        const matched = new Set(own.map((w) => analyzeTerm(w)).filter((t): t is string => t !== null));
        const table = new SentenceTable();
        for (let s = 0; s < slot; s++) table.addDocument(s, { ...a, paragraphs: ['قبل. بعد'] });
        table.addDocument(slot, a);
        const sentences = table.sentencesOf(slot, a);
        expect(sentences).not.toBeNull();
        expect(buildSnippetWithTable(a, matched, sentences!)).toBe(buildSnippetPlain(a, matched));
        expect(table.sentencesOf(slot, { ...a, paragraphs: [...ps, 'زيادة'] })).toBeNull();
        // A bulk build takes the terms from the build's token table: the same table.
        const scan = new BulkAnalyzer(new InvertedIndex(), new RerankWords()).analyzeArticle(a);
        const bulk = new SentenceTable();
        bulk.addDocument(0, a, scan.tokens);
        expect(tableView(bulk, 0, a)).toEqual(tableView(table, slot, a));
      }),
      { numRuns: 2000 },
    );
  });

  it('rerank grams from the text and from the kept word ids = the plain string search', () => {
    fc.assert(
      fc.property(fc.array(mixed, { minLength: 1, maxLength: 4 }), text(6), (paragraphs, q) => {
        const a: Article = { id: 'x', title: paragraphs[0], paragraphs: paragraphs.slice(1), date: null, source: null, url: null, addedAt: '' };
        const grams = [...new Set(normalizeArabic(`${q} ${paragraphs[0].slice(0, 12)}`).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])].flatMap((w) => {
          const m = `_${w}_`;
          return m.length <= 4 ? [m] : Array.from({ length: m.length - 3 }, (_, i) => m.slice(i, i + 4));
        });
        const unique = [...new Set(grams)];
        const table = new GramTable(unique);
        const words = new RerankWords();
        words.addDocument(0, a);
        const plain = gramsPresentPlain(a, unique);
        expect(gramsPresent(a, table)).toEqual(plain);
        expect(words.gramsPresent(0, table)).toEqual(plain);
      }),
      { numRuns: 1500 },
    );
  });

  it('rerank grams of several candidates sharing words, memoized per query, = the plain string search for each', () => {
    fc.assert(
      fc.property(fc.array(fc.array(mixed, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 6 }), fc.array(text(6), { minLength: 1, maxLength: 3 }), (docs, queries) => {
        const articles = docs.map((paragraphs, i): Article => ({ id: `x${i}`, title: paragraphs[0], paragraphs: paragraphs.slice(1), date: null, source: null, url: null, addedAt: '' }));
        const words = new RerankWords();
        articles.forEach((a, slot) => words.addDocument(slot, a));
        for (const q of queries) {
          const grams = [...new Set(normalizeArabic(`${q} ${articles[0].title.slice(0, 12)}`).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])].flatMap((w) => {
            const m = `_${w}_`;
            return m.length <= 4 ? [m] : Array.from({ length: m.length - 3 }, (_, i) => m.slice(i, i + 4));
          });
          const unique = [...new Set(grams)];
          const table = new GramTable(unique);
          // Each slot twice, in an order that revisits words already memoized for this table.
          for (const slot of [...articles.keys(), ...[...articles.keys()].reverse()]) {
            expect(words.gramsPresent(slot, table)).toEqual(gramsPresentPlain(articles[slot], unique));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the rerank from kept word ids, with its shortcut for candidates holding the query words, = the rerank from the text', () => {
    // Queries drawn from the candidates' own words (often all of them present in some candidate, often only some):
    // the shortcut answers «every gram» for a candidate holding all the query's words, and must not for one holding
    // only a few. Scores and order are compared whole, as are the grams per candidate.
    fc.assert(
      fc.property(
        fc.array(fc.array(text(12), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(word, { maxLength: 1 })), { minLength: 1, maxLength: 3 }),
        (docs, picks) => {
          const articles = docs.map((paragraphs, i): Article => ({ id: `x${i}`, title: paragraphs[0], paragraphs: paragraphs.slice(1), date: null, source: null, url: null, addedAt: '' }));
          const words = new RerankWords();
          articles.forEach((a, slot) => words.addDocument(slot, a));
          const own = tokenize(docs.flat().join(' '));
          for (const [at, extra] of picks) {
            const q = own.length ? at.map((i) => own[i % own.length]).concat(extra).join(' ') : extra.join(' ');
            const results = articles.map((_, slot) => ({ slot, score: 10 - slot }));
            let tables = 0;
            const fromIds = rerankWith(q, results, (r, table) => {
              tables++;
              expect(words.gramsPresent(r.slot, table), `${q} / ${r.slot}`).toEqual(gramsPresentPlain(articles[r.slot], table.grams));
              return words.gramsPresent(r.slot, table);
            });
            const fromText = rerankWith(q, results, (r, table) => gramsPresentPlain(articles[r.slot], table.grams));
            expect(fromIds, q).toEqual(fromText);
            if (tables) expect(tables).toBe(results.length);
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('a text found equal to the indexed one once is checked again when its paragraphs change in place', () => {
    fc.assert(
      fc.property(fc.array(text(10), { minLength: 1, maxLength: 4 }), fc.nat(), (ps, at) => {
        const a: Article = { id: 'x', title: 'عنوان', paragraphs: [...ps], date: null, source: null, url: null, addedAt: '' };
        const table = new SentenceTable();
        table.addDocument(0, a);
        expect(table.sentencesOf(0, a)).not.toBeNull();
        expect(table.sentencesOf(0, a)).not.toBeNull();
        a.paragraphs[at % a.paragraphs.length] += ' زيادة';
        expect(table.sentencesOf(0, a)).toBeNull();
        a.paragraphs.splice(0, a.paragraphs.length, ...ps);
        expect(table.sentencesOf(0, a)).not.toBeNull();
        a.paragraphs.push('');
        expect(table.sentencesOf(0, a)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('the snippet display form = cleanText with white space runs made one space, trimmed', () => {
    const spaced = fc.array(fc.oneof(mixed, fc.constantFrom(' ', '  ', '\t', '\n', '\u00A0', '\u200B', '\u00AD', '\uFEFF', '\u2066', ' \u200F ')), { maxLength: 6 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(mixed, spaced, text(8)), (t) => {
        expect(displayForm(t)).toBe(cleanText(t).replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 3000 },
    );
  });

  it('matched words found with the fold filter = every word analyzed', () => {
    // Terms of the text's own words (so that most texts match), of the vocabulary, and short substrings.
    const messyWords = fc.array(fc.oneof(mixed, word, fc.constantFrom('ـ', 'ً', 'أ', 'ة', 'ى', 'ΑΣ', 'İ', 'ﻻ', '٢٠١٤')), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(' '));
    fc.assert(
      fc.property(messyWords, fc.array(fc.oneof(word, fc.constantFrom('ا', 'ه', 'σ', 'ς', 'i̇', '2014', 'لا')), { maxLength: 4 }), fc.nat(3), (t, extra, keep) => {
        const own = tokenize(t).map((w) => analyzeTerm(w)).filter((x): x is string => x !== null);
        const terms = new Set([...own.filter((_, i) => i % (keep + 1) === 0), ...extra.map((w) => analyzeTerm(w) ?? w)]);
        const filter = new TermCounter(['مغرب', ...terms]).only(terms);
        expect(findMatches(t, terms, filter)).toEqual(findMatches(t, terms));
      }),
      { numRuns: 3000 },
    );
  });

  it('the one-scan word filter = forEachWordSpan + mayHoldWord on each word', () => {
    // Long words (past the scratch buffer's 64 units), dropped units (harakat, tatweel), units that fold by context
    // (Σ, İ), ligatures, digits, Latin, and separators the word scanner stops at.
    const piece = fc.oneof(mixed, word, fc.constantFrom('ـ', 'ً', 'ّ', 'أ', 'ة', 'ى', 'ΑΣ', 'İ', 'ﻻ', '٢٠١٤', 'abc', '،', '.', '-', ' ', '  ', 'ب'.repeat(70), 'الـ'.repeat(30)));
    const messy = fc.array(piece, { maxLength: 10 }).map((xs) => xs.join(''));
    const term = fc.oneof(word.map((w) => analyzeTerm(w) ?? w), fc.constantFrom('ا', 'ل', 'مغرب', 'ب'.repeat(66), 'abc', '2014', 'σ', 'لا'));
    fc.assert(
      fc.property(messy, fc.array(term, { maxLength: 5 }), fc.array(term, { maxLength: 3 }), (t, active, before) => {
        const text = displayForm(t);
        // A counter first reset to other terms, as a search's shared one is: their filters must not leak.
        const counter = new TermCounter(['مغرب', ...before]).reset([...active, 'و']).only(new Set(active));
        // The one scan first: mayHoldWord would widen the scratch buffer for it.
        const fused: [number, number][] = [];
        const done = counter.forEachWordMayHold(text, (start, end) => void fused.push([start, end]));
        // It gives up on text with surrogates (forEachWordSpan is for BMP text), and only then.
        expect(done).toBe(!/[\uD800-\uDFFF]/.test(text));
        if (!done) return;
        const plain: [number, number][] = [];
        forEachWordSpan(text, (start, end) => {
          if (counter.mayHoldWord(text, start, end)) plain.push([start, end]);
        });
        expect(fused).toEqual(plain);
      }),
      { numRuns: 3000 },
    );
  });

  it('one substring counter restricted to each subset = a counter built for that subset', () => {
    const term = fc.oneof(word.map((w) => analyzeTerm(w) ?? ''), fc.constantFrom('ا', 'ل', 'مغرب', 'غرب', 'رب', '2014', ''));
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.array(fc.nat(7), { maxLength: 5 }), fc.oneof(mixed, text(12))), { minLength: 1, maxLength: 6 }), (terms, uses) => {
        // Reset from other terms first: what the previous search left in the bitmaps must not count.
        const shared = new TermCounter(['مغرب', 'ال', 'و', ...terms.slice(1)]).reset(terms);
        for (const [picks, t] of uses) {
          const subset = new Set(picks.map((i) => terms[i % terms.length]));
          expect(shared.only(subset).count(t)).toBe(termCounter(subset)(t));
          expect(shared.reset(terms).count(t)).toBe(termCounter(terms)(t));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('bold marking with plain pieces copied = every piece escaped (escapeMarkdown)', () => {
    // The rule markSpans implements, stated plainly: merge the spans, escape every piece.
    const plainMarkSpans = (t: string, spans: readonly { start: number; end: number }[]): string => {
      const sorted = [...spans].filter((x) => x.end > x.start).sort((a, b) => a.start - b.start);
      const merged: { start: number; end: number }[] = [];
      for (const x of sorted) {
        const last = merged[merged.length - 1];
        if (last && x.start >= last.end && /^\s*$/.test(t.slice(last.end, x.start))) last.end = Math.max(last.end, x.end);
        else if (!last || x.start >= last.end) merged.push({ ...x });
      }
      const piece = (from: number, to: number) => escapeMarkdown(t.slice(from, to), { atLineStart: from === 0 || t[from - 1] === '\n' });
      let out = '';
      let at = 0;
      for (const x of merged) (out += piece(at, x.start) + `**${piece(x.start, x.end)}**`), (at = x.end);
      return out + piece(at, t.length);
    };
    const markdownish = fc.constantFrom('-', '- ', '1.', '12. ', '*', '_', '~', '`', '|', '>', '#', '[', ']', '(', ')', '\\', '@everyone', '@', '<@1>', '<#5>', '</c:1>', '</', '<', '\n', '\n- ', '\n1.', '\r', '\r-', '\u2028', '\u2029-', '\u2028', '\u200F', '\u061C', 'http://x.y/a_b', ' ', '\t', '3');
    // Mostly words with one or two marks, so that each mark is often the only thing to escape.
    const piecesOf = fc.array(fc.oneof({ arbitrary: word, weight: 6 }, { arbitrary: fc.constant(' '), weight: 3 }, { arbitrary: markdownish, weight: 1 }), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(piecesOf, text(10)), fc.array(fc.tuple(fc.nat(60), fc.nat(8)), { maxLength: 5 }), fc.nat(), (t, raw, shuffle) => {
        // Non-overlapping spans inside the text, as findMatches gives (in text order), and also in another order
        // (markSpans takes any) with a span of length 0 left in.
        const spans: { start: number; end: number }[] = [];
        for (const [s, len] of raw.sort((a, b) => a[0] - b[0])) {
          const start = Math.min(s, t.length);
          const end = Math.min(t.length, start + len);
          if (spans.length && start < spans[spans.length - 1].end) continue;
          spans.push({ start, end });
        }
        expect(markSpans(t, spans)).toBe(plainMarkSpans(t, spans));
        const reordered = spans.map((_, i) => spans[(i + shuffle) % spans.length]).reverse();
        expect(markSpans(t, reordered)).toBe(plainMarkSpans(t, reordered));
      }),
      { numRuns: 3000 },
    );
    // Every word marked, words apart by white space of every kind or by something else: which gaps merge.
    const gap = fc.constantFrom(' ', '  ', '\t', ' \n', '\u00A0', '\u2028', ' \u200F ', ' - ', '، ', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 6 }), (parts) => {
        const t = parts.map(([w, g]) => w + g).join('');
        const spans = tokenSpans(t);
        expect(markSpans(t, spans)).toBe(plainMarkSpans(t, spans));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the tail pool: postings appended after the base', () => {
  const runOf = (t: TailView, term: number) => {
    const start = t.start[term] ?? 0;
    const n = tailLength(t, term);
    return { docs: [...t.docs.subarray(start, start + n)], tfs: [...t.tfs.subarray(start, start + n)] };
  };

  it('holds each term’s postings in order, and a view keeps what it saw while the pool goes on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 9 }), fc.boolean()), { maxLength: 400 }),
        (appends) => {
          const pool = new TailPool();
          const model = new Map<number, { docs: number[]; tfs: number[] }>();
          const views: { view: TailView; then: Map<number, { docs: number[]; tfs: number[] }> }[] = [];
          appends.forEach(([term, tf, snapshot], slot) => {
            pool.append(term, slot, tf);
            const run = model.get(term) ?? { docs: [], tfs: [] };
            run.docs.push(slot);
            run.tfs.push(tf);
            model.set(term, run);
            if (snapshot) views.push({ view: pool.view(41), then: new Map([...model].map(([t, r]) => [t, { docs: [...r.docs], tfs: [...r.tfs] }])) });
          });
          for (let term = 0; term <= 41; term++) expect(runOf(pool, term)).toEqual(model.get(term) ?? { docs: [], tfs: [] });
          expect(pool.postings).toBe(appends.length);
          expect(pool.terms).toBe(model.size);
          for (const { view, then } of views) {
            for (let term = 0; term <= 41; term++) expect(runOf(view, term)).toEqual(then.get(term) ?? { docs: [], tfs: [] });
          }
        },
      ),
    );
  });
});
