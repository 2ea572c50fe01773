import type { Strings } from '../i18n/index.js';
import { truncate } from '../split.js';
import { message, type MessagePayload } from './payload.js';
import { safeText } from './text.js';

/** A short private message: an error the user can fix, or a confirmation. Always plain content. */
export function renderNotice(text: string, detail?: string, t?: Strings): MessagePayload {
  const lines = [text];
  if (detail && t) lines.push(`-# ${t.errorDetail}: ${safeText(truncate(detail, 500))}`);
  return message({ content: lines.join('\n') });
}
