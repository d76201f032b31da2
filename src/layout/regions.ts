import { HandoutError } from '../errors.js';
import type { LayoutSpec, PanelSpec, RegionSpec } from '../spec/types.js';
import { type FlowContext, flowBlocks } from './flow.js';
import { stackSlices } from './slices.js';
import type { Box, RectBox } from './types.js';

/** The spec with every `height="auto"` region measured: as tall as its content and padding. */
export function measureRegions(spec: LayoutSpec, context: FlowContext): LayoutSpec {
  if (spec.regions.every((r) => r.height !== null)) return spec;
  const regions = spec.regions.map((region): RegionSpec => {
    if (region.height !== null) return region;
    const { padding } = region;
    const width = spec.page.width - padding.left - padding.right;
    // Measured without a structure parent: nothing is tagged twice.
    const content = stackSlices(flowBlocks(region.children, padding.left, width, { ...context, parent: null }), 0);
    return { ...region, height: content.bottom + padding.top + padding.bottom };
  });
  return { ...spec, regions };
}

/** A running header or footer on one page: its fill (inset from the paper's edge unless it is 0) and content. */
export function layoutRegion(region: RegionSpec, page: LayoutSpec['page'], context: FlowContext): Box[] {
  const height = region.height ?? 0;
  const top = region.kind === 'header' ? 0 : page.height - height;
  const { padding } = region;
  const slices = flowBlocks(region.children, padding.left, page.width - padding.left - padding.right, context);
  const stacked = stackSlices(slices, 0);
  const room = height - padding.top - padding.bottom;
  const offset =
    region.valign === 'center' ? (room - stacked.bottom) / 2 : region.valign === 'bottom' ? room - stacked.bottom : 0;
  const content = stacked.boxes.map((box) => ({
    ...box,
    y: box.y + top + padding.top + Math.max(0, offset),
    ...(box.kind === 'text' ? { artifact: box.node === null } : {}),
  }));
  if (!region.fill) return content;
  return [regionFill(region, page, top, height), ...content];
}

/**
 * A region's colour band. Inset from the paper's edges by default, since office printers cannot print to
 * the edge; it records the full-bleed rectangle the print shop output uses instead (`--bleed`).
 */
function regionFill(region: RegionSpec, page: LayoutSpec['page'], top: number, height: number): RectBox {
  const inset = region.inset;
  const bleed = { x: 0, y: top, width: page.width, height };
  return {
    kind: 'rect',
    x: inset,
    y: region.kind === 'header' ? inset : top,
    width: page.width - 2 * inset,
    height: height - inset,
    fill: region.fill,
    stroke: null,
    lineWidth: 0,
    radius: inset > 0 ? region.radius : 0,
    node: null,
    ...(inset > 0 ? { bleed } : {}),
  };
}

/** A panel with its own content (a brochure's cover or back): it must fit, since nothing flows on from it. */
export function layoutPanel(panel: PanelSpec, context: FlowContext, spec: LayoutSpec): Box[] {
  const fill: Box[] = panel.fill ? [panelFill(panel)] : [];
  if (panel.flow !== null) return fill;
  const { padding } = panel;
  const innerHeight = panel.height - padding.top - padding.bottom;
  const slices = flowBlocks(
    panel.children,
    panel.x + padding.left,
    panel.width - padding.left - padding.right,
    context,
  );
  const stacked = stackSlices(slices, 0);
  if (stacked.bottom > innerHeight + 0.5) {
    throw new HandoutError({
      code: 'fit-overflow',
      message: `the content of the "${panel.name}" panel is ${Math.round(stacked.bottom - innerHeight)} pt taller than the panel`,
      ...(panel.at ?? { file: spec.templateFile }),
      hint: "Shorten that panel's text (a long clinic name or address?), or make its type smaller in the template.",
    });
  }
  const offset =
    panel.valign === 'center'
      ? (innerHeight - stacked.bottom) / 2
      : panel.valign === 'bottom'
        ? innerHeight - stacked.bottom
        : 0;
  return [...fill, ...stacked.boxes.map((box) => ({ ...box, y: box.y + panel.y + padding.top + offset }))];
}

/**
 * A panel's colour stops `inset` short of every side: the paper's edge (office printers leave it white) and
 * a fold too (a fold a millimetre off would show a sliver of colour on the next panel, and a rounded
 * corner on a fold reads as a mistake). The full panel is recorded for print-shop output with --bleed.
 */
function panelFill(panel: PanelSpec): RectBox {
  const { inset } = panel;
  return {
    kind: 'rect',
    x: panel.x + inset,
    y: panel.y + inset,
    width: panel.width - 2 * inset,
    height: panel.height - 2 * inset,
    fill: panel.fill,
    stroke: null,
    lineWidth: 0,
    radius: inset > 0 ? panel.radius : 0,
    node: null,
    ...(inset > 0 ? { bleed: { x: panel.x, y: panel.y, width: panel.width, height: panel.height } } : {}),
  };
}
