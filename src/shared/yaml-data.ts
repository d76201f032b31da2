import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { HandoutError, type Problem, type SourcePlace } from '../errors.js';
import { limits } from './limits.js';
import { parseWithIds } from './records.js';
import { closest } from './suggest.js';
import { visible } from './visible.js';

export interface YamlSource {
  readonly file: string;
  readonly text: string;
  /** Line in the file where `text` begins (front matter starts below the `---`). */
  readonly firstLine: number;
}

/** Parse YAML and validate it against a schema; every problem carries its line and column. */
export function parseYamlData<S extends z.ZodType>(source: YamlSource, schema: S, what: string): z.infer<S> {
  if (source.text.length > limits.yamlBytes) {
    throw new HandoutError({
      code: 'too-large',
      message: `${what} is ${Math.round(source.text.length / 1024)} KB of YAML; the limit is ${limits.yamlBytes / 1024} KB`,
      file: source.file,
      line: source.firstLine,
      hint: 'A clinic file, the config or front matter needs a few lines: look for pasted data.',
    });
  }
  const lineCounter = new LineCounter();
  // logLevel error: the yaml library's warnings (a list as a key) would reach stderr raw; they are reported here.
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const place = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: source.file, line: line + source.firstLine - 1, column: col };
  };
  if (doc.errors.length > 0) {
    throw HandoutError.fromProblems(
      doc.errors.map((e) => ({
        code: 'yaml-syntax',
        severity: 'error' as const,
        message: `${what}: ${e.message.split('\n')[0]}`,
        ...place(e.pos[0]),
        hint: 'Check indentation and quoting; values containing ": " or "#" need quotes.',
      })),
    );
  }
  const bomb = aliasOverBudget(doc);
  if (bomb) {
    throw new HandoutError({
      code: 'yaml-aliases',
      message: `${what}: the aliases (*name) expand to more than ${limits.yamlNodes} values`,
      ...place(bomb.range?.[0] ?? 0),
      hint: 'Write the values out, or use fewer aliases: a file that grows this much when read is refused.',
    });
  }
  const misfits = unprintableNodes(doc, what, place);
  const result = parseWithIds(schema, doc.toJS({ maxAliasCount: -1 }) ?? {});
  if (result.success && misfits.length === 0) return result.data;
  if (result.success) throw HandoutError.fromProblems(misfits);
  const { issues } = result;
  // "templte:" is one mistake: its "did you mean template" says all that "template is required" would.
  const misspelt = new Set(
    issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) =>
            [...issue.path, closest(key, knownKeys(schema, issue.path as (string | number)[]))].join('.'),
          )
        : [],
    ),
  );
  const problems: Problem[] = issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') return unknownKeyProblems(issue, doc, schema, what, place, source);
    if (isMissing(issue) && misspelt.has(issue.path.join('.'))) return [];
    const key = issue.path.join('.');
    const node = nodeAt(doc, issue.path as (string | number)[]);
    const range = node?.range ?? parentKeyRange(doc, issue.path as (string | number)[]);
    return [
      {
        code: 'invalid-field',
        severity: 'error',
        message: key ? `${what}: "${key}" ${describeIssue(issue)}` : `${what}: ${describeIssue(issue)}`,
        ...(range ? place(range[0]) : { file: source.file, line: source.firstLine, column: 1 }),
        hint: hintFor(issue),
      },
    ];
  });
  throw HandoutError.fromProblems([...misfits, ...problems]);
}

/**
 * The alias at which the values that aliases (*name) bring in pass the budget (an alias bomb: nine lines
 * that expand into a billion values), or null. Each node's expanded size is computed once: linear time.
 */
function aliasOverBudget(doc: Document): Node | null {
  const sizes = new Map<unknown, number>();
  const expanded = (node: unknown): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // an alias inside its own anchor counts once, not forever
    let size = 1;
    if (isAlias(node)) size = expanded(node.resolve(doc));
    else if (isPair(node)) size = expanded(node.key) + expanded(node.value);
    else if (isMap(node) || isSeq(node)) for (const item of node.items) size += expanded(item);
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    sizes.set(node, size);
    return size;
  };
  let fromAliases = 0;
  let culprit: Node | null = null;
  const walk = (node: unknown): void => {
    if (culprit) return;
    if (isAlias(node)) {
      fromAliases += expanded(node);
      if (fromAliases > limits.yamlNodes) culprit = node;
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return culprit;
}

/** Characters no text may carry (as in text files), here written as YAML escapes: "\x07", "\e", "\0". */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const controlCharacter = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/**
 * What the schema cannot place, each at its own line: a key that is a list or map (`? [a, b]: x`), which
 * would be read as the text "[ a, b ]" at the top of the file (such keys are taken out of the document), and a
 * value holding a control character written as an escape, which the file reader never sees and the layout
 * would only find in its own template.
 */
function unprintableNodes(doc: Document, what: string, place: (offset: number) => SourcePlace): Problem[] {
  const problems: Problem[] = [];
  const field = (node: Node, message: string, hint: string): Problem => ({
    code: 'invalid-field',
    severity: 'error',
    message: `${what}: ${message}`,
    ...place(node.range?.[0] ?? 0),
    hint,
  });
  const walk = (node: unknown, path: readonly (string | number)[]): void => {
    if (isSeq(node)) for (const [index, item] of node.items.entries()) walk(item, [...path, index]);
    if (isMap(node)) {
      for (const { key, value } of node.items) {
        if (isScalar(key)) walk(value, [...path, String(key.value)]);
        else if (isMap(key) || isSeq(key))
          problems.push(
            field(
              key,
              `a key that is a ${isMap(key) ? 'map' : 'list'}; field names are plain words`,
              'Remove the "?" line (a complex key) and write the field as "name: value".',
            ),
          );
      }
      // Reported here, at its place; the schema would report it again as the text "[ a, b ]" at the file's top.
      node.items = node.items.filter(({ key }) => !isMap(key) && !isSeq(key));
    }
    const control = isScalar(node) && typeof node.value === 'string' ? controlCharacter.exec(node.value) : null;
    if (control)
      problems.push(
        field(
          node as Node,
          `"${path.join('.')}" holds a control character (${visible(control[0])}), which no text may carry`,
          'Delete the escape (such as "\\x07" or "\\e" in double quotes): it is invisible and cannot be printed.',
        ),
      );
  };
  walk(doc.contents, []);
  return problems;
}

/** Each unknown field at its own line, with the field it probably meant. */
function unknownKeyProblems(
  issue: z.core.$ZodIssue & { code: 'unrecognized_keys' },
  doc: Document,
  schema: z.ZodType,
  what: string,
  place: (offset: number) => { file: string; line: number; column: number },
  source: YamlSource,
): Problem[] {
  const map = nodeAt(doc, issue.path as (string | number)[]) ?? doc.contents;
  const known = knownKeys(schema, issue.path as (string | number)[]);
  const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
  return issue.keys.map((key) => {
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    const range = isScalar(pair?.key) ? pair.key.range : undefined;
    const meant = closest(key, known);
    return {
      code: 'invalid-field',
      severity: 'error',
      message: `${what}: unknown field "${prefix}${key}"`,
      ...(range ? place(range[0]) : { file: source.file, line: source.firstLine, column: 1 }),
      hint: meant ? `Did you mean "${meant}"?` : `Known fields here: ${known.join(', ') || 'see the README'}.`,
    };
  });
}

/** The field names a schema allows at a path (through optional, default, pipe and array wrappers). */
function knownKeys(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let at: unknown = schema;
  for (const key of [...path, null]) {
    for (let i = 0; i < 10; i++) {
      const def = (at as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      const inner = def?.innerType ?? def?.in ?? (typeof key === 'number' ? def?.element : undefined);
      if (!inner) break;
      at = inner;
    }
    const shape = (at as { shape?: Record<string, unknown> })?.shape;
    if (key === null) return shape ? Object.keys(shape) : [];
    if (typeof key === 'number') continue;
    at = shape?.[key];
    if (!at) return [];
  }
  return [];
}

const isMissing = (issue: z.core.$ZodIssue) =>
  issue.code === 'invalid_type' && /received undefined/.test(issue.message);

function describeIssue(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return 'Check the spelling against the documented fields in the README.';
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    return `Add "${issue.path.join('.')}: ..." to the file.`;
  return undefined;
}

/** Where the value at `path` (e.g. builds, 2, template) starts in the YAML; the file alone when it is not there. */
export function yamlPlace(source: YamlSource, path: readonly (string | number)[]): SourcePlace {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false });
  const offset = nodeAt(doc, [...path])?.range?.[0];
  if (offset === undefined) return { file: source.file };
  const { line, col } = lineCounter.linePos(offset);
  return { file: source.file, line: line + source.firstLine - 1, column: col };
}

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else return undefined;
  }
  return node as Node | undefined;
}

/** For a missing key, point at the map that should hold it. */
function parentKeyRange(doc: Document, path: (string | number)[]): [number, number, number] | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const node = nodeAt(doc, path.slice(0, depth));
    if (node?.range) return node.range;
  }
  return undefined;
}

/** The line each top-level key's value starts on (a block scalar's text starts on the line below its key). */
export function valueLines(source: YamlSource): Record<string, number> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false });
  const lines: Record<string, number> = {};
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    const value = pair.value as Node | null;
    const node = isScalar(value) && value.type?.startsWith('BLOCK') ? null : value;
    const offset = node?.range?.[0] ?? (isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (key === null || offset === undefined) continue;
    const blockBody = node === null && isScalar(value) ? 1 : 0;
    lines[key] = lineCounter.linePos(offset).line + source.firstLine - 1 + blockBody;
  }
  return lines;
}
