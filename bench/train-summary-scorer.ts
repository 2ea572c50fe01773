/**
 * Trains and checks the learned sentence scorer (src/digest/summary.ts SENTENCE_FEATURES, SentenceScorer) on EASC's
 * Wikipedia part, by an honest protocol: everything is chosen on the tuning half (bench/summaries.ts eascHalf), by
 * cross-validation within it; the held-out half is scored only when asked (`--held-out`), once, at the end.
 *
 *   node dist/bench/train-summary-scorer.js              folds within the tuning half: learned variants vs rules vs lead
 *   node dist/bench/train-summary-scorer.js --weights V  variant V trained on the whole tuning half, as a TS module
 *   node dist/bench/train-summary-scorer.js --held-out V variant V (trained on the tuning half) on the held-out half
 *
 * Target: for each of an article's window sentences (the ones summarizeStory chooses from), how many of the five
 * references take it (80 % of its word bigrams in the reference, after Arabic normalization). Model: binomial
 * logistic regression (5 trials per sentence) on standardized features, L2 penalty LAMBDA, fitted by Newton's method;
 * the scorer is the predicted share of references that take the sentence, used in place of the position prior.
 * Folds: the tuning half's articles in topic order, alternately (2 folds) and every fourth (4 folds); each fold's
 * articles are summarized by a model trained on the other folds. Compared, on the same articles, with the current
 * rules and with the lead cut to each system's own length (ROUGE-2 F1, out-of-fold mean over the 53 articles).
 * Term rarities come from all 106 articles, as in the summary bench (no reference is read for them).
 */
import { analyzeArticle, TermWeights } from '../src/digest/vectors.js';
import { articleSentenceFeatures, type SentenceScorer, SENTENCE_FEATURES } from '../src/digest/summary.js';
import { termStatisticsOf } from '../src/digest/term-statistics.js';
import { rougeTokens } from './rouge.js';
import { eascHalf, type EascDocument, readEasc, runEasc } from './summaries.js';

type FeatureName = (typeof SENTENCE_FEATURES)[number];

/** Feature sets, and the target: references taking the sentence, or its bigram precision against them ('·p'). */
export const VARIANTS: Record<string, readonly FeatureName[]> = {
  position: ['lead', 'second', 'third', 'inversePosition'],
  'position+length': ['lead', 'second', 'third', 'inversePosition', 'length', 'long', 'finished'],
  all: SENTENCE_FEATURES,
  'all·p': SENTENCE_FEATURES,
};
const byPrecision = (variant: string) => variant.endsWith('·p');
export const LAMBDA = 1;
const REFERENCES = 5;
const TAKEN_SHARE = 0.8;

interface Example {
  x: number[];
  /** References (of five) that take the sentence. */
  taken: number;
  /** Five times the mean share of its bigrams the references hold (its ROUGE-2 precision, on the same scale). */
  precision: number;
}

function bigrams(tokens: readonly string[]): string[] {
  if (tokens.length < 2) return [...tokens];
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/** How many references take each window sentence of `doc`, and its bigram precision against them (× 5). */
function targetsOf(doc: EascDocument, sentences: readonly string[]): Array<{ taken: number; precision: number }> {
  const refs = doc.references.map((r) => new Set(bigrams(rougeTokens(r))));
  return sentences.map((s) => {
    const grams = bigrams(rougeTokens(s));
    if (grams.length === 0) return { taken: 0, precision: 0 };
    const shares = refs.map((r) => grams.filter((g) => r.has(g)).length / grams.length);
    return { taken: shares.filter((x) => x >= TAKEN_SHARE).length, precision: shares.reduce((a, b) => a + b, 0) };
  });
}

function examplesOf(docs: readonly EascDocument[], weights: TermWeights): Example[] {
  const out: Example[] = [];
  for (const doc of docs) {
    const analyzed = analyzeArticle(doc.article);
    const features = articleSentenceFeatures(analyzed, weights);
    const targets = targetsOf(doc, analyzed.sentences.map((s) => s.text));
    features.forEach((x, k) => out.push({ x, ...targets[k] }));
  }
  return out;
}

export interface Model {
  variant: string;
  features: readonly FeatureName[];
  mean: number[];
  scale: number[];
  /** Bias first, then one weight per feature (on standardized values). */
  weights: number[];
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

export function train(examples: readonly Example[], variant: string, lambda = LAMBDA): Model {
  const features = VARIANTS[variant];
  const columns = features.map((f) => SENTENCE_FEATURES.indexOf(f));
  const raw = examples.map((e) => columns.map((c) => e.x[c]));
  const mean = columns.map((_, j) => raw.reduce((s, r) => s + r[j], 0) / raw.length);
  const scale = columns.map((_, j) => Math.sqrt(raw.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / raw.length) || 1);
  const xs = raw.map((r) => [1, ...r.map((v, j) => (v - mean[j]) / scale[j])]);
  const d = xs[0].length;
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * w[j], 0)));
      const r = (byPrecision(variant) ? examples[i].precision : examples[i].taken) - REFERENCES * p;
      const h = REFERENCES * p * (1 - p);
      for (let j = 0; j < d; j++) {
        grad[j] += r * x[j];
        for (let k = 0; k < d; k++) hess[j][k] += h * x[j] * x[k];
      }
    });
    for (let j = 1; j < d; j++) {
      grad[j] -= lambda * w[j];
      hess[j][j] += lambda;
    }
    hess[0][0] += 1e-9;
    const step = solve(hess, grad);
    w = w.map((v, j) => v + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { variant, features, mean, scale, weights: w };
}

export function scorerOf(model: Model): SentenceScorer {
  const columns = model.features.map((f) => SENTENCE_FEATURES.indexOf(f));
  return (x) => {
    let z = model.weights[0];
    columns.forEach((c, j) => (z += model.weights[j + 1] * ((x[c] - model.mean[j]) / model.scale[j])));
    return 1 / (1 + Math.exp(-z));
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);

interface FoldResult {
  nashra: number[];
  lead: number[];
  words: number[];
}

function evaluate(docs: readonly EascDocument[], all: readonly EascDocument[], scorer?: SentenceScorer): FoldResult {
  const run = runEasc(docs, all, scorer);
  return { nashra: run.scores.Nashra.map((s) => s.r2), lead: run.scores['Lead (words)'].map((s) => s.r2), words: run.words };
}

const relative = (r: FoldResult) => ((mean(r.nashra) - mean(r.lead)) / mean(r.lead)) * 100;
const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`;

function crossValidate(tune: readonly EascDocument[], all: readonly EascDocument[], weights: TermWeights, k: number): string[] {
  const folds = Array.from({ length: k }, (_, f) => tune.filter((_, i) => i % k === f));
  const systems = ['rules', ...Object.keys(VARIANTS)];
  const pooled = Object.fromEntries(systems.map((s) => [s, { nashra: [], lead: [], words: [] } as FoldResult]));
  const perFold: Record<string, string[]> = Object.fromEntries(systems.map((s) => [s, []]));
  for (let f = 0; f < k; f++) {
    const training = examplesOf(folds.filter((_, g) => g !== f).flat(), weights);
    for (const system of systems) {
      const result = evaluate(folds[f], all, system === 'rules' ? undefined : scorerOf(train(training, system)));
      perFold[system].push(pct(relative(result)));
      pooled[system].nashra.push(...result.nashra);
      pooled[system].lead.push(...result.lead);
      pooled[system].words.push(...result.words);
    }
  }
  const rows = [
    `${k} folds within the tuning half (${folds.map((x) => x.length).join(' / ')} articles):`,
    '',
    '| system | ROUGE-2 F1 | lead at its length | against the lead | per fold | words |',
    '|---|---|---|---|---|---|',
  ];
  for (const system of systems) {
    const r = pooled[system];
    rows.push(
      `| ${system === 'rules' ? 'current rules' : `learned: ${system}`} | ${mean(r.nashra).toFixed(3)} | ${mean(r.lead).toFixed(3)} | ${pct(relative(r))} | ${perFold[system].join(', ')} | ${mean(r.words).toFixed(0)} |`,
    );
  }
  return rows;
}

export function moduleText(model: Model, examples: number, articles: number): string {
  const list = (xs: readonly number[]) => xs.map((v) => Number(v.toFixed(4))).join(', ');
  return [
    '/**',
    ` * Learned sentence scorer for story summaries (variant «${model.variant}»), trained by bench/train-summary-scorer.ts on`,
    ` * EASC's tuning half (${articles} articles, ${examples} window sentences; target: how many of the five references take the`,
    ' * sentence; binomial logistic regression on standardized features, L2 penalty 1). Retrain with',
    ` * \`node dist/bench/train-summary-scorer.js --weights ${model.variant}\`.`,
    ' */',
    "import type { SentenceScorer } from './summary.js';",
    "import { SENTENCE_FEATURES } from './summary.js';",
    '',
    `const FEATURES = ${JSON.stringify(model.features)} as const;`,
    `const MEAN = [${list(model.mean)}];`,
    `const SCALE = [${list(model.scale)}];`,
    `/** Bias, then one weight per feature of FEATURES. */`,
    `const WEIGHTS = [${list(model.weights)}];`,
    'const COLUMNS = FEATURES.map((f) => SENTENCE_FEATURES.indexOf(f));',
    '',
    '/** Predicted share of summarizers who take the sentence. */',
    'export const learnedScorer: SentenceScorer = (x) => {',
    '  let z = WEIGHTS[0];',
    '  for (let j = 0; j < COLUMNS.length; j++) z += WEIGHTS[j + 1] * ((x[COLUMNS[j]] - MEAN[j]) / SCALE[j]);',
    '  return 1 / (1 + Math.exp(-z));',
    '};',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const all = readEasc();
  const tune = eascHalf(all, 'tune');
  const weights = new TermWeights(termStatisticsOf(all.map((d) => d.article)));
  const flag = process.argv[2];
  const variant = process.argv[3] ?? '';
  if (flag === '--weights' || flag === '--held-out') {
    if (!(variant in VARIANTS)) throw new Error(`variant: one of ${Object.keys(VARIANTS).join(', ')}`);
    const examples = examplesOf(tune, weights);
    const model = train(examples, variant);
    if (flag === '--weights') {
      process.stdout.write(moduleText(model, examples.length, tune.length));
      return;
    }
    const held = eascHalf(all, 'held-out');
    const rules = evaluate(held, all);
    const learned = evaluate(held, all, scorerOf(model));
    process.stdout.write(
      [
        `Held-out half (${held.length} articles), scored once:`,
        '',
        '| system | ROUGE-2 F1 | lead at its length | against the lead | words |',
        '|---|---|---|---|---|',
        `| current rules | ${mean(rules.nashra).toFixed(3)} | ${mean(rules.lead).toFixed(3)} | ${pct(relative(rules))} | ${mean(rules.words).toFixed(0)} |`,
        `| learned: ${variant} | ${mean(learned.nashra).toFixed(3)} | ${mean(learned.lead).toFixed(3)} | ${pct(relative(learned))} | ${mean(learned.words).toFixed(0)} |`,
        '',
      ].join('\n'),
    );
    return;
  }
  const examples = examplesOf(tune, weights);
  const takenRate = examples.reduce((s, e) => s + e.taken, 0) / (REFERENCES * examples.length);
  const out = [`Tuning half: ${tune.length} articles, ${examples.length} window sentences, taken by ${(takenRate * 100).toFixed(0)} % of references on average.`, ''];
  for (const k of [2, 4]) out.push(...crossValidate(tune, all, weights, k), '');
  const full = train(examples, 'all');
  out.push('Weights of «all» on the whole tuning half (standardized features):', '');
  out.push(full.features.map((f, j) => `${f} ${full.weights[j + 1].toFixed(2)}`).join(', '), '');
  process.stdout.write(out.join('\n'));
}

await main();
