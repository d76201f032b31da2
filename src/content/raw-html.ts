import type { Problem } from '../errors.js';

/** What an article may hold of raw HTML: a line break, and comments (notes for other editors, never printed). */
export type HtmlUse = 'break' | 'comment' | 'refused';

export function htmlUse(html: string): HtmlUse {
  const source = html.trim();
  // One comment or several, with nothing else: comments only.
  if (source.startsWith('<!--') && source.replace(/<!--[\s\S]*?-->/g, '').trim() === '') return 'comment';
  if (/^<br\s*\/?>$/i.test(source)) return 'break';
  return 'refused';
}

/** The tag's name in lower case, and whether it closes (`</b>`). */
export function tagOf(html: string): { name: string; closing: boolean } {
  const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.trim());
  return { name: match?.[2]?.toLowerCase() ?? '', closing: match?.[1] === '/' };
}

const markdownFor: Record<string, string> = {
  b: 'Write **bold** instead of <b>…</b>.',
  strong: 'Write **bold** instead of <strong>…</strong>.',
  i: 'Write *italic* instead of <i>…</i>.',
  em: 'Write *italic* instead of <em>…</em>.',
  a: 'Write a link as [the words to click](https://example.org).',
  img: 'Write an image as ![what it shows](images/picture.png).',
  sup: 'Superscript is not supported: write the character itself (x², 10³) or the words ("squared").',
  sub: 'Subscript is not supported: write the character itself (CO₂) or plain text (CO2).',
  u: 'Underlined text reads as a link: use **bold** for emphasis.',
  span: 'Remove the tag: the template sets fonts and colors.',
  font: 'Remove the tag: the template sets fonts and colors.',
};

const allowed =
  'The HTML an article may use is <br> (a line break) and <!-- comments --> with nothing after them on their line.';

/** The placed error for raw HTML the layout cannot show. */
export function htmlProblem(
  html: string,
  where: { file: string; line: number; column: number | undefined },
  inline: boolean,
): Problem {
  const { name } = tagOf(html);
  const shown = html.trim().split('\n')[0]?.slice(0, 40) ?? '';
  // CommonMark makes the rest of a comment's last line part of the HTML block: those words would not be printed.
  const commentEnd = /^\s*<!--[\s\S]*?-->/.exec(html);
  if (commentEnd)
    return {
      severity: 'error',
      code: 'raw-html',
      message: `the text after the comment's end on its line ("${html.slice(commentEnd[0].length).trim().slice(0, 40)}") would not be printed`,
      ...where,
      hint: 'Start the text on the line after the comment. <!-- comments --> are allowed when nothing follows them on their line.',
    };
  return {
    severity: 'error',
    code: 'raw-html',
    message: inline
      ? `inline HTML ${shown} is not allowed in articles`
      : `HTML block ${shown} is not allowed in articles`,
    ...where,
    hint: `${(Object.hasOwn(markdownFor, name) ? markdownFor[name] : undefined) ?? 'Write it in Markdown: **bold**, *italic*, [links](https://example.org), lists, > quotes.'} ${allowed}`,
  };
}
