// The playground's static files: the page (src/sandbox/playground/) and the browser modules and font it loads
// from node_modules. Everything is served by the sandbox itself on 127.0.0.1 — no CDN, no bundler: the page
// loads @skyra/discord-components-core and lit as ES modules through an import map.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with Nashra's package.json (works from src/ and dist/). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'nashra') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('sandbox: cannot find the Nashra folder (package.json) to serve the playground from');
    dir = parent;
  }
}

const ROOT = findRoot();
const PAGE_DIR = path.join(ROOT, 'src', 'sandbox', 'playground');

/**
 * The only node_modules packages the page may load, with the module each bare specifier maps to (the package's
 * browser/default export). The import map is built from this list, so a file outside it is never served.
 */
const VENDOR: { name: string; main?: string }[] = [
  { name: '@skyra/discord-components-core', main: 'dist/index.js' },
  { name: 'lit', main: 'index.js' },
  { name: 'lit-html', main: 'lit-html.js' },
  { name: 'lit-element', main: 'index.js' },
  { name: '@lit/reactive-element', main: 'reactive-element.js' },
  { name: '@lit/context', main: 'index.js' },
  { name: '@fontsource/ibm-plex-sans-arabic' },
];

export const VENDOR_PREFIX = '/_vendor/';

/** The page's import map: bare specifiers → /_vendor/ paths. */
export function importMap(): { imports: Record<string, string> } {
  const imports: Record<string, string> = {};
  for (const pkg of VENDOR) {
    if (pkg.main) imports[pkg.name] = `${VENDOR_PREFIX}${pkg.name}/${pkg.main}`;
    imports[`${pkg.name}/`] = `${VENDOR_PREFIX}${pkg.name}/`;
  }
  return { imports };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
};

export interface StaticFile {
  status: number;
  type: string;
  body: Buffer | string;
}

/**
 * A playground file for a GET path, or null when the path is not the playground's. `/` is the page (with the import
 * map written in); `/playground/…` its own files; `/_vendor/<package>/…` the listed packages' files only.
 */
export async function playgroundFile(pathname: string): Promise<StaticFile | null> {
  if (pathname === '/' || pathname === '/index.html') {
    const html = await readFile(path.join(PAGE_DIR, 'index.html'), 'utf8');
    return { status: 200, type: TYPES['.html'], body: html.replace('{"imports":{}}', JSON.stringify(importMap())) };
  }
  if (pathname.startsWith('/playground/')) return fileUnder(PAGE_DIR, pathname.slice('/playground/'.length));
  if (pathname.startsWith(VENDOR_PREFIX)) {
    const rest = pathname.slice(VENDOR_PREFIX.length);
    const pkg = VENDOR.find((p) => rest.startsWith(`${p.name}/`));
    if (!pkg) return notFound();
    return fileUnder(path.join(ROOT, 'node_modules', pkg.name), rest.slice(pkg.name.length + 1));
  }
  return null;
}

async function fileUnder(dir: string, relative: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return notFound();
  }
  const file = path.resolve(dir, decoded);
  // No way out of the folder (../), and no dotfiles.
  if (!file.startsWith(dir + path.sep) || decoded.split('/').some((part) => part.startsWith('.'))) return notFound();
  try {
    const body = await readFile(file);
    return { status: 200, type: TYPES[path.extname(file)] ?? 'application/octet-stream', body };
  } catch {
    return notFound();
  }
}

function notFound(): StaticFile {
  return { status: 404, type: 'text/plain; charset=utf-8', body: 'not found' };
}
