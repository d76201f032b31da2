import type { Diagnostic, SourcePlace } from '../errors.js';
import type { ImageInfo } from '../shared/image-info.js';
import type { BlockSpec } from '../spec/types.js';
import type { TextContext } from './text.js';
import type { StructNode, StructRole } from './types.js';

export interface FlowContext {
  readonly text: TextContext;
  readonly images: ReadonlyMap<string, ImageInfo>;
  /** Tallest an image may be: the smallest page body. */
  readonly maxImageHeight: number;
  /** Problems of this layout attempt, each at its place (a table too wide for its column at the table's article line). */
  readonly placed: Diagnostic[];
  /** Things the user should hear about: what fitting decided, a page left nearly empty. */
  readonly notes: Diagnostic[];
  /** Where a problem with no element of its own is reported: the template. */
  readonly templateFile: string;
  /** Each character no font has, at the first place whose text holds it (an author's line before a template's). */
  readonly glyphPlaces: Map<string, { readonly place: SourcePlace; readonly authored: boolean }>;
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
  extra: Pick<StructNode, 'lang' | 'scope' | 'elementId' | 'numbering'> = {},
): StructNode | null {
  if (!context.parent) return null;
  const node: StructNode = { id: context.ids.node++, role, alt, ...extra, children: [] };
  context.parent.children.push(node);
  return node;
}

export const within = (context: FlowContext, parent: StructNode | null): FlowContext => ({ ...context, parent });

/** The article or clinic line a block's content came from, else the template line that wrote it. */
export function placeOf(block: BlockSpec, context: Pick<FlowContext, 'templateFile'>): SourcePlace {
  return block.source ?? block.at ?? { file: context.templateFile };
}
