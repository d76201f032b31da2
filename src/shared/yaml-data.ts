import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { HandoutError, type Problem } from '../errors.js';

export interface YamlSource {
  readonly file: string;
  readonly text: string;
  /** Line in the file where `text` begins (front matter starts below the `---`). */
  readonly firstLine: number;
}

/** Parse YAML and validate it against a schema; every problem carries its line and column. */
export function parseYamlData<S extends z.ZodType>(source: YamlSource, schema: S, what: string): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
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
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const node = nodeAt(doc, issue.path as (string | number)[]);
    const range = node?.range ?? parentKeyRange(doc, issue.path as (string | number)[]);
    return {
      code: 'invalid-field',
      severity: 'error',
      message: key ? `${what}: "${key}" ${describeIssue(issue)}` : `${what}: ${describeIssue(issue)}`,
      ...(range ? place(range[0]) : { file: source.file, line: source.firstLine, column: 1 }),
      hint: hintFor(issue),
    };
  });
  throw HandoutError.fromProblems(problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return 'Check the spelling against the documented fields in the README.';
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    return `Add "${issue.path.join('.')}: ..." to the file.`;
  return undefined;
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
