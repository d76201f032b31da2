import type { Brand } from '../brand/types.js';
import type { Article } from '../content/types.js';
import type { LabelKey, Labels } from '../shared/labels.js';

export interface BuildInfo {
  /** The date printed as the build date (reproducible: see the README). */
  readonly date: string;
  readonly template: string;
  readonly version: string;
  /** The release version footers print (`release`, `build --stamp`); null when unstamped. */
  readonly stamp?: string | null;
}

export interface TemplateContext {
  readonly article: Article;
  readonly clinic: Brand;
  readonly build: BuildInfo;
  readonly labels: Labels;
  /** The language of each label that is not in the article's (an English fallback), else null. */
  readonly labelLangs?: Readonly<Record<LabelKey, string | null>>;
  /** `{{dir}}`, the writing direction (ltr, rtl): the article's unless given. */
  readonly dir?: 'ltr' | 'rtl';
}

/** The XML layout spec a template expanded to, and where it came from. */
export interface ExpandedSpec {
  readonly xml: string;
  readonly templateFile: string;
  /**
   * The template files, by the number each element's `hp-at="FILE:LINE:COLUMN"` place names (the source map
   * of the expansion). Absent for XML written by hand: its own lines are then the places.
   */
  readonly files?: readonly string[] | undefined;
}
