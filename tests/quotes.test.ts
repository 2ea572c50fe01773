import { test } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import { extractQuotes } from '../src/quotes/extract.js';
test('dump', async () => {
  const c = await loadCorpus('seeds');
  const a = c.articles[0];
  const p = a.paragraphs.find((x) => x.includes('أريد'))!;
  console.log('QQ', JSON.stringify(extractQuotes({ ...a, paragraphs: [p] })));
});
