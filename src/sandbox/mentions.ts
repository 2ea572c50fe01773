// What a message really pings, as Discord decides it (docs: "Allowed Mentions Object"): a mention must be written
// in the content (<@id>, <@!id>, <@&id>, @everyone, @here), be allowed by allowed_mentions (absent: everything in
// the content is), and the author must be able to use it — a role is pinged when it is mentionable or the author
// has Mention Everyone in the channel; @everyone/@here need Mention Everyone. Messages by the bot, its interaction
// responses and its own (application-owned) webhooks count as the bot's.
import { PERMISSION, type World } from './fixtures.js';
import type { RuleProblem } from './rules.js';

export interface Mentions {
  users: string[];
  roles: string[];
  everyone: boolean;
}

type Parse = 'users' | 'roles' | 'everyone';

export function resolveMentions(world: World, content: string, allowed: any, authorPermissions: bigint): Mentions {
  const parse: Parse[] | null = allowed === undefined || allowed === null ? null : Array.isArray(allowed.parse) ? allowed.parse : [];
  const listed = (key: 'users' | 'roles') => (allowed && Array.isArray(allowed[key]) ? (allowed[key] as string[]) : []);
  const may = (kind: Parse, id?: string) => parse === null || parse.includes(kind) || (id !== undefined && kind !== 'everyone' && listed(kind as 'users' | 'roles').includes(id));
  const mentionEveryone = (authorPermissions & PERMISSION.MentionEveryone) !== 0n;

  const users = unique([...content.matchAll(/<@!?(\d{1,20})>/g)].map((m) => m[1])).filter((id) => may('users', id));
  const roles = unique([...content.matchAll(/<@&(\d{1,20})>/g)].map((m) => m[1])).filter((id) => {
    const role = world.roles.get(id);
    return role !== undefined && may('roles', id) && (role.mentionable || mentionEveryone);
  });
  const everyone = /@(everyone|here)/.test(content) && may('everyone') && mentionEveryone;
  return { users, roles, everyone };
}

/** Discord's own rules on the allowed_mentions object (400 50035 when broken). */
export function checkAllowedMentions(allowed: any, path = 'allowed_mentions'): RuleProblem[] {
  if (allowed === undefined || allowed === null || typeof allowed !== 'object') return [];
  const problems: RuleProblem[] = [];
  const parse: unknown[] = Array.isArray(allowed.parse) ? allowed.parse : [];
  for (const kind of parse) {
    if (kind !== 'users' && kind !== 'roles' && kind !== 'everyone') {
      problems.push({ path: `${path}.parse`, code: 'BASE_TYPE_CHOICES', message: `Value must be one of ('roles', 'users', 'everyone'), got ${JSON.stringify(kind)}` });
    }
  }
  for (const key of ['users', 'roles'] as const) {
    const ids = allowed[key];
    if (ids === undefined || ids === null) continue;
    if (!Array.isArray(ids)) {
      problems.push({ path: `${path}.${key}`, code: 'BASE_TYPE_ARRAY', message: 'Must be an array' });
      continue;
    }
    if (ids.length > 100) problems.push({ path: `${path}.${key}`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
    if (ids.some((id) => typeof id !== 'string' || !/^\d{1,20}$/.test(id))) problems.push({ path: `${path}.${key}`, code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' });
    // "Mutually exclusive": parse: ['roles'] together with roles: [...] is refused.
    if (ids.length > 0 && parse.includes(key)) {
      problems.push({ path: `${path}.parse`, code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message: `parse:["${key}"] and ${key}: [ids] are mutually exclusive.` });
    }
  }
  return problems;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
