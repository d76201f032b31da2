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
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  return at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
}
