import { join } from 'node:path';
import { readBrand } from '../brand/index.js';
import { type Diagnostic, HandoutError, problemsOf } from '../errors.js';
import { loadProject } from '../project/index.js';
import type { ProjectOptions } from '../project/types.js';
import { realOrSelf } from '../shared/confined-read.js';
import { facesOf } from '../shared/font-catalog.js';
import { checkFontFile } from '../shared/font-file.js';
import { scanFontFolder } from '../shared/font-folder.js';
import { packageRoot } from '../shared/package-root.js';
import type { FontList, FontSource, ListedFont } from './types.js';

export type { FontList, FontSource, ListedFont } from './types.js';

/**
 * Every font a project's handouts can draw with, as `handout fonts` lists it: the project's fonts/
 * (each face of a collection), each clinic's own, and the built-in ones, with the scripts each covers.
 */
export function listFonts(options: ProjectOptions): FontList {
  const project = loadProject(options);
  const diagnostics: Diagnostic[] = [...project.problems];
  const fonts: ListedFont[] = [];
  // A project whose fonts/ is the tool's own (the tool's repository) lists those fonts once, as built-in.
  const own = realOrSelf(join(project.root, 'fonts')) === realOrSelf(join(packageRoot, 'fonts'));
  const folder = own ? { files: [], warnings: [] } : scanFontFolder(join(project.root, 'fonts'), [project.root]);
  diagnostics.push(...folder.warnings);
  for (const file of folder.files) {
    const problem = fontProblem(file, project.root);
    if (problem) diagnostics.push(problem);
    else fonts.push(...listed(file, 'project', []));
  }
  const clinicFiles = new Map<string, string[]>();
  for (const clinic of project.clinics) {
    try {
      const { body, heading } = readBrand(clinic.file, project.root).fonts;
      for (const family of [body, heading])
        for (const file of family ? [family.regular, family.bold, family.italic, family.boldItalic] : [])
          clinicFiles.set(file, [...new Set([...(clinicFiles.get(file) ?? []), clinic.id])]);
    } catch (error) {
      diagnostics.push(...problemsOf(error, clinic.file));
    }
  }
  for (const [file, clinics] of clinicFiles) fonts.push(...listed(file, 'clinic', clinics));
  for (const file of scanFontFolder(join(packageRoot, 'fonts'), [packageRoot]).files)
    fonts.push(...listed(file, 'built-in', []));
  return { fonts, diagnostics };
}

function listed(file: string, source: FontSource, clinics: readonly string[]): ListedFont[] {
  return facesOf(file).map((face) => ({ ...face, source, clinics }));
}

function fontProblem(file: string, root: string): Diagnostic | null {
  try {
    checkFontFile(file, [root]);
    return null;
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    return problemsOf(error, file)[0] ?? null;
  }
}
