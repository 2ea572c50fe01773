/**
 * Errors a user can cause and should be told about plainly. The CLI maps them to exit codes, the bot to
 * localized private replies; anything else is a bug and is reported with an error id.
 */
export type NashraErrorCode =
  | 'EMPTY_QUERY'
  | 'QUERY_TOO_LONG'
  | 'INVALID_DATE'
  | 'UNKNOWN_ARTICLE'
  | 'CORPUS_MISSING';

export class NashraError extends Error {
  constructor(
    readonly code: NashraErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NashraError';
  }
}

/** Longest query we accept (characters). Longer input is almost always a paste accident, and costs index time. */
export const MAX_QUERY_LENGTH = 300;
