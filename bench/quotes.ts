/** Placeholder until the quotes benchmark lands. */
export async function runQuotesBench(): Promise<string> {
  return "## quotes\n\nNot measured yet.";
}
