/** Placeholder until the scale benchmark lands. */
export async function runScaleBench(): Promise<string> {
  return "## scale\n\nNot measured yet.";
}
