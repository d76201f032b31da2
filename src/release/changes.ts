import { existsSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { textChanges } from '../diff/words.js';
import type { Baseline } from './baseline.js';
import type { PdfReader } from './pages.js';
import type { ChangedOutput, ReleaseChanges, ReleasedOutput, ReleaseRecord } from './types.js';

/** How many word changes an output lists in CHANGES.md. */
const wordsPerOutput = 5;

/**
 * What changed since the baseline, output by output. An output changed when what it was built from changed
 * (its sources) or when the words of a page did; the version stamp is masked, so it alone changes nothing.
 */
export async function releaseChanges(
  record: ReleaseRecord,
  pdfs: ReadonlyMap<string, Uint8Array>,
  baseline: Baseline | null,
  reader: PdfReader | null,
): Promise<ReleaseChanges> {
  const before = new Map((baseline?.record.outputs ?? []).map((o) => [o.path, o]));
  const after = new Map(record.outputs.map((o) => [o.path, o]));
  const changed: ChangedOutput[] = [];
  let unchanged = 0;
  for (const output of record.outputs) {
    const old = before.get(output.path);
    if (!old) continue;
    const pages = changedPages(old, output);
    const sourceChanged = old.source !== output.source;
    // Without page text on both sides (made without pdf.js), the sources alone decide.
    const sameWords = pages === null || (pages.length === 0 && old.pages === output.pages);
    if (!sourceChanged && sameWords) {
      unchanged++;
      continue;
    }
    const words = reader && baseline ? await wordChanges(baseline, old, pdfs.get(output.path), record, reader) : null;
    changed.push({
      path: output.path,
      clinic: output.clinic,
      article: output.article,
      template: output.template,
      pages,
      oldPages: old.pages,
      newPages: output.pages,
      words,
    });
  }
  return {
    version: record.version,
    since: baseline?.record.version ?? null,
    added: record.outputs.filter((o) => !before.has(o.path)).map((o) => o.path),
    removed: [...before.keys()].filter((path) => !after.has(path)).sort(),
    changed,
    unchanged,
  };
}

/** Pages whose words differ (a page only one version has counts); null when either side has no page text. */
function changedPages(old: ReleasedOutput, next: ReleasedOutput): number[] | null {
  if (!old.pageText || !next.pageText) return null;
  const count = Math.max(old.pageText.length, next.pageText.length);
  const pages: number[] = [];
  for (let i = 0; i < count; i++) if (old.pageText[i] !== next.pageText[i]) pages.push(i + 1);
  return pages;
}

/** The words removed and added, when the previous release's PDF is in its folder (it is not when only release.json was fetched). */
async function wordChanges(
  baseline: Baseline,
  old: ReleasedOutput,
  pdf: Uint8Array | undefined,
  record: ReleaseRecord,
  reader: PdfReader,
): Promise<ChangedOutput['words']> {
  const oldFile = resolve(baseline.dir, old.path);
  if (!pdf || !oldFile.startsWith(`${resolve(baseline.dir)}${sep}`) || !existsSync(oldFile)) return null;
  const [before, after] = [
    await reader(readFileSync(oldFile), [baseline.record.version]),
    await reader(pdf, [record.version]),
  ];
  // The same replacement on every page (a phone number in the footer) is told once, with how often.
  const counted = new Map<string, { removed: string; added: string; times: number }>();
  for (const { removed, added } of textChanges(before.words.flat(), after.words.flat())) {
    const key = JSON.stringify([removed, added]);
    const seen = counted.get(key);
    counted.set(key, { removed, added, times: (seen?.times ?? 0) + 1 });
  }
  return [...counted.values()].slice(0, wordsPerOutput);
}

/** CHANGES.md: what a clinic manager reads to know what to reprint. */
export function changesMarkdown(changes: ReleaseChanges): string {
  const lines = [`# Changes in ${changes.version}`, ''];
  if (!changes.since) lines.push('First release: every handout is new.', '');
  else
    lines.push(
      `Since ${changes.since}: ${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed, ${changes.unchanged} unchanged.`,
      '',
    );
  const list = (title: string, paths: readonly string[]) => {
    if (paths.length === 0) return;
    lines.push(`## ${title}`, '', ...paths.map((p) => `- ${p}`), '');
  };
  list('Added', changes.added);
  list('Removed', changes.removed);
  if (changes.changed.length > 0) lines.push('## Changed', '');
  for (const c of changes.changed) {
    const pages =
      c.pages === null
        ? 'pages not compared'
        : c.pages.length === 0
          ? 'same words, other look (a clinic colour, logo or the template)'
          : `${c.pages.length === 1 ? 'page' : 'pages'} ${c.pages.join(', ')}`;
    const count = c.oldPages !== c.newPages ? `; ${c.oldPages} → ${c.newPages} pages` : '';
    lines.push(`- ${c.path}: ${pages}${count}`);
    for (const w of c.words ?? [])
      lines.push(
        `  - ${w.removed ? `“${w.removed}”` : '(nothing)'} → ${w.added ? `“${w.added}”` : '(removed)'}${w.times > 1 ? ` (${w.times} times)` : ''}`,
      );
  }
  if (changes.changed.length > 0) lines.push('');
  return `${lines.join('\n')}\n`;
}
