import * as fontkit from 'fontkit';

/**
 * A font reference may name one face of its file after a "#": a face of a collection (.ttc, .otc) by its
 * PostScript or full name ("NotoSansCJK-Regular.ttc#Noto Sans CJK SC"), or a named instance of a variable
 * font ("Inter.var.ttf#Bold"). Without one, a collection's first face and a variable font's default are used.
 */
export function splitFaceRef(ref: string): { file: string; face: string | null } {
  const at = ref.lastIndexOf('#');
  return at < 0 ? { file: ref, face: null } : { file: ref.slice(0, at), face: ref.slice(at + 1) };
}

/** A face the reference names that its file does not have. */
export class FaceNotFound extends Error {}

/** The face a reference names, parsed from the file's bytes; an Error saying what the file has otherwise. */
export function openFace(bytes: Buffer, face: string | null): fontkit.Font {
  const parsed = fontkit.create(bytes);
  if ('fonts' in parsed) {
    const faces = parsed.fonts;
    const found = face === null ? faces[0] : faces.find((f) => f.postscriptName === face || f.fullName === face);
    if (!found) {
      if (face === null) throw new Error('the collection holds no font');
      throw new FaceNotFound(`the collection has no face "${face}" (it has ${listed(faces.map((f) => f.fullName))})`);
    }
    return found;
  }
  if (face === null) return parsed;
  // fontkit has them (from fvar); its type declarations do not list them.
  const named = (parsed as unknown as { namedVariations?: Record<string, unknown> }).namedVariations;
  const instances = Object.keys(named ?? {});
  if (instances.length === 0)
    throw new FaceNotFound(`"#${face}" names a face, but the font is neither a collection nor variable`);
  if (!instances.includes(face))
    throw new FaceNotFound(`the variable font has no named instance "${face}" (it has ${listed(instances)})`);
  return parsed.getVariation(face);
}

const listed = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
