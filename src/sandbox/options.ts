// Interaction options as Discord sends them, built from what a test gives (name and value are enough).

/** Fills each option's `type` from the registered definition so tests can pass [{ name, value }]. */
export function fillOptionTypes(given: any[], defined: any[]): any[] {
  return given.map((option) => {
    const definition = defined.find((d) => d.name === option.name);
    if (!definition) throw new Error(`sandbox: option ${JSON.stringify(option.name)} is not defined (defined: ${defined.map((d) => d.name).join(', ') || 'none'})`);
    const filled: any = { ...option, type: option.type ?? definition.type };
    if (Array.isArray(option.options)) filled.options = fillOptionTypes(option.options, definition.options ?? []);
    else if (filled.type === 1 || filled.type === 2) filled.options = [];
    return filled;
  });
}

export function lastLeafOption(options: any[]): any | undefined {
  const last = options[options.length - 1];
  if (!last) return undefined;
  if (last.type === 1 || last.type === 2) return lastLeafOption(last.options ?? []);
  return last;
}
