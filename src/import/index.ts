import { extname } from 'node:path';
import { toString as textOf } from 'mdast-util-to-string';
import { HandoutError } from '../errors.js';
import { readTextFile } from '../shared/text-file.js';
import { importHtml } from './html.js';
import { detectLanguage } from './language.js';
import { slugOf, summaryOf, writeArticle } from './markdown.js';
import { importPlainText } from './text.js';
import type { ImportOptions, ImportResult } from './types.js';

export type { ImportOptions, ImportReport, ImportResult } from './types.js';

/** Turn a web page saved as HTML, or its text copied out, into an article. Writes nothing. */
export function importArticle(file: string, options: ImportOptions = {}): ImportResult {
  const source = readTextFile(file, 'file to import');
  const html = /^\.x?html?$/i.test(extname(file)) || /^\s*(<!doctype html|<html|<head|<body|<article)/i.test(source);
  const parsed = html ? importHtml(source) : importPlainText(source);
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
  const warnings = [...parsed.warnings];
  const lang = options.lang ?? detectLanguage(`${parsed.title}\n${textOf(parsed.body)}`, warnings);
  if (!parsed.firstParagraph) warnings.push('no paragraph to take a summary from; add "summary" by hand');
  const markdown = writeArticle(
    { title: parsed.title, summary: parsed.firstParagraph ? summaryOf(parsed.firstParagraph) : undefined, lang },
    parsed.body,
  );
  return {
    id: options.id ?? slugOf(parsed.title),
    title: parsed.title,
    lang,
    markdown,
    report: { sections: parsed.sections, removed: parsed.removed, warnings },
  };
}
