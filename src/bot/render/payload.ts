import { embedLength, time, TimestampStyles, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';
import { httpUrl } from '../../corpus/url.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split.js';

/** No @everyone, no roles, no users, no reply ping: nothing in a Nashra message may notify anyone. */
export const NO_MENTIONS = { parse: [] as [] };

/**
 * A message as Discord's REST API takes it (snake_case, the body of POST /channels/{id}/messages). Renderers
 * produce these; `toReplyOptions` (src/bot/respond.ts) adapts one for discord.js interaction methods.
 */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: { parse: [] };
}

/**
 * The characters Discord counts toward the 6,000 total of one embed: discord.js's own `embedLength` (title,
 * description, field names and values, footer text, author name).
 */
export function embedTextLength(embed: APIEmbed): number {
  return embedLength(embed);
}

export function embedsTextLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, e) => sum + embedTextLength(e), 0);
}

/** Every limit a payload must respect; returns the broken rules (empty when the payload is fine). Used by tests. */
export function limitProblems(payload: MessagePayload): string[] {
  const problems: string[] = [];
  const embeds = payload.embeds ?? [];
  if ((payload.content?.length ?? 0) > LIMITS.content) problems.push(`content ${payload.content!.length}`);
  if (embeds.length > LIMITS.embedsPerMessage) problems.push(`${embeds.length} embeds`);
  if (embedsTextLength(embeds) > LIMITS.embedTotal) problems.push(`embed total ${embedsTextLength(embeds)}`);
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) problems.push(`title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > LIMITS.embedDescription) problems.push(`description ${e.description!.length}`);
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) problems.push(`${e.fields!.length} fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.value.length > LIMITS.fieldValue) problems.push(`field ${f.name.length}/${f.value.length}`);
      if (!f.name.trim() || !f.value.trim()) problems.push('empty field');
    }
    if ((e.footer?.text.length ?? 0) > LIMITS.footerText) problems.push('footer');
    if ((e.author?.name.length ?? 0) > LIMITS.authorName) problems.push('author');
  }
  const rows = payload.components ?? [];
  if (rows.length > LIMITS.actionRows) problems.push(`${rows.length} rows`);
  for (const row of rows) {
    if (row.components.length > LIMITS.buttonsPerRow) problems.push('row too wide');
    for (const c of row.components) {
      if ('custom_id' in c && c.custom_id.length > LIMITS.customId) problems.push(`custom_id ${c.custom_id}`);
      if ('label' in c && c.label && c.label.length > LIMITS.buttonLabel) problems.push('label');
      if ('options' in c && c.options) {
        if (c.options.length > LIMITS.selectOptions) problems.push('select options');
        for (const o of c.options) {
          if (o.label.length > LIMITS.selectOptionLabel || o.value.length > LIMITS.selectOptionValue) problems.push('option');
          if ((o.description?.length ?? 0) > LIMITS.selectOptionDescription) problems.push('option description');
        }
      }
    }
  }
  if (!payload.content && embeds.length === 0) problems.push('empty message');
  return problems;
}

/**
 * Safety net for the 6,000-character total across a message's embeds: shorten the longest description (then the
 * longest field value) at a word boundary until the message fits. Renderers budget for the limit up front; this
 * catches the unusual article (a 3,000-character headline, a quotation of a whole page).
 */
export function fitEmbedsToTotal(embeds: APIEmbed[], max: number = LIMITS.embedTotal): APIEmbed[] {
  const out = embeds.map((e) => ({ ...e, fields: e.fields?.map((f) => ({ ...f })) }));
  for (let guard = 0; guard < 200 && embedsTextLength(out) > max; guard++) {
    const excess = embedsTextLength(out) - max;
    const longest = out.reduce((a, b) => ((b.description?.length ?? 0) > (a.description?.length ?? 0) ? b : a));
    if ((longest.description?.length ?? 0) > 200) {
      longest.description = truncate(longest.description!, Math.max(200, longest.description!.length - excess));
      continue;
    }
    const fields = out.flatMap((e) => e.fields ?? []);
    const field = fields.reduce<(typeof fields)[number] | null>((a, b) => (!a || b.value.length > a.value.length ? b : a), null);
    if (field && field.value.length > 50) {
      field.value = truncate(field.value, Math.max(50, field.value.length - excess));
      continue;
    }
    break;
  }
  for (const e of out) if (!e.fields) delete e.fields;
  return out;
}

/** Only http(s) links become embed URLs; anything else (javascript:, relative paths) is dropped. */
export function safeUrl(url: string | null | undefined): string | undefined {
  const link = httpUrl(url);
  // 2,048: Discord's limit on an embed URL.
  return link && link.length <= 2048 ? link : undefined;
}

const TIMESTAMP_STYLES = {
  F: TimestampStyles.LongDateTime,
  f: TimestampStyles.ShortDateTime,
  D: TimestampStyles.LongDate,
  R: TimestampStyles.RelativeTime,
} as const;

/** Discord timestamp markup (discord.js `time()`): every reader sees it in their own timezone and language. */
export function discordTime(date: Date | string, style: keyof typeof TIMESTAMP_STYLES = 'F'): string {
  return time(typeof date === 'string' ? new Date(date) : date, TIMESTAMP_STYLES[style]);
}

export function message(parts: Omit<MessagePayload, 'allowed_mentions'>): MessagePayload {
  const payload: MessagePayload = { allowed_mentions: { parse: [] } };
  if (parts.content) payload.content = truncate(parts.content, LIMITS.content);
  if (parts.embeds?.length) payload.embeds = fitEmbedsToTotal(parts.embeds);
  if (parts.components?.length) payload.components = parts.components;
  return payload;
}
