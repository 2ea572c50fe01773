import { truncate } from './split.js';
import type { InteractionRecord, MessageRecord, Sandbox } from '../sandbox/index.js';

/**
 * What `npm start` does without a token: a short tour of the bot against the local sandbox, printing what Discord
 * would have received in readable form, then how to drive it by hand.
 */
export async function runSandboxDemo(sandbox: Sandbox, print: (text: string) => void, query = 'الإرهاب'): Promise<void> {
  const steps: { title: string; run: () => Promise<InteractionRecord> }[] = [
    { title: `/search query:${query}`, run: () => sandbox.slash('search', [{ name: 'query', value: query }]) },
    { title: '/quote', run: () => sandbox.slash('quote', []) },
    { title: '/digest now since:all', run: () => sandbox.slash('digest', [{ name: 'now', options: [{ name: 'since', value: 'all' }] }]) },
  ];
  for (const step of steps) {
    print(`\n━━ ${step.title}`);
    try {
      const record = await step.run();
      for (const message of [record.original, ...record.followups]) if (message) print(formatMessage(message));
    } catch (err) {
      print(`  (failed: ${(err as Error).message})`);
    }
  }
  const violations = sandbox.violations;
  print(`\nDiscord rule violations recorded by the sandbox: ${violations.length}`);
  for (const v of violations.slice(0, 10)) print(`  ${v.rule}: ${v.detail}`);
}

/** A message as a terminal block: visibility, content, embeds (title, description, fields, footer), components. */
export function formatMessage(message: MessageRecord): string {
  const lines: string[] = [`┌ ${message.ephemeral ? 'private (ephemeral)' : 'in channel'} · allowed_mentions ${JSON.stringify(message.allowed_mentions ?? null)}`];
  if (message.content) lines.push(...indent(message.content));
  for (const embed of message.embeds ?? []) {
    lines.push('│ ┌─ embed');
    if (embed.author?.name) lines.push(`│ │ ${embed.author.name}`);
    if (embed.title) lines.push(`│ │ ${embed.title}${embed.url ? `  <${embed.url}>` : ''}`);
    if (embed.description) lines.push(...indent(shorten(embed.description, 400), '│ │ '));
    for (const f of embed.fields ?? []) lines.push(`│ │ [${f.name}] ${shorten(f.value.replace(/\n/g, ' '), 160)}`);
    if (embed.footer?.text) lines.push(`│ │ — ${embed.footer.text}`);
    lines.push('│ └─');
  }
  for (const row of message.components ?? []) {
    const parts = (row.components ?? []).map((c: { type: number; label?: string; placeholder?: string; disabled?: boolean; custom_id?: string }) =>
      c.type === 2 ? `[${c.label}${c.disabled ? ' (disabled)' : ''}]` : `[▾ ${c.placeholder ?? 'menu'}]`,
    );
    lines.push(`│ ${parts.join(' ')}`);
  }
  lines.push('└');
  return lines.join('\n');
}

export function drivingInstructions(sandbox: Sandbox): string {
  const base = sandbox.baseUrl;
  return [
    '',
    `The sandbox is running at ${base} (Discord REST at ${sandbox.apiUrl}). Drive the bot with its control API:`,
    `  curl -s -X POST ${base}/_sandbox/slash -H 'content-type: application/json' \\`,
    `       -d '{"name":"search","options":[{"name":"query","value":"داعش"}]}'`,
    `  curl -s -X POST ${base}/_sandbox/autocomplete -H 'content-type: application/json' \\`,
    `       -d '{"name":"article","options":[{"name":"id","value":"المغرب","focused":true}]}'`,
    `  curl -s -X POST ${base}/_sandbox/click -H 'content-type: application/json' -d '{"messageId":"…","customId":"…"}'`,
    `  curl -s ${base}/_sandbox/messages    ·    curl -s ${base}/_sandbox/violations    ·    curl -s ${base}/_sandbox/commands`,
    'Add or edit files in the articles folder: they are re-indexed within a second. Ctrl-C stops.',
  ].join('\n');
}

function indent(text: string, prefix = '│ '): string[] {
  return text.split('\n').map((l) => prefix + l);
}

/** Terminal preview only (the payload itself is whole): cut at a word boundary like every other cut we make. */
function shorten(text: string, max: number): string {
  return truncate(text, max);
}
