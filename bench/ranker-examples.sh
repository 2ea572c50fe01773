#!/bin/sh
# Rebuilds bench/data/quote-ranker-examples.json: the speaker-ranker examples of each tune split as scored by the
# rules *before* they were tuned on it (why: bench/train-quote-ranker.ts). For each commit, the tree is exported to a
# temporary folder, its extract.ts made to export analyseQuotes (the rules' quotations, the people registered, the
# bodies named, the masked paragraphs and their tokens — as src/quotes/extract.ts does now), today's ranker,
# trainer, scorer and development set are copied in, and the trainer dumps the examples (numbers only, no text).
# Run from the repository root after `npm run build`; needs ../shared/data/saudinewsnet and about a minute.
set -eu
ROOT=$(pwd)
DATA="$ROOT/../shared/data/saudinewsnet/saudinewsnet.jsonl.gz"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dump() { # commit split
  tree="$WORK/$1"
  mkdir -p "$tree"
  git archive "$1" | tar -x -C "$tree"
  ln -s "$ROOT/node_modules" "$tree/node_modules"
  cp bench/train-quote-ranker.ts "$tree/bench/"
  mkdir -p "$tree/bench/data" && cp bench/data/quotes-dev.json "$tree/bench/data/"
  sed "s#path.resolve('../shared/data/saudinewsnet/saudinewsnet.jsonl.gz')#'$DATA'#" bench/quotes.ts > "$tree/bench/quotes.ts"
  cp src/quotes/ranker.ts "$tree/src/quotes/"
  node - "$tree/src/quotes/extract.ts" <<'EOF'
const fs = require('node:fs');
const file = process.argv[2];
let s = fs.readFileSync(file, 'utf8');
if (s.includes('export function analyseQuotes(')) process.exit(0); // (from the sixth round on, it is there already)
const head = 'export function extractLocatedQuotes(article: Article): LocatedQuote[] {';
if (!s.includes(head)) throw new Error('no extractLocatedQuotes in ' + file);
s = s.replace(head, `${head}
  return analyseQuotes(article).quotes;
}
export interface QuoteAnalysis { quotes: LocatedQuote[]; people: Person[]; bodies: string[]; masked: string[]; tokens: Token[][] }
export function analyseQuotes(article: Article): QuoteAnalysis {`);
const ret = /\n  return pending\.map\(\(q\) => \(\{([\s\S]*?)\n  \}\)\);\n\}\n/;
if (!ret.test(s)) throw new Error('no return of pending in ' + file);
s = s.replace(ret, (_m, body) => `
  const bodies = [...new Set([...organisations.flat(), ...namedBodies])];
  const quotes = pending.map((q) => ({${body}
  }));
  return { quotes, people: registry.people, bodies, masked: maskedParagraphs, tokens: maskedTokens };
}
`);
fs.writeFileSync(file, s);
EOF
  # (Old trees lack a field or two the ranker reads optionally; tsc still emits.)
  (cd "$tree" && npx tsc -p tsconfig.build.json >/dev/null 2>&1 || true)
  (cd "$tree" && node dist/bench/train-quote-ranker.js --dump="$WORK/$1.json" >/dev/null)
}

dump 47d6f25 tune2
dump 497eead tune3
dump f25fd65 tune4
dump 85b2fe1 tune5
dump 7623cfe tune6
dump 51394a8 tune7
dump 5f90f96 tune8
dump 7ef970d tune9
dump 4e04792 tune10
dump c9865d7 tune11
dump 31bd454 tune12
dump 91fab3c tune13
dump 4ea8740 tune14
dump 40ba9d5 tune15
dump 2f56796 tune16
node - "$WORK" <<'EOF'
const fs = require('node:fs');
const work = process.argv[2];
const take = (commit, split) =>
  JSON.parse(fs.readFileSync(`${work}/${commit}.json`, 'utf8')).filter((e) => e.split === split).map(({ split: _s, ...e }) => e);
const out = {
  about:
    "Speaker-ranker examples (bench/train-quote-ranker.ts, rebuilt by bench/ranker-examples.sh): each found quotation of a tune split as scored by the rules before they were tuned on that split — its candidates' feature vectors (src/quotes/ranker.ts FEATURE_NAMES order), which candidates give the gold speaker (1) and which one the rules chose (rule; -2 rules right with no candidate, -1 not among them). Numbers only: no SaudiNewsNet text.",
  groups: [
    { split: 'tune2', rules: '47d6f25', examples: take('47d6f25', 'tune2') },
    { split: 'tune3', rules: '497eead', examples: take('497eead', 'tune3') },
    { split: 'tune4', rules: 'f25fd65', examples: take('f25fd65', 'tune4') },
    { split: 'tune5', rules: '85b2fe1', examples: take('85b2fe1', 'tune5') },
    { split: 'tune6', rules: '7623cfe', examples: take('7623cfe', 'tune6') },
    { split: 'tune7', rules: '51394a8', examples: take('51394a8', 'tune7') },
    { split: 'tune8', rules: '5f90f96', examples: take('5f90f96', 'tune8') },
    { split: 'tune9', rules: '7ef970d', examples: take('7ef970d', 'tune9') },
    { split: 'tune10', rules: '4e04792', examples: take('4e04792', 'tune10') },
    { split: 'tune11', rules: 'c9865d7', examples: take('c9865d7', 'tune11') },
    { split: 'tune12', rules: '31bd454', examples: take('31bd454', 'tune12') },
    { split: 'tune13', rules: '91fab3c', examples: take('91fab3c', 'tune13') },
    { split: 'tune14', rules: '4ea8740', examples: take('4ea8740', 'tune14') },
    { split: 'tune15', rules: '40ba9d5', examples: take('40ba9d5', 'tune15') },
    { split: 'tune16', rules: '2f56796', examples: take('2f56796', 'tune16') },
  ],
};
fs.writeFileSync('bench/data/quote-ranker-examples.json', JSON.stringify(out).replace(/\{"rule"/g, '\n{"rule"') + '\n');
console.log(out.groups.map((g) => `${g.split} ${g.examples.length}`).join(', ') + ' examples written');
EOF
