import type { Diagnostic, DiagnosticCode, SourcePlace } from '../errors.js';
import type { LayoutSpec } from '../spec/types.js';

/** Where a problem of a spec element belongs: the article or clinic line its content came from, else the template's. */
export function placeOfBlock(
  block: { readonly at?: SourcePlace | undefined; readonly source?: SourcePlace | null | undefined },
  spec: LayoutSpec,
): SourcePlace {
  return block.source ?? block.at ?? { file: spec.templateFile };
}

/** Where a problem of the whole layout belongs: the template's <document> (its fit and size settings). */
export function placeOfDocument(spec: LayoutSpec): SourcePlace {
  return spec.at ?? { file: spec.templateFile };
}

/** Where a problem of the article's length belongs: the article, when the spec says which. */
export function placeOfArticle(spec: LayoutSpec): SourcePlace {
  return spec.article ? { file: spec.article } : placeOfDocument(spec);
}

export function layoutDiagnostic(
  severity: Diagnostic['severity'],
  code: DiagnosticCode,
  message: string,
  place: SourcePlace,
  hint?: string,
): Diagnostic {
  return { severity, code, message, ...place, ...(hint ? { hint } : {}) };
}
