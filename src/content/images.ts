import { dirname, resolve } from 'node:path';
import { type DiagnosticCode, HandoutError, type Problem } from '../errors.js';
import { isWithin, realOrSelf, resolveConfined } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';

/** What checking an article's image needs: where the article is, the project it must stay in, the problems so far. */
export interface ImageContext {
  readonly file: string;
  /** Images must lie inside this folder. */
  readonly root: string;
  /** Whether each image file must be there (an article read from disk; not text being imported). */
  readonly checkFiles: boolean;
  readonly problems: Problem[];
}

/**
 * An article image's absolute path, or null with the problem recorded at the image's line: here, with the
 * article's other problems, whether the file is there (its content is checked where it is read).
 */
export function imagePath(
  url: string,
  context: ImageContext,
  where: Pick<Problem, 'file' | 'line' | 'column'>,
): string | null {
  const problem = (code: DiagnosticCode, message: string, hint: string) => {
    context.problems.push({ severity: 'error', code, message, ...where, hint });
    return null;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url))
    return problem(
      'image-remote',
      `image ${url} is not a local file`,
      'Download the image into the project and refer to it by a relative path.',
    );
  let decoded: string;
  try {
    decoded = decodeURI(url);
  } catch {
    return problem(
      'image-path',
      `image path ${url} has a "%" that is not a valid escape`,
      'Write the file name as it is (spaces may be written %20); a "%" on its own is written %25.',
    );
  }
  const src = resolve(dirname(context.file), decoded);
  if (!isWithin(realOrSelf(src), [context.root]))
    return problem(
      'path-outside',
      `image ${url} is outside the project`,
      'Keep images inside the project folder and refer to them with relative paths.',
    );
  if (!context.checkFiles) return src;
  try {
    resolveConfined(src, {
      roots: [context.root],
      what: 'image',
      place: where,
      missingCode: 'image-missing',
      maxBytes: limits.binaryBytes,
    });
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    context.problems.push(...error.problems());
    return null;
  }
  return src;
}
