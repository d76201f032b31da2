import type { BlockSpec, TextStyle } from '../spec/types.js';

/** No text is ever set below this size, whatever a template asks (patient-handout guidance). */
export const minimumTextSize = 9;

/** How the article's type is changed to fit its pages: its size, its line spacing and hyphenation. */
export interface TypeAdjustment {
  /** Every size (and the space around it) times this; never below 9 pt. */
  readonly factor: number;
  /** Line spacing times this. */
  readonly leading: number;
  /** False turns hyphenation off (a brochure with room to spare); true leaves each style as it is. */
  readonly hyphenate: boolean;
}

export const unchanged: TypeAdjustment = { factor: 1, leading: 1, hyphenate: true };

/** The same blocks with every text style adjusted. The closing block keeps its own type. */
export function adjustBlocks(blocks: readonly BlockSpec[], adjustment: TypeAdjustment): BlockSpec[] {
  const { factor, leading, hyphenate } = adjustment;
  if (factor === 1 && leading === 1 && hyphenate) return [...blocks];
  const styles = new Map<TextStyle, TextStyle>();
  const adjustStyle = (style: TextStyle): TextStyle => {
    let adjusted = styles.get(style);
    if (!adjusted) {
      adjusted = {
        ...style,
        size: Math.max(Math.min(style.size, minimumTextSize), style.size * factor),
        leading: style.leading * leading,
        spaceBefore: style.spaceBefore * factor,
        spaceAfter: style.spaceAfter * factor,
        hyphenate: style.hyphenate && hyphenate,
      };
      styles.set(style, adjusted);
    }
    return adjusted;
  };
  const adjust = (block: BlockSpec): BlockSpec => {
    switch (block.kind) {
      case 'paragraph':
        return { ...block, style: adjustStyle(block.style) };
      case 'list':
        return {
          ...block,
          style: adjustStyle(block.style),
          indent: block.indent * factor,
          items: block.items.map((item) => item.map(adjust)),
        };
      case 'box':
        return { ...block, children: block.children.map(adjust) };
      case 'row':
        return { ...block, cells: block.cells.map((cell) => ({ ...cell, children: cell.children.map(adjust) })) };
      case 'table':
        return { ...block, style: adjustStyle(block.style), headerStyle: adjustStyle(block.headerStyle) };
      case 'note':
        return {
          ...block,
          style: adjustStyle(block.style),
          indent: block.indent * factor,
          children: block.children.map(adjust),
        };
      default:
        return block;
    }
  };
  return blocks.map(adjust);
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
