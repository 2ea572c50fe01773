export async function runSearchBench(): Promise<string> {
  return '';
}
