import type { HelperDelegate } from 'handlebars';
import Handlebars from 'handlebars';
import type { Inline } from '../content/types.js';

const escapeText = Handlebars.Utils.escapeExpression;

/**
 * Inline runs as escaped spec markup: <b>, <i>, <a href>, <br/>, and a footnote reference as its number in
 * superscript linking to the note (`<note id="fn-N">`). Text can never inject elements.
 */
function inlineMarkup(inlines: readonly Inline[]): string {
  return inlines
    .map((run) => {
      if (run.type === 'break') return '<br/>';
      if (run.type === 'footnote-ref') return `<a href="#fn-${run.number}"><sup>${run.number}</sup></a>`;
      let markup = escapeText(run.text);
      if (run.italic) markup = `<i>${markup}</i>`;
      if (run.bold) markup = `<b>${markup}</b>`;
      if (run.href !== null) markup = `<a href="${escapeText(run.href)}">${markup}</a>`;
      return markup;
    })
    .join('');
}

/** The article's language as an Intl locale; a tag Intl refuses falls back to English rather than failing. */
function localeOf(lang: unknown): string {
  if (typeof lang !== 'string') return 'en';
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Date formatters by locale: building one costs more than using it, and a batch uses few locales. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDate(iso: unknown, lang: unknown): string {
  if (typeof iso !== 'string') return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = localeOf(lang);
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the article's language writes it (1,5 in French, 1.000 in German). */
function formatNumber(value: unknown, lang: unknown): string {
  const number = Number(value);
  if (value === null || value === undefined || value === '' || Number.isNaN(number)) return '';
  const locale = localeOf(lang);
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(number);
}

/** The fixed, documented set of helpers templates may use. */
export const helpers: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  inline: (inlines: readonly Inline[]) => new Handlebars.SafeString(inlineMarkup(inlines ?? [])),
  date: (iso: unknown, lang: unknown) => formatDate(iso, lang),
  number: (value: unknown, lang: unknown) => formatNumber(value, lang),
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
};
