import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { HandoutError } from '../errors.js';
import { isWithin } from '../shared/confined-read.js';
import { limits } from '../shared/limits.js';
import { packageRoot } from '../shared/package-root.js';
import type { ReadRecorder } from '../shared/read-recorder.js';
import { readTextFile } from '../shared/text-file.js';
import { visible } from '../shared/visible.js';
import { helpers } from './helpers.js';
import { columnAsWritten, type Marked, markStartTags } from './source-map.js';
import type { ExpandedSpec, TemplateContext } from './types.js';

export {
  type LabelClinic,
  labelLanguages,
  labelsFor,
  missingLabelsWarning,
  type ResolvedLabels,
  resolveLabels,
} from './labels.js';
export type { BuildInfo, ExpandedSpec, TemplateContext } from './types.js';

type Render = (context: TemplateContext) => string;
interface CompiledTemplate {
  readonly layoutFile: string;
  /** The files whose elements the expanded spec marks with their place, by index. */
  readonly files: readonly string[];
  readonly render: Render;
}

/** Compiled templates by folder and file contents: a batch compiles each template once. */
const compiled = new Map<string, CompiledTemplate>();
/** Template sources by file, as written and as marked, to map an error back to the exact expression. */
const sources = new Map<string, { text: string; marked: Marked }>();
/** Every template file this thread has marked, by the number its elements' places name: stable per file. */
const markedFiles: string[] = [];

export interface TemplateOptions {
  /** The folder the template's files must stay in (default: the project, or the package for a built-in one). */
  readonly root?: string | undefined;
  /** Records every file read and every place looked at, for exact incremental builds. */
  readonly reads?: ReadRecorder | undefined;
}

/** Find a template folder: the project's own `templates/NAME` first, then the built-in one. */
export function findTemplateDir(name: string, root: string, reads?: ReadRecorder): string {
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
    // A project template added later with this name would take over: that is an input too.
    reads?.absent(join(dir, 'layout.hbs'));
  }
  throw new HandoutError({
    code: 'template-unknown',
    message: `no template named "${name}"`,
    file: join(root, 'templates', name, 'layout.hbs'),
    hint: `Built-in templates: ${builtInTemplates().join(', ')}. A project template lives in templates/${name}/layout.hbs.`,
  });
}

/** Is there a template of this name: the project's own, or a built-in one? */
export function templateExists(name: string, root: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/i.test(name) && templateNames(root).includes(name);
}

/** Every template a project can use: its own (templates/NAME/layout.hbs) and the built-in ones, sorted. */
export function templateNames(root: string): string[] {
  const own = join(root, 'templates');
  const project = existsSync(own) ? readdirSync(own).filter((n) => existsSync(join(own, n, 'layout.hbs'))) : [];
  return [...new Set([...project, ...builtInTemplates()])].sort();
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
  options: TemplateOptions = {},
): ExpandedSpec {
  const template = compileTemplateDir(templateDir, options.root ?? templateRoot(templateDir), options.reads);
  try {
    // `{{dir}}`: the article's writing direction, for templates that place things by it.
    return {
      xml: template.render({ ...context, dir: context.dir ?? context.article.dir }),
      templateFile: template.layoutFile,
      files: template.files,
    };
  } catch (error) {
    throw templateError(error, template.layoutFile);
  }
}

/** Partials every template may use (block, callout-box, contact); a template's own file of the same name wins. */
export const sharedPartialsDir = join(packageRoot, 'templates', '_shared');

/** Every .hbs file of a folder, read through the confined reader: a partial linked to /etc/passwd is refused. */
function hbsFiles(dir: string, root: string, reads: ReadRecorder | undefined): { file: string; text: string }[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort();
  // A partial added to the folder changes what the template expands to, even before anything names it.
  reads?.listing(dir, '.hbs', names);
  return names.map((f) => ({
    file: join(dir, f),
    text: readTextFile(join(dir, f), { roots: [root], what: 'template file', maxBytes: limits.textBytes, reads }),
  }));
}

/** Compile a template folder (layout.hbs and partials) in strict mode; a syntax error is thrown with its place. */
export function compileTemplate(dir: string, root: string = templateRoot(dir)): void {
  compileTemplateDir(dir, root, undefined);
}

function compileTemplateDir(dir: string, root: string, reads: ReadRecorder | undefined): CompiledTemplate {
  const own = hbsFiles(dir, root, reads);
  const shared = existsSync(sharedPartialsDir)
    ? hbsFiles(sharedPartialsDir, packageRoot, reads).filter(
        (s) => !own.some((o) => basename(o.file) === basename(s.file)),
      )
    : [];
  const files = [...shared, ...own];
  const key = JSON.stringify(files.map((f) => [f.file, f.text]));
  const cached = compiled.get(key);
  if (cached) return cached;
  for (const { file, text } of files) {
    let id = markedFiles.indexOf(file);
    if (id < 0) id = markedFiles.push(file) - 1;
    sources.set(file, { text, marked: markStartTags(text, id) });
  }

  // An isolated instance: project templates cannot register helpers or partials on a shared one.
  const hb = Handlebars.create();
  hb.registerHelper(helpers);
  // {{log}} goes to stderr: stdout carries only the tool's own output (one JSON object with --json). It shows
  // article and clinic text, escaped: it is written here, in a worker, not through the CLI's terminalIo.
  (hb as unknown as { log: (level: unknown, ...message: unknown[]) => void }).log = (_level, ...message) => {
    process.stderr.write(`template log: ${visible(message.map(String).join(' '))}\n`);
  };
  let layout: Render | undefined;
  for (const { file, text } of files) {
    const render = compileFile(hb, file, text, sources.get(file)?.marked.text ?? text);
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
  const result = { layoutFile: join(dir, 'layout.hbs'), files: markedFiles, render: layout as Render };
  compiled.set(key, result);
  return result;
}

/** Syntax is checked on the file as written; the marked copy (each element with its place) is what runs. */
function compileFile(hb: typeof Handlebars, file: string, text: string, marked: string): Render {
  try {
    hb.parse(text);
  } catch (error) {
    throw templateError(error, file);
  }
  return hb.compile(marked, { strict: true, noEscape: false, knownHelpersOnly: false }) as Render;
}

/** Handlebars errors carry "line:col" in varying forms; turn each into one HandoutError naming the file. */
function templateError(error: unknown, file: string): HandoutError {
  if (error instanceof HandoutError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  const parseLine = /Parse error on line (\d+)/.exec(message);
  const tail = / - (\d+):(\d+)$/.exec(message);
  const line = e.lineNumber ?? (parseLine ? Number(parseLine[1]) : tail ? Number(tail[1]) : undefined);
  const markedColumn = e.column !== undefined ? e.column + 1 : tail ? Number(tail[2]) + 1 : undefined;
  // Errors while running name places in the marked copy: moved back past the attributes marking added.
  const marked = sources.get(file)?.marked;
  const column =
    marked && line !== undefined && markedColumn !== undefined && !parseLine
      ? columnAsWritten(marked, line, markedColumn)
      : markedColumn;
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
  const source = sources.get(file)?.text.split('\n')[line - 1];
  return source ? /^[\w.@/-]+/.exec(source.slice(column - 1))?.[0] : undefined;
}
