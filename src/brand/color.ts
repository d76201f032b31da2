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

/**
 * Darken a color until it reaches the contrast ratio against the background, keeping its hue and as much
 * of its chroma as the sRGB gamut allows: its OKLCH lightness goes down, found by halving. A light teal
 * stays a teal and a yellow becomes an ochre, not the muddy olive that scaling the RGB channels gives.
 */
export function darkenForContrast(hex: string, background: string, ratio: number): string {
  if (contrastRatio(hex, background) >= ratio) return normalizeHex(hex);
  const [lightness, chroma, hue] = toOklch(hex);
  let [low, high] = [0, lightness];
  let best = '#000000';
  for (let step = 0; step < 24; step++) {
    const middle = (low + high) / 2;
    const candidate = fromOklch(middle, chroma, hue);
    if (contrastRatio(candidate, background) >= ratio) {
      best = candidate;
      low = middle;
    } else high = middle;
  }
  return best;
}

/** #RRGGBB → OKLCH (lightness 0–1, chroma, hue in radians), through Björn Ottosson's OKLab. */
function toOklch(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex).map((c) => toLinear(c / 255)) as [number, number, number];
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const a = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const bb = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return [L, Math.hypot(a, bb), Math.atan2(bb, a)];
}

/** OKLCH → #RRGGBB; chroma is reduced until the color is inside sRGB. */
function fromOklch(lightness: number, chroma: number, hue: number): string {
  let [low, high] = [0, chroma];
  let rgb = oklchToLinear(lightness, 0, hue);
  for (let step = 0; step < 16; step++) {
    const middle = (low + high) / 2;
    const candidate = oklchToLinear(lightness, middle, hue);
    if (candidate.every((c) => c >= -1e-6 && c <= 1 + 1e-6)) {
      rgb = candidate;
      low = middle;
    } else high = middle;
  }
  const exact = oklchToLinear(lightness, chroma, hue);
  if (exact.every((c) => c >= 0 && c <= 1)) rgb = exact;
  const [r, g, b] = rgb.map((c) => Math.round(fromLinear(Math.min(1, Math.max(0, c))) * 255)) as [
    number,
    number,
    number,
  ];
  return toHex(r, g, b);
}

function oklchToLinear(lightness: number, chroma: number, hue: number): [number, number, number] {
  const a = chroma * Math.cos(hue);
  const b = chroma * Math.sin(hue);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

function toLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function fromLinear(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055;
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
