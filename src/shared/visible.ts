/**
 * Text from input made safe to show on a terminal: control characters (C0, DEL, C1) and the bidi embeddings,
 * overrides and isolates become visible escapes, as git quotes paths. A file name or YAML key holding
 * "ESC ] 0 ; … BEL" would otherwise retitle the terminal, and U+202E would show a line reversed. Letters of
 * every script (Chinese, Arabic, accents) and the bidi marks (LRM, RLM) that Arabic and Hebrew text needs stay.
 */

/** Everything escaped: C0, DEL, C1 and U+202A–U+202E, U+2066–U+2069. */
const unsafe = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** The same, but the line breaks and tabs the tool's own lines are made of kept. */
const unsafeInLines = /(?![\n\t])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** C escapes git uses for the common control characters; the rest of C0 in octal ("\033" for ESC). */
const named: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
};

/**
 * One character as its escape. Above C0 the form is \uXXXX, which is also a valid JSON escape of the same
 * character: `--json` text passed through here still parses to the same strings.
 */
function escapeOf(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return named[char] ?? `\\${code.toString(8).padStart(3, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A string from input (a message, a name, a value) with every control and bidi character escaped, newlines too. */
export function visible(text: string): string {
  return text.replace(unsafe, escapeOf);
}

/** Lines for a terminal: like `visible`, but the newlines and tabs that lay out the lines stay. */
export function terminalSafe(text: string): string {
  return text.replace(unsafeInLines, escapeOf);
}

/** A path as git shows one: as it is when it is plain, else in double quotes with escapes (and `\` and `"` escaped). */
export function quotedPath(path: string): string {
  if (visible(path) === path) return path;
  return `"${visible(path.replace(/[\\"]/g, '\\$&'))}"`;
}
