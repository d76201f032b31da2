import { readFileSync } from 'node:fs';
import { HandoutError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read a UTF-8 text file (BOM stripped, CRLF folded to LF); anything else is a clear error. */
export function readTextFile(file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new HandoutError({
      code: 'file-unreadable',
      message: `cannot read ${what}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
      file,
      hint: 'Check that the file exists and is readable.',
      cause,
    });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new HandoutError({
      code: 'encoding',
      message: `${what} is not valid UTF-8`,
      file,
      line: lineOfFirstInvalidByte(bytes),
      column: 1,
      hint: 'Save the file as UTF-8 (most editors offer "Save with encoding").',
      cause,
    });
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function lineOfFirstInvalidByte(bytes: Buffer): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  return at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
}
