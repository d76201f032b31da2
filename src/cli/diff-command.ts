import { relative } from 'node:path';
import { diffBuilds } from '../diff/index.js';
import { formatProblem, HandoutError } from '../errors.js';
import type { CliIo } from './io.js';

export interface DiffArgs {
  readonly old: string;
  readonly new: string;
  readonly report: string | null;
  readonly threshold: number;
  readonly dpi: number;
  readonly jobs: number | undefined;
  readonly json: boolean;
}

/** `handout diff OLD NEW`: 0 nothing changed beyond the threshold, 1 something did (or could not be compared), 2 usage. */
export async function runDiff(args: DiffArgs, io: CliIo): Promise<number> {
  const shown = (file: string) => relative(io.cwd, file) || '.';
  let report: Awaited<ReturnType<typeof diffBuilds>>;
  try {
    report = await diffBuilds(args);
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    for (const p of error.problems()) io.stderr(`${formatProblem({ ...p, file: shown(p.file) })}\n`);
    return 2;
  }
  for (const e of report.errors) io.stderr(`${formatProblem({ ...e, file: shown(e.file) })}\n`);
  if (args.json) {
    io.stdout(
      `${JSON.stringify({ ...report, old: shown(report.old), new: shown(report.new), reportFile: report.reportFile && shown(report.reportFile), errors: report.errors.map((e) => ({ ...e, file: shown(e.file) })) })}\n`,
    );
  } else {
    for (const o of report.outputs) {
      if (o.status === 'unchanged') continue;
      const pages = o.pages.filter((p) => p.status !== 'same').map((p) => p.page);
      const what =
        o.status === 'changed'
          ? pages.length > 0
            ? `page ${pages.join(', ')}, up to ${(o.ratio * 100).toFixed(2)}% of a page${o.significant ? '' : ' (within the threshold)'}`
            : 'bytes only, no visible change'
          : `${o.status === 'added' ? o.newPages : o.oldPages} pages`;
      io.stdout(`${o.status.padEnd(9)} ${o.output}  ${what}\n`);
    }
    const { counts } = report;
    io.stdout(
      `${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${counts.unchanged} unchanged${report.reportFile ? `; report: ${shown(report.reportFile)}` : ''}\n`,
    );
  }
  return report.changed ? 1 : 0;
}
