import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { assertInside, type PinnedFolder } from '../batch/output-folder.js';
import { writeFileAtomic } from '../batch/write.js';
import type { DiagnosticCode } from '../codes.js';
import { DrawRefused } from './pdf-bounds.js';
import { openPdf } from './rasterize.js';

/** One PDF to draw as page images. */
export interface DrawTask {
  readonly pdf: string;
  readonly dpi: number;
  /** Folder for page-N.png. */
  readonly dir: string;
  /** The output folder as the run took it: nothing is written or removed outside it. */
  readonly folder?: PinnedFolder | undefined;
}

export interface DrawnPage {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly widthPt: number;
  readonly heightPt: number;
}

export type DrawResult = { readonly type: 'drawn'; readonly pages: readonly DrawnPage[] } | DrawFailed;

/** A PDF not drawn: `code` for a refusal or a stopped worker, null for anything else (the caller's own code). */
export interface DrawFailed {
  readonly type: 'failed';
  readonly code: DiagnosticCode | null;
  readonly message: string;
}

/** What a drawing that threw becomes: a refusal keeps its code. */
export function drawFailed(error: unknown): DrawFailed {
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'failed', code: error instanceof DrawRefused ? error.code : null, message };
}

export const pageName = (number: number) => `page-${number}.png`;

/** Draw every page of one PDF into its folder; pages left from a longer earlier version are removed. */
export async function drawProof(task: DrawTask): Promise<DrawResult> {
  try {
    const pages: DrawnPage[] = [];
    const pdf = await openPdf(readFileSync(task.pdf));
    try {
      for (let number = 1; number <= pdf.pages; number++) {
        const page = await pdf.draw(number, task.dpi);
        const name = pageName(number);
        // Synchronous on purpose: the asynchronous encode() of @napi-rs/canvas 0.1 crashed (SIGSEGV) in long runs.
        writeFileAtomic(join(task.dir, name), page.canvas.encodeSync('png'), task.folder);
        pages.push({
          name,
          width: page.canvas.width,
          height: page.canvas.height,
          widthPt: page.widthPt,
          heightPt: page.heightPt,
        });
      }
    } finally {
      await pdf.close();
    }
    removeExtraPages(task.dir, pages.length, task.folder);
    return { type: 'drawn', pages };
  } catch (error) {
    return drawFailed(error);
  }
}

function removeExtraPages(dir: string, total: number, folder: PinnedFolder | undefined): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const match = /^page-(\d+)\.png$/.exec(name);
    if (!match || Number(match[1]) <= total) continue;
    if (folder) assertInside(folder, join(dir, name));
    rmSync(join(dir, name), { force: true });
  }
}
