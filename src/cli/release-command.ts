import { HandoutError } from '../errors.js';
import type { ReleaseOptions, ReleaseReport } from '../release/index.js';
import type { CliIo } from './io.js';
import { groupedText, printDiagnostics, printJson, shownPath } from './report.js';

/** `handout release`: 0 written, 1 an output failed (nothing written), 2 usage (the folder exists, a bad --since). */
export async function runRelease(options: ReleaseOptions, json: boolean, io: CliIo): Promise<number> {
  const { releaseProject } = await import('../release/index.js');
  let report: ReleaseReport;
  try {
    report = await releaseProject(options);
  } catch (error) {
    if (!(error instanceof HandoutError)) throw error;
    const code = error.code === 'release-exists' || error.code === 'release-baseline' ? 2 : 1;
    if (json) printJson(io, 'release', code, error.problems(), {});
    else printDiagnostics(error.problems(), io);
    return code;
  }
  const { record, changes } = report;
  const diagnostics = [...report.build.warnings, ...report.build.notes, ...report.notes];
  if (json) {
    printJson(io, 'release', 0, diagnostics, {
      dir: shownPath(report.dir, io),
      version: record.version,
      since: changes.since,
      outputs: record.outputs.length,
      built: report.build.outputs.length,
      upToDate: report.build.upToDate,
      zips: record.zips.map((z) => z.path),
      added: changes.added,
      removed: changes.removed,
      changed: changes.changed.map((c) => c.path),
    });
    return 0;
  }
  io.stderr(groupedText(diagnostics, io, false));
  const since = changes.since
    ? `since ${changes.since}: ${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed`
    : 'first release';
  io.stdout(
    `release ${record.version}: ${record.outputs.length} handouts, ${record.zips.length} zips in ${shownPath(report.dir, io)} (${since})\n`,
  );
  return 0;
}
