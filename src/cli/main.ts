/**
 * `nashra` — the engine from the terminal. The JSON output is a contract (README, "CLI"): exactly one JSON
 * document on stdout with --json (JSON Lines with --stdin), logs on stderr; exit 0 ok, 2 bad usage, 1 other errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { Engine, type Logger } from '../engine/engine.js';
import { parseSince } from '../engine/dates.js';
import { NashraError } from '../engine/errors.js';
import { createFileAnalyzer } from '../engine/parse-pool.js';
import type { openIngestion } from '../ingest/index.js';
import { feedJson, feedListText, feedText, ingestJson, ingestText } from './ingest-output.js';
import { articleJson, digestJson, quotesJson, searchJson } from './json.js';
import { articleText, digestText, quotesText, searchText, type TextStyle } from './text.js';

export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), findUp('package.json'));

function findUp(file: string): string {
  // Works from src/cli (vitest) and from dist/src/cli (built).
  let rel = '..';
  for (let i = 0; i < 5; i++, rel += '/..') {
    if (existsSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), rel, file))) return rel;
  }
  return '../..';
}

export const USAGE = `Usage:
  nashra search <query…> [--limit N] [--offset N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--source S] [--json]
  nashra search --stdin [--json]          one query per line on stdin (JSON Lines with --json)
  nashra article <id> [--json]
  nashra quotes [<query…>] [--speaker NAME] [--article ID] [--limit N] [--json]
  nashra digest [--since DATE|ISO-TIME|24h|7d|all] [--query Q] [--json]
  nashra add <url|file…> [--json]          fetch article pages / copy article files into the corpus
  nashra feeds add <url> | list | remove <url> [--json]
  nashra fetch [--json]                    poll every feed once now

Every command takes --corpus DIR (default: $ARTICLES_DIR, else ./seeds) and --data DIR (article store, index and
database; default: $DATA_DIR, else ./data). Exit codes: 0 ok, 1 error (missing corpus, unknown id, a page or
feed that failed), 2 bad usage.
`;

class UsageError extends Error {}

const COMMON = {
  corpus: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMAND_OPTIONS = {
  search: { ...COMMON, limit: { type: 'string' }, offset: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, source: { type: 'string' }, stdin: { type: 'boolean' } },
  article: { ...COMMON },
  quotes: { ...COMMON, speaker: { type: 'string' }, article: { type: 'string' }, limit: { type: 'string' } },
  digest: { ...COMMON, since: { type: 'string' }, query: { type: 'string' } },
  add: { ...COMMON },
  feeds: { ...COMMON },
  fetch: { ...COMMON },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type CommandName = keyof typeof COMMAND_OPTIONS;

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const write = (s: string) => io.stdout.write(s);
  const fail = (code: number, message: string) => {
    io.stderr.write(`nashra: ${message}\n`);
    return code;
  };

  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? io.stdout : io.stderr).write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    write(`${packageVersion()}\n`);
    return 0;
  }
  if (!(command in COMMAND_OPTIONS)) return fail(2, `unknown command "${command}" (try: search, article, quotes, digest, add, feeds, fetch)`);

  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: COMMAND_OPTIONS[command as CommandName],
      allowPositionals: true,
      strict: true,
    }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (err) {
    return fail(2, (err as Error).message.split('\n')[0]);
  }
  if (values.help) {
    write(USAGE);
    return 0;
  }

  loadDotenv({ quiet: true, path: path.join(io.cwd, '.env') });
  const corpusDir = resolveCorpus(values.corpus as string | undefined, io);
  const dataDir = path.resolve(io.cwd, (values.data as string | undefined) ?? io.env.DATA_DIR ?? 'data');
  const log: Logger = {
    info: () => {},
    warn: (m) => io.stderr.write(`warning: ${m}\n`),
  };
  const style: TextStyle = { color: io.isTTY && !io.env.NO_COLOR };
  const asJson = Boolean(values.json);
  const emit = (doc: unknown, text: string) => write(asJson ? `${JSON.stringify(doc)}\n` : text);

  let opened: Engine | null = null;
  try {
    // The few files new since the last run are parsed here rather than in a worker started for them.
    const analyzer = createFileAnalyzer({ inlineFiles: 16 });
    const open = async () => (opened = await Engine.open({ corpusDir, dataDir, log, analyzer }));
    switch (command as CommandName) {
      case 'search': {
        const options = {
          limit: intOption(values.limit, 'limit', 10, 1, 1000),
          offset: intOption(values.offset, 'offset', 0, 0, 1_000_000),
          from: values.from as string | undefined,
          to: values.to as string | undefined,
          source: values.source as string | undefined,
        };
        if (values.stdin) {
          if (positionals.length) throw new UsageError('give queries either as arguments or with --stdin, not both');
          const engine = await open();
          return await searchStdin(engine, options, io, asJson, style);
        }
        const query = positionals.join(' ');
        if (!query.trim()) throw new UsageError('search needs a query, e.g. nashra search داعش');
        const engine = await open();
        const response = engine.search(query, options);
        emit(searchJson(response), searchText(response, style));
        return 0;
      }
      case 'article': {
        if (positionals.length !== 1) throw new UsageError('article needs exactly one id, e.g. nashra article 001_ac174d486c1c24cb');
        const engine = await open();
        const article = engine.article(positionals[0]);
        const quotes = engine.quotesFor(article.id);
        emit(articleJson(article, quotes), articleText(article, quotes));
        return 0;
      }
      case 'quotes': {
        const limit = intOption(values.limit, 'limit', 10, 1, 1000);
        const engine = await open();
        const quotes = engine.quotes(positionals.join(' '), {
          speaker: values.speaker as string | undefined,
          articleId: values.article as string | undefined,
          limit,
        });
        emit(quotesJson(quotes), quotesText(quotes));
        return 0;
      }
      case 'digest': {
        if (positionals.length) throw new UsageError(`digest takes no positional arguments (got "${positionals.join(' ')}"); use --query`);
        const since = values.since === undefined ? undefined : sinceOption(values.since as string);
        const query = values.query as string | undefined;
        if (query !== undefined && !query.trim()) throw new UsageError('--query is empty');
        const engine = await open();
        const digest = await engine.digest({ since, query });
        emit(digestJson(digest), digestText(digest));
        return 0;
      }
      case 'add': {
        if (!positionals.length) throw new UsageError('add needs at least one URL or file, e.g. nashra add https://example.com/article.html');
        requireCorpus(corpusDir);
        const report = await withIngestion(corpusDir, dataDir, io, (ingestor) => ingestor.add(positionals));
        emit(ingestJson(report), ingestText(report));
        return report.errors.length ? 1 : 0;
      }
      case 'fetch': {
        if (positionals.length) throw new UsageError(`fetch takes no arguments (got "${positionals.join(' ')}"); add feeds with nashra feeds add <url>`);
        requireCorpus(corpusDir);
        const report = await withIngestion(corpusDir, dataDir, io, async (ingestor) => {
          const feeds = ingestor.listFeeds();
          if (!feeds.length) io.stderr.write('nashra: no feeds to fetch; add one with: nashra feeds add <url>\n');
          // "Now" means every feed, failing ones included: the backoff is for the unattended poller.
          return (await ingestor.pollFeeds(feeds)).report;
        });
        emit(ingestJson(report), ingestText(report));
        return report.errors.length ? 1 : 0;
      }
      case 'feeds': {
        const [sub, ...args] = positionals;
        if (sub === 'list' && args.length === 0) {
          const feeds = await withIngestion(corpusDir, dataDir, io, async (ingestor) => ingestor.listFeeds());
          emit({ feeds: feeds.map(feedJson) }, feedListText(feeds));
          return 0;
        }
        if ((sub === 'add' || sub === 'remove') && args.length === 1) {
          const url = args[0];
          if (sub === 'remove') {
            const removed = await withIngestion(corpusDir, dataDir, io, async (ingestor) => ingestor.removeFeed(url));
            if (!removed) return fail(1, `no feed with the URL ${url} (see: nashra feeds list)`);
            emit({ removed: feedJson(removed) }, `removed ${feedText(removed)}\n`);
            return 0;
          }
          const result = await withIngestion(corpusDir, dataDir, io, (ingestor) => ingestor.addFeed(url, 'cli'));
          if (result.kind === 'failed') return fail(1, result.message);
          const said = result.kind === 'added' ? `added (${result.itemCount} items; run nashra fetch to ingest them)` : 'already followed';
          emit({ feed: feedJson(result.feed), outcome: result.kind }, `${said}: ${feedText(result.feed)}\n`);
          return 0;
        }
        throw new UsageError('usage: nashra feeds add <url> | nashra feeds list | nashra feeds remove <url>');
      }
    }
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    if (err instanceof NashraError) {
      const usage = err.code === 'EMPTY_QUERY' || err.code === 'QUERY_TOO_LONG' || err.code === 'INVALID_DATE';
      return fail(usage ? 2 : 1, err.message);
    }
    return fail(1, (err as Error).stack ?? String(err));
  } finally {
    // Finishes writing a snapshot the run started (a first import), so the next run starts from it.
    await (opened as Engine | null)?.close();
  }
  return 0;
}

async function searchStdin(
  engine: Engine,
  options: Parameters<Engine['search']>[1],
  io: CliIO,
  asJson: boolean,
  style: TextStyle,
): Promise<number> {
  let status = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const query = line.trim();
    if (!query) continue;
    try {
      const response = engine.search(query, options);
      io.stdout.write(asJson ? `${JSON.stringify(searchJson(response))}\n` : `${searchText(response, style)}\n`);
    } catch (err) {
      if (!(err instanceof NashraError)) throw err;
      // One bad line must not lose the others: answer it with an empty result that says why, and go on.
      status = 2;
      io.stderr.write(`nashra: ${err.message}\n`);
      if (asJson) io.stdout.write(`${JSON.stringify({ query, total: 0, results: [], error: err.message })}\n`);
    }
  }
  return status;
}

/** Ingestion over DATA_DIR's database, closed (worker thread, database) whatever happens. */
async function withIngestion<T>(corpusDir: string, dataDir: string, io: CliIO, run: (ingestor: ReturnType<typeof openIngestion>['ingestor']) => Promise<T>): Promise<T> {
  // Loaded here: the page extraction and feed parsing behind it are not needed by the read commands.
  const { openIngestion } = await import('../ingest/index.js');
  const ingestion = openIngestion({
    corpusDir,
    dataDir,
    log: { info: () => {}, warn: (m) => io.stderr.write(`warning: ${m}\n`) },
  });
  try {
    return await run(ingestion.ingestor);
  } finally {
    await ingestion.close();
  }
}

function requireCorpus(corpusDir: string): void {
  if (!existsSync(corpusDir)) throw new NashraError('CORPUS_MISSING', `corpus folder not found: ${corpusDir}`);
}

function resolveCorpus(flag: string | undefined, io: CliIO): string {
  if (flag !== undefined) return path.resolve(io.cwd, flag);
  if (io.env.ARTICLES_DIR) return path.resolve(io.cwd, io.env.ARTICLES_DIR);
  const local = path.resolve(io.cwd, 'seeds');
  // Outside the project folder, fall back to the seeds that ship with the package.
  return existsSync(local) ? local : path.join(PACKAGE_ROOT, 'seeds');
}

function intOption(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/**
 * --since reads like /digest now `since` (src/engine/dates.ts): a day, an ISO time with its zone, a relative period
 * (24h, 7d) or `all`. An instant in the future is not an error here: it selects nothing, as a script expects.
 */
function sinceOption(value: string): Date | undefined {
  const since = parseSince(value, new Date());
  if (!since.ok) {
    throw new UsageError(
      `--since must be a day (2021-12-03), an ISO time with its zone (2021-12-03T08:00:00Z), a period (24h, 7d) or all, got "${value}"`,
    );
  }
  return since.at ?? undefined;
}

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
