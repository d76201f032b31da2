/** The parts of a pdf.js text item that say what it reads and where it is. */
export interface TextItemLike {
  readonly str: string;
  readonly dir: string;
  readonly width: number;
  readonly transform: readonly number[];
}

/** A right-to-left word being read: its items' span on its baseline. */
interface Span {
  left: number;
  readonly right: number;
  readonly y: number;
}

/**
 * A page's words from pdf.js's text items. pdf.js makes each glyph of a right-to-left run (written in
 * reading order, each left of the one before) an item of its own and drops the spaces between them: such
 * items are joined into one word while each one ends where the word so far begins (or inside it, as the
 * empty glyph carrying a ligature's second letter does); a gap (a space's advance) ends the word. Every
 * other item is split at its spaces, as pdf.js gives it.
 */
export function pageWords(items: readonly TextItemLike[]): string[] {
  const words: string[] = [];
  let span: Span | null = null;
  for (const item of items) {
    const parts = item.str.split(/\s+/).filter(Boolean);
    const glyph = item.dir === 'rtl' && parts.length === 1 && item.str === parts[0];
    const [x, y] = [item.transform[4] as number, item.transform[5] as number];
    const tolerance = (Math.abs(item.transform[3] as number) || 10) * 0.05;
    const end = x + item.width;
    if (
      glyph &&
      span &&
      Math.abs(y - span.y) < tolerance &&
      end >= span.left - tolerance &&
      end <= span.right + tolerance
    ) {
      words[words.length - 1] += parts[0] as string;
      span.left = Math.min(span.left, x);
      continue;
    }
    words.push(...parts);
    span = glyph ? { left: x, right: end, y } : null;
  }
  return words;
}
