/**
 * docs/benchmarks.md holds two kinds of text: the sections `npm run bench` generates, and the notes engineers write
 * beside them (each round's analysis, earlier runs kept for comparison). A run must refresh the first and never
 * lose the second, so each generated section sits between markers of its own —
 * `<!-- bench:quotes -->` … `<!-- /bench:quotes -->` — and a run replaces only what lies between them. A section
 * the file does not mark yet is added at the end; nothing outside markers is ever removed.
 */

const open = (name: string) => `<!-- bench:${name} -->`;
const close = (name: string) => `<!-- /bench:${name} -->`;

/** A generated section wrapped in its markers. */
export function markedSection(name: string, text: string): string {
  return `${open(name)}\n${text.trim()}\n${close(name)}`;
}

/**
 * The document with each section's marked block replaced by its new text, and sections without a block appended;
 * everything else of `existing` is kept byte for byte. Sections are given in order as [name, text].
 */
export function mergeIntoDoc(existing: string, sections: ReadonlyArray<readonly [string, string]>): string {
  let doc = existing;
  const appended: string[] = [];
  for (const [name, text] of sections) {
    const start = doc.indexOf(open(name));
    const end = start < 0 ? -1 : doc.indexOf(close(name), start);
    if (start >= 0 && end > start) {
      doc = doc.slice(0, start) + markedSection(name, text) + doc.slice(end + close(name).length);
    } else {
      appended.push(markedSection(name, text));
    }
  }
  if (appended.length === 0) return doc;
  return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${appended.join('\n\n')}\n`;
}
