import { diffBuilds } from '../diff/index.js';
import { HandoutError } from '../errors.js';
import type { CliIo } from './io.js';
import { printDiagnostics, printJson, shownPath } from './report.js';

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
  const shown = (file: string) => shownPath(file, io);
  let report: Awaited<ReturnType<typeof diffBuilds>>;
  try {
    report = await diffBuilds(args);
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    printDiagnostics(error.problems(), io);
    return 2;
  }
  const code = report.significant ? 1 : 0;
  if (args.json) {
    const { errors, ...fields } = report;
    printJson(io, 'diff', code, errors, {
      ...fields,
      old: shown(report.old),
      new: shown(report.new),
      reportFile: report.reportFile && shown(report.reportFile),
    });
  } else {
    printDiagnostics(report.errors, io);
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
  return code;
}
