/**
 * ROUGE-N and ROUGE-L F1 (Lin 2004) on Arabic: tokens of the shared tokenizer, each normalized (hamza seats,
 * ى/ي, ة/ه, harakat, tatweel) and not stemmed, the way ROUGE is usually run on Arabic without a stemmer. EASC's
 * references are written without hamza seats (أ → ا), so without normalization every hamza word would miss.
 * Several references: the F1 against each, averaged.
 */
import { normalizeArabic, tokenize } from '../src/arabic/index.js';

export function rougeTokens(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const t = normalizeArabic(token);
    if (t) out.push(t);
  }
  return out;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function f1(overlap: number, systemSize: number, referenceSize: number): number {
  if (overlap === 0 || systemSize === 0 || referenceSize === 0) return 0;
  const p = overlap / systemSize;
  const r = overlap / referenceSize;
  return (2 * p * r) / (p + r);
}

export function rougeN(system: readonly string[], reference: readonly string[], n: number): number {
  const sys = ngramCounts(system, n);
  const ref = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, c] of sys) overlap += Math.min(c, ref.get(gram) ?? 0);
  return f1(overlap, Math.max(0, system.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Longest common subsequence length, O(|a|·|b|) time, O(|b|) memory. */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export function rougeL(system: readonly string[], reference: readonly string[]): number {
  return f1(lcs(system, reference), system.length, reference.length);
}

export interface RougeScores {
  r1: number;
  r2: number;
  rl: number;
}

/** F1 of one system summary against several references, each measure averaged over the references. */
export function rougeAgainst(system: readonly string[], references: readonly (readonly string[])[]): RougeScores {
  const mean = (f: (ref: readonly string[]) => number) => references.reduce((s, r) => s + f(r), 0) / references.length;
  return { r1: mean((r) => rougeN(system, r, 1)), r2: mean((r) => rougeN(system, r, 2)), rl: mean((r) => rougeL(system, r)) };
}
