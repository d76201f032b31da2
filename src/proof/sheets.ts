import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assertPinned, type PinnedFolder } from '../batch/output-folder.js';
import { drawSheet, removeSheetImages, type ThumbnailCache } from './sheet-draw.js';
import { layoutSheet, type SheetItem } from './sheet-layout.js';
import type { ProofStore } from './store.js';
import type { ContactSheet, ProofOutput } from './types.js';

export interface SheetOptions {
  readonly proofDir: string;
  readonly dpi: number;
  readonly pages: 'first' | 'all';
  readonly force: boolean;
  /** The output folder as the run took it: nothing is written or removed outside it. */
  readonly folder?: PinnedFolder | undefined;
}

/** One contact sheet per clinic and per article; a sheet is redrawn only when what it shows changed. */
export async function drawSheets(
  outputs: readonly ProofOutput[],
  options: SheetOptions,
  store: ProofStore,
): Promise<ContactSheet[]> {
  const groups = [
    ...groupBy(outputs, (o) => o.clinic).map(([id, members]) => ({ kind: 'clinic' as const, id, members })),
    ...groupBy(outputs, (o) => o.article).map(([id, members]) => ({ kind: 'article' as const, id, members })),
  ];
  const sheets: ContactSheet[] = [];
  const thumbnails: ThumbnailCache = new Map();
  for (const { kind, id, members } of groups) {
    const items = [...members].sort(byLabel(kind)).flatMap((output) => itemsOf(output, kind, options.pages));
    const name = `${kind}-${id}`;
    const key = createHash('sha256')
      .update(JSON.stringify([options.dpi, options.pages, members.map((m) => [m.output, m.sha256])]))
      .digest('hex');
    const stored = store.sheets[name];
    const base = join(options.proofDir, 'sheets', name);
    const fresh =
      !options.force &&
      stored?.key === key &&
      [...stored.images, stored.pdf].every((file) => existsSync(join(options.proofDir, file)));
    const labels = items.map((item) => `${item.label} · ${item.detail}`);
    if (fresh) {
      const absolute = (file: string) => join(options.proofDir, file);
      sheets.push({ kind, id, images: stored.images.map(absolute), pdf: absolute(stored.pdf), labels, drawn: false });
      continue;
    }
    // Its thumbnails are read from the page images: only while the folder is still the one the run took.
    if (options.folder) assertPinned(options.folder, base);
    const title = `Contact sheet: ${kind} ${id}${options.pages === 'all' ? ', every page' : ', page 1 of each handout'}`;
    const files = await drawSheet(layoutSheet(title, items), base, thumbnails, options.folder);
    const relativeTo = (file: string) => relative(options.proofDir, file);
    if (stored)
      removeSheetImages(
        stored.images.map((f) => join(options.proofDir, f)),
        files.images,
        options.folder,
      );
    store.sheets[name] = { key, images: files.images.map(relativeTo), pdf: relativeTo(files.pdf), labels };
    sheets.push({ kind, id, images: files.images, pdf: files.pdf, labels, drawn: true });
  }
  return sheets;
}

/** A clinic's sheet labels thumbnails by article, an article's by clinic; the template and page follow. */
function itemsOf(output: ProofOutput, kind: 'clinic' | 'article', pages: 'first' | 'all'): SheetItem[] {
  const shown = pages === 'all' ? output.pages : output.pages.slice(0, 1);
  return shown.map((page, index) => ({
    image: page.file,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    label: kind === 'clinic' ? output.article : output.clinic,
    detail: `${output.template} · p. ${index + 1} of ${output.pages.length}`,
  }));
}

/** By the thumbnail's label, then the standard handout before the other templates. */
function byLabel(kind: 'clinic' | 'article') {
  const label = (o: ProofOutput) => (kind === 'clinic' ? o.article : o.clinic);
  const rank = (o: ProofOutput) => (o.template === 'handout' ? '' : o.template);
  return (a: ProofOutput, b: ProofOutput) => label(a).localeCompare(label(b)) || rank(a).localeCompare(rank(b));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
