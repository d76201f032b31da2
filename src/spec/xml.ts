import { SaxesParser } from 'saxes';
import { HandoutError, type SourcePlace } from '../errors.js';
import { callTarget, returnTarget } from '../template/source-map.js';

/** A parsed XML element with the line and column where its start tag begins. */
export interface XmlElement {
  readonly type: 'element';
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly line: number;
  readonly column: number;
  /** The partial calls (`<?hp-call FILE:LINE:COLUMN?>` marks) the element was written inside, outermost first. */
  readonly calls: readonly string[];
}
export interface XmlText {
  readonly type: 'text';
  readonly text: string;
}
export type XmlNode = XmlElement | XmlText;

interface OpenElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
  calls: readonly string[];
}

/** The template place an element was written at; null when the XML was written by hand (its lines are the places). */
type PlaceOf = (element: Pick<XmlElement, 'attributes' | 'line' | 'column' | 'calls'>) => SourcePlace | null;

/**
 * Parse XML with a real parser. A syntax error is placed where the element before it was written (its
 * template line), or at the exact line and column when the XML was written by hand.
 */
export function parseXml(xml: string, templateFile: string, placeOf: PlaceOf = () => null): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: OpenElement[] = [];
  let root: OpenElement | undefined;
  let failure: HandoutError | undefined;
  let tagStart = { line: 1, column: 1 };
  let lastOpened: OpenElement | undefined;
  let calls: readonly string[] = [];

  parser.on('opentagstart', (tag) => {
    // The parser stands just past the tag name and the character after it here.
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
  });
  parser.on('opentag', (tag) => {
    const element: OpenElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      line: tagStart.line,
      column: tagStart.column,
      calls,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element as unknown as XmlNode);
    else root = element;
    stack.push(element);
    lastOpened = element;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const children = stack[stack.length - 1]?.children;
    const last = children?.[children.length - 1];
    // Text split by a partial call's marks is one text, as it was written.
    if (last?.type === 'text') children?.splice(children.length - 1, 1, { type: 'text', text: last.text + text });
    else children?.push({ type: 'text', text });
  });
  parser.on('processinginstruction', ({ target, body }) => {
    if (target === callTarget) calls = [...calls, body.trim()];
    else if (target === returnTarget) calls = calls.slice(0, -1);
  });
  parser.on('error', (error) => {
    // saxes prefixes its messages with the place, which is said by the diagnostic's own place instead.
    const text = error.message.replace(/^\d+:\d+: /, '');
    const near = lastOpened;
    const place = (near && placeOf(near)) ?? { file: templateFile, line: parser.line, column: parser.column };
    failure ??= new HandoutError({
      code: 'spec-xml',
      message: `the layout spec is not well-formed XML${near ? ` after <${near.name}>` : ''}: ${text}`,
      ...place,
      hint: 'A template must expand to well-formed XML: close every element, quote every attribute, and let {{...}} escape text (never {{{...}}}).',
    });
  });
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) {
    throw new HandoutError({
      code: 'spec-xml',
      message: 'layout spec is empty',
      file: templateFile,
      hint: 'layout.hbs must expand to a <document> element.',
    });
  }
  return markElements(root);
}

function markElements(element: OpenElement): XmlElement {
  return {
    type: 'element',
    name: element.name,
    attributes: element.attributes,
    line: element.line,
    column: element.column,
    calls: element.calls,
    children: element.children.map((child) =>
      child.type === 'text' ? child : markElements(child as unknown as OpenElement),
    ),
  };
}
