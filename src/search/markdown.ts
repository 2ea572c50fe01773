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
  // findMatches gives its spans in text order, none empty: they are then taken as they are, without a sorted copy.
  const sorted = inTextOrder(spans) ? spans : [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start >= last.end && isBlank(text, last.end, s.start)) last.end = Math.max(last.end, s.end);
    else if (!last || s.start >= last.end) merged.push({ start: s.start, end: s.end });
  }
  // Each piece is escaped on its own; only a piece that begins the text (or follows a line break) is at a line
  // start, where «- » and «1.» would be list markers. Most snippets hold nothing escapeMarkdown changes (no
  // markdown character, mention, bidi control or line break): their pieces are then copied as they are, and only
  // the text's first piece is escaped, when it begins like a list marker (one regular-expression test per text
  // instead of six passes per piece; tests/search-core.test.ts compares both ways).
  const plain = !NEEDS_ESCAPE.test(text);
  const piece = (from: number, to: number) =>
    plain && (from > 0 || !LIST_MARKER_START.test(text))
      ? text.slice(from, to)
      : escapeMarkdown(text.slice(from, to), { atLineStart: from === 0 || text[from - 1] === '\n' });
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += piece(at, s.start) + `**${piece(s.start, s.end)}**`;
    at = s.end;
  }
  return out + piece(at, text.length);
}

/** Whether every span is non-empty and none starts before the previous one (what the sort would give unchanged). */
function inTextOrder(spans: readonly Span[]): boolean {
  for (let i = 0; i < spans.length; i++) {
    if (spans[i].end <= spans[i].start || (i > 0 && spans[i].start < spans[i - 1].start)) return false;
  }
  return true;
}

/** /^\s*$/ on text[from..to): words of a phrase are mostly one plain space apart, which needs no slice or test. */
function isBlank(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && text.charCodeAt(i) === 0x20) i++;
  return i === to || /^\s*$/.test(text.slice(i, to));
}

/**
 * A character on which escapeMarkdown (src/markdown/escape.ts) may act anywhere in a text: its markdown characters,
 * the start of a mention («@», «<»), a bidi control it removes, a line terminator (a new line start). A text
 * without any is returned unchanged by escapeMarkdown, except for a list marker at its very start.
 */
const NEEDS_ESCAPE = /[\\*_~`|>#[\]()@<\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\n\r\u2028\u2029]/;
/** What escapeMarkdown's line-start rule acts on («- », «-#», «1.»), at the start of a text. */
const LIST_MARKER_START = /^[ \t]*(?:-|\d+\.)/;

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
