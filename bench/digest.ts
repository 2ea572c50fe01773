/** Placeholder until the digest benchmark lands. */
export async function runDigestBench(): Promise<string> {
  return "## digest\n\nNot measured yet.";
}
