/** Languages written right to left (ISO 639 codes): Arabic, Persian, Urdu, Pashto, Sindhi, Kurdish (Sorani), Uyghur, Dhivehi, Hebrew, Yiddish, Syriac. */
const rightToLeft = new Set(['ar', 'fa', 'ur', 'ps', 'sd', 'ckb', 'ug', 'dv', 'he', 'iw', 'yi', 'syr']);

/** The direction a language is written in, from its tag ("ar-EG" → rtl); a script subtag decides when given ("az-Arab"). */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  const [language = '', ...subtags] = lang.toLowerCase().split('-');
  const script = subtags.find((s) => s.length === 4);
  if (script) return ['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg'].includes(script) ? 'rtl' : 'ltr';
  return rightToLeft.has(language) ? 'rtl' : 'ltr';
}
