import { extname } from 'node:path';
import { toString as textOf } from 'mdast-util-to-string';
import { HandoutError } from '../errors.js';
import { readTextFile } from '../shared/text-file.js';
import { describeChanges } from './diff.js';
import { importHtml, visibleText } from './html.js';
import { detectLanguage } from './language.js';
import { articleText, slugOf, writeArticle } from './markdown.js';
import { importPlainText } from './text.js';
import { dropRemoteImages, levelHeadings, takeSummary, unwrapDeleted, warnAboutTables } from './tree.js';
import type { ImportOptions, ImportResult } from './types.js';

export type { ImportOptions, ImportReport, ImportResult } from './types.js';

/** Copied text without its list markers, which the article writes as Markdown lists. */
function unbulleted(text: string): string {
  return text.replace(/^\s*(?:[-*•–·]|\d{1,2}[.)])\s+/gm, '');
}

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
  const { body } = parsed;
  const warnings = [...parsed.warnings];
  dropRemoteImages(body, warnings);
  unwrapDeleted(body, warnings);
  levelHeadings(body, warnings);
  warnAboutTables(body, warnings);
  const lang = options.lang ?? detectLanguage(`${parsed.title}\n${textOf(body)}`, warnings);
  const summary = takeSummary(body, warnings);
  const front = { title: parsed.title, summary: summary.text, lang };
  const markdown = writeArticle(front, body);
  return {
    id: options.id ?? slugOf(parsed.title),
    title: parsed.title,
    lang,
    markdown,
    report: {
      sections: body.children.filter((node) => node.type === 'heading').length,
      removed: parsed.removed,
      warnings,
      summary: summary.note,
    },
    diff: options.diff
      ? describeChanges(html ? visibleText(source) : unbulleted(source), articleText(front, body))
      : null,
  };
}
