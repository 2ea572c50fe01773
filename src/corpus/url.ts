/**
 * The only links Nashra passes on: absolute http(s) URLs. A front-matter `url: javascript:alert(1)` (or `data:`,
 * `file:`, a relative path) is not a link to an article; it would reach the CLI's JSON and any page or bot that
 * renders it. Returns the URL as the WHATWG parser normalizes it, or null.
 */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
