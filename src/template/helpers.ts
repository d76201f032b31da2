import type { HelperDelegate, HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import type { Block, Inline } from '../content/types.js';
import { length } from '../shared/length.js';
import { minimumModule, qrModuleSize } from '../shared/qr.js';

const escapeText = Handlebars.Utils.escapeExpression;

/**
 * Inline runs as escaped spec markup: <b>, <i>, <a href>, <br/>, and a footnote reference as its number in
 * superscript linking to the note (`<note id="fn-N">`). Text can never inject elements. A link whose text is
 * its own address shows it without "https://"; with `addresses`, a link whose text is other words ("our
 * website") is followed by its short address, so a reader of the paper can find it too.
 */
function inlineMarkup(inlines: readonly Inline[], addresses: boolean): string {
  return inlines
    .map((run, index) => {
      if (run.type === 'break') return '<br/>';
      if (run.type === 'footnote-ref') return `<a href="#fn-${run.number}"><sup>${run.number}</sup></a>`;
      const ownAddress = run.href !== null && sameAddress(run.text, run.href);
      let markup = escapeText(ownAddress && run.href ? shortAddress(run.href) : run.text);
      if (run.italic) markup = `<i>${markup}</i>`;
      if (run.bold) markup = `<b>${markup}</b>`;
      if (run.lang) markup = `<span lang="${escapeText(run.lang)}">${markup}</span>`;
      if (run.href === null) return markup;
      markup = `<a href="${escapeText(run.href)}">${markup}</a>`;
      const next = inlines[index + 1];
      const linkEnds = next?.type !== 'text' || next.href !== run.href;
      const spelledOut = inlines.some(
        (r) => r.type === 'text' && r.href === run.href && sameAddress(r.text, run.href as string),
      );
      if (addresses && linkEnds && !spelledOut) markup += ` (${escapeText(printedAddress(run.href))})`;
      return markup;
    })
    .join('');
}

/** An address as a reader types it: no scheme, no "www.", no trailing slash; mailto: and tel: give the address. */
export function shortAddress(href: string): string {
  return href
    .trim()
    .replace(/^(https?:\/\/|mailto:|tel:)/i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');
}

/** The address printed after link text: no query or fragment, and just the site when the path is long. */
function printedAddress(href: string): string {
  const short = shortAddress(href.replace(/[?#].*$/, ''));
  return short.length > 32 ? (short.split('/')[0] as string) : short;
}

function sameAddress(text: string, href: string): boolean {
  return shortAddress(text).toLowerCase() === shortAddress(href).toLowerCase();
}

/**
 * Where a clinic's QR code leads: its booking page, else its website, else nowhere (null). Given the size the
 * code is drawn at ("0.7in"), a booking address too long for modules of 0.5 mm there gives way to the website.
 */
function qrTarget(clinic: unknown, size?: unknown): string | null {
  const contact = (clinic as { contact?: { booking?: string | null; website?: string | null } })?.contact;
  return qrBooks(clinic, size) ? (contact?.booking ?? null) : (contact?.website ?? null);
}

/** Whether the clinic's QR code is its booking page (see qrTarget). */
function qrBooks(clinic: unknown, size?: unknown): boolean {
  const contact = (clinic as { contact?: { booking?: string | null; website?: string | null } })?.contact;
  if (!contact?.booking) return false;
  if (typeof size !== 'string' || !contact.website) return true;
  return (qrModuleSize(contact.booking, length(size)) ?? 0) >= minimumModule;
}

/** The first callout that says when to get help (a warning or caution), or null. */
function urgentCallout(blocks: unknown): Block | null {
  if (!Array.isArray(blocks)) return null;
  return (
    (blocks as Block[]).find((b) => b.type === 'callout' && (b.kind === 'warning' || b.kind === 'caution')) ?? null
  );
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
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      throw new Error(`date: "${locale}" is not a language tag the date printer knows`);
    }
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

interface LabelRoot {
  readonly labels?: Record<string, string>;
  readonly labelLangs?: Record<string, string | null>;
  readonly article?: { readonly lang?: string };
  readonly clinic?: { readonly lang?: string | null };
}

const rootOf = (options: HelperOptions | undefined): LabelRoot => (options?.data?.root ?? {}) as LabelRoot;
const primaryOf = (tag: string) => tag.toLowerCase().split('-')[0];

/** A label as text, in a <span lang> when it is in another language than the article (an English fallback). */
function labelMarkup(key: unknown, options: HelperOptions): Handlebars.SafeString {
  const root = rootOf(options);
  const text = typeof key === 'string' ? root.labels?.[key] : undefined;
  if (text === undefined) throw new Error(`label: "${String(key)}" is not a label (see labels.* in the README)`);
  const lang = root.labelLangs?.[key as string] ?? null;
  const escaped = escapeText(text);
  return new Handlebars.SafeString(lang ? `<span lang="${escapeText(lang)}">${escaped}</span>` : escaped);
}

/** ` lang="…"` for an attribute list when the label is in another language than the article, else nothing. */
function labelLangAttribute(key: unknown, options: HelperOptions): Handlebars.SafeString {
  const lang = typeof key === 'string' ? (rootOf(options).labelLangs?.[key] ?? null) : null;
  return new Handlebars.SafeString(lang ? ` lang="${escapeText(lang)}"` : '');
}

/** The clinic's language when it is not the article's, else null. */
function clinicLanguage(options: HelperOptions): string | null {
  const root = rootOf(options);
  const lang = root.clinic?.lang ?? null;
  return lang !== null && primaryOf(lang) !== primaryOf(root.article?.lang ?? lang) ? lang : null;
}

/** The clinic's own words (its name) inline, in a <span lang> when the clinic's language is not the article's. */
function clinicWords(text: unknown, options: HelperOptions): Handlebars.SafeString {
  const escaped = escapeText(typeof text === 'string' ? text : '');
  const lang = clinicLanguage(options);
  return new Handlebars.SafeString(lang ? `<span lang="${escapeText(lang)}">${escaped}</span>` : escaped);
}

/** ` lang="…"` for an element holding the clinic's own words (name, tagline, address), when not the article's. */
function clinicLangAttribute(options: HelperOptions): Handlebars.SafeString {
  const lang = clinicLanguage(options);
  return new Handlebars.SafeString(lang ? ` lang="${escapeText(lang)}"` : '');
}

/** The fixed, documented set of helpers templates may use. */
export const helpers: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  inline: (inlines: readonly Inline[], options: HelperOptions) =>
    new Handlebars.SafeString(inlineMarkup(inlines ?? [], options?.hash?.addresses === true)),
  short: (href: unknown) => (typeof href === 'string' ? shortAddress(href) : ''),
  // Just the site ("example.org"): a footer has room for one short line.
  site: (href: unknown) => (typeof href === 'string' ? (shortAddress(href).split(/[/?#]/)[0] as string) : ''),
  urgent: (blocks: unknown) => urgentCallout(blocks),
  // A colon and the space after it as the language sets them: French puts a narrow no-break space before it;
  // Chinese and Japanese use the full-width colon, which carries its own space.
  colon: (lang: unknown) =>
    typeof lang === 'string' && /^fr\b/i.test(lang)
      ? '\u202F: '
      : typeof lang === 'string' && /^(zh|ja)\b/i.test(lang)
        ? '\uFF1A'
        : ': ',
  label: labelMarkup,
  labelLang: labelLangAttribute,
  clinicWords,
  clinicLang: clinicLangAttribute,
  // The label under the QR code: "book" when the clinic has a booking page, else "visit".
  // Each takes the code's drawn size ("0.7in") as an optional last argument: see qrTarget.
  qrKey: (clinic: unknown, size?: unknown) => (qrBooks(clinic, size) ? 'book' : 'visit'),
  qrTarget: (clinic: unknown, size?: unknown) => qrTarget(clinic, size),
  qrLabel: (clinic: unknown, labels: unknown, size?: unknown) => {
    const words = (labels ?? {}) as { book?: string; visit?: string };
    return qrBooks(clinic, size) ? words.book : words.visit;
  },
  except: (blocks: unknown, block: unknown) => (Array.isArray(blocks) ? blocks.filter((b) => b !== block) : []),
  date: (iso: unknown, lang: unknown) => formatDate(iso, lang),
  number: (value: unknown, lang: unknown) => formatNumber(value, lang),
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
};
