import { contrastRatio, darkenForContrast, luminance } from '../brand/color.js';
import type { Box, LaidOutPage, RectBox, TextBox } from './types.js';

/** WCAG 1.4.3: 4.5:1 for text, 3:1 for large text (18 pt and up; bold is not known here, so 14 pt bold counts as small). */
/** Rules thinner than this (underlines) are drawn in a text's colour, not behind text. */
const thinRule = 3;
const ratioFor = (box: TextBox) => (box.size >= 18 ? 3 : 4.5);

/**
 * Text readable on what it is actually drawn on: a brand colour checked against white may fall short on the
 * brand's own tint (a light brand's links in the closing box). Each dark-on-light text is darkened, keeping
 * its hue, until it reaches WCAG's ratio against the fill of the box behind it (or the white page).
 */
export function readableOnBackground(pages: readonly LaidOutPage[]): LaidOutPage[] {
  return pages.map((page) => {
    const fills: RectBox[] = [];
    // Each colour darkened, by background: a link's underline (a thin rule in its colour) follows its text.
    const darkened = new Map<string, string>();
    const boxes = page.boxes.map((box): Box => {
      if (box.kind === 'rect' && box.fill && box.height < thinRule) {
        const under = backgroundOf({ x: box.x, y: box.y, width: box.width, size: 0 }, fills);
        const color = darkened.get(`${box.fill}|${under}`);
        return color ? { ...box, fill: color } : box;
      }
      if (box.kind === 'rect' && box.fill) fills.push(box);
      if (box.kind !== 'text') return box;
      const background = backgroundOf(box, fills);
      const ratio = ratioFor(box);
      if (!/^#[0-9a-f]{6}$/i.test(box.color) || contrastRatio(box.color, background) >= ratio) return box;
      // Light text on a dark fill (a cover band) is the design's own choice of contrast: left alone.
      if (luminance(box.color) > luminance(background)) return box;
      const color = darkenForContrast(box.color, background, ratio);
      darkened.set(`${box.color}|${background}`, color);
      return { ...box, color };
    });
    return darkened.size > 0 ? { ...page, boxes } : page;
  });
}

/** The fill of the last box drawn before the text that holds the text's line, else the white page. */
function backgroundOf(box: Pick<TextBox, 'x' | 'y' | 'width' | 'size'>, fills: readonly RectBox[]): string {
  const middle = box.y - box.size * 0.3;
  for (let i = fills.length - 1; i >= 0; i--) {
    const fill = fills[i] as RectBox;
    const inside =
      box.x >= fill.x - 0.5 &&
      box.x + box.width <= fill.x + fill.width + 0.5 &&
      middle >= fill.y &&
      middle <= fill.y + fill.height;
    if (inside && fill.fill && /^#[0-9a-f]{6}$/i.test(fill.fill)) return fill.fill;
  }
  return '#FFFFFF';
}
