import type { Brand } from '../brand/types.js';
import type { Article } from '../content/types.js';
import type { Labels } from '../shared/labels.js';

export interface BuildInfo {
  /** The date printed as the build date (reproducible: see the README). */
  readonly date: string;
  readonly template: string;
  readonly version: string;
}

export interface TemplateContext {
  readonly article: Article;
  readonly clinic: Brand;
  readonly build: BuildInfo;
  readonly labels: Labels;
}

/** The XML layout spec a template expanded to, and where it came from. */
export interface ExpandedSpec {
  readonly xml: string;
  readonly templateFile: string;
}
