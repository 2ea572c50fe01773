// HTTP plumbing for the sandbox: Discord's error type, route matching, rate-limit headers, body parsing.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** An answer in Discord's error shape: HTTP status plus { message, code, errors? }. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: number, message: string, readonly errors?: Record<string, any>) {
    super(message);
  }
}

/** 429 with Discord's retry_after (seconds). */
export class RateLimitedError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 0, 'You are being rate limited.');
  }
}

export function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeURIComponent(segments[i]);
    // Compared decoded: discord.js encodes «@me» as «%40me» (Routes.user('@me')), which Discord accepts.
    else if (pattern[i] !== safeDecode(segments[i])) return null;
  }
  return params;
}

// Plausible per-route bucket headers (Discord sends these on every response; discord.js reads them).
export function rateLimitHeaders(method: string, pathname: string): Record<string, string> {
  const bucket = createHash('sha1').update(`${method} ${pathname.replace(/\d{16,20}/g, ':id')}`).digest('hex').slice(0, 32);
  return {
    'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': '1.000', 'x-ratelimit-bucket': bucket,
  };
}

export async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return parseMultipartPayload(raw, type);
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  return JSON.parse(text);
}

// discord.js sends multipart/form-data when files are attached: the JSON body is the `payload_json` part.
export function parseMultipartPayload(raw: Buffer, contentType: string): any {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new SyntaxError('multipart body without boundary');
  const parts = raw.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`);
  let payload: any = {};
  for (const part of parts) {
    const [head, ...rest] = part.split('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(head ?? '')?.[1];
    if (!name) continue;
    if (name === 'payload_json') payload = JSON.parse(rest.join('\r\n\r\n').replace(/\r\n$/, ''));
  }
  return payload; // file parts are not kept: the sandbox stores message JSON only
}


function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
