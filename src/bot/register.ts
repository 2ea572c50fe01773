import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Routes, type REST } from 'discord.js';
import type { CommandModule } from './command.js';

export interface RegistrationTarget {
  applicationId: string;
  /** Register in this guild (instant, for development); globally when null. */
  guildId: string | null;
}

export function commandDefinitions(commands: Map<string, CommandModule>) {
  return [...commands.values()].map((c) => c.data);
}

/** Bulk overwrite: one PUT replaces the whole command set, so a removed command disappears too. */
export async function registerCommands(rest: REST, target: RegistrationTarget, definitions: readonly unknown[]): Promise<void> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body: definitions });
}

const HASH_FILE = 'registered-commands.json';

export function definitionsHash(target: RegistrationTarget, definitions: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify({ target, definitions })).digest('hex');
}

/**
 * Register at start-up only when the definitions (or where they go) changed since the last registration, as
 * recorded in DATA_DIR: Discord rate-limits command creation per day, and a restart should not spend it.
 */
export async function registerIfChanged(
  rest: REST,
  target: RegistrationTarget,
  definitions: readonly unknown[],
  dataDir: string,
  force = false,
): Promise<'registered' | 'unchanged'> {
  const hash = definitionsHash(target, definitions);
  const file = path.join(dataDir, HASH_FILE);
  if (!force) {
    const previous = await readFile(file, 'utf8').then((s) => JSON.parse(s) as { hash?: string }, () => null);
    if (previous?.hash === hash) return 'unchanged';
  }
  await registerCommands(rest, target, definitions);
  await mkdir(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ hash, target, registeredAt: new Date().toISOString() }, null, 2));
  await rename(tmp, file);
  return 'registered';
}
