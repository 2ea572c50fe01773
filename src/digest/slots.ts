/**
 * Slots: the few words of a statement that tell one event from another of the same template. Two execution
 * statements of one day read alike word for word but for the convict («… القبض على المدعو قاسم …» against «… المدعو
 * شاه …»), two of an agency's meeting notices but for who met whom. Two outlets' reports of one event name the same
 * people: what one report says after a phrase, the other says too, somewhere.
 *
 * So a slot clash: after the same two lead terms (title and first sentences, the analyzed terms, formula or not),
 * each report goes on with two words the other report never says (title or analyzed body), the first of them
 * rare in the corpus (a name, a place, a drug; not a verb every report uses), and the two not spellings of one
 * word (انجلترا/انكلترا, لمهرب/مهرب). One word alone after the phrase is what a rewording changes (an outlet's
 * «أمس» for another's «اليوم», «شاكرا» for «واصفا»); a name runs to two words or more.
 *
 * A clash alone does not keep two reports apart: a story told from several sides (a death, the family's account,
 * the ministry's inquiry) names different people in its leads too. cluster.ts uses it only between two groups that
 * are each a tight set of retellings and are much less alike to each other than within (see clusterArticles).
 * Measured on bench/data/cluster-dev.json (docs/benchmarks.md, digest, issue 12).
 */
import type { AnalyzedArticle, TermWeights } from './vectors.js';

/** Lead sentences read for slots (besides the title): the lead states who, what and where. */
export const SLOT_SENTENCES = 3;
/** A slot's first word must be in at most this many documents of the corpus (of 30,676 in SaudiNewsNet). */
export const SLOT_MAX_DOCUMENTS = 400;

export interface ReportSlots {
  /** The title's and lead sentences' terms. */
  readonly sequences: readonly (readonly string[])[];
  /** Whether the report says the term anywhere (title or analyzed body). */
  said(term: string): boolean;
  /**
   * Where a slot may start: [sequence, position] of each rare lead term with two terms before it and one after, and
   * the two terms before it as one key. Built when first asked (only reports of pairs near the threshold are).
   */
  starts(): readonly SlotStart[];
  /** The same starts by their key. */
  startsAfter(key: string): readonly SlotStart[] | undefined;
}

interface SlotStart {
  key: string;
  sequence: number;
  at: number;
}

export function reportSlots(doc: AnalyzedArticle, weights: TermWeights, maxDocuments = SLOT_MAX_DOCUMENTS): ReportSlots {
  const sequences = [doc.titleTerms, ...doc.sentences.slice(0, SLOT_SENTENCES).map((s) => s.terms)];
  let starts: SlotStart[] | null = null;
  let byKey: Map<string, SlotStart[]> | null = null;
  const build = (): SlotStart[] => {
    starts = [];
    byKey = new Map();
    sequences.forEach((q, sequence) => {
      for (let at = 2; at + 1 < q.length; at++) {
        if (weights.documentFrequency(q[at]) > maxDocuments) continue;
        const start = { key: `${q[at - 2]} ${q[at - 1]}`, sequence, at };
        starts!.push(start);
        const list = byKey!.get(start.key);
        if (list) list.push(start);
        else byKey!.set(start.key, [start]);
      }
    });
    return starts;
  };
  return {
    sequences,
    said: (t) => doc.bodyCounts.has(t) || doc.titleCounts.has(t),
    starts: () => starts ?? build(),
    startsAfter: (key) => {
      if (!byKey) build();
      return byKey!.get(key);
    },
  };
}

/** Levenshtein distance (short words only: analyzed terms). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}

/** Two spellings or forms of one word (انجلترا/انكلترا, لمهرب/مهرب, 2019م/2019), not two words. */
export function sameWordVariants(x: string, y: string): boolean {
  return x.includes(y) || y.includes(x) || editDistance(x, y) <= Math.max(1, Math.floor(Math.min(x.length, y.length) / 3));
}

/** Whether the other report says neither of the two words from `start` on. */
function unsaidRun(own: ReportSlots, other: ReportSlots, start: SlotStart): boolean {
  const q = own.sequences[start.sequence];
  return !other.said(q[start.at]) && !other.said(q[start.at + 1]);
}

/** Whether the two reports' slots clash (see the module comment). */
export function slotsClash(a: ReportSlots, b: ReportSlots): boolean {
  for (const x of a.starts()) {
    if (!unsaidRun(a, b, x)) continue;
    const places = b.startsAfter(x.key);
    if (!places) continue;
    for (const y of places) {
      if (unsaidRun(b, a, y) && !sameWordVariants(a.sequences[x.sequence][x.at], b.sequences[y.sequence][y.at])) return true;
    }
  }
  return false;
}
