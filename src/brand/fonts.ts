import { dirname, resolve } from 'node:path';
import { HandoutError, type SourcePlace } from '../errors.js';
import { hashConfined } from '../shared/confined-read.js';
import { facesOf } from '../shared/font-catalog.js';
import { checkFontFile } from '../shared/font-file.js';
import type { ReadRecorder } from '../shared/read-recorder.js';
import type { ClinicFile } from './schema.js';
import type { BrandFont } from './types.js';

type FontEntry = NonNullable<NonNullable<ClinicFile['fonts']>['body']>;

/**
 * The clinic's fonts, each file checked where the clinic file names it: inside the project, a font
 * that loads, and one whose licence lets it be embedded in a PDF.
 */
export function readBrandFonts(
  fonts: ClinicFile['fonts'],
  file: string,
  place: SourcePlace,
  root: string,
  reads?: ReadRecorder,
): { body: BrandFont | null; heading: BrandFont | null } {
  const body = fonts?.body ? readFamily(fonts.body, file, place, root, reads) : null;
  let heading = fonts?.heading ? readFamily(fonts.heading, file, place, root, reads) : null;
  // Two families under one name would be one to a template: the heading's gets a name of its own.
  if (heading && body && heading.name === body.name && heading.regular !== body.regular)
    heading = { ...heading, name: `${heading.name} (heading)` };
  return { body, heading };
}

function readFamily(entry: FontEntry, file: string, place: SourcePlace, root: string, reads?: ReadRecorder): BrandFont {
  const named = typeof entry === 'string' ? { regular: entry } : entry;
  const face = (path: string) => readFace(resolve(dirname(file), path), place, root, reads);
  const regular = face(named.regular);
  const bold = named.bold ? face(named.bold) : regular;
  const italic = named.italic ? face(named.italic) : regular;
  const boldItalic = named.boldItalic ? face(named.boldItalic) : bold;
  return {
    name: regular.family,
    regular: regular.path,
    bold: bold.path,
    italic: italic.path,
    boldItalic: boldItalic.path,
  };
}

function readFace(path: string, place: SourcePlace, root: string, reads?: ReadRecorder) {
  const real = checkFontFile(path, [root], place);
  hashConfined(real, { roots: [root], what: 'font file', place, reads });
  const face = facesOf(real)[0];
  if (!face) throw new HandoutError({ code: 'font-invalid', message: `cannot load font ${path}`, ...place });
  if (!face.embeddable)
    throw new HandoutError({
      code: 'font-restricted',
      message: `the licence of font ${face.family} (${path.split(/[\\/]/).pop()}) forbids embedding it in a document`,
      ...place,
      hint: 'Its OS/2 fsType says "restricted licence embedding": ask the foundry for a licence that allows embedding, or use an open-licensed font.',
    });
  return { family: face.family, path: real };
}
