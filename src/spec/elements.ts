import * as v from './values.js';

/** Every element the layout spec knows, with the attributes it takes. Anything else is an error. */
export const elementAttributes = {
  document: {
    size: v.oneOf('Letter', 'A4'),
    orientation: v.oneOf('portrait', 'landscape'),
    margin: v.edges,
    title: v.text,
    author: v.text,
    subject: v.text,
    keywords: v.text,
    lang: v.text,
    fallback: v.text,
  },
  font: { name: v.text, regular: v.text, bold: v.text, italic: v.text, 'bold-italic': v.text },
  style: {
    name: v.text,
    extends: v.text,
    font: v.text,
    size: v.length,
    leading: v.positiveNumber,
    color: v.color,
    align: v.align,
    bold: v.boolean,
    italic: v.boolean,
    'space-before': v.length,
    'space-after': v.length,
  },
  header: { pages: v.oneOf('all', 'first', 'rest'), height: v.length, gap: v.length, fill: v.color, padding: v.edges },
  footer: { pages: v.oneOf('all', 'first', 'rest'), height: v.length, gap: v.length, fill: v.color, padding: v.edges },
  body: {},
  h: { level: v.integer, style: v.text },
  p: { style: v.text },
  list: {
    type: v.oneOf('bullet', 'number'),
    start: v.integer,
    style: v.text,
    indent: v.length,
    'space-after': v.length,
  },
  item: {},
  image: { src: v.text, alt: v.text, width: v.length, height: v.length, align: v.align, 'space-after': v.length },
  box: {
    fill: v.color,
    border: v.color,
    'border-width': v.length,
    'border-side': v.oneOf('all', 'left'),
    padding: v.edges,
    radius: v.length,
    'space-before': v.length,
    'space-after': v.length,
    'keep-together': v.boolean,
  },
  spacer: { height: v.length },
  'page-break': {},
  rule: { color: v.color, thickness: v.length, 'space-before': v.length, 'space-after': v.length },
  row: { gap: v.length, 'space-after': v.length },
  cell: { width: v.cellWidth, valign: v.oneOf('top', 'center', 'bottom') },
  qr: { data: v.text, size: v.length, color: v.color, align: v.align, alt: v.text },
  b: {},
  i: {},
  a: { href: v.text },
  br: {},
  field: { name: v.oneOf('page', 'pages') },
} as const;

export type ElementName = keyof typeof elementAttributes;

export const blockElements = ['h', 'p', 'list', 'image', 'box', 'spacer', 'page-break', 'rule', 'row', 'qr'] as const;
export const inlineElements = ['b', 'i', 'a', 'br', 'field'] as const;
