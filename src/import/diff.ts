import { diffWords } from 'diff';

/** Words of context shown before each change. */
const context = 6;
/** Changed words past which the comparison stops: its work grows with the page's words times this. */
const maxChanges = 2000;

/**
 * The page's words against the article's: every run of words the import dropped (-) or added (+), each
 * after the words it follows, so a reader can check that no prose was lost. Spacing and line breaks are
 * not changes.
 */
export function describeChanges(pageText: string, articleText: string): string {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const parts = diffWords(squash(pageText), squash(articleText), { maxEditLength: maxChanges });
  if (!parts) return `  (more than ${maxChanges.toLocaleString('en-US')} words differ: too many to list)\n`;
  const lines: string[] = [];
  let before = '';
  for (const part of parts) {
    const words = part.value.trim();
    if (!part.added && !part.removed) {
      before = part.value;
      continue;
    }
    if (!words) continue;
    const lead = squash(before).split(' ').slice(-context).join(' ');
    lines.push(`  after "${lead ? `…${lead}` : '(the start)'}":`, `${part.removed ? '-' : '+'} ${words}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '  (the article has every word of the page, and no other)\n';
}
