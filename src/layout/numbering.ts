/** Number formats by language, made once each (Intl builds them slowly). */
const formats = new Map<string, Intl.NumberFormat>();

/**
 * A list item's number in the digits the article's language uses by default (CLDR, through Intl): "١٢." for
 * ar-EG or ar-SA, "۱۲." for Persian, "12." for Hebrew, ar-MA and every Latin-script language.
 */
export function listNumber(value: number, lang: string): string {
  let format = formats.get(lang);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang, { useGrouping: false });
    } catch {
      format = new Intl.NumberFormat('en', { useGrouping: false });
    }
    formats.set(lang, format);
  }
  return `${format.format(value)}.`;
}
