import type { Diagnostic } from '../errors.js';
import type { InputStates } from '../shared/input-record.js';
import { idMap, parseWithIds } from '../shared/records.js';
import type { ManifestData, ManifestEntry, ManifestPlan, TranslationLink } from './manifest.js';
import { fileSchema, manifestVersion } from './manifest-schema.js';

export { manifestVersion };

/*
 * manifest.json, version 3: what many outputs share is listed once and referred to by index (each input with
 * its state; each diagnostic), so the file grows by a few hundred bytes per output. One output per line keeps
 * it readable and its diffs small.
 */

export interface ManifestFile {
  readonly data: ManifestData;
  readonly tool: string;
  readonly plan: ManifestPlan | null;
}

const context = ['article', 'clinic', 'template', 'output'] as const;

/** A diagnostic as stored: `ofOutput` stands for the four context fields that name the output it is listed under. */
type StoredDiagnostic = Omit<Diagnostic, (typeof context)[number]> & Partial<Diagnostic> & { ofOutput?: true };

/** A link to an output the manifest lists is its name; one to an output it lacks (it failed) keeps article and language. */
type StoredLink = string | readonly [article: string, lang: string, output: string];

export function encodeManifest(file: ManifestFile): string {
  const { data } = file;
  const outputs = Object.keys(data.outputs).sort(byCodePoint);
  const inputs = inputTable(data);
  const diagnostics = new Table<StoredDiagnostic>();
  const entries = outputs.map((output) => {
    const entry = data.outputs[output] as ManifestEntry;
    const stored = {
      article: entry.article,
      clinic: entry.clinic,
      template: entry.template,
      inputs: ranges(Object.entries(entry.inputs).map((pair) => inputs.get(JSON.stringify(pair)) as number)),
      inputHash: entry.inputHash,
      sha256: entry.sha256,
      pages: entry.pages,
      bytes: entry.bytes,
      ...(entry.diagnostics.length > 0
        ? { diagnostics: entry.diagnostics.map((d) => diagnostics.add(storedDiagnostic(d, entry, output))) }
        : {}),
      ...(entry.lang === undefined ? {} : { lang: entry.lang }),
      ...(entry.translations?.length ? { translations: entry.translations.map((t) => storedLink(t, data)) } : {}),
      ...(entry.failed ? { failed: true } : {}),
    };
    return `${JSON.stringify(output)}: ${JSON.stringify(stored)}`;
  });
  const readability = Object.keys(data.readability)
    .sort(byCodePoint)
    .map((id) => `${JSON.stringify(id)}: ${JSON.stringify(data.readability[id])}`);
  return [
    '{',
    `  "manifestVersion": ${manifestVersion},`,
    `  "tool": ${JSON.stringify(file.tool)},`,
    `  "plan": ${JSON.stringify(file.plan && { ...file.plan, shard: `${file.plan.shard.index}/${file.plan.shard.count}` })},`,
    `  "inputs": ${block('[', [...inputs.keys()], ']')},`,
    `  "diagnostics": ${block(
      '[',
      diagnostics.items.map((d) => JSON.stringify(d)),
      ']',
    )},`,
    `  "outputs": ${block('{', entries, '}')},`,
    `  "readability": ${block('{', readability, '}')}`,
    '}',
    '',
  ].join('\n');
}

/** The file's data as the rest of the tool sees it; throws a message (for a placed error) when it is not a manifest. */
export function decodeManifest(json: unknown): ManifestFile {
  const parsed = parseWithIds(fileSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new Error(`is not a Handout Press manifest (${issue?.path.join('.') || 'the file'}: ${issue?.message})`);
  }
  const file = parsed.data;
  const entries = idMap<ManifestEntry>();
  for (const [output, stored] of Object.entries(file.outputs)) {
    const inputs: Record<string, string> = {};
    for (const index of indexesOf(stored.inputs, file.inputs.length)) {
      const [name, state] = file.inputs[index] as [string, string];
      inputs[name] = state;
    }
    const diagnostics = (stored.diagnostics ?? []).map((index) => {
      const found = file.diagnostics[index];
      if (!found) throw new Error(`refers to diagnostic ${index} it does not list (output "${output}")`);
      return diagnosticOf(found as StoredDiagnostic, stored, output);
    });
    entries[output] = {
      article: stored.article,
      clinic: stored.clinic,
      template: stored.template,
      inputs: inputs as InputStates,
      inputHash: stored.inputHash,
      sha256: stored.sha256,
      pages: stored.pages,
      bytes: stored.bytes,
      diagnostics,
      // An output with a language has its translations, none written as none.
      ...(stored.lang === undefined ? {} : { lang: stored.lang, translations: [] }),
      ...(stored.failed ? { failed: true as const } : {}),
    };
  }
  // Links are read once every entry is there: a link by name takes its article and language from the linked entry.
  for (const [output, stored] of Object.entries(file.outputs)) {
    if (!stored.translations) continue;
    const translations = stored.translations.map((link) => linkOf(link, entries, output));
    entries[output] = { ...(entries[output] as ManifestEntry), translations };
  }
  const plan = file.plan && { ...file.plan, shard: shardOf(file.plan.shard) };
  return { data: { outputs: entries, readability: idMap(Object.entries(file.readability)) }, tool: file.tool, plan };
}

function storedDiagnostic(d: Diagnostic, entry: ManifestEntry, output: string): StoredDiagnostic {
  const own = d.article === entry.article && d.clinic === entry.clinic && d.template === entry.template;
  if (!own || d.output !== output) return canonical(d);
  const { article: _a, clinic: _c, template: _t, output: _o, ...rest } = d;
  return canonical({ ...rest, ofOutput: true });
}

const keyOrder = ['code', 'severity', 'message', 'file', 'line', 'column', 'hint', ...context, 'ofOutput'];

/** One key order whoever made the diagnostic, so the same one is listed once and the file is the same for the same data. */
function canonical(d: StoredDiagnostic): StoredDiagnostic {
  const rank = (key: string) => (keyOrder.includes(key) ? keyOrder.indexOf(key) : keyOrder.length);
  const keys = Object.keys(d).sort((a, b) => rank(a) - rank(b) || byCodePoint(a, b));
  return Object.fromEntries(keys.map((key) => [key, d[key as keyof StoredDiagnostic]])) as StoredDiagnostic;
}

function diagnosticOf(
  stored: StoredDiagnostic,
  entry: { article: string; clinic: string; template: string },
  output: string,
) {
  if (!stored.ofOutput) return stored as Diagnostic;
  const { ofOutput: _, ...rest } = stored;
  return { ...rest, article: entry.article, clinic: entry.clinic, template: entry.template, output } as Diagnostic;
}

function storedLink(link: TranslationLink, data: ManifestData): StoredLink {
  const target = data.outputs[link.output];
  return target?.article === link.article && target.lang === link.lang
    ? link.output
    : [link.article, link.lang, link.output];
}

function linkOf(link: StoredLink, entries: Record<string, ManifestEntry>, output: string): TranslationLink {
  if (typeof link !== 'string') return { article: link[0], lang: link[1], output: link[2] };
  const target = entries[link];
  if (target?.lang === undefined) throw new Error(`links "${output}" to "${link}", which it does not list`);
  return { article: target.article, lang: target.lang, output: link };
}

function shardOf(text: string): ManifestPlan['shard'] {
  const [index, count] = text.split('/').map(Number) as [number, number];
  return { index, count };
}

/**
 * Every input state any output names, once, sorted: an output's inputs (sorted by name, as recorded) are then
 * ascending indexes, and the template's and fonts' shared by many outputs are one run of them.
 */
function inputTable(data: ManifestData): Map<string, number> {
  const pairs = new Map<string, readonly [string, string]>();
  for (const entry of Object.values(data.outputs))
    for (const pair of Object.entries(entry.inputs)) pairs.set(JSON.stringify(pair), pair);
  // By name, then state: by their JSON text, "a b" would come before "a" (a space sorts before a quote).
  const sorted = [...pairs].sort(([, a], [, b]) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]));
  return new Map(sorted.map(([key], index) => [key, index]));
}

/** Ascending indexes as runs: [3, 4, 5, 9] is "3-5,9". */
function ranges(indexes: readonly number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    runs.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return runs.join(',');
}

/** The indexes of runs; a run backwards or past the table's end is refused before it is expanded. */
function indexesOf(text: string, listed: number): number[] {
  if (text === '') return [];
  return text.split(',').flatMap((run) => {
    const [first, last = first] = run.split('-').map(Number) as [number, number?];
    if (last < first || last >= listed) throw new Error(`refers to inputs ${run}, which it does not list`);
    return Array.from({ length: last - first + 1 }, (_, k) => first + k);
  });
}

/** Items listed once, in the order first met, each known by its index. */
class Table<T> {
  readonly items: T[] = [];
  private readonly indexes = new Map<string, number>();

  add(item: T): number {
    const key = JSON.stringify(item);
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = this.items.push(item) - 1;
      this.indexes.set(key, index);
    }
    return index;
  }
}

function block(open: string, lines: readonly string[], close: string): string {
  return lines.length === 0 ? `${open}${close}` : `${open}\n    ${lines.join(',\n    ')}\n  ${close}`;
}

/** The same order on every machine (localeCompare depends on the locale). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
