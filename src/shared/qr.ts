import QRCode from 'qrcode';

/** What a QR code at error correction M holds at most (version 40, byte mode). */
export const qrCapacityBytes = 2331;

/** A QR code's modules: `size` × `size`, row by row, 1 for dark. */
export interface QrModules {
  readonly size: number;
  readonly dark: readonly number[];
}

/** Codes already made, by their text: a clinic's booking code is checked, laid out and drawn in every handout. */
const made = new Map<string, QrModules | null>();
const codesKept = 500;

/** The code for the text at error correction M (the one setting used everywhere), or null when it is too long. */
export function qrModules(data: string): QrModules | null {
  let code = made.get(data);
  if (code === undefined) {
    code = makeCode(data);
    if (made.size >= codesKept) made.delete(made.keys().next().value as string);
    made.set(data, code);
  }
  return code;
}

function makeCode(data: string): QrModules | null {
  try {
    const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
    return Object.freeze({ size: modules.size, dark: Object.freeze(Array.from(modules.data)) });
  } catch {
    return null;
  }
}

/** Why the text cannot be a QR code (too long), or null. The layout stage draws with the same settings. */
export function qrProblem(data: string): string | null {
  if (qrModules(data)) return null;
  return `is ${Buffer.byteLength(data)} bytes, too long for a QR code (at most ${qrCapacityBytes} bytes; a short address scans best)`;
}

/** The smallest module a phone's camera reads reliably at arm's length: 0.5 mm, in points. */
export const minimumModule = (0.5 * 72) / 25.4;
/** Modules of quiet zone on each side, drawn inside a code's size. */
export const quietModules = 4;

/** The side of one module of the text's code drawn `size` points wide (quiet zone included), or null for no code. */
export function qrModuleSize(data: string, size: number): number | null {
  const code = qrModules(data);
  return code ? size / (code.size + 2 * quietModules) : null;
}
