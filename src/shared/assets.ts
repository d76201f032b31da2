import { statSync } from 'node:fs';
import { HandoutError } from '../errors.js';
import type { BlockSpec, LayoutSpec } from '../spec/types.js';
import { type ImageInfo, probeImage, readImageFile } from './image-info.js';
import { isInside } from './paths.js';

export interface ImageAssets {
  readonly info: ReadonlyMap<string, ImageInfo>;
  readonly bytes: ReadonlyMap<string, Uint8Array>;
}

/** Images by path, kept while the file is unchanged: a batch reads each clinic's logo once. */
const cache = new Map<string, { stamp: string; info: ImageInfo; bytes: Uint8Array }>();

/** Read and identify every image a spec names, in document order (a fixed order keeps output reproducible). */
export function loadImages(spec: LayoutSpec, allowedRoots: readonly string[]): ImageAssets {
  const info = new Map<string, ImageInfo>();
  const bytes = new Map<string, Uint8Array>();
  const panels = spec.fixedPages.flatMap((page) => page.panels.flatMap((panel) => panel.children));
  for (const src of imageSources([...spec.regions.flatMap((r) => r.children), ...panels, ...spec.body])) {
    if (info.has(src)) continue;
    if (!isInside(src, allowedRoots)) {
      throw new HandoutError({
        code: 'path-outside',
        message: `image ${src} is outside the project`,
        file: spec.templateFile,
        hint: 'Keep images inside the project folder and refer to them with relative paths.',
      });
    }
    const image = loadImage(src, spec.templateFile);
    info.set(src, image.info);
    bytes.set(src, image.bytes);
  }
  return { info, bytes };
}

function loadImage(src: string, referencedFrom: string): { info: ImageInfo; bytes: Uint8Array } {
  let stamp = '';
  try {
    const stat = statSync(src);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // Reported by readImageFile below with the file that named it.
  }
  const cached = cache.get(src);
  if (cached && cached.stamp === stamp) return cached;
  const bytes = readImageFile(src, referencedFrom, 'image');
  const entry = { stamp, bytes, info: probeImage(bytes, src, 'image') };
  cache.set(src, entry);
  return entry;
}

function imageSources(blocks: readonly BlockSpec[]): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'image':
        return [block.src];
      case 'box':
        return imageSources(block.children);
      case 'list':
        return block.items.flatMap(imageSources);
      case 'row':
        return block.cells.flatMap((cell) => imageSources(cell.children));
      default:
        return [];
    }
  });
}
