/**
 * Hard-wrapped text back into paragraphs. Some corpora were saved with a line break every ~80 characters (EASC's
 * files, mail and old wire copy): read one paragraph per line, every sentence that crosses a line end is cut in
 * two, and a summary or a snippet quotes half a sentence. A line is a wrapped continuation when
 * - the file is hard-wrapped at all: its lines never exceed a wrap width (MAX_WRAP_WIDTH at most), and at least
 *   MIN_WRAPPED_LINES of them come close to that width without ending a sentence, and
 * - the line itself comes close to the width (≥ FULL_LINE_SHARE of it), does not end like a sentence or a
 *   paragraph (. ! ? ؟ … : or a closing quotation after one), and the next line is not blank.
 * A short line is a real line end (a headline, the last line of a paragraph, a list item), so real paragraphs,
 * headlines and blank-line breaks are kept. A width is measured rather than assumed because wrappers differ
 * (72, 78, 80 columns; a word processor's proportional fonts: EASC Topic16 wraps at 100–116 characters).
 */

/** Longer lines than this mean the file keeps one paragraph per line: nothing to re-join. */
export const MAX_WRAP_WIDTH = 160;
/**
 * A wrapped line fills at least this share of the width. Not more: Latin words inside Arabic text (EASC Topic16)
 * make a proportional-font wrapper's lines as short as 61% of the widest. A headline is usually shorter.
 */
export const FULL_LINE_SHARE = 0.6;
/** Lines that look wrapped needed before a file counts as hard-wrapped. */
export const MIN_WRAPPED_LINES = 3;

const SENTENCE_OR_PARAGRAPH_END = /[.!?؟…:؛]["'»”’)\]]*$/u;

function visibleLength(line: string): number {
  return line.replace(/\s+/gu, ' ').trim().length;
}

/** Lines of one file with hard wraps undone (continuation lines appended to their line with a space). */
export function rejoinHardWrappedLines(lines: readonly string[]): string[] {
  const lengths = lines.map(visibleLength);
  const width = Math.max(0, ...lengths);
  if (width === 0 || width > MAX_WRAP_WIDTH) return [...lines];
  const full = (i: number) =>
    lengths[i] >= FULL_LINE_SHARE * width && !SENTENCE_OR_PARAGRAPH_END.test(lines[i].trim()) && (lengths[i + 1] ?? 0) > 0;
  let wrapped = 0;
  for (let i = 0; i < lines.length; i++) if (full(i)) wrapped++;
  if (wrapped < MIN_WRAPPED_LINES) return [...lines];

  const out: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    current = current === null ? line : `${current} ${line}`;
    if (!full(i)) {
      out.push(current);
      current = null;
    }
  }
  if (current !== null) out.push(current);
  return out;
}
