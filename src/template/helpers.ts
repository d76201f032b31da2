import type { HelperDelegate } from 'handlebars';
import Handlebars from 'handlebars';
import type { Inline } from '../content/types.js';

const escapeText = Handlebars.Utils.escapeExpression;

/** Inline runs as escaped spec markup: <b>, <i>, <a href>, <br/>. Text can never inject elements. */
function inlineMarkup(inlines: readonly Inline[]): string {
  return inlines
    .map((run) => {
      if (run.type === 'break') return '<br/>';
      let markup = escapeText(run.text);
      if (run.italic) markup = `<i>${markup}</i>`;
      if (run.bold) markup = `<b>${markup}</b>`;
      if (run.href !== null) markup = `<a href="${escapeText(run.href)}">${markup}</a>`;
      return markup;
    })
    .join('');
}

/** Date formatters by locale: building one costs more than using it, and a batch uses few locales. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDate(iso: unknown, lang: unknown): string {
  if (typeof iso !== 'string') return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = typeof lang === 'string' ? lang : 'en';
  let format = dateFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      throw new Error(`date: "${locale}" is not a language tag the date printer knows`);
    }
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/** The fixed, documented set of helpers templates may use. */
export const helpers: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  inline: (inlines: readonly Inline[]) => new Handlebars.SafeString(inlineMarkup(inlines ?? [])),
  date: (iso: unknown, lang: unknown) => formatDate(iso, lang),
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
};
