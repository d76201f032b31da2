import type { PrintOptions } from './types.js';

export type Paint = string | [number, number, number, number];

/**
 * The color to paint with: the hex color on screen; for print, CMYK, using the clinic's exact values
 * when it gave them, otherwise the plain conversion k = 1 − max(r, g, b), c = (1 − r − k) / (1 − k), …
 * Text that is nearly black (every channel under 30%, nearly gray) is printed in black ink alone, so it
 * stays crisp however the plates are registered.
 */
export function paint(hex: string, print: PrintOptions, isText: boolean): Paint {
  if (!print.cmyk) return hex;
  const exact = print.cmykColors[hex.toUpperCase()];
  if (exact) return [...exact];
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  if (isText && max < 0.3 && max - Math.min(r, g, b) < 0.08) return [0, 0, 0, 100];
  const k = 1 - max;
  if (k >= 1) return [0, 0, 0, 100];
  const round = (v: number) => Math.round(v * 1000) / 10;
  return [round((1 - r - k) / (1 - k)), round((1 - g - k) / (1 - k)), round((1 - b - k) / (1 - k)), round(k)];
}
