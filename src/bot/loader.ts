import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { CommandModule } from './command.js';

/**
 * The top-level commands/ folder, found from this file: src/bot/ → commands/ when run from the sources (vitest),
 * dist/src/bot/ → dist/commands/ when built.
 */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/**
 * Collect the slash command modules (the discord.js guide's loader): every .js/.ts module in commands/ that exports
 * `data` and `execute`. A module without them is an error, not a silent skip: it would be a command nobody can run.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, CommandModule>> {
  const files = (await readdir(dir))
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .sort();
  const commands = new Map<string, CommandModule>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<CommandModule>;
    if (!mod.data || typeof mod.execute !== 'function') {
      throw new Error(`commands/${file} must export \`data\` and \`execute\``);
    }
    if (commands.has(mod.data.name)) throw new Error(`two command modules define /${mod.data.name}`);
    commands.set(mod.data.name, mod as CommandModule);
  }
  return commands;
}
