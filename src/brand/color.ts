/** WCAG 2.x relative luminance of a #RRGGBB color. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Darken a color in small steps until it reaches the ratio against the background. */
export function darkenForContrast(hex: string, background: string, ratio: number): string {
  let [r, g, b] = channels(hex);
  let color = hex;
  while (contrastRatio(color, background) < ratio && r + g + b > 0) {
    [r, g, b] = [r * 0.94, g * 0.94, b * 0.94].map(Math.floor) as [number, number, number];
    color = toHex(r, g, b);
  }
  return color;
}

/** Mix a color with white; amount 0 keeps it, 1 gives white. */
export function tint(hex: string, amount: number): string {
  const [r, g, b] = channels(hex).map((c) => Math.round(c + (255 - c) * amount)) as [number, number, number];
  return toHex(r, g, b);
}

/** Expand #RGB to #RRGGBB and upper-case it. */
export function normalizeHex(hex: string): string {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return `#${full.toUpperCase()}`;
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(normalizeHex(hex).slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(r: number, g: number, b: number): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1).toUpperCase()}`;
}
