const unitPoints: Record<string, number> = { pt: 1, in: 72, mm: 72 / 25.4, cm: 72 / 2.54, px: 0.75 };

/** A length in points from "12pt", "0.5in", "10mm", "1cm" or "16px" (a bare number is points); throws what was expected. */
export function length(raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|in|mm|cm|px)?\s*$/.exec(raw);
  if (!match) throw new Error(`"${raw}" is not a length (use e.g. 12pt, 0.5in, 10mm, 1cm)`);
  return Number(match[1]) * (unitPoints[match[2] ?? 'pt'] as number);
}
