import type { Problem } from '../errors.js';

export interface BuildOptions {
  readonly root: string;
  readonly out: string;
  /** Only these article ids (all when empty). */
  readonly articles: readonly string[];
  /** Only these clinic ids (all when empty). */
  readonly clinics: readonly string[];
  readonly template: string;
}

export interface BuiltHandout {
  readonly article: string;
  readonly clinic: string;
  readonly template: string;
  readonly path: string;
  readonly pages: number;
  readonly bytes: number;
}

export interface BuildReport {
  readonly outputs: readonly BuiltHandout[];
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Handouts that could not be built. */
  readonly failed: number;
}
