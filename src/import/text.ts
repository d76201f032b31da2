import type { List, ListItem, RootContent } from 'mdast';
import { wordsOf } from './coverage.js';
import { keptWarning, leftoverOf } from './leftovers.js';
import type { ParsedPage } from './types.js';

interface TextBlock {
  readonly lines: readonly string[];
  /** 1-based line in the source file where the block starts. */
  readonly line: number;
  /** A heading line that sat directly above its paragraph, with no blank line between. */
  readonly attached?: boolean;
}

type Section = { heading: TextBlock; body: TextBlock[] };

const bullet = /^\s*(?:[-*•–·]|\d{1,2}[.)])\s+/;

/** Plain text copied from a web page → a Markdown tree, with leftovers removed and headings guessed. */
export function importPlainText(text: string): ParsedPage {
  const removed: string[] = [];
  const warnings: string[] = [];
  const blocks = splitBlocks(text);
  const [titleBlock, ...rest] = blocks;
  const title = (titleBlock?.lines[0] ?? '').trim();
  if (titleBlock && titleBlock.lines.length > 1)
    rest.unshift({ lines: titleBlock.lines.slice(1), line: titleBlock.line + 1 });

  // Leftovers are dropped line by line: pages often run "Share this" and "Scroll to Top" together. The title
  // repeated before the article's first words is the page's own heading again; later, it heads a section.
  const kept: TextBlock[] = [];
  for (const block of rest) {
    const lines: string[] = [];
    block.lines.forEach((text, offset) => {
      const where = `line ${block.line + offset}: `;
      const leftover = leftoverOf(text);
      if (leftover?.kind === 'furniture') removed.push(`${where}${leftover.shown}`);
      else if (kept.length === 0 && lines.length === 0 && sameText(text, title))
        removed.push(`${where}a heading that repeats the title`);
      else {
        if (leftover) warnings.push(keptWarning(where, leftover));
        lines.push(text);
      }
    });
    if (lines.length > 0)
      kept.push(...splitLeadingHeading({ lines, line: block.line + block.lines.indexOf(lines[0] as string) }));
  }

  // Sections: a short line with no closing punctuation (or a question) followed by more text is a heading.
  const intro: TextBlock[] = [];
  const sections: Section[] = [];
  kept.forEach((block, index) => {
    if (index < kept.length - 1 && looksLikeHeading(block)) {
      warnings.push(`heading guessed from a short line at line ${block.line}: "${(block.lines[0] ?? '').trim()}"`);
      sections.push({ heading: block, body: [] });
    } else if (sections.length > 0) (sections[sections.length - 1] as Section).body.push(block);
    else intro.push(block);
  });

  const levels = headingLevels(sections);
  const children: RootContent[] = intro.flatMap(toNodes);
  sections.forEach((section, index) => {
    children.push({
      type: 'heading',
      depth: levels[index] as 2 | 3,
      children: [{ type: 'text', value: (section.heading.lines[0] ?? '').trim() }],
      position: at(section.heading.line),
    });
    for (const node of section.body.flatMap(toNodes)) children.push(node);
  });
  const proseWords = blocks.flatMap((block) => {
    const text = block.lines.join(' ');
    const words = wordsOf(text);
    return words.length >= 8 && leftoverOf(text)?.kind !== 'furniture' ? words : [];
  });
  return { title, body: { type: 'root', children }, removed, warnings, proseWords };
}

function splitBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: string[] = [];
  let start = 1;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      if (current.length > 0) blocks.push({ lines: current, line: start });
      current = [];
      return;
    }
    if (current.length === 0) start = index + 1;
    current.push(line);
  });
  if (current.length > 0) blocks.push({ lines: current, line: start });
  return blocks;
}

/** "Will it leave marks?" directly above its paragraph, with no blank line between: split them. */
function splitLeadingHeading(block: TextBlock): TextBlock[] {
  const [first, second] = block.lines;
  if (!first || !second || bullet.test(first) || bullet.test(second)) return [block];
  const short = first.trim().length <= 60 && first.trim().split(/\s+/).length <= 10;
  const newSentence = /^[\p{Lu}¿¡“"]/u.test(second.trim());
  if (!short || !newSentence || !(first.trim().endsWith('?') || !/[.,;:!…"”»)]$/.test(first.trim()))) return [block];
  return [
    { lines: [first], line: block.line, attached: true },
    { lines: block.lines.slice(1), line: block.line + 1 },
  ];
}

function looksLikeHeading(block: TextBlock): boolean {
  if (block.lines.length !== 1) return false;
  const line = (block.lines[0] as string).trim();
  const words = line.split(/\s+/).length;
  if (bullet.test(line) || line.length > 80 || words > 12) return false;
  return line.endsWith('?') || !/[.,;:!…"”»)]$/.test(line);
}

/**
 * Level 2 for each section, except that a heading with no text of its own (or only a lead-in ending
 * in ":") followed by two or more short sections becomes their parent. Its children are level 3 while
 * they stay short and are written the same way (a page sets its sub-headings apart consistently).
 */
function headingLevels(sections: readonly Section[]): number[] {
  const words = (section: Section) => section.body.reduce((n, b) => n + b.lines.join(' ').split(/\s+/).length, 0);
  const short = (section: Section | undefined) => section !== undefined && words(section) <= 90;
  const levels = sections.map(() => 2);
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i] as Section;
    const leadIn = section.body.length === 1 && /:$/.test((section.body[0] as TextBlock).lines.join(' ').trim());
    if (!(section.body.length === 0 || leadIn) || !short(sections[i + 1]) || !short(sections[i + 2])) continue;
    const style = (sections[i + 1] as Section).heading.attached === true;
    let j = i + 1;
    while (
      j < sections.length &&
      short(sections[j]) &&
      (sections[j] as Section).body.length > 0 &&
      ((sections[j] as Section).heading.attached === true) === style
    ) {
      levels[j++] = 3;
    }
    i = j - 1;
  }
  return levels;
}

function toNodes(block: TextBlock): RootContent[] {
  if (block.lines.every((line) => bullet.test(line))) {
    const ordered = /^\s*\d/.test(block.lines[0] as string);
    const items: ListItem[] = block.lines.map((line) => ({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: [{ type: 'text', value: line.replace(bullet, '').trim() }] }],
    }));
    const list: List = { type: 'list', ordered, spread: false, children: items, position: at(block.line) };
    return [list];
  }
  // Copied paragraphs are often broken into lines: join them.
  const value = block.lines.map((l) => l.trim()).join(' ');
  return [{ type: 'paragraph', children: [{ type: 'text', value }], position: at(block.line) }];
}

/** The place of a node in the copied text, so the report can name its line. */
function at(line: number) {
  return { start: { line, column: 1 }, end: { line, column: 1 } };
}

export function sameText(a: string, b: string): boolean {
  const plain = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return plain(a) === plain(b);
}
