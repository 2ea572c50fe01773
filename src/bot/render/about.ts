import type { EngineStats } from '../../engine/engine.js';
import type { Strings } from '../i18n/index.js';
import { discordTime, message, type MessagePayload } from './payload.js';

export function renderAbout(stats: EngineStats, version: string, t: Strings): MessagePayload {
  const fields = [
    { name: t.aboutArticles, value: String(stats.articleCount), inline: true },
    { name: t.aboutQuotations, value: String(stats.quoteCount), inline: true },
    { name: t.aboutVersion, value: version, inline: true },
    // Discord renders both timestamps in the reader's own timezone and language.
    { name: t.aboutIndexed, value: `${discordTime(stats.indexedAt, 'f')} (${discordTime(stats.indexedAt, 'R')})`, inline: true },
    { name: t.aboutLocale, value: t.localeName, inline: true },
  ];
  if (stats.warnings.length) fields.push({ name: '⚠', value: t.aboutWarnings(stats.warnings.length), inline: false });
  return message({ embeds: [{ title: t.aboutTitle, description: t.aboutDescription, fields }] });
}
