import { escapeMarkdown, neutralizeMentions, stripBidiControls } from '../../markdown/escape.js';
import { truncate } from '../split.js';

/**
 * Make any text (article text, a user's query, a speaker's name) safe to show in a Discord message. This is the one
 * place where that happens; every renderer goes through safeText (escaped text) or plainText (fields Discord does
 * not render as markdown, such as autocomplete choices and embed author names).
 *
 * The escaping itself (bidi controls removed, markdown escaped, mentions broken) is src/markdown/escape.ts, the
 * same escaper the engine uses for search snippets, so a sentence reads the same in /search and in /article.
 *
 * safeTextWithin(text, max) cuts the text to `max` characters BEFORE it is escaped (escaping a 200,000-character paragraph to
 * show 256 of them is wasted work), then cut again after, since escaping lengthens it (at most twice: one
 * backslash or zero-width space per character).
 */
export function safeText(text: string): string {
  return escapeForDiscord(text);
}

/** safeText for a place that shows at most `max` characters: cut, escape, cut again (see safeText). */
export function safeTextWithin(text: string, max: number): string {
  const cut = text.length > max ? truncate(text, max) : text;
  const escaped = escapeForDiscord(cut);
  return escaped.length > max ? truncate(escaped, max) : escaped;
}

/** For fields Discord shows as plain text (autocomplete choices, embed author names): no markdown to escape. */
export function plainText(text: string, max?: number): string {
  const clean = stripBidiControls(max !== undefined && text.length > max ? truncate(text, max) : text);
  return max !== undefined && clean.length > max ? truncate(clean, max) : clean;
}

export { neutralizeMentions, stripBidiControls };

/** The one escaper, shared with the engine's snippets: src/markdown/escape.ts (why not discord.js escapeMarkdown is there). */
function escapeForDiscord(text: string): string {
  return escapeMarkdown(text);
}

/**
 * An upper bound on escapeForDiscord(text).length, in one cheap pass: every character that may gain a backslash or
 * a zero-width space counts twice. Used to lay out article pages without escaping every page up front.
 */
export function escapedLengthBound(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x5c: case 0x2a: case 0x5f: case 0x7e: case 0x60: case 0x7c: case 0x3e: case 0x23: // \ * _ ~ ` | > #
      case 0x5b: case 0x5d: case 0x28: case 0x29: case 0x2d: case 0x2e: case 0x40: case 0x3c: // [ ] ( ) - . @ <
        extra++;
    }
  }
  return text.length + extra;
}

/** «text» in Arabic guillemets, as the seeds quote. Direction-neutral, so it reads right in both locales. */
export function guillemets(text: string): string {
  return `«${text}»`;
}
