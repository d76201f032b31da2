import type { SourcePlace } from '../errors.js';
import type { BlockSpec, ImageSpec, LayoutSpec } from '../spec/types.js';
import { fileStamp, readConfined, resolveConfined, sha256 } from './confined-read.js';
import { type CheckedImage, checkImage, type ImageInfo } from './image-info.js';
import { limits } from './limits.js';
import type { ReadRecorder } from './read-recorder.js';

export interface ImageAssets {
  readonly info: ReadonlyMap<string, ImageInfo>;
  /** The bytes to draw: a PNG or JPEG as it is, an SVG rebuilt from its allow-listed parts. */
  readonly bytes: ReadonlyMap<string, Uint8Array>;
}

export interface LoadImagesOptions {
  /** Folders images must resolve into (the project, and the tool's own package for built-in art). */
  readonly roots: readonly string[];
  /** Where an image was named, when the spec does not say (the clinic file's logo line). */
  readonly placeOf?: ((src: string) => SourcePlace | undefined) | undefined;
  readonly reads?: ReadRecorder | undefined;
}

/** Images by real path, kept while the file is unchanged: a batch reads and checks each clinic's logo once. */
const cache = new Map<string, { stamp: string; sha256: string; image: CheckedImage }>();

/** Read and check every image a spec names, in document order (a fixed order keeps output reproducible). */
export function loadImages(spec: LayoutSpec, options: LoadImagesOptions): ImageAssets {
  const info = new Map<string, ImageInfo>();
  const bytes = new Map<string, Uint8Array>();
  const panels = spec.fixedPages.flatMap((page) => page.panels.flatMap((panel) => panel.children));
  for (const block of imageBlocks([...spec.regions.flatMap((r) => r.children), ...panels, ...spec.body])) {
    const { src } = block;
    if (info.has(src)) continue;
    // Where the image was named: its article line (source="article:N"), the clinic's logo line, the template's.
    const place = block.source ?? options.placeOf?.(src) ?? block.at ?? { file: spec.templateFile };
    const image = loadImage(src, place, options);
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
    missingCode: 'image-missing' as const,
    maxBytes: limits.binaryBytes,
  };
  const real = resolveConfined(src, read);
  // Size, times (ctime too: `cp -p` restores the modified time but not that) and inode.
  const stamp = fileStamp(real);
  const cached = cache.get(real);
  if (cached && cached.stamp === stamp) {
    options.reads?.file(real, cached.sha256);
    return cached.image;
  }
  const file = readConfined(src, read);
  const digest = sha256(file.bytes);
  options.reads?.file(real, digest);
  const image = checkImage(file.bytes, place.file, `image ${src.split(/[\\/]/).pop()}`, { line: place.line });
  cache.set(real, { stamp, sha256: digest, image });
  return image;
}

function imageBlocks(blocks: readonly BlockSpec[]): ImageSpec[] {
  return blocks.flatMap((block): ImageSpec[] => {
    switch (block.kind) {
      case 'image':
        return [block];
      case 'box':
        return imageBlocks(block.children);
      case 'list':
        return block.items.flatMap(imageBlocks);
      case 'row':
        return block.cells.flatMap((cell) => imageBlocks(cell.children));
      case 'closing':
        return block.variants.flatMap(imageBlocks);
      default:
        return [];
    }
  });
}
