import type { EffectiveServerSettings } from '../settings.js';
import { stringsFor, type Locale, type Strings } from '../i18n/index.js';
import { message, type MessagePayload } from './payload.js';

/** /settings view (and the answer to a change): the server's settings, saying which are the defaults, and yours. */
export function renderSettings(server: EffectiveServerSettings, yours: Locale | null, t: Strings, headline?: string): MessagePayload {
  const mark = (value: string, own: boolean) => (own ? value : t.settingsDefault(value));
  return message({
    content: headline ?? t.settingsTitle,
    embeds: [
      {
        title: t.settingsServer,
        fields: [
          { name: t.settingsLanguage, value: mark(stringsFor(server.language).localeName, server.own.language), inline: true },
          { name: t.settingsTimezone, value: mark(server.timezone, server.own.timezone), inline: true },
          { name: t.settingsLogChannel, value: server.logChannelId ? mark(`<#${server.logChannelId}>`, server.own.logChannelId) : t.settingsNone, inline: false },
        ],
      },
      {
        title: t.settingsYou,
        fields: [{ name: t.settingsYourLanguage, value: yours ? stringsFor(yours).localeName : t.settingsFollowServer, inline: true }],
      },
    ],
  });
}
