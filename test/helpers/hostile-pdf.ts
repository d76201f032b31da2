import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate, deflateSync } from 'node:zlib';

/** A PDF of one page whose content stream is `content` (Flate-compressed), with `extra` objects and page resources. */
export function onePagePdf(content: Buffer, resources = '<<>>', extra: readonly Buffer[] = []): Buffer {
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources ${resources} /Contents 4 0 R >>`),
    stream('/Filter /FlateDecode', content),
    ...extra,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let at = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    at += object.length;
    parts.push(object);
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const offset of offsets) xref.push(`${String(offset).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`);
  parts.push(Buffer.from(xref.join('')));
  return Buffer.concat(parts);
}

function stream(dictionary: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dictionary} /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream'),
  ]);
}

/** A page drawing `count` short lines: small on disk, slow to draw (the 20 million path operators). */
export function manyPathsPdf(count: number): Buffer {
  return onePagePdf(deflateSync(Buffer.from('0 0 m 1 1 l S\n'.repeat(count)), { level: 9 }));
}

/** A page drawing a 1 × 1 image `count` times: little memory, a long time (the two million draws). */
export function manyDrawsPdf(count: number): Buffer {
  const image = stream(
    '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8',
    Buffer.from([0]),
  );
  const content = deflateSync(Buffer.from('q 200 0 0 200 0 0 cm /Im1 Do Q\n'.repeat(count)), { level: 9 });
  return onePagePdf(content, '<< /XObject << /Im1 5 0 R >> >>', [image]);
}

/** A page showing one string of `length` characters: pdf.js holds it in the heap, well past a small heap limit. */
export function longStringPdf(length: number): Buffer {
  return onePagePdf(deflateSync(Buffer.from(`BT (${'a'.repeat(length)}) Tj ET\n`), { level: 9 }));
}

/** A page drawing one image that claims width × height pixels; its data is a few bytes, never decoded if refused. */
export function hugeImagePdf(width: number, height: number): Buffer {
  const image = stream(
    `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
    deflateSync(Buffer.alloc(1024)),
  );
  return onePagePdf(deflateSync(Buffer.from('q 200 0 0 200 0 0 cm /Im1 Do Q\n')), '<< /XObject << /Im1 5 0 R >> >>', [
    image,
  ]);
}

/** A page whose content stream inflates to `bytes` spaces: about 1 KB on disk per MB drawn. */
export async function inflationBombPdf(bytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  async function* spaces() {
    for (let left = bytes; left > 0; left -= chunk.length) yield chunk.subarray(0, Math.min(left, chunk.length));
  }
  // Deflated as a stream, so the test never holds the inflated bytes.
  const parts: Buffer[] = [];
  await pipeline(Readable.from(spaces()), createDeflate({ level: 9 }), async (deflated: AsyncIterable<Buffer>) => {
    for await (const part of deflated) parts.push(part);
  });
  return onePagePdf(Buffer.concat(parts));
}
