import { isKnownLocaleForm } from '../content/schema.js';
import type { Align, Edges } from './types.js';

/** Attribute value parsers: each returns the value or throws a message fragment describing what was expected. */
export type ValueParser<T> = (raw: string) => T;

const unitPoints: Record<string, number> = { pt: 1, in: 72, mm: 72 / 25.4, cm: 72 / 2.54, px: 0.75 };

export const length: ValueParser<number> = (raw) => {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|in|mm|cm|px)?\s*$/.exec(raw);
  if (!match) throw new Error(`"${raw}" is not a length (use e.g. 12pt, 0.5in, 10mm, 1cm)`);
  return Number(match[1]) * (unitPoints[match[2] ?? 'pt'] as number);
};

/** A length, or "auto" (null): as tall as the content. */
export const lengthOrAuto: ValueParser<number | null> = (raw) => (raw.trim() === 'auto' ? null : length(raw));

/** One to four lengths in CSS order: top, right, bottom, left. */
export const edges: ValueParser<Edges> = (raw) => {
  const parts = raw.trim().split(/\s+/).map(length);
  const [top, right = top, bottom = top, left = right] = parts as [number, number?, number?, number?];
  if (parts.length > 4) throw new Error(`"${raw}" has more than four lengths`);
  return { top, right: right as number, bottom: bottom as number, left: left as number };
};

export const color: ValueParser<string> = (raw) => {
  const value = raw.trim();
  if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) throw new Error(`"${raw}" is not a hex color such as #0F766E`);
  const digits = value.slice(1);
  return `#${(digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits).toUpperCase()}`;
};

export const positiveNumber: ValueParser<number> = (raw) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`"${raw}" is not a positive number`);
  return value;
};

export const integer: ValueParser<number> = (raw) => {
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`"${raw}" is not a whole number`);
  return value;
};

export const text: ValueParser<string> = (raw) => raw;

export const positiveInteger: ValueParser<number> = (raw) => {
  const value = integer(raw);
  if (value < 1) throw new Error(`"${raw}" is not a whole number of at least 1`);
  return value;
};

/** A BCP 47 language tag such as en, es or pt-BR, that the PDF and the date printer both accept. */
export const language: ValueParser<string> = (raw) => {
  const value = raw.trim();
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value) || !isKnownLocaleForm(value))
    throw new Error(`"${raw}" is not a language such as en or pt-BR`);
  return value;
};

export const boolean: ValueParser<boolean> = (raw) => {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`"${raw}" is not true or false`);
};

export function oneOf<T extends string>(...options: T[]): ValueParser<T> {
  return (raw) => {
    if ((options as string[]).includes(raw)) return raw as T;
    throw new Error(`"${raw}" is not one of ${options.join(', ')}`);
  };
}

export const align = oneOf<Align>('left', 'center', 'right', 'justify');

/** A cell width: a length, or a percentage of the row. */
export const cellWidth: ValueParser<{ points: number } | { fraction: number }> = (raw) => {
  const percent = /^\s*(\d+(?:\.\d+)?)%\s*$/.exec(raw);
  if (percent) {
    const fraction = Number(percent[1]) / 100;
    if (fraction <= 0 || fraction > 1) throw new Error(`"${raw}" must be between 0% and 100%`);
    return { fraction };
  }
  return { points: length(raw) };
};

export const pageSizes: Record<string, { width: number; height: number }> = {
  Letter: { width: 612, height: 792 },
  A4: { width: 595.28, height: 841.89 },
};
