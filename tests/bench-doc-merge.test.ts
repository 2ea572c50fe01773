/**
 * `npm run bench` refreshes the generated sections of docs/benchmarks.md and must never lose the notes written
 * beside them (each round's analysis, earlier runs kept for comparison).
 */
import { describe, expect, it } from 'vitest';
import { markedSection, mergeIntoDoc } from '../bench/support/doc-merge.js';

const NOTE = '**Seventeenth round (quotes-17): a ninth split, tune9, scored unseen, then tuned on.** Figures and analysis.';

describe('benchmark document merge', () => {
  it('replaces only what lies between a section\'s markers and keeps every note around them byte for byte', () => {
    const before = ['# Benchmarks', '', markedSection('quotes', '## Quotations\n\n| quotations |\n| 24,958 |'), '', NOTE, '', 'Re-measured earlier: 1.02×.', ''].join('\n');
    const after = mergeIntoDoc(before, [['quotes', '## Quotations\n\n| quotations |\n| 25,018 |']]);
    expect(after).toContain('| 25,018 |');
    expect(after).not.toContain('| 24,958 |');
    expect(after.replace(/<!-- bench:quotes -->[\s\S]*<!-- \/bench:quotes -->/, '')).toBe(before.replace(/<!-- bench:quotes -->[\s\S]*<!-- \/bench:quotes -->/, ''));
  });

  it('adds a section the document does not mark yet at the end, removing nothing', () => {
    const before = `# Benchmarks\n\n## Summaries (hand-kept run of 2026-12-01)\n\n${NOTE}\n`;
    const after = mergeIntoDoc(before, [['summaries', '## summaries\n\n| system | ROUGE-2 |']]);
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after.trimEnd().endsWith(markedSection('summaries', '## summaries\n\n| system | ROUGE-2 |'))).toBe(true);
  });

  it('a second run over its own output changes only the figures', () => {
    const once = mergeIntoDoc('', [['header', '# Benchmarks'], ['quotes', 'figures A']]);
    const withNote = `${once.trimEnd()}\n\n${NOTE}\n`;
    const twice = mergeIntoDoc(withNote, [['header', '# Benchmarks'], ['quotes', 'figures B']]);
    expect(twice).toBe(withNote.replace('figures A', 'figures B'));
  });
});
