/**
 * Writing systems a font may cover: a few everyday letters of each (a face "covers" a script when it has
 * them all), and the Debian font that covers it, for the remedy a missing-glyph error names.
 */
export interface Script {
  /** The Unicode script name ("Han", "Arabic"), as \p{Script=...} spells it. */
  readonly name: string;
  readonly sample: readonly number[];
  /** A font that covers the script and the Debian package that has it. */
  readonly font: string;
  readonly pkg: string;
}

const cps = (text: string) => [...text].map((c) => c.codePointAt(0) as number);
const noto = (name: string, pkg = 'fonts-noto-core') => ({ font: name, pkg });

export const scripts: readonly Script[] = [
  { name: 'Latin', sample: cps('AaZzéßñ'), ...noto('Noto Sans') },
  { name: 'Greek', sample: cps('ΑαΩω'), ...noto('Noto Sans') },
  { name: 'Cyrillic', sample: cps('АаЯяЖж'), ...noto('Noto Sans') },
  { name: 'Armenian', sample: cps('Աա'), ...noto('Noto Sans Armenian') },
  { name: 'Hebrew', sample: cps('אבש'), ...noto('Noto Sans Hebrew') },
  { name: 'Arabic', sample: cps('ابتي'), ...noto('Noto Sans Arabic') },
  { name: 'Devanagari', sample: cps('कखह'), ...noto('Noto Sans Devanagari') },
  { name: 'Bengali', sample: cps('কখহ'), ...noto('Noto Sans Bengali') },
  { name: 'Gurmukhi', sample: cps('ਕਖ'), ...noto('Noto Sans Gurmukhi') },
  { name: 'Tamil', sample: cps('கங'), ...noto('Noto Sans Tamil') },
  { name: 'Thai', sample: cps('กขฮ'), ...noto('Noto Sans Thai') },
  { name: 'Lao', sample: cps('ກຂ'), ...noto('Noto Sans Lao') },
  { name: 'Khmer', sample: cps('កខ'), ...noto('Noto Sans Khmer') },
  { name: 'Myanmar', sample: cps('ကခ'), ...noto('Noto Sans Myanmar') },
  { name: 'Georgian', sample: cps('აბ'), ...noto('Noto Sans Georgian') },
  { name: 'Ethiopic', sample: cps('ሀለ'), ...noto('Noto Sans Ethiopic') },
  { name: 'Hangul', sample: cps('한글'), ...noto('Noto Sans CJK KR', 'fonts-noto-cjk') },
  { name: 'Hiragana', sample: cps('あいう'), ...noto('Noto Sans CJK JP', 'fonts-noto-cjk') },
  { name: 'Katakana', sample: cps('アイウ'), ...noto('Noto Sans CJK JP', 'fonts-noto-cjk') },
  { name: 'Han', sample: cps('中文字'), ...noto('Noto Sans CJK SC', 'fonts-noto-cjk') },
];

/** Patterns by script, built once: \p{Script=...} is Unicode's own assignment, kept current by the engine. */
const patterns = scripts.map((s) => ({ script: s, pattern: new RegExp(`^\\p{Script=${s.name}}`, 'u') }));

/** The script of a character, or null for symbols, digits and punctuation shared by every script. */
export function scriptOf(char: string): Script | null {
  const found = patterns.find(({ pattern }) => pattern.test(char))?.script;
  if (found) return found;
  // CJK punctuation and full-width forms are "Common" to Unicode, but only CJK fonts have them.
  return cjkPunctuation.test(char) ? (scripts.find((s) => s.name === 'Han') ?? null) : null;
}

const cjkPunctuation = /^[\u3000-\u303F\uFF00-\uFFEF]/u;

/** Han is written in several ways: the article's language says which face of a CJK font draws it right. */
export function hanVariant(lang: string): { label: string; font: string } {
  const tag = lang.toLowerCase();
  if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) {
    const hk = /^zh-(hk|mo)\b/.test(tag);
    return { label: 'Traditional Chinese', font: hk ? 'Noto Sans CJK HK' : 'Noto Sans CJK TC' };
  }
  if (tag.startsWith('zh')) return { label: 'Simplified Chinese', font: 'Noto Sans CJK SC' };
  if (tag.startsWith('ja')) return { label: 'Japanese', font: 'Noto Sans CJK JP' };
  if (tag.startsWith('ko')) return { label: 'Korean', font: 'Noto Sans CJK KR' };
  return { label: 'Chinese characters', font: 'Noto Sans CJK SC' };
}
