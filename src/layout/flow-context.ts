import type { ImageInfo } from '../shared/image-info.js';
import type { TextContext } from './text.js';
import type { StructNode, StructRole, TextBox } from './types.js';

/** A problem layout can place in the article (a table too wide, at the table's line), rather than in the template. */
export interface PlacedProblem {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  /** The article line the block came from (its spec element's `line`), or null when the template gives none. */
  readonly sourceLine: number | null;
  /** The block's line in the layout spec, for when there is no article line. */
  readonly specLine: number;
}

export interface FlowContext {
  readonly text: TextContext;
  readonly images: ReadonlyMap<string, ImageInfo>;
  /** Tallest an image may be: the smallest page body. */
  readonly maxImageHeight: number;
  readonly problems: string[];
  /** Problems with a place of their own (see PlacedProblem). */
  readonly placed: PlacedProblem[];
  /** Things the user should hear about, such as an image without alt text. */
  readonly notes: string[];
  /** Counters shared by every nested flow: container groups and structure nodes. */
  readonly ids: { group: number; node: number };
  /** Where new structure nodes go; null when the content is an artifact (running headers and footers). */
  readonly parent: StructNode | null;
}

/** A new structure node under the context's parent (none for artifacts). */
export function addNode(
  context: FlowContext,
  role: StructRole,
  alt: string | null = null,
  extra: Pick<StructNode, 'lang' | 'scope' | 'elementId'> = {},
): StructNode | null {
  if (!context.parent) return null;
  const node: StructNode = { id: context.ids.node++, role, alt, ...extra, children: [] };
  context.parent.children.push(node);
  return node;
}

export const within = (context: FlowContext, parent: StructNode | null): FlowContext => ({ ...context, parent });
