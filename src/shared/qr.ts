import QRCode from 'qrcode';

/** What a QR code at error correction M holds at most (version 40, byte mode). */
export const qrCapacityBytes = 2331;

/** Why the text cannot be a QR code (too long), or null. The layout stage draws with the same settings. */
export function qrProblem(data: string): string | null {
  try {
    QRCode.create(data, { errorCorrectionLevel: 'M' });
    return null;
  } catch {
    return `is ${Buffer.byteLength(data)} bytes, too long for a QR code (at most ${qrCapacityBytes} bytes; a short address scans best)`;
  }
}
