import type { z } from 'zod';

/*
 * Records keyed by ids (clinics and articles in the config, readability in the manifest) must hold any id a
 * file may have. zod drops a record's "__proto__" key, and on a plain object an id such as "constructor" or
 * "toString" finds the prototype's function: so every record parsed is rebuilt without a prototype, with its
 * "__proto__" entry validated on its own and put back.
 */

/** A map from ids to values with no prototype: only the ids put in are there. */
export function idMap<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const map = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) map[key] = value;
  return map;
}

/** schema.safeParse, with every record of the result prototype-free and its "__proto__" key kept. */
export function parseWithIds<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { success: true; data: z.infer<S> } | { success: false; issues: z.core.$ZodIssue[] } {
  const result = schema.safeParse(input);
  if (!result.success) return { success: false, issues: result.error.issues };
  const issues: z.core.$ZodIssue[] = [];
  const data = rebuild(schema, input, result.data, [], issues) as z.infer<S>;
  return issues.length > 0 ? { success: false, issues } : { success: true, data };
}

interface Def {
  readonly type?: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
}

/** Read and written as an own key (both objects here have it as one), never the prototype accessor. */
const protoKey = '__proto__';

const defOf = (schema: unknown): Def => (schema as { _zod?: { def?: Def } })?._zod?.def ?? {};
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasOwn = (value: unknown, key: string) => isObject(value) && Object.hasOwn(value, key);

/** The parsed value with its records rebuilt, walking the schema, the input and the output together. */
function rebuild(
  schema: z.ZodType,
  input: unknown,
  output: unknown,
  path: PropertyKey[],
  issues: z.core.$ZodIssue[],
): unknown {
  let def = defOf(schema);
  // Through optional, nullable, default, readonly and the input side of a pipe.
  for (let depth = 0; depth < 10 && (def.innerType || def.in); depth++) {
    schema = (def.innerType ?? def.in) as z.ZodType;
    def = defOf(schema);
  }
  if (def.type === 'record' && isObject(output) && isObject(input) && def.valueType && def.keyType) {
    const map = idMap<unknown>();
    for (const [key, value] of Object.entries(output))
      map[key] = rebuild(def.valueType, input[key], value, [...path, key], issues);
    if (hasOwn(input, protoKey)) {
      const given = input[protoKey];
      const key = def.keyType.safeParse(protoKey);
      const value = def.valueType.safeParse(given);
      const at = [...path, protoKey];
      if (!key.success) issues.push(...key.error.issues.map((issue) => ({ ...issue, path: at })));
      else if (!value.success)
        issues.push(...value.error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })));
      else map[protoKey] = rebuild(def.valueType, given, value.data, at, issues);
    }
    return map;
  }
  if (def.type === 'object' && def.shape && isObject(output) && isObject(input)) {
    for (const [key, inner] of Object.entries(def.shape))
      if (hasOwn(output, key)) output[key] = rebuild(inner, input[key], output[key], [...path, key], issues);
    return output;
  }
  if (def.type === 'array' && def.element && Array.isArray(output) && Array.isArray(input))
    return output.map((item, index): unknown =>
      rebuild(def.element as z.ZodType, input[index], item, [...path, index], issues),
    );
  return output;
}
