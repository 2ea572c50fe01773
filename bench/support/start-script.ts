import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The environment `npm start` gives the bot process: the `NAME=value` words before `node` in package.json's start
 * script (glibc's malloc tunables, see the README's "Memory"). The benchmark launches `node dist/src/main.js` with
 * them, so that it measures the process a user runs rather than a differently configured one.
 */
export function startScriptEnv(root: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = pkg.scripts?.start ?? '';
  const command = start.split('&&').at(-1)?.trim() ?? '';
  const env: Record<string, string> = {};
  for (const word of command.split(/\s+/)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word);
    if (!m) break;
    env[m[1]!] = m[2]!;
  }
  return env;
}
