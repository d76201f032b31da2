import { statSync } from 'node:fs';
import type { SourcePlace } from '../errors.js';
import type { BlockSpec, LayoutSpec } from '../spec/types.js';
import { type ReadRecorder, readConfined, resolveConfined } from './confined-read.js';
import { type CheckedImage, checkImage, type ImageInfo } from './image-info.js';
import { limits } from './limits.js';

export interface ImageAssets {
  readonly info: ReadonlyMap<string, ImageInfo>;
  /** The bytes to draw: a PNG or JPEG as it is, an SVG rebuilt from its allow-listed parts. */
  readonly bytes: ReadonlyMap<string, Uint8Array>;
}

export interface LoadImagesOptions {
  /** Folders images must resolve into (the project, and the tool's own package for built-in art). */
  readonly roots: readonly string[];
  /** Where an image was named (the article line, the clinic file's logo line); by default the template. */
  readonly placeOf?: ((src: string) => SourcePlace | undefined) | undefined;
  readonly reads?: ReadRecorder | undefined;
}

/** Images by real path, kept while the file is unchanged: a batch reads and checks each clinic's logo once. */
const cache = new Map<string, { stamp: string; image: CheckedImage }>();

/** Read and check every image a spec names, in document order (a fixed order keeps output reproducible). */
export function loadImages(spec: LayoutSpec, options: LoadImagesOptions): ImageAssets {
  const info = new Map<string, ImageInfo>();
  const bytes = new Map<string, Uint8Array>();
  const panels = spec.fixedPages.flatMap((page) => page.panels.flatMap((panel) => panel.children));
  for (const src of imageSources([...spec.regions.flatMap((r) => r.children), ...panels, ...spec.body])) {
    if (info.has(src)) continue;
    const image = loadImage(src, options.placeOf?.(src) ?? { file: spec.templateFile }, options);
    info.set(src, image.info);
    bytes.set(src, image.bytes);
  }
  return { info, bytes };
}

function loadImage(src: string, place: SourcePlace, options: LoadImagesOptions): CheckedImage {
  const read = {
    roots: options.roots,
    what: 'image',
    place,
    missingCode: 'image-missing',
    maxBytes: limits.binaryBytes,
  };
  const real = resolveConfined(src, read);
  const stat = statSync(real);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = cache.get(real);
  if (cached && cached.stamp === stamp) {
    options.reads?.record(real);
    return cached.image;
  }
  const file = readConfined(src, { ...read, reads: options.reads });
  const image = checkImage(file.bytes, place.file, `image ${src.split(/[\\/]/).pop()}`, { line: place.line });
  cache.set(real, { stamp, image });
  return image;
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
