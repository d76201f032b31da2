/** Units a number may be read with; a line never parts a number from its unit. */
const units =
  'mmHg|mmol|mg|mcg|µg|μg|kg|g|lbs?|oz|ml|mL|dl|dL|l|L|cm|mm|km|m|in|ft|min|mins|h|hrs?|sec|s|bpm|kcal|IU|°C|°F|°|%';
const number = String.raw`\d+(?:[.,]\d+)*`;
// "10–14", "3 × 8", "135/85", then a unit: "mmHg", "/ min", "/day".
const quantityPattern = new RegExp(
  String.raw`${number}(?:\s?[–—‐-]\s?${number}|\s?[×x·]\s?${number}|\s?/\s?${number})*(?:\s?(?:${units})(?![\p{L}\p{N}])|\s?/\s?\p{L}{1,8}(?![\p{L}\p{N}]))?`,
  'gu',
);

/**
 * Number ranges, quantities and readings ("Day 10–14", "3 × 8", "135/85 mmHg", "15 / min"): read as one,
 * so a line break never falls inside them. Only matches that hold more than a bare number are returned.
 */
export function quantityRanges(full: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of full.matchAll(quantityPattern)) {
    if (/^[\d.,]+$/.test(match[0])) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
