/** Languages whose orthography repeats a compound's hyphen at the start of the next line ("Segunda-/-feira"). */
const repeating = new Set(['pt', 'es', 'ca', 'gl']);

/** Whether a line broken after this text (a word ending in a written hyphen) starts the next with the hyphen again. */
export function repeatsHyphen(text: string, lang: string): boolean {
  return /[\p{L}\p{N}][-\u2010]$/u.test(text) && repeating.has(lang.toLowerCase().split('-')[0] ?? '');
}
