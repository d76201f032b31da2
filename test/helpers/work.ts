/**
 * A deterministic measure of the work a synchronous call does, for checking that it grows in proportion to
 * its input (tests never assert timings): the characters regular expressions and string searches scan, and
 * the array elements that indexOf, includes, splice, shift and unshift scan or move. These are where
 * JavaScript code hides quadratic time (a growing string searched again and again, an array spliced one
 * element at a time); the same code on twice the input should do about twice the work.
 */
export function workOf<T>(run: () => T): { readonly result: T; readonly work: number } {
  let work = 0;
  const array = Array.prototype;
  const string = String.prototype;
  const originals = {
    exec: RegExp.prototype.exec,
    splice: array.splice,
    shift: array.shift,
    unshift: array.unshift,
    arrayIndexOf: array.indexOf,
    arrayIncludes: array.includes,
    stringIndexOf: string.indexOf,
    stringIncludes: string.includes,
    replace: string.replace,
    replaceAll: string.replaceAll,
    split: string.split,
  };
  const scanned = (self: unknown) => (typeof self === 'string' || Array.isArray(self) ? self.length : 0);
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const match = originals.exec.call(this, input);
    // A sticky expression (as split uses) tries one position only: a miss costs about one character.
    const end = match ? match.index + match[0].length : this.sticky ? start : String(input).length;
    work += end - start + 1;
    return match;
  };
  array.splice = function (this: unknown[], ...args: unknown[]) {
    work += this.length + 1;
    return (originals.splice as (...a: unknown[]) => unknown[]).apply(this, args);
  } as typeof array.splice;
  array.shift = function (this: unknown[]) {
    work += this.length + 1;
    return originals.shift.call(this);
  };
  array.unshift = function (this: unknown[], ...items: unknown[]) {
    work += this.length + 1;
    return originals.unshift.apply(this, items);
  };
  array.indexOf = function (this: unknown[], item: unknown, from?: number) {
    const found = originals.arrayIndexOf.call(this, item, from);
    work += (found >= 0 ? found + 1 : this.length) + 1;
    return found;
  };
  array.includes = function (this: unknown[], item: unknown, from?: number) {
    const found = originals.arrayIndexOf.call(this, item, from);
    work += (found >= 0 ? found + 1 : this.length) + 1;
    return originals.arrayIncludes.call(this, item, from);
  };
  // String methods with a string pattern (a regular expression is counted by exec).
  string.indexOf = function (this: string, ...args: [string, number?]) {
    work += scanned(this) + 1;
    return originals.stringIndexOf.apply(this, args);
  };
  string.includes = function (this: string, ...args: [string, number?]) {
    work += scanned(this) + 1;
    return originals.stringIncludes.apply(this, args);
  };
  string.replace = function (this: string, pattern: unknown, replacement: unknown) {
    if (!(pattern instanceof RegExp)) work += scanned(this) + 1;
    return (originals.replace as (...a: unknown[]) => string).call(this, pattern, replacement);
  } as typeof string.replace;
  string.replaceAll = function (this: string, pattern: unknown, replacement: unknown) {
    if (!(pattern instanceof RegExp)) work += scanned(this) + 1;
    return (originals.replaceAll as (...a: unknown[]) => string).call(this, pattern, replacement);
  } as typeof string.replaceAll;
  string.split = function (this: string, separator: unknown, limit?: number) {
    if (!(separator instanceof RegExp)) work += scanned(this) + 1;
    return (originals.split as (...a: unknown[]) => string[]).call(this, separator, limit);
  } as typeof string.split;
  try {
    return { result: run(), work };
  } finally {
    RegExp.prototype.exec = originals.exec;
    Object.assign(array, {
      splice: originals.splice,
      shift: originals.shift,
      unshift: originals.unshift,
      indexOf: originals.arrayIndexOf,
      includes: originals.arrayIncludes,
    });
    Object.assign(string, {
      indexOf: originals.stringIndexOf,
      includes: originals.stringIncludes,
      replace: originals.replace,
      replaceAll: originals.replaceAll,
      split: originals.split,
    });
  }
}
