import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { HandoutError } from '../errors.js';
import { isWithin } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import { packageRoot } from '../shared/package-root.js';
import { readTextFile } from '../shared/text-file.js';
import { helpers } from './helpers.js';
import type { ExpandedSpec, TemplateContext } from './types.js';

export { labelLanguages, labelsFor, missingLabelsWarning, type ResolvedLabels, resolveLabels } from './labels.js';
export type { BuildInfo, ExpandedSpec, TemplateContext } from './types.js';

type Render = (context: TemplateContext) => string;
interface CompiledTemplate {
  readonly layoutFile: string;
  readonly render: Render;
}

/** Compiled templates by folder and file contents: a batch compiles each template once. */
const compiled = new Map<string, CompiledTemplate>();
/** Template sources by file, to quote the exact expression an error points at. */
const sources = new Map<string, string>();

/** Find a template folder: the project's own `templates/NAME` first, then the built-in one. */
export function findTemplateDir(name: string, root: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(name)) {
    throw new HandoutError({
      code: 'template-name',
      message: `template name "${name}" is not valid`,
      file: root,
      hint: 'Template names use letters, digits and hyphens, e.g. "handout" or "large-print".',
    });
  }
  for (const base of [join(root, 'templates'), join(packageRoot, 'templates')]) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'layout.hbs'))) return dir;
  }
  throw new HandoutError({
    code: 'template-unknown',
    message: `no template named "${name}"`,
    file: join(root, 'templates', name, 'layout.hbs'),
    hint: `Built-in templates: ${builtInTemplates().join(', ')}. A project template lives in templates/${name}/layout.hbs.`,
  });
}

export function builtInTemplates(): string[] {
  const dir = join(packageRoot, 'templates');
  return existsSync(dir) ? readdirSync(dir).filter((n) => existsSync(join(dir, n, 'layout.hbs'))) : [];
}

/**
 * The folder a template's files must stay in: the tool's own package for a built-in template, else the
 * project that holds `templates/<name>/`.
 */
export function templateRoot(templateDir: string): string {
  return isWithin(resolve(templateDir), [join(packageRoot, 'templates')])
    ? packageRoot
    : resolve(templateDir, '..', '..');
}

/** Expand a template folder's layout.hbs (with the folder's other .hbs files as partials) into an XML layout spec. */
export function expandTemplate(
  templateDir: string,
  context: TemplateContext,
  root: string = templateRoot(templateDir),
): ExpandedSpec {
  const template = compileTemplateDir(templateDir, root);
  try {
    return { xml: template.render(context), templateFile: template.layoutFile };
  } catch (error) {
    throw templateError(error, template.layoutFile);
  }
}

/** Partials every template may use (block, callout-box, contact); a template's own file of the same name wins. */
export const sharedPartialsDir = join(packageRoot, 'templates', '_shared');

/** Every .hbs file of a folder, read through the confined reader: a partial linked to /etc/passwd is refused. */
function hbsFiles(dir: string, root: string): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((f) => ({
      file: join(dir, f),
      text: readTextFile(join(dir, f), { roots: [root], what: 'template file', maxBytes: limits.textBytes }),
    }));
}

/** Compile a template folder (layout.hbs and partials) in strict mode; a syntax error is thrown with its place. */
export function compileTemplate(dir: string, root: string = templateRoot(dir)): void {
  compileTemplateDir(dir, root);
}

function compileTemplateDir(dir: string, root: string): CompiledTemplate {
  const own = hbsFiles(dir, root);
  const shared = existsSync(sharedPartialsDir)
    ? hbsFiles(sharedPartialsDir, packageRoot).filter((s) => !own.some((o) => basename(o.file) === basename(s.file)))
    : [];
  const files = [...shared, ...own];
  const key = JSON.stringify(files.map((f) => [f.file, f.text]));
  for (const { file, text } of files) sources.set(file, text);
  const cached = compiled.get(key);
  if (cached) return cached;

  // An isolated instance: project templates cannot register helpers or partials on a shared one.
  const hb = Handlebars.create();
  hb.registerHelper(helpers);
  // {{log}} goes to stderr: stdout carries only the tool's own output (one JSON object with --json).
  (hb as unknown as { log: (level: unknown, ...message: unknown[]) => void }).log = (_level, ...message) => {
    process.stderr.write(`template log: ${message.map(String).join(' ')}\n`);
  };
  let layout: Render | undefined;
  for (const { file, text } of files) {
    const render = compileFile(hb, file, text);
    if (basename(file) === 'layout.hbs') layout = render;
    // Partials are wrapped so that an error inside one names the partial's own file.
    else
      hb.registerPartial(basename(file, '.hbs'), ((ctx: TemplateContext, options: unknown) => {
        try {
          return (render as (c: unknown, o: unknown) => string)(ctx, options);
        } catch (error) {
          throw templateError(error, file);
        }
      }) as unknown as Handlebars.Template);
  }
  const result = { layoutFile: join(dir, 'layout.hbs'), render: layout as Render };
  compiled.set(key, result);
  return result;
}

function compileFile(hb: typeof Handlebars, file: string, text: string): Render {
  try {
    hb.parse(text);
  } catch (error) {
    throw templateError(error, file);
  }
  return hb.compile(text, { strict: true, noEscape: false, knownHelpersOnly: false }) as Render;
}

/** Handlebars errors carry "line:col" in varying forms; turn each into one HandoutError naming the file. */
function templateError(error: unknown, file: string): HandoutError {
  if (error instanceof HandoutError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  const parseLine = /Parse error on line (\d+)/.exec(message);
  const tail = / - (\d+):(\d+)$/.exec(message);
  const line = e.lineNumber ?? (parseLine ? Number(parseLine[1]) : tail ? Number(tail[1]) : undefined);
  const column = e.column !== undefined ? e.column + 1 : tail ? Number(tail[2]) + 1 : undefined;
  const missing = /"([^"]+)" not defined in/.exec(message);
  if (missing) {
    const name = pathAt(file, line, column) ?? missing[1];
    return new HandoutError({
      code: 'template-variable',
      message: `template uses "${name}", which is not defined`,
      file,
      line,
      column,
      hint: 'Check the spelling. Templates see article.*, clinic.*, build.* and labels.* (see the README).',
    });
  }
  const firstLine = message.replace(/ - \d+:\d+$/, '').split('\n')[0] ?? message;
  return new HandoutError({
    code: 'template-syntax',
    message: `template error: ${firstLine}`,
    file,
    line,
    column,
    hint: 'Every {{#block}} needs a matching {{/block}}; partials are the other .hbs files of the folder.',
    cause: error,
  });
}

/** Handlebars names only the last segment of a missing path; read the whole path from the source. */
function pathAt(file: string, line: number | undefined, column: number | undefined): string | undefined {
  if (line === undefined || column === undefined) return undefined;
  const source = sources.get(file)?.split('\n')[line - 1];
  return source ? /^[\w.@/-]+/.exec(source.slice(column - 1))?.[0] : undefined;
}
