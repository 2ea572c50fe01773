import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';

interface OptionDef {
  readonly name: string;
  readonly type: ApplicationCommandOptionType;
  readonly required?: boolean;
}

/** Option values as discord.js resolves them; channel/user/role options give the id. */
type ValueFor<K> = K extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
  ? number
  : K extends ApplicationCommandOptionType.Boolean
    ? boolean
    : string;

export type OptionValues<O extends readonly OptionDef[]> = {
  [D in O[number] as D['name']]: D extends { readonly required: true } ? ValueFor<D['type']> : ValueFor<D['type']> | undefined;
};

/**
 * Read a command's options by its own definition: the result has exactly the declared names, typed from the
 * declared option types, so a handler cannot read an option that does not exist (discord-utils-bot's approach).
 * Works for the options of a subcommand too: discord.js hoists them.
 */
export function readOptions<const O extends readonly OptionDef[]>(interaction: ChatInputCommandInteraction, defs: O): OptionValues<O> {
  const values: Record<string, unknown> = {};
  for (const def of defs) values[def.name] = interaction.options.get(def.name)?.value ?? undefined;
  return values as OptionValues<O>;
}

/** The option list of one subcommand of a definition, with its literal types. */
export function subcommandOptions<
  const D extends { readonly options?: readonly { readonly name: string; readonly options?: readonly OptionDef[] }[] },
  N extends string,
>(definition: D, name: N): Extract<NonNullable<D['options']>[number], { readonly name: N }>['options'] & readonly OptionDef[] {
  const sub = definition.options?.find((o) => o.name === name);
  if (!sub) throw new Error(`no subcommand "${name}" in the definition`);
  return (sub.options ?? []) as never;
}
