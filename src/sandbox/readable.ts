// The control API's readable mode (?format=text): what Discord would show, as terminal text, instead of raw
// interaction JSON. `npm start`'s demo prints the same blocks.
import type { InteractionRecord, MessageRecord, Violation } from './index.js';

/** A message as a terminal block: visibility, content, embeds (title, description, fields, footer), components. */
export function formatMessage(message: MessageRecord): string {
  const author = message.author_name && message.author_name !== 'Nashra' ? ` · by ${message.author_name} (webhook)` : '';
  const pinged = message.mention_roles?.length ? ` · pings ${message.mention_roles.map((r) => `<@&${r}>`).join(' ')}` : '';
  const lines: string[] = [`┌ ${message.ephemeral ? 'private (ephemeral)' : 'in channel'}${author}${pinged} · allowed_mentions ${JSON.stringify(message.allowed_mentions ?? null)}`];
  if (message.flags & 128) lines.push('│ (Nashra is thinking…)');
  if (message.content) lines.push(...indent(message.content));
  for (const embed of message.embeds ?? []) {
    lines.push('│ ┌─ embed');
    if (embed.author?.name) lines.push(`│ │ ${embed.author.name}`);
    if (embed.title) lines.push(`│ │ ${embed.title}${embed.url ? `  <${embed.url}>` : ''}`);
    if (embed.description) lines.push(...indent(shorten(embed.description, 400), '│ │ '));
    for (const f of embed.fields ?? []) lines.push(`│ │ [${f.name}] ${shorten(String(f.value).replace(/\n/g, ' '), 160)}`);
    if (embed.footer?.text) lines.push(`│ │ — ${embed.footer.text}`);
    lines.push('│ └─');
  }
  for (const row of message.components ?? []) {
    const parts = (row.components ?? []).map((c: { type: number; label?: string; placeholder?: string; disabled?: boolean; custom_id?: string; options?: { label: string; value: string }[] }) =>
      c.type === 2
        ? `[${c.label}${c.disabled ? ' (disabled)' : ''}]${c.custom_id ? ` customId=${c.custom_id}` : ''}`
        : `[▾ ${c.placeholder ?? 'menu'}] customId=${c.custom_id} values: ${(c.options ?? []).map((o) => o.value).join(', ')}`,
    );
    lines.push(`│ ${parts.join('  ')}`);
  }
  lines.push(`└ messageId=${message.id}`);
  return lines.join('\n');
}

/** Every message an interaction produced (the reply, then follow-ups), or the autocomplete choices. */
export function formatRecord(record: InteractionRecord): string {
  if (record.type === 4) return (record.choices ?? []).map((c) => `• ${c.name}  → ${JSON.stringify(c.value)}`).join('\n') || '(no choices)';
  const messages = [record.original, ...record.followups].filter((m): m is MessageRecord => m !== null);
  return messages.map(formatMessage).join('\n') || `(no message; acknowledged with callback type ${record.ackType ?? 'none'})`;
}

export function formatViolations(violations: readonly Violation[]): string {
  if (violations.length === 0) return 'No Discord rule violations recorded.';
  return violations.map((v) => `${new Date(v.at).toISOString()}  ${v.rule}: ${v.detail}`).join('\n');
}

function indent(text: string, prefix = '│ '): string[] {
  return text.split('\n').map((l) => prefix + l);
}

/** Terminal preview only (the payload itself stays whole): cut at a word boundary. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
