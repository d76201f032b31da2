import type { BlockSpec, TextStyle } from '../spec/types.js';

/** No text is ever set below this size, whatever a template asks (patient-handout guidance). */
export const minimumTextSize = 9;

/** The same blocks with every text style scaled by `factor` (never below 9 pt), for `fit: shrink`. */
export function scaleBlocks(blocks: readonly BlockSpec[], factor: number): BlockSpec[] {
  const styles = new Map<TextStyle, TextStyle>();
  const scaleStyle = (style: TextStyle): TextStyle => {
    let scaled = styles.get(style);
    if (!scaled) {
      scaled = {
        ...style,
        size: Math.max(Math.min(style.size, minimumTextSize), style.size * factor),
        spaceBefore: style.spaceBefore * factor,
        spaceAfter: style.spaceAfter * factor,
      };
      styles.set(style, scaled);
    }
    return scaled;
  };
  const scale = (block: BlockSpec): BlockSpec => {
    switch (block.kind) {
      case 'paragraph':
        return { ...block, style: scaleStyle(block.style) };
      case 'list':
        return {
          ...block,
          style: scaleStyle(block.style),
          indent: block.indent * factor,
          items: block.items.map((item) => item.map(scale)),
        };
      case 'box':
        return { ...block, children: block.children.map(scale) };
      case 'row':
        return { ...block, cells: block.cells.map((cell) => ({ ...cell, children: cell.children.map(scale) })) };
      case 'table':
        return { ...block, style: scaleStyle(block.style), headerStyle: scaleStyle(block.headerStyle) };
      case 'note':
        return {
          ...block,
          style: scaleStyle(block.style),
          indent: block.indent * factor,
          children: block.children.map(scale),
        };
      default:
        return block;
    }
  };
  return blocks.map(scale);
}

/** The body text size: the size of the style named "body", else of the first plain paragraph. */
export function bodySize(blocks: readonly BlockSpec[]): number | null {
  let first: number | null = null;
  const visit = (list: readonly BlockSpec[]): number | null => {
    for (const block of list) {
      if (block.kind === 'paragraph' && block.heading === null) {
        if (block.style.name === 'body') return block.style.size;
        first ??= block.style.size;
      }
      const nested =
        block.kind === 'box' ? visit(block.children) : block.kind === 'list' ? visit(block.items.flat()) : null;
      if (nested !== null) return nested;
    }
    return null;
  };
  return visit(blocks) ?? first;
}
