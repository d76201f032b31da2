import { SaxesParser, type SaxesTagNS } from 'saxes';
import { limits } from './limits.js';
import { checkRaster } from './raster.js';

/** Why an SVG cannot be used, with the error code to report it under. */
export class SvgRefused extends Error {
  constructor(
    readonly code: 'svg-unsafe' | 'svg-too-complex' | 'image-invalid' | 'image-too-large' | 'image-damaged',
    message: string,
  ) {
    super(message);
  }
}

const svgNs = 'http://www.w3.org/2000/svg';
const xlinkNs = 'http://www.w3.org/1999/xlink';
const xmlNs = 'http://www.w3.org/XML/1998/namespace';
const xhtmlNs = 'http://www.w3.org/1999/xhtml';

/** Drawing elements kept; everything here is drawn by svg-to-pdfkit and reaches nothing outside the file. */
const allowedElements = new Set([
  ...['svg', 'g', 'defs', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon'],
  ...['text', 'tspan', 'textPath', 'title', 'desc', 'style', 'image', 'marker', 'pattern', 'clipPath', 'mask'],
  ...['linearGradient', 'radialGradient', 'stop'],
]);
/** Harmless elements editors write that draw nothing here: dropped with what they hold. */
const inertElements = new Set(['metadata', 'filter']);
/** Elements whose text is kept. */
const textElements = new Set(['text', 'tspan', 'textPath', 'title', 'desc', 'style']);

const allowedAttributes = new Set([
  ...['id', 'class', 'style', 'transform', 'lang', 'version', 'baseProfile', 'viewBox', 'preserveAspectRatio'],
  ...['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'width', 'height'],
  ...['d', 'points', 'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'offset'],
  ...['gradientUnits', 'gradientTransform', 'spreadMethod', 'patternUnits', 'patternContentUnits'],
  ...['patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits', 'markerWidth', 'markerHeight'],
  ...['markerUnits', 'refX', 'refY', 'orient', 'type', 'media'],
  ...['fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap'],
  ...['stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'color'],
  ...['display', 'visibility', 'overflow', 'stop-color', 'stop-opacity', 'clip-path', 'clip-rule', 'mask'],
  ...['marker-start', 'marker-mid', 'marker-end', 'font-family', 'font-size', 'font-weight', 'font-style'],
  ...['font-variant', 'font-stretch', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift'],
  ...['letter-spacing', 'word-spacing', 'text-decoration', 'writing-mode', 'direction', 'vector-effect'],
  ...['shape-rendering', 'text-rendering', 'image-rendering', 'paint-order', 'white-space', 'unicode-bidi'],
]);

interface Element {
  readonly name: string;
  readonly attributes: [string, string][];
  readonly children: (Element | string)[];
  /** Elements this one draws again: `<use href="#id">`, `fill="url(#id)"`. */
  readonly refs: string[];
}

/**
 * Parse an SVG with a real XML parser and rebuild it from allow-listed elements and attributes only, so
 * the drawing code never sees anything else. Scripts, HTML, event handlers, links to other files or
 * addresses, DOCTYPEs and entities are refused; so is a file that nests too deep or draws too many
 * elements once every `<use>` copy is counted; a picture embedded as a data: address must pass the same
 * checks as an image file.
 */
export function sanitizeSvg(text: string): string {
  const root = parse(text);
  checkExpansion(root);
  return serialize(root, true);
}

function parse(text: string): Element {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: (Element | null)[] = [];
  let root: Element | null = null;
  let count = 0;
  const refuse = (message: string): never => {
    throw new SvgRefused('svg-unsafe', `${message} (line ${parser.line})`);
  };
  parser.on('doctype', () => refuse('the SVG has a DOCTYPE, which can declare entities or load other files'));
  parser.on('processinginstruction', (pi) => refuse(`the SVG has a processing instruction <?${pi.target}?>`));
  parser.on('opentag', (tag) => {
    if (stack.length >= limits.svgDepth)
      throw new SvgRefused('svg-too-complex', `the SVG nests elements more than ${limits.svgDepth} deep`);
    if (++count > limits.svgElements)
      throw new SvgRefused('svg-too-complex', `the SVG has more than ${limits.svgElements} elements`);
    const parent = stack[stack.length - 1];
    const element = parent === null ? null : keptElement(tag, refuse);
    if (element && parent) parent.children.push(element);
    if (element && stack.length === 0) root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (value: string) => {
    const current = stack[stack.length - 1];
    if (!current || !textElements.has(current.name)) return;
    if (current.name === 'style') checkCss(value, current.refs, refuse);
    current.children.push(value);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error) => {
    throw new SvgRefused('image-invalid', `the SVG is not well-formed XML: ${error.message}`);
  });
  parser.write(text).close();
  const svg = root as Element | null;
  if (svg?.name !== 'svg') throw new SvgRefused('image-invalid', 'the file does not start with an <svg> element');
  return svg;
}

/** The element as kept, null when it is dropped (editor data); refused elements throw. */
function keptElement(tag: SaxesTagNS, refuse: (message: string) => never): Element | null {
  const { local, uri } = tag;
  if (local.toLowerCase() === 'script') refuse('the SVG contains a script');
  if (local.toLowerCase() === 'foreignobject' || uri === xhtmlNs) refuse('the SVG embeds foreign (HTML) content');
  if (uri !== svgNs && uri !== '') return null;
  if (inertElements.has(local)) return null;
  if (!allowedElements.has(local)) refuse(`the SVG uses <${local}>, which a logo or image may not contain`);
  const element: Element = { name: local, attributes: [], children: [], refs: [] };
  for (const attribute of Object.values(tag.attributes)) {
    const { local: name, uri: space, prefix, value } = attribute;
    if (prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    if (/^on/i.test(name)) refuse(`the SVG has event handlers (${attribute.name})`);
    if (name === 'href' && (space === '' || space === xlinkNs)) {
      element.attributes.push(['xlink:href', checkHref(local, value, element.refs, refuse)]);
    } else if (space === xmlNs) element.attributes.push([`xml:${name}`, value]);
    else if (space === '' && allowedAttributes.has(name)) {
      checkCss(value, element.refs, refuse);
      element.attributes.push([name, value]);
    }
    // Anything else (editor attributes, unknown names) draws nothing and is left out.
  }
  return element;
}

/** A link inside the file (#id), or on <image> a PNG or JPEG given as a data: address that passes the image checks. */
function checkHref(element: string, value: string, refs: string[], refuse: (message: string) => never): string {
  const href = value.trim();
  if (href.startsWith('#') && element !== 'image') {
    refs.push(href.slice(1));
    return href;
  }
  const data = /^data:image\/(png|jpeg|jpg);base64,([a-z0-9+/=\s]*)$/i.exec(href);
  if (element !== 'image' || !data) refuse(`the SVG refers to another file or address (${href.slice(0, 60)})`);
  const raster = checkRaster(Buffer.from((data?.[2] ?? '').replace(/\s+/g, ''), 'base64'));
  if (!raster.ok)
    throw new SvgRefused(raster.code as SvgRefused['code'], `the picture inside the SVG ${raster.problem}`);
  return href;
}

/** CSS (a style attribute or element) may only point inside the file: no @import, no url() to elsewhere. */
function checkCss(css: string, refs: string[], refuse: (message: string) => never): void {
  if (/@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(css))
    refuse('the SVG has style rules that load or run something (@import, expression, binding)');
  for (const match of css.matchAll(/url\(\s*(['"]?)\s*([^'")]*?)\s*\1\s*\)/gi)) {
    const target = match[2] ?? '';
    if (!target.startsWith('#'))
      refuse(`the SVG refers to another file or address in a url() (${target.slice(0, 60)})`);
    refs.push(target.slice(1));
  }
}

/**
 * Count what the SVG draws once every reference is followed (a 1.5 KB file can ask for billions of copies
 * with nested <use>), and how deep drawing it would recurse; each element is sized once.
 */
function checkExpansion(root: Element): void {
  const byId = new Map<string, Element>();
  const index = (element: Element) => {
    const id = element.attributes.find(([name]) => name === 'id')?.[1];
    if (id !== undefined && !byId.has(id)) byId.set(id, element);
    for (const child of element.children) if (typeof child !== 'string') index(child);
  };
  index(root);
  const sized = new Map<Element, { size: number; height: number }>();
  const visiting = new Set<Element>();
  const measure = (element: Element, depth: number): { size: number; height: number } => {
    if (visiting.has(element)) throw new SvgRefused('svg-too-complex', 'the SVG refers to itself in a loop (<use>)');
    let known = sized.get(element);
    if (!known) {
      if (depth > limits.svgDepth)
        throw new SvgRefused(
          'svg-too-complex',
          `the SVG nests elements and <use> copies more than ${limits.svgDepth} deep`,
        );
      visiting.add(element);
      let size = 1;
      let height = 0;
      const targets = [
        ...element.children.filter((c): c is Element => typeof c !== 'string'),
        ...element.refs.map((id) => byId.get(id)).filter((e): e is Element => e !== undefined),
      ];
      for (const target of targets) {
        const part = measure(target, depth + 1);
        size = Math.min(size + part.size, Number.MAX_SAFE_INTEGER);
        height = Math.max(height, part.height + 1);
      }
      visiting.delete(element);
      known = { size, height };
      sized.set(element, known);
    }
    if (depth + known.height > limits.svgDepth)
      throw new SvgRefused(
        'svg-too-complex',
        `the SVG nests elements and <use> copies more than ${limits.svgDepth} deep`,
      );
    if (known.size > limits.svgElements)
      throw new SvgRefused(
        'svg-too-complex',
        `the SVG draws more than ${limits.svgElements} elements once its <use> copies are counted`,
      );
    return known;
  };
  measure(root, 0);
}

function serialize(element: Element, root = false): string {
  const namespaces = root ? ` xmlns="${svgNs}" xmlns:xlink="${xlinkNs}"` : '';
  const attributes = element.attributes.map(([name, value]) => ` ${name}="${escapeXml(value, true)}"`).join('');
  const children = element.children
    .map((child) => (typeof child === 'string' ? escapeXml(child, false) : serialize(child)))
    .join('');
  return `<${element.name}${namespaces}${attributes}>${children}</${element.name}>`;
}

function escapeXml(text: string, attribute: boolean): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : escaped;
}
