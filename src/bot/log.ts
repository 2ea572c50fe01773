import { redact } from '../config.js';

/** The bot's logger: one line per event, on stderr; secrets (the token) are redacted from every line. */
export interface BotLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function createLogger(options: { secrets?: (string | null | undefined)[]; write?: (line: string) => void } = {}): BotLogger {
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: string, message: string) => write(redact(`${new Date().toISOString()} ${level} ${message}`, secrets));
  return {
    info: (m) => emit('info ', m),
    warn: (m) => emit('warn ', m),
    error: (m, err) => emit('error', err === undefined ? m : `${m}: ${describeError(err)}`),
  };
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export const silentBotLogger: BotLogger = { info: () => {}, warn: () => {}, error: () => {} };
