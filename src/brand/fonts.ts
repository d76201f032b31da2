import { dirname, resolve } from 'node:path';
import { HandoutError, type SourcePlace } from '../errors.js';
import { hashConfined } from '../shared/confined-read.js';
import { facesOf } from '../shared/font-catalog.js';
import { checkFontFile } from '../shared/font-file.js';
import type { ReadRecorder } from '../shared/read-recorder.js';
import type { ClinicFile } from './schema.js';
import type { BrandFont } from './types.js';

/** Where a value of the clinic file is, by its path (fonts, body, bold). */
type PlaceOf = (path: readonly string[]) => SourcePlace;

type FontEntry = NonNullable<NonNullable<ClinicFile['fonts']>['body']>;

/**
 * The clinic's fonts, each file checked where the clinic file names it: inside the project, a font
 * that loads, and one whose licence lets it be embedded in a PDF.
 */
export function readBrandFonts(
  fonts: ClinicFile['fonts'],
  file: string,
  placeOf: PlaceOf,
  root: string,
  reads?: ReadRecorder,
): { body: BrandFont | null; heading: BrandFont | null } {
  const family = (role: 'body' | 'heading', entry: FontEntry) =>
    readFamily(entry, file, (key) => placeOf(key ? ['fonts', role, key] : ['fonts', role]), root, reads);
  const body = fonts?.body ? family('body', fonts.body) : null;
  let heading = fonts?.heading ? family('heading', fonts.heading) : null;
  // Two families under one name would be one to a template: the heading's gets a name of its own.
  if (heading && body && heading.name === body.name && heading.regular !== body.regular)
    heading = { ...heading, name: `${heading.name} (heading)` };
  return { body, heading };
}

function readFamily(
  entry: FontEntry,
  file: string,
  placeOf: (key: string | null) => SourcePlace,
  root: string,
  reads?: ReadRecorder,
): BrandFont {
  const named = typeof entry === 'string' ? { regular: entry } : entry;
  const face = (path: string, key: string) =>
    readFace(resolve(dirname(file), path), placeOf(typeof entry === 'string' ? null : key), root, reads);
  const regular = face(named.regular, 'regular');
  const bold = named.bold ? face(named.bold, 'bold') : regular;
  const italic = named.italic ? face(named.italic, 'italic') : regular;
  const boldItalic = named.boldItalic ? face(named.boldItalic, 'boldItalic') : bold;
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
