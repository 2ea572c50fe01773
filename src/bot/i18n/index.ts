import { ar } from './ar.js';
import { en, type Strings } from './en.js';

export type Locale = 'en' | 'ar';
export const LOCALES: readonly Locale[] = ['en', 'ar'];
export type { Strings };

export function stringsFor(locale: Locale): Strings {
  return locale === 'ar' ? ar : en;
}
