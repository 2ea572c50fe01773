import { tokenSpans } from '../arabic/index.js';

/**
 * Discord-markdown helpers for text the engine hands to renderers (search snippets). Kept out of src/arabic,
 * which is pure language analysis: markdown is Discord's concern. The bot and the CLI both consume the result
 * (the CLI's markdownToTerminal undoes exactly these escapes).
 */

/** Zero-width space: invisible, but it stops Discord from parsing what follows as a mention. */
const ZWSP = '\u200B';

// Every character Discord markdown gives a meaning to inside a line: emphasis (* _), strike (~), code (`),
// spoiler (|), quote (>), heading (#), masked links ([ ] ( )), and the escape character itself.
const MARKDOWN_SPECIALS = /[\\*_~`|>#[\]()]/g;

/**
 * Escape `text` so Discord shows it literally: markdown specials get a backslash, a leading «-» (list or
 * «-#» subtext) is escaped, and mentions are broken (a ZWSP after every @ and after «<» in «<@», «<#», «</»),
 * so neither @everyone nor <@id> pings or renders.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_SPECIALS, (ch) => `\\${ch}`)
    .replace(/^(\s*)-/, '$1\\-')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/<(?=[@#/])/g, `<${ZWSP}`);
}

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
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += escapeMarkdown(text.slice(at, s.start)) + `**${escapeMarkdown(text.slice(s.start, s.end))}**`;
    at = s.end;
  }
  return out + escapeMarkdown(text.slice(at));
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
