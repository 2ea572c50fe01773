/**
 * Bytes → text, in the encoding the server meant. Arabic sites still serve windows-1256 and ISO-8859-6 (Node's
 * TextDecoder, built with full ICU, decodes both; tests/ingest-pages.test.ts checks real cp1256 and 8859-6 bytes).
 * Order, as browsers do it (WHATWG "determining the character encoding", simplified):
 *   1. a byte-order mark;
 *   2. the charset parameter of the Content-Type header;
 *   3. for HTML, `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
 *      1024 bytes; for XML, the `encoding` of the `<?xml …?>` declaration;
 *   4. UTF-8.
 * An unknown label falls back to UTF-8 with a note, rather than refusing a page.
 */

/** How far into the document browsers look for a `<meta charset>` (the HTML standard's prescan: 1024 bytes). */
const PRESCAN_BYTES = 1024;

export interface DecodedText {
  text: string;
  /** The encoding used, as TextDecoder names it (`windows-1256`, `utf-8`, …). */
  encoding: string;
  /** Where it came from. */
  from: 'bom' | 'header' | 'meta' | 'xml-declaration' | 'default';
  note?: string;
}

export function charsetFromContentType(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m ? m[2].trim() : null;
}

/** The label a document declares in its first bytes, read as Latin-1 (every ASCII-compatible encoding agrees). */
export function declaredCharset(bytes: Uint8Array, kind: 'html' | 'xml'): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, kind === 'xml' ? 256 : PRESCAN_BYTES));
  if (kind === 'xml') {
    return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ?? null;
  }
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct && !/http-equiv/i.test(tag)) return direct[1];
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2] ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(tag)?.[1] ?? '';
      const label = /charset\s*=\s*["']?([^\s;"']+)/i.exec(content)?.[1];
      if (label) return label;
    }
  }
  return null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function decoderFor(label: string): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

export function decodeBody(bytes: Uint8Array, contentType: string | null, kind: 'html' | 'xml'): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes), encoding: bom.encoding, from: 'bom' };
  const notes: string[] = [];
  const candidates: { label: string | null; from: DecodedText['from'] }[] = [
    { label: charsetFromContentType(contentType), from: 'header' },
    { label: declaredCharset(bytes, kind), from: kind === 'xml' ? 'xml-declaration' : 'meta' },
  ];
  for (const { label, from } of candidates) {
    if (!label) continue;
    const decoder = decoderFor(label);
    if (decoder) {
      // A page that declares UTF-16 in a <meta> is ASCII-compatible bytes in fact (the standard says: UTF-8).
      if (from === 'meta' && decoder.encoding.startsWith('utf-16')) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', from };
      return { text: decoder.decode(bytes), encoding: decoder.encoding, from };
    }
    notes.push(`unknown charset "${label}" (${from})`);
  }
  const note = notes.length ? `${notes.join('; ')}; read as UTF-8` : undefined;
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', from: 'default', ...(note ? { note } : {}) };
}
