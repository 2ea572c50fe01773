import type { CommandInteractionOption } from 'discord.js';
import type { CommandDefinition } from './command.js';

/**
 * Does a slash-command invocation fit the bot's CURRENT definition of that command? Discord keeps showing a
 * command as it was registered: a global command takes up to an hour to update everywhere, an older deployment may
 * have left a command or a subcommand behind, and a member's client can hold a stale copy. Such an invocation names
 * a subcommand or an option we no longer define, or gives an option with another type. Running the handler on it
 * would misread it (or leave a deferred reply unanswered), so the interaction handler answers "unknown or
 * outdated" instead. Returns null when it fits, else what does not (for the log).
 */
export function outdatedInvocation(given: readonly CommandInteractionOption[], definition: CommandDefinition): string | null {
  return mismatch(given, (definition.options ?? []) as readonly DefinedOption[], `/${definition.name}`);
}

interface DefinedOption {
  readonly name: string;
  readonly type: number;
  readonly required?: boolean;
  readonly options?: readonly DefinedOption[];
}

/** Subcommand (1) and subcommand group (2) options carry options of their own. */
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

function mismatch(given: readonly CommandInteractionOption[], defined: readonly DefinedOption[], where: string): string | null {
  for (const option of given) {
    const definition = defined.find((d) => d.name === option.name);
    if (!definition) return `${where}: "${option.name}" is not defined`;
    if (definition.type !== option.type) return `${where}: "${option.name}" is type ${option.type}, defined as ${definition.type}`;
    if (option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP) {
      const inner = mismatch(option.options ?? [], definition.options ?? [], `${where} ${option.name}`);
      if (inner) return inner;
    }
  }
  const leaf = defined.every((d) => d.type !== SUBCOMMAND && d.type !== SUBCOMMAND_GROUP);
  if (leaf) {
    const missing = defined.find((d) => d.required && !given.some((o) => o.name === d.name));
    if (missing) return `${where}: required "${missing.name}" is missing`;
  } else if (given.length === 0) {
    return `${where}: no subcommand given`;
  }
  return null;
}
