/** Placeholder until the retrieval benchmark lands. */
export async function runRetrievalBench(): Promise<string> {
  return "## retrieval\n\nNot measured yet.";
}
