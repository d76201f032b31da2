/** A BCP 47 tag as articles and clinics write it: `es`, `es-MX`, `pt-PT`. */
export const languageTagPattern = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language Intl can name ("es" → Spanish), so a file name's last dot part is taken for one only when it is one. */
export function isKnownLanguage(tag: string): boolean {
  try {
    return languageTagPattern.test(tag) && languageNames.of(tag) !== undefined;
  } catch {
    return false;
  }
}

/** `knee-pain.es` → the translation of `knee-pain` into `es`; null for an id without a language part. */
export function translationFromName(id: string): { original: string; lang: string } | null {
  const match = /^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$/.exec(id);
  if (!match || !isKnownLanguage(match[2] as string)) return null;
  return { original: match[1] as string, lang: match[2] as string };
}

/** An article's language and original: the front matter's when given, else the file name's, else English. */
export function articleLanguage(
  id: string,
  meta: { readonly lang?: string | undefined; readonly translationOf?: string | undefined },
): { lang: string; translationOf: string | null } {
  const named = translationFromName(id);
  return { lang: meta.lang ?? named?.lang ?? 'en', translationOf: meta.translationOf ?? named?.original ?? null };
}

/** Does a clinic that lists `languages` (null: every language) serve an article in `lang`? `es` serves `es-MX`. */
export function servesLanguage(languages: readonly string[] | null, lang: string): boolean {
  if (languages === null) return true;
  const wanted = lang.toLowerCase();
  return languages.some((served) => {
    const tag = served.toLowerCase();
    return wanted === tag || wanted.startsWith(`${tag}-`);
  });
}
