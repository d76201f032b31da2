/** Units a number may be read with; a line never parts a number from its unit. */
const units =
  'mmHg|mmol|µmol|μmol|nmol|mEq|mg|mcg|µg|μg|ng|kg|g|lbs?|oz|ml|mL|µl|μl|dl|dL|cl|l|L|cm|mm|km|m|in|ft|min|mins|h|hrs?|sec|s|bpm|kcal|IU|IE|I\\.E\\.|units?|Einheiten|unidades|°C|°F|°|%';
const number = String.raw`\d+(?:[.,\u00A0\u202F]\d+)*`;
/** A unit per another, or per a word: "mg/dL", "mg/kg/day", "/ min", "/Tag". */
const per = String.raw`\s?/\s?\p{L}{1,8}(?![\p{L}\p{N}])`;
// "10–14", "3 × 8", "135/85", then a unit: "mmHg", "/ min", "/day", "mg/dL".
const quantityPattern = new RegExp(
  String.raw`${number}(?:\s?[–—‐-]\s?${number}|\s?[×x·]\s?${number}|\s?/\s?${number})*(?:\s?(?:${units})(?![\p{L}\p{N}])(?:${per})*|(?:${per})+)?`,
  'gu',
);
/** A compound unit written without a number ("in mg/dL", "mmol/L"): read as one word too. */
const compoundUnitPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${units})(?:/(?:${units}|\p{L}{1,8}))+(?![\p{L}\p{N}])`,
  'gu',
);

/**
 * Number ranges, quantities, doses and readings ("Day 10–14", "3 × 8", "135/85 mmHg", "15 / min", "1000 mg",
 * "70 mg/dL") and compound units ("mg/dL"): read as one, so a line break never falls inside them. Only
 * matches that hold more than a bare number are returned.
 */
export function quantityRanges(full: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of full.matchAll(quantityPattern)) {
    if (/^[\d.,\u00A0\u202F]+$/.test(match[0])) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  for (const match of full.matchAll(compoundUnitPattern)) {
    const [start, end] = [match.index, match.index + match[0].length];
    if (!ranges.some(([from, to]) => from <= start && end <= to)) ranges.push([start, end]);
  }
  return ranges;
}
