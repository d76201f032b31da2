import type { Box, LaidOutPage } from './types.js';

/**
 * A right-to-left document's page: every box moved to its mirror image across the page's middle, so the
 * layout made for left to right reads from the right — the first column, list markers, callout bars,
 * the first table column and the logo on the right. Nothing is drawn mirrored: text lines were laid out
 * in a mirrored frame for this (see placeLine), images and icons keep their faces.
 */
export function mirroredPage(page: LaidOutPage, pageWidth: number): LaidOutPage {
  return { ...page, boxes: page.boxes.map((box) => mirroredBox(box, pageWidth)) };
}

function mirroredBox(box: Box, pageWidth: number): Box {
  switch (box.kind) {
    case 'text':
      return { ...box, x: pageWidth - box.x - box.width };
    case 'rect':
      return {
        ...box,
        x: pageWidth - box.x - box.width,
        ...(box.bleed ? { bleed: { ...box.bleed, x: pageWidth - box.bleed.x - box.bleed.width } } : {}),
      };
    case 'image':
      return { ...box, x: pageWidth - box.x - box.width };
    case 'qr':
    case 'path':
      return { ...box, x: pageWidth - box.x - box.size };
    case 'anchor':
      return { ...box, x: pageWidth - box.x };
  }
}
