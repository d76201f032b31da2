import { franc } from 'franc-min';

const iso6391: Record<string, string> = { eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', por: 'pt', nld: 'nl' };

/** Detect the article's language from its text; short or unknown text says so and falls back to English. */
export function detectLanguage(text: string, warnings: string[]): string {
  const code = franc(text, { minLength: 40, only: Object.keys(iso6391) });
  const lang = iso6391[code];
  if (!lang) {
    warnings.push('could not tell the language; set "lang" in the front matter (assumed en), or pass --lang');
    return 'en';
  }
  return lang;
}
