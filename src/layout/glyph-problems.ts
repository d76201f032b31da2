import type { Diagnostic, SourcePlace } from '../errors.js';
import { hanVariant, type Script, scriptOf } from '../shared/scripts.js';
import type { LayoutSpec } from '../spec/types.js';
import { placeOfDocument } from './diagnostics.js';
import type { FlowContext } from './flow-context.js';

/**
 * Characters no font has, one diagnostic per script and file: a Chinese article without a CJK font is
 * one error naming the script, how many characters, the first line, and the font that fixes it.
 * Symbols that belong to no script are named one by one, at the line that first holds them;
 * CJK punctuation goes with Han.
 */
export function glyphProblems(
  missing: ReadonlySet<string>,
  places: FlowContext['glyphPlaces'],
  spec: LayoutSpec,
): Diagnostic[] {
  const groups = new Map<string, { script: Script | null; place: SourcePlace; chars: string[] }>();
  for (const char of missing) {
    const place = places.get(char)?.place ?? placeOfDocument(spec);
    const script = scriptOf(char);
    const key = script ? script.name : `|${place.file}:${place.line}`;
    const group = groups.get(key) ?? { script, place, chars: [] };
    group.chars.push(char);
    if (earlier(place, group.place, spec.article ?? null)) group.place = place;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ script, place, chars }) =>
    script ? scriptProblem(script, chars, place, spec.info.lang) : symbolProblem(chars, place),
  );
}

/** The article's first line wins over a template's or clinic file's: that is where the writer looks. */
function earlier(place: SourcePlace, than: SourcePlace, article: string | null): boolean {
  if ((place.file === article) !== (than.file === article)) return place.file === article;
  return place.file === than.file && (place.line ?? Infinity) < (than.line ?? Infinity);
}

function scriptProblem(script: Script, chars: readonly string[], place: SourcePlace, lang: string): Diagnostic {
  const han = script.name === 'Han' ? hanVariant(lang) : null;
  const name = han ? `Han (${han.label})` : script.name;
  const font = han?.font ?? script.font;
  const where = place.line ? `, first at line ${place.line}` : '';
  const count = chars.length === 1 ? '1 character' : `${chars.length} characters`;
  return {
    severity: 'error',
    code: 'glyph-missing',
    message: `no font covers ${name}: ${count}${where} (${chars.slice(0, 5).join('')}${chars.length > 5 ? '…' : ''})`,
    ...place,
    hint: `Put a font that covers ${script.name} in the project's fonts/ folder, e.g. ${font} from Debian's ${script.pkg}; every template then falls back to it.`,
  };
}

function symbolProblem(chars: readonly string[], place: SourcePlace): Diagnostic {
  const named = chars.map(
    (c) => `"${c}" (U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`,
  );
  return {
    severity: 'error',
    code: 'glyph-missing',
    message: `no font has the character${named.length > 1 ? 's' : ''} ${named.join(', ')}`,
    ...place,
    hint: "Replace the character, or put a font that has it (DejaVu Sans from Debian's fonts-dejavu has many symbols) in the project's fonts/ folder; every template then falls back to it.",
  };
}
