import { zipSync } from 'fflate';

/** The earliest time a zip entry can carry (DOS dates start in 1980). */
const dosEpoch = Date.UTC(1980, 0, 1, 0, 0, 0);

/**
 * One zip of the given files, the same bytes for the same files wherever and whenever it is made: entries in
 * sorted order, every one with the same time, no extra fields.
 */
export function reproducibleZip(files: ReadonlyMap<string, Uint8Array>, date: Date): Uint8Array {
  const mtime = localClock(new Date(Math.max(date.getTime(), dosEpoch)));
  const entries: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const name of [...files.keys()].sort()) entries[name] = [files.get(name) as Uint8Array, { level: 6, mtime }];
  return zipSync(entries);
}

/**
 * A zip stores local wall-clock time and fflate reads the Date's local fields: a Date whose local fields are
 * the UTC ones makes the bytes the same in every time zone.
 */
function localClock(utc: Date): Date {
  const shifted = new Date(utc.getTime() + utc.getTimezoneOffset() * 60_000);
  // Across a daylight-saving change the offset at the shifted instant is the one that counts.
  return new Date(utc.getTime() + shifted.getTimezoneOffset() * 60_000);
}
