import { diffArrays } from 'diff';
import type { TextChange } from './types.js';

const contextWords = 6;
const maxChanges = 40;
const maxWords = 60;

/** Where the words of two versions differ: each place with what was removed, what was added, and a little context. */
export function textChanges(before: readonly string[], after: readonly string[]): TextChange[] {
  const parts = diffArrays([...before], [...after]);
  const changes: TextChange[] = [];
  const clip = (words: readonly string[]) =>
    words.length > maxWords ? `${words.slice(0, maxWords).join(' ')} …` : words.join(' ');
  for (let i = 0; i < parts.length && changes.length < maxChanges; i++) {
    const part = parts[i];
    if (!part || (!part.added && !part.removed)) continue;
    // A removal followed by an addition is one replacement.
    const next = parts[i + 1];
    const removed = part.removed ? part.value : [];
    const added = part.added ? part.value : next?.added && part.removed ? next.value : [];
    const start = i;
    if (part.removed && next?.added) i++;
    const previous = parts
      .slice(0, start)
      .reverse()
      .find((p) => !p.added && !p.removed);
    const following = parts.slice(i + 1).find((p) => !p.added && !p.removed);
    changes.push({
      before: (previous?.value ?? []).slice(-contextWords).join(' '),
      removed: clip(removed),
      added: clip(added),
      after: (following?.value ?? []).slice(0, contextWords).join(' '),
    });
  }
  return changes;
}
