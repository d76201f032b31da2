/** Limits that turn hostile or broken input into a clear error instead of a hang or a crash. */
export const limits = {
  /** Bytes in an article file. */
  articleBytes: 2 * 1024 * 1024,
  /** Lists and quotes inside each other. */
  nesting: 8,
  /** Pixels in one image (width × height). */
  imagePixels: 40_000_000,
  /** Pages one handout may have. */
  pages: 500,
} as const;
