import type { Nodes, Paragraph, Parent, Root, RootContent } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { linkProblem } from '../shared/links.js';

const remote = /^(https?:)?\/\/|^data:/i;

/** Where a node came from in the page, for the report ("line 12: "), or nothing when unknown. */
export function whereOf(node: { position?: { start: { line: number } } | undefined }): string {
  return node.position ? `line ${node.position.start.line}: ` : '';
}

/**
 * Nothing is downloaded: an image from the web is left out with a warning, and its caption with it (the
 * caption's words are in the warning, so nothing is lost silently). A link left holding nothing goes too.
 */
export function dropRemoteImages(parent: Parent, warnings: string[]): void {
  dropFrom(parent, warnings);
}

function dropFrom(parent: Parent, warnings: string[]): void {
  // Filtered in one pass (not spliced one by one), so thousands of images cost no more than one each.
  const kept = (parent.children as RootContent[]).filter((node) => {
    const unusable = node.type === 'image' ? unusableImage(node.url) : null;
    if (node.type === 'image' && unusable) {
      const caption = node.title ? ` and its caption "${node.title}"` : '';
      warnings.push(
        `${whereOf(node)}left out the image ${node.url.slice(0, 80)} ("${node.alt ?? ''}")${caption}: ${unusable}`,
      );
      return false;
    }
    if (!('children' in node)) return true;
    dropFrom(node, warnings);
    return !((node.type === 'link' || node.type === 'paragraph') && node.children.length === 0);
  });
  parent.children = kept as Parent['children'];
}

/** Why an image address cannot stay in an article (the build would refuse it), or null when it can. */
function unusableImage(url: string): string | null {
  if (remote.test(url)) return 'download it and refer to it by a local path';
  // A scheme (file:, javascript:, …), an absolute path or one that climbs out: nothing a handout can draw.
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.split(/[\\/]/).includes('..'))
    return "it is not an image file beside the article (a file:, javascript: or absolute address, or a path out of the article's folder)";
  return null;
}

/** Struck-through text (<del>, <s>) has no Markdown in articles: its words are kept as plain text, with a warning. */
export function unwrapDeleted(parent: Parent, warnings: string[]): void {
  const children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
    if (child.type === 'delete') {
      warnings.push(
        `${whereOf(child)}struck-through text "${textOf(child).slice(0, 60)}" is kept as plain text: delete it if it no longer applies`,
      );
      return child.children;
    }
    if ('children' in child) unwrapDeleted(child, warnings);
    return [child];
  });
  parent.children = children as Parent['children'];
}

/**
 * A link a handout may not carry (a page of the same site such as "/faq", a javascript: address) keeps its
 * words as plain text, with a warning, so the imported article is valid as it is.
 */
export function unlinkUnusable(parent: Parent, warnings: string[]): void {
  const children = (parent.children as Nodes[]).flatMap((child): Nodes[] => {
    if (child.type === 'link' && linkProblem(child.url)) {
      warnings.push(
        `${whereOf(child)}the link "${textOf(child).slice(0, 60)}" went to ${child.url.slice(0, 80)}, which a handout cannot open; its text is kept without the link`,
      );
      return child.children;
    }
    if ('children' in child) unlinkUnusable(child, warnings);
    return [child];
  });
  parent.children = children as Parent['children'];
}

/** The article's own headings start at level 2 (the title is 1) and go no deeper than 3, whatever the page used. */
export function levelHeadings(body: Root, warnings: string[]): void {
  const headings = body.children.filter((c) => c.type === 'heading');
  if (headings.length === 0) return;
  const shift = headings.reduce((least, h) => Math.min(least, h.depth), 6) - 2;
  for (const heading of headings) {
    const depth = heading.depth - shift;
    if (depth > 3)
      warnings.push(
        `${whereOf(heading)}heading "${textOf(heading).slice(0, 60)}" was level ${heading.depth} on the page; it is ### here`,
      );
    heading.depth = Math.min(3, Math.max(2, depth)) as 2 | 3;
  }
}

/** Tables are kept (as GFM) but cannot be laid out yet: say so, so the author is not surprised by check. */
export function warnAboutTables(body: Root, warnings: string[]): void {
  for (const node of body.children)
    if (node.type === 'table')
      warnings.push(
        `${whereOf(node)}a table was kept as a Markdown table; handout check reports it until tables can be laid out`,
      );
}

export interface Summary {
  readonly text: string | undefined;
  /** Where it came from, for the report. */
  readonly note: string | null;
}

/** The longest first paragraph that still reads as a summary: two or three sentences. */
const summaryLimit = 320;

/**
 * The summary is never a copy of the body: a short opening paragraph of plain words moves into it (out of the
 * body); otherwise it is left for the author, with a warning saying why.
 */
export function takeSummary(body: Root, warnings: string[]): Summary {
  const first = body.children[0];
  const none = (why: string): Summary => {
    warnings.push(`no summary: ${why}; write one or two sentences as "summary" in the front matter`);
    return { text: undefined, note: null };
  };
  if (first?.type !== 'paragraph') return none('the article does not open with a paragraph');
  const line = first.position ? `line ${first.position.start.line}` : '';
  if (holds(first, ['link', 'image', 'break', 'html', 'footnoteReference']))
    return none(
      `the opening paragraph${line ? ` (${line})` : ''} holds a link, an image or a line break, which a summary cannot`,
    );
  const text = textOf(first).replace(/\s+/g, ' ').trim();
  if (!text) return none('the opening paragraph has no words');
  if (text.length > summaryLimit)
    return none(
      `the opening paragraph (${line ? `${line}, ` : ''}${text.split(' ').length} words) is too long for one`,
    );
  body.children.shift();
  if (holds(first, ['strong', 'emphasis', 'inlineCode']))
    warnings.push(`the summary is plain text: the opening paragraph's bold and italic are not kept in it`);
  return { text, note: `the opening paragraph${line ? ` (${line})` : ''}, moved out of the body` };
}

function holds(node: Paragraph | Nodes, types: readonly string[]): boolean {
  return 'children' in node && node.children.some((child) => types.includes(child.type) || holds(child, types));
}

/** A list whose items are one paragraph each is written tight ("- a" line after line), as the page showed it. */
export function tightenLists(parent: Parent): void {
  for (const child of parent.children as Nodes[]) {
    if (!('children' in child)) continue;
    tightenLists(child);
    if (child.type === 'list' && child.children.every((item) => item.children.length <= 1)) {
      child.spread = false;
      for (const item of child.children) item.spread = false;
    }
  }
}
