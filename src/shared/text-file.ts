import { HandoutError } from '../errors.js';
import { type ConfinedReadOptions, readConfined } from './confined-read.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read a UTF-8 text file through the confined reader (BOM stripped, CRLF folded to LF); anything else is a clear error. */
export function readTextFile(file: string, options: ConfinedReadOptions): string {
  const { bytes } = readConfined(file, options);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new HandoutError({
      code: 'encoding',
      message: `${options.what} is not valid UTF-8`,
      file,
      line: lineOfFirstInvalidByte(bytes),
      column: 1,
      hint: 'Save the file as UTF-8 (most editors offer "Save with encoding").',
      cause,
    });
  }
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const control = controlCharacter.exec(clean);
  if (control) {
    const before = clean.slice(0, control.index);
    const line = before.split('\n').length;
    throw new HandoutError({
      code: 'encoding',
      message: `${options.what} holds a control character (U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}), which no text may carry`,
      file,
      line,
      column: control.index - before.lastIndexOf('\n'),
      hint: 'Delete it (it is invisible in most editors; it often comes with text pasted from another program).',
    });
  }
  return clean;
}

/** Characters a text file never needs and a PDF's text or XML cannot carry (tab and line ends are fine). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacter = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  return at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
}
