/**
 * Sentence-boundary defects of the «..» family, counted on EASC's Wikipedia articles (parsed by src/corpus, as the
 * summary bench reads them) and on all of SaudiNewsNet (the digest bench's reading): where the sentences
 * splitSentences gives still join two sentences, or cut one at a mark that ends none.
 *
 *   node dist/bench/sentence-boundaries.js [splitter.js]
 *
 * The optional argument is another build's src/arabic/sentences.js (for instance the code before a change), so that
 * the same counts can be taken before and after. Each family is a surface pattern of the text, independent of the
 * splitter's own rules (outside balanced quotations, which nothing splits):
 * - «..» + opener: exactly two dots, then a word that opens a sentence («وأضاف», «كما», «هل»…; the list is the
 *   splitter's), after five words or more of the sentence — two sentences read as one;
 * - «..» + other word: the same after any other Arabic word (a pause, a list, a headline: left as one sentence);
 * - stop + word after a closing mark («”.ووعدت», «(هلال).أول»), after a number of three digits or more
 *   («2014.كما»), after a shorter number or Latin word before an opener («GTA.كما»): two sentences read as one;
 *   after a shorter number before another word («3.نسبة»: a numbered list, left);
 * - stray stop: a sentence after the paragraph's first that is a lone «.» or starts with «.» before an Arabic
 *   letter («. .وأكد», «. .قبل»);
 * - omission cut: a sentence ending in «(...» / «(...)» / «[…]» followed by another in the same paragraph.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as current from '../src/arabic/sentences.js';
import { readSaudiNewsNet, SAUDINEWSNET_FILE } from './digest.js';
import { EASC_DIR, readEasc } from './summaries.js';

type Split = (paragraph: string) => string[];
type Spans = (text: string) => Array<[number, number]>;

const FAMILIES = [
  '«..» + opener',
  '«..» + other word (left)',
  'stop after a closing mark + word',
  'stop after a number of 3+ digits + word',
  'stop after a short number or Latin word + opener',
  'stop after a short number + other word (left)',
  'stray stop',
  'omission cut',
] as const;
type Family = (typeof FAMILIES)[number];

export interface BoundaryCounts {
  paragraphs: number;
  sentences: number;
  occurrences: Record<Family, number>;
  documents: Record<Family, number>;
}

/** The sentence with the inside of its balanced quotations blanked out (code units, as findQuotationSpans counts). */
function masked(sentence: string, spans: Spans): string {
  const units = sentence.split('');
  for (const [open, close] of spans(sentence)) for (let k = open + 1; k < close; k++) units[k] = 'Q';
  return units.join('');
}

const wordsIn = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

export function countBoundaryDefects(documents: Iterable<{ id: string; paragraphs: readonly string[] }>, split: Split, spans: Spans): BoundaryCounts {
  const occurrences = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
  const docSets = Object.fromEntries(FAMILIES.map((f) => [f, new Set<string>()])) as Record<Family, Set<string>>;
  let paragraphs = 0;
  let sentences = 0;
  const add = (family: Family, id: string) => {
    occurrences[family]++;
    docSets[family].add(id);
  };
  for (const doc of documents) {
    for (const paragraph of doc.paragraphs) {
      paragraphs++;
      const parts = split(paragraph);
      sentences += parts.length;
      parts.forEach((sentence, k) => {
        const text = masked(sentence, spans);
        for (const m of text.matchAll(/(?<![.])\.\.(?![.])\s*(?=\p{Script=Arabic})/gu)) {
          const before = wordsIn(text.slice(0, m.index));
          const opener = current.opensSentenceAt(text, m.index + 2);
          if (opener && before >= 5) add('«..» + opener', doc.id);
          else add('«..» + other word (left)', doc.id);
        }
        for (const m of text.matchAll(/(?<=[»”"’)\]“])\.(?=\p{Script=Arabic})/gu)) {
          if (m.index + 1 < text.length) add('stop after a closing mark + word', doc.id);
        }
        for (const m of text.matchAll(/(?<![\p{Nd}.])(\p{Nd}+|\p{Script=Latin}+)\.(?=\p{Script=Arabic})/gu)) {
          const end = m.index + m[0].length;
          if (/^\p{Nd}{3,}$/u.test(m[1])) add('stop after a number of 3+ digits + word', doc.id);
          else if (current.opensSentenceAt(text, end)) add('stop after a short number or Latin word + opener', doc.id);
          else if (/^\p{Nd}+$/u.test(m[1])) add('stop after a short number + other word (left)', doc.id);
        }
        if (k > 0 && (sentence === '.' || /^\.(?!\.)\s*\p{Script=Arabic}/u.test(sentence))) add('stray stop', doc.id);
        if (k < parts.length - 1 && /[([]\s*(\.{3,}|…)\s*[)\]]?$/u.test(sentence)) add('omission cut', doc.id);
      });
    }
  }
  const documentsCount = Object.fromEntries(FAMILIES.map((f) => [f, docSets[f].size])) as Record<Family, number>;
  return { paragraphs, sentences, occurrences, documents: documentsCount };
}

export function boundaryTable(rows: Array<[string, BoundaryCounts]>): string[] {
  const out = [`| family | ${rows.map(([name]) => name).join(' | ')} |`, `|---|${rows.map(() => '---|').join('')}`];
  out.push(`| sentences | ${rows.map(([, c]) => c.sentences.toLocaleString('en')).join(' | ')} |`);
  for (const f of FAMILIES) {
    out.push(`| ${f} | ${rows.map(([, c]) => `${c.occurrences[f]} (${c.documents[f]} docs)`).join(' | ')} |`);
  }
  return out;
}

async function main(): Promise<void> {
  const alternative = process.argv[2];
  const module: { splitSentences: Split; findQuotationSpans: Spans } = alternative
    ? await import(pathToFileURL(path.resolve(alternative)).href)
    : current;
  const rows: Array<[string, BoundaryCounts]> = [];
  if (existsSync(path.join(EASC_DIR, 'Articles'))) {
    const docs = readEasc().map((d) => ({ id: d.article.id, paragraphs: d.article.paragraphs }));
    rows.push([`EASC (${docs.length} articles)`, countBoundaryDefects(docs, module.splitSentences, module.findQuotationSpans)]);
  }
  if (existsSync(SAUDINEWSNET_FILE)) {
    const docs = await readSaudiNewsNet({});
    rows.push([`SaudiNewsNet (${docs.length} reports)`, countBoundaryDefects(docs, module.splitSentences, module.findQuotationSpans)]);
  }
  process.stdout.write(`${[`Splitter: ${alternative ?? 'this build'}`, '', ...boundaryTable(rows)].join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
