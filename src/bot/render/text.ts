import { escapeMarkdown } from 'discord.js';

/**
 * Make any text (article text, a user's query, a speaker's name) safe to show in a Discord message:
 * markdown is escaped so an article cannot turn the reply bold or into a heading or a masked link, and mention
 * syntax is broken with a zero-width space so it neither pings nor renders as a mention. Pings are also blocked
 * by `allowed_mentions: { parse: [] }` on every message; this is the second line of defence and keeps the text
 * looking like what the article says.
 */
export function safeText(text: string): string {
  return neutralizeMentions(escapeBlockSyntax(escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })));
}

/** Zero-width space: invisible, but it stops Discord from parsing the characters around it as a mention. */
const ZWSP = '\u200B';

/**
 * @everyone, @here, <@user>, <@!user>, <@&role>, <#channel> and </command:id>. Used on its own for text that is
 * already markdown-escaped (the engine's snippets).
 */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<([@#/])/g, `<${ZWSP}$1`);
}

/** Block quotes («> » at a line start) and subtext («-# ») are not covered by escapeMarkdown. */
function escapeBlockSyntax(text: string): string {
  return text.replace(/^(\s*)>/gm, '$1\\>').replace(/^(\s*)-#/gm, '$1\\-#');
}

/** «text» in Arabic guillemets, as the seeds quote. Direction-neutral, so it reads right in both locales. */
export function guillemets(text: string): string {
  return `«${text}»`;
}
