import { extname } from 'node:path';
import { toString as textOf } from 'mdast-util-to-string';
import { languageTag } from '../content/schema.js';
import { HandoutError } from '../errors.js';
import { limits, sizeOverLimit } from '../shared/limits.js';
import { readTextFile } from '../shared/text-file.js';
import { proseKept } from './coverage.js';
import { describeChanges } from './diff.js';
import { tidyEmphasis } from './emphasis.js';
import { importHtml, visibleText } from './html.js';
import { pageLanguage } from './language.js';
import { articleText, lastPart, slugOf, writeArticle } from './markdown.js';
import { importPlainText } from './text.js';
import {
  dropRemoteImages,
  levelHeadings,
  takeSummary,
  tightenLists,
  unlinkUnusable,
  unwrapDeleted,
  warnAboutTables,
} from './tree.js';
import type { ImportOptions, ImportResult, ProseKept } from './types.js';

export type { ImportOptions, ImportReport, ImportResult, ProseKept } from './types.js';

/** Copied text without its list markers, which the article writes as Markdown lists. */
function unbulleted(text: string): string {
  return text.replace(/^\s*(?:[-*•–·]|\d{1,2}[.)])\s+/gm, '');
}

/** Turn a web page saved as HTML, or its text copied out, into an article. Writes nothing. */
export function importArticle(file: string, options: ImportOptions = {}): ImportResult {
  checkOptions(file, options);
  // The file is named on the command line, so it may be anywhere; it must still be a regular file.
  const source = readTextFile(file, { roots: null, what: 'file to import', maxBytes: limits.textBytes });
  const html = /^\.x?html?$/i.test(extname(file)) || /^\s*(<!doctype html|<html|<head|<body|<article)/i.test(source);
  const parsed = html ? importHtml(source, file) : importPlainText(source);
  if (!parsed.title) {
    throw new HandoutError({
      code: 'import-empty',
      message: 'found no title: the file has no text, or no heading',
      file,
      hint: html
        ? 'Save the page with its article (an <h1> or a <title>).'
        : 'The first line of the text is taken as the title.',
    });
  }
  const { body } = parsed;
  const warnings = [...parsed.warnings];
  dropRemoteImages(body, warnings);
  unwrapDeleted(body, warnings);
  levelHeadings(body, warnings);
  warnAboutTables(body, warnings);
  const lang = options.lang ?? pageLanguage(parsed.lang, `${parsed.title}\n${textOf(body)}`, warnings);
  const summary = takeSummary(body, warnings);
  // After the summary is chosen: an opening paragraph with a link stays the author's call, as before.
  unlinkUnusable(body, warnings);
  tidyEmphasis(body);
  tightenLists(body);
  const front = { title: parsed.title, summary: summary.text, lang };
  const markdown = writeArticle(front, body);
  checkSize(markdown, file);
  const prose = proseKept(parsed.proseWords, articleText(front, body));
  checkProse(prose, file, options.strict === true, warnings);
  return {
    // A slug is made of [a-z0-9-] only, so it is a valid id by construction.
    id: options.id ?? slugOf(parsed.title, lastPart(parsed.address), lastPart(file)),
    title: parsed.title,
    lang,
    markdown,
    report: {
      sections: body.children.filter((node) => node.type === 'heading').length,
      removed: parsed.removed,
      warnings,
      summary: summary.note,
      prose,
    },
    diff: options.diff
      ? describeChanges(html ? visibleText(source, file) : unbulleted(source), articleText(front, body))
      : null,
  };
}

/** Under this share of the page's prose kept, the import says so loudly (and refuses with --strict). */
const proseShare = 0.8;

function checkProse(prose: ProseKept, file: string, strict: boolean, warnings: string[]): void {
  if (prose.page === 0 || prose.kept >= proseShare * prose.page) return;
  const numbers = `${Math.floor((100 * prose.kept) / prose.page)}% of the page's prose (${prose.kept.toLocaleString('en-US')} of ${prose.page.toLocaleString('en-US')} words)`;
  if (strict)
    throw new HandoutError({
      code: 'import-incomplete',
      message: `the article keeps only ${numbers}; nothing was written`,
      file,
      hint: "Run it again with --dry-run --diff to see what was left out; save only the article's part of the page, or import without --strict and add the rest by hand.",
    });
  warnings.unshift(
    `the article keeps only ${numbers}: check what was left out (--diff lists it) before using it; --strict refuses such an import`,
  );
}

/** The build refuses an article over its size limit: one that large is not written at all. */
function checkSize(markdown: string, file: string): void {
  const bytes = Buffer.byteLength(markdown);
  if (bytes <= limits.articleBytes) return;
  const shown = sizeOverLimit(bytes, limits.articleBytes);
  throw new HandoutError({
    code: 'too-large',
    message: `the article would be ${shown.size}; the build takes articles up to ${shown.limit}, so nothing was written`,
    file,
    hint: 'Split the page into several articles (save each part as its own file), or import its text and shorten it.',
  });
}

/** The id becomes a file name in content/articles: nothing but [a-z0-9-], so it can never climb out of it. */
export const articleIdPattern = /^[a-z0-9][a-z0-9-]*$/;

function checkOptions(file: string, options: ImportOptions): void {
  if (options.id !== undefined && !articleIdPattern.test(options.id)) {
    throw new HandoutError({
      code: 'import-id',
      message: `--id "${options.id}" is not an article id`,
      file,
      hint: 'An id is lower-case letters, digits and hyphens, starting with a letter or digit, e.g. "heat-therapy".',
    });
  }
  if (options.lang !== undefined && !languageTag.safeParse(options.lang).success) {
    throw new HandoutError({
      code: 'import-lang',
      message: `--lang "${options.lang}" is not a BCP 47 language tag`,
      file,
      hint: 'Use a tag such as "en", "es" or "es-MX".',
    });
  }
}
