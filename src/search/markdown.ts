import { tokenSpans } from '../arabic/index.js';
import { escapeMarkdown } from '../markdown/escape.js';

/**
 * Bold marking for text the engine hands to renderers (search snippets). Kept out of src/arabic, which is pure
 * language analysis: markdown is Discord's concern. The escaping is the bot's own (src/markdown/escape.ts), so a
 * snippet and the article it comes from escape the same way; the CLI's markdownToTerminal undoes it.
 */
export { escapeMarkdown };

export interface Span {
  start: number;
  end: number;
}

/**
 * Escape `text` and wrap each span (character offsets into `text`, non-overlapping, any order) in **bold**.
 * Adjacent spans separated only by spaces are merged into one bold run, so «**التحالف الدولي**» reads as one
 * phrase and Discord never sees «** **».
 */
export function markSpans(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start >= last.end && /^\s*$/.test(text.slice(last.end, s.start))) last.end = Math.max(last.end, s.end);
    else if (!last || s.start >= last.end) merged.push({ ...s });
  }
  // Each piece is escaped on its own; only a piece that begins the text (or follows a line break) is at a line
  // start, where «- » and «1.» would be list markers.
  const piece = (from: number, to: number) =>
    escapeMarkdown(text.slice(from, to), { atLineStart: from === 0 || text[from - 1] === '\n' });
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += piece(at, s.start) + `**${piece(s.start, s.end)}**`;
    at = s.end;
  }
  return out + piece(at, text.length);
}

/**
 * Escape `text` for Discord and bold every word token for which `isMatch` is true (e.g. a word whose analyzed
 * term matched the query). The bot can use it to mark query words in quotations the same way as in snippets.
 */
export function markTerms(text: string, isMatch: (token: string) => boolean): string {
  return markSpans(
    text,
    tokenSpans(text).filter((t) => isMatch(t.token)),
  );
}
