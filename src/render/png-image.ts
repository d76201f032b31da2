import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

/** A PNG decoded and compressed once per process, ready to be written into any number of documents. */
interface PreparedPng {
  readonly width: number;
  readonly height: number;
  readonly rgb: Buffer;
  /** The alpha channel, or null when every pixel is opaque. */
  readonly alpha: Buffer | null;
}

const prepared = new WeakMap<Uint8Array, PreparedPng>();

function prepare(bytes: Uint8Array): PreparedPng {
  let image = prepared.get(bytes);
  if (image) return image;
  const png = PNG.sync.read(Buffer.from(bytes));
  const pixels = png.width * png.height;
  const rgb = Buffer.alloc(pixels * 3);
  const alpha = Buffer.alloc(pixels);
  let opaque = true;
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = png.data[i * 4] as number;
    rgb[i * 3 + 1] = png.data[i * 4 + 1] as number;
    rgb[i * 3 + 2] = png.data[i * 4 + 2] as number;
    alpha[i] = png.data[i * 4 + 3] as number;
    if (alpha[i] !== 255) opaque = false;
  }
  image = { width: png.width, height: png.height, rgb: deflateSync(rgb), alpha: opaque ? null : deflateSync(alpha) };
  prepared.set(bytes, image);
  return image;
}

/**
 * An image object PDFKit's `doc.image()` accepts in place of bytes. PDFKit would decode and split a PNG's
 * alpha channel again for every document; this writes the once-prepared streams instead.
 */
export function pngForDocument(bytes: Uint8Array, label: string) {
  const image = prepare(bytes);
  return {
    label,
    width: image.width,
    height: image.height,
    obj: null as PDFKit.PDFKitReference | null,
    embed(doc: PDFKit.PDFDocument) {
      const obj = doc.ref({
        Type: 'XObject',
        Subtype: 'Image',
        BitsPerComponent: 8,
        Width: image.width,
        Height: image.height,
        ColorSpace: 'DeviceRGB',
        Filter: 'FlateDecode',
      });
      if (image.alpha) {
        const mask = doc.ref({
          Type: 'XObject',
          Subtype: 'Image',
          BitsPerComponent: 8,
          Width: image.width,
          Height: image.height,
          ColorSpace: 'DeviceGray',
          Filter: 'FlateDecode',
          Decode: [0, 1],
        });
        mask.end(image.alpha);
        (obj.data as Record<string, unknown>).SMask = mask;
      }
      obj.end(image.rgb);
      this.obj = obj;
    },
  };
}
